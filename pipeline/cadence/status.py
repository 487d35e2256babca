"""Where each team stands in its current period, as of a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.cadence.periods import Period, period_of
from pipeline.content.loader import Site
from pipeline.content.model import WEEKNOTE, Note, Team


@dataclass(frozen=True)
class TeamStatus:
    team: Team
    period: Period
    last: Note | None
    state: str  # published | due | overdue | not started
    days_overdue: int = 0

    @property
    def describe(self) -> str:
        if self.state == "due":
            return f"due on {self.period.due:%a %-d %b}"
        if self.state == "overdue":
            return f"overdue by {self.days_overdue} day{'s' if self.days_overdue != 1 else ''}"
        return self.state


def team_statuses(site: Site, today: date) -> list[TeamStatus]:
    """One status per team, overdue teams first, then by name."""
    statuses = []
    for team in site.teams.values():
        notes = sorted(
            (n for n in site.published if n.kind == WEEKNOTE and n.team == team.slug and n.date.date() <= today),
            key=lambda n: n.date,
        )
        period = period_of(team, today)
        last = notes[-1] if notes else None
        if today < team.since:
            statuses.append(TeamStatus(team, period, last, "not started"))
        elif last and last.date.date() in period:
            statuses.append(TeamStatus(team, period, last, "published"))
        elif today <= period.due:
            statuses.append(TeamStatus(team, period, last, "due"))
        else:
            statuses.append(TeamStatus(team, period, last, "overdue", (today - period.due).days))
    return sorted(statuses, key=lambda s: (s.state != "overdue", s.team.name))
