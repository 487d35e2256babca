"""WCAG 2.2 A and AA in a real browser: axe-core on every page type, keyboard use, reflow."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, PAGE_TYPES, visit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Every element a keyboard user can Tab to.
FOCUSABLE = ", ".join(f"{selector}:not([tabindex='-1'])" for selector in (
    "a[href]", "button:not([disabled])", "input:not([disabled])", "select:not([disabled])", "textarea", "[tabindex]",
))


def _describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}" for v in violations
    )


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_has_no_axe_violations(page, site_url, kind):
    visit(page, site_url + PAGE_TYPES[kind])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["violations"] == [], _describe(result["violations"])


@pytest.mark.parametrize("kind", ["home", "post", "search"])
def test_skip_link_moves_focus_to_main_content(page, site_url, kind):
    visit(page, site_url + PAGE_TYPES[kind])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def _tab_through(page) -> list[dict]:
    """Press Tab until focus leaves the page, noting each element focused and how it looks."""
    seen = []
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const focusedStyle = getComputedStyle(el);
            return {
                key: el.outerHTML.slice(0, 120),
                outline: focusedStyle.outlineStyle !== "none" && parseFloat(focusedStyle.outlineWidth) > 0,
                shadow: focusedStyle.boxShadow !== "none",
                background: focusedStyle.backgroundColor,
            };
        }""")
        if focused is None or (seen and focused["key"] == seen[0]["key"]):
            break
        seen.append(focused)
    return seen


def _unfocused_background(page, key) -> str:
    return page.evaluate("""key => {
        document.activeElement.blur();
        const el = [...document.querySelectorAll('*')].find(e => e.outerHTML.slice(0, 120) === key);
        return getComputedStyle(el).backgroundColor;
    }""", key)


@pytest.mark.parametrize("kind", ["home", "post", "weeknote", "team", "search"])
def test_every_interactive_element_is_reachable_with_a_visible_focus_style(page, site_url, kind):
    visit(page, site_url + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    visible = page.evaluate(f"""() => [...document.querySelectorAll("{FOCUSABLE}")]
        .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
        .map(el => el.outerHTML.slice(0, 120))""")
    reached = _tab_through(page)
    assert {r["key"] for r in reached} == set(visible)
    for element in reached:
        # GOV.UK focus styles are a yellow background with a black underline (box-shadow), or an outline.
        changed = element["background"] != _unfocused_background(page, element["key"])
        assert element["outline"] or element["shadow"] or changed, f"no visible focus style: {element['key']}"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_reflows_at_320_pixels_without_horizontal_scrolling(browser, site_url, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        visit(page, site_url + PAGE_TYPES[kind])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{PAGE_TYPES[kind]} is {width} CSS pixels wide at a 320 pixel viewport"
    finally:
        context.close()


# The demo content has what the small fixture lacks: four teams on weekly,
# fortnightly and monthly cadences, long posts, many tags. Its busiest pages are
# checked too, since a table that fits one team can overflow with four.
DEMO_PAGES = {
    "home": "/",
    "teams": "/teams/",
    "cadence": "/cadence/",
    "team": "/teams/publishing-platform/",
    "archives": "/archives/",
    "subscribe": "/subscribe/",
    "tags": "/tags/",
}


@pytest.mark.parametrize("kind", DEMO_PAGES)
def test_demo_page_has_no_axe_violations_and_reflows_at_320_pixels(browser, demo_url, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = visit(context.new_page(), demo_url + DEMO_PAGES[kind])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{DEMO_PAGES[kind]} is {width} CSS pixels wide at a 320 pixel viewport"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        assert result["violations"] == [], _describe(result["violations"])
    finally:
        context.close()
