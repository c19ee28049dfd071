#!/usr/bin/python3
"""`panelpack calendar add|cancel|move` on a copy of the sample office, on 14 December 2026.

Each change lands in office.json with its reason; a refusal exits 1 and leaves office.json's
bytes as they were; a missing --reason is a command-line error (exit 2). Standard library only.
Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
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


class CalendarChange(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="panelpack-calendar-change-")
        self.office = Path(self.folder) / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_calendar(self, *words):
        return subprocess.run([BINARY, "calendar", *words, "--office", str(self.office),
                               "--now", "2026-12-14T09:00"], capture_output=True, text=True)

    def permanence(self):
        office = json.loads((self.office / "office.json").read_text())
        return next(panel for panel in office["panels"] if panel["id"] == "permanence")

    def test_add_cancel_and_move_write_office_json(self):
        added = self.run_calendar("add", "permanence", "2027-02-03", "--reason", "Sibling group")
        self.assertEqual(added.returncode, 0, added.stderr)
        self.assertIn("Sitting added on Wednesday 3 February 2027", added.stdout)
        self.assertIn({"date": "2027-02-03", "reason": "Sibling group"},
                      self.permanence()["extraSittings"])
        cancelled = self.run_calendar("cancel", "permanence", "2027-02-09", "--reason", "Chair ill")
        self.assertEqual(cancelled.returncode, 0, cancelled.stderr)
        self.assertIn({"date": "2027-02-09", "name": "Chair ill"}, self.permanence()["cancelled"])
        moved = self.run_calendar("move", "permanence", "2027-02-23", "2027-02-24",
                                  "--reason", "Room not free")
        self.assertEqual(moved.returncode, 0, moved.stderr)
        self.assertIn({"date": "2027-02-23", "name": "Room not free"}, self.permanence()["cancelled"])
        self.assertIn({"date": "2027-02-24", "reason": "Room not free"},
                      self.permanence()["extraSittings"])

    def test_a_refusal_exits_1_and_changes_nothing(self):
        before = (self.office / "office.json").read_bytes()
        booked = self.run_calendar("cancel", "permanence", "2026-12-15", "--reason", "Chair ill")
        self.assertEqual(booked.returncode, 1)
        self.assertIn("3 cases are booked onto Tuesday 15 December 2026", booked.stderr)
        not_real = self.run_calendar("add", "permanence", "2027-02-30", "--reason", "Why")
        self.assertEqual(not_real.returncode, 1)
        self.assertIn("must be a real date", not_real.stderr)
        self.assertEqual((self.office / "office.json").read_bytes(), before)

    def test_no_reason_is_a_command_line_error(self):
        result = self.run_calendar("add", "permanence", "2027-02-03")
        self.assertEqual(result.returncode, 2)
        self.assertIn("needs --reason", result.stderr)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(CalendarChange)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
