"""Pagefind search in a real browser, and screenshots of the main pages as test artefacts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES, visit

WEEKNOTE = PAGE_TYPES["weeknote"]
# "restores" is in the body of the fixture's three weeknotes, and nowhere else.
WEEKNOTES = {f"/weeknotes/data-platform/2026-w{week}/" for week in (45, 46, 47)}


def _search(page, site_url, query: str, **filters: str) -> list[str]:
    visit(page, site_url + "/search/")
    page.fill("#search-query", query)
    for name, value in filters.items():
        page.select_option(f"#search-{name}", value)
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    return page.eval_on_selector_all("#search-results a", "links => links.map(a => new URL(a.href).pathname)")


def test_search_finds_a_weeknote_by_a_word_in_its_text(page, site_url):
    found = _search(page, site_url, "restores")
    assert WEEKNOTE in found
    assert set(found) == WEEKNOTES


def test_search_finds_notes_in_every_quarters_bundle(page, demo_url):
    # The demo's notes run from August to November: two bundles, which the search page merges.
    found = set(_search(page, demo_url, "archiving"))
    assert {"/weeknotes/data-platform/2026-w39/", "/2026/10/29/what-a-failed-test-migration-taught-us/"} <= found


def test_search_filters_by_kind(page, site_url):
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


@pytest.mark.parametrize("kind", ["home", "post", "team", "cadence"])
@pytest.mark.parametrize("device, viewport", [("desktop", (1280, 900)), ("mobile", (390, 844))])
def test_save_screenshot(browser, site_url, screenshots, kind, device, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        visit(page, site_url + PAGE_TYPES[kind])
        path = screenshots / f"{kind}-{device}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
    finally:
        context.close()


def test_search_results_have_no_axe_violations(page, site_url):
    from tests.browser.conftest import AXE
    from tests.browser.test_accessibility import WCAG_TAGS, _describe

    assert _search(page, site_url, "restores")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["violations"] == [], _describe(result["violations"])


def test_a_search_address_runs_its_query_on_load(page, site_url):
    visit(page, site_url + "/search/?q=restores&kind=Weeknote")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    assert page.input_value("#search-query") == "restores"
    assert page.text_content("#search-status") == "3 results for “restores”."
