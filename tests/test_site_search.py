"""Pagefind indexing (pipeline/search.py) and the search page's no-JavaScript fallback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import namedtuple
from datetime import date
from pathlib import Path

import pytest

from pipeline import search
from pipeline.errors import BuildFailed
from tests.conftest import make_site, run_in, write
from tests.test_publish import search_is_complete

NOTE = """<!DOCTYPE html><html lang="en-GB"><head><title>Week 46</title></head><body>
<main><div data-pagefind-body data-pagefind-filter="kind:Weeknote"><h1>Week 46</h1>
<p>Test restores take longer than the copy.</p></div></main></body></html>"""


def _shard(name: str, *pages: str) -> search.Shard:
    return search.Shard(name, pages, frozenset(pages))


def _index(site, *shards) -> search.Indexing:
    indexer = search.Indexing(site, list(shards))
    with search.indexing(site, indexer):
        pass
    return indexer


def test_each_quarter_gets_a_bundle_of_its_own_pages(tmp_path):
    for page in ("2026/note/index.html", "2025/note/index.html"):
        (tmp_path / page).parent.mkdir(parents=True)
        (tmp_path / page).write_text(NOTE.replace("Week 46", page), encoding="utf-8")
    _index(tmp_path, _shard("2026-q4", "2026/note/index.html"), _shard("2025-q1", "2025/note/index.html"))
    for name, page in (("2026-q4", "2026/note/index.html"), ("2025-q1", "2025/note/index.html")):
        bundle = tmp_path / search.BUNDLE_FOLDER / name
        assert (bundle / "pagefind.js").is_file()
        assert any((bundle / "filter").iterdir())  # the kind filter was recorded
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en-gb"]["page_count"] == 1  # its own page only
    # Pagefind read hard links of the pages beside the site, and nothing of them is left behind.
    assert [p.name for p in tmp_path.parent.iterdir() if p.name.startswith(".notes-search-")] == []


def test_a_page_missing_from_the_site_fails_the_build_and_says_which(tmp_path):
    with pytest.raises(BuildFailed, match=r"^the search index could not be built for pagefind/2026-q4/: "
                                          r"No such file or directory: .*/note/index.html$"):
        _index(tmp_path, _shard("2026-q4", "note/index.html"))


def test_what_pagefind_says_when_it_fails_is_quoted(tmp_path):
    (tmp_path / "note").mkdir()
    (tmp_path / "note" / "index.html").write_text(NOTE, encoding="utf-8")
    (tmp_path / search.BUNDLE_FOLDER).write_text("a file where the bundles go", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"^the search index could not be built \(pagefind exited with \d+ for "
                                          r"pagefind/2026-q4/\):\n  (?s:.*)Not a directory"):
        _index(tmp_path, _shard("2026-q4", "note/index.html"))


@pytest.fixture(scope="module")
def search_page(tmp_path_factory):
    from tests.conftest import build_in, make_site

    root = make_site(tmp_path_factory.mktemp("search") / "site")
    return (build_in(root) / "search/index.html").read_text(encoding="utf-8")


def test_search_page_has_a_visible_label_for_its_input(search_page):
    assert '<label class="govuk-label govuk-label--s" for="search-query">Search posts and weeknotes</label>' in search_page
    assert '<input class="govuk-input" id="search-query" name="q" type="search"' in search_page


def test_without_javascript_the_search_page_says_how_to_browse(search_page):
    fallback = search_page[search_page.index("<noscript>"):search_page.index("</noscript>")]
    assert "Search needs JavaScript" in fallback
    for href in ("../archives/", "../teams/", "../tags/", "../authors/"):
        assert f'href="{href}"' in fallback
    # The form is hidden until the script shows it, so nobody sees a search box that cannot work.
    assert 'id="notes-search" role="search" hidden' in search_page


def test_bundles_are_quarters_and_the_newest_quarter_is_split_by_month():
    Article = namedtuple("Article", "save_as source_path date")
    articles = [Article(f"{day}/index.html", f"content/{day}.md", date.fromisoformat(day))
                for day in ("2026-11-27", "2025-12-30", "2026-10-02", "2026-07-01", "2026-11-20", "2026-08-14")]
    shards = search.plan(articles)
    assert [(shard.name, shard.pages) for shard in shards] == [
        ("2026-11", ("2026-11-27/index.html", "2026-11-20/index.html")),  # newest first: the search page loads it
        ("2026-10", ("2026-10-02/index.html",)),
        ("2026-q3", ("2026-07-01/index.html", "2026-08-14/index.html")),
        ("2025-q4", ("2025-12-30/index.html",)),
    ]
    assert shards[0].sources == {"content/2026-11-27.md", "content/2026-11-20.md"}
    assert shards[0].folder == "pagefind/2026-11"
    assert search.plan([]) == []


KILLED_BUILD = """
import sys, time
from pathlib import Path
from pipeline import search
site = Path(sys.argv[1])
search.Indexing(site, [search.Shard(f"2026-{n:02d}", (f"{n}/index.html",), frozenset()) for n in range(40)])
time.sleep(60)  # killed by the test meanwhile, as a build can be while Pagefind runs
"""


def test_indexing_stops_when_its_build_is_killed(tmp_path):
    """Else Pagefind goes on writing into the staging folder that the next build deletes."""
    site = tmp_path / "site"
    for n in range(40):
        (site / str(n)).mkdir(parents=True)
        (site / str(n) / "index.html").write_text(NOTE.replace("Week 46", f"Week {n}"), encoding="utf-8")
    repo = str(Path(__file__).resolve().parent.parent)
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(site)], env={**os.environ, "PYTHONPATH": repo})

    def scratch() -> list:
        return list(tmp_path.glob(".notes-search-*"))

    deadline = time.monotonic() + 60
    while not scratch():  # the indexer has started
        assert build.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait()
    while scratch():  # the indexer has ended, and cleared up after itself
        assert time.monotonic() < deadline, "the indexer of a killed build is still running"
        time.sleep(0.01)
    indexed = list((site / search.BUNDLE_FOLDER).glob("*/pagefind-entry.json"))
    assert len(indexed) < 20, f"{len(indexed)} of 40 bundles indexed after the build was killed"


def test_a_publish_indexes_again_only_the_bundles_whose_pages_changed(tmp_path):
    site = make_site(tmp_path / "site")
    write(site / "content/posts/2026-08-03-summer.md", "---\ntitle: Our summer plans\ndate: 2026-08-03\n"
          "authors: [jane-doe]\nsummary: Summer.\n---\nWe planned the summer.\n")
    assert run_in(site, "publish").exit_code == 0
    kept = {path.name: path.stat().st_mtime_ns for path in (site / ".notes-cache/search").glob("*.marshal")}
    assert len(kept) == len(list((site / "output/pagefind").iterdir())) == 2  # 2026-q3, and 2026-11
    note = site / "content/weeknotes/data-platform/2026-W47.md"
    note.write_text(note.read_text().replace("reporting tables", "billing tables"))
    assert run_in(site, "publish").exit_code == 0
    now = {path.name: path.stat().st_mtime_ns for path in (site / ".notes-cache/search").glob("*.marshal")}
    assert len(now) == 2
    unchanged = [name for name in now if kept.get(name) == now[name]]
    assert len(unchanged) == 1  # the summer's bundle, taken from the cache; November's made again, the old one gone
    assert search_is_complete(site / "output")
