#!/usr/bin/python3
"""`panelpack intake` (and tick running it) against a REAL IMAP server: Dovecot from
tests/mailer/imap_server.py on 127.0.0.1 with IMAPS and a test certificate, holding messages
made the way Outlook, a phone and a forwarding client send them; replies go through the test
SMTP server. Each paper lands on the right booking received at the message's INTERNALDATE, the
sender is answered (on time or late), what cannot be placed is listed, messages are flagged (or
moved), a second run changes nothing, and a mailbox down or refusing the login is said and
loses nothing.

Environment (tests/CMakeLists.txt): PANELPACK_BIN, PANELPACK_SOURCE_DIR, TICK_WORK_DIR.
"""

import base64
import datetime
import email
import email.policy
import io
import json
import shutil
import sys
import tempfile
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ticktest import (BAD_INPUT, MACHINE_FAILURE, PRIYA_R, RAVI, SUCCESS, Office,  # noqa: E402
                      TickTestCase, child_names, main)
from office_copy import edit_json  # noqa: E402
from imap_server import ImapServer  # noqa: E402

UTC = datetime.timezone.utc
BEN = "ben.ashworth-lyle@northbridge.example.org"  # LCS900109's social worker
KEYWORD = "$PanelpackFiled"


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def docx(words):
    """A small real DOCX."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr("[Content_Types].xml",
                          '<Types><Override PartName="/word/document.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                          '</Types>')
        document.writestr("word/document.xml", "<w:document><w:body>" + words +
                          "</w:body></w:document>")
    return buffer.getvalue()


def pdf(words):
    """A one-page PDF qpdf opens, with its cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n% " + words.encode() + b"\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1,
                                                                                xref)
    return out


def outlook(sender, subject, filename, data, sent):
    """Outlook's shape: mixed > (related > (alternative > text, html), logo), attachment."""
    message = EmailMessage()
    message["From"] = f"Priya Ravenscroft <{sender}>"
    message["To"] = "permanence.panel@northbridge.example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{sent.timestamp():.0f}.outlook@northbridge.example.org>"
    message.set_content("Hi,\n\nPlease find attached.\n\nPriya\n")
    message.add_alternative("<p>Hi,</p><p>Please find attached.</p><img src=\"cid:logo\">",
                            subtype="html")
    message.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n" + b"\0" * 600, "image", "png",
                                         cid="<logo>", filename="image001.png")
    message.add_attachment(data, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename=filename)
    return message.as_bytes()


def phone(sender, subject, filename, data, sent):
    """A phone's shape: text first, the file with a raw UTF-8 name in quotes."""
    encoded = base64.encodebytes(data).decode().replace("\n", "\r\n")
    raw = (f"From: {sender}\r\nTo: permanence.panel@northbridge.example.org\r\n"
           f"Subject: {subject}\r\nDate: {format_datetime(sent)}\r\n"
           "Message-Id: <ABCD-1234@iphone.example.org>\r\nMime-Version: 1.0 (1.0)\r\n"
           "Content-Type: multipart/mixed; boundary=Apple-Mail-1\r\n\r\n"
           "--Apple-Mail-1\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 7bit\r\n\r\nSent from my phone\r\n"
           f"--Apple-Mail-1\r\nContent-Type: application/pdf; name=\"{filename}\"\r\n"
           f"Content-Disposition: attachment; filename=\"{filename}\"\r\n"
           f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--Apple-Mail-1--\r\n")
    return raw.encode("utf-8")


def forwarded(sender, subject, inner, sent):
    """A forward: the original message attached whole (message/rfc822)."""
    message = EmailMessage()
    message["From"] = f"Ravi Sandhurst <{sender}>"
    message["To"] = "permanence.panel@northbridge.example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message.set_content("Forwarding for panel.\n")
    # The original whole and unencoded, as mail programs forward (RFC 2046 5.2.1: no base64).
    message.add_attachment(email.message_from_bytes(inner, policy=email.policy.default))
    return message.as_bytes()


class IntakeTest(TickTestCase):
    def setUp(self):
        super().setUp()
        # Dovecot's sockets need a short path (108 bytes): its folder is under /tmp.
        self.imap_folder = Path(tempfile.mkdtemp(prefix="pp-imap-"))
        self.addCleanup(shutil.rmtree, self.imap_folder, True)
        self.imap = ImapServer(self.imap_folder)
        self.addCleanup(self.imap.stop)
        self.office, self.smtp = self.office_with_server()
        self.use_mailbox(self.imap.password)

    def use_mailbox(self, password, **extra):
        password_file = self.folder / "mailbox-password"
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        edit_json(self.office.root / "office.json", lambda office: office["mail"].update({"intake": {
            "host": "127.0.0.1", "port": self.imap.imaps_port, "security": "imaps",
            "username": self.imap.user, "passwordFile": str(password_file),
            "caFile": str(self.imap.ca_file), "folder": "INBOX", **extra}}))

    def bookings(self, panel, date):
        return (self.office.root / "bookings" / panel / f"{date}.json").read_bytes()

    def paper(self, panel, date, case_ref, kind):
        items = json.loads(self.bookings(panel, date))["items"]
        papers = [p for i in items if i["caseRef"] == case_ref for p in i["papers"]
                  if p["type"] == kind]
        self.assertTrue(papers, f"no {kind} recorded for {case_ref} on {panel} {date}")
        return papers[-1]

    def intake(self, now="2026-12-14T09:00", *extra):
        return self.office.run("intake", "--now", now, *extra)

    def replies(self):
        return {(envelope["rcpt_tos"][0], message["Subject"])
                for envelope, _, message in self.delivered()
                if "panel mailbox" in message["Subject"] or "Received" in message["Subject"]}

    def test_files_answers_lists_and_marks_then_does_nothing_new(self):
        # Dovecot keeps no arrival time later than its own clock, so every message here arrived
        # in the past; the permanence panel's papers are due 15 working days before (24 November
        # for 15 December) so that a past arrival can be late.
        def papers_due_early(office):
            panel = next(p for p in office["panels"] if p["id"] == "permanence")
            panel.setdefault("deadlines", {})["papersDue"] = {
                "kind": "working_days", "count": 15, "direction": "before", "time": "17:00"}
        edit_json(self.office.root / "office.json", papers_due_early)
        chronology = docx("chronology of LCS900108")
        finance = pdf("finance request")
        referral = docx("referral LCS900105")
        self.imap.append(outlook(PRIYA_R, "LCS900108 chronology", "LCS900108 Chronology.docx",
                                 chronology, at("2026-12-01T08:29:00")), at("2026-12-01T08:30:00"))
        self.imap.append(phone(BEN, "Finance request", "Demande – LCS900109 finance request é.pdf",
                               finance, at("2026-11-30T09:59:00")), at("2026-11-30T10:00:00"))
        inner = outlook("jo.team@northbridge.example.org", "referral", "referral LCS900105.docx",
                        referral, at("2026-11-30T10:30:00"))
        self.imap.append(forwarded(RAVI, "FW: referral", inner, at("2026-11-30T11:00:00")),
                         at("2026-11-30T11:00:00"))
        self.imap.append(outlook(RAVI, "papers", "document.docx", docx("what is this"),
                                 at("2026-11-30T12:00:00")), at("2026-11-30T12:00:00"))

        result = self.intake("2026-12-14T09:00", "--json")
        self.assertExit(result, BAD_INPUT)  # one left unmatched: a person should look
        summary = json.loads(result.stdout)
        self.assertEqual((summary["messages"], summary["filed"], summary["refused"],
                          summary["unmatched"]), (4, 3, 0, 1), summary["lines"])
        for name in child_names():
            self.assertNotIn(name, result.stdout + result.stderr)
        self.assertNotIn("Demande", result.stdout)  # no file names in the log

        late = self.paper("permanence", "2026-12-15", "LCS900108", "chronology")
        self.assertEqual(late["receivedAt"], "2026-12-01T08:30:00+00:00")
        self.assertEqual((self.office.root / late["file"]).read_bytes(), chronology)
        on_time = self.paper("permanence", "2027-01-26", "LCS900109", "finance-request")
        self.assertEqual(on_time["receivedAt"], "2026-11-30T10:00:00+00:00")
        self.assertEqual((self.office.root / on_time["file"]).read_bytes(), finance)
        self.assertTrue(on_time["file"].endswith(".pdf"))
        forward = self.paper("pptm", "2027-01-26", "LCS900105", "referral")
        self.assertEqual((self.office.root / forward["file"]).read_bytes(), referral)

        waiting = list((self.office.root / "intake" / "unmatched").glob("*/entry.json"))
        self.assertEqual(len(waiting), 1)
        entry = json.loads(waiting[0].read_text())
        self.assertEqual(entry["fromEmail"], RAVI)
        self.assertEqual(entry["filename"], "document.docx")
        self.assertEqual(entry["reason"],
                         "no case reference was found in the subject, the file name or the message")
        self.assertEqual([KEYWORD in flags for _, flags, _ in self.imap.messages()], [True] * 4)

        # The tick sends the replies (with the day's other mail).
        self.assertExit(self.office.tick("2026-12-14T09:00"), SUCCESS)
        replies = self.replies()
        self.assertIn((PRIYA_R, "OFFICIAL-SENSITIVE: Received late: Chronology for LCS900108 (AV), "
                                "for the panel of 15 December"), replies)
        self.assertIn((BEN, "OFFICIAL-SENSITIVE: Received: Finance request for LCS900109 (MA), on "
                            "time for the panel of 26 January"), replies)
        self.assertIn((RAVI, "OFFICIAL-SENSITIVE: Received, not yet placed: a paper you sent to "
                             "the panel mailbox"), replies)
        self.assertEqual(len(replies), 4, replies)
        for _, subject in replies:
            for name in child_names():
                self.assertNotIn(name, subject)
        status = json.loads((self.office.root / "intake" / "status.json").read_text())
        self.assertEqual((status["ok"], status["waiting"]), (True, 1))
        self.assertIn("1 paper from the mailbox waits", self.office.run("status").stdout)

        # Again: nothing read, nothing recorded, nothing sent.
        sittings = (("permanence", "2026-12-15"), ("permanence", "2027-01-26"),
                    ("pptm", "2027-01-26"))
        before = {sitting: self.bookings(*sitting) for sitting in sittings}
        delivered = len(self.delivered())
        again = self.intake("2026-12-14T09:10")
        self.assertExit(again, SUCCESS)
        self.assertIn("intake: 0 messages read, 0 papers filed", again.stdout)
        self.assertExit(self.office.tick("2026-12-14T09:10"), SUCCESS)
        self.assertEqual(len(self.delivered()), delivered)
        for sitting, data in before.items():
            self.assertEqual(self.bookings(*sitting), data, sitting)

    def test_processed_messages_can_be_moved_instead(self):
        self.use_mailbox(self.imap.password, processed="move", processedFolder="Filed")
        self.imap.append(outlook(PRIYA_R, "LCS900108 chronology", "chronology.docx",
                                 docx("c"), at("2026-11-30T10:00:00")), at("2026-11-30T10:00:00"))
        self.assertExit(self.intake(), SUCCESS)
        self.assertIn("Filed", self.imap.folders())
        self.assertEqual(self.imap.messages("INBOX"), [])
        self.assertEqual(len(self.imap.messages("Filed")), 1)
        self.assertEqual(self.paper("permanence", "2026-12-15", "LCS900108",
                                    "chronology")["receivedAt"], "2026-11-30T10:00:00+00:00")

    def test_a_mailbox_down_loses_nothing_and_a_wrong_password_is_a_login_error(self):
        self.imap.append(outlook(PRIYA_R, "LCS900108 chronology", "chronology.docx",
                                 docx("c"), at("2026-11-30T10:00:00")), at("2026-11-30T10:00:00"))
        self.imap.stop()
        tick = self.office.tick("2026-12-14T09:00")
        self.assertExit(tick, SUCCESS)  # a mailbox down is a warning, said once an outage
        self.assertIn("warning: intake:", tick.stdout)
        self.assertNotIn("warning: intake:", self.office.tick("2026-12-14T09:05").stdout)
        down = self.intake()
        self.assertExit(down, MACHINE_FAILURE)
        self.assertIn(f"127.0.0.1:{self.imap.imaps_port}", down.stderr)
        status = json.loads((self.office.root / "intake" / "status.json").read_text())
        self.assertEqual((status["ok"], status["errorCode"]), (False, "mailbox_unreachable"))
        self.assertIn("the last reading of the submission mailbox failed",
                      self.office.run("status").stdout)

        self.imap = ImapServer(self.imap_folder, imaps_port=self.imap.imaps_port,
                               starttls_port=self.imap.starttls_port)
        self.addCleanup(self.imap.stop)
        back = self.intake("2026-12-14T09:10")
        self.assertExit(back, SUCCESS)
        self.assertIn("LCS900108 chronology filed on permanence 2026-12-15 (on time)", back.stdout)

        self.use_mailbox("not-the-password")
        refused = self.intake("2026-12-14T09:20")
        self.assertExit(refused, MACHINE_FAILURE)
        status = json.loads((self.office.root / "intake" / "status.json").read_text())
        self.assertEqual((status["ok"], status["errorCode"]), (False, "mailbox_login"))
        tick = self.office.tick("2026-12-14T09:20")
        self.assertExit(tick, BAD_INPUT)  # a login refused is a problem a person must fix
        self.assertIn("intake:", tick.stderr)


if __name__ == "__main__":
    main()
