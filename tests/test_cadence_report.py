"""The cadence report as a pure function: notes × teams × today → where every team stands.

Table-driven over small teams built in memory (no files): each cadence,
quiet periods, freezes, ISO week 53 and weeks across 31 December, London
summer time, duplicates, late notes, bunched posts and scheduled notes.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.cadence.options import CadenceOptions, Freeze
from pipeline.cadence.report import as_json, build_report
from pipeline.content.frontmatter import Document
from pipeline.content.model import POST, WEEKNOTE, IsoWeek, Note, Team

LONDON = ZoneInfo("Europe/London")


def team(slug="data", cadence="weekly", due="friday", since="2026-11-02", quiet=()) -> Team:
    source = f"content/teams/{slug}.md"
    return Team(slug, slug.replace("-", " ").capitalize(), cadence, due, date.fromisoformat(since), ("sam-lee",), (),
                tuple(quiet), Document(Path(source), source, {}, "", 1))


def _when(text: str) -> datetime:
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=LONDON)  # as the loader does


def weeknote(slug: str, when: str, status="published", name: str | None = None) -> Note:
    stamp = _when(when)
    week = IsoWeek.of(stamp.astimezone(LONDON).date())
    source = f"content/weeknotes/{slug}/{name or week}.md"
    return Note(WEEKNOTE, source, Path(source), f"{slug} weeknote: {week}", stamp, ("sam-lee",), "Summary.",
                f"{slug}-{week.slug}", status, None, (), slug, week, Document(Path(source), source, {}, "", 1))


def post(when: str, name: str, status="published") -> Note:
    source = f"content/posts/{name}.md"
    return Note(POST, source, Path(source), name.replace("-", " ").capitalize(), _when(when), ("jane-doe",), "Summary.",
                name, status, "leadership", (), None, None, Document(Path(source), source, {}, "", 1))


def weekly_notes(slug: str, *days: str) -> list[Note]:
    return [weeknote(slug, day) for day in days]


def summary(notes, teams, today, **options):
    """Each team's report as a tuple that reads well in a table."""
    report = build_report(notes, teams, date.fromisoformat(today), CadenceOptions(**options), LONDON)
    return [
        (t.team.slug, t.state, t.period.label, str(t.due) if t.due else None, t.days_overdue, t.streak,
         t.longest_streak, [p.label for p in t.missed], [(n.period.label, n.days_late) for n in t.late])
        for t in report.teams
    ]


# Data platform: weekly, due Friday, since Monday 2 November 2026 (W45).
DATA = team()
ON_TIME = weekly_notes("data", "2026-11-06", "2026-11-13", "2026-11-20")

CASES = {
    "due today, on the due day": (
        [DATA], ON_TIME, "2026-11-27", {},
        [("data", "due", "2026-W48", "2026-11-27", 0, 3, 3, [], [])]),
    "overdue the day after": (
        [DATA], ON_TIME, "2026-11-28", {},
        [("data", "overdue", "2026-W48", "2026-11-27", 1, 3, 3, [], [])]),
    "grace days postpone overdue": (
        [DATA], ON_TIME, "2026-11-28", {"grace_days": 1},
        [("data", "due", "2026-W48", "2026-11-27", 0, 3, 3, [], [])]),
    "overdue counts from the due day, not the grace": (
        [DATA], ON_TIME, "2026-11-29", {"grace_days": 1},
        [("data", "overdue", "2026-W48", "2026-11-27", 2, 3, 3, [], [])]),
    "published this week: the next note is due next week": (
        [DATA], ON_TIME + weekly_notes("data", "2026-11-27"), "2026-11-27", {},
        [("data", "published", "2026-W48", "2026-12-04", 0, 4, 4, [], [])]),
    "a missed week breaks the streak": (
        [DATA], weekly_notes("data", "2026-11-06", "2026-11-20", "2026-11-27"), "2026-11-28", {},
        [("data", "published", "2026-W48", "2026-12-04", 0, 2, 2, ["2026-W46"], [])]),
    "two missed weeks, and an open current week": (
        [DATA], weekly_notes("data", "2026-11-06"), "2026-11-26", {},
        [("data", "due", "2026-W48", "2026-11-27", 0, 0, 1, ["2026-W46", "2026-W47"], [])]),
    "a quiet week neither counts nor breaks the streak": (
        [team(quiet=["2026-W46"])], weekly_notes("data", "2026-11-06", "2026-11-20"), "2026-11-21", {},
        [("data", "published", "2026-W47", "2026-11-27", 0, 2, 2, [], [])]),
    "site-wide quiet weeks from config": (
        [DATA], weekly_notes("data", "2026-11-06", "2026-11-20"), "2026-11-21", {"quiet": ("2026-W46",)},
        [("data", "published", "2026-W47", "2026-11-27", 0, 2, 2, [], [])]),
    "a quiet month covers the weeks whose due day is in it, not W53 (due 1 January)": (
        [team(since="2026-11-30", quiet=["2026-12"])], weekly_notes("data", "2027-01-08"), "2027-01-09", {},
        [("data", "published", "2027-W01", "2027-01-15", 0, 1, 1, ["2026-W53"], [])]),
    "a current quiet week: the next note is due after it": (
        [team(quiet=["2026-W48", "2026-W49"])], ON_TIME, "2026-11-28", {},
        [("data", "quiet", "2026-W48", "2026-12-11", 0, 3, 3, [], [])]),
    "weeks inside a freeze are not missed": (
        [DATA], weekly_notes("data", "2026-11-06", "2026-11-27"), "2026-11-28",
        {"freeze": (Freeze(date(2026, 11, 9), date(2026, 11, 22), "pre-election period"),)},
        [("data", "published", "2026-W48", "2026-12-04", 0, 2, 2, [], [])]),
    "a freeze now: no note is due until it ends": (
        [DATA], ON_TIME, "2026-11-28",
        {"freeze": (Freeze(date(2026, 11, 23), date(2026, 12, 6), "pre-election period"),)},
        [("data", "freeze", "2026-W48", "2026-12-11", 0, 3, 3, [], [])]),
    "a late note: Sunday after a Thursday due day": (
        [team(due="thursday")], weekly_notes("data", "2026-11-05", "2026-11-15"), "2026-11-16", {},
        [("data", "due", "2026-W47", "2026-11-19", 0, 2, 2, [], [("2026-W46", 3)])]),
    "grace covers a note a day late": (
        [team(due="thursday")], weekly_notes("data", "2026-11-05", "2026-11-13"), "2026-11-16", {"grace_days": 1},
        [("data", "due", "2026-W47", "2026-11-19", 0, 2, 2, [], [])]),
    "ISO week 53: 2026 has one, and it can be missed": (
        [team(since="2026-12-14")], weekly_notes("data", "2026-12-18", "2026-12-25", "2027-01-08"), "2027-01-09", {},
        [("data", "published", "2027-W01", "2027-01-15", 0, 1, 2, ["2026-W53"], [])]),
    "ISO week 53 published on New Year's Day": (
        [team(since="2026-12-14")], weekly_notes("data", "2026-12-18", "2026-12-25", "2027-01-01", "2027-01-08"),
        "2027-01-09", {},
        [("data", "published", "2027-W01", "2027-01-15", 0, 4, 4, [], [])]),
    "a week spanning 31 December: a note on 31 Dec 2024 is in 2025-W01": (
        [team(since="2024-12-16", due="monday")], weekly_notes("data", "2024-12-16", "2024-12-23", "2024-12-31"),
        "2025-01-05", {},
        [("data", "published", "2025-W01", "2025-01-06", 0, 3, 3, [], [("2025-W01", 1)])]),
    "London summer time: 23:30 on a Sunday is still that week": (
        [team(since="2026-06-15", due="sunday")], weekly_notes("data", "2026-06-21 12:00", "2026-06-28 23:30"),
        "2026-06-29", {},
        [("data", "due", "2026-W27", "2026-07-05", 0, 2, 2, [], [])]),
    "23:30 UTC on a summer Sunday is Monday in London: the next week": (
        [team(since="2026-06-15", due="sunday")], weekly_notes("data", "2026-06-21 12:00", "2026-06-28 23:30+00:00"),
        "2026-06-29", {},
        [("data", "published", "2026-W27", "2026-07-12", 0, 1, 1, ["2026-W26"], [])]),
    "00:30 on a summer Monday in London is 23:30 on Sunday in UTC, but Monday here": (
        [team(since="2026-06-15", due="sunday")], weekly_notes("data", "2026-06-21 12:00", "2026-06-29 00:30"),
        "2026-06-29", {},
        [("data", "published", "2026-W27", "2026-07-12", 0, 1, 1, ["2026-W26"], [])]),
    "fortnightly: one note per pair of weeks from since": (
        [team("pub", "fortnightly", since="2026-11-04")], weekly_notes("pub", "2026-11-06", "2026-11-27"), "2026-11-30", {},
        [("pub", "due", "2026-W49", "2026-12-11", 0, 2, 2, [], [])]),
    "fortnightly: a missed fortnight is named by its first week": (
        [team("pub", "fortnightly", since="2026-11-04")], weekly_notes("pub", "2026-11-06"), "2026-11-30", {},
        [("pub", "due", "2026-W49", "2026-12-11", 0, 0, 1, ["2026-W47"], [])]),
    "fortnightly: quiet by naming the first week": (
        [team("pub", "fortnightly", since="2026-11-04", quiet=["2026-W47"])], weekly_notes("pub", "2026-11-06"),
        "2026-11-30", {},
        [("pub", "due", "2026-W49", "2026-12-11", 0, 1, 1, [], [])]),
    "fortnightly: quiet by a quiet second week (the due day)": (
        [team("pub", "fortnightly", since="2026-11-04", quiet=["2026-W48"])], weekly_notes("pub", "2026-11-06"),
        "2026-11-30", {},
        [("pub", "due", "2026-W49", "2026-12-11", 0, 1, 1, [], [])]),
    "monthly: due on the last Friday; December quiet": (
        [team("design", "monthly", since="2026-09-25", quiet=["2026-12"])],
        weekly_notes("design", "2026-09-25", "2026-10-30", "2026-11-27"), "2026-12-31", {},
        [("design", "quiet", "2026-12", "2027-01-29", 0, 3, 3, [], [])]),
    "monthly: a missed month and a late one": (
        [team("design", "monthly", since="2026-09-25", due="monday")],
        weekly_notes("design", "2026-09-28", "2026-11-30", "2027-01-30"), "2027-01-31", {},
        [("design", "published", "2027-01", "2027-02-22", 0, 1, 1, ["2026-10", "2026-12"], [("2027-01", 5)])]),
    "monthly: after the due day, a note later that month is late": (
        [team("design", "monthly", since="2026-09-25")], weekly_notes("design", "2026-09-25", "2026-10-31"), "2026-11-01", {},
        [("design", "due", "2026-11", "2026-11-27", 0, 2, 2, [], [("2026-10", 1)])]),
    "not started: since is in a later period": (
        [team(since="2026-12-07")], [], "2026-11-30", {},
        [("data", "not_started", "2026-W49", "2026-12-11", 0, 0, 0, [], [])]),
    "drafts do not count": (
        [DATA], ON_TIME[:2] + [weeknote("data", "2026-11-20", status="draft")], "2026-11-21", {},
        [("data", "overdue", "2026-W47", "2026-11-20", 1, 2, 2, [], [])]),
    "a scheduled note in this period": (
        [DATA], ON_TIME + weekly_notes("data", "2026-11-27"), "2026-11-24", {},
        [("data", "scheduled", "2026-W48", "2026-12-04", 0, 3, 3, [], [])]),
    "overdue teams come first, then by name": (
        [team("alpha"), team("beta")], weekly_notes("alpha", "2026-11-06", "2026-11-13"), "2026-11-14", {},
        [("beta", "overdue", "2026-W46", "2026-11-13", 1, 0, 0, ["2026-W45"], []),
         ("alpha", "published", "2026-W46", "2026-11-20", 0, 2, 2, [], [])]),
}


@pytest.mark.parametrize("teams, notes, today, options, expected", CASES.values(), ids=CASES.keys())
def test_team_cadence(teams, notes, today, options, expected):
    assert summary(notes, teams, today, **options) == expected


def test_duplicates_in_one_period_are_reported():
    pub = team("pub", "fortnightly", since="2026-11-04")
    notes = weekly_notes("pub", "2026-11-13", "2026-11-06", "2026-11-20")
    (report,) = build_report(notes, [pub], date(2026, 11, 21), timezone=LONDON).teams
    assert [(d.period.label, [n.source for n in d.notes]) for d in report.duplicates] == [
        ("2026-W45", ["content/weeknotes/pub/2026-W45.md", "content/weeknotes/pub/2026-W46.md"]),
    ]
    assert report.streak == 2  # a period with two notes still counts once


def test_recent_missed_looks_back_twelve_periods():
    notes = weekly_notes("data", "2026-11-06") + weekly_notes("data", *[f"2027-02-{d:02d}" for d in (5, 12, 19, 26)])
    (report,) = build_report(notes, [DATA], date(2027, 2, 26), timezone=LONDON).teams
    assert [p.label for p in report.missed] == [f"2026-W{w}" for w in range(46, 54)] + ["2027-W01", "2027-W02", "2027-W03", "2027-W04"]
    # The last 12 periods are 2026-W50 to 2027-W08 (the current week): 2026 has 53 weeks.
    assert [p.label for p in report.recent_missed] == [
        "2026-W50", "2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03", "2027-W04",
    ]


POSTS = [
    post("2026-10-01 09:00", "a"), post("2026-10-15 09:00", "b"), post("2026-11-12 09:00", "c"),
    post("2026-11-13 09:00", "d"), post("2026-11-13 14:00", "e"), post("2026-11-13 16:00", "f"),
    post("2026-11-16 09:00", "g"), post("2026-12-03 09:00", "scheduled"), post("2026-11-20 09:00", "draft", status="draft"),
]


@pytest.mark.parametrize(
    "today, max_gap, expected",
    [
        ("2026-11-20", 21, ("2026-11-16", 4, 28, ("2026-10-15", "2026-11-12"), "2026-12-07", "due")),
        ("2026-12-02", 14, ("2026-11-16", 16, 28, ("2026-10-15", "2026-11-12"), "2026-11-30", "overdue")),
        ("2026-10-01", 21, ("2026-10-01", 0, None, None, "2026-10-22", "due")),
    ],
)
def test_posts_gaps(today, max_gap, expected):
    posts = build_report(POSTS, [], date.fromisoformat(today), CadenceOptions(max_post_gap_days=max_gap), LONDON).posts
    gap = tuple(str(d) for d in posts.longest_gap) if posts.longest_gap else None
    assert (str(posts.last_day), posts.current_gap_days, posts.longest_gap_days, gap, str(posts.due), posts.state) == expected


def test_no_posts_at_all():
    posts = build_report([], [], date(2026, 11, 20), timezone=LONDON).posts
    assert (posts.last, posts.current_gap_days, posts.longest_gap_days, posts.due, posts.state) == (None, None, None, None, "none")


def test_bunched_posts_get_the_next_free_working_days():
    # Three posts on Friday 13 November: Monday 16th is taken and the 17th is frozen, so 18th and 19th are free.
    freeze = Freeze(date(2026, 11, 17), date(2026, 11, 17), "budget statement")
    posts = build_report(POSTS, [], date(2026, 11, 20), CadenceOptions(freeze=(freeze,)), LONDON).posts
    assert [(str(b.day), [n.source for n in b.notes], [str(d) for d in b.suggested]) for b in posts.bunched] == [
        ("2026-11-13", ["content/posts/d.md", "content/posts/e.md", "content/posts/f.md"], ["2026-11-18", "2026-11-19"]),
    ]


def test_scheduled_notes_are_upcoming_and_not_yet_counted():
    notes = ON_TIME + weekly_notes("data", "2026-11-27") + [post("2026-11-26 09:00", "later"), post("2026-11-20 09:00", "now")]
    report = build_report(notes, [DATA], date(2026, 11, 24), timezone=LONDON)
    assert [(str(day), note.source) for day, note in report.upcoming] == [
        ("2026-11-26", "content/posts/later.md"), ("2026-11-27", "content/weeknotes/data/2026-W48.md"),
    ]
    assert str(report.teams[0].last_day) == "2026-11-20" and report.posts.last.source == "content/posts/now.md"


def test_selected_teams_only():
    notes = ON_TIME + weekly_notes("other", "2026-11-06", "2026-11-27")
    report = build_report(notes, [DATA], date(2026, 11, 24), timezone=LONDON)
    assert [t.team.slug for t in report.teams] == ["data"] and report.upcoming == ()


def test_failing_means_overdue_or_missed_recently():
    assert not build_report(ON_TIME, [DATA], date(2026, 11, 27), timezone=LONDON).failing
    assert build_report(ON_TIME, [DATA], date(2026, 11, 28), timezone=LONDON).failing
    assert build_report(ON_TIME[::2], [DATA], date(2026, 11, 27), timezone=LONDON).failing  # W46 missed


def test_json_schema_is_stable():
    notes = [*weekly_notes("data", "2026-11-06", "2026-11-14"), post("2026-11-12 09:00", "a"), post("2026-11-12 10:00", "b"),
             post("2026-12-01 09:00", "soon")]
    report = build_report(notes, [DATA], date(2026, 11, 28), CadenceOptions(grace_days=0), LONDON)
    assert as_json(report) == {
        "version": 1,
        "today": "2026-11-28",
        "teams": [{
            "slug": "data", "name": "Data", "cadence": "weekly", "due_weekday": "friday", "period": "2026-W48",
            "state": "overdue", "last": "2026-11-14", "due": "2026-11-27", "days_overdue": 1,
            "streak": 0, "longest_streak": 2, "missed": ["2026-W47"], "recent_missed": ["2026-W47"],
            "late": [{"period": "2026-W46", "date": "2026-11-14", "due": "2026-11-13", "days_late": 1,
                      "path": "content/weeknotes/data/2026-W46.md"}],
            "duplicates": [],
        }],
        "posts": {
            "last": "2026-11-12", "current_gap_days": 16, "longest_gap_days": 0, "max_gap_days": 21, "due": "2026-12-03",
            "state": "due",
            "bunched": [{"date": "2026-11-12", "paths": ["content/posts/a.md", "content/posts/b.md"], "suggested": ["2026-11-13"]}],
        },
        "upcoming": [{"date": "2026-12-01", "kind": "post", "team": None, "title": "Soon", "path": "content/posts/soon.md"}],
    }
