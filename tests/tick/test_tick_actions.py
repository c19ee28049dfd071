#!/usr/bin/python3
"""Action reminders (issue 14): a real `panelpack tick` against the test SMTP server emails an
open action's owner two working days before its due date and on the day, once each, with the
case reference and initials in the subject and never the child's name; a done action's owner
gets nothing. LCS900102's action A1 (permanence 2026-12-15) is due Friday 18 December 2026."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import SITTING, SUCCESS, TickTestCase, child_names, edit_json  # noqa: E402

FIONA = "fiona.mcallister@northbridge.example.org"
PRIYA_R = ticktest.PRIYA_R


def with_owner_emails(office):
    def fifteenth(decisions):
        decisions["decisions"][0]["actions"][0]["owner"]["email"] = FIONA

    def eighth(decisions):
        # LCS900101's A1, also due 18 December, is done: its owner is never reminded.
        decisions["decisions"][0]["actions"][0]["owner"]["email"] = PRIYA_R

    folder = office.root / "decisions" / SITTING[0]
    edit_json(folder / f"{SITTING[1]}.json", fifteenth)
    edit_json(folder / "2026-12-08.json", eighth)


class ActionReminders(TickTestCase):
    def reminders(self):
        return [(envelope["rcpt_tos"][0], message) for envelope, _, message in self.delivered()
                if "Action due" in message["Subject"]]

    def test_two_working_days_before_and_on_the_day_once_each(self):
        office, _ = self.office_with_server()
        with_owner_emails(office)
        self.assertExit(office.tick("2026-12-16T08:55"), SUCCESS)
        self.assertEqual(self.reminders(), [])
        self.assertExit(office.tick("2026-12-16T09:05"), SUCCESS)
        self.assertExit(office.tick("2026-12-16T09:10"), SUCCESS)
        sent = self.reminders()
        self.assertEqual([to for to, _ in sent], [FIONA])
        message = sent[0][1]
        self.assertEqual(message["Subject"],
                         "OFFICIAL-SENSITIVE: Action due Friday 18 December 2026: LCS900102 (LT), "
                         "Northbridge Permanence Panel Tuesday 15 December 2026")
        body = message.get_body(("plain",)).get_content()
        self.assertIn("File the final special guardianship assessment and support plan.", body)
        self.assertIn("OFFICIAL-SENSITIVE", body)
        for name in child_names():
            self.assertNotIn(name, message["Subject"])
        keys = [row["key"] for row in office.rows() if row["key"].startswith("action_reminder|")]
        self.assertEqual(keys, ["action_reminder|permanence|2026-12-15|LCS900102#A1@before-2026-12-18|"
                                + FIONA])

        self.assertExit(office.tick("2026-12-18T09:05"), SUCCESS)
        self.assertExit(office.tick("2026-12-18T11:00"), SUCCESS)
        sent = self.reminders()
        self.assertEqual([to for to, _ in sent], [FIONA, FIONA])
        self.assertTrue(sent[1][1]["Subject"].startswith(
            "OFFICIAL-SENSITIVE: Action due today: LCS900102 (LT)"))
        self.assertNotIn(PRIYA_R, [to for to, _ in sent])


if __name__ == "__main__":
    ticktest.main()
