#!/usr/bin/python3
"""Builds the corpus of broken templates: one realistic mistake per template, typed into the
shipped referral (templates/referral.docx and .odt) the way Word and LibreOffice store edits
(tests/templates/word_edits.py: tags split over runs with new rsids, proofing marks,
bookmarks). What each one must give is in mistakes.json beside this file; the recipes are here,
one function per entry name. Nothing generated is kept in git: the test builds the corpus into
the build folder.

    make_mistakes.py OUT_DIR [SOURCE_DIR]    writes OUT_DIR/NAME.docx and NAME.odt

Standard library only.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from word_edits import Package  # noqa: E402

RECIPES = {}


def recipe(name):
    def register(function):
        RECIPES[name] = function
        return function
    return register


RELIGION = '{{child.religion | default:"Not recorded"}}'
DOB = '{{child.dob | date | default:"Not recorded"}}'


# -- typos, in each kind of place -----------------------------------------------------------

@recipe("typo-in-table-cell")
def _(pkg):
    pkg.mistype("{{legal.statusLabel}}", "{{legal.statusLable}}")


@recipe("typo-in-footnote")
def _(pkg):
    pkg.add_footnote("Reason for referral", "{{child.nmae}}")


@recipe("typo-in-header")
def _(pkg):
    pkg.mistype("{{caseRef}}", "{{caseRf}}", part=pkg.header_part())


@recipe("typo-in-text-box")
def _(pkg):
    pkg.add_text_box("To be completed by the allocated social worker", "{{child.preferedName}}")


@recipe("typo-typed-30-times")
def _(pkg):
    for _ in range(30):
        pkg.add_paragraph_after("Analysis, including the impact of harm", "{{child.nmae}}")


@recipe("typo-inside-a-list")
def _(pkg):
    pkg.mistype("{{placement}}", "{{placment}}")


@recipe("default-on-a-typo")
def _(pkg):
    pkg.mistype(RELIGION, '{{child.religon | default:"Not recorded"}}')


@recipe("unknown-filter")
def _(pkg):
    pkg.mistype(DOB, "{{child.dob | dat}}")


@recipe("two-mistakes-in-document-order")
def _(pkg):
    # The header comes after the main text in document order, though its XML part is separate.
    pkg.mistype("{{caseRef}}", "{{caseRf}}", part=pkg.header_part())
    pkg.mistype('{{version | default:"Not recorded"}}', "{{verison}}")


# -- sections ---------------------------------------------------------------------------------

@recipe("forgotten-close")
def _(pkg):
    pkg.mistype("{{/child.siblings}}", "")


@recipe("forgotten-hash")
def _(pkg):
    pkg.mistype("{{#child.siblings}}", "{{child.siblings}}")


@recipe("misnamed-close")
def _(pkg):
    pkg.mistype("{{/child.siblings}}", "{{/child.sibling}}")


@recipe("list-field-outside-its-loop")
def _(pkg):
    pkg.add_paragraph_after("Brothers and sisters", "{{placedTogether | yesno}}")


@recipe("section-across-cells-of-one-row")
def _(pkg):
    # Opened after the row's label, closed in the next cell: the label goes with the row.
    pkg.mistype("Interpreter required", "Interpreter required {{#child.interpreterRequired}}")
    pkg.mistype("{{child.interpreterRequired | yesno}}", "Yes{{/child.interpreterRequired}}")


# -- the shape of a tag -----------------------------------------------------------------------

@recipe("space-after-dot")
def _(pkg):
    pkg.mistype('{{child.ethnicity | default:"Not recorded"}}', "{{child. ethnicity}}")


@recipe("filter-without-pipe")
def _(pkg):
    pkg.mistype(DOB, "{{child.dob date}}")


@recipe("autocorrect-dash-for-pipe")
def _(pkg):
    pkg.mistype(DOB, "{{child.dob \u2013 date}}")


@recipe("autocorrect-dash-glued")
def _(pkg):
    pkg.mistype(DOB, "{{child.dob\u2013date}}")


@recipe("tag-broken-by-enter")
def _(pkg):
    pkg.break_paragraph("{{child.name}}", len("{{child."))


@recipe("shift-enter-in-tag")
def _(pkg):
    pkg.add_line_break("{{child.childId}}", len("{{child."))


@recipe("three-braces")
def _(pkg):
    pkg.mistype('{{child.preferredName | default:"Not recorded"}}', "{{{child.preferredName}}}")


@recipe("single-braces")
def _(pkg):
    pkg.mistype("{{caseRef}}", "{caseRef}")


@recipe("spaced-braces")
def _(pkg):
    pkg.mistype(RELIGION, "{ {child.religion} }")


@recipe("unclosed-tag")
def _(pkg):
    pkg.mistype('{{child.age | default:"Not recorded"}}', "{{child.age")


@recipe("unopened-tag")
def _(pkg):
    pkg.mistype('{{child.age | default:"Not recorded"}}', "child.age}}")


@recipe("tag-in-link-address")
def _(pkg):
    pkg.add_hyperlink("{{professionals.socialWorker.email}}",
                      "mailto:{{professionals.socialWorker.email}}")


@recipe("date-filter-on-text-field")
def _(pkg):
    pkg.mistype('{{child.firstLanguage | default:"Not recorded"}}', "{{child.firstLanguage | date}}")


@recipe("tracked-changes")
def _(pkg):
    pkg.track_change(RELIGION, '{{child.religion | default:"Not known"}}')


# -- shapes that must just work ---------------------------------------------------------------

@recipe("curly-quotes-in-filter-argument")
def _(pkg):
    pkg.mistype(RELIGION, "{{child.religion | default:\u201cNot recorded\u201d}}")


@recipe("content-control-around-tag")
def _(pkg):
    pkg.wrap_in_content_control("{{child.childId}}", "Child ID")


@recipe("retyped-tag-with-bookmark")
def _(pkg):
    # Retyped correctly: split over runs with proofing marks and a bookmark in the middle.
    pkg.mistype('{{child.gender | default:"Not recorded"}}',
                '{{child.gender | default:"Not recorded"}}')


@recipe("spaces-inside-braces")
def _(pkg):
    pkg.mistype('{{child.gender | default:"Not recorded"}}', "{{ child.gender }}")


def manifest():
    return json.loads((HERE / "mistakes.json").read_text(encoding="utf-8"))


def build(out_dir, source_dir):
    """Writes every entry of the manifest in each of its formats; returns {(name, fmt): path}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    built = {}
    for entry in manifest()["entries"]:
        for fmt in entry["formats"]:
            pkg = Package.load(Path(source_dir) / "templates" / f"referral.{fmt}")
            RECIPES[entry["name"]](pkg)
            built[(entry["name"], fmt)] = pkg.save(out_dir / f"{entry['name']}.{fmt}")
    return built


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make_mistakes.py OUT_DIR [SOURCE_DIR]")
    source = Path(sys.argv[2]) if len(sys.argv) == 3 else HERE.parents[2]
    for (name, fmt), path in build(sys.argv[1], source).items():
        print(path)
