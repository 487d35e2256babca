"""NOTES_PUBLIC_CADENCE: the public site shows all of each team's cadence, only what was published, or none;
`notes cadence` tells the comms team everything whatever the site shows."""

from __future__ import annotations

import re

import pytest

from tests.conftest import build_in, make_site, run_in, write

TODAY = "2026-11-29"  # Sunday of week 48
# On top of the fixture's data-platform notes (weeks 45 to 47, week 48 overdue): a team that was late once
# and missed a week.
IDENTITY = {
    "teams/identity.md": "---\nname: Identity\ncadence: weekly\ndue: thursday\nsince: 2026-11-02\nmembers: [sam-lee]\n---\nSign-in.\n",
    "weeknotes/identity/2026-W45.md": "---\ndate: 2026-11-08\nauthors: [sam-lee]\nsummary: Late.\n---\nBody.\n",
    "weeknotes/identity/2026-W47.md": "---\ndate: 2026-11-19\nauthors: [sam-lee]\nsummary: On time.\n---\nBody.\n",
}
# What only a full view tells ("due on Thursday" alone is the team's rhythm, which every view shows).
JUDGEMENTS = re.compile(r"[Oo]verdue|[Mm]issed|[Pp]ublished late|in a row|[Dd]ue on \w+day \d|Next note due")


def _site(root, shows: str | None):
    make_site(root, today=TODAY)
    for relative, text in IDENTITY.items():
        write(root / "content" / relative, text)
    if shows is not None:
        with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            settings.write(f"\nNOTES_PUBLIC_CADENCE = {shows!r}\n")
    return root


def _pages(output) -> dict[str, str]:
    return {name: (output / name).read_text(encoding="utf-8")
            for name in ("index.html", "teams/identity/index.html", "teams/data-platform/index.html")}


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    return build_in(_site(tmp_path_factory.mktemp("full") / "site", None))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return build_in(_site(tmp_path_factory.mktemp("published") / "site", "published"))


@pytest.fixture(scope="module")
def off(tmp_path_factory):
    return build_in(_site(tmp_path_factory.mktemp("off") / "site", "off"))


def _cells(page: str) -> list[str]:
    return re.findall(r"<title>([^<]+)</title><(?:rect|path)", page)


def test_by_default_the_site_shows_everything(full):
    team = _pages(full)["teams/identity/index.html"]
    assert _cells(team) == [
        "Week 45, 2026: Published late on Sunday 8 November 2026, 3 days after it was due on Thursday 5 November 2026",
        "Week 46, 2026: Missed: no note, due on Thursday 12 November 2026",
        "Week 47, 2026: Published on Thursday 19 November 2026",
        "Week 48, 2026: Overdue: it was due on Thursday 26 November 2026",
    ]
    assert "Current streak" in team
    assert '<p class="notes-status">This week: overdue by 3 days</p>' in _pages(full)["index.html"]


def test_published_only_shows_the_notes_and_nothing_of_the_weeks_without_one(published):
    for name, page in _pages(published).items():
        main = re.search(r"<main .*?</main>", page, re.S)[0]
        assert not JUDGEMENTS.findall(main), name
    assert _cells(_pages(published)["teams/identity/index.html"]) == [
        "Week 45, 2026: Published on Sunday 8 November 2026",
        "Week 47, 2026: Published on Thursday 19 November 2026",
    ]
    cadence = (published / "cadence/index.html").read_text(encoding="utf-8")
    main = re.search(r"<main .*?</main>", cadence, re.S)[0]
    assert not JUDGEMENTS.findall(main)
    assert "Where each team stands" not in main
    assert "These are the notes each one has published, up to Sunday 29 November 2026." in main


def test_off_shows_no_cadence_at_all(off):
    assert not (off / "cadence").exists()
    for name, page in _pages(off).items():
        assert 'href="./cadence/"' not in page and 'href="../../cadence/"' not in page, name
        assert "notes-calendar" not in page and "notes-status" not in page, name
    sitemap = (off / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cadence/" not in sitemap


def test_notes_cadence_tells_the_comms_team_everything_whatever_the_site_shows(tmp_path):
    root = _site(tmp_path / "site", "off")
    result = run_in(root, "cadence")
    assert result.exit_code == 0, result.output
    assert "Missed: Identity 2026-W46" in result.output and "2026-W48: overdue by 3 days" in result.output


def test_a_wrong_value_stops_the_build_and_says_what_is_allowed(tmp_path):
    root = _site(tmp_path / "site", "some")
    result = run_in(root, "build")
    assert result.exit_code == 2  # a configuration error, found before anything is built
    line = max(number for number, text in enumerate((root / "pelicanconf.py").read_text().splitlines(), start=1)
               if text.startswith("NOTES_PUBLIC_CADENCE"))
    assert result.output.splitlines()[-1] == (
        f"notes: error: pelicanconf.py:{line}: NOTES_PUBLIC_CADENCE must be 'full', 'published' or 'off' "
        "(how much of each team's cadence the site shows); got 'some'")
