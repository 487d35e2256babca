"""[tool.notes.email] in pyproject.toml: who gets the weekly digest, from whom, and through which server.

```toml
[tool.notes.email]
from = "Department for Local Services blog <weeknotes@blog.example.gov.uk>"
signup = "https://lists.example.gov.uk/weeknotes/"   # shown on /subscribe/, the home page and team pages
smtp_host = "smtp.example.gov.uk"

[tool.notes.email.lists.all-staff]                   # the site-wide digest
to = "all-staff@example.gov.uk"
unsubscribe = ["https://lists.example.gov.uk/all-staff/unsubscribe", "mailto:all-staff-leave@example.gov.uk"]

[tool.notes.email.lists.data-platform]               # one team's digest
to = "data-platform-weeknotes@example.gov.uk"
team = "data-platform"
signup = "https://lists.example.gov.uk/data-platform/"
```

Recipients are list addresses (a distribution list, a mailing list):
notes keeps no personal subscriber lists. Credentials never live here:
they come from the environment (pipeline/email/smtp.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline import config
from pipeline.errors import ConfigError

TABLE = "tool.notes.email"
LISTS = f"{TABLE}.lists"
STARTTLS, IMPLICIT = "starttls", "implicit"
DEFAULT_PORTS = {STARTTLS: 587, IMPLICIT: 465}  # RFC 6409 submission, RFC 8314 submissions
# A list's name is the first label of its List-Id (RFC 2919): lowercase letters, digits and hyphens.
LIST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# An address as list services and relays accept it: no spaces, quotes or brackets, a dotted domain.
ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
LIST_KEYS = {
    "to": "the list's address, like \"all-staff@example.gov.uk\"",
    "team": "a team's slug (a file in content/teams/) for that team's digest; without it, the site-wide digest",
    "unsubscribe": "how to leave the list: https:// (one-click, RFC 8058) and/or mailto: addresses",
    "signup": "where to join the list, shown on the team's page",
}


@dataclass(frozen=True)
class MailingList:
    name: str  # its key in [tool.notes.email.lists]
    to: str
    team: str | None  # None: the site-wide digest
    unsubscribe: tuple[str, ...]
    signup: str | None


@dataclass(frozen=True)
class EmailOptions:
    sender: str
    signup: str | None
    lists: tuple[MailingList, ...]
    smtp_host: str
    smtp_port: int
    smtp_tls: str
    send_log: Path

    @classmethod
    def from_config(cls, cfg: config.Config, root: Path) -> EmailOptions:
        """[tool.notes.email], which config.load has checked, with what sending needs made sure of."""
        values = cfg.section("email")
        problems = []
        if not values["from"]:
            problems.append(f"{cfg.place(TABLE, 'from')}: [tool.notes.email] needs 'from', the sender's address, "
                            'like "Weeknotes <weeknotes@blog.example.gov.uk>"')
        if not values["lists"]:
            problems.append(f"{cfg.place('tool.notes', 'email')}: [tool.notes.email] has no recipients: add a list "
                            'like [tool.notes.email.lists.all-staff] with to = "all-staff@example.gov.uk"')
        if problems:
            raise ConfigError("\n".join(problems))
        tls = values["smtp_tls"]
        return cls(values["from"], values["signup"], values["lists"], values["smtp_host"],
                   values["smtp_port"] or DEFAULT_PORTS[tls], tls, root / values["send_log"])

    def check_teams(self, cfg: config.Config, teams: Mapping[str, Any]) -> None:
        """Every list's team exists in content/teams/: a ConfigError naming each that does not."""
        problems = [
            f"{cfg.place(f'{LISTS}.{item.name}', 'team')}: 'team' in [{LISTS}.{item.name}] must be a team's slug "
            f"(a file in content/teams/); got '{item.team}'{_close(item.team, teams)}"
            for item in self.lists if item.team is not None and item.team not in teams
        ]
        if problems:
            raise ConfigError("\n".join(problems))


@dataclass(frozen=True)
class Signup:
    """Where staff join the digest's lists, for the theme (NOTES_EMAIL_SIGNUP; theme/templates/email_signup.html)."""

    site: str | None  # [tool.notes.email] signup
    teams: tuple[tuple[str, str], ...] = ()  # (team slug, its list's signup)

    @classmethod
    def from_config(cls, cfg: config.Config) -> Signup:
        values = cfg.section("email")
        return cls(values["signup"], tuple((item.team, item.signup) for item in values["lists"]
                                            if item.team and item.signup))

    def team(self, slug: str) -> str | None:
        """The sign-up address of the team's own list, if it has one."""
        return dict(self.teams).get(slug)


def _close(name: str, known) -> str:
    match = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{match[0]}'?" if match else f"; known teams: {', '.join(sorted(known)) or 'none'}"


def _shown(value: Any) -> str:
    """A value as a message quotes it, on one line: control characters written as escapes."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda found: repr(found.group())[1:-1], config.describe(value))


def is_address(text: str) -> bool:
    return bool(ADDRESS.fullmatch(text))


def _sender(value: Any) -> str:
    """'Name <address>' or a bare address, with nothing that could end the header."""
    if not isinstance(value, str) or any(ch in value for ch in "\r\n") or not is_address(parseaddr(value)[1]):
        raise config.Invalid(_shown(value))
    return value


def _web_or_mail(value: Any, schemes=("https", "mailto")) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in schemes or value.strip() != value or " " in value:
        raise config.Invalid(_shown(value))
    if urlsplit(value).scheme == "mailto" and not is_address(value[len("mailto:"):].split("?")[0]):
        raise config.Invalid(_shown(value))
    if urlsplit(value).scheme == "https" and not urlsplit(value).hostname:
        raise config.Invalid(_shown(value))
    return value


def _signup(value: Any) -> str:
    return _web_or_mail(value)


def _tls(value: Any) -> str:
    if value not in (STARTTLS, IMPLICIT):
        raise config.Invalid(_shown(value))
    return value


def _port(value: Any) -> int:
    port = config.integer(minimum=1)(value)
    if port > 65535:
        raise config.Invalid(str(value))
    return port


# A host name or an address; nothing that could carry a port, a path or a scheme.
HOST = re.compile(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")


def _host(value: Any) -> str:
    if not isinstance(value, str) or not HOST.fullmatch(value):
        raise config.Invalid(_shown(value))
    return value


def _file_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise config.Invalid(_shown(value))
    return value


def _lists(value: Any) -> tuple[MailingList, ...]:
    if not isinstance(value, dict):
        raise config.Invalid(_shown(value))
    problems: list[config.Problem] = []
    lists = []
    for name, table in value.items():
        where = f"[{LISTS}.{name}]"
        if not LIST_NAME.fullmatch(name):
            problems.append(config.Problem((name,), f"the list name '{name}' in [{LISTS}] must be lowercase letters, "
                                                    "digits and hyphens, like all-staff: it names the list in List-Id"))
            continue
        if not isinstance(table, dict):
            problems.append(config.Problem((name,), f"{where} must be a table with 'to', the list's address"))
            continue
        for key in table:
            if key not in LIST_KEYS:
                problems.append(config.Problem((name, key), f"unknown key '{key}' in {where}; expected one of: "
                                                            f"{', '.join(LIST_KEYS)}"))
        to, team = table.get("to"), table.get("team")
        if to is None:
            problems.append(config.Problem((name,), f"{where} needs 'to', {LIST_KEYS['to']}"))
        elif not isinstance(to, str) or not is_address(to):
            problems.append(config.Problem((name, "to"), f"'to' in {where} must be {LIST_KEYS['to']}; "
                                                         f"got {_shown(to)}"))
        if team is not None and (not isinstance(team, str) or not team):
            problems.append(config.Problem((name, "team"), f"'team' in {where} must be a team's slug; "
                                                           f"got {_shown(team)}"))
        unsubscribe = table.get("unsubscribe", [])
        unsubscribe = [unsubscribe] if isinstance(unsubscribe, str) else unsubscribe
        try:
            if not isinstance(unsubscribe, list):
                raise config.Invalid(_shown(unsubscribe))
            unsubscribe = tuple(_web_or_mail(address) for address in unsubscribe)
        except config.Invalid as err:
            problems.append(config.Problem((name, "unsubscribe"), f"'unsubscribe' in {where} must be "
                                                                  f"{LIST_KEYS['unsubscribe']}; got {err}"))
        signup = table.get("signup")
        try:
            signup = None if signup is None else _signup(signup)
        except config.Invalid as err:
            problems.append(config.Problem((name, "signup"), f"'signup' in {where} must be an https:// or mailto: "
                                                             f"address; got {err}"))
        lists.append(MailingList(name, to, team, unsubscribe, signup))
    if problems:
        raise config.InvalidTable(problems)
    return tuple(lists)


SECTION = config.section(
    "email",
    "The weekly digest by email: sender, lists, and the SMTP server (docs/email.md).",
    config.Option("from", _sender, "", 'an address like "Weeknotes <weeknotes@blog.example.gov.uk>"',
                  "The sender of every digest; its domain should be one your relay may send for."),
    config.Option("signup", _signup, None, "an https:// or mailto: address",
                  "Where staff join the digest's list; shown on /subscribe/ and the home page."),
    config.Option("lists", _lists, (), "tables like [tool.notes.email.lists.all-staff]",
                  "The lists that get a digest, each a table: to, team, unsubscribe, signup."),
    config.Option("smtp_host", _host, "localhost", "a host name like \"smtp.example.gov.uk\"",
                  "The SMTP server (your organisation's relay or mail service)."),
    config.Option("smtp_port", _port, None, "a port number from 1 to 65535",
                  "Its port.  [default: 587 for starttls, 465 for implicit]"),
    config.Option("smtp_tls", _tls, STARTTLS, "starttls or implicit",
                  "STARTTLS on the submission port, or TLS from the first byte (RFC 8314)."),
    config.Option("send_log", _file_name, "email-log.json",
                  "a file name like \"email-log.json\"",
                  "The send log, beside pyproject.toml: which digest went to which list (commit it)."),
)
