"""Screenshots of the pages readers see, at 1280 and 375 CSS pixels, for people to review.

`make screenshots` writes them to tests/browser/screenshots/, where they are
committed; other runs take them into a temporary folder, so that every page
still renders in a real browser.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import visit

PAGES = {  # name: (site, path)
    "home": ("demo", "/"),
    "home-page-2": ("corpus", "/page/2/"),
    "post": ("demo", "/2026/11/26/what-we-have-done-since-august-and-what-has-slipped/"),
    "weeknote": ("demo", "/weeknotes/data-platform/2026-w46/"),
    "team": ("demo", "/teams/publishing-platform/"),
    "team-a-year-of-weeks": ("corpus", "/teams/data-platform/"),
    "cadence": ("demo", "/cadence/"),
    "cadence-three-cadences": ("corpus", "/cadence/"),
    "author": ("demo", "/authors/helen-okafor/"),
    "category": ("demo", "/categories/leadership/"),
    "subscribe": ("demo", "/subscribe/"),
    "search": ("demo", "/search/?q=Welsh"),
    "accessibility": ("demo", "/accessibility/"),
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", PAGES)
def test_save_screenshot(browser, request, screenshots, name, width):
    site, path = PAGES[name]
    url = request.getfixturevalue("corpus_url" if site == "corpus" else "demo_url")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = visit(context.new_page(), url + path)
        if name == "search":
            page.wait_for_function("document.getElementById('search-status').textContent !== ''")
        target = screenshots / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
    finally:
        context.close()
