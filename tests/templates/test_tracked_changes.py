#!/usr/bin/python3
"""A template saved with Track Changes on (Word) or Record Changes (LibreOffice): `check` warns
`tracked_changes` and `render` fills the forms from the accepted text, so no form carries
revision marks. Built from templates/referral.docx and .odt with tests/templates/word_edits.py:
a tag replaced with tracking on, and in Word also a deleted table row, a deleted paragraph mark,
a moved phrase, changed run and paragraph formatting, and a change in a footnote (a part with
no tags). Asserts on the rendered XML: no w:ins/w:del/w:moveFrom/…Change, no deleted text, the
inserted text filled. Environment: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Standard library only.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from word_edits import Package  # noqa: E402

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or HERE.parents[1])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
CASE = SOURCE / "tests" / "fixtures" / "cases" / "LCS900003.json"  # no religion recorded
RELIGION = '{{child.religion | default:"Not recorded"}}'
MARKS = 'w:author="A Social Worker" w:date="2026-11-30T10:00:00Z"'
failures = []


def expect(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def docx_template(work):
    pkg = Package.load(SOURCE / "templates" / "referral.docx")
    pkg.track_change(RELIGION, '{{child.religion | default:"Not known"}}')
    xml = pkg.read(pkg.main)
    # The row "Ethnicity code (DfE)" deleted.
    label = xml.find("Ethnicity code (DfE)")
    row = xml.rfind("<w:tr>", 0, label)
    xml = xml[:row] + f'<w:tr><w:trPr><w:del w:id="903" {MARKS}/></w:trPr>' + xml[row + 6:]
    # The introduction's paragraph mark deleted: it joins the next paragraph.
    intro = xml.find("To be completed by the allocated social worker")
    paragraph = xml.rfind("<w:p>", 0, intro)
    expect(xml.startswith("<w:p><w:r>", paragraph), "docx: the introduction has no pPr yet")
    xml = (xml[:paragraph] + f'<w:p><w:pPr><w:rPr><w:del w:id="904" {MARKS}/></w:rPr></w:pPr>' +
           xml[paragraph + len("<w:p>"):])
    # "School or nursery" moved: the old place in w:moveFrom, the new one in w:moveTo.
    school = xml.find("School or nursery")
    run = xml.rfind("<w:r>", 0, school)
    run_end = xml.find("</w:r>", school) + len("</w:r>")
    moved = xml[run:run_end]
    xml = (xml[:run] + f'<w:moveFrom w:id="905" {MARKS}>{moved}</w:moveFrom>'
           f'<w:moveTo w:id="906" {MARKS}>{moved.replace("School or nursery", "School")}'
           "</w:moveTo>" + xml[run_end:])
    # Formatting changes: the run's and the paragraph's earlier properties kept as records.
    xml = xml.replace("<w:rPr><w:b/></w:rPr><w:t>Religion</w:t>",
                      f'<w:rPr><w:b/><w:rPrChange w:id="907" {MARKS}><w:rPr/></w:rPrChange>'
                      "</w:rPr><w:t>Religion</w:t>", 1)
    xml = xml.replace('<w:pPr><w:pStyle w:val="Heading1"/>',
                      f'<w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="908" {MARKS}>'
                      "<w:pPr/></w:pPrChange>", 1)
    for record in ("<w:rPrChange", "<w:pPrChange", "<w:moveFrom", "<w:trPr><w:del"):
        expect(record in xml, f"docx: the template holds {record}")
    pkg.write(pkg.main, xml)
    # A change in a part with no tags at all: the footnotes.
    pkg.add_footnote("Reason for referral", "See the chronology")
    pkg.track_change("See the chronology", "See section 12", part="word/footnotes.xml")
    return pkg.save(work / "tracked.docx")


def odt_template(work):
    pkg = Package.load(SOURCE / "templates" / "referral.odt")
    pkg.track_change(RELIGION, '{{child.religion | default:"Not known"}}')
    return pkg.save(work / "tracked.odt")


def run(*words):
    return subprocess.run([BINARY, *map(str, words)], capture_output=True, text=True, timeout=60)


def check_warns(template, fmt):
    result = run("check", template, "--json")
    report = json.loads(result.stdout)
    codes = [entry["code"] for entry in report["errors"]]
    expect(result.returncode == 0, f"{fmt}: check exits 0 on tracked changes (a warning)")
    expect("tracked_changes" in codes, f"{fmt}: check warns tracked_changes ({codes})")
    warning = next((e for e in report["errors"] if e["code"] == "tracked_changes"), {})
    expect(warning.get("severity") == "warning", f"{fmt}: tracked_changes is a warning")
    expect("Accept All" in warning.get("hint", ""), f"{fmt}: the hint says Review > Accept All")


def render(template, work, fmt):
    out = work / f"form.{fmt}"
    result = run("render", template, CASE, "-o", out)
    expect(result.returncode == 0, f"{fmt}: render exits 0 ({result.stderr.strip()[:200]})")
    expect("tracked_changes" in result.stderr or "Accept All" in result.stderr,
           f"{fmt}: render warns of the tracked changes")
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist() if name.endswith(".xml")}


def text_of(xml):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def main():
    work = Path(tempfile.mkdtemp(prefix="pp-tracked-"))
    docx = docx_template(work)
    check_warns(docx, "docx")
    parts = render(docx, work, "docx")
    body = parts["word/document.xml"]
    for mark in ("<w:ins ", "<w:del ", "<w:delText", "<w:moveFrom", "<w:moveTo", "Change "):
        expect(mark not in body, f"docx: the form holds no {mark.strip()}")
    expect("child.religion" not in body, "docx: the deleted tag is gone")
    expect("Not known" in text_of(body), "docx: the inserted tag is filled")
    expect("Ethnicity code (DfE)" not in body, "docx: the deleted row is gone")
    expect(text_of(body).count("School or nursery") == 0 and "School" in text_of(body),
           "docx: the moved text is at its new place only")
    joined = [p for p in re.findall(r"<w:p[ >].*?</w:p>", body, re.S)
              if "To be completed by the allocated" in p]
    expect(len(joined) == 1 and "1. Referral details" in text_of(joined[0]),
           "docx: the paragraph whose mark was deleted is joined to the next")
    notes = parts.get("word/footnotes.xml", "")
    expect("<w:del " not in notes and "See section 12" in notes and
           "See the chronology" not in notes, "docx: a part without tags is accepted too")

    odt = odt_template(work)
    check_warns(odt, "odt")
    content = render(odt, work, "odt")["content.xml"]
    for mark in ("text:tracked-changes", "text:change-start", "text:change-end", "<text:change "):
        expect(mark not in content, f"odt: the form holds no {mark}")
    expect("child.religion" not in content, "odt: the deleted tag is gone")
    expect("Not known" in content, "odt: the inserted tag is filled")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
