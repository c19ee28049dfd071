#!/usr/bin/python3
"""`panelpack actions` and `panelpack actions done` on a copy of the sample office (issue 14).

The list has the seven actions of the two decisions files, soonest due first, and on 21 December
2026 one overdue (LCS900102 A1, due 18 December); --overdue, --person and --json say so; done
writes status, completedDate and completionNote and nothing else; a second done exits 1, an
empty --note exits 2, an unknown action exits 1, each with the file unchanged; --help teaches.
Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
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
NOW = "2026-12-21T10:00"


class Actions(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="panelpack-actions-")
        self.office = Path(self.folder) / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)
        self.decisions = self.office / "decisions" / "permanence" / "2026-12-15.json"

    def tearDown(self):
        shutil.rmtree(self.folder)

    def panelpack(self, *words):
        return subprocess.run([BINARY, "actions", *words, "--office", str(self.office),
                               "--now", NOW], capture_output=True, text=True)

    def listed(self, *words):
        result = self.panelpack(*words, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_the_list_soonest_due_first_with_what_is_overdue(self):
        data = self.listed()
        self.assertEqual(data["today"], "2026-12-21")
        self.assertEqual(data["overdue"], 1)
        self.assertEqual([(a["caseRef"], a["id"]) for a in data["actions"]], [
            ("LCS900112", "A1"), ("LCS900101", "A1"), ("LCS900102", "A1"), ("LCS900108", "A1"),
            ("LCS900102", "A2"), ("LCS900103", "A1"), ("LCS900101", "A2")])
        self.assertEqual([(a["caseRef"], a["id"]) for a in self.listed("--overdue")["actions"]],
                         [("LCS900102", "A1")])
        self.assertEqual(len(self.listed("--person", "hannah")["actions"]), 3)
        text = self.panelpack("--overdue")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("2026-12-18  OVERDUE  permanence 2026-12-15 LCS900102 A1  Fiona McAllister",
                      text.stdout)

    def test_done_writes_the_three_keys_and_nothing_else(self):
        before = json.loads(self.decisions.read_text(encoding="utf-8"))
        result = self.panelpack("done", "permanence", "2026-12-15", "LCS900102", "A1",
                                "--note", "Assessment filed.")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("action A1 of LCS900102 (permanence 2026-12-15) is marked as done",
                      result.stdout)
        after = json.loads(self.decisions.read_text(encoding="utf-8"))
        before["decisions"][0]["actions"][0].update(
            {"status": "done", "completedDate": "2026-12-21", "completionNote": "Assessment filed."})
        self.assertEqual(after, before)
        self.assertEqual(self.listed("--overdue")["actions"], [])

        text = self.decisions.read_text(encoding="utf-8")
        again = self.panelpack("done", "permanence", "2026-12-15", "LCS900102", "A1",
                               "--note", "Again.")
        self.assertEqual(again.returncode, 1, again.stderr)
        self.assertIn("done already", again.stderr)
        empty = self.panelpack("done", "permanence", "2026-12-15", "LCS900102", "A2", "--note", " ")
        self.assertEqual(empty.returncode, 2, empty.stderr)
        unknown = self.panelpack("done", "permanence", "2026-12-15", "LCS900102", "A7",
                                 "--note", "x")
        self.assertEqual(unknown.returncode, 1, unknown.stderr)
        self.assertEqual(self.decisions.read_text(encoding="utf-8"), text)

    def test_help_teaches(self):
        result = subprocess.run([BINARY, "actions", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        for words in ("--overdue", "actions done PANEL DATE CASEREF ID --note TEXT", "Example"):
            self.assertIn(words, result.stdout)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
