"""A real STARTTLS + AUTH SMTP server for EmailStarttlsTest (aiosmtpd, Debian python3-aiosmtpd).

usage: starttls_smtpd.py PORT CERT KEY USER PASSWORD
Prints READY, then one JSON line per received message; stops when stdin closes.
"""
import json
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, user, password = sys.argv[1:6]


class Handler:
    async def handle_DATA(self, server, session, envelope):
        print(json.dumps({
            "tls": session.ssl is not None,
            "user": getattr(session, "pipelens_user", None),
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
        }), flush=True)
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password:
        session.pipelens_user = user
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Handler(), hostname="127.0.0.1", port=int(port), tls_context=context,
                        require_starttls=True, auth_require_tls=True, authenticator=authenticate)
controller.start()
print("READY", flush=True)
sys.stdin.read()
controller.stop()
