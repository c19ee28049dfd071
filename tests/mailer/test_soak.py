#!/usr/bin/python3
"""Soak: 1,000 messages through the outbox and a server that fails at random (451 replies and
dropped connections at MAIL, RCPT and the end of DATA, never after storing). Drains run with a
simulated clock an hour apart until nothing is due. It must end with exactly 1,000 delivered,
no Message-ID twice, none lost, every row "sent"."""

import collections
import json
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mailtest  # noqa: E402
from mailtest import START  # noqa: E402

USER, PASSWORD = "panel-relay", "s3cret"
COUNT = 1000
FAIL_RATE = "0.1"  # at each of MAIL, RCPT and DATA: about 27% of attempts fail
HOUR = 3600


class Soak(unittest.TestCase):
    def test_a_thousand_messages_through_a_failing_server_arrive_exactly_once(self):
        folder = mailtest.work_folder("soak")
        certificates = mailtest.make_certificates(folder / "certificates")
        db = folder / "outbox.sqlite"
        attachment = folder / "agenda.pdf"
        attachment.write_bytes(b"%PDF-1.7 agenda\n" * 200)
        lines = []
        for index in range(COUNT):
            message = {
                "from": {"name": "Panel Office", "email": "panel@example.org"},
                "subject": f"OFFICIAL-SENSITIVE: soak message {index:04d} — réunion",
                "text": f"Message {index}.\n.\nEnd.",
                "html": f"<p>Message {index}</p>",
            }
            if index % 50 == 0:
                message["attachments"] = [{"file": str(attachment),
                                           "content_type": "application/pdf"}]
            lines.append(json.dumps({"key": f"soak|{index:04d}",
                                     "recipient": {"name": f"Person {index}",
                                                   "email": f"r{index:04d}@example.org"},
                                     "message": message}))
        started = time.monotonic()
        queued = mailtest.run_tool("queue", "--db", db, "--now", START, "--allowed",
                                   "example.org", stdin="\n".join(lines) + "\n")
        self.assertEqual(len(queued), COUNT)
        self.assertTrue(all("id" in result and not result["already_queued"] for result in queued))

        server = mailtest.SmtpServer(folder, *mailtest.tls_options(certificates["good"]),
                                     "--auth", f"{USER}:{PASSWORD}", "--fail-rate", FAIL_RATE,
                                     "--seed", "20261215")
        smtp = ["--host", "localhost", "--port", server.port, "--ca", certificates["ca"],
                "--user", USER, "--password", PASSWORD, "--read-timeout", "10"]
        now = START
        rounds = []
        try:
            for _ in range(40):
                report = mailtest.run_tool("drain", "--db", db, "--now", now, *smtp,
                                           timeout=600)[0]
                self.assertEqual(report["stopped_code"], "", report)
                rounds.append((report["attempted"], report["delivered"], report["deferred"]))
                counts = mailtest.run_tool("counts", "--db", db)[0]
                if counts["queued"] + counts["failed_temporary"] == 0:
                    break
                now += HOUR + 1  # past the longest backoff
        finally:
            server.stop()
        elapsed = time.monotonic() - started
        print(f"\nsoak: {len(rounds)} drains (attempted, delivered, deferred): {rounds}; "
              f"{elapsed:.1f} s", file=sys.stderr)

        counts = mailtest.run_tool("counts", "--db", db)[0]
        self.assertEqual(counts["sent"], COUNT, counts)
        rows = mailtest.run_tool("list", "--db", db)[0]
        failures = sum(1 for row in rows for attempt in row["audit"]
                       if attempt["outcome"] != "delivered")
        self.assertGreater(failures, 100, "the server should have failed often")
        delivered = server.delivered()
        ids = collections.Counter(parsed["Message-ID"] for _, _, parsed in delivered)
        self.assertEqual(len(delivered), COUNT, "lost or duplicated messages")
        self.assertEqual(max(ids.values()), 1, "a Message-ID arrived twice")
        self.assertEqual(set(ids), {row["message_id"] for row in rows})
        by_id = {row["message_id"]: row for row in rows}
        for envelope, _, parsed in delivered:
            self.assertEqual(envelope["rcpt_tos"], [by_id[parsed["Message-ID"]]["recipient"]])
        self.assertLess(elapsed, 180)


if __name__ == "__main__":
    mailtest.main()
