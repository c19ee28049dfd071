"""What the mailer's end-to-end tests share: the test SMTP server as a subprocess, certificates
made with openssl at test time, mailer_tool runs, and delivered messages parsed by Python's
email package (the oracle: never Poco's parser).

Environment (set by tests/mailer/CMakeLists.txt): MAILER_TOOL, MAILER_TEST_DIR, MAILER_WORK_DIR.
Only 127.0.0.1 is ever used.
"""

import email
import email.policy
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

TOOL = os.environ.get("MAILER_TOOL", "")
TEST_DIR = Path(os.environ.get("MAILER_TEST_DIR", Path(__file__).resolve().parent))
WORK_DIR = Path(os.environ.get("MAILER_WORK_DIR", tempfile.gettempdir()))
SERVER_SCRIPT = TEST_DIR / "smtp_server.py"
PYTHON = "/usr/bin/python3"

# Tuesday 15 December 2026, 09:00 UTC: the simulated clock's start.
START = 1797325200


# The folders this run made: removed when every test passed, kept to look at otherwise.
_made_folders = []


def work_folder(name, work_dir=None):
    """A fresh folder NAME-XXXXXX in work_dir (default MAILER_WORK_DIR)."""
    work_dir = Path(work_dir or WORK_DIR)
    work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=name + "-", dir=work_dir))
    _made_folders.append(folder)
    return folder


def free_port():
    """A port nothing listens on (bound and released at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """smtp_server.py running in a subprocess until stop()."""

    def __init__(self, folder, *options, port=0, maildir=None):
        self.folder = Path(folder)
        self.maildir = Path(maildir) if maildir else self.folder / "maildir"
        self.log = self.folder / f"commands-{time.time_ns()}.jsonl"
        port_file = self.folder / f"port-{time.time_ns()}"
        command = [PYTHON, str(SERVER_SCRIPT), "--port", str(port), "--port-file", str(port_file),
                   "--maildir", str(self.maildir), "--log", str(self.log), *options]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while not port_file.exists():
            if self.process.poll() is not None:
                raise RuntimeError("test SMTP server failed: " + self.process.stderr.read().decode())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("test SMTP server did not start")
            time.sleep(0.02)
        self.port = int(port_file.read_text())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def log_entries(self):
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def verbs(self):
        """The commands the server saw, in order: [("EHLO", tls), ...] (SNI left out)."""
        return [(entry["verb"], entry["tls"]) for entry in self.log_entries()
                if entry["verb"] != "SNI"]

    def delivered(self):
        return delivered_messages(self.maildir)


def delivered_messages(maildir):
    """[(envelope, raw bytes, parsed EmailMessage)] in the order the server stored them."""
    maildir = Path(maildir)
    if not maildir.exists():
        return []
    messages = []
    for eml in sorted(maildir.glob("*.eml")):
        raw = eml.read_bytes()
        envelope = json.loads(eml.with_suffix(".json").read_text())
        messages.append((envelope, raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return messages


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_certificates(folder):
    """A test CA and, signed by it, a server certificate for localhost (DNS:localhost,
    IP:127.0.0.1) and one for another name; plus a localhost certificate from an untrusted CA.
    Returns {"ca", "good", "wrong_name", "untrusted"}; each server entry is (cert, key)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def make_ca(name):
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
                "-subj", f"/CN=panelpack test {name}",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)

    def make_server(name, ca, alt_names):
        (folder / f"{name}.ext").write_text(
            f"subjectAltName={alt_names}\nbasicConstraints=CA:FALSE\n"
            "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}",
                cwd=folder)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "2",
                "-extfile", f"{name}.ext", cwd=folder)
        return (str(folder / f"{name}.pem"), str(folder / f"{name}.key"))

    make_ca("ca")
    make_ca("other-ca")
    return {
        "ca": str(folder / "ca.pem"),
        "good": make_server("localhost", "ca", "DNS:localhost,IP:127.0.0.1"),
        "wrong_name": make_server("other", "ca", "DNS:other.example"),
        "untrusted": make_server("untrusted", "other-ca", "DNS:localhost,IP:127.0.0.1"),
    }


def tls_options(certificate):
    cert, key = certificate
    return ["--tls-cert", cert, "--tls-key", key]


def run_tool(*args, stdin=None, timeout=120):
    """Runs mailer_tool; returns its JSON lines parsed (a list; one entry per line)."""
    completed = subprocess.run([TOOL, *map(str, args)], input=stdin, capture_output=True,
                               text=True, timeout=timeout)
    if completed.returncode != 0:
        raise AssertionError(f"mailer_tool {args[0]} exited {completed.returncode}: "
                             f"{completed.stderr}")
    return [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]


def write_json(path, value):
    Path(path).write_text(json.dumps(value))
    return str(path)


def run_tests(work_dir):
    """Runs the __main__ module's tests and exits; ends with "N passed, M failed" like the CLI
    tests. The work folders are removed when every test passed, kept to look at otherwise."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules["__main__"])
    started = time.monotonic()
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed "
          f"in {time.monotonic() - started:.1f} s")
    if result.wasSuccessful():
        for folder in _made_folders:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"work folders kept in {work_dir}", file=sys.stderr)
    sys.exit(0 if result.wasSuccessful() else 1)


def main():
    """Runs the calling module's tests against the built mailer_tool."""
    if not TOOL or not Path(TOOL).exists():
        print("MAILER_TOOL is not set to the built mailer_tool", file=sys.stderr)
        sys.exit(2)
    if shutil.which("openssl") is None:
        print("openssl is not installed", file=sys.stderr)
        sys.exit(2)
    run_tests(WORK_DIR)
