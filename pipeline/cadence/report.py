"""The cadence report: notes × teams × today → where every team and the blog stand.

`build_report` is a pure function of data; `as_json` gives the stable JSON
schema documented in docs/cadence.md (bump SCHEMA_VERSION on any change that
removes or renames a field).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from pipeline.cadence.options import CadenceOptions
from pipeline.cadence.posts import PostsReport, analyse_posts
from pipeline.cadence.teams import OVERDUE, Exemptions, TeamReport, Timeline, analyse, local_day
from pipeline.content.model import POST, WEEKNOTE, Note, Team

SCHEMA_VERSION = 1
LONDON = ZoneInfo("Europe/London")
DEFAULTS = CadenceOptions()


@dataclass(frozen=True)
class Report:
    today: date
    teams: tuple[TeamReport, ...]  # overdue teams first, then by name
    posts: PostsReport
    upcoming: tuple[tuple[date, Note], ...]  # notes dated after today, soonest first
    options: CadenceOptions

    @property
    def failing(self) -> bool:
        """What `notes cadence --strict` fails on: a team overdue, or with periods missed recently."""
        return any(t.state == OVERDUE or t.recent_missed for t in self.teams)


def build_report(notes: Iterable[Note], teams: Iterable[Team], today: date,
                 options: CadenceOptions = DEFAULTS, timezone: ZoneInfo = LONDON) -> Report:
    """Every team's state as of `today`, the leadership posts' gaps, and what is scheduled.

    Only published notes count (drafts are nobody's business yet); `teams`
    may be a selection, and then only their weeknotes are listed as upcoming.
    """
    teams = list(teams)
    wanted = {team.slug for team in teams}
    weeknotes: dict[str, list[Note]] = {slug: [] for slug in wanted}
    posts: list[Note] = []
    for note in notes:
        if note.status != "published" or note.date is None:
            continue
        if note.kind == WEEKNOTE and note.team in wanted:
            weeknotes[note.team].append(note)
        elif note.kind == POST:
            posts.append(note)

    site_wide = Exemptions.site_wide(options)
    reports = [
        analyse(Timeline(team, weeknotes[team.slug], timezone, site_wide, options.grace_days, today))
        for team in teams
    ]
    reports.sort(key=lambda r: (r.state != OVERDUE, r.team.name.casefold(), r.team.slug))
    upcoming = [(day, note) for r in reports for day, note in r.scheduled]
    upcoming += [(day, note) for note in posts if (day := local_day(note, timezone)) > today]
    upcoming.sort(key=lambda pair: (pair[1].date, pair[1].source))
    return Report(
        today=today,
        teams=tuple(reports),
        posts=analyse_posts(posts, today, options.max_post_gap_days, timezone, options.freeze),
        upcoming=tuple(upcoming),
        options=options,
    )


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def as_json(report: Report) -> dict:
    """The report as plain data for `notes cadence --format json`."""
    posts = report.posts
    return {
        "version": SCHEMA_VERSION,
        "today": report.today.isoformat(),
        "teams": [
            {
                "slug": t.team.slug,
                "name": t.team.name,
                "cadence": t.team.cadence,
                "due_weekday": t.team.due,
                "period": t.period.label,
                "state": t.state,
                "last": _day(t.last_day),
                "due": _day(t.due),
                "days_overdue": t.days_overdue,
                "streak": t.streak,
                "longest_streak": t.longest_streak,
                "missed": [p.label for p in t.missed],
                "recent_missed": [p.label for p in t.recent_missed],
                "late": [
                    {"period": n.period.label, "date": n.day.isoformat(), "due": n.period.due.isoformat(),
                     "days_late": n.days_late, "path": n.note.source}
                    for n in t.late
                ],
                "duplicates": [
                    {"period": d.period.label, "paths": [n.source for n in d.notes]} for d in t.duplicates
                ],
            }
            for t in report.teams
        ],
        "posts": {
            "last": _day(posts.last_day),
            "current_gap_days": posts.current_gap_days,
            "longest_gap_days": posts.longest_gap_days,
            "max_gap_days": posts.max_gap_days,
            "due": _day(posts.due),
            "state": posts.state,
            "bunched": [
                {"date": b.day.isoformat(), "paths": [n.source for n in b.notes],
                 "suggested": [d.isoformat() for d in b.suggested]}
                for b in posts.bunched
            ],
        },
        "upcoming": [
            {"date": day.isoformat(), "kind": note.kind, "team": note.team, "title": note.title, "path": note.source}
            for day, note in report.upcoming
        ],
    }
