"""The digest email's HTML part in Chromium: readable at 320 and 600 pixels, and no axe violations.

600 pixels is the width mail clients' reading panes commonly give a
message, 320 a small phone's. The HTML is the file `notes email --dry-run`
writes, opened as a mail client would open it: from disk, with its CSS inline.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE
from tests.browser.test_accessibility import WCAG_TAGS, _describe
from tests.conftest import REPO, make_site, run_in
from tests.smtpserver import write_config


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("email-browser") / "site", REPO / "content")
    write_config(root, {
        "all-staff": {"to": "all-staff@example.gov.uk", "unsubscribe": [
            "https://lists.example.gov.uk/all-staff/unsubscribe", "mailto:all-staff-leave@lists.example.gov.uk"]},
        "data-platform": {"to": "data-platform-news@example.gov.uk", "team": "data-platform",
                          "signup": "https://lists.example.gov.uk/data-platform/"},
    }, signup="https://lists.example.gov.uk/weeknotes/")
    out = root / "preview"
    result = run_in(root, "email", "--dry-run", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", ["digest-2026-w48-all-staff", "digest-2026-w48-data-platform"])
@pytest.mark.parametrize("width", [320, 600])
def test_the_html_part_reads_at_phone_and_reading_pane_widths_with_no_axe_violations(
        browser, screenshots, preview, name, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto((preview / f"{name}.html").as_uri())
        # Nothing wider than the window: no sideways scrolling, at either width.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Every heading, title link and the footer's links are there to read, in the window's width.
        overflowing = page.evaluate(f"""() => [...document.querySelectorAll('h1, h2, h3, p, a')]
            .filter(e => e.getBoundingClientRect().right > {width} + 0.5).map(e => e.outerHTML.slice(0, 80))""")
        assert overflowing == []
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        assert result["violations"] == [], _describe(result["violations"])
        page.screenshot(path=str(screenshots / f"email-{name}-{width}.png"), full_page=True)
    finally:
        context.close()


def test_the_html_part_reads_with_images_off_and_without_its_styles(browser, preview):
    """A client that blocks images, or drops every style, still shows each heading and link as text."""
    context = browser.new_context(viewport={"width": 600, "height": 900}, java_script_enabled=True)
    context.route("**/*", lambda route: route.abort() if route.request.resource_type == "image" else route.continue_())
    page = context.new_page()
    try:
        page.goto((preview / "digest-2026-w48-all-staff.html").as_uri())
        page.evaluate("() => document.querySelectorAll('[style]').forEach(e => e.removeAttribute('style'))")
        text = page.inner_text("body")
        for words in ("Weeknotes and posts for week 48, 2026", "Data platform weeknote: week 48, 2026",
                      "What we have done since August and what has slipped", "Unsubscribe from this list"):
            assert words in text
    finally:
        context.close()
