"""Delivery over SMTP with the standard library, over TLS unless told otherwise.

TLS is required: STARTTLS on the submission port (587), or implicit TLS
from the first byte (465, RFC 8314), with the server's certificate checked
against the system's trusted authorities (SSL_CERT_FILE names others).
`--insecure` sends in the clear, for a relay on the same machine, and then
never sends a password.

Credentials come only from the environment, NOTES_SMTP_USERNAME and
NOTES_SMTP_PASSWORD, and appear in no message, log or exception text.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from pipeline.email.options import IMPLICIT
from pipeline.errors import NotesError

USERNAME, PASSWORD = "NOTES_SMTP_USERNAME", "NOTES_SMTP_PASSWORD"
TIMEOUT = 60  # seconds for any one exchange with the server


class DeliveryError(NotesError):
    """The server could not be reached, refused the login or a message: exit 2, nothing more is sent."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    tls: str  # starttls | implicit
    insecure: bool = False  # plain SMTP, for a relay on this machine

    def __str__(self) -> str:
        how = "without TLS (--insecure)" if self.insecure else ("TLS" if self.tls == IMPLICIT else "STARTTLS")
        return f"{self.host}:{self.port} ({how})"


def credentials(environ=os.environ) -> tuple[str, str] | None:
    """(username, password) from the environment, or None; one without the other is a mistake."""
    username, password = environ.get(USERNAME), environ.get(PASSWORD)
    if not username and not password:
        return None
    if not (username and password):
        missing = USERNAME if not username else PASSWORD
        raise DeliveryError(f"{missing} is not set: set both {USERNAME} and {PASSWORD}, or neither")
    return username, password


class Connection:
    """One SMTP session for a whole run, opened on first use."""

    def __init__(self, server: Server, login: tuple[str, str] | None):
        if server.insecure and login:
            raise DeliveryError(f"--insecure sends without TLS, so notes will not send a password: "
                                f"unset {USERNAME} and {PASSWORD} for a relay on this machine")
        self.server = server
        self._login = login
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        smtp = self._smtp or self._open()
        try:
            refused = smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as err:
            raise DeliveryError(f"{self.server} refused {message['To']}: {_reply(*next(iter(err.recipients.values())))}") from None
        except smtplib.SMTPResponseException as err:
            raise DeliveryError(f"{self.server} refused the message to {message['To']}: {_reply(err.smtp_code, err.smtp_error)}") from None
        except (OSError, smtplib.SMTPException) as err:
            raise DeliveryError(f"{self.server}: the connection failed while sending to {message['To']}: {_why(err)}") from None
        if refused:  # only some recipients refused; each message has one
            raise DeliveryError(f"{self.server} refused {', '.join(refused)}")

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass  # every message was accepted or reported already; a failed goodbye changes nothing
            self._smtp = None

    def _open(self) -> smtplib.SMTP:
        server = self.server
        context = ssl.create_default_context()
        try:
            if server.tls == IMPLICIT and not server.insecure:
                smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
                smtp.ehlo()
                if not server.insecure:
                    if not smtp.has_extn("starttls"):
                        smtp.close()
                        raise DeliveryError(f"{server} does not offer STARTTLS, and notes sends only over TLS: "
                                            "set smtp_tls = \"implicit\" for a TLS port, or give --insecure "
                                            "for a relay on this machine")
                    smtp.starttls(context=context)
                    smtp.ehlo()
            if self._login:
                smtp.login(*self._login)
        except smtplib.SMTPAuthenticationError as err:
            raise DeliveryError(f"{server} refused the login of {USERNAME}: {_reply(err.smtp_code, err.smtp_error)}") from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError(f"{server} does not offer a login (AUTH): unset {USERNAME} and {PASSWORD}") from None
        except ssl.SSLCertVerificationError as err:
            raise DeliveryError(f"{server}: the server's certificate is not trusted: {err.verify_message}") from None
        except (OSError, smtplib.SMTPException) as err:
            raise DeliveryError(f"cannot reach the SMTP server {server}: {_why(err)}") from None
        self._smtp = smtp
        return smtp

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"


def _why(err: BaseException) -> str:
    if isinstance(err, socket.gaierror):
        return "no such host"
    if isinstance(err, (TimeoutError, socket.timeout)):
        return f"no answer in {TIMEOUT} s"
    if isinstance(err, smtplib.SMTPResponseException):
        return _reply(err.smtp_code, err.smtp_error)
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return " ".join(str(err).split()) or type(err).__name__
