#!/usr/bin/python3
"""`panelpack pack` on a copy of the sample office: the folder, its manifest, the zip (plain
and AES-256, checked with 7-Zip), every document opened by LibreOffice, the merged PDF's
bookmarks (read with qpdf), and a pack killed part-way leaving nothing half-built.

Standard library only, plus the commands soffice, pdftotext, qpdf and 7z. Env: PANELPACK_BIN,
PANELPACK_SOURCE_DIR. Ends with a line "N passed, M failed"; exits non-zero on any failure.
"""

import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
from office_copy import copy_sample_office  # noqa: E402
from test_cli import BAD_INPUT, BINARY, SUCCESS, USAGE, CliTestCase, run_tests_of  # noqa: E402

BUSY = 4
SITTING = ("permanence", "2026-12-15")
PACK_NAME = "permanence-2026-12-15"
DOCUMENTS = ["00-agenda.docx", "01-1-LCS900102-referral.docx", "01-2-LCS900102-care-plan.docx",
             "02-1-LCS900103-referral.docx", "03-1-LCS900108-referral.docx"]
PASSWORD = "fictional-pack-password-42"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def need(*commands):
    missing = [c for c in commands if shutil.which(c) is None]
    return unittest.skipIf(missing, "not installed: " + ", ".join(missing))


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def verify_pack(test, folder):
    """The folder holds the documents, a manifest that matches them, and a zip of both."""
    manifest = json.loads((folder / "manifest.json").read_text())
    test.assertEqual([f["file"] for f in manifest["files"]], DOCUMENTS)
    for entry in manifest["files"]:
        data = (folder / entry["file"]).read_bytes()
        test.assertEqual(entry["size"], len(data), entry["file"])
        test.assertEqual(entry["sha256"], sha256(data), entry["file"])
    return manifest



def wait_for_soffice_in_session(process, timeout=120):
    """True once a soffice process runs in `process`'s session; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
            except (OSError, IndexError):
                continue
            if int(fields[3]) == process.pid and "soffice" in name:
                return True
        time.sleep(0.05)
    return False

class PackTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")
        self.folder = self.office / "packs" / SITTING[0] / SITTING[1]

    def pack(self, *arguments, env=None):
        return subprocess.run([BINARY, "pack", *SITTING, "--office", str(self.office),
                               *map(str, arguments)], capture_output=True, timeout=600,
                              check=False, env=env)

    def leftovers(self):
        parent = self.folder.parent
        return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name) if parent.exists() \
            else []


class PackFolder(PackTestCase):
    def test_documents_manifest_and_zip_agree(self):
        result = self.pack("--now", "2026-12-11T12:00")
        self.assertExit(result, SUCCESS)
        manifest = verify_pack(self, self.folder)
        self.assertEqual(manifest["panel"], "permanence")
        self.assertEqual(manifest["date"], "2026-12-15")
        self.assertEqual([(f["item"], f["caseRef"], f["paperType"], f["source"])
                          for f in manifest["files"]],
                         [(0, None, "agenda", "agenda"),
                          (1, "LCS900102", "referral", "filled"),
                          (1, "LCS900102", "care-plan", "submitted"),
                          (2, "LCS900103", "referral", "filled"),
                          (3, "LCS900108", "referral", "filled")])
        self.assertEqual(manifest["missing"],
                         [{"item": 3, "caseRef": "LCS900108", "paperType": "chronology"}])
        self.assertEqual(manifest["zip"], {"file": PACK_NAME + ".zip", "encrypted": False})
        # The submitted care plan is copied as it is.
        self.assertEqual((self.folder / DOCUMENTS[2]).read_bytes(),
                         (self.office / "papers" / "LCS900102" / "care-plan.docx").read_bytes())
        with zipfile.ZipFile(self.folder / (PACK_NAME + ".zip")) as archive:
            self.assertEqual(archive.namelist(), DOCUMENTS + ["manifest.json"])
            for name in archive.namelist():
                self.assertEqual(archive.read(name), (self.folder / name).read_bytes(), name)
        self.assertIn("missing: item 3 LCS900108 Chronology", result.stdout.decode())
        self.assertEqual(self.leftovers(), [])

    def test_packing_again_replaces_the_whole_folder(self):
        self.assertExit(self.pack(), SUCCESS)
        (self.folder / "stray.txt").write_text("from an older pack")
        self.assertExit(self.pack(), SUCCESS)
        self.assertFalse((self.folder / "stray.txt").exists())
        verify_pack(self, self.folder)
        self.assertEqual(self.leftovers(), [])

    def test_a_second_run_for_the_same_sitting_is_busy(self):
        lock_path = self.folder.parent / ".2026-12-15.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = self.pack()
        self.assertExit(result, BUSY)
        self.assertFalse(self.folder.exists())

    def test_a_missing_submitted_file_is_bad_input_and_writes_nothing(self):
        (self.office / "papers" / "LCS900102" / "care-plan.docx").unlink()
        result = self.pack()
        self.assertExit(result, BAD_INPUT)
        self.assertIn("papers/LCS900102/care-plan.docx", result.stderr.decode())
        self.assertFalse(self.folder.exists())
        self.assertEqual(self.leftovers(), [])

    def test_json_summary(self):
        result = self.pack("--json")
        self.assertExit(result, SUCCESS)
        summary = json.loads(result.stdout)
        self.assertEqual([d["file"] for d in summary["documents"]], DOCUMENTS)
        self.assertEqual((summary["missing"], summary["encrypted"], summary["pdf"]),
                         (1, False, None))


class SchemaAwarePack(PackTestCase):
    """Issue 16: a referral template with a misspelt field (its default: would print "Not
    recorded" for a religion that is recorded) is refused before anything is written, with
    check --schema's message, and the previous pack stays as it was."""

    def test_a_misspelt_field_is_refused_and_the_old_pack_kept(self):
        sys.path.insert(0, str(HERE.parent / "templates"))
        from word_edits import Package  # noqa: E402
        self.assertExit(self.pack(), SUCCESS)
        before = {p.name: p.read_bytes() for p in self.folder.iterdir() if p.is_file()}
        typo = self.office / "templates" / "referral-typo.docx"
        typo.parent.mkdir(exist_ok=True)
        source = Path(os.environ.get("PANELPACK_SOURCE_DIR") or HERE.parents[1])
        Package.load(source / "templates/referral.docx").mistype(
            '{{child.religion | default:"Not recorded"}}',
            '{{child.religon | default:"Not recorded"}}').save(typo)
        config = json.loads((self.office / "office.json").read_text())
        config.setdefault("templates", {})["referral"] = "templates/referral-typo.docx"
        (self.office / "office.json").write_text(json.dumps(config, indent=2))
        result = self.pack()
        self.assertExit(result, BAD_INPUT)
        self.assertIn("[unknown_field]", result.stderr.decode())
        self.assertIn("child.religion", result.stderr.decode())
        after = {p.name: p.read_bytes() for p in self.folder.iterdir() if p.is_file()}
        self.assertEqual(after, before)
        self.assertEqual(self.leftovers(), [])


class EncryptedZip(PackTestCase):
    @need("7z")
    def test_opens_with_the_password_and_not_without(self):
        password_file = self.write("pack-password.txt", PASSWORD + "\n")
        result = self.pack("--password-file", password_file)
        self.assertExit(result, SUCCESS)
        self.assertIn("(AES-256)", result.stdout.decode())
        archive = self.folder / (PACK_NAME + ".zip")
        listing = subprocess.run(["7z", "l", "-slt", str(archive)], capture_output=True,
                                 check=True).stdout.decode()
        self.assertEqual(listing.count("Method = AES-256"), len(DOCUMENTS) + 1)
        out = self.root / "extracted"
        good = subprocess.run(["7z", "x", "-p" + PASSWORD, "-o" + str(out), str(archive)],
                              capture_output=True)
        self.assertEqual(good.returncode, 0, good.stdout.decode())
        for name in DOCUMENTS + ["manifest.json"]:
            self.assertEqual((out / name).read_bytes(), (self.folder / name).read_bytes(), name)
        self.assertTrue(json.loads((out / "manifest.json").read_text())["zip"]["encrypted"])
        bad = subprocess.run(["7z", "x", "-pnot-the-password", "-y", "-o" + str(self.root / "bad"),
                              str(archive)], capture_output=True)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("Wrong password", bad.stdout.decode() + bad.stderr.decode())
        with zipfile.ZipFile(archive) as plain:
            with self.assertRaises(RuntimeError):  # "File ... is encrypted, password required"
                plain.read(DOCUMENTS[0])

    def test_password_from_the_environment_and_refusals(self):
        env = dict(os.environ, PACK_PASSWORD=PASSWORD)
        self.assertExit(self.pack("--password-env", "PACK_PASSWORD", env=env), SUCCESS)
        self.assertTrue(json.loads((self.folder / "manifest.json").read_text())["zip"]["encrypted"])
        short = self.write("short.txt", "abc\n")
        self.assertExit(self.pack("--password-file", short), BAD_INPUT)
        self.assertExit(self.pack("--password-env", "NOT_SET_ANYWHERE_42"), BAD_INPUT)
        self.assertExit(self.pack("--password-file", short, "--password-env", "X"), USAGE)
        self.assertExit(self.pack("--password", PASSWORD), USAGE)  # never on the command line


@need("soffice", "pdftotext")
class LibreOfficeOpensThePack(PackTestCase):
    def test_every_document_opens_and_shows_its_case(self):
        self.assertExit(self.pack(), SUCCESS)
        pdfs = self.root / "pdfs"
        profile = tempfile.mkdtemp(prefix="pp-lo-pack-")
        try:
            subprocess.run(["soffice", "--headless", "--norestore",
                            "-env:UserInstallation=file://" + profile, "--convert-to", "pdf",
                            "--outdir", str(pdfs)] + [str(self.folder / d) for d in DOCUMENTS],
                           capture_output=True, timeout=600, check=False,
                           stdin=subprocess.DEVNULL)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        texts = {}
        for document in DOCUMENTS:
            pdf = pdfs / (Path(document).stem + ".pdf")
            self.assertTrue(pdf.is_file(), f"LibreOffice did not open {document}")
            texts[document] = pdf_text(pdf)
        agenda = " ".join(texts["00-agenda.docx"].split())
        for expected in ("Northbridge Permanence Panel", "LCS900102", "LCS900103", "LCS900108",
                         "OFFICIAL-SENSITIVE"):
            self.assertIn(expected, agenda)
        for document in DOCUMENTS[1:]:
            case_ref = document.split("-")[2]
            self.assertIn(case_ref, texts[document], document)
            self.assertIn("OFFICIAL-SENSITIVE", texts[document], document)


@need("soffice", "pdftotext")
class PanelWording(CliTestCase):
    """A referral packed for the AEP panel names that panel and its own papers deadline, where
    every referral used to say "Referral to Permanence Panel" and "3 days before"."""

    def test_an_aep_referral_names_its_panel_and_when_its_papers_are_due(self):
        office = copy_sample_office(self.root / "office")
        sitting = ("aep", "2027-01-11")

        def panelpack(*arguments):
            return subprocess.run([BINARY, *map(str, arguments), "--office", str(office)],
                                  capture_output=True, timeout=600, check=False)
        self.assertExit(panelpack("book", *sitting, "LCS900107", "--received", "referral",
                                  "--at", "2027-01-04T10:00", "--now", "2027-01-04T12:00"),
                        SUCCESS)
        # The same now throughout: a receipt after now would count as not yet received.
        agenda = json.loads(panelpack("agenda", *sitting, "--json", "--now",
                                      "2027-01-04T12:00").stdout)
        self.assertExit(panelpack("pack", *sitting, "--now", "2027-01-04T12:00"), SUCCESS)
        folder = office / "packs" / sitting[0] / sitting[1]
        referral = next(folder.glob("*LCS900107-referral.docx"))
        pdfs = self.root / "pdfs"
        profile = tempfile.mkdtemp(prefix="pp-lo-aep-")
        try:
            subprocess.run(["soffice", "--headless", "--norestore",
                            "-env:UserInstallation=file://" + profile, "--convert-to", "pdf",
                            "--outdir", str(pdfs), str(referral)],
                           capture_output=True, timeout=600, check=False,
                           stdin=subprocess.DEVNULL)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        text = " ".join(pdf_text(pdfs / (referral.stem + ".pdf")).split())
        name = agenda["panel"]["name"]
        self.assertEqual(name, "Northbridge Achieving Early Permanence Panel")
        self.assertIn("Referral to " + name, text)
        self.assertIn(name + " — Referral · Page 1 of", text)  # the footer
        self.assertNotIn("Referral to Permanence Panel", text)
        due = agenda["papersDue"]
        day = int(due["date"][8:10])
        month = ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"][int(due["date"][5:7]) - 1]
        self.assertIn("Papers for this sitting are due by %s on %d %s %s."
                      % (due["time"], day, month, due["date"][:4]), text)
        self.assertNotIn("3 days before", text)


@need("soffice", "qpdf", "pdftotext")
class PackPdf(PackTestCase):
    def test_one_pdf_agenda_first_with_a_bookmark_per_case_in_agenda_order(self):
        result = self.pack("--pdf", "-j", "2")
        self.assertExit(result, SUCCESS)
        pdf = self.folder / (PACK_NAME + ".pdf")
        self.assertTrue(pdf.is_file())
        outline = json.loads(subprocess.run(
            ["qpdf", "--json=2", "--json-key=outlines", str(pdf)], capture_output=True,
            check=True).stdout)["outlines"]
        self.assertEqual([o["title"] for o in outline],
                         ["Agenda", "1. LCS900102 (Leah Thornbury)",
                          "2. LCS900103 (Riley Thornbury)", "3. LCS900108 (Arjun Virdee-Holt)"])
        self.assertEqual([k["title"] for k in outline[1]["kids"]], ["Referral", "Care plan"])
        self.assertEqual(outline[0]["destpageposfrom1"], 1)
        pages = [o["destpageposfrom1"] for o in outline]
        self.assertEqual(pages, sorted(pages))
        self.assertEqual(len(set(pages)), len(pages))
        # Each bookmark's page shows its case.
        for entry in outline[1:]:
            page = entry["destpageposfrom1"]
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                  capture_output=True, check=True).stdout.decode()
            self.assertIn(entry["title"].split()[1], text)
        manifest = verify_pack(self, self.folder)
        self.assertEqual(manifest["pdf"], PACK_NAME + ".pdf")
        self.assertEqual(sorted(p.name for p in self.folder.iterdir()),
                         sorted(DOCUMENTS + ["manifest.json", PACK_NAME + ".zip",
                                             PACK_NAME + ".pdf"]))

    def test_no_libreoffice_is_a_clear_error_and_no_pack(self):
        env = dict(os.environ, PANELPACK_SOFFICE=str(self.root / "no-such-soffice"))
        result = self.pack("--pdf", env=env)
        self.assertExit(result, BAD_INPUT)
        self.assertIn("libreoffice", result.stderr.decode().lower())
        self.assertFalse(self.folder.exists())
        self.assertEqual(self.leftovers(), [])

    def test_killed_while_converting_leaves_the_previous_pack_whole(self):
        self.assertExit(self.pack(), SUCCESS)
        before = {p.name: p.read_bytes() for p in self.folder.iterdir()}
        process = subprocess.Popen([BINARY, "pack", *SITTING, "--office", str(self.office),
                                    "--pdf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        # Killed once LibreOffice runs in the pack's session (a fixed wait raced the converter
        # since profiles skip LibreOffice's start-up self-tests).
        self.assertTrue(wait_for_soffice_in_session(process),
                        "the pack finished before LibreOffice started converting")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        self.assertEqual({p.name: p.read_bytes() for p in self.folder.iterdir()}, before)
        # The next run clears what the killed one left and packs whole.
        self.assertExit(self.pack(), SUCCESS)
        verify_pack(self, self.folder)
        self.assertEqual(self.leftovers(), [])


class PanelOptions(PackTestCase):
    """pack builds with the panel's options in office.json; the command line only adds."""

    def set_panel_circulation(self, circulation):
        config = json.loads((self.office / "office.json").read_text())
        config["panels"][0]["circulation"] = circulation
        (self.office / "office.json").write_text(json.dumps(config, indent=2))

    @need("soffice", "qpdf", "pdftotext", "7z")
    def test_the_panels_password_encrypts_the_zip_and_the_pdf(self):
        password_file = self.office / "pack-password"
        password_file.write_text(PASSWORD + "\n")
        self.set_panel_circulation({"attach": "both", "passwordFile": "pack-password"})
        result = self.pack("--json")
        self.assertExit(result, SUCCESS)
        self.assertEqual((json.loads(result.stdout)["encrypted"],
                          json.loads(result.stdout)["options"]), (True, "office.json"))
        listing = subprocess.run(["7z", "l", "-slt", "-p", str(self.folder / (PACK_NAME + ".zip"))],
                                 capture_output=True).stdout.decode()
        self.assertEqual(listing.count("Encrypted = +"), len(DOCUMENTS) + 1)
        pdf = self.folder / (PACK_NAME + ".pdf")
        self.assertEqual(subprocess.run(["qpdf", "--requires-password", str(pdf)]).returncode, 0)
        self.assertNotEqual(subprocess.run(["pdftotext", str(pdf), "-"],
                                           capture_output=True).returncode, 0)
        text = subprocess.run(["pdftotext", "-upw", PASSWORD, str(pdf), "-"],
                              capture_output=True, check=True).stdout.decode()
        self.assertIn("LCS900102", text)
        manifest = json.loads((self.folder / "manifest.json").read_text())
        self.assertEqual(manifest["options"], {"from": "office.json", "zipEncrypted": True,
                                               "pdf": True, "pdfEncrypted": True})
        self.assertEqual(len(manifest["inputs"]["fingerprint"]), 64)
        inputs = [entry["file"] for entry in manifest["inputs"]["files"]]
        for expected in ("office.json", "bookings/permanence/2026-12-15.json",
                         "cases/LCS900102.json", "papers/LCS900102/care-plan.docx"):
            self.assertIn(expected, inputs)

    def test_options_given_by_hand_are_recorded_as_such(self):
        password_file = self.write("hand-password.txt", PASSWORD + "\n")
        self.assertExit(self.pack("--password-file", password_file), SUCCESS)
        manifest = json.loads((self.folder / "manifest.json").read_text())
        self.assertEqual((manifest["options"]["from"], manifest["options"]["zipEncrypted"]),
                         ("command line", True))
        # The same password as the panel's is the panel's options.
        shutil.copy(password_file, self.office / "pack-password")
        self.set_panel_circulation({"passwordFile": "pack-password"})
        self.assertExit(self.pack("--password-file", password_file), SUCCESS)
        manifest = json.loads((self.folder / "manifest.json").read_text())
        self.assertEqual(manifest["options"]["from"], "office.json")

    def test_a_missing_password_file_says_what_it_should_hold_and_how_to_make_it(self):
        missing = self.office / "no-such-pack-password"
        result = self.pack("--password-file", missing)
        self.assertExit(result, BAD_INPUT)
        self.assertIn(str(missing), result.stderr.decode())
        self.assertIn("umask 077", result.stderr.decode())
        self.assertFalse(self.folder.exists())
        # Named by office.json: the message names the key too.
        self.set_panel_circulation({"passwordFile": "no-such-pack-password"})
        result = self.pack()
        self.assertExit(result, BAD_INPUT)
        self.assertIn("/panels/0/circulation/passwordFile", result.stderr.decode())
        self.assertFalse(self.folder.exists())


class KilledAtRandomMoments(PackTestCase):
    def test_the_pack_is_absent_or_whole_never_half(self):
        rng = random.Random(20261215)
        outcomes = {"absent": 0, "whole": 0}
        for _ in range(20):
            if self.folder.exists():
                shutil.rmtree(self.folder)
            process = subprocess.Popen([BINARY, "pack", *SITTING, "--office", str(self.office)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.08))
            process.send_signal(signal.SIGKILL)
            process.wait()
            if self.folder.exists():
                verify_pack(self, self.folder)
                outcomes["whole"] += 1
            else:
                outcomes["absent"] += 1
        self.assertEqual(sum(outcomes.values()), 20)
        self.assertGreater(outcomes["absent"], 0, "no kill landed before the pack was in place")
        self.assertExit(self.pack(), SUCCESS)
        self.assertEqual(self.leftovers(), [])


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
