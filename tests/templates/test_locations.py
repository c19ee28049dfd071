#!/usr/bin/python3
"""Every error says where it is in the words a Word user sees, and errors come in document order.

Mistakes are typed into the shipped referral (templates/referral.docx and .odt) with
word_edits.py, the way Word and LibreOffice store them: in the Legal status table's 'Since'
row, in a footnote, in the header and footer, in a first-page header (of a second section in
Word), in a text box. `panelpack check --json --schema case` must
give each error's location object (container, heading, table, row, rowLabel, cell,
cellsInRow, inTextBox, words), each mistake once, and the errors in the order of the document:
main text, then headers and footers, then footnotes.

Standard library only. Environment: PANELPACK_BIN (the built panelpack), PANELPACK_SOURCE_DIR
(the source tree; default: two levels up). Prints "N passed, M failed" last; exits 1 on any
failure.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from word_edits import Package  # noqa: E402

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
WORK = Path(tempfile.mkdtemp(prefix="pp-locations-"))

SINCE = '{{legal.statusDate | date | default:"Not recorded"}}'
# The header's page style as LibreOffice names it on screen (stored as "Standard").
ODT_HEADER = "the header of page style 'Default Page Style'"
HEADER = {"docx": "the header of section 1", "odt": ODT_HEADER}

passed = 0
failed = 0


def ok(condition, message):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", message)
    return condition


def check(package, name, schema=True):
    path = package.save(WORK / name)
    command = [BINARY, "check", str(path), "--json"] + (["--schema", "case"] if schema else [])
    done = subprocess.run(command, capture_output=True, text=True)
    try:
        return json.loads(done.stdout)["errors"]
    except (json.JSONDecodeError, KeyError):
        ok(False, "%s: check --json printed no report (exit %d): %s" %
           (name, done.returncode, done.stderr.strip()))
        return []


def where(error):
    return error.get("location") or {}


def with_tag(errors, tag):
    return [error for error in errors if error["tag"] == tag]


def expect_location(name, errors, tag, **fields):
    """Exactly one error for `tag`, whose location has these fields (and empty others)."""
    found = with_tag(errors, tag)
    if not ok(len(found) == 1, "%s: %s should be reported once, got %d: %s" %
              (name, tag, len(found), json.dumps(found))):
        return
    where = found[0].get("location")
    if not ok(isinstance(where, dict), "%s: %s has no location object" % (name, tag)):
        return
    empty = {"container": "", "heading": "", "table": "", "row": 0, "rowLabel": "", "cell": 0,
             "cellsInRow": 0, "inTextBox": False}
    for key, value in {**empty, **fields}.items():
        ok(where.get(key) == value, "%s: %s location.%s should be %r, got %r" %
           (name, tag, key, value, where.get(key)))


def legal_status_row(kind, source):
    name = "since." + kind
    errors = check(Package.load(source).mistype(SINCE, "{{legal.statusDat | date}}"), name)
    expect_location(name, errors, "{{legal.statusDat | date}}", heading="3. Legal status",
                    table="Legal status", row=2, rowLabel="Since", cell=2, cellsInRow=2,
                    words="under '3. Legal status', table 'Legal status', row 'Since', "
                          "right-hand cell")


def footnote(kind, source):
    name = "footnote." + kind
    errors = check(Package.load(source).add_footnote("Reason for referral", "{{child.nmae}}"),
                   name)
    expect_location(name, errors, "{{child.nmae}}", container="footnote 1", words="footnote 1")


def header(kind, source):
    name = "header." + kind
    package = Package.load(source)
    package.mistype("{{caseRef}}", "{{caseRf}}", part=package.header_part())
    errors = check(package, name)
    expect_location(name, errors, "{{caseRf}}", container=HEADER[kind], words=HEADER[kind])


def text_box(kind, source):
    """Word keeps two copies of a text box: the mistake is said once, from the first."""
    name = "text-box." + kind
    package = Package.load(source).add_text_box("Case reference", "{{child.nme}}")
    errors = check(package, name)
    expect_location(name, errors, "{{child.nme}}", heading="1. Referral details", inTextBox=True,
                    words="under '1. Referral details', in a text box")
    if kind == "docx":
        ok(all(error["paragraph"] > 0 for error in errors),
           "%s: no error may name paragraph 0 (the text box's second copy): %s" %
           (name, json.dumps(errors)))
    # An error the engine finds itself (a tag left open) is said once too.
    package = Package.load(source).add_text_box("Case reference", "{{child.name}")
    errors = check(package, name + ".engine", schema=False)
    found = [error for error in errors if error["code"] != "near_tag"]
    ok(len(found) == 1, "%s: an unclosed tag in a text box should be one error, got %s" %
       (name, json.dumps(errors)))
    ok(found and all(where(error).get("inTextBox") for error in found),
       "%s: the unclosed tag should be in a text box: %s" % (name, json.dumps(errors)))


def document_order(kind, source):
    """Typed into the properties, a footnote, the header and the main text: reported main
    text, header, footnote, properties, whatever order the parts sit in the package (a DOCX
    lists docProps/ before word/document.xml; an ODT keeps its notes in content.xml)."""
    name = "order." + kind
    package = Package.load(source).add_footnote("Reason for referral", "{{child.nmae}}")
    package.replace_text("<dc:title>Referral</dc:title>",
                         "<dc:title>Referral for {{child.nmea}}</dc:title>",
                         part="meta.xml" if kind == "odt" else "docProps/core.xml")
    package.mistype("{{caseRef}}", "{{caseRf}}", part=package.header_part())
    package.mistype(SINCE, "{{legal.statusDat | date}}")
    package.mistype("{{child.name}}", "{{child.nam}}")
    errors = check(package, name)
    tags = [error["tag"] for error in errors if error["code"] == "unknown_field"]
    want = ["{{child.nam}}", "{{legal.statusDat | date}}", "{{caseRf}}", "{{child.nmae}}",
            "{{child.nmea}}"]
    ok(tags == want, "%s: errors should come in document order %s, got %s" % (name, want, tags))
    containers = [where(error).get("container") for error in errors
                  if error["code"] == "unknown_field"]
    ok(containers == ["", "", HEADER[kind], "footnote 1", "document properties"],
       "%s: containers in order: %s" % (name, containers))
    # The engine's own errors (no schema) come in the same order across parts.
    package = Package.load(source).add_footnote("Reason for referral", "{{child.name}")
    package.mistype("{{caseRef}}", "{{caseRef}", part=package.header_part())
    package.mistype(SINCE, "{{legal.statusDate}")
    errors = check(package, name + ".engine", schema=False)
    containers = [where(error).get("container") for error in errors
                  if error["code"] != "near_tag"]
    ok(containers == ["", HEADER[kind], "footnote 1"],
       "%s: the engine's errors should be main text, header, footnote: %s" %
       (name, json.dumps(errors)))


def engine_and_schema_errors_together(kind, source):
    """An error the engine finds (in the footnote) and one the schema finds (in the header)
    come in the document's order, not the engine's first."""
    name = "mixed." + kind
    package = Package.load(source).add_footnote("Reason for referral", "{{child.name}")
    package.mistype("{{caseRef}}", "{{caseRf}}", part=package.header_part())
    errors = [error for error in check(package, name) if error["code"] != "near_tag"]
    got = [(error["code"], where(error).get("container")) for error in errors]
    want = [("unknown_field", HEADER[kind]), ("malformed_tag", "footnote 1")]
    ok(got == want, "%s: errors should be %s, got %s" % (name, want, got))


def headers_and_footers(kind, source):
    """The header, the footer and a first-page header (DOCX: of a second section, after a
    section break) are named as Word or LibreOffice names them, in that order."""
    name = "sections." + kind
    package = Package.load(source).add_first_page_header(
        "{{child.nmae}}", section_break_after="Date quality-assured")
    package.mistype("{{caseRef}}", "{{caseRf}}", part=package.header_part())
    package.mistype('{{referral.panelTypeLabel | default:"Panel"}}', "{{referral.panelTypeLbl}}",
                    part="styles.xml" if kind == "odt" else "word/footer1.xml")
    errors = check(package, name)
    if kind == "docx":
        want = [("{{caseRf}}", "the header of section 1"),
                ("{{referral.panelTypeLbl}}", "the footer of section 1"),
                ("{{child.nmae}}", "the first-page header of section 2")]
    else:
        want = [("{{caseRf}}", ODT_HEADER),
                ("{{child.nmae}}", "the first-page header of page style 'Default Page Style'"),
                ("{{referral.panelTypeLbl}}", "the footer of page style 'Default Page Style'")]
    got = [(error["tag"], where(error).get("container")) for error in errors]
    ok(got == want, "%s: errors and containers should be %s, got %s" % (name, want, got))


def heading_style_in_another_language():
    """German Word calls Heading 1's style id "berschrift1": styles.xml still names it
    "heading 1", so the heading is found all the same."""
    name = "heading-style.docx"
    package = Package.load(SOURCE / "templates" / "referral.docx").mistype(
        SINCE, "{{legal.statusDat | date}}")
    for part in ("word/document.xml", "word/styles.xml"):
        text = package.read(part)
        ok('"Heading1"' in text, "%s: %s uses the style id Heading1" % (name, part))
        package.write(part, text.replace('"Heading1"', '"berschrift1"'))
    errors = check(package, name)
    found = with_tag(errors, "{{legal.statusDat | date}}")
    ok(found and where(found[0]).get("heading") == "3. Legal status",
       "%s: the heading should be found by the style's name: %s" % (name, json.dumps(found)))


def misplaced_section(kind, source):
    """A section opened in a table cell and closed below the next heading: the message says
    where each tag is in Word's terms, not by paragraph number."""
    name = "misplaced." + kind
    package = Package.load(source).mistype(SINCE, "{{#legal}}{{legal.statusDate | date}}")
    package.add_paragraph_after("4. Current placement", "{{/legal}}")
    errors = check(package, name, schema=False)
    found = [error for error in errors if error["code"] == "misplaced_section"]
    if not ok(len(found) == 1, "%s: one misplaced_section, got %s" % (name, json.dumps(errors))):
        return
    message = found[0]["message"]
    ok(found[0]["tag"] == "{{#legal}}", "%s: at the open tag: %s" % (name, found[0]["tag"]))
    for words in ("{{#legal}} is under '3. Legal status', table 'Legal status', row 'Since'",
                  "{{/legal}} under '4. Current placement'"):
        ok(words in message, "%s: the message should say %r: %s" % (name, words, message))
    ok("paragraph" not in message, "%s: no paragraph number: %s" % (name, message))


def main():
    if not ok(Path(BINARY).is_file(), "PANELPACK_BIN %s exists" % BINARY):
        return 1
    for kind in ("docx", "odt"):
        source = SOURCE / "templates" / ("referral." + kind)
        for test in (legal_status_row, footnote, header, text_box, document_order,
                     headers_and_footers, engine_and_schema_errors_together, misplaced_section):
            test(kind, source)
    heading_style_in_another_language()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
