"""A real SMTP server for the tests (Debian's python3-aiosmtpd), on a free loopback port.

Prints {"port": N} on its first line, then one JSON line per message it accepts: the envelope, the
message bytes (base64) and how the session was protected and authenticated. Options make it behave
like the servers a responder meets: STARTTLS, implicit TLS, AUTH, refusals.
"""
import argparse
import asyncio
import base64
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--cert", help="PEM certificate chain: offer STARTTLS (or implicit TLS)")
parser.add_argument("--key", help="PEM private key of --cert")
parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte")
parser.add_argument("--user", help="require AUTH with this login")
parser.add_argument("--password", help="the password of --user")
parser.add_argument("--auth-without-tls", action="store_true", help="offer AUTH on a plain connection")
parser.add_argument("--reject-recipient", help="reject recipients containing this text (550)")
parser.add_argument("--refuse-message", action="store_true", help="refuse every message after DATA (554)")
parser.add_argument("--refuse-connection", action="store_true", help="greet with 554 and close")
parser.add_argument("--smtputf8", action="store_true", help="offer SMTPUTF8")
parser.add_argument("--slow-quit", type=float, default=0, help="wait this many seconds before answering QUIT")
args = parser.parse_args()


def emit(record):
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if args.reject_recipient and args.reject_recipient in address:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        if args.refuse_message:
            return "554 5.7.1 Message rejected: looks like spam"
        emit({
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
            "tls": args.implicit_tls or session.ssl is not None,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        })
        return "250 2.0.0 Ok: queued as 4F2A1"


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password:
        return AuthResult(success=True, auth_data=auth_data)
    return AuthResult(success=False, handled=False)


class SlowQuitSMTP(SMTP):
    async def smtp_QUIT(self, arg):
        await asyncio.sleep(args.slow_quit)
        await super().smtp_QUIT(arg)


class RefusingSMTP(SMTP):
    async def _handle_client(self):
        await self.push("554 5.3.2 smtp.test does not accept connections from this host")
        self.transport.close()


def tls_context():
    if not args.cert:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    return context


def factory():
    options = dict(hostname="smtp.test", decode_data=False, enable_SMTPUTF8=args.smtputf8)
    context = tls_context()
    if context is not None and not args.implicit_tls:
        options["tls_context"] = context
    if args.user:
        options["authenticator"] = authenticator
        options["auth_required"] = True
        options["auth_require_tls"] = not args.auth_without_tls
    kind = RefusingSMTP if args.refuse_connection else SlowQuitSMTP if args.slow_quit else SMTP
    return kind(Handler(), **options)


loop = asyncio.new_event_loop()
server = loop.run_until_complete(loop.create_server(
    factory, "127.0.0.1", 0, ssl=tls_context() if args.implicit_tls else None))
emit({"port": server.sockets[0].getsockname()[1]})
loop.run_forever()
