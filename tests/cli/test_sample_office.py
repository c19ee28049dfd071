#!/usr/bin/python3
"""The sample office (samples/office/cases/) is valid, fictional and covers the panel's situations.

Standard library only. Env: PANELPACK_BIN (the built panelpack), PANELPACK_SOURCE_DIR (the
repository root). Ends with a line "N passed, M failed" and exits non-zero on any failure.
"""

import json
import os
import re
import subprocess
import sys
import unittest
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("PANELPACK_BIN", str(SOURCE / "build" / "cli" / "panelpack"))
OFFICE_DIR = SOURCE / "samples" / "office"
CASES_DIR = OFFICE_DIR / "cases"
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
ALLOWED_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)*example\.(?:org|com)$")
# Ofcom's ranges for drama: 01632 960000-960999 and 07700 900000-900999.
PHONE = re.compile(r"^(?:01632 960\d{3}|07700 900\d{3})$")


def case_files():
    return sorted(CASES_DIR.glob("*.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def values_named(value, name):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == name:
                yield item
            yield from values_named(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from values_named(item, name)


class SampleOffice(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = case_files()
        cls.cases = {path.name: load(path) for path in cls.files}

    def test_there_are_at_least_twelve_cases(self):
        self.assertGreaterEqual(len(self.files), 12, f"only {len(self.files)} case files in {CASES_DIR}")

    def test_every_case_validates_against_the_case_schema(self):
        result = subprocess.run([BINARY, "validate", *map(str, self.files)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        out = result.stdout.decode("utf-8", "replace")
        err = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, f"validate exited {result.returncode}\n{out}{err}")
        problems = [line for line in out.splitlines() if not line.endswith(": valid (case)")]
        self.assertEqual(problems, [], "validate reported problems")
        self.assertEqual(err.strip(), "")
        self.assertEqual(len(out.splitlines()), len(self.files))

    def test_every_case_says_it_is_fictional(self):
        for name, case in self.cases.items():
            with self.subTest(name):
                self.assertIn("fictional", case.get("_notice", "").lower())

    def test_file_names_are_the_case_or_child_reference(self):
        for name, case in self.cases.items():
            with self.subTest(name):
                self.assertIn(name[:-5], (case["caseRef"], case["child"]["childId"]))

    def test_the_legal_statuses_are_covered(self):
        statuses = {case["legal"]["status"] for case in self.cases.values()}
        for status in ("V2", "C1", "C2", "E1", "PRE_PROCEEDINGS"):
            with self.subTest(status):
                self.assertIn(status, statuses)

    def test_the_situations_are_covered(self):
        cases = list(self.cases.values())
        self.assertTrue(any(c["child"].get("dob", "x") is None and c["child"].get("expectedDueDate")
                            for c in cases), "no unborn baby (dob null, expectedDueDate set)")
        self.assertTrue(any("matching" in c for c in cases), "no case with matching")
        self.assertTrue(any("finance" in c for c in cases), "no case with finance")
        reasons = {c.get("referral", {}).get("reason") for c in cases}
        self.assertIn("staying_put", reasons)
        self.assertIn("placement_disruption", reasons)

    def test_every_email_is_on_an_example_domain(self):
        for name, case in self.cases.items():
            for text in strings(case):
                for match in EMAIL.finditer(text):
                    with self.subTest(name, email=match.group(0)):
                        self.assertRegex(match.group(1).lower(), ALLOWED_DOMAIN)

    def test_every_phone_number_is_in_ofcoms_drama_ranges(self):
        for name, case in self.cases.items():
            for phone in values_named(case, "phone"):
                with self.subTest(name, phone=phone):
                    self.assertRegex(phone, PHONE)

    def test_chronologies_are_in_date_order(self):
        for name, case in self.cases.items():
            with self.subTest(name):
                dates = [entry["date"] for entry in case.get("chronology", [])]
                self.assertEqual(dates, sorted(dates))


class SampleOfficeWorkspace(unittest.TestCase):
    """office.json and the sittings' bookings: valid, fictional, and pointing at real cases."""

    @classmethod
    def setUpClass(cls):
        cls.office = load(OFFICE_DIR / "office.json")
        cls.bookings = sorted((OFFICE_DIR / "bookings").glob("*/*.json"))
        cls.decisions = sorted((OFFICE_DIR / "decisions").glob("*/*.json"))

    def test_office_bookings_and_decisions_validate(self):
        files = [OFFICE_DIR / "office.json", *self.bookings, *self.decisions]
        result = subprocess.run([BINARY, "validate", *map(str, files)], capture_output=True,
                                timeout=60)
        out = result.stdout.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, out + result.stderr.decode())
        self.assertEqual(out.count(": valid (bookings)"), len(self.bookings))
        self.assertEqual(out.count(": valid (decisions)"), len(self.decisions))
        self.assertGreater(len(self.decisions), 0)
        self.assertIn("office.json: valid (office)", out)

    def test_every_file_says_it_is_fictional(self):
        for path in [OFFICE_DIR / "office.json", *self.bookings, *self.decisions]:
            with self.subTest(path.name):
                self.assertIn("fictional", load(path).get("_notice", "").lower())

    def test_bookings_are_named_for_their_sitting_and_book_real_cases(self):
        for path in self.bookings:
            bookings = load(path)
            with self.subTest(path.name):
                self.assertEqual((bookings["panel"], bookings["date"]),
                                 (path.parent.name, path.stem))
                for item in bookings["items"]:
                    self.assertTrue((CASES_DIR / (item["caseRef"] + ".json")).is_file())
                    for paper in item.get("papers", []):
                        if "file" in paper:
                            self.assertTrue((OFFICE_DIR / paper["file"]).is_file(), paper["file"])

    def test_every_email_is_reserved_and_in_the_allowed_domains(self):
        allowed = self.office["allowedDomains"]
        for path in [OFFICE_DIR / "office.json", *self.bookings]:
            for text in strings(load(path)):
                for match in EMAIL.finditer(text):
                    domain = match.group(1).lower()
                    with self.subTest(path.name, email=match.group(0)):
                        self.assertRegex(domain, ALLOWED_DOMAIN)
                        self.assertTrue(any(domain == d or domain.endswith("." + d)
                                            for d in allowed), domain)


def main():
    suite = unittest.TestSuite([
        unittest.defaultTestLoader.loadTestsFromTestCase(SampleOffice),
        unittest.defaultTestLoader.loadTestsFromTestCase(SampleOfficeWorkspace)])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    # A failing subTest is reported once per subtest; count each test method once.
    failed = len({getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors})
    passed = result.testsRun - failed - len(result.skipped)
    print(f"{passed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
