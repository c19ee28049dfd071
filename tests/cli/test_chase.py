#!/usr/bin/python3
"""`panelpack chase PANEL DATE CASEREF --paper TYPE` on a copy of the sample office, on 14
December 2026 at 10:42.

A chaser lands in the office's outbox (read with `panelpack outbox list --json`) as one row per
presenter under its key, and its text (read from `tick --dry-run`'s .eml files) names the paper
and the case, never the child; a second the same day exits 1 naming the first one's time and queues
nothing; a received paper exits 1; a TYPE that is not a paper type exits 2; --help teaches.
Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
"""

import email
import email.policy
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


class Chase(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="panelpack-chase-")
        self.office = Path(self.folder) / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_panelpack(self, *words, now="2026-12-14T10:42"):
        return subprocess.run([BINARY, *words, "--office", str(self.office), "--now", now],
                              capture_output=True, text=True)

    def chase(self, case_ref, paper, now="2026-12-14T10:42"):
        return self.run_panelpack("chase", "permanence", "2026-12-15", case_ref, "--paper", paper,
                                  now=now)

    def chaser_rows(self):
        listed = self.run_panelpack("outbox", "list", "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        return [row for row in json.loads(listed.stdout)["rows"]
                if row["key"].startswith("chaser|")]

    def test_a_chaser_is_queued_to_each_presenter(self):
        result = self.chase("LCS900108", "chronology")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("a chaser for the chronology of LCS900108 is queued to Priya Ravenscroft "
                      "(social worker) and Ravi Sandhurst (team manager)", result.stdout)
        rows = self.chaser_rows()
        self.assertEqual(sorted(row["key"] for row in rows), [
            "chaser|permanence|2026-12-15|LCS900108#chronology@2026-12-14|"
            "priya.ravenscroft@northbridge.example.org",
            "chaser|permanence|2026-12-15|LCS900108#chronology@2026-12-14|"
            "ravi.sandhurst@northbridge.example.org"])
        for row in rows:
            self.assertNotIn("Arjun", row["subject"])

    def test_the_email_names_the_paper_and_the_case_never_the_child(self):
        self.assertEqual(self.chase("LCS900108", "chronology").returncode, 0)
        dry = self.run_panelpack("tick", "--dry-run", now="2026-12-14T10:43")
        self.assertIn(dry.returncode, (0, 1), dry.stderr)
        texts = []
        for eml in (self.office / "outbox-dry-run").glob("*.eml"):
            message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
            if "Paper still needed" in str(message["Subject"]):
                texts.append(message.get_body(("plain",)).get_content())
        self.assertEqual(len(texts), 2)
        for text in texts:
            self.assertIn("has not received the chronology for case LCS900108", text)
            self.assertIn("The pack went to panel members at 12:00 on Friday 11 December 2026",
                          text)
            self.assertNotIn("Arjun", text)
            self.assertNotIn("Virdee", text)

    def test_refusals_exit_1_or_2_and_queue_nothing(self):
        self.assertEqual(self.chase("LCS900108", "chronology").returncode, 0)
        again = self.chase("LCS900108", "chronology", now="2026-12-14T15:00")
        self.assertEqual(again.returncode, 1)
        self.assertIn("was already sent today at 10:42", again.stderr)
        received = self.chase("LCS900108", "referral")
        self.assertEqual(received.returncode, 1)
        self.assertIn("was received on Wednesday 9 December 2026", received.stderr)
        not_a_type = self.chase("LCS900108", "diary")
        self.assertEqual(not_a_type.returncode, 2)
        self.assertIn("is not a paper type", not_a_type.stderr)
        self.assertEqual(len(self.chaser_rows()), 2)

    def test_help_teaches(self):
        result = subprocess.run([BINARY, "chase", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        self.assertIn("panelpack chase permanence 2026-12-15 LCS900108 --paper chronology",
                      result.stdout)
        self.assertIn("One chaser per paper a day", result.stdout)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Chase)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
