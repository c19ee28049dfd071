#!/usr/bin/python3
"""What a person reads from `panelpack check`, `check --json` and `render` (issue 16, output).

Broken referrals are made from the shipped templates (DOCX and ODT) with word_edits.py, the way
Word and LibreOffice store a retyped tag: a filter misspelt the same way in 30 paragraphs and a
misspelt field once. `check --schema case` prints the summary line first ("2 mistakes in 31
places"), the 30 repeats as ONE entry saying "30 times" with three places and "and 27 more
places", and no line wider than 100 columns. `--json` carries the summary, every field of an
entry (message with the filter's "did you mean", suggestion, fix, location) and the repeat's
count and places in document order. `render` prints the template's errors through the same
printer, and so does `pack` on a copy of the sample office whose referral is the broken
one. Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with
"N passed, M failed".
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("PANELPACK_BIN", str(SOURCE / "build" / "cli" / "panelpack"))
sys.path.insert(0, str(SOURCE / "tests" / "templates"))
from word_edits import Package  # noqa: E402

REPEATS = 30
TYPO = "{{child.dob | dat}}"
ENTRY_KEYS = {"code", "severity", "part", "paragraph", "excerpt", "tag", "message", "hint",
              "suggestion", "fix", "location", "count", "places"}
LOCATION_KEYS = {"container", "heading", "table", "row", "rowLabel", "cell", "cellsInRow",
                 "inTextBox", "words"}


def broken_referral(folder, extension):
    """The referral with TYPO typed in REPEATS paragraphs and {{child.nmae}} once."""
    package = Package.load(SOURCE / "templates" / f"referral{extension}")
    package.mistype('{{child.dob | date | default:"Not recorded"}}', TYPO)
    for _ in range(REPEATS - 1):
        package.add_paragraph_after("{{child.childId}}", "Born: " + TYPO)
    package.mistype("{{child.name}}", "{{child.nmae}}")
    return package.save(Path(folder) / f"broken-referral{extension}")


class CheckOutput(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="panelpack-check-output-")
        self.folder = Path(self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def run_panelpack(self, *words):
        return subprocess.run([BINARY, *map(str, words)], capture_output=True, text=True,
                              timeout=60)

    def each_format(self):
        for extension in (".docx", ".odt"):
            with self.subTest(extension):
                yield broken_referral(self.folder, extension)

    def test_summary_first_and_thirty_repeats_are_one_short_entry(self):
        for template in self.each_format():
            result = self.run_panelpack("check", "--schema", "case", template)
            self.assertEqual(result.returncode, 1, result.stderr)
            lines = result.stdout.splitlines()
            self.assertEqual(lines[0], f"{template}: 2 mistakes in {REPEATS + 1} places")
            headings = [line for line in lines if line.startswith("Mistake ")]
            self.assertEqual(len(headings), 2, result.stdout)
            repeated = [line for line in headings if line.endswith(TYPO)]
            self.assertEqual(len(repeated), 1, headings)
            self.assertIn(f"error [unknown_filter], {REPEATS} times: ", repeated[0])
            # The 29 typed into one cell read the same in Word's terms: one line with a count.
            self.assertIn(f"right-hand cell, {REPEATS - 1} paragraphs:", result.stdout)
            self.assertEqual(result.stdout.count('"Born: ' + TYPO + '"'), 1)
            self.assertTrue(any("[unknown_field]: {{child.nmae}}" in line for line in headings))
            too_long = [line for line in lines if len(line) > 100]
            self.assertEqual(too_long, [])

    def test_json_carries_summary_every_field_and_the_places(self):
        for template in self.each_format():
            result = self.run_panelpack("check", "--json", "--schema", "case", template)
            self.assertEqual(result.returncode, 1, result.stderr)
            report = json.loads(result.stdout)
            self.assertEqual(list(report), ["summary", "tags", "errors"])
            self.assertEqual(report["summary"], {"mistakes": 2, "places": REPEATS + 1,
                                                 "errors": 2, "warnings": 0})
            self.assertEqual(len(report["errors"]), 2)
            for entry in report["errors"]:
                self.assertEqual(set(entry), ENTRY_KEYS)
                self.assertEqual(set(entry["location"]), LOCATION_KEYS)
                self.assertEqual(entry["count"], len(entry["places"]))
                for place in entry["places"]:
                    self.assertEqual(set(place), {"part", "paragraph", "excerpt", "location"})
            filter_typo = next(e for e in report["errors"] if e["tag"] == TYPO)
            self.assertEqual(filter_typo["code"], "unknown_filter")
            self.assertEqual(filter_typo["count"], REPEATS)
            self.assertIn("did you mean 'date'", filter_typo["message"])
            paragraphs = [place["paragraph"] for place in filter_typo["places"]]
            self.assertEqual(paragraphs, sorted(paragraphs))
            self.assertEqual(len(set(paragraphs)), REPEATS)
            # The entry's own place is its first place.
            self.assertEqual(filter_typo["paragraph"], paragraphs[0])
            field_typo = next(e for e in report["errors"] if e["tag"] == "{{child.nmae}}")
            self.assertEqual((field_typo["code"], field_typo["count"]), ("unknown_field", 1))
            self.assertIn("child.name", field_typo["suggestion"] + field_typo["hint"])

    def test_render_prints_the_same_summary_and_groups(self):
        data = self.folder / "case.json"
        data.write_text("{}")
        for template in self.each_format():
            out = self.folder / ("out" + template.suffix)
            result = self.run_panelpack("render", template, data, "-o", out)
            self.assertEqual(result.returncode, 1, result.stderr)
            # Without a schema the misspelt field is no mistake of the template itself.
            self.assertRegex(result.stderr, rf"{template}: \d+ mistakes? in (30|31) places\n")
            self.assertIn(f"error [unknown_filter], {REPEATS} times: {TYPO}", result.stderr)
            self.assertFalse(out.exists())

    def test_pack_prints_the_same_summary_and_groups(self):
        office = self.folder / "office"
        shutil.copytree(SOURCE / "samples" / "office", office)
        (office / "templates").mkdir()
        broken = broken_referral(self.folder, ".docx")
        shutil.copyfile(broken, office / "templates" / "referral.docx")
        settings = json.loads((office / "office.json").read_text())
        settings.setdefault("templates", {})["referral"] = "templates/referral.docx"
        (office / "office.json").write_text(json.dumps(settings, indent=2))
        result = self.run_panelpack("pack", "permanence", "2026-12-15", "--office", office)
        self.assertEqual(result.returncode, 1, result.stderr)
        # The summary counts what pack checks (with the case schema, the misspelt field too).
        self.assertRegex(result.stderr, r"referral\.docx: \d+ mistakes? in (30|31) places\n")
        self.assertIn(f"error [unknown_filter], {REPEATS} times: {TYPO}", result.stderr)
        self.assertEqual(result.stderr.count('"Born: ' + TYPO + '"'), 1)
        self.assertEqual(result.stdout, "")


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(CheckOutput)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
