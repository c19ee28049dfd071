#!/usr/bin/python3
"""The submission mailbox (mailer/imap_mailbox.hpp, libcurl in libpanelpack_imap.so) against a
real Dovecot on 127.0.0.1 (imap_server.py), driven through imap_tool: what is listed (UIDs, the
INTERNALDATE given at APPEND, the exact bytes), that reading leaves unread mail unread, flag and
move modes and running twice, and the errors a person acts on (login, TLS, unreachable, folder,
insecure). The messages are those of make_received_messages.py.

Environment (set by tests/mailer/CMakeLists.txt): IMAP_TOOL, MAILER_TEST_DIR, MAILER_WORK_DIR.
"""

import base64
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

TEST_DIR = Path(os.environ.get("MAILER_TEST_DIR", Path(__file__).resolve().parent))
WORK_DIR = Path(os.environ.get("MAILER_WORK_DIR", tempfile.gettempdir()))
TOOL = os.environ.get("IMAP_TOOL", "")
sys.path.insert(0, str(TEST_DIR))

from imap_server import ImapServer, free_port, make_certificate  # noqa: E402
import make_received_messages  # noqa: E402

# Tuesday 1 December 2026, 10:15 UTC, then a minute apart per message.
FIRST_ARRIVAL = datetime(2026, 12, 1, 10, 15, 0, tzinfo=timezone.utc)


def tool(*arguments, password=None):
    environment = dict(os.environ, IMAP_PASSWORD=password if password is not None
                       else SERVER.password)
    done = subprocess.run([TOOL, *arguments], capture_output=True, text=True, env=environment,
                          timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"imap_tool {arguments} exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def imaps(*extra, port=None, ca=None):
    return ["list", "--host", "127.0.0.1", "--port", str(port or SERVER.imaps_port),
            "--security", "imaps", "--ca", str(ca or SERVER.ca_file), "--user", SERVER.user,
            *extra]


SERVER = None
MESSAGES = {}  # name -> raw bytes


def setUpModule():
    global SERVER
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="imap-", dir=WORK_DIR))
    # The server writes INTERNALDATE in its own zone: +0530 here, so the offset is read too.
    SERVER = ImapServer(folder, timezone="IST-5:30")
    for name, make in make_received_messages.MAKERS.items():
        MESSAGES[name], _ = make()


def tearDownModule():
    if SERVER:
        SERVER.stop()


def fill(folder, names, seen=()):
    """Appends the named messages to a new folder, a minute apart; returns their arrival times."""
    client = SERVER.client()
    client.create(folder)
    client.logout()
    arrivals = []
    for index, name in enumerate(names):
        arrived = FIRST_ARRIVAL + timedelta(minutes=index)
        SERVER.append(MESSAGES[name], arrived, folder, "(\\Seen)" if name in seen else "")
        arrivals.append(arrived)
    return arrivals


class Listing(unittest.TestCase):
    def test_lists_each_message_with_its_internaldate_and_its_exact_bytes(self):
        names = ["outlook", "iphone", "forwarded", "two_attachments", "no_attachment", "winmail"]
        arrivals = fill("Listing", names, seen={"iphone"})
        answer = tool(*imaps("--folder", "Listing"))
        self.assertNotIn("error", answer, answer)
        listed = answer["messages"]
        self.assertEqual([int(m["uid"]) for m in listed], [1, 2, 3, 4, 5, 6])
        self.assertEqual(len({m["uid_validity"] for m in listed}), 1)
        self.assertTrue(listed[0]["uid_validity"].isdigit())
        for message, name, arrived in zip(listed, names, arrivals):
            raw = base64.b64decode(message["raw_base64"])
            self.assertEqual(raw, MESSAGES[name], name)
            self.assertEqual(message["sha256"], hashlib.sha256(MESSAGES[name]).hexdigest())
            self.assertEqual(message["size"], len(MESSAGES[name]))
            self.assertEqual(message["arrived"], int(arrived.timestamp()), name)
            self.assertFalse(message["too_large"])
        client = SERVER.client()
        client.select("Listing", readonly=True)
        _, dates = client.uid("FETCH", "1", "(INTERNALDATE)")
        client.logout()
        self.assertIn(b'"01-Dec-2026 15:45:00 +0530"', dates[0])  # 10:15 UTC
        # Reading changes no flag: unread stays unread, read stays read, nothing is filed.
        flags = {uid: flags for uid, flags, _ in SERVER.messages("Listing")}
        self.assertEqual(flags[2], ["\\Seen"])
        for uid in (1, 3, 4, 5, 6):
            self.assertNotIn("\\Seen", flags[uid])
            self.assertNotIn("$PanelpackFiled", flags[uid])

    def test_a_limit_takes_the_oldest_and_a_message_too_long_is_listed_unfetched(self):
        fill("Limits", ["no_attachment", "outlook", "iphone"])
        self.assertLess(len(MESSAGES["no_attachment"]), len(MESSAGES["outlook"]))
        answer = tool(*imaps("--folder", "Limits", "--limit", "2",
                             "--max-bytes", str(len(MESSAGES["no_attachment"]))))
        listed = answer["messages"]
        self.assertEqual([m["uid"] for m in listed], ["1", "2"])
        self.assertFalse(listed[0]["too_large"])
        self.assertEqual(base64.b64decode(listed[0]["raw_base64"]), MESSAGES["no_attachment"])
        self.assertTrue(listed[1]["too_large"])
        self.assertEqual(listed[1]["raw_base64"], "")
        self.assertEqual(listed[1]["size"], len(MESSAGES["outlook"]))

    def test_starttls_on_the_second_listener(self):
        fill("Starttls", ["iphone"])
        answer = tool("list", "--host", "127.0.0.1", "--port", str(SERVER.starttls_port),
                      "--security", "starttls", "--ca", str(SERVER.ca_file), "--user",
                      SERVER.user, "--folder", "Starttls")
        self.assertNotIn("error", answer, answer)
        self.assertEqual(base64.b64decode(answer["messages"][0]["raw_base64"]),
                         MESSAGES["iphone"])


class Processing(unittest.TestCase):
    def test_flag_mode_keeps_the_messages_and_lists_them_no_more(self):
        fill("Flagging", ["outlook", "forwarded", "winmail"])
        first = tool(*imaps("--folder", "Flagging", "--mark-twice"))  # twice: idempotent
        self.assertEqual(len(first["messages"]), 3)
        self.assertEqual(first["marked"], 3)
        kept = SERVER.messages("Flagging")
        self.assertEqual(len(kept), 3)
        for uid, flags, raw in kept:
            self.assertIn("$PanelpackFiled", flags)
            self.assertNotIn("\\Deleted", flags)
        self.assertEqual(tool(*imaps("--folder", "Flagging"))["messages"], [])
        # A message that arrives later is the only one listed.
        SERVER.append(MESSAGES["iphone"], FIRST_ARRIVAL + timedelta(hours=1), "Flagging")
        later = tool(*imaps("--folder", "Flagging"))["messages"]
        self.assertEqual([m["uid"] for m in later], ["4"])

    def test_move_mode_moves_them_to_a_folder_it_creates(self):
        fill("Moving", ["two_attachments", "no_attachment"])
        self.assertNotIn("Done papers", SERVER.folders())
        answer = tool(*imaps("--folder", "Moving", "--processed", "move", "--processed-folder",
                             "Done papers", "--mark-twice"))
        self.assertNotIn("error", answer, answer)
        self.assertEqual(answer["marked"], 2)
        self.assertIn("Done papers", SERVER.folders())
        self.assertEqual(SERVER.messages("Moving"), [])
        moved = [raw for _, _, raw in SERVER.messages("Done papers")]
        self.assertEqual(moved, [MESSAGES["two_attachments"], MESSAGES["no_attachment"]])
        self.assertEqual(tool(*imaps("--folder", "Moving", "--processed", "move",
                                     "--processed-folder", "Done papers"))["messages"], [])


class AnOlderServer(unittest.TestCase):
    """Dovecot without TLS (so no STARTTLS) and announcing no MOVE, on loopback."""

    @classmethod
    def setUpClass(cls):
        folder = Path(tempfile.mkdtemp(prefix="imap-older-", dir=WORK_DIR))
        cls.server = ImapServer(folder, tls=False,
                                capability="IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def plain(self, *extra, security="plain"):
        return tool("list", "--host", "127.0.0.1", "--port", str(self.server.starttls_port),
                    "--security", security, "--user", self.server.user, *extra)

    def test_starttls_is_refused_when_the_server_does_not_offer_it(self):
        answer = self.plain(security="starttls")
        self.assertEqual(answer["error"], "mailbox_tls", answer)
        self.assertIn("does not offer STARTTLS", answer["message"])

    def test_without_move_a_message_is_copied_and_flagged(self):
        self.server.append(MESSAGES["outlook"], FIRST_ARRIVAL, "INBOX")
        answer = self.plain("--processed", "move", "--mark")
        self.assertNotIn("error", answer, answer)
        self.assertEqual(answer["marked"], 1)
        self.assertEqual([raw for _, _, raw in self.server.messages("Filed")],
                         [MESSAGES["outlook"]])
        (_, flags, raw), = self.server.messages("INBOX")
        self.assertEqual(raw, MESSAGES["outlook"])
        self.assertIn("$PanelpackFiled", flags)
        self.assertNotIn("\\Deleted", flags)
        self.assertEqual(self.plain("--processed", "move")["messages"], [])


class LoadOnDemand(unittest.TestCase):
    def test_the_mailer_links_neither_libcurl_nor_gmime(self):
        needed = subprocess.run(["readelf", "-d", TOOL], capture_output=True, text=True,
                                check=True).stdout
        self.assertIn("NEEDED", needed)
        for library in ("libcurl", "libgmime", "libglib"):
            self.assertNotIn(library, needed)


class Errors(unittest.TestCase):
    def test_a_wrong_password_is_a_login_error_that_never_shows_the_password(self):
        answer = tool(*imaps(), password="not-the-password-42")
        self.assertEqual(answer["error"], "mailbox_login", answer)
        self.assertFalse(answer["temporary"])
        self.assertIn(f"127.0.0.1:{SERVER.imaps_port}", answer["message"])
        self.assertNotIn("not-the-password-42", answer["message"])
        self.assertIn("password", answer["message"])

    def test_nothing_listening_is_unreachable_and_temporary(self):
        port = free_port()
        answer = tool(*imaps(port=port))
        self.assertEqual(answer["error"], "mailbox_unreachable", answer)
        self.assertTrue(answer["temporary"])
        self.assertEqual(answer["where"], f"127.0.0.1:{port}")

    def test_a_silent_server_times_out_as_unreachable_and_temporary(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(4)  # connections complete in the kernel; nothing is ever said
            port = silent.getsockname()[1]
            for security in ("imaps", "starttls"):
                started = time.monotonic()
                answer = tool("list", "--host", "127.0.0.1", "--port", str(port), "--security",
                              security, "--ca", str(SERVER.ca_file), "--user", SERVER.user,
                              "--connect-timeout", "2", "--read-timeout", "2")
                self.assertEqual(answer["error"], "mailbox_unreachable", (security, answer))
                self.assertTrue(answer["temporary"])
                self.assertLess(time.monotonic() - started, 15)

    def test_a_certificate_not_from_the_ca_file_is_a_tls_error(self):
        other = Path(tempfile.mkdtemp(prefix="other-ca-", dir=WORK_DIR))
        stranger, _ = make_certificate(other, "stranger")
        for port, security in ((SERVER.imaps_port, "imaps"), (SERVER.starttls_port, "starttls")):
            answer = tool("list", "--host", "127.0.0.1", "--port", str(port), "--security",
                          security, "--ca", str(stranger), "--user", SERVER.user)
            self.assertEqual(answer["error"], "mailbox_tls", (security, answer))
            self.assertIn("certificate", answer["message"].lower())

    def test_the_host_must_be_named_in_the_certificate(self):
        # ::ffff:127.0.0.1 reaches the same server, but the certificate names only 127.0.0.1 and
        # localhost: a trusted certificate for another name is refused too.
        answer = tool("list", "--host", "::ffff:127.0.0.1", "--port", str(SERVER.imaps_port),
                      "--security", "imaps", "--ca", str(SERVER.ca_file), "--user", SERVER.user)
        self.assertEqual(answer.get("error"), "mailbox_tls", answer)

    def test_no_such_folder(self):
        answer = tool(*imaps("--folder", "Nowhere"))
        self.assertEqual(answer["error"], "mailbox_folder", answer)
        self.assertIn("Nowhere", answer["message"])

    def test_plain_imap_to_a_host_not_on_loopback_is_refused_before_connecting(self):
        answer = tool("list", "--host", "192.0.2.7", "--port", "143", "--security", "plain",
                      "--user", SERVER.user)
        self.assertEqual(answer["error"], "mailbox_insecure", answer)
        self.assertEqual(answer["where"], "192.0.2.7:143")


if __name__ == "__main__":
    if not TOOL:
        sys.exit("IMAP_TOOL is not set (run through ctest)")
    unittest.main(verbosity=2)
