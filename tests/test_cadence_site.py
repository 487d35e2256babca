"""Cadence on the built site: the SVG calendar (golden files), /cadence/, team pages, scheduled notes.

Golden files are compared whole; regenerate them with `make golden`
(NOTES_UPDATE_GOLDEN=1) after a deliberate change, and review the diff.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2 import Environment, FileSystemLoader

from pipeline.cadence.calendar import build_calendar, shared_axis
from pipeline.cadence.options import CadenceOptions, Freeze
from pipeline.cadence.report import build_report
from pipeline.cli import cli
from tests.conftest import REPO, build_in, make_site, write
from tests.test_cadence_report import LONDON, team, weekly_notes

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-29"


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NOTES_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"differs from tests/golden/{name}; run make golden if intended"


def render(template: str, **context) -> str:
    """A theme template with the site's Jinja settings (pelicanconf.py's JINJA_ENVIRONMENT)."""
    env = Environment(loader=FileSystemLoader(REPO / "theme" / "templates"), trim_blocks=True, lstrip_blocks=True,
                      autoescape=True)
    return env.from_string(template).render(SITEURL="", **context)


# A weekly team across the end of 2026 (53 ISO weeks): on time, late, missed, quiet, frozen, and overdue now;
# and a monthly team whose note for this month is not yet due.
CALENDARS = {
    "cadence-calendar-weekly.svg": (
        team("data", since="2026-11-30", due="thursday", quiet=["2026-W51"]),
        weekly_notes("data", "2026-12-03", "2026-12-13", "2026-12-31", "2027-01-14", "2027-01-21"),
        "2027-02-06",
        CadenceOptions(freeze=(Freeze(date(2027, 1, 25), date(2027, 1, 29), "by-election <Ward & Park>"),)),
    ),
    "cadence-calendar-monthly.svg": (
        team("design", "monthly", since="2026-01-05", quiet=["2026-08"]),
        weekly_notes("design", "2026-01-30", "2026-02-27", "2026-04-24", "2026-05-29", "2026-06-26", "2026-07-31",
                     "2026-09-25", "2026-10-30"),
        "2026-11-20",
        CadenceOptions(),
    ),
}


@pytest.mark.parametrize("name", CALENDARS)
def test_svg_calendar_matches_golden_file(name):
    owner, notes, today, options = CALENDARS[name]
    (report,) = build_report(notes, [owner], date.fromisoformat(today), options, LONDON).teams
    calendar = build_calendar(report, lambda note: f"weeknotes/{note.team}/{note.week.slug}/")
    svg = render('{% import "calendar.html" as cal with context %}{{ cal.svg(calendar) }}\n', calendar=calendar)
    ElementTree.fromstring(svg)  # well-formed XML, attributes and escaping included
    golden(name, svg)


def _calendars(today: str, *teams, axis: bool = False):
    report = build_report([], list(teams), date.fromisoformat(today), CadenceOptions(), LONDON)
    shared = shared_axis(report.teams) if axis else None
    return [build_calendar(r, lambda note: None, shared) for r in report.teams]


def test_the_calendar_starts_at_the_teams_since_and_ends_with_this_week():
    (calendar,) = _calendars("2026-11-25", team("data", since="2026-10-08"))  # Wednesday of week 48
    assert [cell.period.label for cell in calendar.cells][0] == "2026-W41"  # since's week, not January
    assert calendar.cells[0].x == 0
    assert [(tick.x, tick.label) for tick in calendar.ticks] == [(0, "Oct 2026"), (27 * 4, "Nov")]  # from Monday 5 October
    last = calendar.cells[-1]
    assert last.period.label == "2026-W48" and last.x + last.width == calendar.width == 8 * 28 - 4  # weeks 41 to 48


def test_a_calendar_shows_34_weeks_at_most_so_that_it_fits_the_widest_column():
    (calendar,) = _calendars("2026-11-25", team("data", since="2025-01-06"))
    assert len(calendar.cells) == 34 and calendar.width == 34 * 28 - 4 == 948


def test_on_one_axis_a_month_under_way_ends_with_this_week_like_the_weeks():
    weekly, monthly = _calendars("2026-11-25", team("data", since="2026-09-07"),
                                 team("design", "monthly", since="2026-09-01"), axis=True)
    assert weekly.width == monthly.width
    ends = {calendar.cells[-1].x + calendar.cells[-1].width for calendar in (weekly, monthly)}
    assert ends == {weekly.width}  # November is drawn up to Sunday 29 November, not to its 30th
    assert monthly.cells[0].x == 0 and weekly.cells[0].x == 6 * 4  # 1 September, and Monday 7 September


def test_every_state_is_drawn_and_explained():
    states = set()
    for owner, notes, today, options in CALENDARS.values():
        (report,) = build_report(notes, [owner], date.fromisoformat(today), options, LONDON).teams
        states |= {cell.state for cell in build_calendar(report, lambda note: None).cells}
    legend = build_calendar(report, lambda note: None).legend
    assert states == {state for state, _ in legend} == {"published", "late", "missed", "overdue", "quiet", "upcoming"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site plus a second team, built once with today pinned."""
    root = make_site(tmp_path_factory.mktemp("cadence") / "site")
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write(f'\nNOTES_TODAY = "{TODAY}"\n')
    write(root / "content/teams/identity.md",
          "---\nname: Identity\ncadence: weekly\ndue: thursday\nsince: 2026-11-02\nmembers: [sam-lee]\nquiet: [2026-W46]\n---\nSign-in.\n")
    write(root / "content/weeknotes/identity/2026-W45.md", "---\ndate: 2026-11-08\nauthors: [sam-lee]\nsummary: Late.\n---\nBody.\n")
    write(root / "content/weeknotes/identity/2026-W48.md", "---\ndate: 2026-11-26\nauthors: [sam-lee]\nsummary: On time.\n---\nBody.\n")
    write(root / "content/weeknotes/identity/2026-W49.md",
          "---\ndate: 2026-12-03\nauthors: [sam-lee]\nsummary: A NOTE FROM THE FUTURE.\n---\nBody.\n")
    return build_in(root)


def main_of(page: Path) -> str:
    """The page's <main>: the part cadence owns (the header and footer belong to base.html)."""
    return re.search(r"<main .*?</main>", page.read_text(encoding="utf-8"), re.S)[0] + "\n"


def test_cadence_page_matches_golden_file(built):
    golden("cadence-main.html", main_of(built / "cadence/index.html"))


def test_cadence_page_svgs_are_well_formed_and_link_to_notes(built):
    page = (built / "cadence/index.html").read_text(encoding="utf-8")
    svgs = re.findall(r'<svg class="notes-calendar__svg".*?</svg>', page, re.S)
    assert len(svgs) == 2
    links = [a.get("href") for svg in svgs for a in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}a")]
    assert links == [
        "../weeknotes/data-platform/2026-w45/", "../weeknotes/data-platform/2026-w46/",
        "../weeknotes/data-platform/2026-w47/", "../weeknotes/identity/2026-w45/", "../weeknotes/identity/2026-w48/",
    ]
    assert all((built / "cadence" / link / "index.html").resolve().is_file() for link in links)


def test_team_page_shows_streak_next_due_and_calendar(built):
    page = main_of(built / "teams/identity/index.html")
    assert re.sub(r"\s+", " ", page).count(
        '<dt class="govuk-summary-list__key">Current streak</dt> '
        '<dd class="govuk-summary-list__value">1 week in a row</dd>'
    ) == 1
    assert "<dd class=\"govuk-summary-list__value\">Thursday 3 December 2026</dd>" in page
    assert page.count('<svg class="notes-calendar__svg"') == 1
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Identity: each week from week 45, 2026 to week 48, 2026, newest first</caption>' in page


def test_scheduled_note_is_not_on_the_development_site(built):
    everything = {p: p.read_text(encoding="utf-8", errors="replace") for p in built.rglob("*") if p.is_file()}
    holding = sorted(str(p.relative_to(built)) for p, text in everything.items() if "A NOTE FROM THE FUTURE" in text)
    assert holding == ["drafts/identity-2026-w49.html"]  # Pelican's draft preview, never linked
    assert not (built / "weeknotes/identity/2026-w49").exists()


def test_scheduled_and_draft_weeknotes_stay_off_the_published_site(site):
    write(site / "content/weeknotes/data-platform/2099-W01.md",
          "---\ndate: 2099-01-02\nauthors: [sam-lee]\nsummary: A NOTE FROM THE FUTURE.\n---\nBody.\n")
    write(site / "content/weeknotes/data-platform/2026-W48.md",
          "---\ndate: 2026-11-27\nauthors: [sam-lee]\nsummary: A DRAFT NOTE.\nstatus: draft\n---\nBody.\n")
    result = CliRunner().invoke(cli, ["publish"])
    assert result.exit_code == 0, result.output
    files = [p for p in (site / "output").rglob("*") if p.is_file()]
    assert files and not [p for p in files if b"FROM THE FUTURE" in p.read_bytes() or b"A DRAFT NOTE" in p.read_bytes()]
    assert not (site / "output/weeknotes/data-platform/2099-w01").exists()


def test_freeze_breach_blocks_the_build_and_lateness_only_warns(site):
    (site / "pyproject.toml").write_text(
        '[tool.notes.cadence]\nfreeze = [{from = 2026-11-20, to = 2026-11-20, reason = "by-election"}]\n'
        '[tool.notes.lint]\nselect = ["C"]\n'  # the cadence rules only, whatever the tone rules think of "Body."
    )
    write(site / "content/weeknotes/data-platform/2026-W48.md",
          "---\ndate: 2026-11-28\nauthors: [sam-lee]\nsummary: Late.\n---\nBody.\n")
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Loading notes from content…",
        "Checking 11 files in content…",
        "content/posts/2026-11-20-why-we-publish-our-roadmap.md:3:7: C102 dated 2026-11-20, inside the publishing "
        "freeze from 2026-11-20 to 2026-11-20 (by-election): date it after 2026-11-20, or add "
        "freeze_exempt: \"<why it must go out now>\" (error)",
        "content/weeknotes/data-platform/2026-W47.md:2:7: C102 dated 2026-11-20, inside the publishing freeze from "
        "2026-11-20 to 2026-11-20 (by-election): date it after 2026-11-20, or add freeze_exempt: \"<why it must go out now>\" (error)",
        "content/weeknotes/data-platform/2026-W48.md:2:7: C103 published on Saturday 28 November 2026, 1 day after it "
        "was due on Friday 27 November 2026: publish by the due day, or change 'due' in "
        "content/teams/data-platform.md if Friday no longer fits (warning)",
        "Checked 11 files: 2 errors, 1 warning in 3 files.",
        "Not built: fix the errors above, then run the command again.",
    ]
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nselect = ["C"]\n')
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0 and "Checked 11 files: 1 warning in 1 file." in result.output
