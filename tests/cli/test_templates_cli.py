#!/usr/bin/python3
"""`panelpack templates list|install|restore` on a copy of the sample office.

A referral with a misspelt field exits 1 printing the error with its paragraph, and the file in
use stays byte-identical; a correct one with a marker word is installed (office.json names
templates/referral.docx, the marker is in it, the one before kept as version 1, `list --json`
says so); restoring version 1 puts the original bytes back as version 3; an unknown kind exits 2;
--help teaches. Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with
"N passed, M failed".
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("PANELPACK_BIN", str(SOURCE / "build" / "cli" / "panelpack"))
REFERRAL = SOURCE / "templates" / "referral.docx"


def edited(source, target, old, new):
    """`source` with the first `old` in its main text replaced by `new`, written to `target`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            out.writestr(item, data)
    return target


class Templates(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="panelpack-templates-cli-"))
        self.office = self.folder / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_panelpack(self, *words):
        return subprocess.run([BINARY, "templates", *words, "--office", str(self.office),
                               "--now", "2026-12-05T10:00"], capture_output=True, text=True)

    def listed(self):
        result = self.run_panelpack("list", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return {t["kind"]: t for t in json.loads(result.stdout)["templates"]}

    def test_errors_install_nothing(self):
        bad = edited(REFERRAL, self.folder / "bad.docx", "{{child.name}}", "{{child.nmae}}")
        result = self.run_panelpack("install", "referral", str(bad))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"error \[unknown_field\]: \{\{child\.nmae\}\}")
        self.assertIn("Where: under '2. The child', table 'Name', row 'Name', right-hand cell",
                      result.stderr)
        self.assertIn("1 error: nothing installed", result.stderr)
        self.assertFalse((self.office / "templates").exists())
        self.assertEqual(self.listed()["referral"]["versions"], [])

    def test_install_then_restore(self):
        good = edited(REFERRAL, self.folder / "good.docx", "{{caseRef}}", "{{caseRef}} Marker-Tulip")
        result = self.run_panelpack("install", "referral", str(good), "--why", "A marker",
                                    "--by", "priya")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("installed referral version 2", result.stdout)
        installed = self.office / "templates" / "referral.docx"
        self.assertEqual(installed.read_bytes(), good.read_bytes())
        office = json.loads((self.office / "office.json").read_text())
        self.assertEqual(office["templates"]["referral"], "templates/referral.docx")
        referral = self.listed()["referral"]
        self.assertEqual(referral["currentVersion"], 2)
        self.assertEqual([(v["number"], v["installedBy"], v["why"]) for v in referral["versions"]],
                         [(1, "", "In use before the first install"),
                          (2, "priya", "A marker")])

        result = self.run_panelpack("restore", "referral", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("restored referral version 1 as version 3", result.stdout)
        self.assertEqual(installed.read_bytes(), REFERRAL.read_bytes())
        self.assertEqual(self.listed()["referral"]["currentVersion"], 3)

    def test_refusals_and_help(self):
        self.assertEqual(self.run_panelpack("install", "minutes", str(REFERRAL)).returncode, 2)
        self.assertEqual(self.run_panelpack("restore", "referral", "one").returncode, 2)
        self.assertEqual(self.run_panelpack("restore", "referral", "4").returncode, 2)
        result = subprocess.run([BINARY, "templates", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        self.assertIn("panelpack templates install referral", result.stdout)
        self.assertIn("Template versions", result.stdout)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Templates)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
