"""`notes email`: a closed week's digests, previewed into a folder or sent once to each list.

Everything is rendered before the first message goes, so a mistake in a
template or a setting stops the run before anything is sent. Sending opens
the server only when there is something to send (a second run needs no
server at all), records each message in the send log as soon as the server
accepts it, and stops at the first failure: the next run sends what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.content.model import IsoWeek
from pipeline.email import message as messages
from pipeline.email import sendlog, smtp
from pipeline.email.mailing import Mailing, Skipped, plan
from pipeline.email.options import EmailOptions
from pipeline.email.render import Parts, render
from pipeline.email.week import Site, check_closed, last_closed_week, site_of, week_digest
from pipeline.errors import BuildFailed, NotesError
from pipeline.findings import has_errors
from pipeline.project import Project, check

Report = Callable[[str], None]


@dataclass
class Week:
    """Everything a run needs, made before anything is sent."""

    week: IsoWeek
    options: EmailOptions
    site: Site
    planned: list[Mailing | Skipped]
    parts: dict[str, Parts]  # by Mailing.key + list name

    @property
    def mailings(self) -> list[Mailing]:
        return [item for item in self.planned if isinstance(item, Mailing)]

    def parts_of(self, mailing: Mailing) -> Parts:
        return self.parts[f"{mailing.key} {mailing.to.name}"]


def prepare(project: Project, week: IsoWeek | None, only: tuple[str, ...] = ()) -> Week:
    """The week's messages, rendered. Configuration mistakes raise ConfigError (exit 2)."""
    options = EmailOptions.from_config(project.config, project.root)
    options.check_teams(project.config, project.site.teams)
    if has_errors(check(project)):
        raise BuildFailed("the content has errors, so notes publish would not publish it and the email would "
                          "link to pages that are not there: run notes lint to see them")
    names = [mailing_list.name for mailing_list in options.lists]
    unknown = [name for name in only if name not in names]
    if unknown:
        raise NotesError(f"no list '{unknown[0]}' in [tool.notes.email.lists]; the lists are: {', '.join(names)}")
    lists = [mailing_list for mailing_list in options.lists if not only or mailing_list.name in only]
    week = week or last_closed_week(project)
    check_closed(week, project)
    site = site_of(project)
    digest = week_digest(project, site, week)
    planned = plan(digest, lists, site.team_names) if digest else []
    parts = {f"{m.key} {m.to.name}": render(m, site, options.signup) for m in planned if isinstance(m, Mailing)}
    return Week(week, options, site, planned, parts)


def describe(week: Week) -> str:
    """'Week 49, 2026 (30 November to 6 December 2026): 2 messages for 3 lists.'"""
    span = f"{week.week.monday.day} {week.week.monday:%B} to {week.week.sunday.day} {week.week.sunday:%B %Y}"
    count = len(week.mailings)
    lists = len(week.planned)
    if not week.planned:
        return f"{week.week.label} ({span}): nothing was published, so there is no digest to send."
    return (f"{week.week.label} ({span}): {count} message{'' if count == 1 else 's'} "
            f"for {lists} list{'' if lists == 1 else 's'}.")


def preview(week: Week, out: Path, log: sendlog.SendLog, report: Report) -> None:
    """Write each message as out/digest-<week>-<list>.eml, and its HTML part beside it; send nothing."""
    out.mkdir(parents=True, exist_ok=True)
    for item in week.planned:
        if isinstance(item, Skipped):
            report(f"  skipped  {item.to.to}: {item.reason}")
            continue
        sendings = log.sendings(item.key, item.to.to)
        message = _message(week, item, len(sendings) + 1)
        stem = out / f"digest-{item.digest.week.slug}-{item.to.name}"
        Path(f"{stem}.eml").write_bytes(message.as_bytes())
        Path(f"{stem}.html").write_text(week.parts_of(item).html, encoding="utf-8")
        already = f" (sent on {_when(sendings[-1])})" if sendings else ""
        report(f"  wrote    {display_path(stem)}.eml and .html for {item.to.to}{already}")


def send(week: Week, connection: smtp.Connection, log: sendlog.SendLog, resend: bool, report: Report) -> int:
    """Send each message not yet in the log (all with `resend`); the number sent."""
    sent = 0
    for item in week.planned:
        if isinstance(item, Skipped):
            report(f"  skipped  {item.to.to}: {item.reason}")
            continue
        sendings = log.sendings(item.key, item.to.to)
        if sendings and not resend:
            report(f"  already  {item.to.to}: sent on {_when(sendings[-1])} as {sendings[-1].message_id}")
            continue
        message = _message(week, item, len(sendings) + 1)
        try:
            connection.send(message)
        except smtp.DeliveryError as err:
            if sent:
                raise smtp.DeliveryError(f"{err} ({sent} sent before it and logged: run notes email again "
                                         "to send the rest)") from None
            raise
        log.record(sendlog.Sent(item.key, item.to.to, item.to.name, message["Message-ID"],
                                datetime.now(timezone.utc).isoformat(timespec="seconds")))
        sent += 1
        report(f"  sent     {item.to.to}: {week.parts_of(item).subject} {message['Message-ID']}")
    return sent


def _message(week: Week, mailing: Mailing, sending: int) -> EmailMessage:
    domain = week.site.feeds.id_authority
    return messages.build(
        mailing, week.parts_of(mailing), sender=week.options.sender, domain=domain,
        list_name=f"{mailing.team_name + ' weeknotes' if mailing.team_name else 'Weekly digest'} from {week.site.name}",
        msgid=messages.message_id(mailing, domain, sending), when=datetime.now(timezone.utc),
    )


def _when(record: sendlog.Sent) -> str:
    moment = datetime.fromisoformat(record.sent_at)
    return f"{moment:%Y-%m-%d %H:%M} UTC"
