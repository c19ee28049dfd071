#!/usr/bin/python3
"""Dates and rules a panel office can trust (issue 11 §3), on a copy of the sample office:
deadlines moved off days off, sittings on bank holidays, validate refusing what commands
refuse, per-panel timescales, what status lists after a sitting, UK dates on the command line.

Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with a line
"N passed, M failed" and exits non-zero on any failure.
"""

import datetime
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
from office_copy import SAMPLE_OFFICE, copy_sample_office, edit_json  # noqa: E402
from test_cli import BAD_INPUT, SUCCESS, USAGE, CliTestCase, run_tests_of  # noqa: E402

CHRISTMAS_2027 = "2027-12-28"  # a Tuesday sitting, itself the Boxing Day substitute holiday


def weekday_of(local_iso):
    return datetime.date.fromisoformat(local_iso[:10]).weekday()


class OfficeTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")

    def panelpack(self, *arguments):
        return self.run_panelpack(*arguments, "--office", self.office)

    def json_of(self, *arguments, code=SUCCESS):
        result = self.panelpack(*arguments, "--json")
        self.assertExit(result, code)
        return json.loads(result.stdout)

    def calendar(self, start, end, panel):
        data = self.json_of("calendar", "--from", start, "--to", end, "--panel", panel)
        return {sitting["date"]: sitting for sitting in data["sittings"]}

    def book_by_hand(self, panel, date, case_ref):
        """A bookings file as it would be had the case been booked before the day was known."""
        folder = self.office / "bookings" / panel
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{date}.json").write_text(json.dumps({
            "securityMarking": "OFFICIAL-SENSITIVE", "panel": panel, "date": date,
            "updatedAt": "2027-11-01T09:00:00+00:00",
            "items": [{"caseRef": case_ref, "reason": "ratify_plan", "paperTypes": ["referral"],
                       "bookedAt": "2027-11-01T09:00:00+00:00", "papers": []}]}, indent=2))

    def confirm(self, panel_id, date):
        def change(config):
            panel = next(p for p in config["panels"] if p["id"] == panel_id)
            panel["confirmedSittings"] = [{"date": date, "reason": "Court timescales"}]
        edit_json(self.office / "office.json", change)

    def dry_run(self, now):
        result = self.panelpack("tick", "--dry-run", "--now", now)
        return result, sorted((self.office / "outbox-dry-run").glob("*.eml"))


class DeadlinesOffDaysOff(OfficeTestCase):
    def test_no_tuesday_panels_reminder_or_any_deadline_falls_on_a_weekend_for_two_years(self):
        for panel in ("permanence", "pptm", "aep", "planning"):
            sittings = self.calendar("2026-12-01", "2028-11-30", panel)
            self.assertGreater(len(sittings), 10)
            for date, sitting in sittings.items():
                if sitting["cancelled"]:
                    continue
                for name, deadline in sitting["deadlines"].items():
                    self.assertLess(weekday_of(deadline["local"]), 5, (panel, date, name))
                    self.assertTrue(deadline["onWorkingDay"], (panel, date, name))
        permanence = self.calendar("2026-12-15", "2026-12-15", "permanence")
        reminder = permanence["2026-12-15"]["deadlines"]["reminder"]
        # Three days before is Saturday 12 December: it goes Friday at the same time.
        self.assertEqual(reminder["local"], "2026-12-11T09:00:00+00:00")
        self.assertEqual(reminder["movedFrom"], "2026-12-12")

    def test_a_rule_that_keeps_its_day_is_left_on_the_saturday_and_starred(self):
        edit_json(self.office / "office.json",
                  lambda config: config["deadlines"]["reminder"].update(onDayOff="keep"))
        sitting = self.calendar("2026-12-15", "2026-12-15", "permanence")["2026-12-15"]
        self.assertEqual(sitting["deadlines"]["reminder"]["local"], "2026-12-12T09:00:00+00:00")
        self.assertFalse(sitting["deadlines"]["reminder"]["onWorkingDay"])
        text = self.panelpack("calendar", "--from", "2026-12-15", "--to", "2026-12-15",
                              "--panel", "permanence")
        self.assertExit(text, SUCCESS)
        self.assertIn("Sat 12 Dec 09:00*", text.stdout.decode())

    def test_nothing_is_due_on_christmas_day_2027(self):
        sittings = self.calendar("2027-12-01", "2028-01-31", "permanence")
        for date, sitting in sittings.items():
            for name, deadline in sitting["deadlines"].items():
                self.assertNotEqual(deadline["local"][:10], "2027-12-25", (date, name))


class SittingsOnDaysOff(OfficeTestCase):
    def test_calendar_flags_a_sitting_on_a_bank_holiday_until_it_is_confirmed(self):
        sitting = self.calendar("2027-12-20", "2027-12-31", "permanence")[CHRISTMAS_2027]
        self.assertIsNotNone(sitting["dayOff"])
        self.assertFalse(sitting["confirmedOnDayOff"])
        ordinary = self.calendar("2027-12-01", "2027-12-17", "permanence")["2027-12-14"]
        self.assertIsNone(ordinary["dayOff"])
        self.confirm("permanence", CHRISTMAS_2027)
        sitting = self.calendar("2027-12-20", "2027-12-31", "permanence")[CHRISTMAS_2027]
        self.assertIsNone(sitting["dayOff"])
        self.assertTrue(sitting["confirmedOnDayOff"])

    def test_book_refuses_it_until_confirmed_and_leaves_no_file(self):
        bookings = self.office / "bookings" / "permanence" / f"{CHRISTMAS_2027}.json"
        result = self.panelpack("book", "permanence", CHRISTMAS_2027, "LCS900102")
        self.assertExit(result, BAD_INPUT)
        self.assertFalse(bookings.exists())
        self.confirm("permanence", CHRISTMAS_2027)
        self.assertExit(self.panelpack("book", "permanence", CHRISTMAS_2027, "LCS900102"), SUCCESS)
        self.assertEqual(json.loads(bookings.read_text())["items"][0]["caseRef"], "LCS900102")

    def test_status_lists_it(self):
        data = self.json_of("status", "--now", "2027-11-15T09:00")
        flagged = [f for f in data["findings"] if f["kind"] == "sitting_on_day_off"]
        self.assertIn(("permanence", CHRISTMAS_2027), [(f["panel"], f["sitting"]) for f in flagged])
        self.confirm("permanence", CHRISTMAS_2027)
        data = self.json_of("status", "--now", "2027-11-15T09:00")
        flagged = [(f["panel"], f["sitting"]) for f in data["findings"]
                   if f["kind"] == "sitting_on_day_off"]
        self.assertNotIn(("permanence", CHRISTMAS_2027), flagged)
        self.assertIn(("pptm", CHRISTMAS_2027), flagged)  # the PPTM sits that day too

    def test_no_mail_goes_for_it_until_it_is_confirmed(self):
        self.book_by_hand("permanence", CHRISTMAS_2027, "LCS900102")
        # Reminder Fri 24 December 09:00 (moved off Christmas Day), pack Thu 23, papers Wed 22.
        result, written = self.dry_run("2027-12-24T09:05")
        self.assertExit(result, BAD_INPUT)  # the sitting is named as a problem
        self.assertEqual(written, [])
        self.confirm("permanence", CHRISTMAS_2027)
        result, written = self.dry_run("2027-12-24T09:05")
        self.assertExit(result, SUCCESS)
        self.assertGreater(len(written), 0)


class ValidateRefusesWhatCommandsRefuse(OfficeTestCase):
    def validate(self):
        data = json.loads(self.run_panelpack("validate", "--json", self.office / "office.json").stdout)
        (file_report,) = data["files"]
        return [(error["code"], error["pointer"]) for error in file_report["errors"]]

    def assertRefusedBoth(self, code, pointer):
        self.assertIn((code, pointer), self.validate())
        self.assertExit(self.run_panelpack("validate", self.office / "office.json"), BAD_INPUT)
        self.assertExit(self.panelpack("calendar"), BAD_INPUT)

    def test_the_sample_office_is_valid(self):
        self.assertEqual(self.validate(), [])
        result = self.run_panelpack("validate", SAMPLE_OFFICE / "office.json")
        self.assertExit(result, SUCCESS)

    def test_a_missing_deadline_rule(self):
        edit_json(self.office / "office.json", lambda config: config["deadlines"].pop("minutes"))
        self.assertRefusedBoth("missing_field", "/deadlines/minutes")

    def test_a_pack_due_before_its_papers(self):
        # The sample as it was: the PPTM's pack at 12:00 two working days before, papers 17:00.
        edit_json(self.office / "office.json", lambda config: next(
            p for p in config["panels"] if p["id"] == "pptm")["deadlines"].pop("pack"))
        index = [p["id"] for p in json.loads((self.office / "office.json").read_text())["panels"]]
        self.assertIn(("pack_before_papers", "/deadlines/pack"), self.validate())
        edit_json(self.office / "office.json", lambda config: config["panels"][index.index("pptm")]
                  ["deadlines"].update(pack={"kind": "working_days", "count": 3,
                                             "direction": "before", "time": "12:00"}))
        self.assertRefusedBoth("pack_before_papers",
                               f"/panels/{index.index('pptm')}/deadlines/pack")

    def test_a_template_that_is_not_there(self):
        edit_json(self.office / "office.json",
                  lambda config: config.setdefault("templates", {}).update(agenda="templates/nowhere.docx"))
        self.assertIn(("missing_template", "/templates/agenda"), self.validate())
        self.assertExit(self.run_panelpack("validate", self.office / "office.json"), BAD_INPUT)
        edit_json(self.office / "office.json",
                  lambda config: config["panels"][1].update(templates={"email": "no-such-folder"}))
        self.assertIn(("missing_template", "/panels/1/templates/email"), self.validate())

    def test_a_confirmed_date_that_is_no_sitting(self):
        self.confirm("permanence", "2027-12-29")
        self.assertRefusedBoth("not_a_sitting", "/panels/0/confirmedSittings/0/date")


class PerPanelRules(OfficeTestCase):
    def test_the_planning_panels_minutes_are_due_in_three_working_days(self):
        planning = self.calendar("2027-01-01", "2027-01-31", "planning")["2027-01-12"]
        permanence = self.calendar("2027-01-12", "2027-01-12", "permanence")["2027-01-12"]
        self.assertEqual(planning["deadlines"]["minutes"]["local"], "2027-01-15T17:00:00+00:00")
        self.assertEqual(permanence["deadlines"]["minutes"]["local"], "2027-01-19T17:00:00+00:00")

    def test_a_child_referred_to_the_planning_panel_is_due_in_four_weeks(self):
        case = json.loads((self.office / "cases" / "LCS900102.json").read_text())
        entered = case["legal"]["dateEnteredCare"]
        for panel_type, weeks in (("planning_panel", 4), ("permanence_panel", 6)):
            def change(data, panel_type=panel_type):
                data["referral"]["panelType"] = panel_type
            edit_json(self.office / "cases" / "LCS900102.json", change)
            due = datetime.date.fromisoformat(entered) + datetime.timedelta(weeks=weeks)
            # The day after the deadline, with nothing held: overdue by the panel's own weeks.
            now = (due + datetime.timedelta(days=1)).isoformat() + "T09:00"
            for name in ("bookings",):
                for path in (self.office / name).rglob("*.json"):
                    path.unlink()
            data = self.json_of("status", "--now", now)
            first = [f for f in data["findings"]
                     if f["kind"] == "first_panel" and f["caseRef"] == "LCS900102"]
            self.assertEqual(len(first), 1, panel_type)
            self.assertEqual(first[0]["due"], due.isoformat())


class StatusAfterASitting(OfficeTestCase):
    def test_a_held_sitting_without_decisions_and_overdue_records_are_listed(self):
        # 22 December was held with cases booked; its records were due 6 January (closure).
        data = self.json_of("status", "--now", "2027-01-08T09:00")
        missing = [f for f in data["findings"] if f["kind"] == "decisions_missing"]
        self.assertIn(("permanence", "2026-12-22", "overdue"),
                      [(f["panel"], f["sitting"], f["urgency"]) for f in missing])
        decisions = json.loads((self.office / "decisions" / "permanence" / "2026-12-15.json")
                               .read_text())
        unrecorded = {d["caseRef"] for d in decisions["decisions"] if not d.get("recordedDate")}
        overdue = {f["caseRef"] for f in data["findings"] if f["kind"] == "record_overdue"
                   and f["sitting"] == "2026-12-15"}
        self.assertEqual(overdue, unrecorded)
        # Recording them all clears the finding.
        def record_all(file):
            for decision in file["decisions"]:
                decision["recordedDate"] = "2026-12-21"
        edit_json(self.office / "decisions" / "permanence" / "2026-12-15.json", record_all)
        data = self.json_of("status", "--now", "2027-01-08T09:00")
        self.assertEqual([f for f in data["findings"] if f["kind"] == "record_overdue"
                          and f["sitting"] == "2026-12-15"], [])

    def test_an_agreed_return_to_panel_that_passed_unbooked_is_listed(self):
        path = self.office / "decisions" / "permanence" / "2026-12-15.json"
        later = {json.loads(p.read_text())["date"]: {i["caseRef"] for i in json.loads(p.read_text())["items"]}
                 for p in (self.office / "bookings").rglob("*.json")}
        decisions = json.loads(path.read_text())["decisions"]
        index, case_ref = next((i, d["caseRef"]) for i, d in enumerate(decisions)
                               if not any(d["caseRef"] in refs for date, refs in later.items()
                                          if date > "2026-12-15"))
        def change(file):
            file["decisions"][index]["monitoring"] = "return_to_panel"
            file["decisions"][index]["nextReviewDate"] = "2027-01-12"
        edit_json(path, change)
        before = self.json_of("status", "--now", "2027-01-12T09:00")
        self.assertNotIn(case_ref, [f["caseRef"] for f in before["findings"]
                                    if f["kind"] == "return_not_booked"])
        after = self.json_of("status", "--now", "2027-01-13T09:00")
        self.assertIn(case_ref, [f["caseRef"] for f in after["findings"]
                                 if f["kind"] == "return_not_booked"])

    def test_status_prints_words_not_codes(self):
        result = self.panelpack("status", "--now", "2027-01-08T09:00")
        self.assertExit(result, SUCCESS)
        out = result.stdout.decode()
        data = self.json_of("status", "--now", "2027-01-08T09:00")
        kinds = {f["kind"] for f in data["findings"]}
        self.assertTrue(kinds)
        for kind in kinds:
            self.assertNotIn(kind + ":", out)
        for finding in data["findings"]:
            self.assertIn(finding["title"], out)


class DatesAsTyped(OfficeTestCase):
    def test_a_date_alone_and_uk_dates_are_read(self):
        iso = self.json_of("status", "--now", "2026-12-11T00:00")
        for typed in ("2026-12-11", "11/12/2026", "11/12/2026 00:00", "11/12/2026T00:00"):
            self.assertEqual(self.json_of("status", "--now", typed)["now"], iso["now"], typed)
        uk = self.json_of("calendar", "--from", "01/12/2026", "--to", "31/12/2026")
        self.assertEqual((uk["from"], uk["to"]), ("2026-12-01", "2026-12-31"))
        self.assertExit(self.panelpack("status", "--now", "31/02/2026"), USAGE)
        self.assertExit(self.panelpack("calendar", "--from", "12/31/2026"), USAGE)

    def test_book_at_takes_a_uk_date_and_names_at_when_wrong(self):
        # The chronology (the referral was recorded already, and a second receipt is refused).
        result = self.panelpack("book", "permanence", "15/12/2026", "LCS900108", "--received",
                                "chronology", "--on-file-elsewhere", "held by legal services",
                                "--at", "10/12/2026 10:30", "--now", "2026-12-11T09:00")
        self.assertExit(result, SUCCESS)
        bookings = json.loads((self.office / "bookings" / "permanence" / "2026-12-15.json").read_text())
        item = next(i for i in bookings["items"] if i["caseRef"] == "LCS900108")
        self.assertIn("2026-12-10T10:30:00+00:00", [p["receivedAt"] for p in item["papers"]])
        wrong = self.panelpack("book", "permanence", "2026-12-15", "LCS900108", "--received",
                               "referral", "--at", "yesterday")
        self.assertExit(wrong, USAGE)
        self.assertIn("--at", wrong.stderr.decode())


class ChildPermanenceMeetingReport(OfficeTestCase):
    def test_it_is_a_paper_type_book_takes_and_the_agenda_names(self):
        self.assertExit(self.panelpack("book", "aep", "2027-01-11", "LCS900102",
                                       "--papers", "referral,cpm-report"), SUCCESS)
        bookings = json.loads((self.office / "bookings" / "aep" / "2027-01-11.json").read_text())
        item = next(i for i in bookings["items"] if i["caseRef"] == "LCS900102")
        self.assertEqual(item["paperTypes"], ["referral", "cpm-report"])
        report = self.office / "cpm.pdf"
        report.write_bytes(b"%PDF-1.4 fictional\n")
        self.assertExit(self.panelpack("book", "aep", "2027-01-11", "LCS900102", "--received",
                                       "cpm-report", "--file", report,
                                       "--now", "2027-01-04T12:00"), SUCCESS)
        agenda = self.json_of("agenda", "aep", "2027-01-11", "--now", "2027-01-04T12:00")
        text = json.dumps(agenda)
        self.assertIn("Child Permanence Meeting report", text)
        self.assertExit(self.run_panelpack("validate", self.office / "bookings" / "aep" / "2027-01-11.json"),
                        SUCCESS)


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
