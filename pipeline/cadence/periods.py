"""Publishing periods: ISO weeks, fortnights counted from a team's `since`, and months."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.content.model import IsoWeek, Team
from pipeline.content.schema import WEEKDAYS


@dataclass(frozen=True, order=True)
class Period:
    """A span of days in which a team publishes one note, due on `due`."""

    start: date
    end: date  # inclusive
    due: date
    label: str  # 2026-W39 (weekly, fortnightly: by its first week) or 2026-11 (monthly)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_of(team: Team, day: date) -> Period:
    """The team's period that `day` falls in."""
    weekday = WEEKDAYS.index(team.due)
    if team.cadence == "monthly":
        last = calendar.monthrange(day.year, day.month)[1]
        start, end = day.replace(day=1), day.replace(day=last)
        # Due on the month's last such weekday.
        due = end - timedelta(days=(end.weekday() - weekday) % 7)
        return Period(start, end, due, f"{day.year}-{day.month:02d}")
    length = 14 if team.cadence == "fortnightly" else 7
    origin = team.since - timedelta(days=team.since.weekday())
    start = origin + timedelta(days=(day - origin).days // length * length)
    end = start + timedelta(days=length - 1)
    # Due on the period's last such weekday: the second week's, for a fortnight.
    due = end - timedelta(days=(end.weekday() - weekday) % 7)
    return Period(start, end, due, str(IsoWeek.of(start)))
