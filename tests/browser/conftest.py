"""The fixture site, built once and served on 127.0.0.1, and headless Chromium to read it.

Chromium is Debian's package at /usr/bin/chromium, driven by Playwright with
`executable_path`: no browser is ever downloaded. Without it (or without Java,
for the Nu HTML Checker) the tests skip with a message saying what to install;
CI (.ci/run) installs both and sets NOTES_REQUIRE_BROWSER, so there they run
or fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONTENT, REPO, build_in, make_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE = REPO / "theme" / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots of the pages for people to review, written by `make screenshots` (NOTES_UPDATE_SCREENSHOTS=1).
SCREENSHOTS = REPO / "tests" / "browser" / "screenshots"

# One page of every type the site has, by the path the server serves it at.
PAGE_TYPES = {
    "home": "/",
    "post": "/2026/11/20/why-we-publish-our-roadmap-in-the-open/",
    "weeknote": "/weeknotes/data-platform/2026-w46/",
    "team": "/teams/data-platform/",
    "teams": "/teams/",
    "author": "/authors/sam-lee/",
    "authors": "/authors/",
    "tag": "/tags/data/",
    "tags": "/tags/",
    "category": "/categories/leadership/",
    "categories": "/categories/",
    "archives": "/archives/",
    "subscribe": "/subscribe/",
    "cadence": "/cadence/",
    "search": "/search/",
    "accessibility": "/accessibility/",
    "page": "/about-this-blog/",
    "not-found": "/404.html",
}


def _build(root: Path, content: Path) -> Path:
    make_site(root, content)
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nNOTES_TODAY = "2026-11-29"  # pages show the cadence as of a day: pin it\n')
    return build_in(root)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site built once, with "today" pinned so that every run is the same."""
    return _build(tmp_path_factory.mktemp("browser") / "site", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo content: four teams on three cadences, longer posts."""
    return _build(tmp_path_factory.mktemp("browser-demo") / "site", REPO / "content")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # keep test output clean; failures show up as assertions instead


@contextlib.contextmanager
def serve(folder: Path):
    """Serve `folder` on a free port of 127.0.0.1 until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The search fixture (corpus.py): 117 notes over five quarters, built once. (notes, output folder)"""
    from tests.browser import corpus as fixture

    root = make_site(tmp_path_factory.mktemp("browser-corpus") / "site", {}, today=fixture.TODAY.isoformat())
    made = fixture.write_site(root / "content")
    return made, build_in(root)


@pytest.fixture(scope="session")
def corpus_url(corpus):
    with serve(corpus[1]) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def demo_url(demo_site):
    with serve(demo_site) as url:
        yield url


def missing(reason: str):
    """Skip, or fail where the tests must run (.ci/run sets NOTES_REQUIRE_BROWSER)."""
    if os.environ.get("NOTES_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing("browser tests need Chromium at /usr/bin/chromium: apt-get install chromium (CI installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need playwright: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: tests/browser/screenshots/ for `make screenshots`, else a temporary folder."""
    if not os.environ.get("NOTES_UPDATE_SCREENSHOTS"):
        return tmp_path_factory.mktemp("screenshots")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def visit(page, url: str):
    """Open `url` and fail unless the server found it, so that no check runs on an error page."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: HTTP {response.status if response else '?'}"
    return page
