"""examples/book_pack_status, a front end written against office/ alone, on a copy of the
sample office: what it books is in the bookings file, the pack it builds holds the case's
papers with the hashes it printed, and the status it reads is the one `panelpack status --json`
reports. Fictional sample data only."""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "office"))
from office_copy import copy_sample_office  # noqa: E402

EXAMPLE = os.environ["PANELPACK_EXAMPLE_BIN"]
PANELPACK = os.environ["PANELPACK_BIN"]
NOW = "2026-12-01T09:00:00Z"


class BookPackStatus(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.office = copy_sample_office(Path(self.folder.name) / "office")

    def tearDown(self):
        self.folder.cleanup()

    def run_example(self, *words):
        return subprocess.run([EXAMPLE, str(self.office), *words], capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=120)

    def test_books_packs_and_reads_the_status_through_the_office_alone(self):
        run = self.run_example("permanence", "2026-12-22", "LCS900106", NOW)
        self.assertEqual(run.returncode, 0, run.stderr)
        lines = run.stdout.splitlines()
        # LCS900111 was the sitting's only case: LCS900106 comes second.
        self.assertEqual(lines[0], "booked LCS900106 as item 2")
        bookings = json.loads(
            (self.office / "bookings" / "permanence" / "2026-12-22.json").read_text())
        self.assertEqual([item["caseRef"] for item in bookings["items"]],
                         ["LCS900111", "LCS900106"])

        self.assertRegex(lines[1], r"^packed 2 cases, \d+ documents in .+\.zip$")
        zip_name = lines[1].rsplit(" in ", 1)[1]
        status_at = lines.index(next(line for line in lines if line.startswith("status: ")))
        pack_lines = [line.split() for line in lines[2:status_at]]
        printed = {words[0]: words[1] for words in pack_lines if words[0] != "missing"}
        missing = [words[1:] for words in pack_lines if words[0] == "missing"]
        pack = self.office / "packs" / "permanence" / "2026-12-22"
        with zipfile.ZipFile(pack / zip_name) as archive:
            self.assertEqual(sorted(printed), sorted(n for n in archive.namelist()
                                                     if n != "manifest.json"))
            for name, digest in printed.items():
                self.assertEqual(hashlib.sha256(archive.read(name)).hexdigest(), digest)
        manifest = json.loads((pack / "manifest.json").read_text())
        # LCS900106 has no papers received yet: the pack names them missing, as its manifest.
        self.assertIn(["LCS900106", "referral"], missing)
        self.assertEqual(sorted([m["caseRef"], m["paperType"]] for m in manifest["missing"]),
                         sorted(missing))

        findings = [line.split() for line in lines[status_at + 1:]]
        report = subprocess.run([PANELPACK, "status", "--json", "--office", str(self.office),
                                 "--now", NOW], capture_output=True, text=True, timeout=120)
        self.assertEqual(report.returncode, 0, report.stderr)
        expected = json.loads(report.stdout)["findings"]
        self.assertEqual(lines[status_at], f"status: {len(expected)} findings")
        self.assertEqual([finding[0] for finding in findings],
                         [finding["kind"] for finding in expected])

    def test_a_refused_booking_writes_nothing_and_says_why(self):
        before = (self.office / "bookings" / "permanence" / "2026-12-15.json").read_bytes()
        run = self.run_example("permanence", "2026-12-15", "LCS900102", NOW)
        self.assertEqual(run.returncode, 1)
        self.assertTrue(run.stdout.startswith("refused: "), run.stdout)
        self.assertEqual(
            (self.office / "bookings" / "permanence" / "2026-12-15.json").read_bytes(), before)
        self.assertFalse((self.office / "packs" / "permanence" / "2026-12-15").exists())


if __name__ == "__main__":
    unittest.main()
