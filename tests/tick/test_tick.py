#!/usr/bin/python3
"""`panelpack tick` on a copy of the sample office against a real SMTP server on 127.0.0.1
(STARTTLS with a certificate made by openssl at test time, AUTH PLAIN), with a simulated
clock: who gets what at each deadline, with which attachment; nothing twice (again, or two
ticks at once); catching up after downtime; the dry run; refused domains; header injection
through a case file; the templates as staff edit them."""

import fcntl
import re
import shutil
import sys
import time
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import (ADMINISTRATOR, BAD_INPUT, BUSY, CHAIR, DUE_AT_0905, HANNAH, JOANNA,  # noqa: E402
                      MAILBOX, MEMBERS, PACK_ZIP, PRIYA_R, RAVI, SUCCESS, Office, TickTestCase,
                      child_names, edit_json, kind_of, parse_eml)

MARKING = "OFFICIAL-SENSITIVE: "


class AtEachDeadline(TickTestCase):
    def test_the_right_people_get_the_right_mail_and_a_second_tick_sends_nothing(self):
        office, _ = self.office_with_server()
        names = child_names()
        logs = []

        # Papers due Thu 10 Dec 17:00: LCS900102's care plan (received on the 11th) and
        # LCS900108's chronology are missing; each case's team manager hears of it.
        result = office.tick("2026-12-10T17:00")
        self.assertExit(result, SUCCESS)
        logs.append(result.stdout + result.stderr)
        self.assertEqual(self.delivered_counts(),
                         {("papers-missing", JOANNA): 1, ("papers-missing", RAVI): 1})
        self.assertExit(office.tick("2026-12-10T17:04"), SUCCESS)
        self.assertEqual(len(self.delivered()), 2)

        # The pack at Fri 11 Dec 12:00: built, and sent to the chair, members and mailbox.
        result = office.tick("2026-12-11T12:00")
        self.assertExit(result, SUCCESS)
        logs.append(result.stdout + result.stderr)
        self.assertIn("built the pack for permanence 2026-12-15", result.stdout)
        circulated = [(envelope, message) for envelope, _, message in self.delivered()
                      if kind_of(message) == "circulation"]
        self.assertEqual(sorted(envelope["rcpt_tos"][0] for envelope, _ in circulated),
                         sorted([CHAIR, *MEMBERS, MAILBOX]))
        zip_bytes = office.pack_file(PACK_ZIP).read_bytes()
        for _, message in circulated:
            attachments = list(message.iter_attachments())
            self.assertEqual([part.get_filename() for part in attachments], [PACK_ZIP])
            self.assertEqual(attachments[0].get_content_type(), "application/zip")
            self.assertEqual(attachments[0].get_content(), zip_bytes)
            self.assertIn("Panel pack: Northbridge Permanence Panel, Tuesday 15 December 2026",
                          message["Subject"])
            self.assertIn("permanence-2026-12-15.zip", message.get_body(("plain",)).get_content())
        # Sent to all six, the pack's copy in the outbox spool has gone; the pack itself stays.
        spool = office.root / "panelpack.db.spool"
        self.assertEqual([p.name for p in spool.iterdir() if len(p.name) == 64], [])
        self.assertTrue(office.pack_file(PACK_ZIP).exists())

        # The reminder, 3 days before on Saturday, moved to Fri 11 Dec 09:00 (sent by the 12:00
        # tick): each case's social worker and team manager.
        result = office.tick("2026-12-12T09:00")
        self.assertExit(result, SUCCESS)
        logs.append(result.stdout + result.stderr)
        reminders = {}
        for envelope, _, message in self.delivered():
            if kind_of(message) == "reminder":
                case = re.search(r"LCS9001\d\d", message["Subject"]).group(0)
                reminders.setdefault(case, []).append(envelope["rcpt_tos"][0])
        self.assertEqual({case: sorted(to) for case, to in reminders.items()},
                         {"LCS900102": sorted([HANNAH, JOANNA]), "LCS900103": sorted([HANNAH, JOANNA]),
                          "LCS900108": sorted([PRIYA_R, RAVI])})
        for envelope, _, message in self.delivered():
            if kind_of(message) == "reminder" and "LCS900108" in message["Subject"]:
                body = message.get_body(("plain",)).get_content()
                self.assertIn("Chronology", body)
                self.assertIn("Your slot:   11:15 to 12:00", body)  # after the 11:00 break
                self.assertEqual(message["Subject"],
                                 "OFFICIAL-SENSITIVE: Panel reminder: LCS900108 (AV) at 11:15, "
                                 "Northbridge Permanence Panel, Tuesday 15 December 2026")

        # Minutes of the 8 December sitting are due Tue 15 Dec 17:00: the administrator is
        # reminded at 09:00 on Mon 14 Dec.
        result = office.tick("2026-12-14T09:00")
        self.assertExit(result, SUCCESS)
        logs.append(result.stdout + result.stderr)
        minutes = [(envelope, message) for envelope, _, message in self.delivered()
                   if kind_of(message) == "minutes-due"]
        self.assertEqual([envelope["rcpt_tos"] for envelope, _ in minutes], [[ADMINISTRATOR]])
        self.assertIn("Tuesday 8 December 2026", minutes[0][1]["Subject"])

        # Nothing more, however often it runs.
        for now in ("2026-12-14T09:05", "2026-12-14T09:10"):
            result = office.tick(now)
            self.assertExit(result, SUCCESS)
            self.assertEqual(result.stdout, "")
        self.assertEqual(len(self.delivered()), 2 + 6 + 6 + 1)
        self.assertNoMessageIdTwice()

        for envelope, raw, message in self.delivered():
            self.assertTrue(envelope["tls"] and envelope["authenticated"])
            subject = message["Subject"]
            self.assertTrue(subject.startswith(MARKING), subject)
            for name in names:
                self.assertNotIn(name, subject)
            self.assertEqual(message["From"].addresses[0].addr_spec, MAILBOX)
            self.assertEqual(message["Reply-To"].addresses[0].addr_spec, ADMINISTRATOR)
            self.assertEqual(message["To"].addresses[0].addr_spec, envelope["rcpt_tos"][0])
            self.assertEqual(message["Auto-Submitted"], "auto-generated")
            self.assertIsNotNone(message.get_body(("html",)))
            self.assertTrue(message.get_body(("plain",)).get_content().startswith("OFFICIAL-SENSITIVE"))
        # The log names ids, never a child.
        for log in logs:
            for name in names:
                self.assertNotIn(name, log)

    def test_the_outbox_holds_one_row_per_email_with_its_key(self):
        office, _ = self.office_with_server()
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        rows = office.rows()
        self.assertEqual(len(rows), 13)
        self.assertEqual({row["state"] for row in rows}, {"sent"})
        keys = {row["key"] for row in rows}
        self.assertIn(f"reminder|permanence|2026-12-15|LCS900102|{HANNAH}", keys)
        self.assertIn(f"circulation|permanence|2026-12-15||{CHAIR}", keys)
        self.assertIn(f"papers-missing|permanence|2026-12-15|LCS900108|{RAVI}", keys)


class NothingTwice(TickTestCase):
    def test_two_ticks_started_at_once_send_nothing_twice(self):
        office, _ = self.office_with_server()
        ticks = [office.start_tick("2026-12-12T09:05") for _ in range(2)]
        codes = []
        for tick in ticks:
            tick.communicate(timeout=180)
            codes.append(tick.returncode)
        self.assertIn(SUCCESS, codes)
        self.assertTrue(set(codes) <= {SUCCESS, BUSY}, codes)
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        self.assertNoMessageIdTwice()

    def test_a_tick_while_another_holds_the_lock_exits_busy_and_does_nothing(self):
        office, server = self.office_with_server()
        with open(office.root / ".tick.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = office.tick("2026-12-12T09:05")
        self.assertExit(result, BUSY)
        self.assertIn(".tick.lock", result.stderr)
        self.assertEqual(self.delivered(), [])
        self.assertFalse((office.root / "panelpack.db").exists())
        self.assertExit(office.tick("2026-12-12T09:06"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)


class CatchingUp(TickTestCase):
    def test_a_tick_after_downtime_catches_up_and_says_so(self):
        office, _ = self.office_with_server()
        first = office.tick("2026-12-09T09:00")
        self.assertExit(first, SUCCESS)
        # The 8 December sitting's reminders and pack went unsent (no tick ran then).
        # Its reminder, 3 days before on Saturday 5th, was due Friday 4th.
        self.assertIn("skipped: reminder for permanence 2026-12-08 LCS900101 was due "
                      "2026-12-04T09:00:00+00:00, but the sitting started at "
                      "2026-12-08T09:30:00+00:00; not sent", first.stdout)
        self.assertIn("skipped: circulation for permanence 2026-12-08", first.stdout)
        self.assertEqual(self.delivered(), [])

        # Down from the 9th to Saturday 12th 09:05.
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, SUCCESS)
        self.assertIn("the last tick ran at 2026-12-09T09:00:00+00:00, 3 days ago", result.stdout)
        self.assertIn("catching up: papers-missing for permanence 2026-12-15 LCS900108 was due "
                      "2026-12-10T17:00:00+00:00", result.stdout)
        self.assertIn("catching up: circulation for permanence 2026-12-15 was due "
                      "2026-12-11T12:00:00+00:00", result.stdout)
        # The reminders were due on Friday 11th 09:00 (Saturday is no day for them).
        self.assertIn("catching up: reminder for permanence 2026-12-15 LCS900102 was due "
                      "2026-12-11T09:00:00+00:00", result.stdout)
        self.assertNotIn("skipped", result.stdout)  # said once, by the first tick after
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)

        # Down again over Monday 14th: the 8 December minutes reminder (09:00 that day) is
        # caught up; the 15th's mail is all sent, so nothing else is said.
        later = office.tick("2026-12-15T10:00")
        self.assertExit(later, SUCCESS)
        self.assertIn("catching up: minutes-due for permanence 2026-12-08 was due "
                      "2026-12-14T09:00:00+00:00", later.stdout)
        self.assertNotIn("skipped", later.stdout)
        self.assertNotIn("2026-12-15 LCS", later.stdout)
        self.assertEqual(len(self.delivered()), 14)
        self.assertEqual(self.delivered_counts()[("minutes-due", ADMINISTRATOR)], 1)


class DryRun(TickTestCase):
    def test_a_dry_run_writes_eml_files_sends_nothing_and_a_real_tick_still_sends(self):
        # The sample's own relay setting (plain SMTP to loopback), on the test server's port.
        server = ticktest.mailtest.SmtpServer(self.folder, maildir=self.maildir)
        self.servers.append(server)
        office = Office(self.folder, {"host": "127.0.0.1", "port": server.port, "security": "plain"})
        result = office.tick("2026-12-12T09:05", "--dry-run")
        self.assertExit(result, SUCCESS)
        self.assertIn("dry run: wrote 13 emails", result.stdout)
        folder = office.root / "outbox-dry-run"
        written = [parse_eml(path) for path in sorted(folder.glob("*.eml"))]
        self.assertEqual(len(written), 13)
        recipients = sorted(message["To"].addresses[0].addr_spec for message in written)
        self.assertEqual(recipients, sorted(address for (_, address), count in DUE_AT_0905.items()
                                            for _ in range(count)))
        circulation = [m for m in written if kind_of(m) == "circulation"]
        self.assertEqual(len(circulation), 6)
        dry_zip = folder / "packs" / "permanence" / "2026-12-15" / PACK_ZIP
        for message in circulation:
            (attachment,) = message.iter_attachments()
            self.assertEqual(attachment.get_content(), dry_zip.read_bytes())
        # Nothing sent, nothing queued, the real pack folder untouched.
        self.assertEqual(self.delivered(), [])
        self.assertFalse((office.root / "panelpack.db").exists())
        self.assertFalse((office.root / "packs").exists())
        self.assertFalse((office.root / "tick-state.json").exists())

        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)
        # A dry run now has nothing to write, and clears the last one's files.
        result = office.tick("2026-12-12T09:10", "--dry-run")
        self.assertExit(result, SUCCESS)
        self.assertEqual(list(folder.glob("*.eml")), [])
        self.assertEqual(len(self.delivered()), 13)

    def test_a_dry_run_writes_what_waits_in_the_outbox_and_leaves_it_waiting(self):
        port = ticktest.mailtest.free_port()
        office = Office(self.folder, self.tls_smtp(port))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)  # relay down: all deferred
        self.assertEqual({row["state"] for row in office.rows()}, {"failed_temporary"})
        result = office.tick("2026-12-12T09:07", "--dry-run")
        self.assertExit(result, SUCCESS)
        self.assertEqual(len(list((office.root / "outbox-dry-run").glob("*.eml"))), 13)
        rows = office.rows()
        self.assertEqual({(row["state"], row["attempts"]) for row in rows}, {("failed_temporary", 1)})
        self.server(port=port)
        self.assertExit(office.tick("2026-12-12T09:07"), SUCCESS)
        self.assertEqual(self.delivered_counts(), DUE_AT_0905)


class MinutesReminder(TickTestCase):
    def test_it_lists_the_decision_records_not_yet_made(self):
        office = Office(self.folder, {"host": "127.0.0.1", "port": 9, "security": "plain"})

        def minutes_body():
            result = office.tick("2026-12-14T09:00", "--dry-run")
            self.assertExit(result, SUCCESS)
            (message,) = [parse_eml(path) for path in (office.root / "outbox-dry-run").glob("*.eml")
                          if kind_of(parse_eml(path)) == "minutes-due"]
            return message.get_body(("plain",)).get_content()

        body = minutes_body()
        self.assertIn("Decision records not yet made", body)
        self.assertIn("LCS900101", body)
        self.assertIn("LCS900112", body)
        made = office.run("decisions", "permanence", "2026-12-08", "--no-pdf")
        self.assertExit(made, SUCCESS)
        self.assertIn("Every decision record has been made", minutes_body())


class RefusedAndInjected(TickTestCase):
    def test_a_recipient_outside_the_allowed_domains_is_refused_at_queue_time(self):
        office, _ = self.office_with_server()
        outsider = "h.westerby@elsewhere.example.net"
        edit_json(office.root / "cases" / "LCS900103.json",
                  lambda case: case["professionals"]["socialWorker"].update({"email": outsider}))
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, BAD_INPUT)
        refusal = [line for line in result.stderr.splitlines() if outsider in line]
        self.assertEqual(len(refusal), 1, result.stderr)
        self.assertIn("reminder for permanence 2026-12-15 LCS900103", refusal[0])
        self.assertIn("allowedDomains", refusal[0])
        for name in child_names():
            self.assertNotIn(name, result.stderr)
        self.assertNotIn(outsider, [row["recipient"] for row in office.rows()])
        expected = dict(DUE_AT_0905)
        expected[("reminder", HANNAH)] = 1
        self.assertEqual(self.delivered_counts(), expected)
        # Refused again on every tick until someone fixes the address; nothing else is sent.
        again = office.tick("2026-12-12T09:10")
        self.assertExit(again, BAD_INPUT)
        self.assertEqual(len(self.delivered()), 12)

    def test_an_office_without_allowed_domains_mails_nobody(self):
        office, _ = self.office_with_server()
        edit_json(office.root / "office.json", lambda c: c.pop("allowedDomains"))
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("/allowedDomains", result.stderr)
        self.assertEqual(self.delivered(), [])

    def test_cr_lf_and_non_ascii_in_office_and_case_values_cannot_inject_a_header(self):
        office, _ = self.office_with_server()
        evil = "x@evil.example"  # short: a display name's encoded run stays one encoded-word
        edit_json(office.root / "office.json", lambda c: c["panels"][0].update(
            {"name": f"Northbridge\r\nBcc: {evil}\r\n\r\nPänel"}))
        edit_json(office.root / "cases" / "LCS900102.json", lambda case: (
            case["child"].update({"firstName": f"\r\nBcc: {evil}", "name": f"Łeah\nBcc: {evil}"}),
            case["professionals"]["socialWorker"].update(
                {"name": f"Hannah\r\nBcc: {evil}\r\nWésterby"})))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        delivered = self.delivered()
        self.assertEqual(len(delivered), 13)
        for envelope, raw, message in delivered:
            self.assertNotIn(evil, envelope["rcpt_tos"])
            self.assertIsNone(message["Bcc"])
            self.assertEqual(len(message["To"].addresses), 1)
            header = raw.split(b"\r\n\r\n", 1)[0]
            header.decode("ascii")  # every header is ASCII: non-ASCII travels encoded
            self.assertNotIn(b"\nBcc", header)
        reminder = next(message for envelope, _, message in delivered
                        if kind_of(message) == "reminder" and envelope["rcpt_tos"] == [HANNAH]
                        and "LCS900102" in message["Subject"])
        self.assertEqual(reminder["Subject"],
                         f"OFFICIAL-SENSITIVE: Panel reminder: LCS900102 (BT) at 09:30, "
                         f"Northbridge Bcc: {evil} Pänel, Tuesday 15 December 2026")
        self.assertEqual(reminder["To"].addresses[0].display_name,
                         f"Hannah Bcc: {evil} Wésterby")
        self.assertIn("Dear Hannah", reminder.get_body(("plain",)).get_content())


class Circulation(TickTestCase):
    @unittest.skipUnless(shutil.which("soffice"), "LibreOffice (soffice) is not installed")
    def test_both_attachments_with_the_zip_encrypted_and_its_password_never_mailed(self):
        office, _ = self.office_with_server()
        password = "fictional-pack-password-42"
        (office.root / "pack-password").write_text(password + "\n")
        edit_json(office.root / "office.json", lambda c: c["mail"].update(
            {"circulation": {"attach": "both", "passwordFile": "pack-password"}}))
        result = office.tick("2026-12-11T12:00")
        self.assertExit(result, SUCCESS)
        self.assertIn("zip encrypted", result.stdout)
        circulated = [(raw, message) for _, raw, message in self.delivered()
                      if kind_of(message) == "circulation"]
        self.assertEqual(len(circulated), 6)
        pdf = office.pack_file("permanence-2026-12-15.pdf").read_bytes()
        zip_bytes = office.pack_file(PACK_ZIP).read_bytes()
        with zipfile.ZipFile(office.pack_file(PACK_ZIP)) as archive:
            self.assertTrue(all(info.flag_bits & 0x1 for info in archive.infolist()))
        for raw, message in circulated:
            attachments = {part.get_filename(): part for part in message.iter_attachments()}
            self.assertEqual(list(attachments), [PACK_ZIP, "permanence-2026-12-15.pdf"])
            self.assertEqual(attachments[PACK_ZIP].get_content(), zip_bytes)
            self.assertEqual(attachments["permanence-2026-12-15.pdf"].get_content_type(),
                             "application/pdf")
            self.assertEqual(attachments["permanence-2026-12-15.pdf"].get_content(), pdf)
            self.assertIn("encrypted", message.get_body(("plain",)).get_content())
            self.assertNotIn(password.encode(), raw)
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    self.assertNotIn(password, part.get_content())


class Templates(TickTestCase):
    def test_staff_edit_the_wording_and_the_marking_stays(self):
        office, _ = self.office_with_server()
        templates = office.root / "email-templates"
        shutil.copytree(ticktest.SAMPLE_OFFICE.parent.parent / "templates" / "email", templates)
        (templates / "reminder.subject.mustache").write_text(
            "Your slot at {{panel.name}}: {{case.caseRef}} at {{case.slot}}\n")
        (templates / "reminder.html.mustache").write_text(
            "<p>{{recipient.name}} {{case.initials}}</p>\n")
        edit_json(office.root / "office.json",
                  lambda c: c.setdefault("templates", {}).update({"email": "email-templates"}))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        subjects = sorted(message["Subject"] for _, _, message in self.delivered()
                          if "Your slot" in message["Subject"])
        self.assertEqual(len(subjects), 6)
        self.assertEqual(subjects[0], "OFFICIAL-SENSITIVE: Your slot at Northbridge Permanence "
                                      "Panel: LCS900102 at 09:30")

    def test_values_are_html_escaped_in_the_html_part_only(self):
        office, _ = self.office_with_server()
        edit_json(office.root / "office.json",
                  lambda c: c["panels"][0].update({"venue": 'Room <2> & "Hall"'}))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        _, _, message = next(item for item in self.delivered() if kind_of(item[2]) == "reminder")
        html = message.get_body(("html",)).get_content()
        self.assertIn("Room &lt;2&gt; &amp; &quot;Hall&quot;", html)
        self.assertNotIn("<2>", html)
        self.assertIn('Room <2> & "Hall"', message.get_body(("plain",)).get_content())

    def test_a_template_that_would_put_a_value_into_html_unescaped_is_refused(self):
        office, _ = self.office_with_server()
        templates = office.root / "email-templates"
        shutil.copytree(ticktest.SAMPLE_OFFICE.parent.parent / "templates" / "email", templates)
        (templates / "reminder.html.mustache").write_text("<p>{{{recipient.name}}}</p>\n")
        (templates / "circulation.text.mustache").write_text("{{#cases}}unclosed\n")
        edit_json(office.root / "office.json",
                  lambda c: c.setdefault("templates", {}).update({"email": "email-templates"}))
        result = office.tick("2026-12-12T09:05")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("reminder.html.mustache", result.stderr)
        self.assertIn("circulation.text.mustache", result.stderr)
        self.assertEqual(self.delivered(), [])
        self.assertEqual(office.rows(), [])


class Help(TickTestCase):
    def test_tick_and_outbox_explain_themselves(self):
        office, _ = self.office_with_server()
        for command in ("tick", "outbox"):
            result = office.run(command, "--help")
            self.assertExit(result, SUCCESS)
            self.assertTrue(result.stdout.startswith("Usage:"))
            self.assertIn("Exit codes:", result.stdout)
        self.assertIn("--dry-run", office.run("tick", "--help").stdout)
        self.assertIn("failed_permanent", office.run("outbox", "--help").stdout)
        self.assertExit(office.run("tick", "now"), ticktest.USAGE)
        self.assertExit(office.run("outbox", "resend"), ticktest.USAGE)


if __name__ == "__main__":
    ticktest.main()
