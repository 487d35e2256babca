"""The cadence calendar: each team's periods since it started, the last 34 weeks at most, on one time axis.

This computes what each cell means and where it goes (numbers only); the
theme's calendar.html turns that into inline SVG with Jinja, so no markup is
built here. Cells sit on a shared axis of days, so a monthly team's month
lines up under the weekly teams' weeks, and every row ends with the current
week: a month under way is drawn up to today's week, not to its end.

The SVG is drawn at its own size, one unit a CSS pixel, never scaled down to
fit: a week's cell is 24 pixels square, the smallest target WCAG 2.2 allows a
link (2.5.8), and a month is 112 to 124 pixels wide, room enough for its
label. 34 weeks are 948 pixels, as wide as the page's widest column (960), so
on a computer the calendar shows whole; on a narrower screen it scrolls
inside its own box.

What the public site shows is a setting, NOTES_PUBLIC_CADENCE: `full` (every
state, late and missed included), `published` (only the notes published) or
`off` (no calendar). `notes cadence` always reports everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline.cadence.periods import Period, long_date
from pipeline.cadence.teams import DUE, FREEZE, NOT_STARTED, OVERDUE, PUBLISHED, QUIET, SCHEDULED, TeamReport, Timeline
from pipeline.content.model import IsoWeek, Note

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
WINDOW_WEEKS = 34  # the most weeks, at 28 pixels a week, that fit the page's widest column
UNITS = {"weekly": "week", "fortnightly": "fortnight", "monthly": "month"}

# What NOTES_PUBLIC_CADENCE may say the site shows.
FULL, PUBLISHED_ONLY, OFF = "full", "published", "off"
PUBLIC_CADENCE = (FULL, PUBLISHED_ONLY, OFF)

DAY_WIDTH = 4  # CSS pixels a day: a week's cell is 24 wide, with a gap of 4
CELL_GAP = 4
CELL_HEIGHT = 24  # WCAG 2.2's smallest target, 24 by 24 CSS pixels
MIN_LINK_WIDTH = 24
AXIS_HEIGHT = 24  # room for the month labels above the cells
LABEL_SIZE = 14  # font size of the month labels, in CSS pixels
LABEL_CHAR_WIDTH = 8  # a generous width of one character of a label, to keep labels apart
LABEL_GAP = 8


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
    anchor: str = "start"  # SVG text-anchor: "end" for a label set against the right edge


@dataclass(frozen=True)
class Calendar:
    """One team's periods: a row of cells under month labels."""

    slug: str
    name: str
    caption: str  # for the data table
    cells: tuple[Cell, ...]
    ticks: tuple[Tick, ...]
    width: int
    legend: tuple[tuple[str, str], ...] = LEGEND
    height: int = AXIS_HEIGHT + CELL_HEIGHT
    row_y: int = AXIS_HEIGHT
    cell_height: int = CELL_HEIGHT
    label_y: int = LABEL_SIZE + 2
    label_size: int = LABEL_SIZE


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


def _window(report: TeamReport, first_day: date) -> list[tuple[int, Period]]:
    """The team's periods from the one holding `first_day` (never before `since`'s) to the current one, numbered."""
    rhythm = report.timeline.rhythm
    first = max(0, rhythm.index_of(first_day))
    return [(i, rhythm.period(i)) for i in range(first, rhythm.index_of(report.timeline.today) + 1)]


def shared_axis(reports: Iterable[TeamReport]) -> tuple[date, date]:
    """The days these teams' calendars cover, so that they line up: from the earliest first period, the
    last WINDOW_WEEKS weeks at most, to the end of the current week, where every row ends."""
    reports = list(reports)  # at least one
    week = IsoWeek.of(reports[0].timeline.today)
    earliest = week.monday - timedelta(weeks=WINDOW_WEEKS - 1)
    return max(earliest, min(report.timeline.rhythm.period(0).start for report in reports)), week.sunday


def _label_width(label: str) -> int:
    return len(label) * LABEL_CHAR_WIDTH


def _ticks(start: date, end: date, width: int) -> list[Tick]:
    """One label at the first of each month: 'Sep 2026', 'Oct', ... 'Jan 2027', with the year in January.

    The axis's first month, when it starts part-way through, is labelled at
    the left edge if its part leaves room for the label; the first label
    carries the year. A last label without room before the right edge is set
    against it, so that no label is cut off or runs into another.
    """
    months = []
    month = (start.replace(day=1) + timedelta(days=32)).replace(day=1) if start.day > 1 else start
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    places = [((m - start).days * DAY_WIDTH, m) for m in months]
    if start.day > 1:
        room = places[0][0] if places else width
        if room >= _label_width(f"{start:%b %Y}") + LABEL_GAP:
            places.insert(0, (0, start))
    ticks = []
    for x, month in places:
        label = f"{month:%b %Y}" if month.month == 1 or not ticks else f"{month:%b}"
        if x + _label_width(label) > width:
            ticks.append(Tick(width, label, "end"))
        else:
            ticks.append(Tick(x, label))
    return ticks


def build_calendar(report: TeamReport, url_for: Callable[[Note], str | None],
                   axis: tuple[date, date] | None = None, shows: str = FULL) -> Calendar:
    """A team's calendar on `axis` (by default its own); `url_for` gives a note's page, or None.

    `shows` is NOTES_PUBLIC_CADENCE: with `published`, only the published notes are drawn and listed.
    """
    start, end = axis or shared_axis([report])
    current = report.timeline.rhythm.index_of(report.timeline.today)
    cells = []
    for index, period in _window(report, start):
        first, last = max(period.start, start), min(period.end, end)
        if (last - first).days < 6 and index != current:
            continue  # a past month cut to a sliver by the axis's start: too small to read or point at
        state, text, note = cell_state(report.timeline, index)
        url = url_for(note) if note else None
        width = ((last - first).days + 1) * DAY_WIDTH - CELL_GAP
        cell = Cell(
            period=period, state=state, text=text,
            note_title=note.title if note else None,
            url=url,
            x=(first - start).days * DAY_WIDTH,
            width=max(width, MIN_LINK_WIDTH) if url else width,  # a link is never under the smallest target
        )
        if shows == PUBLISHED_ONLY:
            # Only the notes published are told, and not whether they were late.
            if state not in (PUBLISHED, LATE):
                continue
            cell = replace(cell, state=PUBLISHED, text=f"Published on {long_date(report.timeline.first_day[index])}")
        cells.append(cell)
    unit = UNITS[report.team.cadence]
    if shows == PUBLISHED_ONLY:
        caption = f"{report.team.name}: each note published, newest first" if cells else f"{report.team.name}: no notes yet"
    elif cells:
        caption = (f"{report.team.name}: each {unit} from {cells[0].period.in_sentence} "
                   f"to {cells[-1].period.in_sentence}, newest first")
    else:
        caption = f"{report.team.name}: each {unit}, none yet"
    width = max([((end - start).days + 1) * DAY_WIDTH - CELL_GAP, *(cell.x + cell.width for cell in cells)])
    return Calendar(
        slug=report.team.slug,
        name=report.team.name,
        caption=caption,
        cells=tuple(cells),
        ticks=tuple(_ticks(start, end, width)),
        width=width,
        legend=tuple(item for item in LEGEND if item[0] == PUBLISHED) if shows == PUBLISHED_ONLY else LEGEND,
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


def this_period_text(report: TeamReport) -> str:
    """'This week: due on Thursday 3 December 2026', 'This month: quiet, no note expected'."""
    state = state_text(report)
    if report.state == NOT_STARTED:
        return state
    unit = UNITS[report.team.cadence]
    return f"This {unit}: {state[0].lower()}{state[1:].replace(': ', ', ')}"
