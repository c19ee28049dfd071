#!/usr/bin/python3
"""Drives `panelpack validate`, `panelpack fields` and `panelpack check --schema` end to end.

Standard library only (env PANELPACK_BIN, PANELPACK_SOURCE_DIR). Ends with a line
"N passed, M failed" and exits non-zero on any failure.
"""

import json
import os
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli import (BAD_INPUT, BINARY, SUCCESS, USAGE, CliTestCase, document_text,  # noqa: E402
                      run_tests_of, write_docx)

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GOOD_CASE = SOURCE / "tests" / "fixtures" / "cases" / "LCS900001.json"


def good_case():
    return json.loads(GOOD_CASE.read_text(encoding="utf-8"))


class Validate(CliTestCase):
    def test_the_good_fixture_is_valid(self):
        result = self.run_panelpack("validate", GOOD_CASE)
        self.assertExit(result, SUCCESS)
        self.assertIn("valid (case)", result.stdout.decode())

    def test_every_problem_is_listed_with_its_line_and_pointer(self):
        case = good_case()
        text = json.dumps(case, indent=2)
        text = text.replace('"status": "C1"', '"status": "C9"')
        text = text.replace('"dob": "2020-02-29"', '"dob": "2026-02-30"')
        text = text.replace('"interpreterRequired": false', '"interpreterRequired": "no"')
        text = text.replace('"childId": "LCS900001",', "")
        text = text.replace('"firstName"', '"frstName"')
        path = self.write("LCS100234.json", text)
        lines = text.splitlines()

        def line_of(fragment):
            return next(i for i, line in enumerate(lines, 1) if fragment in line)

        result = self.run_panelpack("validate", path)
        self.assertExit(result, BAD_INPUT)
        out = result.stdout.decode()
        name = str(path)
        self.assertIn(
            f'{name}:{line_of("C9")}: /legal/status: "C9" is not a legal status; expected one of V2',
            out,
        )
        self.assertIn(f'{name}:{line_of("2026-02-30")}: /child/dob: "2026-02-30" is not a real date', out)
        self.assertIn(f'{name}:{line_of("interpreterRequired")}: /child/interpreterRequired: ', out)
        self.assertIn(f'{name}:{line_of("frstName")}: /child/frstName: ', out)
        self.assertIn('did you mean "firstName"?', out)
        child_line = line_of('"child": {')
        self.assertIn(f"{name}:{child_line}: /child/childId: is missing", out)
        self.assertIn("5 problems against the case schema", out)

    def test_json_output_lists_every_error(self):
        case = good_case()
        del case["caseRef"]
        case["legal"]["status"] = "C9"
        case["chronology"][1]["date"] = "2026-02-30"
        path = self.write("case.json", json.dumps(case, indent=2))
        result = self.run_panelpack("validate", "--json", path)
        self.assertExit(result, BAD_INPUT)
        report = json.loads(result.stdout)
        errors = report["files"][0]["errors"]
        self.assertFalse(report["files"][0]["valid"])
        self.assertEqual(
            sorted(e["pointer"] for e in errors),
            ["/caseRef", "/chronology/1/date", "/legal/status"],
        )
        self.assertTrue(all(e["line"] > 0 for e in errors))
        status = next(e for e in errors if e["pointer"] == "/legal/status")
        self.assertEqual(status["code"], "enum")
        self.assertIn("C2", status["expected"])

    def test_truncated_json_is_located_by_line_and_column(self):
        path = self.write("case.json", '{\n  "caseRef": "X",\n  "child": {"name": ')
        result = self.run_panelpack("validate", path)
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stdout.decode(), r"case\.json:3:\d+: malformed JSON")

    def test_non_utf8_is_refused_with_its_location(self):
        path = self.write("case.json", b'{\n  "caseRef": "Ren\xe9e"\n}')
        result = self.run_panelpack("validate", path)
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stdout.decode(), r"case\.json:2:\d+: .*UTF-8")

    def test_several_files_are_all_reported(self):
        bad = self.write("bad.json", '{"caseRef": 5}')
        result = self.run_panelpack("validate", GOOD_CASE, bad, self.root / "missing.json")
        self.assertExit(result, BAD_INPUT)
        out = result.stdout.decode()
        self.assertIn("valid (case)", out)
        self.assertIn("bad.json:1: /caseRef: 5 is a whole number; expected text", out)
        self.assertIn("missing.json: no such file", out)

    def test_schema_is_guessed_or_given(self):
        decision = self.write("decision.json", json.dumps({
            "caseRef": "LCS900001", "child": {"childId": "LCS900001", "name": "Poppy"},
            "meeting": {"date": "2026-03-10"}, "outcome": "plan_ratified",
            "rationale": "Fictional rationale."}))
        self.assertExit(self.run_panelpack("validate", decision), SUCCESS)
        result = self.run_panelpack("validate", "--schema", "case", decision)
        self.assertExit(result, BAD_INPUT)
        unknown = self.write("unknown.json", '{"hello": 1}')
        result = self.run_panelpack("validate", unknown)
        self.assertExit(result, BAD_INPUT)
        self.assertIn("--schema", result.stdout.decode())
        self.assertExit(self.run_panelpack("validate", "--schema", "nonsense", decision), USAGE)
        self.assertExit(self.run_panelpack("validate"), USAGE)

    def test_bookings_validate(self):
        bookings = self.write("sitting.json", json.dumps({
            "panel": "permanence", "date": "2026-03-10",
            "items": [{"caseRef": "LCS900001", "reason": "ratify_plan",
                       "paperTypes": ["referral", "minutes"],
                       "papers": [{"type": "referral"}]}]}))
        result = self.run_panelpack("validate", bookings)
        self.assertExit(result, BAD_INPUT)
        out = result.stdout.decode()
        self.assertIn("against the bookings schema", out)
        self.assertIn("/items/0/paperTypes/1:", out)
        self.assertIn("/items/0/papers/0/receivedAt:", out)  # required

    def test_office_and_agenda_files_are_recognised(self):
        office = SOURCE / "samples" / "office" / "office.json"
        result = self.run_panelpack("validate", office)
        self.assertExit(result, SUCCESS)
        self.assertIn("valid (office)", result.stdout.decode())
        agenda = next((SOURCE / "tests" / "fixtures" / "agenda").glob("*.json"))
        result = self.run_panelpack("validate", agenda)
        self.assertExit(result, SUCCESS)
        self.assertIn("valid (agenda)", result.stdout.decode())


class Fields(CliTestCase):
    def test_case_fields_list_child_name_with_its_meaning(self):
        result = self.run_panelpack("fields", "case")
        self.assertExit(result, SUCCESS)
        out = result.stdout.decode()
        line = next(l for l in out.splitlines() if l.startswith("child.name "))
        self.assertIn("full name", line)
        self.assertRegex(out, r"(?m)^chronology\[\] ")
        self.assertRegex(out, r"(?m)^chronology\[\]\.date ")
        self.assertNotIn("_notice", out)

    def test_every_schema_lists_fields_and_json_parses(self):
        for kind in ("case", "bookings", "agenda", "decision", "office"):
            with self.subTest(kind=kind):
                result = self.run_panelpack("fields", kind, "--json")
                self.assertExit(result, SUCCESS)
                fields = json.loads(result.stdout)["fields"]
                self.assertTrue(all(f["description"] for f in fields))
        self.assertExit(self.run_panelpack("fields", "nonsense"), USAGE)

    def test_every_coded_field_lists_its_words_beside_it(self):
        fields = {f["path"]: f for f in json.loads(
            self.run_panelpack("fields", "case", "--json").stdout)["fields"]}
        for code, words in (("legal.status", "legal.statusLabel"),
                            ("referral.reason", "referral.reasonLabel"),
                            ("assessments[].type", "assessments[].typeLabel"),
                            ("finance.approvals[].role", "finance.approvals[].roleLabel")):
            self.assertEqual(fields[code]["kind"], "choice")
            self.assertEqual(fields[words]["kind"], "text", words)
        self.assertEqual(fields["plans.parallelLabels[]"]["kind"], "list")
        decision = [f["path"] for f in json.loads(
            self.run_panelpack("fields", "decision", "--json").stdout)["fields"]]
        self.assertEqual(decision.count("outcomeLabel"), 1)  # the schema's own, not twice
        self.assertIn("adm.decisionLabel", decision)
        self.assertIn("papers[].typeLabel", decision)

    def test_help_for_the_new_commands(self):
        for arguments in (("validate", "--help"), ("help", "fields"), ("fields", "-h")):
            with self.subTest(arguments=arguments):
                result = self.run_panelpack(*arguments)
                self.assertExit(result, SUCCESS)
                self.assertIn("Examples", result.stdout.decode())


class Words(CliTestCase):
    """render gives every code its words, per field: sgo as a plan and as an assessment."""

    def test_a_case_renders_words_not_codes(self):
        template = write_docx(self.root / "words.docx",
                              "Status {{legal.statusLabel}}",
                              "Plan {{plans.primaryLabel}}",
                              "Assessment {{#assessments}}{{typeLabel}}, {{statusLabel}}{{/assessments}}",
                              "Parallel {{#plans.parallelLabels}}{{.}}{{/plans.parallelLabels}}",
                              "Stage {{legal.proceedings.stageLabel}}")
        out = self.root / "words-out.docx"
        self.assertExit(self.run_panelpack("render", template, GOOD_CASE, "-o", out), SUCCESS)
        text = document_text(out)
        self.assertIn("Status Interim care order (s38)", text)
        self.assertIn("Plan Special guardianship order", text)
        self.assertIn("Assessment Special guardianship assessment, In progress", text)
        self.assertIn("Parallel Long-term fostering", text)
        self.assertIn("Stage Care proceedings issued", text)
        self.assertExit(self.run_panelpack("check", template, "--schema", "case"), SUCCESS)

    def test_a_label_in_the_data_is_kept(self):
        case = good_case()
        case["legal"]["statusLabel"] = "ICO (as our system words it)"
        data = self.write("case.json", json.dumps(case))
        template = write_docx(self.root / "kept.docx", "{{legal.statusLabel}}")
        out = self.root / "kept-out.docx"
        self.assertExit(self.run_panelpack("render", template, data, "-o", out), SUCCESS)
        self.assertIn("ICO (as our system words it)", document_text(out))


class CheckAgainstSchema(CliTestCase):
    def test_misspelt_field_names_paragraph_tag_and_suggestion(self):
        template = write_docx(
            self.root / "referral.docx",
            "Child: {{child.nmae}} ({{child.childId}})",
            "{{#chronology}}{{date}} {{evnet}}{{/chronology}}",
        )
        result = self.run_panelpack("check", "--schema", "case", template)
        self.assertExit(result, BAD_INPUT)
        out = result.stdout.decode()
        # One entry per mistake: its heading line names the code and tag, then its own lines.
        entries = out.split("\n\n")
        first = next(e for e in entries if "[unknown_field]: {{child.nmae}}" in e)
        self.assertIn("paragraph 1", first)
        self.assertIn('"Child: {{child.nmae}} ({{child.childId}})"', first)
        self.assertIn("did you mean child.name?", first)
        second = next(e for e in entries if "[unknown_field]: {{evnet}}" in e)
        self.assertIn("did you mean event?", second)
        self.assertNotIn("): {{date}}", out)
        self.assertIn("2 mistakes in 2 places", out.splitlines()[0])

    def test_json_diagnostics_have_every_field(self):
        template = write_docx(self.root / "t.docx", "Name {{child.nmae}}", "{{#caseRef}}x{{/caseRef}}")
        result = self.run_panelpack("check", "--json", "--schema", "case", template)
        self.assertExit(result, BAD_INPUT)
        errors = json.loads(result.stdout)["errors"]
        unknown = next(e for e in errors if e["code"] == "unknown_field")
        self.assertEqual(
            {k: unknown[k] for k in ("severity", "part", "paragraph", "excerpt", "tag")},
            {"severity": "error", "part": "word/document.xml", "paragraph": 1,
             "excerpt": "Name {{child.nmae}}", "tag": "{{child.nmae}}"},
        )
        self.assertIn("child.name", unknown["hint"])
        section = next(e for e in errors if e["code"] == "section_not_list")
        self.assertEqual(section["severity"], "warning")

    def test_lists_and_yes_no_fields_used_as_plain_values_are_warned(self):
        template = write_docx(
            self.root / "values.docx",
            "Siblings: {{child.siblings}}",
            "Disabled: {{child.disability}} / {{child.disability | yesno}}",
        )
        result = self.run_panelpack("check", "--json", "--schema", "case", template)
        self.assertExit(result, SUCCESS)  # warnings only
        found = {(e["code"], e["tag"], e["severity"]) for e in json.loads(result.stdout)["errors"]}
        self.assertEqual(
            found,
            {("value_not_text", "{{child.siblings}}", "warning"),
             ("yes_no_prints_true_false", "{{child.disability}}", "warning")},
        )

    def test_sections_over_lists_objects_and_booleans_are_quiet(self):
        template = write_docx(
            self.root / "ok.docx",
            "{{child.name}} {{legal.status}}",
            "{{#child}}{{firstName}}{{/child}} {{#child.disability}}yes{{/child.disability}}",
            "{{#plans.parallel}}{{.}}{{@index}}{{/plans.parallel}}",
            "{{^child.dob}}unborn{{/child.dob}}",
        )
        result = self.run_panelpack("check", "--schema", "case", template)
        self.assertExit(result, SUCCESS)
        self.assertIn(": no mistakes\n", result.stdout.decode())

    def test_without_schema_check_is_unchanged(self):
        template = write_docx(self.root / "t.docx", "{{child.nmae}}")
        self.assertExit(self.run_panelpack("check", template), SUCCESS)


class ValidateRefusesWhatJsonHides(CliTestCase):
    def validate_json(self, path, *arguments):
        result = self.run_panelpack("validate", path, "--json", *arguments)
        self.assertExit(result, BAD_INPUT)
        (report,) = json.loads(result.stdout)["files"]
        self.assertFalse(report["valid"])
        return report["errors"]

    def test_a_key_given_twice_is_not_valid_and_both_lines_are_named(self):
        text = json.dumps(good_case(), indent=2)
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines, 1) if '"firstName"' in line)
        text = text.replace('"firstName": ', '"firstName": "Twice",\n    "firstName": ', 1)
        path = self.write("LCS900001.json", text)
        (error,) = self.validate_json(path)
        self.assertEqual(error["code"], "duplicate_key")
        self.assertEqual(error["pointer"], "/child/firstName")
        self.assertEqual(error["line"], first + 1)
        self.assertIn(f"line {first}", error["message"])
        self.assertNotIn("Twice", error["message"])
        result = self.run_panelpack("validate", path)
        self.assertExit(result, BAD_INPUT)
        self.assertIn(f"{path}:{first + 1}:5: /child/firstName", result.stdout.decode())

    def test_a_number_beyond_a_double_is_bad_input_with_its_pointer(self):
        text = json.dumps(good_case(), indent=2).replace('"childId"', '"big": 1e400, "childId"', 1)
        path = self.write("LCS900001.json", text)
        (error,) = self.validate_json(path, "--schema", "case")
        self.assertEqual(error["code"], "number_too_large")
        self.assertEqual(error["pointer"], "/child/big")
        self.assertGreater(error["column"], 1)

    def test_utf32_is_named_utf32(self):
        path = self.write("LCS900001.json", json.dumps(good_case()).encode("utf-32"))
        (error,) = self.validate_json(path)
        self.assertEqual(error["code"], "not_utf8")
        self.assertIn("UTF-32", error["message"])

    def test_a_password_in_office_json_says_to_use_password_file(self):
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "office"))
        from office_copy import copy_sample_office, edit_json  # noqa: E402
        office = copy_sample_office(self.root / "office")
        for section in ("smtp", "circulation"):
            edit_json(office / "office.json",
                      lambda c: c["mail"][section].update({"password": "typed-in-s3cret"}))
            errors = self.validate_json(office / "office.json", "--schema", "office")
            (error,) = [e for e in errors if e["pointer"] == f"/mail/{section}/password"]
            self.assertEqual(error["code"], "secret_in_configuration")
            self.assertIn("passwordFile", error["message"])
            self.assertNotIn("typed-in-s3cret", error["message"])
            # Every office command refuses it the same way, as bad input.
            result = self.run_panelpack("calendar", "--office", office)
            self.assertExit(result, BAD_INPUT)
            stderr = result.stderr.decode()
            self.assertIn(f"/mail/{section}/password", stderr)
            self.assertIn("passwordFile", stderr)
            self.assertNotIn("typed-in-s3cret", stderr)
            edit_json(office / "office.json", lambda c: c["mail"][section].pop("password"))


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
