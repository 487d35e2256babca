"""The digest as a MIME message (multipart/alternative: text, then HTML), with its headers.

- Message-ID is made from the digest and the list, so a message sent again
  after a run was killed at the wrong moment carries the same ID, which mail
  systems use to drop the copy; `--resend` numbers a new one on purpose.
- List-Id (RFC 2919) names the list under the site's domain; List-Unsubscribe
  (RFC 2369) and List-Unsubscribe-Post (RFC 8058, one-click, only with an
  https:// address) come from the list's `unsubscribe`.
- Auto-Submitted (RFC 3834) keeps out-of-office replies from the sender.

Header text from content (team names in the subject, the site's name) is
made one line, without control or direction-override characters, before the
email package encodes what is not ASCII (RFC 2047): a title cannot add a
header or hide part of the subject.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from pipeline.email.mailing import Mailing
from pipeline.email.render import Parts

# Line breaks of every kind (CR, LF, VT, FF, NEL, U+2028, U+2029) and other C0/C1 controls become spaces;
# the bidirectional embedding, override and isolate controls go: in a header they only disguise text.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# RFC 5322 specials: a List-Id's phrase is written without them rather than quoted, because an
# encoded word (RFC 2047, for text that is not ASCII) may not stand inside quotes.
_SPECIALS = re.compile(r'[()<>@,;:\\".\[\]]')


def header_text(text: str) -> str:
    return " ".join(_BIDI.sub("", _CONTROLS.sub(" ", text)).split())


def _encoded(name: str, text: str) -> str:
    """`text` as RFC 2047 encoded words where it is not ASCII, folded to 78 characters.

    By the email package's Header class, not the policy's own folding: where
    that wraps a line between two encoded words (CPython 3.11), it loses the
    space between them, so '🎉 مرحبا' arrives as '🎉مرحبا'.
    """
    return Header(text, "us-ascii" if text.isascii() else "utf-8", header_name=name).encode(linesep="\r\n")


def message_id(mailing: Mailing, domain: str, sending: int = 1) -> str:
    """<digest-2026-w49.all-staff@blog.example.gov.uk>; the second sending on purpose ends .2, and so on."""
    number = f".{sending}" if sending > 1 else ""
    return f"<{mailing.slug}.{mailing.to.name}{number}@{domain}>"


def build(mailing: Mailing, parts: Parts, *, sender: str, domain: str, list_name: str, msgid: str,
          when: datetime) -> EmailMessage:
    """The message; `list_name` describes the list in List-Id, `domain` is the site's."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = mailing.to.to
    message.set_raw("Subject", _encoded("Subject", header_text(parts.subject)))
    message["Date"] = format_datetime(when)
    message["Message-ID"] = msgid
    phrase = _encoded("List-Id", header_text(_SPECIALS.sub("", list_name)))
    message.set_raw("List-Id", f"{phrase} <{mailing.to.name}.{domain}>")
    if mailing.to.unsubscribe:
        message["List-Unsubscribe"] = ", ".join(f"<{address}>" for address in mailing.to.unsubscribe)
        if any(address.startswith("https:") for address in mailing.to.unsubscribe):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(parts.text, subtype="plain", charset="utf-8")
    message.add_alternative(parts.html, subtype="html", charset="utf-8")
    return message
