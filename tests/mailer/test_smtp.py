#!/usr/bin/python3
"""SmtpSession against a real SMTP server on 127.0.0.1 (aiosmtpd): what arrives, decoded by
Python's email package; the TLS and AUTH policy, checked against the commands the server saw;
and the outcome of refusals, a server that is down and one that never answers."""

import email.utils
import hashlib
import os
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mailtest  # noqa: E402

USER, PASSWORD = "panel-relay", "s3cret pass"
NON_ASCII_SUBJECT = "OFFICIAL-SENSITIVE: réunion du panel — LCS900102 ✉ 𝄞"


class SmtpTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = mailtest.work_folder("smtp")
        cls.certificates = mailtest.make_certificates(cls.folder / "certificates")
        cls.attachment_bytes = os.urandom(3 * 1024 * 1024 + 17)
        cls.attachment = cls.folder / "pack.pdf"
        cls.attachment.write_bytes(cls.attachment_bytes)
        (cls.folder / "notes.txt").write_text("notes\n")

    def server(self, *options):
        folder = mailtest.work_folder("server")
        return mailtest.SmtpServer(folder, *options)

    def tls_server(self, *options, certificate="good"):
        return self.server(*mailtest.tls_options(self.certificates[certificate]),
                           "--auth", f"{USER}:{PASSWORD}", *options)

    def smtp_args(self, server, host="localhost", credentials=True, *extra):
        args = ["--host", host, "--port", server.port if hasattr(server, "port") else server,
                "--ca", self.certificates["ca"], "--read-timeout", "10"]
        if credentials:
            args += ["--user", USER, "--password", PASSWORD]
        return args + list(extra)

    def message(self, **changes):
        message = {
            "from": {"name": "Panel Office", "email": "panel@example.org"},
            "to": [{"name": "Jo Bloggs", "email": "jo@example.org"}],
            "subject": "Reminder",
            "text": "Hello",
        }
        message.update(changes)
        return mailtest.write_json(mailtest.work_folder("message") / "message.json", message)

    def send(self, server, message, *recipients, host="localhost", extra=()):
        args = ["send", *self.smtp_args(server, host), *extra, "--message", message,
                "--from", "panel@example.org"]
        for recipient in recipients:
            args += ["--to", recipient]
        return mailtest.run_tool(*args)

    def assert_wire_clean(self, raw):
        for index, byte in enumerate(raw):
            if byte == 0x0A:
                self.assertEqual(raw[index - 1], 0x0D, f"bare LF at {index}")
            if byte == 0x0D:
                self.assertEqual(raw[index + 1], 0x0A, f"bare CR at {index}")
        self.assertLessEqual(max(len(line) for line in raw.split(b"\r\n")), 998)

    # ---- what arrives ----

    def test_non_ascii_and_injection_attempts_decode_right_and_add_no_header(self):
        injection = "\r\nBcc: evil@evil.example\r\n"
        text = "Dear Jo,\nyour slot is 10:00.\n.\n..two dots\r\nbare CR\rend — fin\n"
        html = "<p>Dear Jo,</p>\n<p>café ✉</p>\n.\n"
        message = self.message(
            **{
                "from": {"name": "Bureau des études \"Panel\"", "email": "panel@example.org"},
                "to": [{"name": "Jó O'Brien-Łukasz" + injection, "email": "jo@example.org"},
                       {"name": "Bloggs, Sam", "email": "sam@example.org"}],
                "cc": [{"name": "Zoë Manager", "email": "tm@example.org"}],
                "reply_to": {"name": "Panel Admin", "email": "admin@example.org"},
                "subject": NON_ASCII_SUBJECT + injection + "tail",
                "text": text,
                "html": html,
                "message_id": "<fixed.id.1@example.org>",
                "extra_headers": [["X-Panel-Key", "reminder|2026-12-15" + injection + "x"]],
                "attachments": [
                    {"file": str(self.attachment), "filename": "Résumé d’été — LCS900102.pdf",
                     "content_type": "application/pdf"},
                    {"file": str(self.folder / "notes.txt")},
                ],
            })
        with self.tls_server() as server:
            before = time.time()
            results = self.send(server, message, "jo@example.org")
            self.assertEqual(results[0]["outcome"], "delivered", results)
            self.assertEqual(results[0]["code"], 250)
            delivered = server.delivered()
        self.assertEqual(len(delivered), 1)
        envelope, raw, parsed = delivered[0]
        self.assertEqual(envelope["rcpt_tos"], ["jo@example.org"])
        self.assertEqual(envelope["mail_from"], "panel@example.org")
        self.assertTrue(envelope["tls"])
        self.assertTrue(envelope["authenticated"])
        self.assert_wire_clean(raw)

        self.assertEqual(
            [name.lower() for name in parsed.keys()],
            ["date", "from", "reply-to", "to", "cc", "message-id", "subject", "x-panel-key",
             "mime-version", "content-type"])
        self.assertNotIn("bcc", [name.lower() for name in parsed.keys()])
        self.assertEqual(parsed["Subject"], NON_ASCII_SUBJECT + "  Bcc: evil@evil.example  tail")
        self.assertEqual(parsed["X-Panel-Key"], "reminder|2026-12-15  Bcc: evil@evil.example  x")
        self.assertEqual(parsed["From"].addresses[0].display_name, 'Bureau des études "Panel"')
        to = parsed["To"].addresses
        self.assertEqual([a.addr_spec for a in to], ["jo@example.org", "sam@example.org"])
        self.assertEqual(to[0].display_name, "Jó O'Brien-Łukasz Bcc: evil@evil.example")
        self.assertEqual(to[1].display_name, "Bloggs, Sam")
        self.assertEqual(parsed["Cc"].addresses[0].display_name, "Zoë Manager")
        self.assertEqual(parsed["Reply-To"].addresses[0].addr_spec, "admin@example.org")
        self.assertEqual(parsed["Message-ID"], "<fixed.id.1@example.org>")
        self.assertEqual(parsed["MIME-Version"], "1.0")
        sent_at = email.utils.parsedate_to_datetime(parsed["Date"]).timestamp()
        self.assertLessEqual(abs(sent_at - before), 60)
        self.assertEqual(parsed.get_content_type(), "multipart/mixed")
        self.assertEqual(parsed.defects, [])
        for name, value in parsed.items():
            self.assertEqual(value.defects, (), name)

        body = parsed.get_body(preferencelist=("plain",))
        self.assertEqual(body.get_content_charset(), "utf-8")
        # Every line end arrives as CRLF (bare LF and bare CR made CRLF), nothing else changed.
        self.assertEqual(body.get_content(), "Dear Jo,\r\nyour slot is 10:00.\r\n.\r\n"
                         "..two dots\r\nbare CR\r\nend — fin\r\n")
        self.assertEqual(parsed.get_body(preferencelist=("html",)).get_content(),
                         "<p>Dear Jo,</p>\r\n<p>café ✉</p>\r\n.\r\n")
        attachments = list(parsed.iter_attachments())
        self.assertEqual([part.get_filename() for part in attachments],
                         ["Résumé d’été — LCS900102.pdf", "notes.txt"])
        self.assertEqual(attachments[0].get_content_type(), "application/pdf")
        self.assertEqual(hashlib.sha256(attachments[0].get_content()).hexdigest(),
                         hashlib.sha256(self.attachment_bytes).hexdigest())
        self.assertEqual(attachments[1].get_content_type(), "application/octet-stream")
        self.assertEqual(attachments[1].get_content(), b"notes\n")

    def test_long_names_and_subjects_fold_and_decode(self):
        name = "Ṁaría-José de la Peña y Ñúñez " * 4
        subject = ("Reminder for the permanence panel on Tuesday 15 December 2026 at 10:00, "
                   "papers still missing: ") * 3
        message = self.message(subject=subject.strip(),
                               to=[{"name": name.strip(), "email": "jo@example.org"}])
        with self.tls_server() as server:
            self.assertEqual(self.send(server, message, "jo@example.org")[0]["outcome"],
                             "delivered")
            _, raw, parsed = server.delivered()[0]
        header_end = raw.index(b"\r\n\r\n")
        self.assertLessEqual(max(len(line) for line in raw[:header_end].split(b"\r\n")), 78)
        self.assertEqual(parsed["Subject"], subject.strip())
        self.assertEqual(parsed["To"].addresses[0].display_name, name.strip())

    # ---- TLS and AUTH policy ----

    def test_starttls_then_auth_plain_and_no_command_before_tls_but_ehlo(self):
        for host in ("localhost", "127.0.0.1"):
            with self.tls_server() as server:
                results = self.send(server, self.message(), "jo@example.org", host=host)
                self.assertEqual(results[0]["outcome"], "delivered", results)
                verbs = server.verbs()
                entries = server.log_entries()
            self.assertEqual([verb for verb, _ in verbs],
                             ["EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"])
            self.assertEqual([tls for _, tls in verbs],
                             [False, False, True, True, True, True, True, True])
            self.assertEqual([e["detail"] for e in entries if e["verb"] == "AUTH"], ["PLAIN"])
            # SNI carries the host name the certificate is checked against, never an IP.
            self.assertEqual([e["detail"] for e in entries if e["verb"] == "SNI"],
                             ["localhost"] if host == "localhost" else [""])

    def assert_refused_before_auth(self, server, expected_code, host="localhost"):
        started = time.monotonic()
        results = self.send(server, self.message(), "jo@example.org", host=host)
        self.assertEqual(results[0].get("error"), expected_code, results)
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(server.delivered(), [])
        seen = [verb for verb, _ in server.verbs()]
        self.assertNotIn("AUTH", seen)
        self.assertNotIn("MAIL", seen)
        return results[0]

    def test_a_server_without_starttls_gets_no_credentials_and_no_mail(self):
        with self.tls_server("--no-starttls") as server:
            error = self.assert_refused_before_auth(server, "starttls_unavailable")
        self.assertFalse(error["temporary"])
        self.assertIn(f"localhost:{server.port}", error["message"])

    def test_a_server_refusing_starttls_gets_no_credentials_and_no_mail(self):
        with self.tls_server("--refuse-starttls") as server:
            error = self.assert_refused_before_auth(server, "starttls_unavailable")
        self.assertIn("454", error["message"])
        self.assertFalse(error["temporary"])

    def test_a_certificate_from_an_untrusted_ca_is_rejected(self):
        with self.tls_server(certificate="untrusted") as server:
            self.assert_refused_before_auth(server, "certificate_rejected")
        self.assertEqual([verb for verb, _ in server.verbs()], ["EHLO", "STARTTLS"])

    def test_a_certificate_for_another_name_is_rejected(self):
        with self.tls_server(certificate="wrong_name") as server:
            self.assert_refused_before_auth(server, "certificate_rejected", host="localhost")
        with self.tls_server(certificate="wrong_name") as server:
            self.assert_refused_before_auth(server, "certificate_rejected", host="127.0.0.1")

    def test_wrong_credentials_are_auth_failed_and_nothing_is_sent(self):
        with self.server(*mailtest.tls_options(self.certificates["good"]),
                         "--auth", f"{USER}:other") as server:
            results = self.send(server, self.message(), "jo@example.org")
            self.assertEqual(results[0].get("error"), "auth_failed", results)
            self.assertIn("535", results[0]["message"])
            self.assertEqual(server.delivered(), [])

    def test_plain_smtp_only_to_loopback_and_never_with_credentials(self):
        with self.server() as server:
            results = mailtest.run_tool(
                "send", "--host", "127.0.0.1", "--port", server.port, "--security", "plain",
                "--message", self.message(), "--from", "panel@example.org",
                "--to", "jo@example.org")
            self.assertEqual(results[0]["outcome"], "delivered", results)
            envelope, _, _ = server.delivered()[0]
            self.assertFalse(envelope["tls"])
        refused = mailtest.run_tool("send", "--host", "192.0.2.1", "--port", "25", "--security",
                                    "plain", "--message", self.message(), "--from",
                                    "panel@example.org", "--to", "jo@example.org")
        self.assertEqual(refused[0]["error"], "plain_needs_loopback")
        refused = mailtest.run_tool("send", "--host", "127.0.0.1", "--port", "25", "--security",
                                    "plain", "--user", USER, "--password", PASSWORD, "--message",
                                    self.message(), "--from", "panel@example.org", "--to",
                                    "jo@example.org")
        self.assertEqual(refused[0]["error"], "auth_needs_tls")

    # ---- outcomes ----

    def test_550_is_permanent_and_the_next_message_on_the_session_is_delivered(self):
        with self.tls_server("--reject", "gone@example.org=550") as server:
            results = self.send(server, self.message(), "gone@example.org", "jo@example.org")
            verbs = [verb for verb, _ in server.verbs()]
            delivered = server.delivered()
        self.assertEqual(results[0]["outcome"], "permanent_failure")
        self.assertEqual(results[0]["code"], 550)
        self.assertIn("mailbox unavailable", results[0]["reply"])
        self.assertEqual(results[1]["outcome"], "delivered")
        self.assertEqual([envelope["rcpt_tos"] for envelope, _, _ in delivered],
                         [["jo@example.org"]])
        self.assertEqual(verbs.count("EHLO"), 2)  # one session: before and after STARTTLS
        self.assertEqual(verbs[verbs.index("RCPT") + 1], "RSET")

    def test_450_is_temporary(self):
        with self.tls_server("--reject", "busy@example.org=450") as server:
            results = self.send(server, self.message(), "busy@example.org")
            self.assertEqual(server.delivered(), [])
        self.assertEqual(results[0]["outcome"], "temporary_failure")
        self.assertEqual(results[0]["code"], 450)

    def test_a_server_that_is_down_is_a_temporary_failure(self):
        port = mailtest.free_port()
        results = self.send(port, self.message(), "jo@example.org", host="127.0.0.1")
        self.assertEqual(results[0]["outcome"], "temporary_failure")
        self.assertEqual(results[0]["code"], 0)
        self.assertIn(f"127.0.0.1:{port}", results[0]["reply"])
        connect = mailtest.run_tool("connect", *self.smtp_args(port, "127.0.0.1"))
        self.assertEqual(connect[0]["error"], "connect_failed")
        self.assertTrue(connect[0]["temporary"])

    def test_a_silent_server_times_out_within_the_read_timeout(self):
        with self.server("--silent") as server:
            results = self.send(server, self.message(), "jo@example.org",
                                extra=("--read-timeout", "2"))
            connect = mailtest.run_tool("connect", *self.smtp_args(server),
                                        "--read-timeout", "2")
        self.assertEqual(results[0]["outcome"], "temporary_failure")
        self.assertEqual(results[0]["code"], 0)
        self.assertIn("no answer within 2 s", results[0]["reply"])
        self.assertGreaterEqual(results[0]["elapsed_ms"], 1900)
        self.assertLess(results[0]["elapsed_ms"], 6000)
        self.assertEqual(connect[0]["error"], "timeout")
        self.assertTrue(connect[0]["temporary"])
        self.assertLess(connect[0]["elapsed_ms"], 6000)

    def test_invalid_addresses_are_refused_before_any_command(self):
        with self.tls_server() as server:
            results = self.send(server, self.message(), "jo@example.org>\r\nRSET")
            self.assertEqual(results[0]["error"], "invalid_address")
            self.assertEqual(server.verbs(), [])


if __name__ == "__main__":
    mailtest.main()
