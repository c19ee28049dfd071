"""What the tick tests share: a private copy of the sample office whose mail goes to the test
SMTP server (tests/mailer/smtp_server.py, on 127.0.0.1 only), panelpack runs, and the delivered
messages parsed by Python's email package.

Environment (set by tests/CMakeLists.txt): PANELPACK_BIN, PANELPACK_SOURCE_DIR, TICK_WORK_DIR.
"""

import collections
import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "office"))
sys.path.insert(0, str(HERE.parent / "mailer"))
from office_copy import SAMPLE_OFFICE, copy_sample_office, edit_json  # noqa: E402
import mailtest  # noqa: E402

BINARY = os.environ.get("PANELPACK_BIN", "")
WORK_DIR = Path(os.environ.get("TICK_WORK_DIR", tempfile.gettempdir()))
SUCCESS, BAD_INPUT, USAGE, MACHINE_FAILURE, BUSY = 0, 1, 2, 3, 4
RELAY_USER, RELAY_PASSWORD = "panel-relay", "fictional-relay-s3cret"
SITTING = ("permanence", "2026-12-15")
PACK_ZIP = "permanence-2026-12-15.zip"

# The sample office's people for the 15 December 2026 permanence sitting.
CHAIR = "margaret.oyelaran-hughes@northbridge.example.org"
MEMBERS = ["declan.fairweather@northbridge.example.org", "anjali.mistry@northbridge.example.org",
           "tomasz.wieczorek@northbridge.example.org", "gillian.thirsk@northbridge.example.org"]
MAILBOX = "permanence.panel@northbridge.example.org"
ADMINISTRATOR = "priya.danvers@northbridge.example.org"
HANNAH, JOANNA = "hannah.westerby@northbridge.example.org", "joanna.pellow@northbridge.example.org"
PRIYA_R, RAVI = "priya.ravenscroft@northbridge.example.org", "ravi.sandhurst@northbridge.example.org"
TOM, BERNADETTE = "tom.ellingham@northbridge.example.org", "bernadette.crouch@northbridge.example.org"
BEN = "ben.ashworth-lyle@northbridge.example.org"
# At 2026-12-12T09:05 (London) a tick that never ran before has 13 emails to send for the
# 15 December sitting: the escalation for LCS900108 (its chronology is missing), the pack to
# six, and the reminders to each case's social worker and team manager.
DUE_AT_0905 = {
    ("papers-missing", RAVI): 1,
    **{("circulation", address): 1 for address in [CHAIR, *MEMBERS, MAILBOX]},
    ("reminder", HANNAH): 2, ("reminder", JOANNA): 2,
    ("reminder", PRIYA_R): 1, ("reminder", RAVI): 1,
}
# These tests are about the deadlines' mail: their office's bookings were all made on
# 1 November (settle_bookings), so no booking's confirmation (issue 15) falls in their ticks'
# 14-day lookback. With the sample's own bookedAt, the tick at 2026-12-12T09:05 also sends
# (test_tick_invitations.py checks it) the confirmations of LCS900111 (22 December, booked
# 1 December), LCS900104 (12 January) and LCS900109 (26 January, both booked 30 November, the
# same presenters), and the members' invitation to each of those three sittings; the 15
# December sitting's bookings were all made before 28 November.
SETTLED_BOOKED_AT = "2026-11-01T09:00:00+00:00"
BOOKED_SINCE_28_NOVEMBER = {
    ("confirmation", TOM): 1, ("confirmation", BERNADETTE): 1,
    ("confirmation", BEN): 2, ("confirmation", RAVI): 2,
    **{("invitation", address): 3 for address in [CHAIR, *MEMBERS]},
}

def work_folder(name):
    return mailtest.work_folder(name, WORK_DIR)


def child_names():
    """Every child's full, first and last name in the sample: none may appear in a subject
    or in the tick's log."""
    names = set()
    for path in (SAMPLE_OFFICE / "cases").glob("*.json"):
        child = json.loads(path.read_text(encoding="utf-8"))["child"]
        for key in ("name", "firstName", "lastName"):
            if child.get(key):
                names.add(child[key])
    return names


def kind_of(message):
    """The kind of a delivered email, from its subject as the templates word it."""
    subject = message["Subject"]
    for words, kind in (("Panel reminder", "reminder"), ("Panel pack", "circulation"),
                        ("Papers missing", "papers-missing"), ("Minutes due", "minutes-due"),
                        ("Pack not circulated", "pack-failed"),
                        ("Panel booking confirmed", "confirmation"),
                        ("Panel sitting invitation", "invitation")):
        if words in subject:
            return kind
    return "unknown"


def settle_bookings(root):
    """Every booking of the office made on SETTLED_BOOKED_AT."""
    for path in (Path(root) / "bookings").glob("*/*.json"):
        edit_json(path, lambda bookings: [item.update({"bookedAt": SETTLED_BOOKED_AT})
                                          for item in bookings.get("items", [])])


class Office:
    """A private copy of the sample office; mail.smtp set to the test relay; its bookings
    settled (made before any tick's lookback) unless `settled` is False."""

    def __init__(self, folder, smtp, settled=True):
        self.root = copy_sample_office(Path(folder) / "office")
        self.set_smtp(smtp)
        if settled:
            settle_bookings(self.root)

    def set_smtp(self, smtp):
        edit_json(self.root / "office.json", lambda c: c["mail"].update({"smtp": smtp}))

    def run(self, *arguments, timeout=180):
        return subprocess.run([BINARY, *map(str, arguments), "--office", str(self.root)],
                              capture_output=True, text=True, timeout=timeout)

    def tick(self, now, *arguments):
        return self.run("tick", "--now", now, *arguments)

    def start_tick(self, now, *arguments):
        return subprocess.Popen([BINARY, "tick", "--now", now, *map(str, arguments),
                                 "--office", str(self.root)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def outbox(self, *arguments):
        result = self.run("outbox", *arguments, "--json")
        if result.returncode != SUCCESS:
            raise AssertionError(f"outbox {arguments} exited {result.returncode}: {result.stderr}")
        return json.loads(result.stdout)

    def rows(self, *arguments):
        return self.outbox("list", *arguments)["rows"]

    def pack_file(self, name):
        return self.root / "packs" / SITTING[0] / SITTING[1] / name


class TickTestCase(unittest.TestCase):
    """Certificates made once; each test gets its own office and, when it asks, a relay with
    STARTTLS and AUTH PLAIN."""

    @classmethod
    def setUpClass(cls):
        cls.certificates = mailtest.make_certificates(work_folder("tick-certificates"))

    def setUp(self):
        self.folder = work_folder(self.id().rsplit(".", 1)[-1][:40])
        self.maildir = self.folder / "maildir"
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.stop()

    def tls_smtp(self, port, **extra):
        password_file = self.folder / "relay-password"
        password_file.write_text(RELAY_PASSWORD + "\n")
        password_file.chmod(0o600)
        return {"host": "localhost", "port": port, "security": "starttls", "username": RELAY_USER,
                "passwordFile": str(password_file), "caFile": self.certificates["ca"], **extra}

    def server(self, *options, port=0):
        """A relay requiring STARTTLS and AUTH PLAIN, stopped when the test ends."""
        server = mailtest.SmtpServer(self.folder, *mailtest.tls_options(self.certificates["good"]),
                                     "--auth", f"{RELAY_USER}:{RELAY_PASSWORD}", *options,
                                     port=port, maildir=self.maildir)
        self.servers.append(server)
        return server

    def office_with_server(self, *options, settled=True):
        server = self.server(*options)
        return Office(self.folder, self.tls_smtp(server.port), settled), server

    def delivered(self):
        return mailtest.delivered_messages(self.maildir)

    def delivered_counts(self):
        """{(kind, recipient): count} over every delivered message."""
        counts = collections.Counter()
        for envelope, _, message in self.delivered():
            self.assertEqual(len(envelope["rcpt_tos"]), 1)
            counts[(kind_of(message), envelope["rcpt_tos"][0])] += 1
        return dict(counts)

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")

    def assertNoMessageIdTwice(self):
        ids = collections.Counter(message["Message-ID"] for _, _, message in self.delivered())
        self.assertEqual([i for i, n in ids.items() if n > 1], [])


def parse_eml(path):
    return email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.default)


def main():
    if not BINARY or not Path(BINARY).exists():
        print("PANELPACK_BIN is not set to the built panelpack", file=sys.stderr)
        sys.exit(2)
    mailtest.run_tests(WORK_DIR)
