"""Layouts in a real browser: the cadence calendar at 320 and 1280 pixels, and pages of posts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, visit
from tests.browser.test_accessibility import WCAG_TAGS, _describe

CALENDAR_PAGES = {  # (site, path): the corpus's year of weeks, and three cadences on one axis
    "weekly team, a year of notes": ("corpus", "/teams/data-platform/"),
    "cadence, three cadences": ("corpus", "/cadence/"),
    "demo cadence": ("demo", "/cadence/"),
}

# Per calendar: the box it scrolls in, its month labels, its cells and those that are links,
# each measured from the picture's left edge, whatever the box's scroll.
MEASURE = """() => [...document.querySelectorAll('.notes-calendar')].map(calendar => {
    const box = calendar.querySelector('.notes-calendar__scroll');
    const svg = box.querySelector('svg');
    const origin = svg.getBoundingClientRect();
    const place = el => { const r = el.getBoundingClientRect();
        return {left: r.left - origin.left, right: r.right - origin.left, width: r.width, height: r.height}; };
    const outer = box.getBoundingClientRect();
    return {
        box: {left: outer.left, right: outer.right, overflow: getComputedStyle(box).overflowX,
              scrollWidth: box.scrollWidth, tabindex: box.getAttribute('tabindex')},
        width: origin.width,
        labels: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, ...place(t)})),
        cells: [...svg.querySelectorAll('rect')].map(place),
        links: [...svg.querySelectorAll('a rect')].map(place),
    };
})"""


def _site(request, site: str) -> str:
    return request.getfixturevalue("corpus_url" if site == "corpus" else "demo_url")


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", CALENDAR_PAGES)
def test_the_calendar_fits_or_scrolls_in_its_own_box_with_readable_labels_and_cells(browser, request, name, width):
    site, path = CALENDAR_PAGES[name]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = visit(context.new_page(), _site(request, site) + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
        calendars = page.evaluate(MEASURE)
        assert calendars
        for calendar in calendars:
            box = calendar["box"]
            assert box["left"] >= 0 and box["right"] <= width
            assert box["overflow"] == "auto" and box["tabindex"] == "0"
            assert box["scrollWidth"] >= calendar["width"] - 1  # every month is there, to scroll to
            labels = sorted(calendar["labels"], key=lambda label: label["left"])
            assert labels
            for label in labels:
                assert -0.5 <= label["left"] and label["right"] <= calendar["width"] + 0.5, label  # never cut off
            for left, right in zip(labels, labels[1:]):
                assert left["right"] + 2 <= right["left"], f"{left['text']} runs into {right['text']}"
            for cell in calendar["links"]:
                assert cell["width"] >= 24 and cell["height"] >= 24, cell  # WCAG 2.2 target size
            assert all(cell["height"] >= 20 for cell in calendar["cells"])
        if path == "/cadence/":
            # One axis: every row is as wide, and none runs past the others (a month under way included).
            assert len({round(calendar["width"]) for calendar in calendars}) == 1
            ends = {round(max(cell["right"] for cell in calendar["cells"])) for calendar in calendars}
            assert len(ends) == 1, ends
    finally:
        context.close()


@pytest.mark.parametrize("width, scrolls", [(1280, False), (375, True)])
def test_34_weeks_fit_a_computer_and_scroll_on_a_phone_from_the_latest(browser, corpus_url, width, scrolls):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = visit(context.new_page(), corpus_url + "/teams/data-platform/")  # weekly for a year
        box = page.locator(".notes-calendar__scroll")
        assert box.evaluate("box => box.scrollWidth > box.clientWidth") == scrolls
        svg = page.locator(".notes-calendar__svg").bounding_box()
        shown = box.bounding_box()
        if not scrolls:
            assert abs(svg["x"] - shown["x"]) <= 1  # whole, from the left
            return
        assert abs(svg["x"] + svg["width"] - (shown["x"] + shown["width"])) <= 1  # scrolled to this week
        box.focus()  # a keyboard user scrolls it with the arrow keys
        before = box.evaluate("box => box.scrollLeft")
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"document.querySelector('.notes-calendar__scroll').scrollLeft !== {before}")
    finally:
        context.close()


def test_the_calendar_starts_at_the_teams_since(page, demo_url):
    visit(page, demo_url + "/teams/identity/")  # weekly since Thursday 10 September 2026
    first = page.eval_on_selector(".notes-calendar__svg title", "title => title.textContent")
    assert first.startswith("Week 37, 2026: ")
    labels = page.eval_on_selector_all(".notes-calendar__svg text", "texts => texts.map(t => t.textContent)")
    assert labels == ["Sep 2026", "Oct", "Nov"]


def test_pages_of_posts_link_each_other(page, corpus, corpus_url):
    notes, _ = corpus
    posts = sorted((note for note in notes if note.kind == "post"), key=lambda note: note.day, reverse=True)
    visit(page, corpus_url + "/")
    seen = []
    for number in (1, 2, 3):
        titles = page.eval_on_selector_all("#latest-posts ~ .notes-list .notes-list__title a, main h1 ~ .notes-list .notes-list__title a",
                                           "links => links.map(a => new URL(a.href).pathname)")
        seen += titles
        current = page.eval_on_selector(".govuk-pagination__item--current a", "a => a.textContent.trim()")
        assert current == str(number)
        if number < 3:
            page.click(".govuk-pagination__next a")
            page.wait_for_url(f"**/page/{number + 1}/")
    assert seen == [post.url for post in posts]
    assert not page.is_visible(".govuk-pagination__next")
    page.click(".govuk-pagination__prev a")
    page.wait_for_url("**/page/2/")


@pytest.mark.parametrize("path", ["/page/2/", "/teams/data-platform/", "/cadence/"])
def test_new_pages_have_no_axe_violations_and_targets_are_big_enough(page, corpus_url, path):
    visit(page, corpus_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["violations"] == [], _describe(result["violations"])
    ran = {rule["id"] for outcome in ("passes", "incomplete", "inapplicable") for rule in result[outcome]}
    assert "target-size" in ran  # WCAG 2.2's 24 by 24 pixels, among the tags run
