"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the email tests and benchmarks/email_send.py.

It speaks STARTTLS or implicit TLS with a certificate from a certificate
authority made for the test (trustme), takes a login, and keeps every
message it accepts. `hold_at` makes it stop answering at the DATA of one
message until `release()`, so a test can kill the sender at a known point.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
import ssl
import threading
import warnings
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USERNAME, PASSWORD = "notes-digest", "correct horse battery staple"
# aiosmtpd 1.4 sets its own deprecated Session.login_data after every login, and warns about it.
warnings.filterwarnings("ignore", message="Session.login_data is deprecated", category=DeprecationWarning)


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Handler:
    hold_at: int | None = None  # the number (from 1) of the message to hold at DATA
    received: list[Received] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)  # the held message's DATA came
    released: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):
        if self.hold_at is not None and len(self.received) + 1 == self.hold_at:
            self.arrived.set()
            while not self.released.is_set():  # the test kills the sender meanwhile
                await _sleep(0.02)
            return "451 4.3.0 held by the test, not delivered"
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 2.0.0 OK"


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USERNAME.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Authority:
    """A certificate authority for one test run, and the server certificate it signed for 127.0.0.1."""

    ca_file: Path
    context: ssl.SSLContext  # the server's

    @classmethod
    def make(cls, folder: Path) -> Authority:
        ca = trustme.CA()
        ca_file = folder / "test-ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        return cls(ca_file, context)


@contextlib.contextmanager
def smtp_server(tls: str | None, authority: Authority | None = None, handler: Handler | None = None,
                login: bool = True):
    """Serve SMTP on 127.0.0.1 until the block ends; yields (port, handler).

    `tls`: "starttls" (offered and required before the login and mail), "implicit", or None (plain).
    """
    handler = handler or Handler()
    port = free_port()
    # aiosmtpd knows of TLS only from STARTTLS: on an implicit TLS port it must be told AUTH may be offered.
    options: dict = {"authenticator": _authenticate, "auth_required": login, "auth_require_tls": tls == "starttls"}
    if tls == "starttls":
        options.update(tls_context=authority.context, require_starttls=True)
    elif tls == "implicit":
        options.update(ssl_context=authority.context)
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, handler
    finally:
        handler.released.set()
        controller.stop()


def write_config(root: Path, lists: dict[str, dict], **settings) -> Path:
    """pyproject.toml with [tool.notes.email]: `settings` (from, smtp_port, ...) and `lists` by name."""
    settings = {"from": "Department for Local Services blog <weeknotes@blog.example.gov.uk>", **settings}
    lines = ["[tool.notes.email]", *(f"{key} = {_toml(value)}" for key, value in settings.items())]
    for name, table in lists.items():
        lines += ["", f"[tool.notes.email.lists.{name}]", *(f"{key} = {_toml(value)}" for key, value in table.items())]
    path = root / "pyproject.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value) -> str:
    import json

    return json.dumps(value)  # strings, numbers and lists of strings are written the same in TOML
