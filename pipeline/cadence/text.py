"""The cadence report as text for people: a table of teams, then the details that need action.

Colour marks states with click.style; click.echo drops it when the output is
not a terminal, so pipes and tests see plain text. Names and titles come from
front matter, so their control characters are escaped (findings.printable).
"""

from __future__ import annotations

import click

from pipeline.cadence.periods import short_date
from pipeline.cadence.report import Report
from pipeline.cadence.teams import DUE, FREEZE, NOT_STARTED, OVERDUE, PUBLISHED, QUIET, RECENT_PERIODS, SCHEDULED, TeamReport
from pipeline.findings import printable

COLOURS = {OVERDUE: "red", DUE: "yellow", PUBLISHED: "green", SCHEDULED: "green", QUIET: "blue", FREEZE: "blue"}
HEADINGS = ("Team", "Cadence", "Last note", "This period", "Streak", f"Missed (last {RECENT_PERIODS})")


def _this_period(team: TeamReport) -> str:
    if team.state == NOT_STARTED:
        return f"starts {short_date(team.team.since)}, first {team.describe}"
    return f"{team.period.label}: {team.describe}"


def _is_recent(team: TeamReport, period) -> bool:
    """Among the last RECENT_PERIODS periods, as the table's count of missed ones."""
    rhythm = team.timeline.rhythm
    return rhythm.index_of(period.start) > rhythm.index_of(team.period.start) - RECENT_PERIODS


def lines(report: Report) -> list[str]:
    rows = [HEADINGS] + [
        (printable(t.team.name), t.team.cadence, short_date(t.last_day) if t.last_day else "none", _this_period(t),
         str(t.streak), str(len(t.recent_missed)))
        for t in report.teams
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS))]
    out = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths)] + [row[-1]]
        if number:  # colour after padding: escape codes have no width on screen
            team = report.teams[number - 1]
            cells[3] = click.style(cells[3], fg=COLOURS.get(team.state), bold=(team.state == OVERDUE) or None)
            if team.recent_missed:
                cells[5] = click.style(cells[5], fg="red")
        out.append("  ".join(cells))

    details = []
    for team in report.teams:
        if team.recent_missed:
            details.append(f"Missed: {printable(team.team.name)} {', '.join(p.label for p in team.recent_missed)}")
    for team in report.teams:
        late = [n for n in team.late if _is_recent(team, n.period)]
        if late:
            listed = ", ".join(f"{n.period.label} ({n.days_late} day{'' if n.days_late == 1 else 's'})" for n in late)
            details.append(f"Late: {printable(team.team.name)} {listed}")
    for team in report.teams:
        for duplicate in team.duplicates:
            details.append(f"Duplicate: {printable(team.team.name)} {duplicate.period.label}: "
                           + ", ".join(n.source for n in duplicate.notes))
    details.append(_posts_line(report))
    for bunch in report.posts.bunched:
        moves = " and ".join(short_date(day) for day in bunch.suggested)
        details.append(f"Bunched: {len(bunch.notes)} posts on {short_date(bunch.day)}; move "
                       f"{'one' if len(bunch.suggested) == 1 else len(bunch.suggested)} to {moves}")
    for day, note in report.upcoming:
        details.append(f"Upcoming: {short_date(day)} {printable(note.title)} ({printable(note.source)})")
    return out + [""] + details


def _posts_line(report: Report) -> str:
    posts = report.posts
    if posts.last_day is None:
        return "Posts: none published yet."
    ago = posts.current_gap_days
    when = "today" if ago == 0 else f"{ago} day{'' if ago == 1 else 's'} ago"
    state = (
        click.style(f"overdue: more than {posts.max_gap_days} days since the last", fg="red", bold=True)
        if posts.state == OVERDUE else f"next due by {short_date(posts.due)}"
    )
    longest = f"; longest gap {posts.longest_gap_days} days" if posts.longest_gap_days is not None else ""
    return f"Posts: last on {short_date(posts.last_day)}, {when}; {state}{longest}."
