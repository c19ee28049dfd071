#!/usr/bin/python3
"""Advice fitted to the shape of a mistake, and warnings for near-tags (issue 16).

Each case types one mistake into the shipped referral (templates/referral.docx and .odt) the
way Word or LibreOffice stores it (tests/templates/word_edits.py), runs `panelpack check
--json` and asserts the diagnostic's code, its fix (the tag as it should be) and its
paragraph, never the wording. The paragraph expected is counted in the edited XML itself.
Shift+Enter inside a tag is also rendered: the filled form must not keep the line break.

Standard library only. Environment: PANELPACK_BIN (the built panelpack), PANELPACK_SOURCE_DIR
(the source tree; default: two levels up). Prints "N passed, M failed" last; exits 1 on any
failure.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from word_edits import Package  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="pp-advice-"))
DATA = SOURCE / "tests" / "fixtures" / "cases" / "LCS900001.json"
CHILD_NAME = json.loads(DATA.read_text(encoding="utf-8"))["child"]["name"]
RESULTS = {"passed": 0, "failed": 0}

NAME = "{{child.name}}"
DOB = '{{child.dob | date | default:"Not recorded"}}'
ETHNICITY = '{{child.ethnicity | default:"Not recorded"}}'
RELIGION = '{{child.religion | default:"Not recorded"}}'
INTERPRETER = "{{child.interpreterRequired | yesno}}"


def expect(condition, what):
    RESULTS["passed" if condition else "failed"] += 1
    if not condition:
        print("FAIL:", what)


def referral(fmt):
    return Package.load(SOURCE / "templates" / ("referral." + fmt))


def check(package, name):
    path = package.save(WORK / name)
    run = subprocess.run([BINARY, "check", str(path), "--json"], capture_output=True, text=True)
    try:
        return run.returncode, json.loads(run.stdout)["errors"]
    except ValueError:
        return run.returncode, [{"code": "unreadable output", "stderr": run.stderr}]


def paragraph_of(package, text, part=None):
    """1-based paragraph (w:p, or text:p/text:h) holding the first `text` in the saved XML."""
    xml = package.read(part or package.main)
    at = xml.find(text)
    assert at >= 0, f"{text!r} is not in the edited XML"
    opening = r"<text:[ph][ >/]" if package.is_odt else r"<w:p[ >/]"
    return len(re.findall(opening, xml[:at]))


def expect_one(errors, code, fix, paragraph, what, severity=None):
    """Exactly one diagnostic with `code`; its fix and paragraph as given."""
    found = [e for e in errors if e["code"] == code]
    expect(len(found) == 1, f"{what}: one {code}, got {json.dumps(errors)[:600]}")
    if not found:
        return
    expect(found[0].get("fix") == fix, f"{what}: fix {found[0].get('fix')!r}, expected {fix!r}")
    expect(found[0]["paragraph"] == paragraph,
           f"{what}: paragraph {found[0]['paragraph']}, expected {paragraph}")
    if severity:
        expect(found[0]["severity"] == severity, f"{what}: severity {found[0]['severity']}")


def only_codes(errors, codes, what):
    got = sorted(e["code"] for e in errors)
    expect(got == sorted(codes), f"{what}: codes {got}, expected {sorted(codes)}")


def typed_case(fmt, existing, typed, code, fix, label):
    """A tag retyped wrongly in place of `existing`: one `code` diagnostic with `fix`."""
    package = referral(fmt)
    marker_at = paragraph_of(package, existing.replace('"', "&quot;") if fmt == "odt" and
                             '"' in existing else existing)
    package.mistype(existing, typed)
    rc, errors = check(package, f"{label}.{fmt}")
    what = f"{label} ({fmt})"
    only_codes(errors, [code], what)
    expect_one(errors, code, fix, marker_at, what)
    return rc


def test_shapes(fmt):
    # 1. a space beside a dot
    typed_case(fmt, ETHNICITY, "{{child. ethnicity}}", "malformed_tag", "{{child.ethnicity}}",
               "space-after-dot")
    typed_case(fmt, ETHNICITY, '{{child .ethnicity | default:"Not recorded"}}', "malformed_tag",
               '{{child.ethnicity | default:"Not recorded"}}', "space-before-dot")
    # 2. a filter with no pipe, with and without an argument
    typed_case(fmt, DOB, "{{child.dob date}}", "malformed_tag", "{{child.dob | date}}",
               "missing-pipe")
    typed_case(fmt, DOB, '{{child.dob date:"d MMMM yyyy"}}', "malformed_tag",
               '{{child.dob | date:"d MMMM yyyy"}}', "missing-pipe-argument")
    # 3. AutoCorrect's dashes and the broken bar for '|'
    for name, dash in (("en-dash", "\u2013"), ("em-dash", "\u2014"), ("broken-bar", "\u00a6")):
        typed_case(fmt, DOB, "{{child.dob %s date}}" % dash, "malformed_tag",
                   "{{child.dob | date}}", name)
    typed_case(fmt, DOB, '{{child.dob | date \u2013 default:"Not recorded"}}', "malformed_tag",
               '{{child.dob | date | default:"Not recorded"}}', "dash-before-second-filter")
    # 3b. the dash glued to the name and the filter, no spaces (a name has no dash in it)
    for name, dash in (("glued-en-dash", "\u2013"), ("glued-em-dash", "\u2014")):
        typed_case(fmt, DOB, "{{child.dob%sdate}}" % dash, "malformed_tag",
                   "{{child.dob | date}}", name)
    typed_case(fmt, DOB, '{{child.dob\u2013date | default:"Not recorded"}}', "malformed_tag",
               '{{child.dob | date | default:"Not recorded"}}', "glued-dash-then-filter")
    # 4. a misspelt filter: the name meant, and the tag with it (other filters kept)
    for label, typed, suggestion, fix in (
            ("unknown-filter", '{{child.dob | dat | default:"Not recorded"}}', "date",
             '{{child.dob | date | default:"Not recorded"}}'),
            ("two-unknown-filters", '{{child.dob | dat | defualt:"Not recorded"}}', "date",
             '{{child.dob | date | default:"Not recorded"}}'),
            ("far-unknown-filter", "{{child.dob | birthday}}", "", "")):
        typed_case(fmt, DOB, typed, "unknown_filter", fix, label)
        _, errors = check(referral(fmt).mistype(DOB, typed), f"{label}.{fmt}")
        found = [e.get("suggestion", "") for e in errors if e["code"] == "unknown_filter"]
        expect(found == [suggestion], f"{label} ({fmt}): suggestion {found}, expected "
               f"{suggestion!r}")
    # 5. three braces: two too many, with the raw-output code kept
    rc = typed_case(fmt, NAME, "{{{child.name}}}", "raw_output_refused", NAME, "three-braces")
    expect(rc == 1, f"three braces ({fmt}): exit {rc}, expected 1")
    # {{&name}} still gets the raw-output message, and no fix (it was meant)
    package = referral(fmt).mistype(NAME, "{{&child.name}}")
    _, errors = check(package, f"ampersand.{fmt}")
    only_codes(errors, ["raw_output_refused"], f"ampersand ({fmt})")
    expect(all(not e.get("fix") for e in errors), f"ampersand ({fmt}): no fix: {errors}")
    # a shape we do not know keeps the general advice and no fix
    package = referral(fmt).mistype(NAME, "{{child name here}}")
    _, errors = check(package, f"unknown-shape.{fmt}")
    only_codes(errors, ["malformed_tag"], f"unknown shape ({fmt})")
    expect(all(not e.get("fix") for e in errors), f"unknown shape ({fmt}): no fix: {errors}")


def test_broken_by_enter(fmt):
    package = referral(fmt)
    first = paragraph_of(package, NAME)
    package.break_paragraph(NAME, len("{{child."))
    rc, errors = check(package, f"enter.{fmt}")
    only_codes(errors, ["malformed_tag"], f"tag broken by Enter ({fmt})")
    expect_one(errors, "malformed_tag", NAME, first, f"tag broken by Enter ({fmt})")
    expect(rc == 1, f"tag broken by Enter ({fmt}): exit {rc}")


def main_xml(fmt, document):
    with zipfile.ZipFile(document) as archive:
        return archive.read("content.xml" if fmt == "odt" else "word/document.xml").decode()


def counts(fmt, document):
    """Paragraphs and line breaks in the filled form's main text."""
    xml = main_xml(fmt, document)
    opening = r"<text:[ph][ >/]" if fmt == "odt" else r"<w:p[ >/]"
    return (len(re.findall(opening, xml)),
            len(re.findall(r"<text:line-break/>|<w:br/>|<w:cr/>", xml)))


def render(fmt, template, name):
    output = WORK / f"{name}-out.{fmt}"
    run = subprocess.run([BINARY, "render", str(template), str(DATA), "-o", str(output)],
                         capture_output=True, text=True)
    expect(run.returncode == 0, f"render {name} ({fmt}): exit {run.returncode} {run.stderr[:300]}")
    return output if run.returncode == 0 else None


def test_shift_enter(fmt):
    clean = render(fmt, referral(fmt).save(WORK / f"clean-render.{fmt}"), "clean")
    # in a value tag, and in a section tag alone in its paragraph (which must still vanish)
    for label, existing, at in (("value", NAME, len("{{child.")),
                                ("section", "{{#plans.parallelLabels}}", len("{{#plans."))):
        what = f"Shift+Enter in a {label} tag ({fmt})"
        package = referral(fmt)
        paragraph = paragraph_of(package, existing)
        package.add_line_break(existing, at)
        rc, errors = check(package, f"shift-enter-{label}.{fmt}")
        # the template itself holds the break (so the render below has one to lose)
        expect(counts(fmt, WORK / f"shift-enter-{label}.{fmt}")[1] ==
               counts(fmt, WORK / f"clean-render.{fmt}")[1] + 1, f"{what}: a break typed")
        only_codes(errors, ["line_break_in_tag"], what)
        expect_one(errors, "line_break_in_tag", existing, paragraph, what, "warning")
        expect(rc == 0, f"{what}: a warning only, exit {rc}")
        output = render(fmt, WORK / f"shift-enter-{label}.{fmt}", f"shift-enter-{label}")
        if output and clean:
            # the same paragraphs and line breaks as the form filled from the intact template
            expect(counts(fmt, output) == counts(fmt, clean),
                   f"{what}: paragraphs and breaks {counts(fmt, output)}, "
                   f"intact {counts(fmt, clean)}")
            expect(CHILD_NAME in main_xml(fmt, output), f"{what}: the child's name is filled")


def test_near_tags(fmt):
    package = referral(fmt)
    at = paragraph_of(package, NAME)
    package.mistype(NAME, "{child.name}")
    rc, errors = check(package, f"single-braces.{fmt}")
    only_codes(errors, ["single_braces"], f"single braces ({fmt})")
    expect_one(errors, "single_braces", NAME, at, f"single braces ({fmt})", "warning")
    expect(rc == 0, f"single braces ({fmt}): exit {rc}")

    package = referral(fmt)
    at = paragraph_of(package, RELIGION.replace('"', "&quot;") if fmt == "odt" else RELIGION)
    package.mistype(RELIGION, "{ {child.religion} }")
    _, errors = check(package, f"spaced-braces.{fmt}")
    only_codes(errors, ["spaced_braces"], f"spaced braces ({fmt})")
    expect_one(errors, "spaced_braces", "{{child.religion}}", at, f"spaced braces ({fmt})",
               "warning")

    # ordinary text in braces is left alone
    package = referral(fmt).add_paragraph_after(NAME, "Interpreter: {see note} and {1}")
    _, errors = check(package, f"prose-braces.{fmt}")
    only_codes(errors, [], f"prose in braces ({fmt})")


def linked(fmt, text, address):
    """The referral with a paragraph after the child's name holding `text` linked to `address`."""
    return referral(fmt).add_paragraph_after(NAME, text).add_hyperlink(text, address)


def test_links(fmt):
    package = linked(fmt, "Case record", "https://records.example.org/case/{{caseRef}}")
    at = paragraph_of(package, "Case record")
    _, errors = check(package, f"link.{fmt}")
    only_codes(errors, ["tag_in_link_address"], f"tag in a link's address ({fmt})")
    expect_one(errors, "tag_in_link_address", "", at, f"tag in a link's address ({fmt})",
               "warning")
    found = [e for e in errors if e["code"] == "tag_in_link_address"]
    expect(bool(found) and found[0]["tag"] == "{{caseRef}}", f"link ({fmt}): tag {found}")
    # Word writes the braces of a typed address escaped
    package = linked(fmt, "Case record", "https://records.example.org/case/%7B%7BcaseRef%7D%7D")
    _, errors = check(package, f"link-escaped.{fmt}")
    only_codes(errors, ["tag_in_link_address"], f"escaped tag in a link's address ({fmt})")
    if fmt == "docx":
        package = referral(fmt).add_link_field_after(
            NAME, "Case record", "https://records.example.org/case/{{caseRef}}")
        at = paragraph_of(package, "Case record")
        _, errors = check(package, "link-field.docx")
        only_codes(errors, ["tag_in_link_address"], "tag in a HYPERLINK field (docx)")
        expect_one(errors, "tag_in_link_address", "", at, "tag in a HYPERLINK field (docx)")
    # a link with no tag says nothing
    package = linked(fmt, "Guidance", "https://www.gov.uk/")
    _, errors = check(package, f"link-plain.{fmt}")
    only_codes(errors, [], f"a plain link ({fmt})")


def test_row_section(fmt):
    package = referral(fmt)
    at = paragraph_of(package, "Interpreter required")
    package.mistype("Interpreter required", "Interpreter required {{#child.interpreterRequired}}")
    package.mistype(INTERPRETER, "{{child.firstLanguage}}{{/child.interpreterRequired}}")
    rc, errors = check(package, f"row-section.{fmt}")
    only_codes(errors, ["section_removes_row"], f"section across a row's cells ({fmt})")
    expect_one(errors, "section_removes_row", "", at, f"section across a row's cells ({fmt})",
               "warning")
    expect(rc == 0, f"section across a row's cells ({fmt}): exit {rc}")


def test_clean(fmt):
    """The shipped referral (its sibling rows repeat across cells) gets no warning."""
    _, errors = check(referral(fmt), f"clean.{fmt}")
    only_codes(errors, [], f"the shipped referral ({fmt})")


def main():
    for fmt in ("docx", "odt"):
        test_clean(fmt)
        test_shapes(fmt)
        test_broken_by_enter(fmt)
        test_shift_enter(fmt)
        test_near_tags(fmt)
        test_links(fmt)
        test_row_section(fmt)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
