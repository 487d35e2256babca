"""Pagefind search in a real browser: the notes that contain a query's words, and no others."""

from __future__ import annotations

import re

import pytest

from pipeline.content.loader import load_site
from tests.browser.conftest import PAGE_TYPES, visit
from tests.conftest import REPO

# "restores" is in the body of the fixture's three weeknotes, and nowhere else.
WEEKNOTES = {f"/weeknotes/data-platform/2026-w{week}/" for week in (45, 46, 47)}

# Each query of the corpus (corpus.py), with the word forms a note must have for each of its words, as
# Pagefind stems them ("councils" is "council"; "councillor" is not).
QUERIES = {
    "harpsichord": [{"harpsichord"}],  # in one note of the oldest quarter only
    "apple": [{"apple", "apples"}],  # in no note; Pagefind's prefixes would find "applications", "applied"
    "Welsh": [{"welsh"}],  # ... and "we", its longest prefix some note has
    "roadmap": [{"roadmap", "roadmaps"}],  # ... and "road"
    "migration": [{"migration", "migrations"}],  # in a third of the notes, of every quarter: more than one screen
    "council": [{"council", "councils"}],  # ... and "councillor", which extends it
    "payments": [{"payment", "payments"}],
    "timetable": [{"timetable"}],  # only in two posts' titles
    "quarterly": [{"quarterly"}],  # only in three notes' summaries
    "procurement": [{"procurement"}],  # only a tag: a filter, not a word the notes say
    "Featherstone": [{"featherstone"}],  # only in bylines
    "Licence": [{"licence"}],  # only in every page's footer
    "Welsh council": [{"welsh"}, {"council", "councils"}],  # both words, anywhere in the note
}


def _search(page, site_url, query: str, every: bool = False, **filters: str) -> list[str]:
    """The paths of the results, best first; with `every`, after asking for more results until there are none."""
    visit(page, site_url + "/search/")
    page.fill("#search-query", query)
    for name, value in filters.items():
        page.select_option(f"#search-{name}", value)
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    while every and page.is_visible("#search-more"):
        shown = page.locator("#search-results li").count()
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('#search-results li').length > {shown}")
    return page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => new URL(a.href).pathname)")


def _containing(notes, families) -> set[str]:
    return {note.url for note in notes if all(note.words & forms for forms in families)}


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_finds_exactly_the_notes_that_contain_its_words(page, corpus, corpus_url, query):
    notes, _ = corpus
    expected = _containing(notes, QUERIES[query])
    found = _search(page, corpus_url, query, every=True)
    assert len(found) == len(set(found))
    assert set(found) == expected
    count = len(expected)
    assert page.text_content("#search-status") == (
        f"No results for “{query}”." if not count else f"{count} {'result' if count == 1 else 'results'} for “{query}”.")


def test_a_query_in_quotes_finds_the_phrase(page, corpus, corpus_url):
    notes, _ = corpus
    expected = {note.url for note in notes if "welsh language" in note.text}
    assert expected and expected < _containing(notes, QUERIES["Welsh"])  # one note has "Welsh guidance" only
    assert set(_search(page, corpus_url, '"Welsh language"', every=True)) == expected


def test_the_corpus_spreads_the_searched_words_over_every_bundle(corpus):
    notes, output = corpus
    bundles = sorted(p.name for p in (output / "pagefind").iterdir())
    assert bundles == ["2025-q4", "2026-10", "2026-11", "2026-q1", "2026-q2", "2026-q3"]
    assert len(notes) >= 60
    migration = [note for note in notes if note.words & QUERIES["migration"][0]]
    assert {f"{note.day.year}-q{(note.day.month - 1) // 3 + 1}" for note in migration} == {
        "2025-q4", "2026-q1", "2026-q2", "2026-q3", "2026-q4"}
    (harpsichord,) = [note for note in notes if "harpsichord" in note.words]
    assert harpsichord.day.year == 2025


def test_results_come_ten_at_a_time_and_more_on_request(page, corpus, corpus_url):
    notes, _ = corpus
    total = len(_containing(notes, QUERIES["migration"]))
    assert total > 20
    assert len(_search(page, corpus_url, "migration")) == 10
    assert page.text_content("#search-more") == f"Show more results (10 of {total} shown)"
    page.click("#search-more")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 20")
    # The first of the new results takes focus, so a keyboard user carries on reading where they were.
    assert page.evaluate("document.activeElement === document.querySelectorAll('#search-results h2 a')[10]")
    assert page.text_content("#search-more") == f"Show more results (20 of {total} shown)"


def test_matches_are_highlighted_and_excerpts_hold_only_what_the_note_says(page, corpus_url):
    _search(page, corpus_url, "council")
    excerpts = page.eval_on_selector_all("#search-results .notes-search__excerpt", "ps => ps.map(p => p.innerHTML)")
    assert excerpts
    for excerpt in excerpts:
        assert re.search(r"<mark>[Cc]ouncils?\W*</mark>", excerpt), excerpt
        assert set(re.findall(r"<(\w+)", excerpt)) == {"mark"}
        assert "Published" not in excerpt and "Posted by" not in excerpt


def test_the_kind_and_team_filters_narrow_the_results(page, corpus, corpus_url):
    notes, _ = corpus
    containing = [note for note in notes if note.words & QUERIES["migration"][0]]
    found = _search(page, corpus_url, "migration", every=True, kind="Weeknote", team="Identity")
    assert set(found) == {note.url for note in containing if note.url.startswith("/weeknotes/identity/")}
    found = _search(page, corpus_url, "migration", every=True, kind="Post")
    assert set(found) == {note.url for note in containing if note.kind == "post"}
    labels = page.eval_on_selector_all("#search-results .notes-list__label", "ps => ps.map(p => p.textContent)")
    assert set(labels) == {"Post"}


def test_the_demo_finds_welsh_and_roadmap_where_they_are_written(page, demo_url):
    """The searches of issue 18 on the demo content: each finds the notes that contain it, and "apple" none."""
    site = load_site(REPO / "content")
    for query in ("Welsh", "roadmap", "apple"):
        expected = set()
        for note in site.published:
            if re.search(rf"\b{query.lower()}s?\b", f"{note.title} {note.summary} {note.body}".lower()):
                expected.add(f"/{note.date:%Y/%m/%d}/{note.slug}/" if note.kind == "post"
                             else f"/weeknotes/{note.team}/{note.week.slug}/")
        assert set(_search(page, demo_url, query, every=True)) == expected, query


def test_search_finds_a_weeknote_by_a_word_in_its_text(page, site_url):
    assert set(_search(page, site_url, "restores")) == WEEKNOTES


def test_search_filters_by_kind_and_team(page, site_url):
    assert _search(page, site_url, "restores", kind="Post") == []
    assert set(_search(page, site_url, "restores", kind="Weeknote", team="Data platform")) == WEEKNOTES


def test_search_label_is_visible_and_form_is_shown_with_javascript(page, site_url):
    visit(page, site_url + "/search/")
    assert page.is_visible("label[for=search-query]")
    assert page.is_visible("#search-query")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_only_the_search_page_loads_pagefind(page, site_url, kind):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    visit(page, site_url + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in requested) == (kind == "search")


def test_search_results_have_no_axe_violations(page, corpus_url):
    from tests.browser.conftest import AXE
    from tests.browser.test_accessibility import WCAG_TAGS, _describe

    assert _search(page, corpus_url, "migration")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["violations"] == [], _describe(result["violations"])


def test_a_search_address_runs_its_query_on_load(page, site_url):
    visit(page, site_url + "/search/?q=restores&kind=Weeknote")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    assert page.input_value("#search-query") == "restores"
    assert page.text_content("#search-status") == "3 results for “restores”."
