"""`notes cadence` through CliRunner: the table, the JSON asserted whole, and the exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import write

# Beside the fixture site's weekly data-platform team (notes in weeks 45 to 47):
MORE = {
    "teams/publishing.md": (
        "---\nname: Publishing\ncadence: fortnightly\ndue: friday\nsince: 2026-11-02\nmembers: [jane-doe]\n---\nPages.\n"
    ),
    "teams/research.md": (
        "---\nname: Research\ncadence: monthly\ndue: friday\nsince: 2026-10-01\nmembers: [priya-patel]\n---\nStudies.\n"
    ),
    "weeknotes/publishing/2026-W45.md": "---\ndate: 2026-11-06\nauthors: [jane-doe]\nsummary: Pages.\n---\nBody.\n",
    # Due on Friday 27 November: a day late.
    "weeknotes/publishing/2026-W48.md": "---\ndate: 2026-11-28\nauthors: [jane-doe]\nsummary: Pages.\n---\nBody.\n",
    # Scheduled for Friday 4 December; week 48 has no note.
    "weeknotes/data-platform/2026-W49.md": "---\ndate: 2026-12-04\nauthors: [sam-lee]\nsummary: Soon.\n---\nBody.\n",
    # The same day as the roadmap post.
    "posts/2026-11-20-hiring.md": (
        "---\ntitle: How we hire\ndate: 2026-11-20 14:00\nauthors: [jane-doe]\nsummary: Hiring.\n---\nBody.\n"
    ),
    "posts/2026-12-03-later.md": (
        "---\ntitle: Coming later\ndate: 2026-12-03 09:00\nauthors: [jane-doe]\nsummary: Later.\n---\nBody.\n"
    ),
}


@pytest.fixture
def busy(site):
    for relative, text in MORE.items():
        write(site / "content" / relative, text)
    return site


def run(*args: str, **kwargs):
    return CliRunner().invoke(cli, ["cadence", *args], prog_name="notes", **kwargs)


def test_table_puts_overdue_teams_first_then_what_needs_action(busy):
    result = run("--today", "2026-11-30")
    assert (result.exit_code, result.output) == (0, (
        "Team           Cadence      Last note    This period                  Streak  Missed (last 12)\n"
        "Research       monthly      none         2026-11: overdue by 3 days   0       1\n"
        "Data platform  weekly       20 Nov 2026  2026-W49: scheduled          0       1\n"
        "Publishing     fortnightly  28 Nov 2026  2026-W49: due on Fri 11 Dec  2       0\n"
        "\n"
        "Missed: Research 2026-10\n"
        "Missed: Data platform 2026-W48\n"
        "Late: Publishing 2026-W47 (1 day)\n"
        "Posts: last on 20 Nov 2026, 10 days ago; next due by 11 Dec 2026; longest gap 14 days.\n"
        "Bunched: 2 posts on 20 Nov 2026; move one to 23 Nov 2026\n"
        "Upcoming: 3 Dec 2026 Coming later (content/posts/2026-12-03-later.md)\n"
        "Upcoming: 4 Dec 2026 Data platform weeknote: week 49, 2026 (content/weeknotes/data-platform/2026-W49.md)\n"
    ))


def test_states_are_coloured_on_a_terminal(busy):
    result = run("--today", "2026-11-30", color=True)
    rows = result.output.splitlines()
    assert "\x1b[31m\x1b[1m2026-11: overdue by 3 days \x1b[0m" in rows[1]
    assert "\x1b[32m2026-W49: scheduled        \x1b[0m" in rows[2]
    assert rows[1].endswith("\x1b[31m1\x1b[0m")


def test_json_output_whole(busy):
    result = run("--today", "2026-11-30", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "version": 1,
        "today": "2026-11-30",
        "teams": [
            {
                "slug": "research", "name": "Research", "cadence": "monthly", "due_weekday": "friday",
                "period": "2026-11", "state": "overdue", "last": None, "due": "2026-11-27", "days_overdue": 3,
                "streak": 0, "longest_streak": 0, "missed": ["2026-10"], "recent_missed": ["2026-10"],
                "late": [], "duplicates": [],
            },
            {
                "slug": "data-platform", "name": "Data platform", "cadence": "weekly", "due_weekday": "friday",
                "period": "2026-W49", "state": "scheduled", "last": "2026-11-20", "due": "2026-12-11",
                "days_overdue": 0, "streak": 0, "longest_streak": 3, "missed": ["2026-W48"],
                "recent_missed": ["2026-W48"], "late": [], "duplicates": [],
            },
            {
                "slug": "publishing", "name": "Publishing", "cadence": "fortnightly", "due_weekday": "friday",
                "period": "2026-W49", "state": "due", "last": "2026-11-28", "due": "2026-12-11", "days_overdue": 0,
                "streak": 2, "longest_streak": 2, "missed": [], "recent_missed": [],
                "late": [{"period": "2026-W47", "date": "2026-11-28", "due": "2026-11-27", "days_late": 1,
                          "path": "content/weeknotes/publishing/2026-W48.md"}],
                "duplicates": [],
            },
        ],
        "posts": {
            "last": "2026-11-20", "current_gap_days": 10, "longest_gap_days": 14, "max_gap_days": 21,
            "due": "2026-12-11", "state": "due",
            "bunched": [{
                "date": "2026-11-20",
                "paths": ["content/posts/2026-11-20-why-we-publish-our-roadmap.md", "content/posts/2026-11-20-hiring.md"],
                "suggested": ["2026-11-23"],
            }],
        },
        "upcoming": [
            {"date": "2026-12-03", "kind": "post", "team": None, "title": "Coming later",
             "path": "content/posts/2026-12-03-later.md"},
            {"date": "2026-12-04", "kind": "weeknote", "team": "data-platform",
             "title": "Data platform weeknote: week 49, 2026", "path": "content/weeknotes/data-platform/2026-W49.md"},
        ],
    }


def test_config_changes_the_report(busy):
    (busy / "pyproject.toml").write_text(
        '[tool.notes.cadence]\ngrace_days = 1\nmax_post_gap_days = 7\nquiet = ["2026-10"]\n'
    )
    report = json.loads(run("--today", "2026-11-30", "--format", "json", "--team", "research", "--team", "publishing").output)
    assert [(t["slug"], t["missed"], t["late"]) for t in report["teams"]] == [("research", [], []), ("publishing", [], [])]
    assert (report["posts"]["state"], report["posts"]["due"]) == ("overdue", "2026-11-27")
    assert report["upcoming"] == [
        {"date": "2026-12-03", "kind": "post", "team": None, "title": "Coming later", "path": "content/posts/2026-12-03-later.md"},
    ]


@pytest.mark.parametrize(
    "today, teams, exit_code",
    [
        ("2026-11-27", [], 0),  # data platform's note is due today
        ("2026-11-28", [], 1),  # ... and overdue the day after
        ("2026-11-30", ["--team", "publishing"], 0),
        ("2026-11-30", ["--team", "data-platform"], 1),  # scheduled this week, but week 48 was missed
        ("2026-11-30", ["--team", "research"], 1),
    ],
)
def test_strict_fails_on_overdue_teams_and_recently_missed_periods(busy, today, teams, exit_code):
    if today < "2026-11-30":
        for relative in MORE:
            (busy / "content" / relative).unlink()
    assert run("--today", today, *teams, "--strict").exit_code == exit_code
    assert run("--today", today, *teams).exit_code == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--today", "30/11/2026"],
         "Error: Invalid value for '--today': '30/11/2026' does not match the format '%Y-%m-%d'.\n"),
        (["--format", "yaml"],
         "Error: Invalid value for '--format': 'yaml' is not one of 'text', 'json'.\n"),
    ],
)
def test_bad_usage_exits_2(site, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output == f"Usage: notes cadence [OPTIONS]\nTry 'notes cadence --help' for help.\n\n{message}"


def test_unknown_team_exits_2(site):
    result = run("--team", "data-platfrom")
    assert (result.exit_code, result.output) == (
        2, "notes: error: unknown team 'data-platfrom'; known teams: data-platform\n",
    )


def test_bad_config_exits_2(site):
    (site / "pyproject.toml").write_text("[tool.notes.cadence]\nfreeze = [{from = 2027-04-01}]\n")
    result = run()
    assert result.exit_code == 2
    assert result.output == (
        f"notes: error: {site / 'pyproject.toml'}:2: 'freeze' in [tool.notes.cadence] must be a list of tables like "
        "[{from = 2027-04-01, to = 2027-05-07, reason = \"pre-election period\"}]; "
        "got nothing for 'to' (write a bare date like 2027-04-01, without quotes)\n"
    )
