"""Leadership posts: the gaps between them, and days with more than one.

GDS publishes at most one post a day, so that each gets its day of
attention; and a blog that goes quiet for weeks loses its readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from pipeline.cadence.options import Freeze
from pipeline.cadence.teams import DUE, OVERDUE, local_day
from pipeline.content.model import Note

NONE = "none"
SATURDAY = 5


@dataclass(frozen=True)
class Bunch:
    """More than one post on one day."""

    day: date
    notes: tuple[Note, ...]  # in time order: the first keeps the day
    suggested: tuple[date, ...]  # a free working day for each of the others


@dataclass(frozen=True)
class PostsReport:
    last: Note | None  # the latest post on or before today
    last_day: date | None
    current_gap_days: int | None  # days from the last post to today
    longest_gap_days: int | None  # the most days between two posts in a row
    longest_gap: tuple[date, date] | None
    max_gap_days: int
    bunched: tuple[Bunch, ...]

    @property
    def due(self) -> date | None:
        """The day by which the next post is due."""
        return self.last_day + timedelta(days=self.max_gap_days) if self.last_day else None

    @property
    def state(self) -> str:
        if self.current_gap_days is None:
            return NONE
        return OVERDUE if self.current_gap_days > self.max_gap_days else DUE


def bunches(dated_posts: Iterable[tuple[date, Note]], freezes: Iterable[Freeze] = ()) -> list[Bunch]:
    """Days with more than one post, each with the next free working days to move the others to.

    A free day is a Monday to Friday with no post and outside any freeze;
    each suggestion is taken, so that two bunches never share one.
    """
    by_day: dict[date, list[Note]] = {}
    for day, note in sorted(dated_posts, key=lambda pair: (pair[1].date, pair[1].source)):
        by_day.setdefault(day, []).append(note)
    freezes = tuple(freezes)
    taken = set(by_day)
    found = []
    # Each bunch takes the first free days after it, so every free day up to the last one
    # taken is gone: the search for the next bunch starts there, not at its own day again.
    searched_to = date.min
    for day in sorted(by_day):
        notes = by_day[day]
        suggested: list[date] = []
        candidate = max(day, searched_to)
        while len(suggested) < len(notes) - 1:
            candidate += timedelta(days=1)
            if candidate.weekday() < SATURDAY and candidate not in taken and not any(candidate in f for f in freezes):
                suggested.append(candidate)
                taken.add(candidate)
        if suggested:
            searched_to = candidate
            found.append(Bunch(day, tuple(notes), tuple(suggested)))
    return found


def analyse_posts(posts: Iterable[Note], today: date, max_gap_days: int, timezone: ZoneInfo,
                  freezes: Iterable[Freeze] = ()) -> PostsReport:
    dated = [(local_day(note, timezone), note) for note in posts]
    past = sorted(((day, note) for day, note in dated if day <= today), key=lambda pair: (pair[1].date, pair[1].source))
    longest_gap_days, longest_gap = None, None
    for (before, _), (after, _) in pairwise(past):
        gap = (after - before).days
        if longest_gap_days is None or gap > longest_gap_days:
            longest_gap_days, longest_gap = gap, (before, after)
    last_day, last = past[-1] if past else (None, None)
    return PostsReport(
        last=last,
        last_day=last_day,
        current_gap_days=(today - last_day).days if last_day else None,
        longest_gap_days=longest_gap_days,
        longest_gap=longest_gap,
        max_gap_days=max_gap_days,
        bunched=tuple(bunches(dated, freezes)),
    )
