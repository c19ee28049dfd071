#!/usr/bin/python3
"""One message per mistake when the schema is known, and the schema used when filling.

Every broken template is made from the real referral (DOCX and ODT) with word_edits.py, the way
Word and LibreOffice store a retyped tag, then run through
`panelpack check --schema case --json`: the shipped referral has no entry, so each template
must give exactly the entries its one mistake calls for, with the right codes, suggestions that
resolve where the tag stands (never the name typed) and fixes. Then `render` and `render --each`
must refuse a misspelt field (the template's `default:` must not hide it) with exit 1 (bad
input, as check), writing nothing and leaving an old output as it was.

Environment: PANELPACK_BIN (the built panelpack), PANELPACK_SOURCE_DIR (default: two up).
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from word_edits import Package  # noqa: E402

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
PANELPACK = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build/cli/panelpack")
CASE = SOURCE / "tests/fixtures/cases/LCS900001.json"
FORMATS = ("docx", "odt")
BAD_INPUT = 1  # cli/exit_codes.hpp: the template or the data has errors


def run(*arguments):
    return subprocess.run([PANELPACK, *map(str, arguments)], capture_output=True, text=True,
                          timeout=120)


class SchemaMistakes(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="schema-mistakes-"))

    def broken(self, fmt, name, edit):
        package = Package.load(SOURCE / f"templates/referral.{fmt}")
        edit(package)
        return package.save(self.folder / f"{name}.{fmt}")

    def entries(self, path):
        result = run("check", "--schema", "case", "--json", path)
        report = json.loads(result.stdout)
        for entry in report["errors"]:
            # Never the name typed as its own suggestion, in any entry.
            typed = entry["tag"].strip("{}#^/ ").split("|")[0].strip()
            self.assertNotEqual(entry.get("suggestion"), typed, entry)
        return result.returncode, report["errors"]

    def one_entry(self, fmt, name, edit, code):
        returncode, entries = self.entries(self.broken(fmt, name, edit))
        self.assertEqual([entry["code"] for entry in entries], [code], entries)
        return returncode, entries[0]

    def test_the_shipped_referral_has_no_entry(self):
        for fmt in FORMATS:
            returncode, entries = self.entries(SOURCE / f"templates/referral.{fmt}")
            self.assertEqual((returncode, entries), (0, []), fmt)

    def test_a_forgotten_close_is_one_message_that_says_where_it_goes(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                returncode, entry = self.one_entry(
                    fmt, "no-close", lambda p: p.mistype("{{/child.siblings}}", ""),
                    "unclosed_section")
                self.assertEqual(returncode, BAD_INPUT)
                self.assertEqual(entry["tag"], "{{#child.siblings}}")
                self.assertEqual(entry["fix"], "{{/child.siblings}}")
                # The last tag that is a field of each sibling: where the loop was meant to end.
                self.assertIn("after {{placedTogether | yesno}}", entry["hint"])

    def test_a_forgotten_hash_is_one_message_at_the_value_tag(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                returncode, entry = self.one_entry(
                    fmt, "no-hash",
                    lambda p: p.mistype("{{#child.siblings}}", "{{child.siblings}}"),
                    "section_without_hash")
                self.assertEqual(returncode, BAD_INPUT)
                self.assertEqual(entry["tag"], "{{child.siblings}}")
                self.assertEqual(entry["fix"], "{{#child.siblings}}")
                # The schema knows child.siblings is a list: the message says so.
                self.assertIn("starts a list", entry["message"])

    def test_a_misnamed_close_is_one_message(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entry = self.one_entry(
                    fmt, "misnamed",
                    lambda p: p.mistype("{{/child.siblings}}", "{{/child.sibling}}"),
                    "mismatched_close")
                self.assertEqual(entry["tag"], "{{/child.sibling}}")
                self.assertEqual(entry["fix"], "{{/child.siblings}}")

    def test_a_misnamed_close_and_a_typo_after_it_are_two_messages(self):
        def edit(package):
            package.mistype("{{/child.siblings}}", "{{/child.sibling}}")
            package.mistype("{{legal.statusLabel}}", "{{legal.statusLable}}")
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entries = self.entries(self.broken(fmt, "misnamed-typo", edit))
                self.assertEqual(sorted(entry["code"] for entry in entries),
                                 ["mismatched_close", "unknown_field"], entries)
                typo = next(entry for entry in entries if entry["code"] == "unknown_field")
                # Judged on its own, outside the siblings' loop.
                self.assertEqual(typo["suggestion"], "legal.statusLabel")

    def test_a_typo_inside_a_loop_is_told_the_items_field(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entry = self.one_entry(fmt, "plna", lambda p: p.mistype("{{plan}}", "{{plna}}"),
                                          "unknown_field")
                self.assertEqual(entry["suggestion"], "plan")
                self.assertEqual(entry["fix"], "{{plan}}")

    def test_a_name_hidden_by_the_loop_is_not_suggested_to_itself(self):
        # Inside the siblings' loop "placement" is each sibling's: the case's placement.typeCode
        # cannot be reached there, so it is no suggestion (it used to suggest itself).
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entry = self.one_entry(
                    fmt, "hidden", lambda p: p.mistype("{{placement}}", "{{placement.typeCode}}"),
                    "unknown_field")
                self.assertEqual(entry["suggestion"], "")
                self.assertEqual(entry["fix"], "")

    def test_a_typo_keeps_its_filters_in_the_fix_and_default_does_not_hide_it(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entry = self.one_entry(
                    fmt, "religon",
                    lambda p: p.mistype('{{child.religion | default:"Not recorded"}}',
                                        '{{child.religon | default:"Not recorded"}}'),
                    "unknown_field")
                self.assertEqual(entry["suggestion"], "child.religion")
                self.assertEqual(entry["fix"], '{{child.religion | default:"Not recorded"}}')

    def test_a_lists_field_outside_its_loop(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                _, entry = self.one_entry(
                    fmt, "outside", lambda p: p.mistype("{{legal.statusLabel}}", "{{name}}"),
                    "field_outside_its_list")
                self.assertIn("{{#child.siblings}}", entry["hint"])
                _, entry = self.one_entry(
                    fmt, "through",
                    lambda p: p.mistype("{{legal.statusLabel}}", "{{child.siblings.name}}"),
                    "field_outside_its_list")
                self.assertEqual(entry["fix"], "{{#child.siblings}}{{name}}{{/child.siblings}}")

    def test_a_filter_that_does_not_fit_its_field(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                returncode, entry = self.one_entry(
                    fmt, "date-on-text",
                    lambda p: p.mistype("{{legal.statusLabel}}", "{{legal.statusLabel | date}}"),
                    "filter_does_not_fit")
                self.assertEqual((returncode, entry["severity"]), (0, "warning"))
                _, entry = self.one_entry(
                    fmt, "yesno-on-date",
                    lambda p: p.mistype("{{dob | date}}", "{{dob | yesno}}"),
                    "filter_does_not_fit")

    def test_an_inner_section_left_open_is_one_message(self):
        # The outer list's close comes while the inner section is open: the inner one was left
        # open, and the outer closes where it was typed.
        sys.path.insert(0, str(SOURCE / "tests/cli"))
        from test_cli import write_docx  # noqa: E402
        template = write_docx(self.folder / "inner-open.docx",
                              "{{#child.siblings}}", "{{#placedTogether}}together",
                              "{{name}}", "{{/child.siblings}}", "{{child.name}}")
        _, entries = self.entries(template)
        self.assertEqual([(entry["code"], entry["tag"], entry["fix"]) for entry in entries],
                         [("unclosed_section", "{{#placedTogether}}", "{{/placedTogether}}")])

    # -- filling -----------------------------------------------------------------------------

    def test_render_refuses_a_typo_and_leaves_the_old_output(self):
        typo = lambda p: p.mistype('{{child.religion | default:"Not recorded"}}',
                                   '{{child.religon | default:"Not recorded"}}')
        for fmt in FORMATS:
            template = self.broken(fmt, "render-typo", typo)
            output = self.folder / f"out.{fmt}"
            output.write_bytes(b"the old output")
            # A valid case file is known to be a case; --schema says so for any data.
            for extra in ([], ["--schema", "case"]):
                with self.subTest(fmt=fmt, extra=extra):
                    result = run("render", *extra, template, CASE, "-o", output)
                    self.assertEqual(result.returncode, BAD_INPUT, result.stderr)
                    self.assertIn("[unknown_field]", result.stderr)
                    self.assertIn("child.religion", result.stderr)
                    self.assertEqual(output.read_bytes(), b"the old output")
            each = self.folder / f"each-{fmt}"
            result = run("render", "--schema", "case", template, "--each",
                         SOURCE / "tests/fixtures/cases", "-o", f"{each}/{{{{caseRef}}}}.{fmt}")
            self.assertEqual(result.returncode, BAD_INPUT, result.stderr)
            self.assertFalse(each.exists() and any(each.iterdir()))
            # The shipped referral still fills the case.
            good = self.folder / f"good.{fmt}"
            result = run("render", SOURCE / f"templates/referral.{fmt}", CASE, "-o", good)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(good.stat().st_size > 0)

    def test_render_each_says_where_a_records_errors_are_in_words(self):
        case = json.loads(CASE.read_text(encoding="utf-8"))
        del case["child"]["childId"]
        records = self.folder / "records.jsonl"
        records.write_text(json.dumps(case) + "\n", encoding="utf-8")
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                result = run("render", SOURCE / f"templates/referral.{fmt}", "--each", records,
                             "--strict", "-o", f"{self.folder}/each-strict-{fmt}/{{{{caseRef}}}}")
                self.assertEqual(result.returncode, BAD_INPUT, result.stderr)
                lines = result.stderr.splitlines()
                # One line per problem, each starting with the record, placed in Word's terms.
                self.assertIn("records.jsonl:1: under '2. The child', table 'Name', row 'Child ID'"
                              ", right-hand cell: error [missing_field] {{child.childId}}: ",
                              result.stderr)
                self.assertTrue(lines and all(line.startswith(f"{records}:1: ") for line in lines),
                                lines[:3])
                self.assertFalse([line for line in lines if ", paragraph " in line], lines[:3])
                self.assertIn("rendered 0 of 1 documents", result.stdout)
                self.assertIn("1 failed: line 1", result.stdout)

    def test_render_of_data_no_schema_describes_still_fills_it(self):
        template = self.broken("docx", "any-data", lambda p: p.mistype(
            '{{child.religion | default:"Not recorded"}}',
            '{{child.religon | default:"Not recorded"}}'))
        data = self.folder / "not-a-case.json"
        data.write_text(json.dumps({"child": {"religon": "x"}}))  # fails the case schema
        result = run("render", template, data, "-o", self.folder / "any.docx")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run("render", "--schema", "nonesuch", template, data, "-o",
                     self.folder / "any2.docx")
        self.assertEqual(result.returncode, 2, result.stderr)  # usage: no such schema


if __name__ == "__main__":
    unittest.main(verbosity=2)
