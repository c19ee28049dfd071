#!/usr/bin/python3
"""Booking confirmations and calendar invitations (issue 15): a case booked onto a sitting
gets each presenter a confirmation carrying an iCalendar REQUEST (RFC 5545/6047) with a UID
that is the booking's for good; a moved slot sends the same UID with SEQUENCE 1, a removal
METHOD:CANCEL with SEQUENCE 2; the chair and members get one invitation per sitting, updated
when its end or venue changes and cancelled with the sitting. Times are Europe/London on
either side of the clock change. Real `panelpack book` and `tick` against the test SMTP
server; the calendar parts are read with Python's icalendar (Debian python3-icalendar)."""

import collections
import datetime
import re
import sys
import unittest
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import (BOOKED_SINCE_28_NOVEMBER, CHAIR, DUE_AT_0905, MEMBERS, SUCCESS,  # noqa: E402
                      TickTestCase, child_names, edit_json)

DOMAIN = "northbridge.example.org"
WINTER = ("permanence", "2027-02-09")  # GMT
SUMMER = ("permanence", "2027-04-06")  # BST: the clocks go forward on 28 March 2027
# LCS900106: social worker and team manager from its case file.
MARCUS, ADAEZE = f"marcus.feltwell@{DOMAIN}", f"adaeze.okoro-bates@{DOMAIN}"
# LCS900110's.
SIOBHAN, KEITH = f"siobhan.kerrow@{DOMAIN}", f"keith.amberley@{DOMAIN}"
SITTING_PEOPLE = [CHAIR, *MEMBERS]
UTC = datetime.timezone.utc

KINDS = (("Panel booking confirmed", "confirmation"), ("Panel slot changed", "correction"),
         ("Panel booking cancelled", "cancellation"), ("Panel sitting invitation", "invitation"),
         ("Panel sitting changed", "invitation-update"),
         ("Panel sitting cancelled", "invitation-cancel"))


def kind(message):
    for words, name in KINDS:
        if words in message["Subject"]:
            return name
    return "other"


def case_of(message):
    found = re.search(r"LCS9001\d\d", message["Subject"])
    return found.group(0) if found else None


def calendar_of(message):
    """The message's text/calendar part, parsed, with the part's method= parameter."""
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    if len(parts) != 1:
        raise AssertionError(f"{len(parts)} text/calendar parts in {message['Subject']!r}")
    calendar = icalendar.Calendar.from_ical(parts[0].get_content())
    return calendar, parts[0].get_param("method")


def event_of(message):
    calendar, method = calendar_of(message)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if len(events) != 1:
        raise AssertionError(f"{len(events)} VEVENTs in {message['Subject']!r}")
    return calendar, method, events[0]


def london_start(event):
    """DTSTART as (TZID, wall clock "HH:MM", UTC "HH:MM")."""
    start = event["DTSTART"]
    moment = start.dt
    return (start.params.get("TZID"), moment.strftime("%H:%M"),
            moment.astimezone(UTC).strftime("%H:%M"))


class InvitationsTestCase(TickTestCase):
    def about(self, sitting):
        """The words a subject names the sitting by: "Tuesday 9 February 2027"."""
        date = datetime.date.fromisoformat(sitting[1])
        return f"{date.strftime('%A')} {date.day} {date.strftime('%B %Y')}"

    def new_mail(self, seen, sitting):
        """({(kind, case, recipient): count}, [messages]) delivered since `seen` of them about
        `sitting`."""
        words = self.about(sitting)
        delivered = [d for d in self.delivered()[seen:] if words in d[2]["Subject"]]
        counts = collections.Counter()
        for envelope, _, message in delivered:
            counts[(kind(message), case_of(message), envelope["rcpt_tos"][0])] += 1
        return dict(counts), [(envelope["rcpt_tos"][0], message) for envelope, _, message in delivered]

    def book(self, office, sitting, case_ref, now, *more):
        result = office.run("book", *sitting, case_ref, *more, "--now", now)
        self.assertExit(result, SUCCESS)
        return result

    def tick(self, office, now):
        self.assertExit(office.tick(now), SUCCESS)

    def one(self, messages, wanted_kind, recipient):
        found = [m for to, m in messages if kind(m) == wanted_kind and to == recipient]
        self.assertEqual(len(found), 1, f"{wanted_kind} to {recipient}")
        return found[0]

    def bookings_file(self, office, sitting):
        return office.root / "bookings" / sitting[0] / f"{sitting[1]}.json"


class ABookingsInvitation(InvitationsTestCase):
    def test_confirmed_moved_and_cancelled_under_one_uid(self):
        office, _ = self.office_with_server()
        self.book(office, WINTER, "LCS900106", "2026-12-07T10:00")
        self.tick(office, "2026-12-07T10:05")
        sent, messages = self.new_mail(0, WINTER)
        self.assertEqual(sent, {("confirmation", "LCS900106", MARCUS): 1,
                                ("confirmation", "LCS900106", ADAEZE): 1,
                                **{("invitation", None, a): 1 for a in SITTING_PEOPLE}})
        uid = f"booking-permanence-2027-02-09-LCS900106@{DOMAIN}"
        names = child_names()
        for recipient in (MARCUS, ADAEZE):
            message = self.one(messages, "confirmation", recipient)
            subject = message["Subject"]
            self.assertTrue(subject.startswith("OFFICIAL-SENSITIVE: "))
            self.assertIn("LCS900106 (DK)", subject)
            for name in names:
                self.assertNotIn(name, subject)
            body = message.get_body(("plain",)).get_content()
            self.assertIn("09:30 to 10:15", body)
            self.assertIn("Committee Room 2, Northbridge Civic Centre", body)
            self.assertIn(f"permanence.panel@{DOMAIN}", body)  # the submission mailbox
            self.assertIn("17:00 on Thursday 4 February 2027", body)  # the papers deadline
            calendar, method, event = event_of(message)
            self.assertEqual(method, "REQUEST")
            self.assertEqual(str(calendar["METHOD"]), "REQUEST")
            self.assertEqual(str(event["UID"]), uid)
            self.assertEqual(int(event["SEQUENCE"]), 0)
            self.assertEqual(london_start(event), ("Europe/London", "09:30", "09:30"))
            self.assertEqual(event["DTEND"].dt.strftime("%H:%M"), "10:15")
            self.assertEqual(str(event["ORGANIZER"]).lower(), f"mailto:permanence.panel@{DOMAIN}")
            self.assertEqual(str(event["ATTENDEE"]).lower(), f"mailto:{recipient}")
            self.assertEqual(str(event["SUMMARY"]), "Northbridge Permanence Panel: LCS900106 (DK)")
            for name in names:
                self.assertNotIn(name, str(event["SUMMARY"]))
                self.assertNotIn(name, str(event.get("DESCRIPTION", "")))
            self.assertTrue(any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/London"
                                for c in calendar.walk()))
        # The members' invitation: the sitting as one meeting, to its end so far.
        members_uid = f"sitting-permanence-2027-02-09@{DOMAIN}"
        for recipient in SITTING_PEOPLE:
            _, method, event = event_of(self.one(messages, "invitation", recipient))
            self.assertEqual((method, str(event["UID"]), int(event["SEQUENCE"])),
                             ("REQUEST", members_uid, 0))
            self.assertEqual(london_start(event), ("Europe/London", "09:30", "09:30"))
            self.assertEqual(event["DTEND"].dt.strftime("%H:%M"), "10:15")
            self.assertIn("Committee Room 2", str(event["LOCATION"]))
        seen = len(self.delivered())

        # LCS900110 is booked after it, then heard first: LCS900106 moves to 10:15.
        self.book(office, WINTER, "LCS900110", "2026-12-08T09:00")

        def heard_first(bookings):
            bookings["items"] = [bookings["items"][1], bookings["items"][0]]
        edit_json(self.bookings_file(office, WINTER), heard_first)
        self.tick(office, "2026-12-08T09:05")
        sent, messages = self.new_mail(seen, WINTER)
        self.assertEqual(sent, {("correction", "LCS900106", MARCUS): 1,
                                ("correction", "LCS900106", ADAEZE): 1,
                                ("confirmation", "LCS900110", SIOBHAN): 1,
                                ("confirmation", "LCS900110", KEITH): 1,
                                **{("invitation-update", None, a): 1 for a in SITTING_PEOPLE}})
        for recipient in (MARCUS, ADAEZE):
            _, method, event = event_of(self.one(messages, "correction", recipient))
            self.assertEqual((method, str(event["UID"]), int(event["SEQUENCE"])),
                             ("REQUEST", uid, 1))
            self.assertEqual(london_start(event), ("Europe/London", "10:15", "10:15"))
        _, _, event = event_of(self.one(messages, "confirmation", SIOBHAN))
        self.assertEqual(str(event["UID"]), f"booking-permanence-2027-02-09-LCS900110@{DOMAIN}")
        self.assertEqual(int(event["SEQUENCE"]), 0)
        for recipient in SITTING_PEOPLE:
            _, method, event = event_of(self.one(messages, "invitation-update", recipient))
            self.assertEqual((method, str(event["UID"]), int(event["SEQUENCE"])),
                             ("REQUEST", members_uid, 1))
            self.assertEqual(event["DTEND"].dt.strftime("%H:%M"), "11:00")
        seen = len(self.delivered())

        # LCS900106 comes off: its invitation is cancelled; LCS900110 keeps 09:30 (no
        # correction), and the sitting now ends at 10:15 (the members' update).
        self.book(office, WINTER, "LCS900106", "2026-12-08T10:00", "--remove")
        self.tick(office, "2026-12-08T10:05")
        sent, messages = self.new_mail(seen, WINTER)
        self.assertEqual(sent, {("cancellation", "LCS900106", MARCUS): 1,
                                ("cancellation", "LCS900106", ADAEZE): 1,
                                **{("invitation-update", None, a): 1 for a in SITTING_PEOPLE}})
        for recipient in (MARCUS, ADAEZE):
            calendar, method, event = event_of(self.one(messages, "cancellation", recipient))
            self.assertEqual(method, "CANCEL")
            self.assertEqual(str(calendar["METHOD"]), "CANCEL")
            self.assertEqual((str(event["UID"]), int(event["SEQUENCE"])), (uid, 2))
        for recipient in SITTING_PEOPLE:
            _, _, event = event_of(self.one(messages, "invitation-update", recipient))
            self.assertEqual(int(event["SEQUENCE"]), 2)
            self.assertEqual(event["DTEND"].dt.strftime("%H:%M"), "10:15")
        seen = len(self.delivered())

        # A second tick sends nothing new.
        self.tick(office, "2026-12-08T10:10")
        self.assertEqual(len(self.delivered()), seen)

        # The venue changes: the members' invitation is updated; the presenters' are not.
        new_venue = "Room 4, Northbridge Family Centre"
        edit_json(office.root / "office.json",
                  lambda c: c["panels"][0].update({"venue": new_venue}))
        self.tick(office, "2026-12-08T11:05")
        sent, messages = self.new_mail(seen, WINTER)
        self.assertEqual(sent, {("invitation-update", None, a): 1 for a in SITTING_PEOPLE})
        _, _, event = event_of(self.one(messages, "invitation-update", CHAIR))
        self.assertEqual((str(event["LOCATION"]), int(event["SEQUENCE"])), (new_venue, 3))
        seen = len(self.delivered())

        # The sitting is cancelled (its last case taken off first, as the calendar requires):
        # LCS900110's presenters and the members get METHOD:CANCEL.
        self.book(office, WINTER, "LCS900110", "2026-12-09T09:00", "--remove")
        result = office.run("calendar", "cancel", *WINTER, "--reason", "Chair unavailable",
                            "--now", "2026-12-09T09:01")
        self.assertExit(result, SUCCESS)
        self.tick(office, "2026-12-09T09:05")
        sent, messages = self.new_mail(seen, WINTER)
        self.assertEqual(sent, {("cancellation", "LCS900110", SIOBHAN): 1,
                                ("cancellation", "LCS900110", KEITH): 1,
                                **{("invitation-cancel", None, a): 1 for a in SITTING_PEOPLE}})
        for recipient in SITTING_PEOPLE:
            calendar, method, event = event_of(self.one(messages, "invitation-cancel", recipient))
            self.assertEqual((method, str(calendar["METHOD"])), ("CANCEL", "CANCEL"))
            self.assertEqual((str(event["UID"]), int(event["SEQUENCE"])), (members_uid, 4))
        # Told once (its confirmation, SEQUENCE 0): the cancellation is SEQUENCE 1.
        _, method, event = event_of(self.one(messages, "cancellation", SIOBHAN))
        self.assertEqual((method, int(event["SEQUENCE"])), ("CANCEL", 1))
        seen = len(self.delivered())
        self.tick(office, "2026-12-09T09:10")
        self.assertEqual(len(self.delivered()), seen)
        self.assertNoMessageIdTwice()


class AcrossTheClockChange(InvitationsTestCase):
    def test_a_summer_sitting_booked_in_winter_is_at_0930_london_0830_utc(self):
        office, _ = self.office_with_server()
        self.book(office, SUMMER, "LCS900106", "2026-12-07T10:00")
        self.book(office, WINTER, "LCS900110", "2026-12-07T10:00")
        self.tick(office, "2026-12-07T10:05")
        _, summer = self.new_mail(0, SUMMER)
        _, winter = self.new_mail(0, WINTER)
        _, _, event = event_of(self.one(summer, "confirmation", MARCUS))
        self.assertEqual(london_start(event), ("Europe/London", "09:30", "08:30"))
        self.assertEqual(event["DTEND"].dt.astimezone(UTC).strftime("%H:%M"), "09:15")
        _, _, event = event_of(self.one(summer, "invitation", CHAIR))
        self.assertEqual(london_start(event), ("Europe/London", "09:30", "08:30"))
        _, _, event = event_of(self.one(winter, "confirmation", SIOBHAN))
        self.assertEqual(london_start(event), ("Europe/London", "09:30", "09:30"))


class TheSampleOfficesOwnBookings(InvitationsTestCase):
    def test_a_first_tick_catches_up_the_bookings_made_in_its_14_days(self):
        office, _ = self.office_with_server(settled=False)
        self.tick(office, "2026-12-12T09:05")
        counts = self.delivered_counts()
        booking_mail = {k: n for k, n in counts.items() if k[0] in ("confirmation", "invitation")}
        self.assertEqual(booking_mail, BOOKED_SINCE_28_NOVEMBER)
        # The deadlines' mail is what it was before confirmations existed.
        self.assertEqual({k: n for k, n in counts.items() if k not in booking_mail}, DUE_AT_0905)
        self.tick(office, "2026-12-12T09:10")
        self.assertEqual(self.delivered_counts(), counts)
        # Each carries its meeting: the 22 December sitting's for its members.
        for envelope, _, message in self.delivered():
            if kind(message) == "invitation":
                _, method, event = event_of(message)
                self.assertEqual(method, "REQUEST")
                self.assertRegex(str(event["UID"]), r"^sitting-permanence-20(26-12-22|27-01-12|27-01-26)@")


class OldNoticesFiles(InvitationsTestCase):
    def test_presenters_told_by_the_old_reminder_get_their_next_number(self):
        office, _ = self.office_with_server()
        # What a panelpack before issue 15 wrote after the reminder: notices 1, no members.
        record = office.root / "notified" / WINTER[0] / f"{WINTER[1]}.json"
        record.parent.mkdir(parents=True)
        self.book(office, WINTER, "LCS900106", "2026-11-01T10:00")  # outside the lookback
        record.write_text(
            '{"securityMarking": "OFFICIAL-SENSITIVE", "panel": "permanence", '
            '"date": "2027-02-09", "presenters": [{"caseRef": "LCS900106", "initials": "DK", '
            f'"name": "Marcus Feltwell", "email": "{MARCUS}", "slot": "10:00", '
            '"endTime": "10:45", "notices": 1, "cancelled": false}]}')
        self.tick(office, "2026-12-07T10:05")
        sent, messages = self.new_mail(0, WINTER)
        # Its slot is 09:30 now: a correction, SEQUENCE 1; nothing else (the booking and the
        # sitting's first booking were made before the lookback: no confirmation, no invitation).
        self.assertEqual(sent, {("correction", "LCS900106", MARCUS): 1})
        _, method, event = event_of(self.one(messages, "correction", MARCUS))
        self.assertEqual((method, int(event["SEQUENCE"])), ("REQUEST", 1))


if __name__ == "__main__":
    ticktest.main()
