#!/usr/bin/python3
"""An office that can be copied (issue 11, section 4): the sample office copied as it is
(cp -r) runs every office command; `panelpack init DIR` makes an office that validates, has a
calendar and renders its agenda from its own editable templates; an installed panelpack
(`cmake --install`) uses the templates installed beside it.

Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR, PANELPACK_BUILD_DIR.
Ends with a line "N passed, M failed" and exits non-zero on any failure.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
from office_copy import SAMPLE_OFFICE, SOURCE, edit_json  # noqa: E402
from test_cli import (BAD_INPUT, BINARY, SUCCESS, USAGE, CliTestCase,  # noqa: E402
                      document_text, run_tests_of)

BUILD_DIR = os.environ.get("PANELPACK_BUILD_DIR", "")
TEMPLATE_NAMES = sorted(str(p.relative_to(SOURCE / "templates"))
                        for p in (SOURCE / "templates").rglob("*") if p.is_file())


def edit_docx_text(path, old, new):
    """Replaces text in a DOCX's main part (keeping every other part byte for byte)."""
    path = Path(path)
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info.filename)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            package.writestr(info, data)


class CopiedSampleOffice(CliTestCase):
    """`o=$(mktemp -d)/office && cp -r samples/office "$o"`: every office command works."""

    def setUp(self):
        super().setUp()
        self.office = self.root / "office"
        subprocess.run(["cp", "-r", str(SAMPLE_OFFICE), str(self.office)], check=True)
        # What earlier runs in the source tree wrote there is not part of the office.
        for left in ("packs", "records", "panelpack.db", "outbox-dry-run", "tick-state.json"):
            shutil.rmtree(self.office / left, ignore_errors=True)
            if (self.office / left).is_file():
                (self.office / left).unlink()

    def panelpack(self, *arguments):
        return self.run_panelpack(*arguments, "--office", self.office)

    def test_office_json_names_no_path_outside_the_office(self):
        text = (SAMPLE_OFFICE / "office.json").read_text(encoding="utf-8")
        self.assertNotIn("../", text)

    def test_every_office_command_runs_on_the_copy(self):
        for command in (["calendar", "--from", "2026-12-01", "--to", "2027-01-31"],
                        ["status", "--now", "2026-12-11T09:00"],
                        ["book", "permanence", "2027-01-12", "LCS900109"],
                        ["agenda", "permanence", "2026-12-15", "-o", self.root / "agenda.docx"],
                        ["pack", "permanence", "2026-12-15"],
                        ["decisions", "permanence", "2026-12-15", "--no-pdf"],
                        ["tracker", "-o", self.root / "tracker.xlsx"],
                        ["report", "--quarter", "2026-Q4", "-o", self.root / "report.docx"],
                        ["tick", "--dry-run", "--now", "2026-12-12T09:05"]):
            with self.subTest(command=command[0]):
                self.assertExit(self.panelpack(*command), SUCCESS)
        # The outputs were filled from the installed templates with the copy's data.
        self.assertIn("Northbridge Permanence Panel", document_text(self.root / "agenda.docx"))
        self.assertIn("LCS900108", document_text(self.root / "agenda.docx"))
        pack = self.office / "packs" / "permanence" / "2026-12-15"
        self.assertTrue((pack / "00-agenda.docx").is_file())
        self.assertTrue(list(pack.glob("*-LCS900102-referral.docx")))
        records = self.office / "records" / "permanence" / "2026-12-15"
        self.assertEqual(len(list(records.glob("*.docx"))), 3)
        self.assertIn("2026-Q4", document_text(self.root / "report.docx"))
        # The dry run rendered its mail from the installed email templates.
        self.assertTrue(list(self.office.rglob("*.eml")))

    def test_a_template_named_in_office_json_is_read_from_the_office_folder(self):
        (self.office / "mine").mkdir()
        shutil.copy(SOURCE / "templates" / "agenda.docx", self.office / "mine" / "agenda.docx")
        edit_docx_text(self.office / "mine" / "agenda.docx", "Agenda", "Our own agenda")
        edit_json(self.office / "office.json",
                  lambda c: c.setdefault("templates", {}).update({"agenda": "mine/agenda.docx"}))
        self.assertExit(self.panelpack("agenda", "permanence", "2026-12-15", "-o",
                                       self.root / "a.docx"), SUCCESS)
        self.assertIn("Our own agenda", document_text(self.root / "a.docx"))
        # A path that is not there is bad input naming the file, not a fall back.
        edit_json(self.office / "office.json",
                  lambda c: c["templates"].update({"agenda": "missing/agenda.docx"}))
        result = self.panelpack("agenda", "permanence", "2026-12-15", "-o", self.root / "b.docx")
        self.assertNotEqual(result.returncode, SUCCESS)
        self.assertIn(str(self.office / "missing" / "agenda.docx"), result.stderr.decode())
        self.assertFalse((self.root / "b.docx").exists())


class Init(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = self.root / "new" / "office"

    def test_makes_an_office_that_validates_and_has_sittings(self):
        self.assertExit(self.run_panelpack("init", self.office), SUCCESS)
        self.assertEqual(sorted(p.name for p in self.office.iterdir()),
                         ["README.md", "bookings", "cases", "decisions", "office.json",
                          "templates"])
        for empty in ("cases", "bookings", "decisions"):
            self.assertEqual(list((self.office / empty).iterdir()), [])
        self.assertEqual(stat.S_IMODE(self.office.stat().st_mode), 0o700)
        # Copies of the installed templates, byte for byte, which office.json names.
        copied = sorted(str(p.relative_to(self.office / "templates"))
                        for p in (self.office / "templates").rglob("*") if p.is_file())
        self.assertEqual(copied, TEMPLATE_NAMES)
        for name in TEMPLATE_NAMES:
            self.assertEqual((self.office / "templates" / name).read_bytes(),
                             (SOURCE / "templates" / name).read_bytes(), name)
        config = json.loads((self.office / "office.json").read_text(encoding="utf-8"))
        for kind, path in config["templates"].items():
            self.assertTrue((self.office / path).exists(), (kind, path))
            self.assertFalse(path.startswith(("/", "..")), path)
        # Every key of office.json, and of its panel, is explained in README.md.
        readme = (self.office / "README.md").read_text(encoding="utf-8")
        keys = (set(config) - {"holidays"}) | set(config["panels"][0]) | {
            "holidays.%s" % sub for sub in config["holidays"]}
        for key in keys:
            self.assertIn("`%s`" % key, readme, key)

        self.assertExit(self.run_panelpack("validate", self.office / "office.json"), SUCCESS)
        result = self.run_panelpack("calendar", "--office", self.office, "--from", "2027-01-01",
                                    "--to", "2027-01-31", "--json")
        self.assertExit(result, SUCCESS)
        dates = [s["date"] for s in json.loads(result.stdout)["sittings"]]
        self.assertEqual(dates, ["2027-01-05", "2027-01-19"])

    def test_the_agenda_renders_from_the_office_own_edited_template(self):
        self.assertExit(self.run_panelpack("init", self.office), SUCCESS)
        edit_docx_text(self.office / "templates" / "agenda.docx", "Agenda", "Edited by the council")
        out = self.root / "agenda.docx"
        self.assertExit(self.run_panelpack("agenda", "permanence", "2027-01-05", "-o", out,
                                           "--office", self.office), SUCCESS)
        text = document_text(out)
        self.assertIn("Edited by the council", text)
        self.assertIn("Permanence Panel", text)

    def test_refuses_a_folder_that_is_not_empty_and_leaves_it_as_it_was(self):
        self.office.mkdir(parents=True)
        (self.office / "notes.txt").write_text("keep me")
        self.assertExit(self.run_panelpack("init", self.office), BAD_INPUT)
        self.assertEqual([p.name for p in self.office.iterdir()], ["notes.txt"])
        self.assertEqual((self.office / "notes.txt").read_text(), "keep me")
        a_file = self.root / "file"
        a_file.write_text("x")
        self.assertExit(self.run_panelpack("init", a_file), BAD_INPUT)
        self.assertEqual(a_file.read_text(), "x")
        # An empty folder is fine.
        empty = self.root / "empty"
        empty.mkdir()
        self.assertExit(self.run_panelpack("init", empty), SUCCESS)
        self.assertTrue((empty / "office.json").is_file())
        # Nothing left beside the folders init worked in.
        self.assertEqual(sorted(p.name for p in self.root.iterdir()
                                if p.name.startswith(".")), [])

    def test_command_line_and_help(self):
        self.assertExit(self.run_panelpack("init"), USAGE)
        self.assertExit(self.run_panelpack("init", self.root / "a", self.root / "b"), USAGE)
        result = self.run_panelpack("init", "--help")
        self.assertExit(result, SUCCESS)
        self.assertIn("panelpack init DIR", result.stdout.decode())
        self.assertIn("init", self.run_panelpack("--help").stdout.decode())
        self.assertFalse((self.root / "a").exists())


class Installed(CliTestCase):
    """`cmake --install`: the binary and share/panelpack/templates under a prefix; that
    binary uses the templates installed beside it, not the source tree's."""

    def setUp(self):
        super().setUp()
        if not BUILD_DIR:
            self.skipTest("PANELPACK_BUILD_DIR is not set")
        self.prefix = self.root / "prefix"
        result = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", str(self.prefix),
                                 "--component", "Unspecified"], capture_output=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.binary = self.prefix / "bin" / "panelpack"
        self.templates = self.prefix / "share" / "panelpack" / "templates"

    def test_installs_the_templates_and_uses_them(self):
        installed = sorted(str(p.relative_to(self.templates))
                           for p in self.templates.rglob("*") if p.is_file())
        self.assertEqual(installed, TEMPLATE_NAMES)
        edit_docx_text(self.templates / "agenda.docx", "Agenda", "Installed agenda")
        office = self.root / "office"
        self.assertEqual(subprocess.run([str(self.binary), "init", str(office)],
                                        capture_output=True).returncode, SUCCESS)
        self.assertEqual((office / "templates" / "agenda.docx").read_bytes(),
                         (self.templates / "agenda.docx").read_bytes())
        # The sample office names no template: the installed binary fills it from its own.
        copy = self.root / "sample"
        subprocess.run(["cp", "-r", str(SAMPLE_OFFICE), str(copy)], check=True)
        out = self.root / "agenda.docx"
        result = subprocess.run([str(self.binary), "agenda", "permanence", "2026-12-15", "-o",
                                 str(out), "--office", str(copy)], capture_output=True)
        self.assertEqual(result.returncode, SUCCESS, result.stderr.decode())
        self.assertIn("Installed agenda", document_text(out))


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
