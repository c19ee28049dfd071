#!/usr/bin/python3
"""`panelpack report --quarter 2026-Q4 -o FILE` on a copy of the sample office on 6 January 2027:
with FILE ending in .pdf LibreOffice makes a PDF of the filled report (the file the console's
/reports/quarterly/2026-Q4.pdf downloads); with .docx the document, whose text has the report's
figures as `--json` gives them; --help teaches the PDF. A PDF asked for without LibreOffice is
tests/office_core/test_reports_tracker_view.cpp's. Standard library only.
Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
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
NOW = "2027-01-06T09:00"


class ReportPdf(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="panelpack-report-pdf-"))
        self.office = self.folder / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)

    def tearDown(self):
        shutil.rmtree(self.folder)

    def report(self, *words, office=None):
        return subprocess.run([BINARY, "report", "--quarter", "2026-Q4", *words, "--office",
                               str(office or self.office), "--now", NOW],
                              capture_output=True, text=True)

    def test_a_pdf_of_the_filled_report(self):
        output = self.folder / "report.pdf"
        result = self.report("-o", str(output))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"wrote {output}\n")
        self.assertEqual(output.read_bytes()[:5], b"%PDF-")
        docx = self.folder / "report.docx"
        self.assertEqual(self.report("-o", str(docx)).returncode, 0)
        with zipfile.ZipFile(docx) as package:
            text = package.read("word/document.xml").decode()
        figures = json.loads(self.report("--json").stdout)
        for measure in figures["measures"]:
            self.assertIn(measure["current"]["percentageText"], text, measure["id"])
        self.assertGreater(output.stat().st_size, 1000)

    def test_help_teaches_the_pdf(self):
        result = subprocess.run([BINARY, "report", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        self.assertIn("-o report.pdf", result.stdout)
        self.assertIn("LibreOffice makes it", result.stdout)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ReportPdf)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
