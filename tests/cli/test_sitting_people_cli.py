#!/usr/bin/python3
"""`panelpack book ... --presenter | --case-file-presenters` and `panelpack apologies add|remove`
on a copy of the sample office (permanence 2026-12-15: LCS900102, LCS900103, LCS900108; Dr Anjali
Mistry's apologies).

Each change lands in the bookings file; a refusal exits 1 and leaves its bytes as they were; a
malformed --presenter is a command-line error (exit 2); --help teaches both. Standard library
only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
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


class SittingPeople(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="panelpack-sitting-people-")
        self.office = Path(self.folder) / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)
        self.file = self.office / "bookings" / "permanence" / "2026-12-15.json"

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_panelpack(self, *words):
        return subprocess.run([BINARY, *words, "--office", str(self.office),
                               "--now", "2026-12-01T09:00"], capture_output=True, text=True)

    def booking(self, case_ref):
        bookings = json.loads(self.file.read_text())
        return next(item for item in bookings["items"] if item["caseRef"] == case_ref)

    def apologies(self):
        return [person["name"] for person in json.loads(self.file.read_text())["apologies"]]

    def test_presenters_are_named_then_reset(self):
        named = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900103", "--presenter",
                                   "Sam Okafor; Social worker; sam.okafor@northbridge.example.org",
                                   "--presenter", "Lee Chan; ; lee.chan@northbridge.example.org")
        self.assertEqual(named.returncode, 0, named.stderr)
        self.assertIn("named 2 presenters for LCS900103", named.stdout)
        self.assertEqual(self.booking("LCS900103")["presenters"], [
            {"name": "Sam Okafor", "role": "Social worker",
             "email": "sam.okafor@northbridge.example.org"},
            {"name": "Lee Chan", "email": "lee.chan@northbridge.example.org"}])
        reset = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900103",
                                   "--case-file-presenters")
        self.assertEqual(reset.returncode, 0, reset.stderr)
        self.assertNotIn("presenters", self.booking("LCS900103"))

    def test_bad_presenters_are_refused_and_change_nothing(self):
        before = self.file.read_bytes()
        bad_email = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900103",
                                       "--presenter", "Sam Okafor; ; sam at northbridge")
        self.assertEqual(bad_email.returncode, 1)
        self.assertIn("presenter 1 is not an email address", bad_email.stderr)
        not_booked = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900111",
                                        "--presenter", "Sam Okafor; ; sam@northbridge.example.org")
        self.assertEqual(not_booked.returncode, 1)
        self.assertIn("LCS900111 is not booked onto permanence 2026-12-15", not_booked.stderr)
        malformed = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900103",
                                       "--presenter", "Sam Okafor")
        self.assertEqual(malformed.returncode, 2)
        self.assertIn("separated by semicolons", malformed.stderr)
        both = self.run_panelpack("book", "permanence", "2026-12-15", "LCS900103", "--remove",
                                  "--presenter", "Sam Okafor; ; sam@northbridge.example.org")
        self.assertEqual(both.returncode, 2)
        self.assertEqual(self.file.read_bytes(), before)

    def test_apologies_are_recorded_and_withdrawn(self):
        added = self.run_panelpack("apologies", "add", "permanence", "2026-12-15",
                                   "tomasz wieczorek")
        self.assertEqual(added.returncode, 0, added.stderr)
        self.assertEqual(self.apologies(), ["Dr Anjali Mistry", "Tomasz Wieczorek"])
        removed = self.run_panelpack("apologies", "remove", "permanence", "2026-12-15",
                                     "Dr Anjali Mistry")
        self.assertEqual(removed.returncode, 0, removed.stderr)
        self.assertEqual(self.apologies(), ["Tomasz Wieczorek"])
        agenda = self.run_panelpack("agenda", "permanence", "2026-12-15", "--json")
        self.assertEqual(agenda.returncode, 0, agenda.stderr)
        attending = [m["name"] for m in json.loads(agenda.stdout)["panel"]["attending"]]
        self.assertEqual(attending, ["Declan Fairweather", "Dr Anjali Mistry", "Gillian Thirsk"])

    def test_apologies_of_a_non_member_or_twice_are_refused(self):
        before = self.file.read_bytes()
        stranger = self.run_panelpack("apologies", "add", "permanence", "2026-12-15",
                                      "Margaret Oyelaran-Hughes")
        self.assertEqual(stranger.returncode, 1)
        self.assertIn("is not a member of the permanence panel", stranger.stderr)
        twice = self.run_panelpack("apologies", "add", "permanence", "2026-12-15",
                                   "Dr Anjali Mistry")
        self.assertEqual(twice.returncode, 1)
        self.assertIn("recorded already", twice.stderr)
        no_member = self.run_panelpack("apologies", "add", "permanence", "2026-12-15")
        self.assertEqual(no_member.returncode, 2)
        self.assertEqual(self.file.read_bytes(), before)

    def test_help_teaches_both(self):
        for command, words in (("book", ["--presenter", "--case-file-presenters", "Example"]),
                               ("apologies", ["apologies add", "office.json", "Example"])):
            shown = subprocess.run([BINARY, command, "--help"], capture_output=True, text=True)
            self.assertEqual(shown.returncode, 0, shown.stderr)
            for word in words:
                self.assertIn(word, shown.stdout)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(SittingPeople)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
