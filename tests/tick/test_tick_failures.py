#!/usr/bin/python3
"""`panelpack tick` and `panelpack outbox` when the relay fails: a 550 for one recipient, the
relay down then up, a tick killed with SIGKILL while sending (the one documented duplicate,
as `outbox list` shows it), and list, retry and cancel with --json."""

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import (BAD_INPUT, CHAIR, DUE_AT_0905, HANNAH, JOANNA, MACHINE_FAILURE,  # noqa: E402
                      MAILBOX, MEMBERS, PRIYA_R, RAVI, SUCCESS, USAGE, Office, TickTestCase,
                      kind_of)

ANJALI = MEMBERS[1]


class RelayFailures(TickTestCase):
    def test_a_550_for_one_recipient_fails_that_row_for_good_and_the_rest_are_delivered(self):
        office, _ = self.office_with_server("--reject", f"{ANJALI}=550")
        result = office.tick("2026-12-11T12:00")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("failed for good: 550", result.stderr)
        rows = {row["recipient"]: row for row in office.rows()}
        self.assertEqual((rows[ANJALI]["state"], rows[ANJALI]["lastSmtpCode"]),
                         ("failed_permanent", 550))
        # At the pack deadline the reminders (Saturday's, moved to Friday 09:00) are due too.
        self.assertEqual({address: row["state"] for address, row in rows.items()
                          if address != ANJALI},
                         {address: "sent" for address in
                          [CHAIR, *MEMBERS, MAILBOX, RAVI, HANNAH, JOANNA, PRIYA_R]
                          if address != ANJALI})
        self.assertEqual(self.delivered_counts(),
                         {key: count for key, count in DUE_AT_0905.items()
                          if key != ("circulation", ANJALI)})
        # A failed row is not tried again by itself.
        self.assertExit(office.tick("2026-12-11T18:00"), SUCCESS)
        self.assertEqual(len(self.delivered()), 12)

    def test_relay_down_everything_waits_and_a_later_tick_delivers_it(self):
        port = ticktest.mailtest.free_port()
        office = Office(self.folder, self.tls_smtp(port, connectTimeoutSeconds=2))
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, SUCCESS)
        self.assertEqual(result.stdout.count("deferred row"), 13)
        self.assertIn("next attempt at 2026-12-12T09:06:00+00:00", result.stdout)
        self.assertEqual({(row["state"], row["lastSmtpCode"]) for row in office.rows()},
                         {("failed_temporary", 0)})
        self.server(port=port)
        early = office.tick("2026-12-12T09:05:30")  # before the backoff: nothing tried
        self.assertExit(early, SUCCESS)
        self.assertEqual(self.delivered(), [])
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        self.assertEqual({row["state"] for row in office.rows()}, {"sent"})
        self.assertNoMessageIdTwice()

    def test_a_wrong_relay_password_stops_the_tick_and_nothing_is_lost(self):
        office, server = self.office_with_server()
        (self.folder / "relay-password").write_text("not-the-password\n")
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, MACHINE_FAILURE)
        self.assertIn("auth_failed", result.stderr)
        self.assertEqual(self.delivered(), [])
        self.assertEqual({row["state"] for row in office.rows()}, {"queued"})
        (self.folder / "relay-password").write_text(ticktest.RELAY_PASSWORD + "\n")
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)


class KilledWhileSending(TickTestCase):
    def test_the_one_duplicate_is_surfaced_by_outbox_list(self):
        # The relay stores the third message, then never answers its DATA.
        office, server = self.office_with_server("--hang-after-accept", "3")
        tick = office.start_tick("2026-12-12T09:05")
        deadline = time.monotonic() + 60
        while ("HANGING_AFTER_ACCEPT", True) not in server.verbs():
            self.assertIsNone(tick.poll(), "the tick ended before it was killed")
            self.assertLess(time.monotonic(), deadline, "the tick never got stuck")
            time.sleep(0.05)
        os.kill(tick.pid, signal.SIGKILL)
        tick.communicate()
        port = server.port
        server.stop()

        sending = office.rows("--state", "sending")
        self.assertEqual(len(sending), 1)
        self.assertTrue(sending[0]["mayBeDuplicate"])
        listed = office.run("outbox", "list")
        self.assertExit(listed, SUCCESS)
        self.assertIn("a tick died while sending it", listed.stdout)

        self.server(port=port)
        result = office.tick("2026-12-12T09:07")
        self.assertExit(result, SUCCESS)
        self.assertIn(f"sent again row {sending[0]['id']}", result.stdout)
        rows = {row["id"]: row for row in office.rows()}
        self.assertEqual({row["state"] for row in rows.values()}, {"sent"})
        resent = [row for row in rows.values() if row["resentAfterCrash"]]
        self.assertEqual([row["id"] for row in resent], [sending[0]["id"]])
        self.assertIn("may have it twice", office.run("outbox", "list").stdout)
        # Delivered twice: that one only, as documented; every other email once.
        ids = {}
        for _, _, message in self.delivered():
            ids[message["Message-ID"]] = ids.get(message["Message-ID"], 0) + 1
        self.assertEqual(ids[resent[0]["messageId"]], 2)
        self.assertEqual(sum(ids.values()), 14)
        self.assertEqual({count for mid, count in ids.items() if mid != resent[0]["messageId"]}, {1})


class OutboxCommands(TickTestCase):
    def test_list_retry_and_cancel_with_json(self):
        office, server = self.office_with_server("--reject", f"{ANJALI}=550")
        self.assertEqual(office.outbox()["rows"], [])  # no database yet: empty, nothing made
        self.assertFalse((office.root / "panelpack.db").exists())
        office.tick("2026-12-11T12:00")

        listing = office.outbox()
        self.assertEqual(listing["counts"]["sent"], 12)  # 5 of the pack's, 6 reminders, 1 escalation
        self.assertEqual(listing["counts"]["failed_permanent"], 1)
        (failed,) = office.rows("--state", "failed_permanent")
        self.assertEqual(failed["recipient"], ANJALI)
        self.assertEqual(failed["key"], f"circulation|permanence|2026-12-15||{ANJALI}")
        self.assertTrue(failed["subject"].startswith("OFFICIAL-SENSITIVE: "))
        self.assertEqual(len(office.rows("--key", "circulation|permanence|2026-12-15|")), 6)
        (detail,) = office.rows(str(failed["id"]))
        self.assertEqual([(a["outcome"], a["smtpCode"]) for a in detail["audit"]],
                         [("permanent_failure", 550)])

        # A sent row cannot be retried or cancelled; a usage error for a missing target.
        sent_id = office.rows("--state", "sent")[0]["id"]
        self.assertExit(office.run("outbox", "retry", sent_id), BAD_INPUT)
        self.assertExit(office.run("outbox", "cancel", sent_id), BAD_INPUT)
        self.assertExit(office.run("outbox", "cancel"), USAGE)
        self.assertExit(office.run("outbox", "retry", "x1"), USAGE)
        self.assertExit(office.run("outbox", "list", "--state", "lost"), USAGE)

        # The address is fixed at the relay: retry, and the next tick delivers it.
        self.assertEqual(office.outbox("retry", str(failed["id"]), "--now", "2026-12-11T12:10"),
                         {"action": "retry", "changed": 1, "ids": [failed["id"]]})
        server.stop()
        self.servers.remove(server)
        self.server(port=server.port)
        self.assertExit(office.tick("2026-12-11T12:10"), SUCCESS)
        (row,) = office.rows(str(failed["id"]))
        self.assertEqual(row["state"], "sent")
        self.assertEqual([a["outcome"] for a in row["audit"]], ["permanent_failure", "delivered"])

    def test_cancel_by_key_stops_rows_that_wait(self):
        port = ticktest.mailtest.free_port()
        office = Office(self.folder, self.tls_smtp(port, connectTimeoutSeconds=2))
        office.tick("2026-12-12T09:05")  # relay down: 13 rows wait
        prefix = "reminder|permanence|2026-12-15|LCS900108|"
        cancelled = office.outbox("cancel", "--key", prefix)
        self.assertEqual((cancelled["action"], cancelled["changed"]), ("cancel", 2))
        self.assertEqual(sorted(row["id"] for row in office.rows("--state", "cancelled")),
                         sorted(cancelled["ids"]))
        self.server(port=port)
        self.assertExit(office.tick("2026-12-12T09:10"), SUCCESS)
        counts = self.delivered_counts()
        self.assertEqual(sum(counts.values()), 11)
        self.assertNotIn("LCS900108", " ".join(message["Subject"] for _, _, message in self.delivered()
                                                if kind_of(message) == "reminder"))
        # Cancelled stays cancelled: the key is taken, so no tick queues it again.
        self.assertExit(office.tick("2026-12-12T09:15"), SUCCESS)
        self.assertEqual(len(self.delivered()), 11)
        self.assertEqual(office.outbox("retry", "--all")["changed"], 0)


if __name__ == "__main__":
    ticktest.main()
