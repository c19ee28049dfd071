#!/usr/bin/python3
"""The pack a `tick` circulates at the pack deadline (docs/mail.md, One set of pack options),
against the real test SMTP server: a pack built by hand with a password and a PDF is what goes,
untouched; a pack weaker than the panel's options never goes; with a password the PDF is
encrypted too and the mail says so; a paper received after the pack was built makes it be built
again; and when no pack can go, the panel's administrator is emailed at once, once per failure.

Needs soffice, 7z, qpdf and pdftotext."""

import shutil
import subprocess
import sys
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ticktest  # noqa: E402
from ticktest import (ADMINISTRATOR, BAD_INPUT, CHAIR, MAILBOX, MEMBERS, PACK_ZIP, SUCCESS,  # noqa: E402
                      TickTestCase, edit_json, kind_of)

PACK_PDF = "permanence-2026-12-15.pdf"
PASSWORD = "fictional-pack-password-42"
CIRCULATED_TO = sorted([CHAIR, *MEMBERS, MAILBOX])
BEFORE_DEADLINE, DEADLINE = "2026-12-11T11:00", "2026-12-11T12:00"


def zip_encrypted(path):
    """7-Zip's word on every entry of the zip: True when each says Encrypted = +."""
    listing = subprocess.run(["7z", "l", "-slt", "-p", str(path)], capture_output=True, text=True)
    flags = [line.split("=", 1)[1].strip() for line in listing.stdout.splitlines()
             if line.startswith("Encrypted =")]
    return bool(flags) and all(flag == "+" for flag in flags)


def pdf_needs_password(path):
    """qpdf --requires-password exits 0 when the PDF cannot be opened without one."""
    return subprocess.run(["qpdf", "--requires-password", str(path)],
                          capture_output=True).returncode == 0


def pdf_text(path, password=None):
    command = ["pdftotext", "-enc", "UTF-8"] + (["-upw", password] if password else [])
    result = subprocess.run(command + [str(path), "-"], capture_output=True, text=True)
    return result.returncode, result.stdout


@unittest.skipUnless(all(shutil.which(tool) for tool in ("soffice", "7z", "qpdf", "pdftotext")),
                     "needs soffice, 7z, qpdf and pdftotext")
class CirculatedPack(TickTestCase):
    def password_file(self, office):
        path = office.root / "pack-password"
        path.write_text(PASSWORD + "\n")
        path.chmod(0o600)
        return path

    def set_circulation(self, office, **options):
        edit_json(office.root / "office.json", lambda c: c["mail"].update({"circulation": options}))

    def circulated(self):
        """[(recipient, raw, message)] of the circulation emails delivered."""
        return [(envelope["rcpt_tos"][0], raw, message) for envelope, raw, message
                in self.delivered() if kind_of(message) == "circulation"]

    def alerts(self):
        return [(envelope["rcpt_tos"][0], message) for envelope, _, message in self.delivered()
                if kind_of(message) == "pack-failed"]

    def attachment_file(self, message, name):
        parts = {part.get_filename(): part for part in message.iter_attachments()}
        path = self.folder / f"attached-{len(list(self.folder.glob('attached-*')))}-{name}"
        path.write_bytes(parts[name].get_content())
        return path

    def test_a_pack_built_by_hand_with_a_password_and_pdf_is_what_goes_untouched(self):
        office, _ = self.office_with_server()
        self.set_circulation(office, attach="both")  # no password in office.json
        password = self.password_file(office)
        built = office.run("pack", "permanence", "2026-12-15", "--pdf", "--password-file", password,
                           "--now", BEFORE_DEADLINE, "--json")
        self.assertExit(built, SUCCESS)
        zip_bytes = office.pack_file(PACK_ZIP).read_bytes()
        pdf_bytes = office.pack_file(PACK_PDF).read_bytes()
        self.assertTrue(pdf_needs_password(office.pack_file(PACK_PDF)))

        self.assertExit(office.tick(DEADLINE), SUCCESS)
        # The pack was not rebuilt: the same bytes, the PDF still there.
        self.assertEqual(office.pack_file(PACK_ZIP).read_bytes(), zip_bytes)
        self.assertEqual(office.pack_file(PACK_PDF).read_bytes(), pdf_bytes)
        circulated = self.circulated()
        self.assertEqual(sorted(recipient for recipient, _, _ in circulated), CIRCULATED_TO)
        for _, raw, message in circulated:
            parts = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
            self.assertEqual(parts, {PACK_ZIP: zip_bytes, PACK_PDF: pdf_bytes})
            self.assertNotIn(PASSWORD.encode(), raw)
        _, _, message = circulated[0]
        self.assertTrue(zip_encrypted(self.attachment_file(message, PACK_ZIP)))
        mailed_pdf = self.attachment_file(message, PACK_PDF)
        self.assertTrue(pdf_needs_password(mailed_pdf))
        self.assertNotEqual(pdf_text(mailed_pdf)[0], 0)
        code, text = pdf_text(mailed_pdf, PASSWORD)
        self.assertEqual(code, 0)
        self.assertIn("LCS900102", text)

    def test_with_a_password_and_both_the_mailed_pdf_is_encrypted_and_the_words_say_so(self):
        office, _ = self.office_with_server()
        self.password_file(office)
        self.set_circulation(office, attach="both", passwordFile="pack-password")
        self.assertExit(office.tick(DEADLINE), SUCCESS)
        circulated = self.circulated()
        self.assertEqual(len(circulated), 6)
        for _, raw, message in circulated:
            self.assertNotIn(PASSWORD.encode(), raw)
            self.assertEqual(sorted(part.get_filename() for part in message.iter_attachments()),
                             sorted([PACK_ZIP, PACK_PDF]))
            body = message.get_body(("plain",)).get_content()
            self.assertIn("The zip is encrypted (AES-256)", body)
            self.assertIn("The PDF is encrypted (AES-256)", body)
            self.assertNotIn(PASSWORD, body)
        _, _, message = circulated[0]
        self.assertTrue(zip_encrypted(self.attachment_file(message, PACK_ZIP)))
        mailed_pdf = self.attachment_file(message, PACK_PDF)
        self.assertTrue(pdf_needs_password(mailed_pdf))
        self.assertNotEqual(pdf_text(mailed_pdf)[0], 0)
        code, text = pdf_text(mailed_pdf, PASSWORD)
        self.assertEqual((code, "LCS900102" in text), (0, True))

    def test_a_plain_pdf_mail_says_nothing_is_encrypted(self):
        office, _ = self.office_with_server()
        self.set_circulation(office, attach="pdf")
        self.assertExit(office.tick(DEADLINE), SUCCESS)
        _, _, message = self.circulated()[0]
        self.assertEqual([part.get_filename() for part in message.iter_attachments()], [PACK_PDF])
        self.assertFalse(pdf_needs_password(self.attachment_file(message, PACK_PDF)))
        body = message.get_body(("plain",)).get_content()
        self.assertNotIn("encrypted", body)

    def test_a_plain_pack_is_never_circulated_once_a_password_is_configured(self):
        office, _ = self.office_with_server()
        self.set_circulation(office, attach="both")
        # Built with the panel's options of the time: no password.
        self.assertExit(office.run("pack", "permanence", "2026-12-15", "--now", BEFORE_DEADLINE),
                        SUCCESS)
        self.assertFalse(pdf_needs_password(office.pack_file(PACK_PDF)))
        self.password_file(office)
        self.set_circulation(office, attach="both", passwordFile="pack-password")
        self.assertExit(office.tick(DEADLINE), SUCCESS)
        # It was built again with the password: nothing plain went.
        self.assertTrue(zip_encrypted(office.pack_file(PACK_ZIP)))
        self.assertTrue(pdf_needs_password(office.pack_file(PACK_PDF)))
        circulated = self.circulated()
        self.assertEqual(len(circulated), 6)
        for _, _, message in circulated:
            self.assertTrue(zip_encrypted(self.attachment_file(message, PACK_ZIP)))
            self.assertTrue(pdf_needs_password(self.attachment_file(message, PACK_PDF)))

    def test_a_hand_built_pack_weaker_than_the_options_is_refused_and_the_administrator_told(self):
        office, _ = self.office_with_server()
        self.set_circulation(office, attach="zip")
        # By hand, with a PDF the panel does not ask for and no password.
        self.assertExit(office.run("pack", "permanence", "2026-12-15", "--pdf",
                                   "--now", BEFORE_DEADLINE), SUCCESS)
        zip_bytes = office.pack_file(PACK_ZIP).read_bytes()
        self.password_file(office)
        self.set_circulation(office, attach="both", passwordFile="pack-password")

        self.assertExit(office.tick(DEADLINE), BAD_INPUT)
        self.assertEqual(self.circulated(), [])
        self.assertEqual(office.pack_file(PACK_ZIP).read_bytes(), zip_bytes)  # not replaced
        alerts = self.alerts()
        self.assertEqual([recipient for recipient, _ in alerts], [ADMINISTRATOR])
        body = alerts[0][1].get_body(("plain",)).get_content()
        self.assertIn("panelpack pack permanence 2026-12-15", body)
        self.assertNotIn(PASSWORD, body)

        # Every five minutes the same failure: no second alert.
        self.assertExit(office.tick("2026-12-11T12:05"), BAD_INPUT)
        self.assertEqual(len(self.alerts()), 1)
        # A different failure (the options changed again): told again.
        self.set_circulation(office, attach="pdf", passwordFile="pack-password")
        self.assertExit(office.tick("2026-12-11T12:10"), BAD_INPUT)
        self.assertEqual(len(self.alerts()), 2)
        self.assertEqual(self.circulated(), [])

        # Built again as the alert says: the next tick circulates it, encrypted.
        self.assertExit(office.run("pack", "permanence", "2026-12-15", "--now", "2026-12-11T12:12"),
                        SUCCESS)
        self.assertExit(office.tick("2026-12-11T12:15"), SUCCESS)
        circulated = self.circulated()
        self.assertEqual(len(circulated), 6)
        self.assertTrue(pdf_needs_password(self.attachment_file(circulated[0][2], PACK_PDF)))

    def test_a_pack_is_built_again_when_a_paper_arrived_after_it_was_built(self):
        office, _ = self.office_with_server()
        self.assertExit(office.run("pack", "permanence", "2026-12-15", "--now", BEFORE_DEADLINE),
                        SUCCESS)
        first = office.pack_file(PACK_ZIP).read_bytes()
        chronology = office.root / "papers" / "LCS900108" / "chronology.docx"
        chronology.parent.mkdir(parents=True)
        shutil.copy(office.root / "papers" / "LCS900102" / "care-plan.docx", chronology)
        self.assertExit(office.run("book", "permanence", "2026-12-15", "LCS900108", "--received",
                                   "chronology", "--at", "2026-12-11T11:30",
                                   "--file", chronology,
                                   "--now", "2026-12-11T11:30"), SUCCESS)
        self.assertExit(office.tick(DEADLINE), SUCCESS)
        self.assertNotEqual(office.pack_file(PACK_ZIP).read_bytes(), first)
        _, _, message = self.circulated()[0]
        with zipfile.ZipFile(self.attachment_file(message, PACK_ZIP)) as archive:
            names = archive.namelist()
        self.assertTrue(any("LCS900108" in name and "chronology" in name for name in names), names)

    def test_a_pack_current_and_built_with_the_options_is_circulated_as_it_is(self):
        office, _ = self.office_with_server()
        self.assertExit(office.run("pack", "permanence", "2026-12-15", "--now", BEFORE_DEADLINE),
                        SUCCESS)
        first = office.pack_file(PACK_ZIP).read_bytes()
        self.assertExit(office.tick(DEADLINE), SUCCESS)
        self.assertEqual(office.pack_file(PACK_ZIP).read_bytes(), first)
        circulated = self.circulated()
        self.assertEqual(len(circulated), 6)  # the chair, 4 members and the submission mailbox
        for _, _, message in circulated:
            self.assertEqual([part.get_content() for part in message.iter_attachments()], [first])

    def test_a_pack_that_cannot_be_built_emails_the_administrator(self):
        office, _ = self.office_with_server()
        (office.root / "papers" / "LCS900102" / "care-plan.docx").unlink()
        self.assertExit(office.tick(DEADLINE), BAD_INPUT)
        self.assertEqual(self.circulated(), [])
        alerts = self.alerts()
        self.assertEqual([recipient for recipient, _ in alerts], [ADMINISTRATOR])
        message = alerts[0][1]
        self.assertTrue(message["Subject"].startswith("OFFICIAL-SENSITIVE: "))
        body = message.get_body(("plain",)).get_content()
        self.assertIn("papers/LCS900102/care-plan.docx", body)
        self.assertExit(office.tick("2026-12-11T12:05"), BAD_INPUT)
        self.assertEqual(len(self.alerts()), 1)


if __name__ == "__main__":
    ticktest.main()
