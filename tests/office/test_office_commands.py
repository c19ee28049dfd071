#!/usr/bin/python3
"""`panelpack calendar`, `book`, `agenda` and `status` on a copy of the sample office.

Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with a line
"N passed, M failed" and exits non-zero on any failure.
"""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
sys.path.insert(0, str(HERE.parent / "support"))
from document_text import libreoffice_text  # noqa: E402
from office_copy import copy_sample_office, edit_json  # noqa: E402
from test_cli import BAD_INPUT, BINARY, SUCCESS, USAGE, CliTestCase, run_tests_of  # noqa: E402

BUSY = 4


class OfficeTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")

    def panelpack(self, *arguments):
        return self.run_panelpack(*arguments, "--office", self.office)

    def bookings(self, panel, date):
        return json.loads((self.office / "bookings" / panel / f"{date}.json").read_text())

    def json_of(self, *arguments):
        result = self.panelpack(*arguments, "--json")
        self.assertExit(result, SUCCESS)
        return json.loads(result.stdout)


class Calendar(OfficeTestCase):
    def test_lists_sittings_with_deadlines_cancellations_and_bookings(self):
        data = self.json_of("calendar", "--from", "2026-12-01", "--to", "2027-01-31",
                            "--panel", "permanence")
        by_date = {s["date"]: s for s in data["sittings"]}
        self.assertEqual(sorted(by_date), ["2026-12-01", "2026-12-08", "2026-12-15",
                                           "2026-12-22", "2026-12-29", "2027-01-12",
                                           "2027-01-26"])
        self.assertTrue(by_date["2026-12-29"]["cancelled"])
        self.assertTrue(by_date["2026-12-22"]["extra"])
        self.assertEqual(by_date["2026-12-15"]["booked"], 3)
        deadlines = by_date["2026-12-15"]["deadlines"]
        # 3 working days before at 17:00; the pack 2 working days before at 12:00.
        self.assertEqual(deadlines["papersDue"]["local"], "2026-12-10T17:00:00+00:00")
        self.assertEqual(deadlines["pack"]["local"], "2026-12-11T12:00:00+00:00")
        # Minutes 5 working days after 22 December, over Christmas and the closure days.
        self.assertEqual(by_date["2026-12-22"]["deadlines"]["minutes"]["local"],
                         "2027-01-06T17:00:00+00:00")

    def test_the_aep_panel_circulates_at_thursday_noon_across_the_clock_change(self):
        data = self.json_of("calendar", "--from", "2026-03-01", "--to", "2026-04-30",
                            "--panel", "aep")
        by_date = {s["date"]: s for s in data["sittings"]}
        self.assertEqual(sorted(by_date), ["2026-03-09", "2026-04-13"])
        self.assertEqual(by_date["2026-04-13"]["deadlines"]["pack"]["local"],
                         "2026-04-09T12:00:00+01:00")
        self.assertEqual(by_date["2026-04-13"]["deadlines"]["pack"]["utc"],
                         "2026-04-09T11:00:00Z")

    def test_text_marks_deadlines_on_days_off_and_refuses_bad_dates(self):
        result = self.panelpack("calendar", "--from", "2026-12-01", "--to", "2026-12-31")
        self.assertExit(result, SUCCESS)
        out = result.stdout.decode()
        self.assertIn("cancelled: Council closure", out)
        self.assertIn("Northbridge Achieving Early Permanence Panel (aep)", out)
        self.assertExit(self.panelpack("calendar", "--from", "2026-02-30"), USAGE)
        self.assertExit(self.panelpack("calendar", "--panel", "nonsense"), BAD_INPUT)

    def test_no_office_json_is_bad_input_that_says_where_to_look(self):
        result = self.run_panelpack("calendar", "--office", self.root)
        self.assertExit(result, BAD_INPUT)
        self.assertIn("--office", result.stderr.decode())

    def test_an_invalid_office_json_names_file_line_and_pointer(self):
        edit_json(self.office / "office.json",
                  lambda c: c["panels"][0]["cadence"].update({"weekday": "tusday"}))
        result = self.panelpack("calendar")
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"office\.json:\d+: /panels/0/cadence/weekday")


class Book(OfficeTestCase):

    def test_books_a_case_with_papers_from_its_case_file(self):
        result = self.panelpack("book", "permanence", "2027-01-12", "LCS900109",
                                "--now", "2026-12-01T10:00")
        self.assertExit(result, SUCCESS)
        item = self.bookings("permanence", "2027-01-12")["items"][-1]
        self.assertEqual(item["caseRef"], "LCS900109")
        self.assertEqual(item["reason"], "resource_request")
        self.assertEqual(item["paperTypes"], ["referral", "finance-request"])
        self.assertEqual(item["bookedAt"], "2026-12-01T10:00:00+00:00")
        # LCS900109 is also booked for 26 January: say so.
        self.assertIn("also booked onto permanence 2027-01-26", result.stderr.decode())

    def test_a_new_sitting_file_is_created_and_validates(self):
        self.assertExit(self.panelpack("book", "permanence", "2027-02-09", "LCS900110",
                                       "--papers", "referral,finance-request", "--minutes", "30"),
                        SUCCESS)
        path = self.office / "bookings" / "permanence" / "2027-02-09.json"
        self.assertExit(self.run_panelpack("validate", path), SUCCESS)
        self.assertEqual(self.bookings("permanence", "2027-02-09")["items"][0]["minutes"], 30)

    def test_records_a_paper_received_with_its_file_copied_in(self):
        document = self.write("care plan.pdf", b"%PDF-1.4 fictional")
        result = self.panelpack("book", "permanence", "2026-12-15", "LCS900108", "--received",
                                "chronology", "--at", "2026-12-09T11:00", "--file", document,
                                "--now", "2026-12-09T12:00")
        self.assertExit(result, SUCCESS)
        item = self.bookings("permanence", "2026-12-15")["items"][2]
        paper = item["papers"][-1]
        self.assertEqual(paper, {"type": "chronology", "receivedAt": "2026-12-09T11:00:00+00:00",
                                 "file": "papers/LCS900108/care plan.pdf"})
        self.assertEqual((self.office / "papers" / "LCS900108" / "care plan.pdf").read_bytes(),
                         b"%PDF-1.4 fictional")
        agenda = self.json_of("agenda", "permanence", "2026-12-15")
        self.assertEqual(agenda["items"][2]["papers"][1]["status"], "on_time")

    def test_removes_a_case(self):
        self.assertExit(self.panelpack("book", "permanence", "2026-12-15", "LCS900103",
                                       "--remove"), SUCCESS)
        refs = [i["caseRef"] for i in self.bookings("permanence", "2026-12-15")["items"]]
        self.assertEqual(refs, ["LCS900102", "LCS900108"])

    def test_refusals_leave_the_file_as_it_was(self):
        path = self.office / "bookings" / "permanence" / "2026-12-15.json"
        before = path.read_bytes()
        cases = [
            (("book", "permanence", "2026-12-15", "LCS900102"), BAD_INPUT),  # already booked
            (("book", "permanence", "2026-12-29", "LCS900101"), BAD_INPUT),  # cancelled
            (("book", "permanence", "2026-12-16", "LCS900101"), BAD_INPUT),  # no sitting
            (("book", "permanence", "2026-12-15", "LCS999999"), BAD_INPUT),  # no case file
            (("book", "permanence", "2026-12-15", "LCS900101", "--papers", "minutes"), USAGE),
            (("book", "permanence", "2026-12-15", "LCS900101", "--received", "referral"),
             BAD_INPUT),  # not booked there
            (("book", "permanence", "2026-12-15", "LCS900102", "--remove", "--received",
              "referral"), USAGE),
        ]
        for arguments, code in cases:
            with self.subTest(arguments=arguments):
                self.assertExit(self.panelpack(*arguments), code)
        self.assertEqual(path.read_bytes(), before)

    def test_bookings_made_at_the_same_moment_are_all_kept(self):
        # Each book reads the sitting's file, adds its case and rewrites it: without the
        # sitting's lock, one started before another finished would drop the other's case.
        cases = ["LCS900101", "LCS900104", "LCS900105", "LCS900106", "LCS900107", "LCS900110"]
        runs = [subprocess.Popen([BINARY, "book", "permanence", "2027-02-09", case,
                                  "--reason", "resource_request", "--papers", "referral",
                                  "--office", str(self.office)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for case in cases]
        for run, case in zip(runs, cases):
            _, errors = run.communicate(timeout=60)
            self.assertEqual(run.returncode, SUCCESS, f"{case}: {errors.decode()}")
        booked = [i["caseRef"] for i in self.bookings("permanence", "2027-02-09")["items"]]
        self.assertEqual(sorted(booked), cases)

    def test_a_full_sitting_is_refused(self):
        edit_json(self.office / "office.json",
                  lambda c: c["panels"][0].update({"maxCases": 3}))
        result = self.panelpack("book", "permanence", "2026-12-15", "LCS900101")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("full", result.stderr.decode())


class ReceiptsBookRefuses(OfficeTestCase):
    """A paper recorded as received must be one the pack can hold (issue 11, review #4), and
    a receipt must be a real one: once, not in the future (review #19, #24, #25)."""

    SITTING = ("permanence", "2026-12-15")

    def sitting_file(self):
        return self.office / "bookings" / "permanence" / "2026-12-15.json"

    def test_a_document_received_without_its_file_is_refused_and_nothing_changes(self):
        before = self.sitting_file().read_bytes()
        papers_before = sorted(p.relative_to(self.office) for p in self.office.rglob("papers/**/*"))
        for paper in ("chronology", "care-plan", "assessment"):
            with self.subTest(paper=paper):
                result = self.panelpack("book", *self.SITTING, "LCS900108", "--received", paper,
                                        "--now", "2026-12-10T10:00")
                self.assertExit(result, BAD_INPUT)
                self.assertIn("--on-file-elsewhere", result.stderr.decode())
        # LCS900103's case file has no matching section: panelpack cannot fill it either.
        result = self.panelpack("book", *self.SITTING, "LCS900103", "--received", "matching",
                                "--now", "2026-12-10T10:00")
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(self.sitting_file().read_bytes(), before)
        self.assertEqual(
            sorted(p.relative_to(self.office) for p in self.office.rglob("papers/**/*")),
            papers_before)
        # A paper panelpack fills from the case file needs no file.
        self.assertExit(self.panelpack("book", "permanence", "2027-02-09", "LCS900110",
                                       "--papers", "referral", "--now", "2026-12-01T09:00"),
                        SUCCESS)
        self.assertExit(self.panelpack("book", "permanence", "2027-02-09", "LCS900110",
                                       "--received", "referral", "--now", "2026-12-02T09:00"),
                        SUCCESS)

    def test_on_file_elsewhere_is_kept_printed_by_the_agenda_and_the_pack_leaves_it_out(self):
        reason = "Held by legal services, brought to panel on paper"
        result = self.panelpack("book", *self.SITTING, "LCS900108", "--received", "chronology",
                                "--on-file-elsewhere", reason, "--now", "2026-12-10T10:00")
        self.assertExit(result, SUCCESS)
        paper = self.bookings(*self.SITTING)["items"][2]["papers"][-1]
        self.assertEqual(paper, {"type": "chronology", "receivedAt": "2026-12-10T10:00:00+00:00",
                                 "onFileElsewhere": reason})
        self.assertExit(self.run_panelpack("validate", self.sitting_file()), SUCCESS)
        agenda = self.json_of("agenda", *self.SITTING, "--now", "2026-12-11T12:00")
        chronology = agenda["items"][2]["papers"][1]
        self.assertEqual((chronology["type"], chronology["status"], chronology["onFileElsewhere"]),
                         ("chronology", "on_time", reason))
        # The agenda document, as LibreOffice reads it, says where the paper is.
        out = self.root / "agenda.docx"
        self.assertExit(self.panelpack("agenda", *self.SITTING, "--now", "2026-12-11T12:00",
                                       "-o", out), SUCCESS)
        self.assertIn(reason, " ".join(libreoffice_text(out, self.root).split()))
        # The pack builds, without the chronology in its zip.
        result = self.panelpack("pack", *self.SITTING, "--now", "2026-12-11T12:00", "--json")
        self.assertExit(result, SUCCESS)
        folder = Path(json.loads(result.stdout)["folder"])
        with zipfile.ZipFile(folder / "permanence-2026-12-15.zip") as packed:
            names = packed.namelist()
        self.assertEqual([n for n in names if "LCS900108" in n], ["03-1-LCS900108-referral.docx"])
        self.assertIn("00-agenda.docx", names)

    def test_file_and_on_file_elsewhere_together_or_an_empty_reason_are_usage_errors(self):
        before = self.sitting_file().read_bytes()
        document = self.write("chronology.pdf", b"%PDF-1.4 fictional")
        self.assertExit(self.panelpack("book", *self.SITTING, "LCS900108", "--received",
                                       "chronology", "--file", document, "--on-file-elsewhere",
                                       "x", "--now", "2026-12-10T10:00"), USAGE)
        self.assertExit(self.panelpack("book", *self.SITTING, "LCS900108", "--received",
                                       "chronology", "--on-file-elsewhere", "  ",
                                       "--now", "2026-12-10T10:00"), USAGE)
        self.assertEqual(self.sitting_file().read_bytes(), before)

    def test_a_bad_at_names_at(self):
        result = self.panelpack("book", *self.SITTING, "LCS900103", "--received", "referral",
                                "--at", "the tenth")
        self.assertExit(result, USAGE)
        self.assertIn("--at", result.stderr.decode())
        self.assertNotIn("--now", result.stderr.decode())

    def test_a_duplicate_or_future_receipt_is_refused(self):
        before = self.sitting_file().read_bytes()
        # LCS900103's referral was recorded on 10 December.
        self.assertExit(self.panelpack("book", *self.SITTING, "LCS900103", "--received",
                                       "referral", "--now", "2026-12-11T10:00"), BAD_INPUT)
        self.assertExit(self.panelpack("book", *self.SITTING, "LCS900108", "--received",
                                       "chronology", "--on-file-elsewhere", "with legal",
                                       "--at", "2026-12-12T10:00", "--now", "2026-12-11T10:00"),
                        BAD_INPUT)
        self.assertEqual(self.sitting_file().read_bytes(), before)

    def test_a_lower_case_reference_names_the_case(self):
        result = self.panelpack("book", "permanence", "2027-02-09", "lcs900110", "--papers",
                                "referral", "--now", "2026-12-01T09:00")
        self.assertExit(result, SUCCESS)
        self.assertEqual([i["caseRef"] for i in self.bookings("permanence", "2027-02-09")["items"]],
                         ["LCS900110"])
        self.assertExit(self.panelpack("book", "permanence", "2027-02-09", "lcs900110",
                                       "--remove"), SUCCESS)
        self.assertEqual(self.bookings("permanence", "2027-02-09")["items"], [])


class Agenda(OfficeTestCase):
    def test_agenda_data_has_slots_breaks_presenters_and_paper_status(self):
        agenda = self.json_of("agenda", "permanence", "2026-12-15", "--now", "2026-12-11T12:00")
        self.assertEqual(agenda["panel"]["name"], "Northbridge Permanence Panel")
        self.assertEqual([i["caseRef"] for i in agenda["items"]],
                         ["LCS900102", "LCS900103", "LCS900108"])
        self.assertEqual([(i["slot"], i["endTime"]) for i in agenda["items"]],
                         [("09:30", "10:30"), ("10:30", "11:00"), ("11:15", "12:00")])
        self.assertEqual([s["isBreak"] for s in agenda["schedule"]], [False, False, True, False])
        first = agenda["items"][0]
        self.assertEqual([p["name"] for p in first["presenters"]],
                         ["Hannah Westerby", "Joanna Pellow"])
        self.assertEqual([(p["type"], p["status"]) for p in first["papers"]],
                         [("referral", "on_time"), ("care-plan", "late")])
        self.assertEqual(agenda["items"][2]["missingPapers"], ["Chronology"])
        self.assertEqual(agenda["counts"], {"cases": 3, "papersExpected": 5, "papersOnTime": 3,
                                            "papersLate": 1, "papersMissing": 1})
        agenda_file = self.write("agenda.json", json.dumps(agenda))
        self.assertExit(self.run_panelpack("validate", "--schema", "agenda", agenda_file), SUCCESS)

    def test_agenda_document_is_written(self):
        out = self.root / "agenda.docx"
        self.assertExit(self.panelpack("agenda", "aep", "2027-01-11", "-o", out), SUCCESS)
        self.assertGreater(out.stat().st_size, 1000)
        self.assertExit(self.panelpack("agenda", "aep", "2027-01-11"), USAGE)

    def test_an_apologising_member_is_listed_under_apologies_only(self):
        """Review #10: Dr Anjali Mistry sent apologies for 15 December; the agenda lists her
        once, under Apologies, not also among the members attending."""
        agenda = self.json_of("agenda", "permanence", "2026-12-15")
        self.assertEqual([a["name"] for a in agenda["apologies"]], ["Dr Anjali Mistry"])
        self.assertIn("Dr Anjali Mistry", [m["name"] for m in agenda["panel"]["members"]])
        self.assertNotIn("Dr Anjali Mistry", [m["name"] for m in agenda["panel"]["attending"]])
        if not shutil.which("soffice"):
            self.skipTest("LibreOffice is not installed")
        out = self.root / "agenda.docx"
        self.assertExit(self.panelpack("agenda", "permanence", "2026-12-15", "-o", out), SUCCESS)
        text = libreoffice_text(out, self.root)
        self.assertEqual(text.count("Anjali Mistry"), 1, text)
        self.assertIn("Declan Fairweather", text)  # members who did not apologise still attend
        apologies = text.index("Apologies")
        self.assertGreater(text.index("Anjali Mistry"), apologies)

    def test_a_booked_case_without_a_case_file_is_named(self):
        (self.office / "cases" / "LCS900103.json").unlink()
        result = self.panelpack("agenda", "permanence", "2026-12-15", "--json")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("LCS900103", result.stderr.decode())


class Status(OfficeTestCase):
    def findings(self, now):
        return self.json_of("status", "--now", now)["findings"]

    def test_what_needs_attention_on_1_december(self):
        findings = self.findings("2026-12-01T09:00")
        kinds = {(f["kind"], f["caseRef"]) for f in findings}
        # Entered care 3 August, 6 weeks: due 14 September; booked for 15 December.
        self.assertIn(("first_panel", "LCS900102"), kinds)
        first = next(f for f in findings
                     if (f["kind"], f["caseRef"]) == ("first_panel", "LCS900102"))
        self.assertEqual((first["urgency"], first["due"], first["sitting"]),
                         ("overdue", "2026-09-14", "2026-12-15"))
        # Entered care 30 October, booked 8 December: within 6 weeks, nothing to say.
        self.assertNotIn(("first_panel", "LCS900101"), kinds)
        # The placement order child's PPTM.
        self.assertIn(("pptm", "LCS900105"), kinds)
        # Every finding names a case reference and never a child's name.
        names = ["Leah", "Riley", "Thornbury"]
        for finding in findings:
            self.assertTrue(finding["caseRef"].startswith("LCS9001"))
            self.assertFalse(any(n in finding["detail"] for n in names), finding["detail"])

    def test_papers_missing_after_the_deadline_are_overdue(self):
        # LCS900102's care plan is recorded as received at 09:15 on 11 December: at 09:00 it
        # has not arrived yet, as tick sees it too (review #24); from 09:15 it is late. So
        # LCS900111's referral for 22 December, recorded for the 16th, is still due.
        findings = self.findings("2026-12-11T09:00")
        missing = [f for f in findings if f["kind"] == "papers_missing"]
        self.assertEqual(sorted((f["caseRef"], f["paperType"], f["urgency"]) for f in missing),
                         [("LCS900102", "care-plan", "overdue"),
                          ("LCS900108", "chronology", "overdue"),
                          ("LCS900111", "referral", "due_soon")])
        self.assertEqual([f for f in findings if f["kind"] == "papers_late"], [])
        findings = self.findings("2026-12-11T09:30")
        missing = [f for f in findings if f["kind"] == "papers_missing"]
        self.assertEqual(sorted((f["caseRef"], f["paperType"], f["urgency"]) for f in missing),
                         [("LCS900108", "chronology", "overdue"),
                          ("LCS900111", "referral", "due_soon")])
        late = [f for f in findings if f["kind"] == "papers_late"]
        self.assertEqual([(f["caseRef"], f["paperType"]) for f in late],
                         [("LCS900102", "care-plan")])

    def test_an_unbooked_re_referral_is_listed(self):
        self.assertExit(self.panelpack("book", "permanence", "2026-12-15", "LCS900108",
                                       "--remove"), SUCCESS)
        kinds = {(f["kind"], f["caseRef"]) for f in self.findings("2026-12-10T09:00")}
        self.assertIn(("rereferral_not_booked", "LCS900108"), kinds)

    def test_an_invalid_case_file_is_skipped_named_and_exits_1(self):
        (self.office / "cases" / "LCS900113.json").write_text('{"caseRef": 5}')
        result = self.panelpack("status", "--now", "2026-12-01T09:00")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("LCS900113.json", result.stderr.decode())


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
