#!/usr/bin/python3
"""`panelpack records send|on-file` on a copy of the sample office whose permanence 2026-12-15
record of LCS900102 is agreed (LCS900103 and LCS900108 drafts), with --no-pdf (no LibreOffice).

send queues one outbox row per social worker and team manager under the record's key and marks
it sent in the decisions file; a second send queues nothing; a draft asked for by CASEREF exits
1 in words; on-file writes recordedDate and the reference, and a second exits 1; a subcommand
that is not one exits 2; --help teaches. Standard library only. Env: PANELPACK_BIN,
PANELPACK_SOURCE_DIR. Ends with "N passed, M failed".
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


class Records(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="panelpack-records-")
        self.office = Path(self.folder) / "office"
        shutil.copytree(SOURCE / "samples" / "office", self.office)
        self.decisions = self.office / "decisions" / "permanence" / "2026-12-15.json"
        file = json.loads(self.decisions.read_text())
        for decision in file["decisions"]:
            decision.pop("recordedDate", None)
            decision.pop("recordedOnSystem", None)
            if decision["caseRef"] == "LCS900102":
                decision["agreed"] = {"by": "Margaret Oyelaran-Hughes",
                                      "at": "2026-12-15T15:00:00+00:00", "version": 1}
        self.decisions.write_text(json.dumps(file, indent=2))

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_panelpack(self, *words):
        return subprocess.run([BINARY, *words, "--office", str(self.office),
                               "--now", "2026-12-16T10:00"], capture_output=True, text=True)

    def record_rows(self):
        listed = self.run_panelpack("outbox", "list", "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        return [row for row in json.loads(listed.stdout)["rows"]
                if row["key"].startswith("decision_record|")]

    def decision(self, case_ref):
        file = json.loads(self.decisions.read_text())
        return next(d for d in file["decisions"] if d["caseRef"] == case_ref)

    def test_send_then_on_file(self):
        sent = self.run_panelpack("records", "send", "permanence", "2026-12-15", "--no-pdf")
        self.assertEqual(sent.returncode, 0, sent.stderr)
        self.assertIn("The record of LCS900102 is queued to Hannah Westerby (social worker) and "
                      "Joanna Pellow (team manager)", sent.stdout)
        rows = self.record_rows()
        self.assertEqual(sorted(row["recipient"] for row in rows),
                         ["hannah.westerby@northbridge.example.org",
                          "joanna.pellow@northbridge.example.org"])
        self.assertEqual(rows[0]["key"].split("|")[3], "LCS900102#v1")
        self.assertEqual(self.decision("LCS900102")["circulatedAt"], "2026-12-16T10:00:00+00:00")

        again = self.run_panelpack("records", "send", "permanence", "2026-12-15", "--no-pdf")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("Sent before, so not sent again: LCS900102", again.stdout)
        self.assertEqual(len(self.record_rows()), 2)

        marked = self.run_panelpack("records", "on-file", "permanence", "2026-12-15", "LCS900102",
                                    "--reference", "DOC-4471")
        self.assertEqual(marked.returncode, 0, marked.stderr)
        self.assertEqual(self.decision("LCS900102")["recordedDate"], "2026-12-16")
        self.assertEqual(self.decision("LCS900102")["onFileReference"], "DOC-4471")
        twice = self.run_panelpack("records", "on-file", "permanence", "2026-12-15", "LCS900102")
        self.assertEqual(twice.returncode, 1)
        self.assertIn("already on the child's file", twice.stderr)

    def test_a_draft_is_refused_in_words(self):
        draft = self.run_panelpack("records", "send", "permanence", "2026-12-15", "LCS900103",
                                   "--no-pdf")
        self.assertEqual(draft.returncode, 1)
        self.assertIn("the record of LCS900103 is not agreed yet", draft.stderr)
        self.assertEqual(self.record_rows(), [])
        wrong = self.run_panelpack("records", "post", "permanence", "2026-12-15")
        self.assertEqual(wrong.returncode, 2)

    def test_help_teaches(self):
        result = subprocess.run([BINARY, "records", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        self.assertIn("panelpack records on-file permanence 2026-12-15 LCS900102 --reference",
                      result.stdout)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Records)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
