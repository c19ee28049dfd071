#!/usr/bin/python3
"""`panelpack tick` and `panelpack outbox list` when the relay leaves a send in doubt or hangs:
a relay that stores each email and drops the connection before its 250, one that answers after
the read timeout, one that never answers, one that is slow; a relay named ::ffff:127.0.0.1; and
`outbox list` on a full disk. Every email that arrives twice must belong to a row the outbox
marks as a possible duplicate, and nothing due may be lost."""

import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import BAD_INPUT, DUE_AT_0905, SUCCESS, Office, TickTestCase  # noqa: E402

DUE = sum(DUE_AT_0905.values())  # 13 emails at 2026-12-12T09:05


class DoubtTestCase(TickTestCase):
    def copies_by_message_id(self):
        return collections.Counter(message["Message-ID"] for _, _, message in self.delivered())

    def assertEveryDuplicateFlagged(self, rows):
        """No email arrived twice unless its row says it may have."""
        flagged = {row["messageId"] for row in rows if row["mayBeDuplicate"]}
        twice = {mid for mid, count in self.copies_by_message_id().items() if count > 1}
        self.assertEqual(twice - flagged, set())

    def relay_silent(self, port=0):
        server = ticktest.mailtest.SmtpServer(self.folder, "--silent", port=port,
                                              maildir=self.maildir)
        self.servers.append(server)
        return server

    def replace_server(self, server, *options):
        """Stops `server` and starts a relay with `options` on the same port."""
        server.stop()
        self.servers.remove(server)
        return self.server(*options, port=server.port)


class UnknownOutcomes(DoubtTestCase):
    def test_a_relay_that_stores_then_drops_gets_a_second_flagged_copy_once_healthy(self):
        office, server = self.office_with_server("--drop-after-data")
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        self.assertEqual(len(self.delivered()), DUE)  # the relay has each email once
        rows = office.rows()
        self.assertEqual(len(rows), DUE)
        self.assertEqual({(row["state"], row["unknownOutcomes"], row["mayBeDuplicate"])
                          for row in rows}, {("failed_temporary", 1, True)})
        (detail,) = office.rows(str(rows[0]["id"]))
        self.assertEqual([a["outcome"] for a in detail["audit"]], ["unknown_outcome"])
        self.assertEveryDuplicateFlagged(rows)

        self.replace_server(server)
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        rows = office.rows()
        self.assertEqual({(row["state"], row["mayBeDuplicate"]) for row in rows}, {("sent", True)})
        self.assertEqual(set(self.copies_by_message_id().values()), {2})
        self.assertEqual(set(self.copies_by_message_id()), {row["messageId"] for row in rows})
        self.assertEveryDuplicateFlagged(rows)
        (detail,) = office.rows(str(rows[0]["id"]))
        self.assertEqual([a["outcome"] for a in detail["audit"]], ["unknown_outcome", "delivered"])

    def test_after_three_unknown_outcomes_a_row_is_not_sent_again_until_retried(self):
        office, _ = self.office_with_server("--drop-after-data")
        for now in ("2026-12-12T09:05", "2026-12-12T09:06"):
            self.assertExit(office.tick(now), SUCCESS)
        self.assertEqual({row["state"] for row in office.rows()}, {"failed_temporary"})
        third = office.tick("2026-12-12T09:08")
        self.assertExit(third, BAD_INPUT)  # a person must ask whether they arrived
        rows = office.rows()
        self.assertEqual({(row["state"], row["unknownOutcomes"], row["mayBeDuplicate"])
                          for row in rows}, {("failed_permanent", 3, True)})
        self.assertEqual(set(self.copies_by_message_id().values()), {3})
        # No more copies, however long the relay misbehaves.
        office.tick("2026-12-12T12:00")
        self.assertEqual(len(self.delivered()), 3 * DUE)
        self.assertEveryDuplicateFlagged(office.rows())
        retried = office.outbox("retry", str(rows[0]["id"]), "--now", "2026-12-12T12:01")
        self.assertEqual(retried["changed"], 1)
        self.assertEqual(office.rows(str(rows[0]["id"]))[0]["state"], "queued")

    def test_a_250_after_the_read_timeout_is_flagged_and_ends_the_tick(self):
        server = self.server("--reply-delay", "3")
        office = Office(self.folder, self.tls_smtp(server.port, readTimeoutSeconds=1))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        rows = office.rows()
        doubtful = [row for row in rows if row["attempts"] > 0]
        self.assertEqual(len(doubtful), 1)
        self.assertEqual((doubtful[0]["state"], doubtful[0]["unknownOutcomes"],
                          doubtful[0]["mayBeDuplicate"]), ("failed_temporary", 1, True))
        # The relay timed out: the others were not tried and wait, attempts unchanged.
        self.assertEqual({(row["state"], row["attempts"]) for row in rows if row not in doubtful},
                         {("queued", 0)})
        self.assertEqual(len(self.delivered()), 1)

        self.replace_server(server)
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        rows = office.rows()
        self.assertEqual({row["state"] for row in rows}, {"sent"})
        copies = self.copies_by_message_id()
        self.assertEqual(copies[doubtful[0]["messageId"]], 2)
        self.assertEqual(sum(copies.values()), DUE + 1)
        self.assertEqual([row["id"] for row in rows if row["mayBeDuplicate"]],
                         [doubtful[0]["id"]])
        self.assertEveryDuplicateFlagged(rows)


class HungRelay(DoubtTestCase):
    def test_a_relay_that_never_answers_is_tried_once_and_the_rest_wait(self):
        silent = self.relay_silent()
        office = Office(self.folder, self.tls_smtp(silent.port, readTimeoutSeconds=2,
                                                   connectTimeoutSeconds=2))
        started = time.monotonic()
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        elapsed = time.monotonic() - started
        connections = [e for e in silent.log_entries() if e["verb"] == "CONNECT"]
        self.assertEqual(len(connections), 1)  # not 13 connections waiting 2 s each
        rows = office.rows()
        self.assertEqual(sorted((row["state"], row["attempts"]) for row in rows),
                         [("failed_temporary", 1)] + [("queued", 0)] * (DUE - 1))
        self.assertLess(elapsed, DUE * 2)

        # Healthy again: the next tick delivers every email once.
        silent.stop()
        self.servers.remove(silent)
        self.server(port=silent.port)
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        self.assertEqual({row["state"] for row in office.rows()}, {"sent"})
        self.assertNoMessageIdTwice()

    def test_the_drain_stops_starting_emails_after_its_time_budget(self):
        server = self.server("--reply-delay", "0.7")
        office = Office(self.folder, self.tls_smtp(server.port, readTimeoutSeconds=10,
                                                   drainTimeoutSeconds=1))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        rows = office.rows()
        sent = [row for row in rows if row["state"] == "sent"]
        self.assertGreaterEqual(len(sent), 1)
        self.assertLess(len(sent), DUE)
        self.assertEqual({(row["state"], row["attempts"]) for row in rows if row not in sent},
                         {("queued", 0)})
        self.assertEqual(len(self.delivered()), len(sent))
        self.replace_server(server)
        office.set_smtp(self.tls_smtp(server.port))
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        self.assertNoMessageIdTwice()


class RelayAddress(DoubtTestCase):
    def test_an_ipv4_mapped_loopback_relay_takes_plain_smtp(self):
        server = ticktest.mailtest.SmtpServer(self.folder, maildir=self.maildir)
        self.servers.append(server)
        office = Office(self.folder, {"host": "::ffff:127.0.0.1", "port": server.port,
                                      "security": "plain"})
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        self.assertEqual({envelope["tls"] for envelope, _, _ in self.delivered()}, {False})


class ListingOnAFullDisk(DoubtTestCase):
    def test_outbox_list_reads_a_full_disk_and_changes_nothing(self):
        port = ticktest.mailtest.free_port()
        office = Office(self.folder, self.tls_smtp(port, connectTimeoutSeconds=2))
        office.tick("2026-12-12T09:05")  # relay down: 13 rows wait
        disk = self.folder / "small-disk"
        disk.mkdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                                 capture_output=True)
        if mounted.returncode != 0:
            self.skipTest("cannot mount a small tmpfs here (needs root): " +
                          mounted.stderr.decode().strip())
        self.addCleanup(subprocess.run, ["umount", "-l", str(disk)], check=False)
        full = Office.__new__(Office)
        full.root = disk / "office"
        shutil.copytree(office.root, full.root)
        with self.assertRaises(OSError):
            with open(disk / "filler", "wb") as filler:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
                    os.fsync(filler.fileno())
        database = full.root / "panelpack.db"
        before = database.stat().st_mtime_ns
        rows = full.rows()
        self.assertEqual(len(rows), DUE)
        self.assertEqual({row["state"] for row in rows}, {"failed_temporary"})
        self.assertExit(full.run("outbox", "list"), SUCCESS)
        self.assertExit(full.run("outbox", "list", str(rows[0]["id"])), SUCCESS)
        self.assertEqual(database.stat().st_mtime_ns, before)


if __name__ == "__main__":
    ticktest.main()
