"""Publishing periods: ISO weeks, fortnights counted from a team's `since`, and months.

A team's periods are numbered from 0, the period that holds its `since` day,
so that finding the period of a day, or the day a period's note is due, is
arithmetic on day numbers: the cadence report stays linear in notes.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.content.model import IsoWeek, Team
from pipeline.content.schema import PERIOD, WEEKDAYS

WEEKLY, FORTNIGHTLY, MONTHLY = "weekly", "fortnightly", "monthly"


def long_date(day: date) -> str:
    """'Thursday 12 November 2026', without the platform-specific %-d."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """'12 Nov 2026'."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True, order=True)
class Period:
    """A span of days in which a team publishes one note, due on `due`."""

    start: date
    end: date  # inclusive
    due: date
    label: str  # 2026-W39 (weekly, fortnightly: by its first week) or 2026-11 (monthly)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def title(self) -> str:
        """How people name the period: 'Week 46, 2026', 'Weeks 45 and 46, 2026', 'November 2026'."""
        length = (self.end - self.start).days + 1
        if length == 7:
            return IsoWeek.of(self.start).label
        if length == 14:
            first, second = IsoWeek.of(self.start), IsoWeek.of(self.end)
            if first.year == second.year:
                return f"Weeks {first.week} and {second.week}, {first.year}"
            return f"Week {first.week}, {first.year} and week {second.week}, {second.year}"
        return f"{self.start:%B %Y}"

    @property
    def in_sentence(self) -> str:
        """The title inside a sentence: 'week 46, 2026', 'weeks 45 and 46, 2026', 'November 2026'."""
        return self.title[0].lower() + self.title[1:] if self.title.startswith("Week") else self.title

    @property
    def days(self) -> str:
        """'9 to 15 November 2026', '28 December 2026 to 3 January 2027'."""
        end = f"{self.end.day} {self.end:%B %Y}"
        if self.start.year != self.end.year:
            return f"{self.start.day} {self.start:%B %Y} to {end}"
        if self.start.month != self.end.month:
            return f"{self.start.day} {self.start:%B} to {end}"
        return f"{self.start.day} to {end}"


class Rhythm:
    """A team's periods, numbered from 0: the period that holds `since`."""

    def __init__(self, cadence: str, due: str, since: date):
        self.cadence = cadence
        self.weekday = WEEKDAYS.index(due)
        if cadence == MONTHLY:
            self._first_month = since.year * 12 + since.month - 1
        else:
            self.length = 14 if cadence == FORTNIGHTLY else 7
            self._origin = since.toordinal() - since.weekday()  # the Monday of since's week
            # Due on the period's last such weekday: the second week's, for a fortnight.
            self._due_offset = self.length - 7 + self.weekday

    @classmethod
    def of(cls, team: Team) -> Rhythm:
        return cls(team.cadence, team.due, team.since)

    def index_of(self, day: date) -> int:
        """The number of the period that holds `day`; negative before `since`'s period."""
        if self.cadence == MONTHLY:
            return day.year * 12 + day.month - 1 - self._first_month
        return (day.toordinal() - self._origin) // self.length

    def due(self, index: int) -> date:
        """The day period `index`'s note is due, without building the Period."""
        if self.cadence == MONTHLY:
            year, month = divmod(self._first_month + index, 12)
            last = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
            return last - timedelta(days=(last.weekday() - self.weekday) % 7)
        return date.fromordinal(self._origin + index * self.length + self._due_offset)

    def period(self, index: int) -> Period:
        if self.cadence == MONTHLY:
            year, month = divmod(self._first_month + index, 12)
            start = date(year, month + 1, 1)
            end = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
            return Period(start, end, self.due(index), f"{year}-{month + 1:02d}")
        start = date.fromordinal(self._origin + index * self.length)
        end = start + timedelta(days=self.length - 1)
        return Period(start, end, self.due(index), str(IsoWeek.of(start)))


def period_of(team: Team, day: date) -> Period:
    """The team's period that `day` falls in."""
    rhythm = Rhythm.of(team)
    return rhythm.period(rhythm.index_of(day))


def span_of(label: str) -> tuple[date, date]:
    """The first and last day of a quiet period as written in front matter or config: 2026-W52 or 2026-12."""
    match = PERIOD.fullmatch(label.upper())
    if not match:
        raise ValueError(f"not a week or month: {label}")
    year, part = int(match[1]), match[2]
    if part.startswith("W"):
        week = IsoWeek(year, int(part[1:]))
        return week.monday, week.sunday
    month = int(part)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
