#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for the mailer's tests, built on aiosmtpd.

Each accepted transaction is written to --maildir as NAME.eml (the bytes received, after
dot-unstuffing) beside NAME.json (envelope sender and recipients, whether TLS and AUTH were
used). Both are written atomically, the .json first, so a reader that sees an .eml sees both.

Behaviours for tests (combine as needed):
  --port-file F          bind port 0 (or --port) and write the chosen port to F
  --tls-cert/--tls-key   offer STARTTLS and require it before MAIL
  --no-starttls          do not offer STARTTLS even with a certificate
  --refuse-starttls      offer STARTTLS but answer it with 454
  --auth USER:PASS       require AUTH (only inside TLS)
  --reject RCPT=CODE     answer RCPT TO for that address with CODE (550, 450, ...)
  --fail-rate P --seed S at MAIL, RCPT and end of DATA, with probability P each, answer 451 or
                         drop the connection (never after storing the message)
  --hang-after-accept N  store the Nth message, then never answer its DATA
  --hang-at-rcpt ADDR    never answer RCPT TO for ADDR
  --drop-after-data      store every message, then drop the connection instead of its 250
  --reply-delay S        store every message, then wait S seconds before its 250 (a client
                         whose read timeout is shorter gives up while the message is stored)
  --silent               accept TCP connections and never say anything (each is logged as
                         CONNECT with --log)
  --log FILE             one JSON line per command received: verb, TLS or not, and for AUTH the
                         mechanism (never other arguments); plus the TLS server name (SNI)

Use /usr/bin/python3 (Debian's python3-aiosmtpd). By hand:
  /usr/bin/python3 tests/mailer/smtp_server.py --port 2525 --maildir /tmp/mail
"""

import argparse
import asyncio
import json
import logging
import os
import random
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def write_atomically(path, data):
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.rename(temporary, path)


class Behaviour:
    """What the command line asked for, shared by every connection."""

    def __init__(self, args):
        self.maildir = args.maildir
        self.rejections = {}
        for rule in args.reject:
            address, _, code = rule.rpartition("=")
            self.rejections[address.lower()] = int(code)
        self.fail_rate = args.fail_rate
        self.random = random.Random(args.seed)
        self.hang_after_accept = args.hang_after_accept
        self.hang_at_rcpt = (args.hang_at_rcpt or "").lower()
        self.drop_after_data = args.drop_after_data
        self.reply_delay = args.reply_delay
        self.accepted = 0
        self.log = open(args.log, "a", buffering=1) if args.log else None
        self.sequence = 0

    def record(self, verb, tls, detail=""):
        if self.log:
            entry = {"verb": verb, "tls": tls, "detail": detail, "at": time.time()}
            self.log.write(json.dumps(entry) + "\n")

    def unlucky(self):
        return self.fail_rate > 0 and self.random.random() < self.fail_rate


async def hang_forever():
    await asyncio.Event().wait()


class Handler:
    def __init__(self, behaviour):
        self.behaviour = behaviour

    async def fail_at_random(self, server):
        """451, or the connection dropped, when --fail-rate says so; None otherwise."""
        if not self.behaviour.unlucky():
            return None
        if self.behaviour.random.random() < 0.5:
            return "451 4.3.0 please try again later (test server)"
        server.transport.abort()
        await hang_forever()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        failure = await self.fail_at_random(server)
        if failure:
            return failure
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        lowered = address.lower()
        if lowered == self.behaviour.hang_at_rcpt:
            await hang_forever()
        code = self.behaviour.rejections.get(lowered)
        if code is not None:
            if code >= 500:
                return f"{code} 5.1.1 <{address}>: mailbox unavailable (test server)"
            return f"{code} 4.2.1 <{address}>: mailbox busy, try later (test server)"
        failure = await self.fail_at_random(server)
        if failure:
            return failure
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        failure = await self.fail_at_random(server)
        if failure:
            return failure
        behaviour = self.behaviour
        behaviour.sequence += 1
        name = f"{time.time_ns()}-{os.getpid()}-{behaviour.sequence:06d}"
        base = os.path.join(behaviour.maildir, name)
        envelope_record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server._tls_protocol is not None,
            "authenticated": bool(session.authenticated),
        }
        write_atomically(base + ".json", json.dumps(envelope_record).encode())
        write_atomically(base + ".eml", envelope.original_content)
        behaviour.accepted += 1
        if behaviour.hang_after_accept and behaviour.accepted == behaviour.hang_after_accept:
            behaviour.record("HANGING_AFTER_ACCEPT", True)
            await hang_forever()
        if behaviour.drop_after_data:
            behaviour.record("DROPPED_AFTER_ACCEPT", True)
            server.transport.abort()
            await hang_forever()
        if behaviour.reply_delay > 0:
            await asyncio.sleep(behaviour.reply_delay)
        return "250 2.0.0 OK: queued as " + name


class LoggingSMTP(SMTP):
    """aiosmtpd's server, logging the verb of every command it dispatches."""

    def __init__(self, handler, *, behaviour, refuse_starttls, **kwargs):
        super().__init__(handler, **kwargs)
        self._behaviour = behaviour
        for verb, method in list(self._smtp_methods.items()):
            self._smtp_methods[verb] = self._logged(verb, method)
        if refuse_starttls:
            self._smtp_methods["STARTTLS"] = self._logged("STARTTLS", self._refuse_starttls)

    def _logged(self, verb, method):
        async def logged(arg):
            # For AUTH, the mechanism only: never the credentials that may follow it.
            detail = (arg or "").split(" ")[0] if verb == "AUTH" else ""
            self._behaviour.record(verb, self._tls_protocol is not None, detail)
            return await method(arg)

        return logged

    async def _refuse_starttls(self, arg):
        await self.push("454 4.7.0 TLS not available right now (test server)")


class SilentProtocol(asyncio.Protocol):
    """Accepts the connection and never answers: the client must time out."""

    def __init__(self, behaviour):
        self.behaviour = behaviour

    def connection_made(self, transport):
        self.transport = transport
        self.behaviour.record("CONNECT", False)

    def data_received(self, data):
        pass


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--no-starttls", action="store_true")
    parser.add_argument("--refuse-starttls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--fail-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang-after-accept", type=int, default=0)
    parser.add_argument("--hang-at-rcpt")
    parser.add_argument("--drop-after-data", action="store_true")
    parser.add_argument("--reply-delay", type=float, default=0.0)
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--log")
    return parser.parse_args()


async def serve(args):
    os.makedirs(args.maildir, exist_ok=True)
    loop = asyncio.get_running_loop()
    behaviour = Behaviour(args)
    if args.silent:
        server = await loop.create_server(lambda: SilentProtocol(behaviour), "127.0.0.1",
                                          args.port)
    else:
        tls_context = None
        if args.tls_cert and not args.no_starttls:
            tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls_context.minimum_version = ssl.TLSVersion.TLSv1_2
            tls_context.load_cert_chain(args.tls_cert, args.tls_key)

            def note_server_name(ssl_object, server_name, context):
                behaviour.record("SNI", True, server_name or "")

            tls_context.sni_callback = note_server_name
        authenticator = None
        if args.auth:
            user, _, password = args.auth.partition(":")

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (
                    isinstance(auth_data, LoginPassword)
                    and auth_data.login.decode() == user
                    and auth_data.password.decode() == password
                )
                return AuthResult(success=ok, handled=False)

        handler = Handler(behaviour)

        def make_session():
            return LoggingSMTP(
                handler,
                behaviour=behaviour,
                refuse_starttls=args.refuse_starttls,
                hostname="localhost",
                tls_context=tls_context,
                require_starttls=tls_context is not None,
                authenticator=authenticator,
                auth_required=authenticator is not None,
                auth_require_tls=True,
                loop=loop,
            )

        server = await loop.create_server(make_session, "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        write_atomically(args.port_file, str(port).encode())
    async with server:
        await server.serve_forever()


def main():
    logging.basicConfig(level=logging.CRITICAL, stream=sys.stderr)
    args = parse_arguments()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
