#!/usr/bin/python3
"""`panelpack decisions`, `tracker` and `report` on copies of the sample office and of the
report fixture office (tests/fixtures/report-office, whose figures were worked out by hand).

Standard library only, plus soffice and pdftotext. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR.
Ends with a line "N passed, M failed"; exits non-zero on any failure.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
from office_copy import SOURCE, copy_sample_office, edit_json  # noqa: E402
from test_cli import BAD_INPUT, SUCCESS, USAGE, CliTestCase, run_tests_of  # noqa: E402

SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REPORT_OFFICE = SOURCE / "tests" / "fixtures" / "report-office"
SITTING = ("permanence", "2026-12-15")
OUTCOME_WORDS = {"plan_ratified": "Plan ratified", "deferred_more_info": "Deferred for more information"}
RECORD_NAMES = ["LCS900102 Permanence Panel decision 2026-12-15.docx",
                "LCS900103 Permanence Panel decision 2026-12-15.docx",
                "LCS900108 Permanence Panel decision 2026-12-15.docx"]


def have(*commands):
    return all(shutil.which(c) for c in commands)


def soffice_convert(files, outdir, to="pdf"):
    """One LibreOffice run with a fresh profile; returns the output folder."""
    profile = tempfile.mkdtemp(prefix="pp-lo-records-")
    try:
        subprocess.run(["soffice", "--headless", "--norestore",
                        "-env:UserInstallation=file://" + profile, "--convert-to", to,
                        "--outdir", str(outdir)] + [str(f) for f in files],
                       capture_output=True, timeout=600, check=False, stdin=subprocess.DEVNULL,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return Path(outdir)


def squash(text):
    return " ".join(text.split())


class RecordsTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")
        self.records = self.office / "records" / SITTING[0] / SITTING[1]
        self.decisions = json.loads(
            (self.office / "decisions" / SITTING[0] / (SITTING[1] + ".json")).read_text())

    def panelpack(self, *arguments, env=None):
        return subprocess.run([os.environ["PANELPACK_BIN"], *map(str, arguments), "--office",
                               str(self.office)], capture_output=True, timeout=600, env=env)


class DecisionRecords(RecordsTestCase):
    def test_one_record_per_child_named_for_upload_showing_decision_and_actions(self):
        result = self.panelpack("decisions", *SITTING, "--no-pdf")
        self.assertExit(result, SUCCESS)
        self.assertIn("2026-12-22T17:00:00+00:00", result.stdout.decode())  # 5 working days
        names = sorted(p.name for p in self.records.iterdir())
        self.assertEqual(names, RECORD_NAMES + ["manifest.json"])
        manifest = json.loads((self.records / "manifest.json").read_text())
        self.assertEqual([r["file"] for r in manifest["records"]], RECORD_NAMES)
        self.assertEqual(manifest["recordsDue"], "2026-12-22T17:00:00+00:00")
        if not have("soffice", "pdftotext"):
            self.skipTest("LibreOffice is not installed")
        pdfs = soffice_convert([self.records / n for n in RECORD_NAMES], self.root / "pdf")
        for name, decision in zip(RECORD_NAMES, self.decisions["decisions"]):
            pdf = pdfs / (Path(name).stem + ".pdf")
            self.assertTrue(pdf.is_file(), f"LibreOffice did not open {name}")
            text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                         check=True).stdout.decode())
            self.assertIn(decision["caseRef"], text)
            self.assertIn(squash(decision["rationale"]), text, name)
            self.assertIn(OUTCOME_WORDS[decision["outcome"]], text, name)
            self.assertNotIn(decision["outcome"], text, name)  # words, not the code
            for action in decision.get("actions", []):
                self.assertIn(squash(action["description"]), text, name)
                self.assertIn(action["owner"]["name"], text, name)

    def test_the_record_is_in_words_with_teams_and_an_adm_block_only_where_needed(self):
        """Review #9: no "Awaited" under "ADM decision needed: No", the team columns filled
        from office.json (and the case's presenters), the legal status, the papers read and
        the actions' status in words, the amount approved for a finance request."""
        if not have("soffice", "pdftotext"):
            self.skipTest("LibreOffice is not installed")

        def amend(d):
            d["decisions"][0]["amountApproved"] = {"pence": 125000, "currency": "GBP"}
            d["decisions"][1]["adm"] = {"required": True, "name": "Sarah Linton",
                                        "decision": "agree"}
        edit_json(self.office / "decisions" / SITTING[0] / (SITTING[1] + ".json"), amend)
        self.assertExit(self.panelpack("decisions", *SITTING, "--no-pdf"), SUCCESS)
        pdfs = soffice_convert([self.records / n for n in RECORD_NAMES], self.root / "pdf")
        texts = []  # laid out as printed: a table row's cells side by side on one line
        for name in RECORD_NAMES:
            pdf = pdfs / (Path(name).stem + ".pdf")
            self.assertTrue(pdf.is_file(), f"LibreOffice did not open {name}")
            texts.append(subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                        capture_output=True, check=True).stdout.decode())
        leah, second, _ = texts
        # LCS900102: no ADM needed, so nothing awaited; her legal status is C1, in words
        self.assertIn("No agency decision maker's decision is needed", squash(leah))
        self.assertNotIn("Awaited", leah)
        self.assertRegex(leah, r"Legal status +Interim care order \(s38\)")
        self.assertNotRegex(leah, r"\bC1\b")
        self.assertRegex(leah, r"Amount approved +£1,250\.00")
        # Declan Fairweather's team comes from office.json, the social worker's from the case
        self.assertRegex(leah, r"Declan Fairweather +Legal adviser +Legal Services")
        self.assertRegex(leah, r"Hannah Westerby +Social worker +Court Team")
        # papers read and the actions' status in words, not the codes care-plan and open
        self.assertRegex(leah, r"Care plan +11 December 2026")
        self.assertNotIn("care-plan", leah)
        statuses = {a.get("status", "open") for a in self.decisions["decisions"][0]["actions"]}
        for status in statuses:
            self.assertRegex(leah, r"\b%s\b" % status.capitalize())
            self.assertNotRegex(leah, r"\b%s\b" % status)
        # the second record needs an ADM decision: it is shown, in words
        self.assertRegex(second, r"Agency decision maker +Sarah Linton")
        self.assertRegex(second, r"Decision +Agree")
        self.assertNotIn("No agency decision maker's decision is needed", squash(second))
        self.assertRegex(second, r"Amount approved +Not applicable")

    def test_pdfs_beside_the_records_where_libreoffice_is(self):
        if not have("soffice"):
            self.skipTest("LibreOffice is not installed")
        self.assertExit(self.panelpack("decisions", *SITTING, "--pdf"), SUCCESS)
        for name in RECORD_NAMES:
            self.assertTrue((self.records / (Path(name).stem + ".pdf")).is_file(), name)

    def test_the_name_pattern_is_configurable(self):
        edit_json(self.office / "office.json",
                  lambda c: c.update({"decisionRecordName": "{{caseRef}}-{{panelId}}-{{date}}"}))
        self.assertExit(self.panelpack("decisions", *SITTING, "--no-pdf"), SUCCESS)
        self.assertIn("LCS900102-permanence-2026-12-15.docx",
                      [p.name for p in self.records.iterdir()])
        self.assertExit(self.panelpack("decisions", *SITTING, "--no-pdf", "--name", "same"),
                        BAD_INPUT)  # three records, one name

    def test_a_decisions_file_with_errors_names_every_error_and_writes_nothing(self):
        def break_it(d):
            d["decisions"][0]["outcome"] = "rubber_stamped"
            del d["decisions"][1]["rationale"]
            d["decisions"][2]["nextReviewDate"] = "2027-02-30"
        edit_json(self.office / "decisions" / SITTING[0] / (SITTING[1] + ".json"), break_it)
        result = self.panelpack("decisions", *SITTING, "--no-pdf")
        self.assertExit(result, BAD_INPUT)
        err = result.stderr.decode()
        for pointer in ("/decisions/0/outcome", "/decisions/1", "/decisions/2/nextReviewDate"):
            self.assertIn(pointer, err)
        self.assertIn("2026-12-15.json:", err)
        self.assertNotIn("Leah", err)  # never case content
        self.assertFalse(self.records.exists())

    def test_decisions_must_match_the_bookings(self):
        def drop_and_add(d):
            d["decisions"].pop(1)
            d["decisions"].append({"caseRef": "LCS900113", "outcome": "plan_changed",
                                   "rationale": "Fictional."})
        edit_json(self.office / "decisions" / SITTING[0] / (SITTING[1] + ".json"), drop_and_add)
        result = self.panelpack("decisions", *SITTING, "--no-pdf")
        self.assertExit(result, BAD_INPUT)
        err = result.stderr.decode()
        self.assertIn("LCS900103 was booked onto this sitting but has no decision", err)
        self.assertIn("/decisions/2/caseRef: LCS900113 was not booked", err)
        self.assertFalse(self.records.exists())

    def test_no_decisions_file_says_where_to_write_it(self):
        result = self.panelpack("decisions", "permanence", "2026-12-22", "--no-pdf")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("decisions/permanence/2026-12-22.json", result.stderr.decode())


class Tracker(RecordsTestCase):
    def test_csv_rows_agree_with_the_decisions_and_flag_overdue_actions(self):
        out = self.root / "tracker.csv"
        self.assertExit(self.panelpack("tracker", "-o", out, "--now", "2027-01-06T09:00"),
                        SUCCESS)
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        self.assertEqual([(r["Sitting"], r["Case ref"]) for r in rows],
                         [("2026-12-08", "LCS900101"), ("2026-12-08", "LCS900112"),
                          ("2026-12-15", "LCS900102"), ("2026-12-15", "LCS900103"),
                          ("2026-12-15", "LCS900108")])
        by_ref = {r["Case ref"]: r for r in rows}
        self.assertEqual(by_ref["LCS900102"]["Decision"], "Plan ratified")
        self.assertEqual(by_ref["LCS900102"]["Agreed plan"], "Special guardianship order")
        self.assertEqual(by_ref["LCS900102"]["Monitoring"], "Review at PPTM")
        self.assertEqual(by_ref["LCS900102"]["Next review"], "2027-01-26")
        self.assertEqual(by_ref["LCS900102"]["Record"], "On file in time")
        self.assertEqual(by_ref["LCS900112"]["Record"], "On file late")  # 17th, due 15th
        # The panel by its name, statuses in words (review finding 11).
        self.assertEqual({r["Panel"] for r in rows}, {"Northbridge Permanence Panel"})
        actions = list(csv.DictReader(io.StringIO(
            (self.root / "tracker-actions.csv").read_text(encoding="utf-8-sig"))))
        overdue = [(a["Case ref"], a["Ref"]) for a in actions if a["Overdue"] == "Yes"]
        self.assertEqual(overdue, [("LCS900102", "A1"), ("LCS900108", "A1")])
        self.assertEqual(sum(1 for a in actions if a["Status"] == "Overdue"), 2)
        self.assertTrue({a["Status"] for a in actions} <= {"Open", "Done", "Cancelled", "Overdue"})

    def test_xlsx_opens_in_calc_with_the_same_cells(self):
        out = self.root / "tracker.xlsx"
        self.assertExit(self.panelpack("tracker", "-o", out, "--now", "2027-01-06T09:00"),
                        SUCCESS)
        with zipfile.ZipFile(out) as package:
            sheet = package.read("xl/worksheets/sheet1.xml").decode()
            self.assertIn('state="frozen"', sheet)
            self.assertIn("<autoFilter", sheet)
        if not have("soffice"):
            self.skipTest("LibreOffice is not installed")
        self.assertExit(self.panelpack("tracker", "-o", self.root / "t.csv", "--now",
                                       "2027-01-06T09:00"), SUCCESS)
        expected = list(csv.reader(io.StringIO((self.root / "t.csv").read_text("utf-8-sig"))))
        folder = soffice_convert([out], self.root / "calc",
                                 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,'
                                 'false,false,-1')
        produced = sorted(folder.glob("*.csv"))
        self.assertTrue(produced, "Calc wrote no CSV: is libreoffice-calc-nogui installed?")
        decisions_csv = next(p for p in produced if "Decisions" in p.name)
        cells = list(csv.reader(io.StringIO(decisions_csv.read_text("utf-8"))))
        self.assertEqual(cells[0], expected[0])
        self.assertEqual(len(cells), len(expected))
        for got, want in zip(cells[1:], expected[1:]):
            # Calc shows dates in the sheet's format ("15 Dec 2026"); the CSV writes ISO dates.
            self.assertEqual([g for g, w in zip(got, want) if not w.startswith("20")],
                             [w for w in want if not w.startswith("20")])
            self.assertEqual(got[2], want[2])

    def test_prints_marked_landscape_fit_to_width_with_titles(self):
        """Issue 11 section 2 and review finding 11: the marking in every page's header and
        footer, landscape, one page wide, the header row on every page, no header cut off."""
        out = self.root / "tracker.xlsx"
        self.assertExit(self.panelpack("tracker", "-o", out, "--now", "2026-12-16T09:00"),
                        SUCCESS)
        with zipfile.ZipFile(out) as package:
            workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
            names = {(d.get("name"), d.get("localSheetId")): d.text
                     for d in workbook.iter("{%s}definedName" % SPREADSHEET_NS)}
            for index, name in enumerate(("Decisions", "Actions")):
                self.assertEqual(names[("_xlnm.Print_Titles", str(index))], "'%s'!$1:$1" % name)
                sheet = package.read("xl/worksheets/sheet%d.xml" % (index + 1)).decode()
                self.assertIn('<pageSetUpPr fitToPage="1"/>', sheet)
                self.assertRegex(sheet, r'<pageSetup [^>]*fitToWidth="1" fitToHeight="0"'
                                        r'[^>]*orientation="landscape"')
                self.assertRegex(sheet, r"<oddHeader>[^<]*OFFICIAL-SENSITIVE</oddHeader>")
                self.assertRegex(sheet, r"<oddFooter>[^<]*OFFICIAL-SENSITIVE[^<]*</oddFooter>")
                shared = package.read("xl/sharedStrings.xml").decode()
                strings = re.findall(r"<t[^>]*>([^<]*)</t>", shared)
                header = re.search(r'<row r="1">(.*?)</row>', sheet).group(1)
                titles = [strings[int(v)] for v in re.findall(r"<v>(\d+)</v>", header)]
                widths = [float(w) for w in re.findall(r'<col [^>]*width="([\d.]+)"', sheet)]
                for title, width in zip(titles, widths):
                    self.assertGreaterEqual(width, len(title) + 1, title)
        if not have("soffice"):
            self.skipTest("LibreOffice is not installed")
        # What Calc makes of it: its own ODS keeps the page style and the repeated row.
        folder = soffice_convert([out], self.root / "ods", "ods")
        with zipfile.ZipFile(folder / "tracker.ods") as ods:
            styles = ods.read("styles.xml").decode()
            content = ods.read("content.xml").decode()
        self.assertIn('style:print-orientation="landscape"', styles)
        self.assertIn('style:scale-to-X="1"', styles)
        self.assertGreaterEqual(styles.count("OFFICIAL-SENSITIVE"), 2)  # header and footer
        self.assertEqual(content.count("<table:table-header-rows>"), 2)  # print titles

    def test_records_not_yet_due_are_due_not_late(self):
        """Review finding 11: on 16 December the records of 15 December (due 22 December)
        not yet on file are "Due" and not highlighted; on 6 January they are "Overdue"."""
        if not have("soffice"):
            self.skipTest("LibreOffice is not installed")
        words = {}
        for now in ("2026-12-16T09:00", "2027-01-06T09:00"):
            out = self.root / ("tracker-%s.xlsx" % now[:10])
            self.assertExit(self.panelpack("tracker", "-o", out, "--now", now), SUCCESS)
            with zipfile.ZipFile(out) as package:
                styles = package.read("xl/styles.xml").decode()
                sheet = package.read("xl/worksheets/sheet1.xml").decode()
            fills = re.findall(r'<xf numFmtId="\d+" fontId="\d+" fillId="(\d+)"',
                               styles.split("<cellXfs")[1])
            record_cells = re.findall(r'<c r="L(\d+)"(?: s="(\d+)")?', sheet)
            highlighted = {int(row): fills[int(style or 0)] == "2" for row, style in record_cells}
            folder = soffice_convert([out], self.root / ("calc-" + now[:10]),
                                     'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,'
                                     'false,false,false,-1')
            decisions_csv = next(p for p in folder.glob("*.csv") if "Decisions" in p.name)
            rows = list(csv.DictReader(io.StringIO(decisions_csv.read_text("utf-8"))))
            words[now[:10]] = {r["Case ref"]: r["Record"] for r in rows}
            for number, row in enumerate(rows, start=2):
                late = row["Record"] in ("Overdue", "On file late")
                self.assertEqual(highlighted.get(number, False), late, (now, row["Case ref"]))
        self.assertEqual(words["2026-12-16"]["LCS900103"], "Due")
        self.assertEqual(words["2026-12-16"]["LCS900108"], "Due")
        self.assertEqual(words["2027-01-06"]["LCS900103"], "Overdue")
        self.assertEqual(words["2026-12-16"]["LCS900102"], "On file in time")
        self.assertEqual(words["2026-12-16"]["LCS900112"], "On file late")
        self.assertNotIn("FALSE", "".join(words["2026-12-16"].values()))

    def test_bad_output_names_are_refused(self):
        self.assertExit(self.panelpack("tracker", "-o", self.root / "t.txt"), USAGE)
        self.assertExit(self.panelpack("tracker"), USAGE)


class Report(CliTestCase):
    """The fixture office's figures, worked out by hand (tests/fixtures/report-office)."""

    EXPECTED_Q3 = {  # id: (numerator, denominator, text) this quarter | previous quarter
        "K1": ((1, 2, "50%"), (1, 1, "100%")),
        "K3": ((4, 6, "67%"), (1, 1, "100%")),
        "K4": ((1, 3, "33%"), (1, 1, "100%")),
        "K5": ((1, 2, "50%"), (0, 0, "no cases")),
        "K14": ((1, 0, "1"), (0, 0, "0")),
        "K16a": ((0, 2, "0%"), (1, 1, "100%")),
        "K16b": ((1, 0, "1"), (0, 0, "0")),
    }

    def report(self, quarter, *extra):
        office = self.root / "office"
        if not office.exists():
            shutil.copytree(REPORT_OFFICE, office)
            edit_json(office / "office.json", lambda c: c.setdefault("templates", {}).update(
                {"report": str(SOURCE / "templates" / "report.docx")}))
        return self.run_panelpack("report", "--office", office, "--quarter", quarter, *extra)

    def test_figures_match_the_hand_worked_quarter(self):
        result = self.report("2026-Q3", "--json")
        self.assertExit(result, SUCCESS)
        data = json.loads(result.stdout)
        self.assertEqual((data["quarterLabel"], data["previousQuarter"]),
                         ("July to September 2026", "2026-Q2"))
        got = {m["id"]: ((m["current"]["numerator"], m["current"]["denominator"],
                          m["current"]["percentageText"]),
                         (m["previous"]["numerator"], m["previous"]["denominator"],
                          m["previous"]["percentageText"])) for m in data["measures"]}
        self.assertEqual(got, self.EXPECTED_Q3)
        k5 = next(m for m in data["measures"] if m["id"] == "K5")
        self.assertIsNone(k5["previous"]["percentage"])
        self.assertFalse(k5["previous"]["hasCases"])
        self.assertEqual(k5["change"], "not comparable")
        verdicts = {m["id"]: (m["change"], m["verdict"]) for m in data["measures"]}
        self.assertEqual(verdicts["K16b"], ("up", "worse"))  # more overdue actions is worse
        self.assertEqual(verdicts["K1"], ("down", "worse"))
        self.assertEqual({o["outcome"]: (o["count"], o["previousCount"]) for o in data["outcomes"]},
                         {"plan_ratified": (1, 1), "plan_changed": (1, 0),
                          "deferred_more_info": (1, 0)})
        self.assertEqual((data["decisions"], data["previousDecisions"]), (3, 1))
        report_file = self.write("report.json", json.dumps(data))
        self.assertExit(self.run_panelpack("validate", "--schema", "report", report_file), SUCCESS)

    def test_an_empty_quarter_is_no_cases_not_zero_percent(self):
        result = self.report("2025-Q1", "--json")
        self.assertExit(result, SUCCESS)
        for measure in json.loads(result.stdout)["measures"]:
            if not measure["isCount"]:
                self.assertEqual(measure["current"]["percentageText"], "no cases", measure["id"])

    def test_the_report_document_shows_the_figures(self):
        out = self.root / "report.docx"
        self.assertExit(self.report("2026-Q3", "-o", out), SUCCESS)
        if not have("soffice", "pdftotext"):
            self.skipTest("LibreOffice is not installed")
        pdf = soffice_convert([out], self.root / "pdf") / "report.pdf"
        text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                     check=True).stdout.decode())
        self.assertIn("July to September 2026", text)
        for measure_id, ((num, den, shown), _) in self.EXPECTED_Q3.items():
            self.assertIn(measure_id, text)
            self.assertIn(shown, text)
        self.assertIn("no cases", text)

    def test_provisional_until_the_quarter_has_ended(self):
        """Review finding 12: a report of a quarter not yet over says so, in DOCX and ODT."""
        for now, provisional in (("2026-12-04T09:00", True), ("2026-12-31T23:30", True),
                                 ("2027-01-01T00:30", False)):
            result = self.report("2026-Q4", "--json", "--now", now)
            self.assertExit(result, SUCCESS)
            self.assertIs(json.loads(result.stdout)["provisional"], provisional, now)
        outputs = []
        for extension in ("docx", "odt"):
            edit_json(self.root / "office" / "office.json",
                      lambda c: c["templates"].update(
                          {"report": str(SOURCE / "templates" / ("report." + extension))}))
            for quarter in ("2026-Q4", "2026-Q3"):
                out = self.root / ("%s.%s" % (quarter, extension))
                self.assertExit(self.report(quarter, "-o", out, "--now", "2026-12-04T09:00"),
                                SUCCESS)
                outputs.append(out)
        if not have("soffice", "pdftotext"):
            self.skipTest("LibreOffice is not installed")
        folder = soffice_convert(outputs[:2], self.root / "pdf-docx")
        soffice_convert(outputs[2:], self.root / "pdf-odt")
        for extension, folder in (("docx", self.root / "pdf-docx"), ("odt", self.root / "pdf-odt")):
            text = {q: squash(subprocess.run(["pdftotext", str(folder / (q + ".pdf")), "-"],
                                             capture_output=True, check=True).stdout.decode())
                    for q in ("2026-Q4", "2026-Q3")}
            self.assertIn("PROVISIONAL", text["2026-Q4"], extension)
            self.assertIn("Provisional: the quarter ends on 31 December 2026", text["2026-Q4"])
            self.assertNotIn("Final", text["2026-Q4"])
            self.assertNotIn("PROVISIONAL", text["2026-Q3"], extension)
            self.assertNotIn("Provisional", text["2026-Q3"], extension)
            self.assertIn("Final: the quarter has ended", text["2026-Q3"], extension)
            # Review finding 30: the quarter once, and every panel named as such.
            self.assertIn("1 October 2026 to 31 December 2026 (2026-Q4)", text["2026-Q4"])
            self.assertNotIn("2026-Q4: October to December 2026", text["2026-Q4"])
            self.assertIn("All panels", text["2026-Q4"])

    def test_bad_quarters_are_refused(self):
        self.assertExit(self.report("2026-Q5", "--json"), USAGE)
        self.assertExit(self.report("2026-Q3"), USAGE)  # neither -o nor --json


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
