#!/usr/bin/python3
"""Invitations end to end: mailer_tool queues messages with a calendar part into the outbox, a
later drain sends them to the real test SMTP server (STARTTLS + AUTH on 127.0.0.1), and what
arrived is read by Python's email package and the icalendar package (Debian python3-icalendar):
the part's Content-Type, METHOD, UID, SEQUENCE, the times in Europe/London (BST in July, GMT in
January), the people, and the invite.ics copy."""

import datetime
import json
import subprocess
import sys
import unittest
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mailtest  # noqa: E402
from mailtest import START  # noqa: E402

USER, PASSWORD = "panel-relay", "s3cret"
HOUR = 3600
UTC = datetime.timezone.utc
DESCRIPTION = ("Paperau’r panel: darllenwch cyn y cyfarfod; the chair, the adviser and the "
               "social worker attend. Café on the ground floor — room 2, County Hall.\n"
               "Second line with a backslash \\ and a comma, too.")


def event(uid, day, month, year=2027, method="request", sequence=0):
    return {
        "uid": uid,
        "sequence": sequence,
        "method": method,
        "start": {"year": year, "month": month, "day": day, "hour": 9, "minute": 30},
        "end": {"year": year, "month": month, "day": day, "hour": 11, "minute": 0},
        "stamp_utc": "20261215T090000Z",
        "summary": "Permanence panel: LCS900102 (A.B.), item 3",
        "location": "Room 2, County Hall; Northbridge",
        "description": DESCRIPTION,
        "organizer": {"name": "Panel Office", "email": "panel@example.org"},
        "attendees": [{"name": "Bloggs, Jo", "email": "jo@example.org"}],
    }


class CalendarEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.certificates = mailtest.make_certificates(
            mailtest.work_folder("calendar-certificates"))

    def setUp(self):
        self.folder = mailtest.work_folder("calendar")
        self.db = self.folder / "outbox.sqlite"
        self.maildir = self.folder / "maildir"

    def server(self):
        return mailtest.SmtpServer(self.folder, *mailtest.tls_options(self.certificates["good"]),
                                   "--auth", f"{USER}:{PASSWORD}", maildir=self.maildir)

    def smtp(self, port):
        return ["--host", "localhost", "--port", port, "--ca", self.certificates["ca"],
                "--user", USER, "--password", PASSWORD]

    def queue(self, key, calendar_event, html=""):
        line = json.dumps({
            "key": key,
            "recipient": {"name": "Jo Bloggs", "email": "jo@example.org"},
            "message": {
                "from": {"name": "Panel Office", "email": "panel@example.org"},
                "subject": "OFFICIAL-SENSITIVE: panel invitation LCS900102 (A.B.)",
                "text": "You are invited to the permanence panel.",
                "html": html,
                "event": calendar_event,
            },
        })
        result = mailtest.run_tool("queue", "--db", self.db, "--now", START,
                                   "--allowed", "example.org", stdin=line + "\n")
        self.assertNotIn("error", result[0], result)
        return result[0]["id"]

    def written(self, calendar_event):
        """The VCALENDAR mailer_tool writes for the event, bytes as they should arrive."""
        path = mailtest.write_json(self.folder / f"event-{calendar_event['uid']}.json",
                                   calendar_event)
        completed = subprocess.run([mailtest.TOOL, "ical", "--event", path], capture_output=True,
                                   check=True)
        return completed.stdout

    def deliver(self):
        """Drains two hours after queueing (a later tick) and returns the parsed messages by
        Message-ID."""
        with self.server() as server:
            report = mailtest.run_tool("drain", "--db", self.db, "--now", START + 2 * HOUR,
                                       *self.smtp(server.port))[0]
        self.assertEqual(report["failed_permanent"], 0, report)
        rows = {row["id"]: row for row in mailtest.run_tool("list", "--db", self.db)[0]}
        by_id = {parsed["Message-ID"]: parsed
                 for _, _, parsed in mailtest.delivered_messages(self.maildir)}
        return {row_id: by_id[row["message_id"]] for row_id, row in rows.items()}

    def calendar_parts(self, message):
        """(the text/calendar alternative, the invite.ics attachment), checking where each is."""
        self.assertEqual(message.get_content_type(), "multipart/mixed")
        children = list(message.iter_parts())
        alternative = children[0]
        self.assertEqual(alternative.get_content_type(), "multipart/alternative")
        inline = [part for part in alternative.iter_parts()
                  if part.get_content_type() == "text/calendar"]
        self.assertEqual(len(inline), 1)
        self.assertIs(alternative.get_payload()[-1], inline[0])  # the richest comes last
        files = [part for part in children[1:] if part.get_filename() == "invite.ics"]
        self.assertEqual(len(files), 1)
        return inline[0], files[0]

    def test_a_july_invitation_arrives_in_bst_with_its_method_and_people(self):
        july = event("booking-permanence-2027-07-14-LCS900102@example.org", 14, 7, sequence=0)
        row = self.queue("invitation|july|jo@example.org", july,
                         html="<p>You are invited to the permanence panel.</p>")
        inline, attached = self.calendar_parts(self.deliver()[row])

        self.assertEqual(inline.get_content_type(), "text/calendar")
        self.assertEqual(inline.get_param("method"), "REQUEST")
        self.assertEqual(inline.get_param("charset"), "UTF-8")
        self.assertEqual(inline["Content-Transfer-Encoding"], "base64")
        self.assertIsNone(inline.get_content_disposition())
        self.assertEqual(attached.get_content_type(), "application/ics")
        self.assertEqual(attached.get_content_disposition(), "attachment")

        # Sent two hours after it was queued, byte for byte what the writer wrote.
        data = inline.get_payload(decode=True)
        self.assertEqual(data, self.written(july))
        self.assertEqual(attached.get_payload(decode=True), data)
        self.assertIn(b"\r\nEND:VEVENT\r\n", data)

        calendar = icalendar.Calendar.from_ical(data)
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertEqual(str(calendar["PRODID"]), "-//panelpack//Permanence panel//EN")
        [vevent] = calendar.walk("VEVENT")
        self.assertEqual(str(vevent["UID"]), july["uid"])
        self.assertEqual(int(vevent["SEQUENCE"]), 0)
        start = vevent["DTSTART"].dt
        self.assertEqual(start.tzinfo.zone, "Europe/London")
        self.assertEqual((start.hour, start.minute), (9, 30))
        self.assertEqual(start.utcoffset(), datetime.timedelta(hours=1))
        self.assertEqual(start.astimezone(UTC), datetime.datetime(2027, 7, 14, 8, 30, tzinfo=UTC))
        self.assertEqual(vevent["DTEND"].dt.astimezone(UTC),
                         datetime.datetime(2027, 7, 14, 10, 0, tzinfo=UTC))
        self.assertEqual(vevent["DTSTAMP"].dt, datetime.datetime(2026, 12, 15, 9, 0, tzinfo=UTC))
        self.assertEqual(str(vevent["SUMMARY"]), july["summary"])
        self.assertEqual(str(vevent["LOCATION"]), july["location"])
        self.assertEqual(str(vevent["DESCRIPTION"]), DESCRIPTION)
        self.assertEqual(str(vevent["STATUS"]), "CONFIRMED")
        self.assertEqual(str(vevent["TRANSP"]), "OPAQUE")
        self.assertEqual(str(vevent["ORGANIZER"]), "mailto:panel@example.org")
        self.assertEqual(vevent["ORGANIZER"].params["CN"], "Panel Office")
        attendee = vevent["ATTENDEE"]
        self.assertEqual(str(attendee), "mailto:jo@example.org")
        self.assertEqual(dict(attendee.params),
                         {"CN": "Bloggs, Jo", "ROLE": "REQ-PARTICIPANT",
                          "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"})

        # The VTIMEZONE sent defines London as the tz database does.
        [timezone] = calendar.walk("VTIMEZONE")
        self.assertEqual(str(timezone["TZID"]), "Europe/London")
        london = timezone.to_tz()
        self.assertEqual(london.utcoffset(datetime.datetime(2027, 7, 14, 9, 30)),
                         datetime.timedelta(hours=1))
        self.assertEqual(london.utcoffset(datetime.datetime(2027, 1, 13, 9, 30)),
                         datetime.timedelta(0))

        # Every line of the object is CRLF-ended and at most 75 octets.
        for line in data.split(b"\r\n")[:-1]:
            self.assertLessEqual(len(line), 75, line)
            self.assertNotIn(b"\n", line)

    def test_a_january_invitation_is_in_gmt_and_a_cancellation_says_so(self):
        january = event("booking-permanence-2027-01-13-LCS900102@example.org", 13, 1,
                        sequence=1)
        cancelled = event("booking-permanence-2027-03-10-LCS900103@example.org", 10, 3,
                          method="cancel", sequence=2)
        january_row = self.queue("invitation|january|jo@example.org", january)
        cancel_row = self.queue("cancellation|march|jo@example.org", cancelled)
        delivered = self.deliver()

        inline, _ = self.calendar_parts(delivered[january_row])
        self.assertEqual(inline.get_param("method"), "REQUEST")
        [vevent] = icalendar.Calendar.from_ical(inline.get_payload(decode=True)).walk("VEVENT")
        start = vevent["DTSTART"].dt
        self.assertEqual(start.tzinfo.zone, "Europe/London")
        self.assertEqual(start.utcoffset(), datetime.timedelta(0))
        self.assertEqual(start.astimezone(UTC), datetime.datetime(2027, 1, 13, 9, 30, tzinfo=UTC))
        self.assertEqual(int(vevent["SEQUENCE"]), 1)
        self.assertEqual(str(vevent["UID"]), january["uid"])

        inline, attached = self.calendar_parts(delivered[cancel_row])
        self.assertEqual(inline.get_param("method"), "CANCEL")
        data = inline.get_payload(decode=True)
        self.assertEqual(attached.get_payload(decode=True), data)
        calendar = icalendar.Calendar.from_ical(data)
        self.assertEqual(str(calendar["METHOD"]), "CANCEL")
        [vevent] = calendar.walk("VEVENT")
        self.assertEqual(str(vevent["STATUS"]), "CANCELLED")
        self.assertEqual(int(vevent["SEQUENCE"]), 2)
        self.assertEqual(str(vevent["UID"]), cancelled["uid"])

    def test_an_impossible_meeting_is_refused_at_queue_time(self):
        gap = event("booking-gap@example.org", 28, 3)
        gap["start"]["hour"] = 1
        line = json.dumps({
            "key": "invitation|gap", "recipient": {"email": "jo@example.org"},
            "message": {"from": {"email": "panel@example.org"}, "text": "x", "event": gap}})
        result = mailtest.run_tool("queue", "--db", self.db, "--now", START,
                                   "--allowed", "example.org", stdin=line + "\n")
        self.assertEqual(result[0]["error"], "invalid_calendar")
        self.assertEqual(mailtest.run_tool("list", "--db", self.db)[0], [])


if __name__ == "__main__":
    mailtest.main()
