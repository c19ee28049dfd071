#!/usr/bin/python3
"""The outbox end to end: mailer_tool queues and drains against the real test SMTP server
(STARTTLS + AUTH on 127.0.0.1) with a simulated clock. Server down, 450, 550, a server that never
answers, a bad certificate, a dry run, and a drain killed with SIGKILL while sending."""

import collections
import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mailtest  # noqa: E402
from mailtest import START  # noqa: E402

USER, PASSWORD = "panel-relay", "s3cret"
MINUTE = 60


class OutboxEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.certificates = mailtest.make_certificates(
            mailtest.work_folder("outbox-certificates"))

    def setUp(self):
        self.folder = mailtest.work_folder("outbox")
        self.db = self.folder / "outbox.sqlite"
        self.maildir = self.folder / "maildir"
        (self.folder / "pack.pdf").write_bytes(b"%PDF-1.7 pack " * 1000)

    # ---- helpers ----

    def server(self, *options, port=0, certificate="good"):
        return mailtest.SmtpServer(self.folder, *mailtest.tls_options(self.certificates[certificate]),
                                   "--auth", f"{USER}:{PASSWORD}", *options, port=port,
                                   maildir=self.maildir)

    def smtp(self, port, read_timeout=10):
        return ["--host", "localhost", "--port", port, "--ca", self.certificates["ca"],
                "--user", USER, "--password", PASSWORD, "--read-timeout", read_timeout]

    def queue(self, recipients, now=START, allowed="example.org"):
        lines = []
        for index, email in enumerate(recipients):
            lines.append(json.dumps({
                "key": f"reminder|permanence|2026-12-15|LCS90010{index}|{email}",
                "recipient": {"name": f"Worker {index}", "email": email},
                "message": {
                    "from": {"name": "Panel Office", "email": "panel@example.org"},
                    "subject": f"OFFICIAL-SENSITIVE: panel reminder {index}",
                    "text": f"Your slot is {10 + index}:00.",
                    "attachments": [{"file": str(self.folder / "pack.pdf"),
                                     "content_type": "application/pdf"}],
                },
            }))
        return mailtest.run_tool("queue", "--db", self.db, "--now", now, "--allowed", allowed,
                                 stdin="\n".join(lines) + "\n")

    def drain(self, now, *transport):
        return mailtest.run_tool("drain", "--db", self.db, "--now", now, *transport)[0]

    def rows(self):
        return mailtest.run_tool("list", "--db", self.db)[0]

    def delivered_ids(self):
        return collections.Counter(
            parsed["Message-ID"] for _, _, parsed in mailtest.delivered_messages(self.maildir))

    def assert_each_delivered_once(self):
        rows = self.rows()
        self.assertEqual({row["state"] for row in rows}, {"sent"})
        self.assertEqual(self.delivered_ids(), collections.Counter(row["message_id"] for row in rows))
        for envelope, _, parsed in mailtest.delivered_messages(self.maildir):
            row = next(r for r in rows if r["message_id"] == parsed["Message-ID"])
            self.assertEqual(envelope["rcpt_tos"], [row["recipient"]])
            self.assertEqual(parsed["To"].addresses[0].addr_spec, row["recipient"])

    # ---- scenarios ----

    def test_server_down_everything_stays_queued_and_is_delivered_once_it_is_up(self):
        recipients = ["a@example.org", "b@example.org", "c@children.example.org"]
        self.queue(recipients)
        port = mailtest.free_port()
        report = self.drain(START, *self.smtp(port))
        self.assertEqual((report["attempted"], report["deferred"], report["delivered"]), (3, 3, 0))
        for row in self.rows():
            self.assertEqual(row["state"], "failed_temporary")
            self.assertEqual(row["last_smtp_code"], 0)
            self.assertIn("cannot connect", row["last_reply"])
            self.assertEqual(row["next_attempt_at"], START + MINUTE)
        with self.server(port=port):
            self.assertEqual(self.drain(START + 59, *self.smtp(port))["attempted"], 0)
            self.assertEqual(self.drain(START + MINUTE, *self.smtp(port))["delivered"], 3)
            self.assertEqual(self.drain(START + 24 * 3600, *self.smtp(port))["attempted"], 0)
        self.assert_each_delivered_once()

    def test_450_is_retried_after_the_backoff_and_delivered(self):
        self.queue(["busy@example.org", "ok@example.org"])
        with self.server("--reject", "busy@example.org=450") as server:
            report = self.drain(START, *self.smtp(server.port))
            port = server.port
        self.assertEqual((report["delivered"], report["deferred"]), (1, 1))
        busy = next(row for row in self.rows() if row["recipient"] == "busy@example.org")
        self.assertEqual((busy["state"], busy["last_smtp_code"]), ("failed_temporary", 450))
        self.assertEqual(busy["next_attempt_at"], START + MINUTE)
        with self.server(port=port):
            self.assertEqual(self.drain(START + 30, *self.smtp(port))["attempted"], 0)
            self.assertEqual(self.drain(START + MINUTE, *self.smtp(port))["delivered"], 1)
        self.assert_each_delivered_once()
        busy = next(row for row in self.rows() if row["recipient"] == "busy@example.org")
        self.assertEqual([(a["outcome"], a["code"]) for a in busy["audit"]],
                         [("temporary_failure", 450), ("delivered", 250)])

    def test_550_for_one_recipient_fails_it_permanently_and_the_rest_are_delivered(self):
        self.queue(["a@example.org", "gone@example.org", "c@example.org"])
        with self.server("--reject", "gone@example.org=550") as server:
            report = self.drain(START, *self.smtp(server.port))
            self.assertEqual((report["delivered"], report["failed_permanent"]), (2, 1))
            self.assertEqual(self.drain(START + 10 * 3600, *self.smtp(server.port))["attempted"], 0)
        states = {row["recipient"]: (row["state"], row["last_smtp_code"]) for row in self.rows()}
        self.assertEqual(states, {"a@example.org": ("sent", 250),
                                  "gone@example.org": ("failed_permanent", 550),
                                  "c@example.org": ("sent", 250)})
        self.assertEqual(sum(self.delivered_ids().values()), 2)

    def test_a_server_that_never_answers_times_out_and_the_row_is_retried(self):
        self.queue(["a@example.org"])
        silent = mailtest.SmtpServer(self.folder, "--silent", maildir=self.maildir)
        port = silent.port
        try:
            started = time.monotonic()
            report = self.drain(START, *self.smtp(port, read_timeout=2))
            self.assertLess(time.monotonic() - started, 8)
        finally:
            silent.stop()
        self.assertEqual(report["deferred"], 1)
        row = self.rows()[0]
        self.assertEqual(row["state"], "failed_temporary")
        self.assertIn("no answer within 2 s", row["last_reply"])
        with self.server(port=port):
            self.assertEqual(self.drain(START + MINUTE, *self.smtp(port))["delivered"], 1)
        self.assert_each_delivered_once()

    def test_a_bad_certificate_stops_the_drain_and_leaves_the_rows_queued(self):
        self.queue(["a@example.org", "b@example.org"])
        with self.server(certificate="untrusted") as server:
            report = self.drain(START, *self.smtp(server.port))
            self.assertNotIn("AUTH", [verb for verb, _ in server.verbs()])
        self.assertEqual(report["stopped_code"], "certificate_rejected")
        self.assertEqual(report["attempted"], 1)
        self.assertEqual([(row["state"], row["attempts"]) for row in self.rows()],
                         [("queued", 1), ("queued", 0)])
        self.assertEqual(self.delivered_ids(), collections.Counter())
        with self.server() as server:
            self.assertEqual(self.drain(START + 1, *self.smtp(server.port))["delivered"], 2)
        self.assert_each_delivered_once()

    def test_a_dry_run_writes_eml_files_and_changes_nothing(self):
        self.queue(["a@example.org", "b@example.org"])
        eml_folder = self.folder / "dry-run"
        report = self.drain(START, "--dry-run", eml_folder)
        self.assertEqual((report["written"], report["attempted"]), (2, 0))
        self.assertEqual([(row["state"], row["attempts"]) for row in self.rows()],
                         [("queued", 0), ("queued", 0)])
        written = sorted(eml_folder.glob("*.eml"))
        self.assertEqual(len(written), 2)
        parsed = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                  for path in written]
        self.assertEqual(sorted(m["Message-ID"] for m in parsed),
                         sorted(row["message_id"] for row in self.rows()))
        self.assertEqual(sorted(m["To"].addresses[0].addr_spec for m in parsed),
                         ["a@example.org", "b@example.org"])
        self.assertEqual([p.get_filename() for p in parsed[0].iter_attachments()], ["pack.pdf"])

    def test_a_recipient_outside_the_allowed_domains_is_refused_at_queue_time(self):
        results = self.queue(["jo@gmail.com", "ok@example.org"])
        self.assertEqual(results[0]["error"], "recipient_not_allowed")
        self.assertEqual(results[0]["where"], "jo@gmail.com")
        self.assertFalse(results[1]["already_queued"])
        self.assertTrue(self.queue(["jo@gmail.com", "ok@example.org"])[1]["already_queued"])
        self.assertEqual([row["recipient"] for row in self.rows()], ["ok@example.org"])

    # ---- a drain killed while sending ----

    def kill_mid_drain(self, server, hung):
        """Starts a drain, waits until `hung(server)` says it is stuck mid-send, SIGKILLs it."""
        drain = subprocess.Popen([mailtest.TOOL, "drain", "--db", str(self.db), "--now",
                                  str(START), *map(str, self.smtp(server.port, read_timeout=60))],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not hung(server):
            self.assertIsNone(drain.poll(), "the drain ended before it was killed")
            self.assertLess(time.monotonic(), deadline, "the drain never got stuck")
            time.sleep(0.05)
        time.sleep(0.2)
        os.kill(drain.pid, signal.SIGKILL)
        drain.wait()
        self.assertEqual(drain.returncode, -signal.SIGKILL)

    def test_sigkill_after_the_server_accepted_sends_that_one_again_and_marks_it(self):
        recipients = [f"r{index}@example.org" for index in range(6)]
        self.queue(recipients)
        with self.server("--hang-after-accept", "3") as server:
            self.kill_mid_drain(
                server, lambda s: ("HANGING_AFTER_ACCEPT", True) in s.verbs())
            port = server.port
        self.assertEqual([row["state"] for row in self.rows()],
                         ["sent", "sent", "sending", "queued", "queued", "queued"])
        with self.server(port=port):
            report = self.drain(START + MINUTE, *self.smtp(port))
        self.assertEqual((report["recovered_after_crash"], report["delivered"]), (1, 4))
        rows = self.rows()
        self.assertEqual({row["state"] for row in rows}, {"sent"})
        self.assertEqual([row["resent_after_crash"] for row in rows],
                         [False, False, True, False, False, False])
        self.assertEqual([a["outcome"] for a in rows[2]["audit"]], ["interrupted", "delivered"])
        # The documented duplicate: the one the server had accepted before the crash, only.
        counts = self.delivered_ids()
        self.assertEqual(sum(counts.values()), 7)
        self.assertEqual(counts[rows[2]["message_id"]], 2)
        self.assertEqual({counts[row["message_id"]] for i, row in enumerate(rows) if i != 2}, {1})

    def test_sigkill_before_the_server_accepted_sends_every_message_once(self):
        recipients = [f"r{index}@example.org" for index in range(6)]
        self.queue(recipients)
        with self.server("--hang-at-rcpt", "r2@example.org") as server:
            self.kill_mid_drain(
                server, lambda s: [verb for verb, _ in s.verbs()].count("RCPT") == 3)
            port = server.port
        self.assertEqual(self.rows()[2]["state"], "sending")
        with self.server(port=port):
            report = self.drain(START + MINUTE, *self.smtp(port))
        self.assertEqual((report["recovered_after_crash"], report["delivered"]), (1, 4))
        self.assert_each_delivered_once()
        self.assertEqual([row["resent_after_crash"] for row in self.rows()],
                         [False, False, True, False, False, False])


if __name__ == "__main__":
    mailtest.main()
