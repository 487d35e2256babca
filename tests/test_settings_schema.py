"""notes' own Pelican settings: one schema, every default in one place, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from pipeline import site_settings
from pipeline.content.layout import Layout
from pipeline.content.loader import load_site
from tests.conftest import run_in, write


def test_pelicans_own_defaults_are_copied_faithfully():
    assert {name: DEFAULT_CONFIG[name] for name in site_settings.PELICAN_DEFAULTS} == site_settings.PELICAN_DEFAULTS


def test_the_repositorys_settings_state_only_what_differs_or_what_users_should_see(site):
    """pelicanconf.py may repeat a default for readers, but never contradicts the schema's type."""
    settings = {"NOTES_FEED_MAX_ITEMS": 20, "WEEKNOTE_URL": "weeknotes/{team}/{week}/"}
    assert site_settings.check(settings) == []
    assert settings["SUBSCRIBE_SAVE_AS"] == "subscribe/index.html"  # filled in


def test_wrong_types_and_unknown_names_are_every_one_reported_with_their_line(site):
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nNOTES_FEEDS = "yes"\nTEAM_URL = 3\nNOTES_FEED_MAXITEMS = 5\nNOTES_SHINY = 1\n')
    lines = (site / "pelicanconf.py").read_text().splitlines()
    place = {name: max(number for number, line in enumerate(lines, start=1) if line.startswith(name + " ="))
             for name in ("NOTES_FEEDS", "TEAM_URL", "NOTES_FEED_MAXITEMS", "NOTES_SHINY")}  # the last one counts
    result = run_in(site, "build")
    assert result.exit_code == 2
    assert result.output.splitlines()[-4:] == [
        f"notes: error: pelicanconf.py:{place['TEAM_URL']}: TEAM_URL must be text, like 'teams/{{slug}}/'; got 3",
        f"pelicanconf.py:{place['NOTES_FEEDS']}: NOTES_FEEDS must be True or False; got 'yes'",
        f"pelicanconf.py:{place['NOTES_FEED_MAXITEMS']}: unknown setting NOTES_FEED_MAXITEMS; "
        "did you mean NOTES_FEED_MAX_ITEMS?",
        f"pelicanconf.py:{place['NOTES_SHINY']}: unknown setting NOTES_SHINY",
    ]


def test_aliases_are_checked_against_the_sites_own_url_layouts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = Path("content")
    write(content / "authors/jane-doe.md", "---\nname: Jane Doe\n---\nBio.\n")
    write(content / "posts/2026-11-20-plans.md", "---\ntitle: Plans\ndate: 2026-11-20\nauthors: [jane-doe]\n"
          "summary: Plans.\n---\nText.\n")
    write(content / "posts/2026-11-21-old.md", "---\ntitle: Old\ndate: 2026-11-21\nauthors: [jane-doe]\n"
          "summary: Old.\naliases: [/articles/plans.html, /2026/11/20/plans/]\n---\nText.\n")
    layout = Layout.of({"ARTICLE_SAVE_AS": "articles/{slug}.html"})
    clashes = [f.message for f in load_site(content, layout=layout).findings if f.code == "M209"]
    assert clashes == ["alias '/articles/plans.html' would replace the address of content/posts/2026-11-20-plans.md; "
                       "remove it from 'aliases'"]
    gds = Layout.of({"ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"})
    clashes = [f.message for f in load_site(content, layout=gds).findings if f.code == "M209"]
    assert clashes == ["alias '/2026/11/20/plans/' would replace the address of content/posts/2026-11-20-plans.md; "
                       "remove it from 'aliases'"]


def test_the_pelican_settings_notes_reads_are_checked_by_type_and_pelicans_defaults_pass():
    from copy import deepcopy

    assert [name for name, _ in site_settings.check(deepcopy(DEFAULT_CONFIG))] == []
    settings = {**deepcopy(DEFAULT_CONFIG), "DEFAULT_PAGINATION": "10", "STATIC_PATHS": "images",
                "ARTICLE_SAVE_AS": ["x"], "DEFAULT_DATE_FORMAT": 5}
    assert [name for name, _ in site_settings.check(settings)] == [
        "DEFAULT_DATE_FORMAT", "DEFAULT_PAGINATION", "STATIC_PATHS", "ARTICLE_SAVE_AS"]
