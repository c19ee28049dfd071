#!/usr/bin/python3
"""Make the panel's proforma templates (templates/*.docx and, through LibreOffice, *.odt).

Every form in templates/ is made here: referral, matching, finance-request, decision-record,
agenda and report. Change the form's function, remake it and its .odt twin, and check both
against the schema its data follows (case, decision, agenda or report):

    /usr/bin/python3 tools/make_templates.py templates referral
    soffice --headless -env:UserInstallation=file:///tmp/pp-lo-tpl \
        --convert-to odt --outdir templates templates/referral.docx
    build/cli/panelpack check templates/referral.docx --schema case
    build/cli/panelpack check templates/referral.odt --schema case

A council that edits its own copies in Word keeps them in its office folder; the ones here are
panelpack's, and tests/templates/test_templates.py renders each over every sample case.

The agenda is filled from the agenda panelpack computes (docs/schema/agenda.schema.json,
`panelpack fields agenda`), the decision record from the record `panelpack decisions` builds
(`panelpack fields decision`), the quarterly highlight report from the report panelpack
computes (docs/schema/report.schema.json, `panelpack fields report`).

No code reaches a document: a coded field prints its words through the "…Label" field the
data layer adds beside it ("{{legal.statusLabel}}", "{{plans.parallelLabels}}"; see
docs/template-guide.md), and the forms a case goes to any panel with (referral, matching,
finance request) name the sitting's panel from office.json when panelpack fills them for a
pack ("sitting"), else the kind of panel the referral asks for.

Run with Debian's python3-docx (0.8):  /usr/bin/python3 tools/make_templates.py OUTDIR [FORM ...]
(FORM: referral, matching, finance-request, decision-record, agenda, report; default all six).

Conventions every template follows (see docs/template-language.md and docs/cli.md):
- every tag is one run of its own, so a person editing it in Word sees it whole;
- lists in tables are table-row sections: the open tag begins the first cell of the row and
  the close tag ends its last cell; an inverted row ({{^list}}...{{/list}}) says "None
  recorded" when the list is empty;
- lists in text are paragraph sections: each tag alone in its own paragraph;
- OFFICIAL-SENSITIVE at the top and bottom of every page, "Page X of Y" in the footer, and
  on the child's forms the child's name, ID and case reference in the header;
- the report's charts are text: each bar is the data's 20-cell string of █ and ░ in a
  monospaced font (Consolas; LibreOffice without it uses DejaVu Sans Mono), this quarter dark
  above the quarter before grey, every line of a chart row at one exact height so the
  label, bar and value columns line up.
"""

import os
import re
import sys

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Arial"
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY_TEXT = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "D9E2F3"   # table header rows
LABEL_FILL = "F2F2F2"    # label column of detail tables
TEXT_WIDTH_CM = 17.0     # A4 (21 cm) less 2 cm margins each side
NOT_RECORDED = '"Not recorded"'

TAG = re.compile(r"(\{\{.*?\}\})")


# --------------------------------------------------------------------------- styles, page

def _plain_fonts(rpr_parent, size=None, bold=None, color=None):
    """Arial everywhere: set the four rFonts slots and drop theme fonts (which win)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def set_up_styles(doc):
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    _plain_fonts(normal.element)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    for name, size, before, after in (("Heading 1", 14, 14, 4), ("Heading 2", 12, 10, 4)):
        st = styles[name]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = NAVY
        _plain_fonts(st.element)
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        st.paragraph_format.keep_with_next = True

    title = styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(20)
    title.font.bold = True
    title.font.color.rgb = NAVY
    _plain_fonts(title.element)
    title.paragraph_format.space_after = Pt(2)

    sub = styles["Subtitle"]
    sub.font.name = FONT
    sub.font.size = Pt(13)
    sub.font.italic = False
    sub.font.color.rgb = GREY_TEXT
    _plain_fonts(sub.element)
    sub.paragraph_format.space_after = Pt(10)

    for name in ("Header", "Footer", "List Bullet", "Table Grid"):
        try:
            st = styles[name]
        except KeyError:
            continue
        if name != "Table Grid":
            st.font.name = FONT
            _plain_fonts(st.element)


def set_up_page(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = Cm(2.6)
    section.bottom_margin = Cm(2.4)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    return section


# --------------------------------------------------------------------------- text helpers

def add_text(paragraph, text, bold=False, italic=False, size=None, color=None):
    """Add text; every {{tag}} goes into a run of its own."""
    for piece in TAG.split(text):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    return paragraph


def para(container, text="", style=None, bold=False, italic=False, align=None, size=None,
         color=None, after=None):
    p = container.add_paragraph(style=style)
    add_text(p, text, bold=bold, italic=italic, size=size, color=color)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def field(paragraph, instr, placeholder, half_points=18, color="595959"):
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " %s " % instr)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    col = OxmlElement("w:color")
    col.set(qn("w:val"), color)
    rpr.append(col)
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(half_points))
        rpr.append(sz)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = placeholder
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def heading(doc, text, level=1):
    return doc.add_heading(text, level=level)


# --------------------------------------------------------------------------- tables

def _shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # schema order: tcW, gridSpan, vMerge, tcBorders, shd, ...
    after = None
    for tag in ("w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders"):
        el = tcPr.find(qn(tag))
        if el is not None:
            after = el
    if after is None:
        tcPr.insert(0, shd)
    else:
        after.addnext(shd)


def _row_flags(row, header=False):
    trPr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    trPr.append(cant)
    if header:
        trPr.append(OxmlElement("w:tblHeader"))


def _new_table(doc, cols, widths_cm):
    table = doc.add_table(rows=0, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(w * 567)))
    return table


def _fill_cell(cell, text, width_cm, bold=False, italic=False, fill=None, color=None):
    cell.width = Cm(width_cm)
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(2)
    add_text(p, text, bold=bold, italic=italic, color=color)
    if fill:
        _shade(cell, fill)
    return p


def detail_table(doc, rows, label_cm=5.5):
    """Two columns, label | value; labels bold on a light shading."""
    widths = (label_cm, TEXT_WIDTH_CM - label_cm)
    table = _new_table(doc, 2, widths)
    for label, value in rows:
        # a detail row may break across pages: LibreOffice 7.4 drops the rest of a table whose
        # unbreakable row does not fit at the foot of a page (the PPTM referral lost its Views)
        row = table.add_row()
        _fill_cell(row.cells[0], label, widths[0], bold=True, fill=LABEL_FILL)
        _fill_cell(row.cells[1], value, widths[1])
    doc.add_paragraph()
    return table


def repeat_table(doc, list_name, columns, empty="None recorded.", after=True, extra=None):
    """A header row, then one row repeated per item of list_name (a table-row section:
    the open tag begins the first cell, the close tag ends the last cell), then a row shown
    only when the list is empty (an inverted table-row section)."""
    widths = [w for _, _, w in columns]
    scale = TEXT_WIDTH_CM / sum(widths)
    widths = [w * scale for w in widths]
    table = _new_table(doc, len(columns), widths)

    head = table.add_row()
    _row_flags(head, header=True)
    for i, (title, _, _) in enumerate(columns):
        _fill_cell(head.cells[i], title, widths[i], bold=True, fill=HEADER_FILL)

    body = table.add_row()
    _row_flags(body)
    last = len(columns) - 1
    for i, (_, value, _) in enumerate(columns):
        text = value
        if i == 0:
            text = "{{#%s}}" % list_name + text
        if i == last and extra is None:
            text = text + "{{/%s}}" % list_name
        p = _fill_cell(body.cells[i], text, widths[i])
        if extra is not None:
            p.paragraph_format.keep_with_next = True   # the item's rows stay together
    if extra is not None:
        # more rows per item (label | value across the other columns); the section spans
        # them all: open in the first cell of the first row, close in the last cell of the
        # last row (template-language.md rule 3)
        extras = [extra] if isinstance(extra, tuple) else list(extra)
        for n, (label, value) in enumerate(extras):
            row2 = table.add_row()
            _row_flags(row2)
            _fill_cell(row2.cells[0], label, widths[0], bold=True, fill=LABEL_FILL)
            for i in range(1, len(columns)):
                row2.cells[i].width = Cm(widths[i])
            merged = row2.cells[1].merge(row2.cells[last])
            p = merged.paragraphs[0]
            p.paragraph_format.space_after = Pt(2)
            if n == len(extras) - 1:
                value = value + "{{/%s}}" % list_name
            add_text(p, value)

    # the row shown when the list is empty: a dash in the first cell, the message across
    # the others (an inverted table-row section: open in the first cell, close in the last)
    none = table.add_row()
    _row_flags(none)
    _fill_cell(none.cells[0], "{{^%s}}" % list_name + "—", widths[0], italic=True,
               color=GREY_TEXT)
    for i in range(1, len(columns)):
        none.cells[i].width = Cm(widths[i])
    wide = none.cells[1].merge(none.cells[last]) if last > 1 else none.cells[1]
    p = wide.paragraphs[0]
    p.paragraph_format.space_after = Pt(2)
    add_text(p, empty + "{{/%s}}" % list_name, italic=True, color=GREY_TEXT)
    if after:
        doc.add_paragraph()
    return table


def bullet_list(doc, list_name, item_text, empty="None recorded."):
    """A paragraph section: each tag alone in its own paragraph."""
    para(doc, "{{#%s}}" % list_name)
    para(doc, item_text, style="List Bullet")
    para(doc, "{{/%s}}" % list_name)
    para(doc, "{{^%s}}" % list_name)
    para(doc, empty, italic=True, color=GREY_TEXT)
    para(doc, "{{/%s}}" % list_name)


def narrative(doc, title, tag):
    """A titled block of free text, 'Not recorded' when the field is empty."""
    heading(doc, title, level=2)
    para(doc, "{{%s | default:%s}}" % (tag, NOT_RECORDED))


def opt(tag, filt=None):
    """An optional value: '{{tag | filt | default:"Not recorded"}}'."""
    if filt:
        return "{{%s | %s | default:%s}}" % (tag, filt, NOT_RECORDED)
    return "{{%s | default:%s}}" % (tag, NOT_RECORDED)


# --------------------------------------------------------------------------- page furniture

def furniture(doc, section, form_name, header_line=None):
    header = section.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    add_text(hp, "OFFICIAL-SENSITIVE", bold=True, size=11)
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp.paragraph_format.space_after = Pt(2)
    if header_line:
        p = header.add_paragraph()
        add_text(p, header_line, size=9, color=GREY_TEXT)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)

    footer = section.footer
    footer.is_linked_to_previous = False
    fp = footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.paragraph_format.space_after = Pt(2)
    add_text(fp, form_name + "  ·  Page ", size=9, color=GREY_TEXT)
    field(fp, "PAGE", "1")
    add_text(fp, " of ", size=9, color=GREY_TEXT)
    field(fp, "NUMPAGES", "1")
    mp = footer.add_paragraph()
    add_text(mp, "OFFICIAL-SENSITIVE", bold=True, size=11)
    mp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mp.paragraph_format.space_after = Pt(0)


def new_document(form_title, form_name, header_line, panel="Permanence Panel"):
    """panel: the words naming the panel in the subtitle and footer (tags, for the forms that
    go to more than one kind of panel: CASE_PANEL, {{panel.name}})."""
    doc = Document()
    set_up_styles(doc)
    section = set_up_page(doc)
    furniture(doc, section, panel + " — " + form_name, header_line)
    props = doc.core_properties
    props.title = form_name if "{{" in panel else panel + " — " + form_name
    props.subject = form_title if "{{" not in form_title else form_name
    props.author = "Children's Services"
    props.last_modified_by = "Children's Services"
    props.comments = ("Panel proforma. Tags such as {child.name} in double braces are filled "
                      "by panelpack; see docs/template-guide.md.")
    props.keywords = "OFFICIAL-SENSITIVE"
    props.category = "Permanence Panel"
    props.revision = 1

    body = doc.paragraphs[0] if doc.paragraphs else None
    council = para(doc, "{{localAuthority | default:\"Children's Services\"}}", bold=True,
                   color=GREY_TEXT, after=2)
    if body is not None and body.text == "":
        body._p.getparent().remove(body._p)
    para(doc, form_title, style="Title")
    para(doc, panel + " — " + form_name, style="Subtitle")
    return doc, council


CHILD_HEADER = "{{child.name}}  ·  Child ID {{child.childId}}  ·  Case ref {{caseRef}}"

# The panel a case form goes to: the sitting's panel as office.json names it when panelpack
# fills the form for a sitting's pack, else the kind of panel the referral asks for.
CASE_PANEL = ("{{#sitting}}{{sitting.panel.name}}{{/sitting}}{{^sitting}}"
              "{{referral.panelTypeLabel | default:\"Panel\"}}{{/sitting}}")

# When papers are due: the sitting's own deadline from office.json, when there is a sitting.
PAPERS_DUE = ("{{#sitting.papersDue}}Papers for this sitting are due by {{sitting.papersDue.time}} "
              "on {{sitting.papersDue.date | date}}.{{/sitting.papersDue}}"
              "{{^sitting.papersDue}}Papers are due by the deadline in the panel's calendar."
              "{{/sitting.papersDue}}")


# --------------------------------------------------------------------------- the six forms

def make_referral(path):
    doc, _ = new_document("Referral to " + CASE_PANEL, "Referral", CHILD_HEADER, CASE_PANEL)
    para(doc, "To be completed by the allocated social worker and quality-assured by the team "
              "manager before submission. " + PAPERS_DUE, italic=True, color=GREY_TEXT)

    heading(doc, "1. Referral details")
    detail_table(doc, [
        ("Case reference", "{{caseRef}}"),
        ("Panel", "{{#sitting}}{{sitting.panel.name}}{{/sitting}}{{^sitting}}{{referral.panelTypeLabel}}{{/sitting}}"),
        ("Reason for referral", "{{referral.reasonLabel}}"),
        ("Reason in the social worker's words", opt("referral.reasonDetail")),
        ("Recommendation sought", opt("referral.recommendationSought")),
        ("Panel date requested", opt("referral.requestedPanelDate", "date")),
        ("Date submitted", opt("referral.submittedAt", "date")),
        ("Booked by", opt("referral.bookedByLabel")),
        ("Quality-assured by (team manager)", opt("referral.qualityAssuredBy.name")),
        ("Date quality-assured", opt("referral.qualityAssuredDate", "date")),
    ])

    heading(doc, "2. The child")
    detail_table(doc, [
        ("Name", "{{child.name}}"),
        ("Known as", opt("child.preferredName")),
        ("Child ID", "{{child.childId}}"),
        ("Date of birth", opt("child.dob", "date")),
        ("Expected due date (unborn baby)", "{{child.expectedDueDate | date | default:\"Not applicable\"}}"),
        ("Age", opt("child.age")),
        ("Gender", opt("child.gender")),
        ("Ethnicity", opt("child.ethnicity")),
        ("Ethnicity code (DfE)", opt("child.ethnicityCode")),
        ("Religion", opt("child.religion")),
        ("First language", opt("child.firstLanguage")),
        ("Interpreter required", "{{child.interpreterRequired | yesno}}"),
        ("Disability", "{{child.disability | yesno}}"),
        ("School or nursery", opt("child.school")),
        ("Education, health and care plan", "{{child.ehcp | yesno}}"),
    ])
    heading(doc, "Brothers and sisters", level=2)
    repeat_table(doc, "child.siblings", [
        ("Name", "{{name}}", 4),
        ("Date of birth", "{{dob | date}}", 3.4),
        ("Where they live", "{{placement}}", 4),
        ("Their plan", "{{plan}}", 3.1),
        ("Placed together", "{{placedTogether | yesno}}", 2.5),
    ], empty="No brothers or sisters recorded.")

    heading(doc, "3. Legal status")
    detail_table(doc, [
        ("Legal status", "{{legal.statusLabel}}"),
        ("Since", opt("legal.statusDate", "date")),
        ("Date entered care", opt("legal.dateEnteredCare", "date")),
        ("Section 20 consent given", opt("legal.s20.consentDate", "date")),
        ("Section 20 last reviewed", opt("legal.s20.lastReviewDate", "date")),
        ("Proceedings stage", opt("legal.proceedings.stageLabel")),
        ("PLO letter sent", opt("legal.proceedings.ploLetterDate", "date")),
        ("Proceedings issued", opt("legal.proceedings.issueDate", "date")),
        ("26-week date", opt("legal.proceedings.week26Date", "date")),
        ("Issues resolution hearing", opt("legal.proceedings.irhDate", "date")),
        ("Final hearing", opt("legal.proceedings.finalHearingDate", "date")),
        ("Court and case number", "{{legal.proceedings.court}} {{legal.proceedings.caseNumber}}"),
        ("Children's guardian", opt("legal.childrensGuardian.name")),
    ])
    heading(doc, "Extensions to the 26 weeks", level=2)
    repeat_table(doc, "legal.proceedings.extensions", [
        ("Weeks added", "{{weeks}}", 3),
        ("Reason", "{{reason}}", 14),
    ], empty="No extensions.")
    heading(doc, "Court orders", level=2)
    repeat_table(doc, "legal.orders", [
        ("Order", "{{type}}", 6),
        ("Date made", "{{date | date}}", 4),
        ("Court", "{{court}}", 7),
    ], empty="No orders recorded.")

    heading(doc, "4. Current placement")
    detail_table(doc, [
        ("Placement type (code)", opt("placement.typeCode")),
        ("Placement type", opt("placement.type")),
        ("Carers", opt("placement.carer")),
        ("Provider", opt("placement.provider")),
        ("Placed since", opt("placement.startDate", "date")),
    ])

    heading(doc, "5. Professionals")
    t = _new_table(doc, 4, (3.8, 3.8, 3.0, 6.4))
    head = t.add_row()
    _row_flags(head, header=True)
    for i, (title, w) in enumerate((("Role", 3.8), ("Name", 3.8), ("Team", 3.0), ("Email", 6.4))):
        _fill_cell(head.cells[i], title, w, bold=True, fill=HEADER_FILL)
    for role, key in (("Social worker", "professionals.socialWorker"),
                      ("Team manager", "professionals.teamManager"),
                      ("Independent reviewing officer", "professionals.iro"),
                      ("Supervising social worker", "professionals.supervisingSocialWorker"),
                      ("Family finder", "professionals.familyFinder"),
                      ("Children's guardian", "legal.childrensGuardian")):
        row = t.add_row()
        _row_flags(row)
        _fill_cell(row.cells[0], role, 3.8, bold=True, fill=LABEL_FILL)
        _fill_cell(row.cells[1], "{{%s.name}}" % key, 3.8)
        _fill_cell(row.cells[2], "{{%s.team}}" % key, 3.0)
        _fill_cell(row.cells[3], "{{%s.email}}" % key, 6.4)
    doc.add_paragraph()

    heading(doc, "6. Looked-after reviews")
    detail_table(doc, [
        ("First review", opt("reviews.firstReviewDate", "date")),
        ("Second review", opt("reviews.secondReviewDate", "date")),
        ("Next review", opt("reviews.nextReviewDate", "date")),
    ])

    heading(doc, "7. The child's needs")
    detail_table(doc, [
        ("Emotional and behavioural development", opt("needs.emotional")),
        ("Health", opt("needs.health")),
        ("Education", opt("needs.education")),
        ("Identity", opt("needs.identity")),
        ("Social", opt("needs.social")),
        ("Cultural", opt("needs.cultural")),
        ("Ethnic", opt("needs.ethnic")),
        ("Language and communication", opt("needs.linguistic")),
        ("Religious", opt("needs.religious")),
        ("Disability", opt("needs.disability")),
    ])

    heading(doc, "8. Assessments and analysis")
    repeat_table(doc, "assessments", [
        ("Assessment", "{{typeLabel}}", 3.2),
        ("Status", "{{statusLabel}}", 3.0),
        ("Author", "{{author}}", 3.6),
        ("Due", "{{dueDate | date}}", 3.6),
        ("Completed", "{{completedDate | date}}", 3.6),
    ], empty="No assessments recorded.",
        extra=("Conclusion", "{{summary | default:\"Not recorded\"}}"))
    narrative(doc, "Analysis, including the impact of harm", "analysis.assessmentAnalysis")
    narrative(doc, "Risk factors", "analysis.riskFactors")
    heading(doc, "Family group conference", level=2)
    detail_table(doc, [
        ("Date", opt("analysis.fgcDate", "date")),
        ("Outcome", opt("analysis.fgcOutcome")),
    ])

    heading(doc, "9. Plans for permanence")
    detail_table(doc, [
        ("Current care plan", opt("plans.currentCarePlan")),
        ("Primary plan", opt("plans.primaryLabel")),
        ("Contingency plan", opt("plans.contingency")),
    ])
    heading(doc, "Parallel plans", level=2)
    bullet_list(doc, "plans.parallelLabels", "{{.}}", empty="No parallel plan.")
    heading(doc, "Options considered", level=2)
    repeat_table(doc, "plans.optionsConsidered", [
        ("Option", "{{optionLabel}}", 4.6),
        ("Strengths", "{{strengths}}", 6.2),
        ("Risks", "{{risks}}", 6.2),
    ], empty="No options recorded.")
    heading(doc, "Key dates", level=2)
    repeat_table(doc, "plans.keyDates", [
        ("What", "{{label}}", 11),
        ("Date", "{{date | date}}", 6),
    ], empty="No key dates recorded.")
    narrative(doc, "Family finding", "plans.familyFinding")
    narrative(doc, "Life-story and direct work", "plans.lifeStoryWork")

    heading(doc, "10. Family time (contact)")
    repeat_table(doc, "contact", [
        ("With whom", "{{withWhom}}", 4),
        ("How often", "{{frequency}}", 4),
        ("Supervised", "{{supervised | yesno}}", 2.5),
        ("Where", "{{venue}}", 4),
        ("Current or proposed", "{{statusLabel}}", 2.5),
    ], empty="No contact arrangements recorded.")

    heading(doc, "11. Views")
    detail_table(doc, [
        ("The child's wishes and feelings", opt("views.child")),
        ("Parents", opt("views.parents")),
        ("Brothers and sisters", opt("views.siblings")),
        ("Carers", opt("views.carers")),
        ("Independent reviewing officer", opt("views.iro")),
        ("Children's guardian", opt("views.guardian")),
        ("Social worker and team manager", opt("views.socialWorker")),
        ("Views gathered on", opt("views.obtainedDate", "date")),
    ])
    narrative(doc, "Differences of opinion", "differencesOfOpinion")

    heading(doc, "12. Chronology")
    repeat_table(doc, "chronology", [
        ("Date", "{{date | date}}", 3.9),
        ("Event", "{{event}}", 9.1),
        ("Source", "{{source}}", 4),
    ], empty="No chronology recorded.")

    heading(doc, "13. Outstanding actions")
    repeat_table(doc, "actions", [
        ("Ref", "{{id}}", 1.5),
        ("Action", "{{description}}", 6.5),
        ("Who", "{{owner.name}}", 3.3),
        ("By", "{{dueDate | date}}", 3.9),
        ("Status", "{{statusLabel}}", 1.8),
    ], empty="No outstanding actions.")

    heading(doc, "14. Sign-off")
    detail_table(doc, [
        ("Social worker", "{{professionals.socialWorker.name}}"),
        ("Team manager", opt("professionals.teamManager.name")),
        ("Record version", opt("version")),
    ])
    doc.save(path)


def make_matching(path):
    doc, _ = new_document("Long-Term Fostering Matching Proforma", "Matching", CHILD_HEADER,
                          CASE_PANEL)
    para(doc, "Written jointly by the child's social worker and the carers' supervising social "
              "worker. Sets the child's needs against the carers' capacity and the support "
              "that fills any gap.", italic=True, color=GREY_TEXT)

    heading(doc, "1. The child")
    detail_table(doc, [
        ("Name", "{{child.name}}"),
        ("Child ID", "{{child.childId}}"),
        ("Case reference", "{{caseRef}}"),
        ("Date of birth", opt("child.dob", "date")),
        ("Age", opt("child.age")),
        ("Legal status", "{{legal.statusLabel}}"),
        ("Long-term fostering ratified by", opt("matching.planRatifiedByLabel")),
        ("Date ratified", opt("matching.planRatifiedDate", "date")),
        ("Placement type (code)", opt("matching.placementTypeCode")),
        ("Living with these carers since", opt("matching.placementStartDate", "date")),
    ])

    heading(doc, "2. The proposed carers")
    detail_table(doc, [
        ("Carers", "{{matching.carer.names}}"),
        ("Carer ID", opt("matching.carer.carerId")),
        ("Fostering service", opt("matching.carer.fosteringServiceLabel")),
        ("Agency (IFA)", "{{matching.carer.agency | default:\"Not applicable\"}}"),
        ("Terms of approval", opt("matching.carer.approvalTerms")),
        ("Date approved", opt("matching.carer.approvalDate", "date")),
        ("Form F reference", opt("matching.carer.formFReference")),
        ("Supervising social worker", opt("matching.supervisingSocialWorker.name")),
        ("Supervising social worker's team", opt("matching.supervisingSocialWorker.team")),
    ])
    heading(doc, "The household", level=2)
    repeat_table(doc, "matching.carer.householdMembers", [
        ("Name", "{{name}}", 7),
        ("Relationship to the carers", "{{relationship}}", 7),
        ("Age", "{{age}}", 3),
    ], empty="No other household members recorded.")

    heading(doc, "3. The child's needs and the carers' capacity")
    repeat_table(doc, "matching.matchGrid", [
        ("Area", "{{domainLabel}}", 4.6),
        ("The child's need", "{{childNeed}}", 6.2),
        ("The carers' capacity", "{{carerCapacity}}", 6.2),
    ], empty="No needs recorded.",
        extra=[("Gap", "{{gap | default:\"None\"}}"),
               ("Support to fill it", "{{mitigation | default:\"None needed\"}}")])

    heading(doc, "4. Support plan")
    repeat_table(doc, "matching.supportPlan", [
        ("Support", "{{typeLabel}}", 5.0),
        ("Provider", "{{provider}}", 3.6),
        ("How often", "{{frequency}}", 2.8),
        ("Cost", "{{cost.pence | money}}", 2.4),
        ("Review", "{{reviewDate | date}}", 3.2),
    ], empty="No support planned.", extra=("What", "{{description}}"))

    heading(doc, "5. Regulation 22C conditions")
    detail_table(doc, [
        ("Foster care plan recorded", "{{matching.fosterCarePlanRecorded | yesno}}"),
        ("Carers agreed to care until the child ceases to be looked after",
         opt("matching.carerAgreedDate", "date")),
        ("Match confirmed in writing (carers, child, parents)",
         opt("matching.confirmationSentDate", "date")),
    ], label_cm=8.0)

    heading(doc, "6. Brothers and sisters, family time and the future")
    detail_table(doc, [
        ("Brothers and sisters placed together", "{{matching.siblingsTogether | yesno}}"),
        ("Why", opt("matching.siblingsRationale")),
        ("Family time (contact) plan", opt("matching.contactPlan")),
        ("Carers intend to offer Staying Put", "{{matching.stayingPutIntention | yesno}}"),
    ])

    heading(doc, "7. Views on the match")
    detail_table(doc, [
        ("The child", opt("matching.views.child")),
        ("The carers", opt("matching.views.carers")),
        ("The carers' children", opt("matching.views.carersChildren")),
        ("Parents", opt("matching.views.parents")),
        ("Independent reviewing officer", opt("matching.views.iro")),
        ("Supervising social worker", opt("matching.views.supervisingSocialWorker")),
    ])

    heading(doc, "8. Risks and recommendation")
    narrative(doc, "Risks to the match and the contingency", "matching.risks")
    detail_table(doc, [
        ("Recommendation", opt("matching.recommendationLabel")),
        ("Reasons", opt("matching.recommendationReasons")),
    ])

    heading(doc, "9. Authors")
    detail_table(doc, [
        ("Child's social worker", "{{professionals.socialWorker.name}}"),
        ("Supervising social worker", opt("matching.supervisingSocialWorker.name")),
        ("Team manager", opt("professionals.teamManager.name")),
    ])
    doc.save(path)


def make_finance(path):
    doc, _ = new_document("Finance and Resource Request", "Finance request", CHILD_HEADER,
                          CASE_PANEL)
    para(doc, "For therapeutic support above the fund, discretionary and capital payments, "
              "loans and other resources that need the panel's recommendation and approval.",
         italic=True, color=GREY_TEXT)

    heading(doc, "1. The request")
    detail_table(doc, [
        ("Request reference", opt("finance.requestId")),
        ("Case reference", "{{caseRef}}"),
        ("Type of request", "{{finance.requestTypeLabel}}"),
        ("Requested by", opt("finance.requester.name")),
        ("Role and team", "{{finance.requester.role}} {{finance.requester.team}}"),
        ("Endorsed by team manager", opt("finance.tmEndorsedBy")),
        ("Date endorsed", opt("finance.tmEndorsedDate", "date")),
        ("Budget code", opt("finance.budgetCode")),
    ])

    heading(doc, "2. The child")
    detail_table(doc, [
        ("Name", "{{child.name}}"),
        ("Child ID", "{{child.childId}}"),
        ("Date of birth", opt("child.dob", "date")),
        ("Legal status", "{{legal.statusLabel}}"),
        ("Placement", opt("placement.carer")),
        ("Social worker", "{{professionals.socialWorker.name}}"),
    ])

    heading(doc, "3. Who is to be paid")
    detail_table(doc, [
        ("Payee", opt("finance.payee.name")),
        ("Payee is", opt("finance.payee.kindLabel")),
        ("Carer ID", "{{finance.payee.carerId | default:\"Not applicable\"}}"),
    ])

    heading(doc, "4. The amount")
    detail_table(doc, [
        ("Amount requested", "{{finance.amount.pence | money}}"),
        ("How often", opt("finance.frequencyLabel")),
        ("From", opt("finance.startDate", "date")),
        ("To", opt("finance.endDate", "date")),
        ("Duration in weeks", opt("finance.durationWeeks")),
        ("Total commitment", opt("finance.totalCommitment.pence", "money")),
    ])
    heading(doc, "Quotes obtained", level=2)
    repeat_table(doc, "finance.quotes", [
        ("Supplier", "{{supplier}}", 11),
        ("Amount", "{{amount.pence | money}}", 6),
    ], empty="No quotes recorded.")

    heading(doc, "5. Justification")
    narrative(doc, "Why the money is needed", "finance.justification")
    narrative(doc, "Assessed need", "finance.assessedNeed")
    narrative(doc, "Outcomes sought for the child", "finance.outcomesSought")
    narrative(doc, "Alternatives considered", "finance.alternativesConsidered")
    narrative(doc, "Value for money", "finance.valueForMoney")

    heading(doc, "6. Approvals")
    repeat_table(doc, "finance.approvals", [
        ("Role", "{{roleLabel}}", 3.0),
        ("Name", "{{name}}", 4.0),
        ("Decision", "{{decisionLabel}}", 2.6),
        ("Amount approved", "{{amountApproved.pence | money}}", 3.6),
        ("Date", "{{date | date}}", 3.8),
    ], empty="No approvals yet.",
        extra=("Conditions", "{{conditions | default:\"None\"}}"))
    detail_table(doc, [
        ("Funding to be reviewed on", opt("finance.reviewDate", "date")),
    ])
    doc.save(path)


def make_decision(path):
    doc, _ = new_document("Panel Decision Record", "Decision record", CHILD_HEADER,
                          "{{meeting.panelTypeLabel | default:\"Panel\"}}")
    para(doc, "The panel's record of its decision on one child, for upload to the child's "
              "file within the panel's timescale.", italic=True, color=GREY_TEXT)

    heading(doc, "1. The sitting")
    detail_table(doc, [
        ("Panel", opt("meeting.panelTypeLabel")),
        ("Date", "{{meeting.date | date}}"),
        ("Time", "{{meeting.startTime}} to {{meeting.endTime}}"),
        ("Reference", opt("meeting.meetingId")),
        ("Chair", opt("meeting.chair.name")),
        ("Minutes taken by", opt("meeting.administrator.name")),
        ("Quorate", "{{meeting.quorate | yesno}}"),
    ])
    heading(doc, "Panel members present", level=2)
    repeat_table(doc, "meeting.membersPresent", [
        ("Name", "{{name}}", 6),
        ("Role", "{{role}}", 5),
        ("Organisation or team", _team_or_organisation(""), 6),
    ], empty="No members recorded.")
    heading(doc, "Apologies", level=2)
    bullet_list(doc, "meeting.apologies", "{{name}}, {{role}}", empty="No apologies.")

    heading(doc, "2. The case")
    detail_table(doc, [
        ("Child", "{{child.name}}"),
        ("Child ID", "{{child.childId}}"),
        ("Case reference", "{{caseRef}}"),
        ("Date of birth", opt("child.dob", "date")),
        ("Legal status", opt("legalStatusLabel")),
        ("Heard at", opt("agendaSlot")),
        ("Papers received on time", "{{papersOnTime | yesno}}"),
    ])
    heading(doc, "Attending for this case", level=2)
    repeat_table(doc, "attendees", [
        ("Name", "{{name}}", 6),
        ("Role", "{{role}}", 5),
        ("Organisation or team", _team_or_organisation(""), 6),
    ], empty="No attendees recorded.")
    heading(doc, "Presented by", level=2)
    bullet_list(doc, "presenters", "{{name}}, {{role}}", empty="No presenters recorded.")
    heading(doc, "Papers read", level=2)
    repeat_table(doc, "papers", [
        ("Paper", "{{typeLabel}}", 10),
        ("Received", "{{receivedAt | date}}", 7),
    ], empty="No papers recorded.")

    heading(doc, "3. Discussion")
    para(doc, opt("summary"))
    heading(doc, "Practice issues and themes", level=2)
    bullet_list(doc, "themes", "{{.}}", empty="None noted.")

    heading(doc, "4. Decision")
    detail_table(doc, [
        ("Outcome", "{{outcomeLabel}}"),
        ("Agreed primary plan", opt("agreedPrimaryPlanLabel")),
        ("Conditions", "{{conditions | default:\"None\"}}"),
        ("Amount approved", "{{amountApproved.pence | money | default:\"Not applicable\"}}"),
    ])
    heading(doc, "Agreed parallel plans", level=2)
    bullet_list(doc, "agreedParallelPlanLabels", "{{.}}", empty="No parallel plan.")
    heading(doc, "Rationale", level=2)
    para(doc, "{{rationale}}")

    heading(doc, "5. Monitoring and review")
    detail_table(doc, [
        ("Follow-up", opt("monitoringLabel")),
        ("Matching report due", "{{matchingReportDueDate | date | default:\"Not applicable\"}}"),
        ("Next review", opt("nextReviewDate", "date")),
        ("Escalated to", "{{escalation.to | default:\"Not escalated\"}}"),
        ("Reason for escalation", "{{escalation.reason | default:\"Not applicable\"}}"),
    ])

    heading(doc, "6. Actions")
    repeat_table(doc, "actions", [
        ("Ref", "{{id}}", 1.5),
        ("Action", "{{description}}", 6.5),
        ("Who", "{{owner.name}}", 3.3),
        ("By", "{{dueDate | date}}", 3.9),
        ("Status", "{{statusLabel}}", 1.8),
    ], empty="No actions agreed.")

    heading(doc, "7. Agency decision maker")
    # The ADM's decision only where one is needed: "Awaited" under "needed: No" contradicts.
    para(doc, "{{#adm.required}}")
    detail_table(doc, [
        ("ADM decision needed", "Yes"),
        ("Agency decision maker", "{{adm.name | default:\"Not yet named\"}}"),
        ("Decision", "{{adm.decisionLabel | default:\"Awaited\"}}"),
        ("Reasons", "{{adm.reasons | default:\"Not yet given\"}}"),
        ("Date", "{{adm.date | date | default:\"Awaited\"}}"),
    ])
    para(doc, "{{/adm.required}}")
    para(doc, "{{^adm.required}}")
    para(doc, "No agency decision maker's decision is needed for this case.", italic=True,
         color=GREY_TEXT)
    para(doc, "{{/adm.required}}")

    heading(doc, "8. Distribution and recording")
    repeat_table(doc, "circulatedTo", [
        ("Sent to", "{{name}}", 6),
        ("Role", "{{role}}", 5),
        ("Email", "{{email}}", 6),
    ], empty="Not yet circulated.")
    detail_table(doc, [
        ("Circulated on", opt("circulatedAt", "date")),
        ("Recorded on", "{{recordedOnSystem | default:\"Not recorded\"}}"),
        ("Date recorded", opt("recordedDate", "date")),
        ("Minutes agreed", opt("minutesAgreedDate", "date")),
    ])
    doc.save(path)


AGENDA_HEADER = "{{panel.name}}  ·  {{date | date}}"


def _agenda_subtitle(doc, text):
    """new_document's subtitle names the Permanence Panel; an agenda names its own panel
    (the AEP panel, the tracking meeting...)."""
    sub = next(p for p in doc.paragraphs if p.style.name == "Subtitle")
    for run in list(sub.runs):
        run._r.getparent().remove(run._r)
    add_text(sub, text)


def _agenda_head_row(table, titles, widths):
    head = table.add_row()
    _row_flags(head, header=True)
    for i, title in enumerate(titles):
        _fill_cell(head.cells[i], title, widths[i], bold=True, fill=HEADER_FILL)


def _agenda_wide_row(table, first, rest, widths, **fmt):
    """A row of two cells: first, then one cell merged over the other columns."""
    row = table.add_row()
    _row_flags(row)
    _fill_cell(row.cells[0], first, widths[0], **fmt)
    for i in range(1, len(widths)):
        row.cells[i].width = Cm(widths[i])
    wide = row.cells[1].merge(row.cells[len(widths) - 1]) if len(widths) > 2 else row.cells[1]
    p = wide.paragraphs[0]
    p.paragraph_format.space_after = Pt(2)
    add_text(p, rest, italic=fmt.get("italic", False), color=fmt.get("color"))
    if fmt.get("fill"):
        _shade(wide, fmt["fill"])
    return row


def _team_or_organisation(prefix):
    """The organisation of someone from outside the council, else their team."""
    return ("{{%sorganisation}}{{^%sorganisation}}{{%steam}}{{/%sorganisation}}"
            % ((prefix,) * 4))


def _agenda_attendees(doc):
    """Chair and administrator in fixed rows, then one row per member (a table-row
    section), then a row shown only when no members are listed."""
    widths = (3.6, 4.4, 5.0, 4.0)
    t = _new_table(doc, 4, widths)
    _agenda_head_row(t, ("", "Name", "Role", "Team or organisation"), widths)
    for label, key in (("Chair", "panel.chair"), ("Administrator", "panel.administrator")):
        row = t.add_row()
        _row_flags(row)
        _fill_cell(row.cells[0], label, widths[0], bold=True, fill=LABEL_FILL)
        _fill_cell(row.cells[1], opt(key + ".name"), widths[1])
        _fill_cell(row.cells[2], "{{%s.role}}" % key, widths[2])
        _fill_cell(row.cells[3], _team_or_organisation(key + "."), widths[3])
    row = t.add_row()
    _row_flags(row)
    # members who sent apologies are listed under Apologies only (panel.attending)
    _fill_cell(row.cells[0], "{{#panel.attending}}Member", widths[0], bold=True,
               fill=LABEL_FILL)
    _fill_cell(row.cells[1], "{{name}}", widths[1])
    _fill_cell(row.cells[2], "{{role}}", widths[2])
    _fill_cell(row.cells[3], _team_or_organisation("") + "{{/panel.attending}}", widths[3])
    _agenda_wide_row(t, "{{^panel.attending}}Members",
                     "No other members attending.{{/panel.attending}}",
                     widths, italic=True, color=GREY_TEXT)
    doc.add_paragraph()


def _agenda_timetable(doc):
    """One row per schedule entry. A break and a case each have a row of their own inside
    the {{#schedule}} row section (nested table-row sections, template-language.md rule 3),
    so a break is shaded and in italics and a case is numbered."""
    widths = (3.4, TEXT_WIDTH_CM - 3.4)
    t = _new_table(doc, 2, widths)
    _agenda_head_row(t, ("Time", "Item"), widths)
    brk = t.add_row()
    _row_flags(brk)
    _fill_cell(brk.cells[0], "{{#schedule}}{{#isBreak}}{{start}}–{{end}}", widths[0],
               italic=True, color=GREY_TEXT, fill=LABEL_FILL)
    _fill_cell(brk.cells[1], "{{title}}{{/isBreak}}", widths[1], italic=True, color=GREY_TEXT,
               fill=LABEL_FILL)
    case = t.add_row()
    _row_flags(case)
    _fill_cell(case.cells[0], "{{^isBreak}}{{start}}–{{end}}", widths[0])
    _fill_cell(case.cells[1], "{{number}}. {{title}}{{/isBreak}}{{/schedule}}", widths[1],
               bold=True)
    _agenda_wide_row(t, "{{^schedule}}—", "No cases booked for this sitting.{{/schedule}}",
                     widths, italic=True, color=GREY_TEXT)
    doc.add_paragraph()
    _keep_together(t, with_next=False)   # read at a glance: keep it on one page


def _keep_together(table, with_next=True):
    """Keep a table on one page (keep with next on every paragraph of its cells; Word and
    LibreOffice both honour it) and, with_next, with what follows the empty paragraph
    under it: a case's details with its papers."""
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    nxt = table._tbl.getnext()
    if with_next and nxt is not None and nxt.tag == qn("w:p"):
        Paragraph(nxt, table._parent).paragraph_format.keep_with_next = True


def _agenda_case(doc):
    """One block per case (a paragraph section over items): the case's details, its papers
    one row each, and a line on what is missing or late."""
    para(doc, "{{#items}}")
    heading(doc, "Case {{number}}: {{child.name}}", level=2)
    details = detail_table(doc, [
        ("Time", "{{slot}}–{{endTime}} ({{minutes}} minutes)"),
        ("Child", "{{child.name}}"),
        ("Child ID", "{{child.childId}}"),
        ("Case reference", "{{caseRef}}"),
        ("Legal status", opt("legalStatusLabel")),
        ("Why it comes to panel", "{{reasonLabel}}"),
        ("Presented by", "{{#presenters}}{{name}} ({{role}}){{^@last}}; {{/@last}}{{/presenters}}"
                         "{{^presenters}}Not recorded{{/presenters}}"),
    ], label_cm=4.6)
    _keep_together(details)
    papers = repeat_table(doc, "papers", [
        ("Paper", "{{typeLabel}}", 6.0),
        ("Status", "{{statusLabel}}", 5.0),
        ("Received", "{{receivedAt | date | default:\"Not received\"}}", 6.0),
    ], empty="No papers are expected for this case.", after=False)
    _keep_together(papers)
    para(doc, "{{#allPapersOnTime}}")
    p = para(doc, "All papers were received on time.", bold=True, color=NAVY)
    p.paragraph_format.space_before = Pt(4)
    para(doc, "{{/allPapersOnTime}}")
    para(doc, "{{^allPapersOnTime}}")
    p = para(doc, "")
    p.paragraph_format.space_before = Pt(4)
    add_text(p, "Not received: ", bold=True)
    add_text(p, "{{#missingPapers}}{{.}}{{^@last}}, {{/@last}}{{/missingPapers}}"
                "{{^missingPapers}}none{{/missingPapers}}")
    p = para(doc, "")
    add_text(p, "Received late: ", bold=True)
    add_text(p, "{{#latePapers}}{{.}}{{^@last}}, {{/@last}}{{/latePapers}}"
                "{{^latePapers}}none{{/latePapers}}")
    para(doc, "{{/allPapersOnTime}}")
    para(doc, "{{/items}}")
    para(doc, "{{^items}}")
    para(doc, "No cases are booked for this sitting.", italic=True, color=GREY_TEXT)
    para(doc, "{{/items}}")


def _when(group):
    """A deadline: '10 December 2026 at 17:00', or 'Not set' when the office has none."""
    return ("{{#%s}}{{%s.date | date}} at {{%s.time}}{{/%s}}{{^%s}}Not set{{/%s}}"
            % ((group,) * 6))


def make_agenda(path):
    """The agenda of one sitting, filled from the data panelpack computes
    (docs/schema/agenda.schema.json; `panelpack fields agenda`)."""
    doc, _ = new_document("Panel Agenda", "Agenda", AGENDA_HEADER, "{{panel.name}}")
    _agenda_subtitle(doc, "{{panel.name}}  ·  {{weekday}} {{date | date}}")
    para(doc, "For panel members and presenters only: tell the panel administrator at once "
              "if you cannot attend. Drawn up on {{generatedAt | date | default:\"an "
              "unrecorded date\"}} from the bookings and the case files.",
         italic=True, color=GREY_TEXT)
    para(doc, "{{#extraSitting}}")
    p = para(doc, "")
    add_text(p, "Extra sitting: ", bold=True, color=NAVY)
    add_text(p, "{{sittingNote | default:\"this sitting is outside the panel's usual dates.\"}}",
             color=NAVY)
    para(doc, "{{/extraSitting}}")

    heading(doc, "1. The sitting")
    detail_table(doc, [
        ("Panel", "{{panel.name}}"),
        ("Kind of panel", "{{panel.typeLabel}}"),
        ("Date", "{{weekday}} {{date | date}}"),
        ("Time", "{{startTime}} to {{endTime | default:\"close\"}}"),
        ("Venue", opt("panel.venue")),
        ("Papers due", _when("papersDue")),
        ("Pack circulated", _when("packAvailable")),
        ("Minutes due", _when("minutesDue")),
    ])
    heading(doc, "Papers at a glance", level=2)
    detail_table(doc, [
        ("Cases booked", "{{counts.cases}}"),
        ("Papers expected", "{{counts.papersExpected}}"),
        ("Papers on time", "{{counts.papersOnTime}}"),
        ("Papers late", "{{counts.papersLate}}"),
        ("Papers missing", "{{counts.papersMissing}}"),
    ])

    heading(doc, "2. Attendees")
    _agenda_attendees(doc)
    heading(doc, "Apologies", level=2)
    bullet_list(doc, "apologies", "{{name}}, {{role | default:\"panel member\"}}",
                empty="No apologies.")

    heading(doc, "3. Timetable")
    _agenda_timetable(doc)

    heading(doc, "4. Cases")
    _agenda_case(doc)

    heading(doc, "5. Actions from earlier sittings")
    repeat_table(doc, "actions", [
        ("Ref", "{{id}}", 3.5),
        ("Action", "{{description}}", 4.9),
        ("Who", "{{owner.name}}", 3.3),
        ("By", "{{dueDate | date}}", 3.2),
        ("Status", "{{statusLabel}}", 2.1),
    ], empty="No actions outstanding.")

    heading(doc, "6. Any other business")
    para(doc, "Any other business is agreed with the chair at the start of the sitting.",
         italic=True, color=GREY_TEXT)
    doc.save(path)


# --------------------------------------------------------------------------- the report

REPORT_HEADER = ("{{localAuthority | default:\"Children's Services\"}}  ·  Quarterly highlight "
                 "report  ·  {{quarterLabel}}{{^quarterLabel}}{{quarter}}{{/quarterLabel}}")
MONO = "Consolas"        # Word's monospaced font; LibreOffice substitutes DejaVu Sans Mono
BAR_PT = 13              # 20 cells of 13 pt Consolas (DejaVu Sans Mono): about 5.5 cm
BAR_LINE_PT = 18         # exact line height of every line of the charts, so the lines of
                         # the label, bar and value columns sit side by side
CURRENT_BAR = NAVY
PREVIOUS_BAR = RGBColor(0xA6, 0xA6, 0xA6)
RULE = "BFBFBF"          # the charts' horizontal rules


def _fonts(run, name):
    """Put every rFonts slot of run on name (block elements may count as East Asian)."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _runs(paragraph, text, mono=False, **fmt):
    """add_text, the new runs in the monospaced font when mono."""
    before = len(paragraph.runs)
    add_text(paragraph, text, **fmt)
    if mono:
        for run in paragraph.runs[before:]:
            _fonts(run, MONO)
    return paragraph


def _exact(paragraph, points=BAR_LINE_PT):
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = None
    pf.line_spacing = Pt(points)     # a Length: exact line spacing
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    return paragraph


def _table_borders(table, outer=RULE, inside_h=RULE, inside_v=None):
    """The table's own borders (over Table Grid's): hairlines across, none down."""
    tblPr = table._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge, colour in (("top", outer), ("left", None), ("bottom", outer), ("right", None),
                         ("insideH", inside_h), ("insideV", inside_v)):
        el = OxmlElement("w:" + edge)
        if colour:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), colour)
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    # schema order in tblPr: tblStyle, ..., tblW, jc, ..., tblBorders, shd, tblLayout, ...
    anchor = None
    for tag in ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd"):
        el = tblPr.find(qn(tag))
        if el is not None:
            anchor = el
    if anchor is None:
        tblPr.insert(0, borders)
    else:
        anchor.addnext(borders)


def _cell_lines(cell, width_cm, lines, fill=None):
    """Fill a chart cell with one exactly spaced paragraph per entry of lines; each entry is
    a list of (text, format) pieces."""
    cell.width = Cm(width_cm)
    for n, pieces in enumerate(lines):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        _exact(p)
        for text, fmt in pieces:
            _runs(p, text, **fmt)
    if fill:
        _shade(cell, fill)


def _share_or_count(side, share, no_cases, count):
    """A chart line for one quarter of a measure: share (a bar or a percentage) when there
    are cases, no_cases when the denominator is 0, count for a count measure; each a list of
    (text, format)."""
    return ([("{{^isCount}}", {}), ("{{#%s.hasCases}}" % side, {})] + share +
            [("{{/%s.hasCases}}" % side, {}), ("{{^%s.hasCases}}" % side, {})] + no_cases +
            [("{{/%s.hasCases}}" % side, {}), ("{{/isCount}}", {}), ("{{#isCount}}", {})] +
            count + [("{{/isCount}}", {})])


def _kpi_cell(side):
    """'50%  (1 of 2)' for a share, 'no cases' when its denominator is 0, the number for a
    count."""
    return (
        "{{^isCount}}{{#%(s)s.hasCases}}" % {"s": side},
        [("{{%s.percentageText}}" % side, {"bold": True}),
         ("  ({{%(s)s.numerator}} of {{%(s)s.denominator}})" % {"s": side}, {})],
        "{{/%(s)s.hasCases}}{{^%(s)s.hasCases}}" % {"s": side},
        [("no cases", {"italic": True, "color": GREY_TEXT})],
        "{{/%(s)s.hasCases}}{{/isCount}}{{#isCount}}" % {"s": side},
        [("{{%s.percentageText}}" % side, {"bold": True})],
        "{{/isCount}}",
    )


def _report_kpis(doc):
    """One row per measure (a table-row section): id, title, this quarter, the quarter
    before, the verdict on the change (better, worse)."""
    widths = (1.8, 4.7, 3.5, 3.5, 3.5)
    t = _new_table(doc, 5, widths)
    _agenda_head_row(t, ("ID", "Measure", "This quarter ({{quarter}})",
                         "Previous quarter ({{previousQuarter}})", "Change"), widths)
    row = t.add_row()
    _row_flags(row)
    _fill_cell(row.cells[0], "{{#measures}}{{id}}", widths[0], bold=True)
    _fill_cell(row.cells[1], "{{title}}", widths[1])
    for i, side in ((2, "current"), (3, "previous")):
        cell = row.cells[i]
        cell.width = Cm(widths[i])
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(2)
        o1, share, o2, none, o3, count, o4 = _kpi_cell(side)
        add_text(p, o1)
        for text, fmt in share:
            add_text(p, text, **fmt)
        add_text(p, o2)
        for text, fmt in none:
            add_text(p, text, **fmt)
        add_text(p, o3)
        for text, fmt in count:
            add_text(p, text, **fmt)
        add_text(p, o4)
    _fill_cell(row.cells[4], "{{verdict | default:\"not comparable\"}}{{/measures}}", widths[4])
    _agenda_wide_row(t, "{{^measures}}—", "No measures this quarter.{{/measures}}", widths,
                     italic=True, color=GREY_TEXT)
    doc.add_paragraph()


def _report_chart(doc):
    """The bar chart: one row per measure (a table-row section); in it, one line for this
    quarter (a dark bar) above one for the quarter before (a grey bar), the label, bar and
    value columns lined up by an exact line height. A count measure shows its counts where
    the bars go; a share with no cases says so instead of drawing an empty bar."""
    widths = (4.6, 2.2, 6.2, 4.0)
    t = _new_table(doc, 4, widths)
    _table_borders(t)
    row = t.add_row()
    _row_flags(row)
    _cell_lines(row.cells[0], widths[0], [
        [("{{#measures}}", {}), ("{{id}}", {"bold": True, "color": NAVY, "size": 9}),
         ("  {{title}}", {"size": 9})],
    ])
    _cell_lines(row.cells[1], widths[1], [
        [("{{quarter}}", {"bold": True, "size": 9, "color": CURRENT_BAR})],
        [("{{previousQuarter}}", {"size": 9, "color": GREY_TEXT})],
    ])
    no_cases = [("no cases", {"italic": True, "size": 9, "color": GREY_TEXT})]
    _cell_lines(row.cells[2], widths[2], [
        _share_or_count("current",
                        [("{{current.bar}}", {"mono": True, "size": BAR_PT,
                                              "color": CURRENT_BAR})],
                        no_cases,
                        [("{{current.percentageText}}", {"bold": True, "color": CURRENT_BAR})]),
        _share_or_count("previous",
                        [("{{previous.bar}}", {"mono": True, "size": BAR_PT,
                                               "color": PREVIOUS_BAR})],
                        no_cases,
                        [("{{previous.percentageText}}", {"color": GREY_TEXT})]),
    ])
    _cell_lines(row.cells[3], widths[3], [
        _share_or_count("current",
                        [("{{current.percentageText}}", {"bold": True, "size": 9}),
                         ("  ({{current.numerator}} of {{current.denominator}})",
                          {"size": 9})],
                        [], [("a count", {"italic": True, "size": 9, "color": GREY_TEXT})]),
        _share_or_count("previous",
                        [("{{previous.percentageText}}", {"size": 9, "color": GREY_TEXT}),
                         ("  ({{previous.numerator}} of {{previous.denominator}})",
                          {"size": 9, "color": GREY_TEXT})],
                        [], []) + [("{{/measures}}", {})],
    ])
    _keep_together(t, with_next=False)
    doc.add_paragraph()


def _report_outcomes(doc):
    """Decisions by outcome, charted like the measures: the label, then this quarter's count
    and bar above the quarter before's, one row per outcome (a table-row section), and a row
    saying there were none when the list is empty."""
    widths = (4.6, 2.2, 6.2, 4.0)
    t = _new_table(doc, 4, widths)
    _table_borders(t)
    head = t.add_row()
    _row_flags(head, header=True)
    for i, title in enumerate(("Outcome", "Quarter", "", "Decisions")):
        _cell_lines(head.cells[i], widths[i], [[(title, {"bold": True, "size": 9})]],
                    fill=HEADER_FILL)
    row = t.add_row()
    _row_flags(row)
    _cell_lines(row.cells[0], widths[0], [
        [("{{#outcomes}}", {}), ("{{label}}", {"bold": True, "size": 9})],
    ])
    _cell_lines(row.cells[1], widths[1], [
        [("{{quarter}}", {"bold": True, "size": 9, "color": CURRENT_BAR})],
        [("{{previousQuarter}}", {"size": 9, "color": GREY_TEXT})],
    ])
    _cell_lines(row.cells[2], widths[2], [
        [("{{bar}}", {"mono": True, "size": BAR_PT, "color": CURRENT_BAR})],
        [("{{previousBar}}", {"mono": True, "size": BAR_PT, "color": PREVIOUS_BAR})],
    ])
    _cell_lines(row.cells[3], widths[3], [
        [("{{count}}", {"bold": True, "size": 9})],
        [("{{previousCount}}", {"size": 9, "color": GREY_TEXT}), ("{{/outcomes}}", {})],
    ])
    none = t.add_row()
    _row_flags(none)
    _cell_lines(none.cells[0], widths[0], [[("{{^outcomes}}—", {"italic": True,
                                                                "color": GREY_TEXT})]])
    for i in range(1, 4):
        none.cells[i].width = Cm(widths[i])
    wide = none.cells[1].merge(none.cells[3])
    p = wide.paragraphs[0]
    add_text(p, "No decisions this quarter or the quarter before.{{/outcomes}}", italic=True,
             color=GREY_TEXT)
    _keep_together(t, with_next=False)
    doc.add_paragraph()


def make_report(path):
    """The quarterly highlight report, filled from the report panelpack computes
    (docs/schema/report.schema.json; `panelpack fields report`)."""
    doc, _ = new_document("Quarterly highlight report", "Quarterly highlight report",
                          REPORT_HEADER)
    # The measures count every panel of the office (K3, K4...), not only the permanence panel.
    _agenda_subtitle(doc, "All panels  ·  {{quarterLabel}}{{^quarterLabel}}{{quarter}}"
                          "{{/quarterLabel}}")
    # Until the quarter has ended its figures still change: say so before any figure.
    para(doc, "{{#provisional}}")
    warning = para(doc, "PROVISIONAL: ", bold=True, color=RGBColor(0xC0, 0x00, 0x00))
    add_text(warning, "this quarter has not ended (it ends on {{to | date}}). Its figures will "
                      "change: records and actions not yet due count as not done, and "
                      "sittings still to come are not in them.", color=RGBColor(0xC0, 0x00, 0x00))
    para(doc, "{{/provisional}}")
    detail_table(doc, [
        ("Quarter", "{{from | date}} to {{to | date}} ({{quarter}})"),
        ("Status", "{{#provisional}}Provisional: the quarter ends on {{to | date}}"
                   "{{/provisional}}{{^provisional}}Final: the quarter has ended"
                   "{{/provisional}}"),
        ("Compared with", "{{previousQuarter}}: {{previousQuarterLabel}}"),
        ("Decisions made", "{{decisions | default:\"Not recorded\"}} this quarter, "
                           "{{previousDecisions | default:\"not recorded\"}} the quarter "
                           "before"),
        ("Generated", opt("generatedAt", "date")),
    ], label_cm=4.6)
    p = para(doc, "", italic=True, color=GREY_TEXT)
    add_text(p, "How to read this report: ", bold=True, italic=True, color=GREY_TEXT)
    add_text(p, "each measure is shown for this quarter beside the quarter before, as how many "
                "met it of how many it counts and the percentage that makes. Where a measure "
                "had nothing to count in a quarter it says \u201cno cases\u201d: there is no "
                "percentage to show, and it cannot be compared. A few measures are counts of "
                "events (re-referrals, overdue actions) rather than shares, and show the "
                "number. In the charts the dark bar is this quarter and the grey bar the "
                "quarter before; a full bar is 100%, each of its 20 cells 5%. Section 3 says "
                "exactly what each measure counts.", italic=True, color=GREY_TEXT)

    heading(doc, "1. The measures")
    _report_kpis(doc)

    heading(doc, "2. At a glance")
    legend = para(doc, "Dark bar: this quarter ({{quarter}}). Grey bar: the quarter before "
                       "({{previousQuarter}}). The pale cells of a bar are the part of 100% "
                       "not reached.", italic=True, color=GREY_TEXT, size=9)
    legend.paragraph_format.keep_with_next = True
    _report_chart(doc)

    heading(doc, "3. What each measure counts")
    repeat_table(doc, "measures", [
        ("ID", "{{id}}", 1.5),
        ("Measure", "{{title}}", 5.0),
        ("Definition", "{{definition | default:\"Not recorded\"}}", 10.5),
    ], empty="No measures this quarter.")

    heading(doc, "4. Decisions by outcome")
    total = para(doc, "{{decisions | default:\"No\"}} decisions this quarter; "
                      "{{previousDecisions | default:\"none recorded\"}} the quarter before.")
    total.paragraph_format.keep_with_next = True
    _report_outcomes(doc)
    doc.save(path)


FORMS = {
    "referral": make_referral,
    "matching": make_matching,
    "finance-request": make_finance,
    "decision-record": make_decision,
    "agenda": make_agenda,
    "report": make_report,
}


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print("usage: make_templates.py OUTDIR [FORM ...]   (FORM: %s; default: all)\n"
              "       e.g. make_templates.py templates agenda report" % ", ".join(FORMS))
        return 0 if args else 2
    outdir, names = args[0], args[1:] or list(FORMS)
    unknown = [n for n in names if n not in FORMS]
    if unknown:
        print("make_templates.py: unknown form %s (the forms: %s)"
              % (", ".join(unknown), ", ".join(FORMS)), file=sys.stderr)
        return 2
    os.makedirs(outdir, exist_ok=True)
    for name in names:
        path = os.path.join(outdir, name + ".docx")
        FORMS[name](path)
        print("wrote", os.path.normpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
