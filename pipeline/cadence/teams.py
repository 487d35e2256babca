"""Where each team stands: its notes placed in its periods, as of a given day.

Pure functions of notes, teams, options and a day. Every note is placed once
(a dictionary keyed by period number), and each period since `since` is
looked at once, so the work grows linearly with notes and periods.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from pipeline.cadence.options import CadenceOptions, Freeze
from pipeline.cadence.periods import FORTNIGHTLY, Period, Rhythm, span_of
from pipeline.content.model import Note, Team

# The state of a team's current period.
PUBLISHED, SCHEDULED, DUE, OVERDUE, QUIET, FREEZE, NOT_STARTED = (
    "published", "scheduled", "due", "overdue", "quiet", "freeze", "not_started",
)
#: How far back the table and `--strict` look for missed periods: about a
#: quarter for weekly teams, half a year for fortnightly ones, a year for monthly ones.
RECENT_PERIODS = 12


def local_day(note: Note, timezone: ZoneInfo) -> date:
    """The note's date in the site's time zone: a note belongs to the period of its local date."""
    when = note.date
    return (when if when.tzinfo is timezone else when.astimezone(timezone)).date()


class Exemptions:
    """Days on which no note is due: quiet weeks and months, and publishing freezes."""

    def __init__(self, quiet: Iterable[str] = (), freezes: Iterable[Freeze] = ()):
        self.labels = {label.upper() for label in quiet}
        # Day numbers (ordinals) in sets, so that asking about a day costs the same however many entries there are.
        self.quiet_days: set[int] = set()
        for label in self.labels:
            start, end = span_of(label)
            self.quiet_days.update(range(start.toordinal(), end.toordinal() + 1))
        self.freeze_days: dict[int, Freeze] = {}
        for freeze in freezes:
            for day in range(freeze.start.toordinal(), freeze.end.toordinal() + 1):
                self.freeze_days.setdefault(day, freeze)

    @classmethod
    def site_wide(cls, options: CadenceOptions) -> Exemptions:
        return cls(options.quiet, options.freeze)

    def with_quiet(self, labels: Iterable[str]) -> Exemptions:
        """These exemptions plus a team's own quiet periods."""
        labels = [label.upper() for label in labels]
        if not labels:
            return self
        team = Exemptions(labels)
        team.labels |= self.labels
        team.quiet_days |= self.quiet_days
        team.freeze_days = self.freeze_days
        return team

    def reason(self, due: date, label: str | None = None) -> str | None:
        """QUIET or FREEZE when no note is due on `due`; a fortnight is also quiet when `label` is listed."""
        day = due.toordinal()
        if day in self.freeze_days:
            return FREEZE
        if day in self.quiet_days or (label is not None and label in self.labels):
            return QUIET
        return None

    def freeze_on(self, day: date) -> Freeze | None:
        return self.freeze_days.get(day.toordinal())


class Timeline:
    """A team's notes placed in its numbered periods.

    With `today`, notes dated after it are kept apart as scheduled; without,
    every note is placed (the checks look at content, not at a day).

    Each period's first note and its day are kept in flat dictionaries, and
    later notes in a period (duplicates, which are rare) apart: holding no
    container per note keeps Python's cyclic garbage collector from walking
    a large heap again and again (it tripled the time for 130,000 notes).
    """

    def __init__(self, team: Team, notes: Iterable[Note], timezone: ZoneInfo, exemptions: Exemptions,
                 grace_days: int = 0, today: date | None = None):
        self.team = team
        self.rhythm = Rhythm.of(team)
        self.timezone = timezone
        self.exemptions = exemptions.with_quiet(team.quiet)
        self.grace_days = grace_days
        self.today = today
        self.first: dict[int, Note] = {}  # period number → its earliest note
        self.first_day: dict[int, date] = {}  # period number → that note's local day
        self.extra: dict[int, list[Note]] = {}  # period number → its other notes, oldest first
        self.scheduled: list[tuple[date, Note]] = []
        for note in notes:
            day = local_day(note, timezone)
            if today is not None and day > today:
                self.scheduled.append((day, note))
                continue
            index = self.rhythm.index_of(day)
            first = self.first.get(index)
            if first is None:
                self.first[index], self.first_day[index] = note, day
            elif (note.date, note.source) < (first.date, first.source):
                self.extra.setdefault(index, []).append(first)
                self.first[index], self.first_day[index] = note, day
            else:
                self.extra.setdefault(index, []).append(note)
        for extra in self.extra.values():
            extra.sort(key=lambda n: (n.date, n.source))
        self.scheduled.sort(key=lambda pair: (pair[1].date, pair[1].source))

    def exemption(self, index: int) -> str | None:
        label = self.rhythm.period(index).label if self.rhythm.cadence == FORTNIGHTLY else None
        return self.exemptions.reason(self.rhythm.due(index), label)

    def freeze(self, index: int) -> Freeze | None:
        return self.exemptions.freeze_on(self.rhythm.due(index))

    def days_late(self, index: int, day: date) -> int:
        """How many days after its due day a note dated `day` came; 0 or less is on time."""
        return (day - self.rhythm.due(index)).days

    def last(self) -> Note | None:
        """The latest note placed."""
        notes = [*self.first.values(), *(n[-1] for n in self.extra.values())]
        return max(notes, key=lambda n: (n.date, n.source), default=None)


@dataclass(frozen=True)
class LateNote:
    note: Note
    period: Period
    day: date
    days_late: int


@dataclass(frozen=True)
class Duplicate:
    period: Period
    notes: tuple[Note, ...]  # oldest first: the first is the period's note, the others are extra


def late_notes(timeline: Timeline) -> list[LateNote]:
    """The first note of each period, when it came after the due day plus the grace days."""
    late = []
    for index, note in sorted(timeline.first.items()):
        if index < 0:
            continue  # before `since`: nothing was due
        day = timeline.first_day[index]
        days_late = timeline.days_late(index, day)
        if days_late > timeline.grace_days and timeline.exemption(index) is None:
            late.append(LateNote(note, timeline.rhythm.period(index), day, days_late))
    return late


def duplicates(timeline: Timeline) -> list[Duplicate]:
    return [
        Duplicate(timeline.rhythm.period(index), (timeline.first[index], *extra))
        for index, extra in sorted(timeline.extra.items())
        if index >= 0
    ]


@dataclass(frozen=True)
class TeamReport:
    team: Team
    state: str  # PUBLISHED, SCHEDULED, DUE, OVERDUE, QUIET, FREEZE or NOT_STARTED
    period: Period  # the current period
    last: Note | None  # the latest note on or before today
    last_day: date | None
    due: date | None  # when the next note the team owes is due
    days_overdue: int
    streak: int  # periods in a row with a note, up to the current one; quiet periods are skipped
    longest_streak: int
    missed: tuple[Period, ...]  # every period since `since` that ended without a note, oldest first
    recent_missed: tuple[Period, ...]  # those among the last RECENT_PERIODS periods
    late: tuple[LateNote, ...]
    duplicates: tuple[Duplicate, ...]
    timeline: Timeline = field(repr=False, compare=False)

    @property
    def scheduled(self) -> list[tuple[date, Note]]:
        return self.timeline.scheduled

    @property
    def describe(self) -> str:
        """'due on Thu 3 Dec', 'overdue by 3 days', 'published'."""
        if self.state in (DUE, NOT_STARTED) and self.due:
            return f"due on {self.due:%a} {self.due.day} {self.due:%b}"
        if self.state == OVERDUE:
            return f"overdue by {self.days_overdue} day{'' if self.days_overdue == 1 else 's'}"
        if self.state == FREEZE:
            return "publishing freeze"
        return self.state


def analyse(timeline: Timeline) -> TeamReport:
    """Walk the team's periods from `since` to the one holding `timeline.today`."""
    today = timeline.today
    rhythm = timeline.rhythm
    current = rhythm.index_of(today)
    run = longest = 0
    missed: list[int] = []
    for index in range(current + 1):
        if index in timeline.first:
            run += 1
            longest = max(longest, run)
        elif index == current or timeline.exemption(index) is not None:
            continue  # the current period is still open; quiet ones neither count nor break
        else:
            missed.append(index)
            run = 0

    last = timeline.last()
    last_day = local_day(last, timeline.timezone) if last else None
    state, due, days_overdue = _current_state(timeline, current)
    return TeamReport(
        team=timeline.team,
        state=state,
        period=rhythm.period(current),
        last=last,
        last_day=last_day,
        due=due,
        days_overdue=days_overdue,
        streak=run,
        longest_streak=longest,
        missed=tuple(rhythm.period(i) for i in missed),
        recent_missed=tuple(rhythm.period(i) for i in missed if i > current - RECENT_PERIODS),
        late=tuple(late_notes(timeline)),
        duplicates=tuple(duplicates(timeline)),
        timeline=timeline,
    )


def _current_state(timeline: Timeline, current: int) -> tuple[str, date | None, int]:
    today = timeline.today
    if current < 0:
        return NOT_STARTED, _next_due(timeline, 0), 0
    if current in timeline.first:
        return PUBLISHED, _next_due(timeline, current + 1), 0
    if any(timeline.rhythm.index_of(day) == current for day, _ in timeline.scheduled):
        return SCHEDULED, _next_due(timeline, current + 1), 0
    exemption = timeline.exemption(current)
    if exemption is not None:
        return exemption, _next_due(timeline, current + 1), 0
    due = timeline.rhythm.due(current)
    if (today - due).days <= timeline.grace_days:
        return DUE, due, 0
    return OVERDUE, due, (today - due).days


def _next_due(timeline: Timeline, index: int) -> date | None:
    """The due day of the first period from `index` on in which a note is expected."""
    for ahead in range(index, index + 1000):  # quiet and frozen runs are finite; this bounds a bad config
        if timeline.exemption(ahead) is None:
            return timeline.rhythm.due(ahead)
    return None
