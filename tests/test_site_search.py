"""Pagefind indexing (pipeline/search.py) and the search page's no-JavaScript fallback."""

from __future__ import annotations

import pytest

from pipeline import search
from pipeline.errors import BuildFailed

NOTE = """<!DOCTYPE html><html lang="en-GB"><head><title>Week 46</title></head><body>
<main><div data-pagefind-body data-pagefind-filter="kind:Weeknote"><h1>Week 46</h1>
<p>Test restores take longer than the copy.</p></div></main></body></html>"""


def test_index_writes_the_search_bundle_into_the_site(tmp_path):
    (tmp_path / "note").mkdir()
    (tmp_path / "note" / "index.html").write_text(NOTE, encoding="utf-8")
    with search.indexing(tmp_path):
        pass
    bundle = tmp_path / search.BUNDLE_FOLDER
    assert (bundle / "pagefind.js").is_file()
    assert any((bundle / "filter").iterdir())  # the kind filter was recorded


def test_a_failed_index_fails_the_build_and_says_why(tmp_path):
    with pytest.raises(BuildFailed, match=r"^the search index could not be built \(pagefind exited with 1\):\n  Error: Pagefind was not able to build an index"):
        with search.indexing(tmp_path):
            pass


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
