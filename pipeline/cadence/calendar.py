"""The cadence calendar: each team's last year of periods, laid out on one time axis.

This computes what each cell means and where it goes (numbers only); the
theme's calendar.html turns that into inline SVG with Jinja, so no markup is
built here. Cells sit on a shared axis of days, so a monthly team's month
lines up under the weekly teams' weeks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.cadence.periods import Period, long_date
from pipeline.cadence.teams import DUE, FREEZE, NOT_STARTED, OVERDUE, PUBLISHED, QUIET, SCHEDULED, TeamReport, Timeline
from pipeline.content.model import Note

# Cell states beyond the team states they share (published, overdue, quiet).
LATE, MISSED, UPCOMING = "late", "missed", "upcoming"
# Every cell state, in the legend's order, with the legend's words.
LEGEND = (
    (PUBLISHED, "Published"),
    (LATE, "Published late"),
    (MISSED, "Missed"),
    (OVERDUE, "Overdue"),
    (QUIET, "Quiet or publishing freeze"),
    (UPCOMING, "Not due yet"),
)
WINDOW = {"weekly": 52, "fortnightly": 26, "monthly": 12}  # about a year of periods for each cadence
UNITS = {"weekly": "week", "fortnightly": "fortnight", "monthly": "month"}

DAY_WIDTH = 2  # SVG units per day: a week is 14 wide
CELL_GAP = 2
CELL_HEIGHT = 16
AXIS_HEIGHT = 20  # room for the month labels above the cells


@dataclass(frozen=True)
class Cell:
    period: Period
    state: str
    text: str  # the state in words, for the cell's tooltip and the data table
    note_title: str | None
    url: str | None  # the note's URL, relative to SITEURL; None when there is no page to link to
    x: int
    width: int


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Calendar:
    """One team's last year: a row of cells under month labels."""

    slug: str
    name: str
    caption: str  # for the data table
    cells: tuple[Cell, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int = AXIS_HEIGHT + CELL_HEIGHT
    row_y: int = AXIS_HEIGHT
    cell_height: int = CELL_HEIGHT
    legend: tuple[tuple[str, str], ...] = LEGEND


def cell_state(timeline: Timeline, index: int) -> tuple[str, str, Note | None]:
    """What period `index` looks like as of `timeline.today`: state, words, and its note."""
    rhythm, today = timeline.rhythm, timeline.today
    due = rhythm.due(index)
    note = timeline.first.get(index)
    if note is not None:
        day = timeline.first_day[index]
        days_late = timeline.days_late(index, day)
        if days_late > timeline.grace_days and timeline.exemption(index) is None:
            late_by = f"{days_late} day{'' if days_late == 1 else 's'}"
            return LATE, f"Published late on {long_date(day)}, {late_by} after it was due on {long_date(due)}", note
        return PUBLISHED, f"Published on {long_date(day)}", note
    exemption = timeline.exemption(index)
    if exemption == FREEZE:
        return QUIET, f"Publishing freeze ({timeline.freeze(index).reason}): no note expected", None
    if exemption == QUIET:
        return QUIET, "Quiet: no note expected", None
    if index == rhythm.index_of(today):
        if (today - due).days <= timeline.grace_days:
            return UPCOMING, f"Due on {long_date(due)}", None
        return OVERDUE, f"Overdue: it was due on {long_date(due)}", None
    return MISSED, f"Missed: no note, due on {long_date(due)}", None


def _window(report: TeamReport) -> list[tuple[int, Period]]:
    """The last year of periods up to the current one, numbered (negative before `since`)."""
    rhythm = report.timeline.rhythm
    current = rhythm.index_of(report.timeline.today)
    return [(i, rhythm.period(i)) for i in range(current - WINDOW[report.team.cadence] + 1, current + 1)]


def shared_axis(reports: Iterable[TeamReport]) -> tuple[date, date]:
    """The days that all these teams' last years cover, so that their calendars line up.

    The axis always spans the whole year, so a team that started lately shows as a short row.
    """
    periods = [period for report in reports for _, period in _window(report)]
    return min(p.start for p in periods), max(p.end for p in periods)


def _ticks(start: date, end: date) -> list[Tick]:
    """One label at the first of each month: 'Mar 2026', 'Apr', ... 'Jan 2027', with the year in January.

    The first label carries the year too, unless a January follows soon: 'Dec 2025' would run into 'Jan 2026'.
    """
    months = []
    month = date(start.year, start.month, 1)
    if month < start:
        month = (month + timedelta(days=32)).replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    january_soon = any(m.month == 1 for m in months[:3])
    return [
        Tick((m - start).days * DAY_WIDTH,
             f"{m:%b %Y}" if m.month == 1 or (number == 0 and not january_soon) else f"{m:%b}")
        for number, m in enumerate(months)
    ]


def build_calendar(report: TeamReport, url_for: Callable[[Note], str | None],
                   axis: tuple[date, date] | None = None) -> Calendar:
    """A team's calendar on `axis` (by default its own year); `url_for` gives a note's page, or None."""
    start, end = axis or shared_axis([report])
    cells = []
    for index, period in _window(report):
        if index < 0:
            continue  # before the team's `since`: nothing was expected
        state, text, note = cell_state(report.timeline, index)
        days = (period.end - period.start).days + 1
        cells.append(Cell(
            period=period, state=state, text=text,
            note_title=note.title if note else None,
            url=url_for(note) if note else None,
            x=(period.start - start).days * DAY_WIDTH,
            width=days * DAY_WIDTH - CELL_GAP,
        ))
    unit = UNITS[report.team.cadence]
    span = f"from {cells[0].period.in_sentence} to {cells[-1].period.in_sentence}, newest first" if cells else "none yet"
    return Calendar(
        slug=report.team.slug,
        name=report.team.name,
        caption=f"{report.team.name}: each {unit} {span}",
        cells=tuple(cells),
        ticks=tuple(_ticks(start, end)),
        width=((end - start).days + 1) * DAY_WIDTH,
    )


def _public(report: TeamReport) -> tuple[str, date | None, int]:
    """State, due day and days overdue as the site tells them: a scheduled note is not news until its day."""
    if report.state != SCHEDULED:
        return report.state, report.due, report.days_overdue
    due, today = report.period.due, report.timeline.today
    if (today - due).days > report.timeline.grace_days:
        return OVERDUE, due, (today - due).days
    return DUE, due, 0


def state_text(report: TeamReport) -> str:
    """'Published', 'Due on Thursday 3 December 2026', 'Overdue by 2 days'."""
    state, due, days_overdue = _public(report)
    if state == OVERDUE:
        return f"Overdue by {days_overdue} day{'' if days_overdue == 1 else 's'}"
    if state == DUE:
        return f"Due on {long_date(due)}"
    if state == NOT_STARTED:
        return f"Starts on {long_date(report.team.since)}"
    return {PUBLISHED: "Published", QUIET: "Quiet: no note expected", FREEZE: "Publishing freeze: no note expected"}[state]


def streak_text(report: TeamReport) -> str:
    """'6 weeks in a row (longest: 9)'."""
    unit = UNITS[report.team.cadence]
    text = f"{report.streak} {unit}{'' if report.streak == 1 else 's'} in a row"
    return text + (f" (longest: {report.longest_streak})" if report.longest_streak > report.streak else "")


def next_due_text(report: TeamReport) -> str:
    """'Thursday 3 December 2026': this period's due day while its note is owed, else the next one's."""
    _, due, _ = _public(report)
    return long_date(due) if due else "No note expected"
