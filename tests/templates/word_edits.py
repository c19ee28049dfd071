"""Mistakes typed into a real template the way Word and LibreOffice store them.

A person who retypes a tag in Word does not leave one tidy run: Word splits the text over runs
with new revision ids (rsids), wraps a misspelt word in proofing marks, and keeps bookmarks in
the middle. LibreOffice splits it over spans. These functions make the same XML from the
shipped templates (templates/referral.docx and .odt), so tests meet what staff really send.

    pkg = Package.load(SOURCE / "templates/referral.docx")
    pkg.mistype("{{child.religion | default:\"Not recorded\"}}", "{{child.religon}}")
    pkg.save(tmp / "broken.docx")

Everything edits the XML as text: the templates are ours and their shapes are known, and the
test must not depend on a library that would tidy the XML up.
"""

import html
import re
import zipfile
from pathlib import Path

W_RUN = '<w:r w:rsidR="{rsid}"><w:rPr/><w:t xml:space="preserve">{text}</w:t></w:r>'
RSIDS = ["00A41C2E", "00B7D913", "00C3F0A8", "00D58E21", "00E91B74"]


def word_pieces(typed):
    """Where Word splits a retyped tag: after the opening braces, at a dot, before the close."""
    pieces = []
    rest = typed
    for cut in ("{{", "."):
        at = rest.find(cut)
        if at > 0 or (cut == "{{" and at == 0):
            end = at + len(cut)
            pieces.append(rest[:end])
            rest = rest[end:]
    close = rest.rfind("}}")
    if close > 0:
        pieces.extend([rest[:close], rest[close:]])
    else:
        pieces.append(rest)
    return [piece for piece in pieces if piece]


def docx_runs(typed):
    """Runs Word writes for `typed`: new rsids, a misspelt word in proofing marks, a bookmark."""
    runs = []
    for index, piece in enumerate(word_pieces(typed)):
        run = W_RUN.format(rsid=RSIDS[index % len(RSIDS)], text=html.escape(piece, quote=False))
        if index == 1:
            run = ('<w:proofErr w:type="spellStart"/>' + run + '<w:proofErr w:type="spellEnd"/>'
                   '<w:bookmarkStart w:id="90" w:name="_GoBack"/><w:bookmarkEnd w:id="90"/>')
        runs.append(run)
    return "".join(runs)


def odt_spans(typed):
    """Spans LibreOffice writes when a tag is retyped with its autocorrect on."""
    return "".join(f'<text:span text:style-name="T{90 + index}">{html.escape(piece, quote=False)}'
                   "</text:span>" for index, piece in enumerate(word_pieces(typed)))


class Package:
    """A DOCX or ODT held as its entries; edits are made to the XML text."""

    def __init__(self, entries, order, is_odt):
        self.entries = entries
        self.order = order
        self.is_odt = is_odt

    @classmethod
    def load(cls, path):
        with zipfile.ZipFile(path) as archive:
            order = archive.namelist()
            entries = {name: archive.read(name) for name in order}
        return cls(entries, order, "mimetype" in entries)

    @property
    def main(self):
        return "content.xml" if self.is_odt else "word/document.xml"

    def read(self, name):
        return self.entries[name].decode("utf-8")

    def write(self, name, text):
        if name not in self.entries:
            self.order.append(name)
        self.entries[name] = text.encode("utf-8")

    def save(self, path):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.order:
                # ODF wants its mimetype first and stored.
                kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                archive.writestr(name, self.entries[name], compress_type=kind)
        return Path(path)

    def _add_docx_part(self, name, xml, kind, relationship_id):
        """A new part word/NAME of `kind` ("footnotes", "header"): the part, its content type
        and the document's relationship to it, as Word adds one."""
        self.write(f"word/{name}", xml)
        types = self.read("[Content_Types].xml").replace(
            "</Types>", f'<Override PartName="/word/{name}" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/></Types>')
        self.write("[Content_Types].xml", types)
        rels = self.read("word/_rels/document.xml.rels").replace(
            "</Relationships>", f'<Relationship Id="{relationship_id}" Type="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>'
            "</Relationships>")
        self.write("word/_rels/document.xml.rels", rels)

    # -- typing ---------------------------------------------------------------------------

    def mistype(self, existing, typed, part=None, occurrence=1):
        """Replaces the `occurrence`th `existing` text (a tag of the template, as it reads in
        the document) by `typed`, split the way Word or LibreOffice splits retyped text."""
        part = part or self.main
        xml = self.read(part)
        # Word writes quotes as they are, LibreOffice as &quot;.
        escaped = html.escape(existing, quote=False)
        if escaped not in xml:
            escaped = html.escape(existing, quote=True).replace("&#x27;", "'")
        at = -1
        for _ in range(occurrence):
            at = xml.find(escaped, at + 1)
            if at < 0:
                raise AssertionError(f"{existing!r} is not in {part} ({occurrence})")
        if self.is_odt:
            xml = xml[:at] + odt_spans(typed) + xml[at + len(escaped):]
        else:
            # The text sits in <w:r><w:rPr/>?<w:t>…</w:t></w:r>: split that run in three.
            run_start = xml.rfind("<w:r>", 0, at)
            run_start_attr = xml.rfind("<w:r ", 0, at)
            run_start = max(run_start, run_start_attr)
            run_end = xml.find("</w:r>", at) + len("</w:r>")
            run = xml[run_start:run_end]
            text_open = re.search(r"<w:t(?: [^>]*)?>", run)
            inner_at = at - run_start
            before = run[text_open.end():inner_at]
            after = run[inner_at + len(escaped):run.find("</w:t>")]
            head = run[:text_open.start()]
            keep = (lambda text: head + '<w:t xml:space="preserve">' + text + "</w:t></w:r>"
                    if text else "")
            xml = (xml[:run_start] + keep(before) + docx_runs(typed) + keep(after) +
                   xml[run_end:])
        self.write(part, xml)
        return self

    def replace_text(self, existing, replacement, part=None):
        """Plain replacement of XML text (for shapes no person types, such as a link)."""
        part = part or self.main
        xml = self.read(part)
        if existing not in xml:
            raise AssertionError(f"{existing!r} is not in {part}")
        self.write(part, xml.replace(existing, replacement, 1))
        return self

    # -- places ---------------------------------------------------------------------------

    def add_paragraph_after(self, existing, typed, part=None):
        """A new paragraph holding `typed`, after the paragraph that holds `existing`."""
        part = part or self.main
        xml = self.read(part)
        at = xml.find(html.escape(existing, quote=False))
        if at < 0:
            raise AssertionError(f"{existing!r} is not in {part}")
        if self.is_odt:
            # A heading is a text:h: the new paragraph goes after it, not into what follows.
            end = min(i for i in (xml.find("</text:p>", at), xml.find("</text:h>", at)) if i >= 0)
            end += len("</text:p>")
        else:
            end = xml.find("</w:p>", at) + len("</w:p>")
        paragraph = (f'<text:p text:style-name="P5">{odt_spans(typed)}</text:p>' if self.is_odt
                     else f'<w:p w:rsidR="00A41C2E">{docx_runs(typed)}</w:p>')
        self.write(part, xml[:end] + paragraph + xml[end:])
        return self

    def add_footnote(self, existing, typed):
        """A footnote whose text is `typed`, its mark after the paragraph text `existing`."""
        if self.is_odt:
            note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1'
                    '</text:note-citation><text:note-body><text:p text:style-name="P5">'
                    f"{odt_spans(typed)}</text:p></text:note-body></text:note>")
            xml = self.read(self.main)
            if html.escape(existing, quote=False) not in xml:
                raise AssertionError(f"{existing!r} is not in {self.main}")
            at = xml.find(html.escape(existing, quote=False)) + len(html.escape(existing, quote=False))
            self.write(self.main, xml[:at] + note + xml[at:])
            return self
        notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 '<w:continuationSeparator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p>{docx_runs(typed)}</w:p></w:footnote></w:footnotes>')
        self._add_docx_part("footnotes.xml", notes, "footnotes", "rId90")
        xml = self.read(self.main)
        escaped = html.escape(existing, quote=False)
        at = xml.find(escaped)
        end = xml.find("</w:r>", at) + len("</w:r>")
        mark = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>')
        self.write(self.main, xml[:end] + mark + xml[end:])
        return self

    def add_text_box(self, existing, typed):
        """A text box holding `typed`, anchored in the paragraph with `existing`. Word keeps
        two copies (DrawingML and its VML fallback); LibreOffice a frame."""
        escaped = html.escape(existing, quote=False)
        xml = self.read(self.main)
        at = xml.find(escaped)
        if self.is_odt:
            close = xml.find("</text:p>", at)
            frame = ('<draw:frame draw:name="Box 1" text:anchor-type="paragraph" svg:width="6cm" '
                     'svg:height="2cm"><draw:text-box><text:p text:style-name="P5">'
                     f"{odt_spans(typed)}</text:p></draw:text-box></draw:frame>")
            self.write(self.main, xml[:close] + frame + xml[close:])
            return self
        end = xml.find("</w:r>", at) + len("</w:r>")
        content = f"<w:txbxContent><w:p>{docx_runs(typed)}</w:p></w:txbxContent>"
        box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
               'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
               'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" '
               'y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
               '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
               '</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="600000"/><wp:wrapNone/>'
               '<wp:docPr id="90" name="Text Box 90"/><a:graphic xmlns:a="http://schemas.'
               'openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.'
               'microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://'
               'schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:cNvSpPr '
               'txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" '
               'cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
               f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>"
               "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape "
               'xmlns:v="urn:schemas-microsoft-com:vml" style="width:160pt;height:48pt">'
               f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
               "</mc:AlternateContent></w:r>")
        self.write(self.main, xml[:end] + box + xml[end:])
        return self

    def header_part(self):
        """The part holding the first page style's header: word/header1.xml or styles.xml."""
        return "styles.xml" if self.is_odt else "word/header1.xml"

    # -- more shapes (issue 16's corpus: tests/templates/mistakes/) ----------------------

    def _locate(self, existing, part=None):
        """The XML text of `part` and where the text `existing` starts in it."""
        part = part or self.main
        xml = self.read(part)
        escaped = html.escape(existing, quote=False)
        if escaped not in xml:
            escaped = html.escape(existing, quote=True).replace("&#x27;", "'")
        at = xml.find(escaped)
        if at < 0:
            raise AssertionError(f"{existing!r} is not in {part}")
        return part, xml, at, escaped

    def _split_text_at(self, existing, offset, docx_between, odt_between, part=None):
        """Puts markup `offset` characters into the text `existing` (which must sit in one
        <w:t> or directly in one ODF paragraph or span)."""
        part, xml, at, escaped = self._locate(existing, part)
        cut = at + len(html.escape(existing[:offset], quote=False))
        if escaped != html.escape(existing, quote=False):
            cut = at + len(html.escape(existing[:offset], quote=True).replace("&#x27;", "'"))
        self.write(part, xml[:cut] + (odt_between(xml, at) if self.is_odt
                                      else docx_between(xml, at)) + xml[cut:])
        return self

    def break_paragraph(self, existing, offset, part=None):
        """Enter pressed `offset` characters into `existing`: the paragraph ends there and a new
        one, with the same paragraph and run properties, holds the rest."""
        def docx(xml, at):
            p_start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            p_props = re.match(r"<w:p(?: [^>]*)?>(<w:pPr>.*?</w:pPr>)?", xml[p_start:])
            r_start = max(xml.rfind("<w:r>", 0, at), xml.rfind("<w:r ", 0, at))
            r_props = re.match(r"<w:r(?: [^>]*)?>(<w:rPr>.*?</w:rPr>|<w:rPr/>)?", xml[r_start:])
            return ("</w:t></w:r></w:p><w:p w:rsidR=\"00B7D913\">" + (p_props.group(1) or "") +
                    "<w:r w:rsidR=\"00B7D913\">" + (r_props.group(1) or "") +
                    '<w:t xml:space="preserve">')

        def odt(xml, at):
            p_start = xml.rfind("<text:p ", 0, at)
            style = re.match(r'<text:p text:style-name="([^"]*)"', xml[p_start:]).group(1)
            span_start = xml.rfind("<text:span", p_start, at)
            if span_start > xml.rfind("</text:span>", p_start, at):
                # LibreOffice ends the span with the paragraph and opens it again in the next.
                span = re.match(r"<text:span[^>]*>", xml[span_start:]).group(0)
                return f'</text:span></text:p><text:p text:style-name="{style}">{span}'
            return f'</text:p><text:p text:style-name="{style}">'

        return self._split_text_at(existing, offset, docx, odt, part)

    def add_line_break(self, existing, offset, part=None):
        """Shift+Enter pressed `offset` characters into `existing`: a line break in the run."""
        return self._split_text_at(
            existing, offset, lambda xml, at: '</w:t><w:br/><w:t xml:space="preserve">',
            lambda xml, at: "<text:line-break/>", part)

    def add_hyperlink(self, existing, address):
        """Makes the run (DOCX) or text (ODT) holding `existing` a link to `address`, the way
        Insert > Link stores it: a relationship with the address (DOCX), xlink:href (ODT)."""
        part, xml, at, escaped = self._locate(existing)
        if self.is_odt:
            link = (f'<text:a xlink:type="simple" xlink:href="{html.escape(address)}">{escaped}'
                    "</text:a>")
            self.write(part, xml[:at] + link + xml[at + len(escaped):])
            return self
        run_start = max(xml.rfind("<w:r>", 0, at), xml.rfind("<w:r ", 0, at))
        run_end = xml.find("</w:r>", at) + len("</w:r>")
        # Word gives the linked run the Hyperlink character style.
        style = '<w:rStyle w:val="Hyperlink"/>'
        run = re.sub(r"^(<w:r(?: [^>]*)?>)(?:<w:rPr/>|<w:rPr>)?",
                     lambda m: m.group(1) + "<w:rPr>" + style +
                     ("" if m.group(0).endswith("<w:rPr>") else "</w:rPr>"),
                     xml[run_start:run_end], count=1)
        self.write(part, xml[:run_start] + '<w:hyperlink r:id="rId91" w:history="1">' + run +
                   "</w:hyperlink>" + xml[run_end:])
        rels = self.read("word/_rels/document.xml.rels").replace(
            "</Relationships>", '<Relationship Id="rId91" Type="http://schemas.openxmlformats.'
            'org/officeDocument/2006/relationships/hyperlink" Target="'
            f'{html.escape(address)}" TargetMode="External"/></Relationships>')
        self.write("word/_rels/document.xml.rels", rels)
        return self

    def track_change(self, existing, typed, part=None):
        """`existing` replaced by `typed` with Track Changes on: Word keeps the old text in a
        w:del and the new in a w:ins; LibreOffice keeps the old text in its change region and
        marks the new between change-start and change-end."""
        part, xml, at, escaped = self._locate(existing, part)
        new = html.escape(typed, quote=False)
        if self.is_odt:
            body = ('<text:change text:change-id="ct901"/><text:change-start '
                    f'text:change-id="ct902"/>{new}<text:change-end text:change-id="ct902"/>')
            xml = xml[:at] + body + xml[at + len(escaped):]
            info = ("<office:change-info><dc:creator>A Social Worker</dc:creator><dc:date>"
                    "2026-11-30T10:00:00</dc:date></office:change-info>")
            region = ('<text:tracked-changes text:track-changes="true"><text:changed-region '
                      f'xml:id="ct901" text:id="ct901"><text:deletion>{info}<text:p>{escaped}'
                      '</text:p></text:deletion></text:changed-region><text:changed-region '
                      f'xml:id="ct902" text:id="ct902"><text:insertion>{info}</text:insertion>'
                      "</text:changed-region></text:tracked-changes>")
            body_at = xml.find(">", xml.find("<office:text")) + 1
            self.write(part, xml[:body_at] + region + xml[body_at:])
            return self
        run_start = max(xml.rfind("<w:r>", 0, at), xml.rfind("<w:r ", 0, at))
        run_end = xml.find("</w:r>", at) + len("</w:r>")
        run = xml[run_start:run_end]
        props = re.match(r"<w:r(?: [^>]*)?>(<w:rPr>.*?</w:rPr>|<w:rPr/>)?", run).group(1) or ""
        marks = 'w:author="A Social Worker" w:date="2026-11-30T10:00:00Z"'
        deleted = (f'<w:del w:id="901" {marks}><w:r w:rsidDel="00C3F0A8">{props}<w:delText '
                   f'xml:space="preserve">{escaped}</w:delText></w:r></w:del>')
        inserted = (f'<w:ins w:id="902" {marks}><w:r w:rsidR="00C3F0A8">{props}<w:t '
                    f'xml:space="preserve">{new}</w:t></w:r></w:ins>')
        self.write(part, xml[:run_start] + deleted + inserted + xml[run_end:])
        return self

    def wrap_in_content_control(self, existing, title):
        """The run holding `existing` inside a plain-text content control (Developer > Plain
        Text Content Control), as Word stores it. DOCX only."""
        part, xml, at, escaped = self._locate(existing)
        run_start = max(xml.rfind("<w:r>", 0, at), xml.rfind("<w:r ", 0, at))
        run_end = xml.find("</w:r>", at) + len("</w:r>")
        control = (f'<w:sdt><w:sdtPr><w:alias w:val="{title}"/><w:tag w:val="{title}"/><w:id '
                   'w:val="90901"/><w:text/></w:sdtPr><w:sdtContent>' + xml[run_start:run_end] +
                   "</w:sdtContent></w:sdt>")
        self.write(part, xml[:run_start] + control + xml[run_end:])
        return self

    # -- added for issue 16's advice (a link typed as a field) -------------------------------

    def add_link_field_after(self, existing, text, address):
        """A HYPERLINK field (as Word writes one for Insert > Field, or a pasted link):
        w:fldChar begin, w:instrText, separate, the shown text, end. DOCX only. A tag typed
        into the address splits the instruction over runs at its '{{', as Word stores it."""
        xml = self.read(self.main)
        at = xml.find(html.escape(existing, quote=False))
        end = xml.find("</w:p>", at) + len("</w:p>")
        instruction = html.escape(f' HYPERLINK "{address}" ')
        pieces = instruction.split("{{", 1)
        if len(pieces) == 2:
            pieces[1] = "{{" + pieces[1]
        runs = "".join(f'<w:r w:rsidR="{RSIDS[index]}"><w:instrText xml:space="preserve">'
                       f"{piece}</w:instrText></w:r>" for index, piece in enumerate(pieces))
        field = ('<w:p w:rsidR="00A41C2E"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 f'{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r>'
                 f'<w:t>{html.escape(text)}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
                 "</w:r></w:p>")
        self.write(self.main, xml[:end] + field + xml[end:])
        return self

    # -- added for issue 16's locations ----------------------------------------------------

    def add_first_page_header(self, typed, section_break_after=None):
        """A first-page header holding `typed`. DOCX: word/header90.xml, named by the last
        section's w:sectPr (with w:titlePg); with `section_break_after`, the paragraph holding
        that text ends section 1 first (Word's Layout > Breaks > Next page: a w:sectPr in its
        w:pPr keeping the document's header and footer), so the new header is section 2's.
        ODT: a style:header-first in the default page style ("different first page")."""
        if self.is_odt:
            xml = self.read("styles.xml")
            at = xml.find("</style:header>") + len("</style:header>")
            first = (f'<style:header-first><text:p text:style-name="MP2">{odt_spans(typed)}'
                     "</text:p></style:header-first>")
            self.write("styles.xml", xml[:at] + first + xml[at:])
            return self
        header = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{docx_runs(typed)}</w:p></w:hdr>')
        self._add_docx_part("header90.xml", header, "header", "rId91")
        xml = self.read(self.main)
        body_section = xml.rfind("<w:sectPr")
        references = "".join(re.findall(r"<w:(?:header|footer)Reference [^>]*/>",
                                         xml[body_section:]))
        open_end = xml.find(">", body_section) + 1
        xml = (xml[:open_end] + '<w:headerReference w:type="first" r:id="rId91"/>' +
               xml[open_end:].replace("</w:sectPr>", "<w:titlePg/></w:sectPr>", 1))
        if section_break_after is not None:
            at = xml.find(html.escape(section_break_after, quote=False))
            if at < 0:
                raise AssertionError(f"{section_break_after!r} is not in {self.main}")
            p_start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            p_open_end = xml.find(">", p_start) + 1
            section = f'<w:sectPr>{references}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
            if xml.startswith("<w:pPr>", p_open_end):
                close = xml.find("</w:pPr>", p_open_end)
                xml = xml[:close] + section + xml[close:]
            else:
                xml = xml[:p_open_end] + "<w:pPr>" + section + "</w:pPr>" + xml[p_open_end:]
        self.write(self.main, xml)
        return self
