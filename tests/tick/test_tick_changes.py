#!/usr/bin/python3
"""A sitting that changes after its people were told (issue 11, review #5): `book --remove`
or an edited order after the reminders went sends each presenter whose slot moved a
correction with the new time, the presenters of the case taken off a cancellation, and, once
the pack was circulated, the members an addendum with the new agenda; a second tick sends
nothing again, a second move a second correction. Real tick against the test SMTP server."""

import collections
import io
import re
import shutil
import sys
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
import ticktest  # noqa: E402
from document_text import libreoffice_text  # noqa: E402
from ticktest import (BAD_INPUT, CHAIR, HANNAH, JOANNA, MAILBOX, MEMBERS, PRIYA_R,  # noqa: E402
                      RAVI, SITTING, SUCCESS, TickTestCase, child_names, edit_json)

KINDS = (("Panel slot changed", "correction"), ("Panel booking cancelled", "cancellation"),
         ("Panel agenda changed", "addendum"), ("Panel reminder", "reminder"),
         ("Panel pack", "circulation"), ("Papers missing", "papers-missing"),
         ("Minutes due", "minutes-due"))
MEMBERS_ALL = [CHAIR, *MEMBERS, MAILBOX]


def kind(message):
    for words, name in KINDS:
        if words in message["Subject"]:
            return name
    return "unknown"


def case_of(message):
    found = re.search(r"LCS9001\d\d", message["Subject"])
    return found.group(0) if found else None


class ChangesTestCase(TickTestCase):
    def new_mail(self, seen, about=None):
        """{(kind, case, recipient): count} of the messages delivered since `seen` of them
        (whose subject names `about`, when given)."""
        delivered = [d for d in self.delivered()[seen:] if about is None or about in d[2]["Subject"]]
        counts = collections.Counter()
        for envelope, _, message in delivered:
            counts[(kind(message), case_of(message), envelope["rcpt_tos"][0])] += 1
        return dict(counts), delivered

    def bookings_file(self, office):
        return office.root / "bookings" / SITTING[0] / f"{SITTING[1]}.json"


class AfterTheReminders(ChangesTestCase):
    def test_remove_then_the_moved_get_a_correction_the_removed_a_cancellation_nobody_else(self):
        office, _ = self.office_with_server()
        # Reminders a week before (Tue 8 Dec 09:00), before the papers deadline and the pack.
        edit_json(office.root / "office.json",
                  lambda c: c["deadlines"]["reminder"].update({"count": 7}))
        self.assertExit(office.tick("2026-12-08T09:05"), SUCCESS)
        # (That tick also catches up the mail of the 8 December sitting, under the same rule.)
        first = len(self.delivered())
        sent, _ = self.new_mail(0, about="Tuesday 15 December 2026")
        self.assertEqual(sent, {("reminder", "LCS900102", HANNAH): 1,
                                ("reminder", "LCS900102", JOANNA): 1,
                                ("reminder", "LCS900103", HANNAH): 1,
                                ("reminder", "LCS900103", JOANNA): 1,
                                ("reminder", "LCS900108", PRIYA_R): 1,
                                ("reminder", "LCS900108", RAVI): 1})

        # LCS900102 (09:30-10:30) comes off: LCS900103 moves from 10:30 to 09:30, LCS900108
        # from 11:15 to 10:00 (no break before it any more).
        result = office.run("book", *SITTING, "LCS900102", "--remove", "--now", "2026-12-08T10:00")
        self.assertExit(result, SUCCESS)
        self.assertIn("correction to 4 presenters", result.stdout)
        self.assertIn("cancellation to 2 presenters", result.stdout)
        self.assertNotIn("addendum", result.stdout)  # the pack has not gone yet

        result = office.tick("2026-12-08T10:05")
        self.assertExit(result, SUCCESS)
        sent, messages = self.new_mail(first)
        self.assertEqual(sent, {("correction", "LCS900103", HANNAH): 1,
                                ("correction", "LCS900103", JOANNA): 1,
                                ("correction", "LCS900108", PRIYA_R): 1,
                                ("correction", "LCS900108", RAVI): 1,
                                ("cancellation", "LCS900102", HANNAH): 1,
                                ("cancellation", "LCS900102", JOANNA): 1})
        names = child_names()
        for envelope, _, message in messages:
            body = message.get_body(("plain",)).get_content()
            self.assertTrue(message["Subject"].startswith("OFFICIAL-SENSITIVE: "))
            self.assertIsNotNone(message.get_body(("html",)))
            for name in names:
                self.assertNotIn(name, message["Subject"])
                self.assertNotIn(name, body)
            if kind(message) == "correction" and case_of(message) == "LCS900103":
                self.assertIn("09:30 to 10:00", body)
                self.assertIn("10:30 to 11:00", body)  # what they were told before
            if kind(message) == "correction" and case_of(message) == "LCS900108":
                self.assertIn("10:00 to 10:45", body)
                self.assertIn("11:15 to 12:00", body)
            if kind(message) == "cancellation":
                self.assertIn("09:30 to 10:30", body)

        # A third tick sends nothing.
        self.assertExit(office.tick("2026-12-08T10:10"), SUCCESS)
        self.assertEqual(len(self.delivered()), first + 6)

        # A second move is a second correction, to those it moves only: LCS900108 gets 20
        # minutes more.
        def longer(bookings):
            bookings["items"][1]["minutes"] = 65
        edit_json(self.bookings_file(office), longer)
        self.assertExit(office.tick("2026-12-08T10:15"), SUCCESS)
        sent, messages = self.new_mail(first + 6)
        self.assertEqual(sent, {("correction", "LCS900108", PRIYA_R): 1,
                                ("correction", "LCS900108", RAVI): 1})
        self.assertIn("10:00 to 11:05", messages[0][2].get_body(("plain",)).get_content())
        self.assertExit(office.tick("2026-12-08T10:20"), SUCCESS)
        self.assertEqual(len(self.delivered()), first + 8)
        self.assertNoMessageIdTwice()

        # The record of what was told is the office's, readable by its owner only.
        record = office.root / "notified" / SITTING[0] / f"{SITTING[1]}.json"
        self.assertEqual(record.stat().st_mode & 0o077, 0)


class AfterTheCirculation(ChangesTestCase):
    def test_a_reorder_sends_the_members_an_addendum_with_the_new_agenda(self):
        office, _ = self.office_with_server()
        # 12 Dec 09:05: the pack went on the 11th, the reminders this morning (13 emails).
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        self.assertEqual(len(self.delivered()), 13)

        # LCS900108 heard first: every slot moves.
        def reorder(bookings):
            items = bookings["items"]
            bookings["items"] = [items[2], items[0], items[1]]
        edit_json(self.bookings_file(office), reorder)
        result = office.tick("2026-12-12T11:00")
        self.assertExit(result, SUCCESS)
        sent, messages = self.new_mail(13)
        self.assertEqual(sent, {("correction", "LCS900102", HANNAH): 1,
                                ("correction", "LCS900102", JOANNA): 1,
                                ("correction", "LCS900103", HANNAH): 1,
                                ("correction", "LCS900103", JOANNA): 1,
                                ("correction", "LCS900108", PRIYA_R): 1,
                                ("correction", "LCS900108", RAVI): 1,
                                **{("addendum", None, address): 1 for address in MEMBERS_ALL}})
        addenda = [message for _, _, message in messages if kind(message) == "addendum"]
        zips = set()
        for message in addenda:
            attachments = list(message.iter_attachments())
            self.assertEqual([part.get_filename() for part in attachments],
                             ["permanence-2026-12-15-addendum-1.zip"])
            zips.add(attachments[0].get_content())
        self.assertEqual(len(zips), 1)
        with zipfile.ZipFile(io.BytesIO(zips.pop())) as packed:
            self.assertEqual(sorted(packed.namelist()), ["00-agenda.docx", "manifest.json"])
            agenda = self.folder / "addendum-agenda.docx"
            agenda.write_bytes(packed.read("00-agenda.docx"))
        text = libreoffice_text(agenda, self.folder)
        # The new order and times, as LibreOffice reads the attached agenda.
        self.assertLess(text.index("LCS900108"), text.index("LCS900102"))
        self.assertLess(text.index("LCS900102"), text.index("LCS900103"))
        self.assertIn("09:30", text)

        # Nothing twice; `book` now says members would get another addendum for a new change.
        self.assertExit(office.tick("2026-12-12T11:05"), SUCCESS)
        self.assertEqual(len(self.delivered()), 13 + 6 + 6)
        result = office.run("book", *SITTING, "LCS900103", "--remove", "--now", "2026-12-12T11:10")
        self.assertExit(result, SUCCESS)
        self.assertIn("addendum", result.stdout)
        self.assertExit(office.tick("2026-12-12T11:15"), SUCCESS)
        sent, _ = self.new_mail(25)
        self.assertEqual(sent, {("cancellation", "LCS900103", HANNAH): 1,
                                ("cancellation", "LCS900103", JOANNA): 1,
                                **{("addendum", None, address): 1 for address in MEMBERS_ALL}})
        self.assertNoMessageIdTwice()


class AnOfficesOwnTemplatesFolder(ChangesTestCase):
    def test_made_before_these_kinds_it_still_sends_the_rest_and_names_what_to_add(self):
        office, _ = self.office_with_server()
        templates = office.root / "email-templates"
        shutil.copytree(ticktest.SAMPLE_OFFICE.parent.parent / "templates" / "email", templates)
        for kind_name in ("correction", "cancellation", "addendum"):
            for part in ("subject", "text", "html"):
                (templates / f"{kind_name}.{part}.mustache").unlink()
        edit_json(office.root / "office.json",
                  lambda c: c.setdefault("templates", {}).update({"email": "email-templates"}))
        self.assertExit(office.tick("2026-12-12T09:05"), SUCCESS)
        self.assertEqual(len(self.delivered()), 13)
        self.assertExit(office.run("book", *SITTING, "LCS900102", "--remove",
                                   "--now", "2026-12-12T10:00"), SUCCESS)
        result = office.tick("2026-12-12T10:05")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("correction.subject.mustache", result.stderr)
        self.assertEqual(len(self.delivered()), 13)


if __name__ == "__main__":
    ticktest.main()
