#!/usr/bin/python3
"""A real IMAP server for the mailer's tests: Dovecot 2.3 (Debian's dovecot-imapd) run in the
foreground with its own configuration in a folder of its own, on 127.0.0.1 only.

Two listeners: IMAPS (TLS from the start) and IMAP with STARTTLS (ssl = required, so no login
before TLS). The certificate is a throw-away self-signed one made with `openssl req -x509` for
127.0.0.1 and localhost; its file is the CA file a client trusts. One user (passwd-file) with a
password; mail in Maildir under the folder; Dovecot's base_dir, state_dir and log there too.

As root (CI), Dovecot's own processes run as Debian's `dovecot` and `dovenull` users and the mail
as `nobody` (Dovecot refuses mail access as UID 0); as anyone else, everything runs as that user,
without the login processes' chroot (which needs root).

As a module:
    with ImapServer(folder) as server:
        server.append(raw_bytes, datetime(...))            # IMAP APPEND with INTERNALDATE
        server.messages("INBOX") -> [(uid, flags, raw)]    # read back with imaplib
        server.folders()
By hand (prints the ports, CA file, user and password as JSON; Ctrl-C stops it):
    /usr/bin/python3 tests/mailer/imap_server.py --folder /tmp/imap-test
"""

import argparse
import ctypes
import imaplib
import json
import os
import pwd
import grp
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
USER = "intake"
PASSWORD = "correct-horse-battery-staple"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(folder, name):
    """A self-signed certificate for 127.0.0.1 and localhost: (certificate, key) paths."""
    certificate, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={name}", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(certificate)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return certificate, key


def _die_with_parent():
    """In the child: SIGTERM when the test process dies, so no Dovecot outlives a killed test."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ImapServer:
    def __init__(self, folder, imaps_port=0, starttls_port=0, tls=True, capability=None,
                 timezone=None):
        """tls=False: one listener without TLS at all (no STARTTLS offered, plain logins from
        loopback), as `starttls_port`. capability: the CAPABILITY list announced after login
        (Dovecot's imap_capability), to play an older server. timezone: the server's TZ, which
        its INTERNALDATEs are written in."""
        self.folder = Path(folder).resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tls = tls
        self.capability = capability
        self.timezone = timezone
        self.imaps_port = (imaps_port or free_port()) if tls else None
        self.starttls_port = starttls_port or free_port()
        self.user, self.password = USER, PASSWORD
        self.process = None
        self._start()

    # -- running -------------------------------------------------------------------------------

    def _start(self):
        root = os.geteuid() == 0
        me = pwd.getpwuid(os.geteuid()).pw_name
        if root:
            internal_user, login_user = "dovecot", "dovenull"
            mail_uid, mail_gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
            # Dovecot's unprivileged processes read the user file and reach the mail through here.
            self.folder.chmod(0o755)
            for parent in self.folder.parents:
                if not parent.stat().st_mode & 0o001:
                    raise RuntimeError(f"{parent} is closed to other users: Dovecot's own users "
                                       "(dovecot, nobody) cannot reach the test folder under it")
        else:
            internal_user = login_user = me
            mail_uid, mail_gid = os.geteuid(), os.getegid()
        self.certificate, key = make_certificate(self.folder, "test-imap-server")
        self.ca_file = self.certificate
        home = self.folder / "home"
        (home / USER).mkdir(parents=True, exist_ok=True)
        if root:
            for path in [home, home / USER]:
                os.chown(path, mail_uid, mail_gid)
        users = self.folder / "users"
        users.write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        users.chmod(0o644)
        key.chmod(0o600)
        self.log = self.folder / "dovecot.log"
        self.config = self.folder / "dovecot.conf"
        tls_settings = (f"ssl = required\nssl_cert = <{self.certificate}\nssl_key = <{key}\n"
                        "ssl_min_protocol = TLSv1.2\ndisable_plaintext_auth = yes" if self.tls
                        else "ssl = no\ndisable_plaintext_auth = no")
        if self.capability:
            tls_settings += f"\nimap_capability = {self.capability}"
        imaps_listener = (f"""  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}""" if self.tls else "")
        # chroot needs root: as another user, the login and anvil processes run without it.
        unprivileged = "" if root else "service anvil {\n  chroot =\n}\n"
        login_chroot = "" if root else "  chroot =\n"
        self.config.write_text(f"""# Written by tests/mailer/imap_server.py for one test run.
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.log}
info_log_path = {self.log}
protocols = imap
listen = 127.0.0.1
{tls_settings}
auth_mechanisms = plain login
auth_verbose = yes
default_internal_user = {internal_user}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal_user).pw_gid).gr_name}
default_login_user = {login_user}
first_valid_uid = 1
first_valid_gid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={home}/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
{unprivileged}service imap-login {{
{login_chroot}  inet_listener imap {{
    address = 127.0.0.1
    port = {self.starttls_port}
  }}
{imaps_listener}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""")
        environment = dict(os.environ, TZ=self.timezone) if self.timezone else None
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(self.config)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env=environment, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 20
        while not all(self._listening(port) for port in (self.imaps_port, self.starttls_port)
                      if port):
            if self.process.poll() is not None:
                raise RuntimeError("Dovecot did not start: " + self.process.stderr.read().decode()
                                   + self._log_tail())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Dovecot did not listen within 20 s" + self._log_tail())
            time.sleep(0.05)

    def _log_tail(self):
        try:
            return "\n" + "\n".join(self.log.read_text().splitlines()[-20:])
        except OSError:
            return ""

    @staticmethod
    def _listening(port):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()

    # -- putting mail in and reading it back (imaplib, over IMAPS) -----------------------------

    def client(self):
        if self.tls:
            context = ssl.create_default_context(cafile=str(self.ca_file))
            imap = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=context)
        else:
            imap = imaplib.IMAP4("127.0.0.1", self.starttls_port)
        imap.login(self.user, self.password)
        return imap

    def append(self, raw, arrived, folder="INBOX", flags=""):
        """Puts one message in `folder` with INTERNALDATE `arrived` (an aware datetime)."""
        imap = self.client()
        try:
            status, reply = imap.append('"' + folder + '"', flags or None, imaplib.Time2Internaldate(arrived),
                                        raw)
            if status != "OK":
                raise RuntimeError(f"APPEND failed: {reply}")
        finally:
            imap.logout()

    def folders(self):
        imap = self.client()
        try:
            _, lines = imap.list()
            return sorted(line.decode().rsplit(' "/" ', 1)[-1].strip('"') for line in lines)
        finally:
            imap.logout()

    def messages(self, folder="INBOX"):
        """[(uid, flags, raw)] of `folder`, read without changing a flag (EXAMINE, BODY.PEEK)."""
        imap = self.client()
        try:
            status, _ = imap.select('"' + folder + '"', readonly=True)
            if status != "OK":
                return []
            _, data = imap.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
            found = []
            for item in data:
                if not isinstance(item, tuple):
                    continue
                head = item[0].decode()
                uid = int(head.split("UID ", 1)[1].split()[0])
                flags = head.split("FLAGS (", 1)[1].split(")", 1)[0].split() if "FLAGS (" in head \
                    else []
                found.append((uid, flags, item[1]))
            # FLAGS may come after the literal: read them separately to be sure.
            _, flag_data = imap.uid("FETCH", "1:*", "(UID FLAGS)")
            flags_by_uid = {}
            for line in flag_data:
                if not line:
                    continue
                text = line.decode() if isinstance(line, bytes) else line[0].decode()
                uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                flags_by_uid[uid] = text.split("FLAGS (", 1)[1].split(")", 1)[0].split()
            return [(uid, flags_by_uid.get(uid, flags), raw) for uid, flags, raw in found]
        finally:
            imap.logout()


def main():
    parser = argparse.ArgumentParser(description="Dovecot on 127.0.0.1 for panelpack's tests")
    parser.add_argument("--folder", help="where its configuration, mail and log go "
                        "(default: a new temporary folder)")
    parser.add_argument("--port", type=int, default=0, help="the IMAPS port (default: free)")
    parser.add_argument("--starttls-port", type=int, default=0, help="(default: free)")
    parser.add_argument("--no-tls", action="store_true",
                        help="one listener without TLS (plain logins from loopback)")
    parser.add_argument("--capability", help="the CAPABILITY announced after login "
                        "(e.g. 'IMAP4rev1 UIDPLUS' for a server without MOVE)")
    parser.add_argument("--info-file", help="also write the JSON description here")
    args = parser.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="imap-test-"))
    server = ImapServer(folder, args.port, args.starttls_port, tls=not args.no_tls,
                        capability=args.capability)
    info = {"host": "127.0.0.1", "imaps_port": server.imaps_port,
            "starttls_port": server.starttls_port, "ca_file": str(server.ca_file),
            "user": server.user, "password": server.password, "folder": str(folder),
            "log": str(server.log)}
    text = json.dumps(info, indent=1)
    if args.info_file:
        Path(args.info_file).write_text(text + "\n")
    print(text, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (server.stop(), sys.exit(0)))
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
