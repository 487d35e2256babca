"""The home page: a featured post, the latest posts in pages, each team's latest weeknote and where it stands."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURE_CONTENT, build_in, make_site, run_in, write

TODAY = "2026-11-29"  # Sunday of week 48


def _post(day: int, month: int = 10, featured: bool = False) -> str:
    return (f"---\ntitle: Post of {day} {month}\ndate: 2026-{month:02d}-{day:02d} 09:00\nauthors: [jane-doe]\n"
            f"summary: Post {day}.\n{'featured: true' + chr(10) if featured else ''}---\nText.\n")


def _team(slug: str, name: str, cadence: str, due: str, since: str, extra: str = "") -> tuple[str, str]:
    return (f"teams/{slug}.md",
            f"---\nname: {name}\ncadence: {cadence}\ndue: {due}\nsince: {since}\nmembers: [sam-lee]\n{extra}---\n{name}.\n")


def _weeknote(team: str, week: str, day: str, title: str = "") -> tuple[str, str]:
    return (f"weeknotes/{team}/{week}.md",
            f"---\ndate: {day}\nauthors: [sam-lee]\nsummary: A week.\n{f'title: {title}' + chr(10) if title else ''}---\nText.\n")


def _main(page) -> str:
    return re.search(r"<main .*?</main>", page.read_text(encoding="utf-8"), re.S)[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture(scope="module")
def teams_site(tmp_path_factory):
    """Teams in every state a period can be in on Sunday of week 48."""
    root = make_site(tmp_path_factory.mktemp("home") / "site", today=TODAY)
    content = root / "content"
    for relative, text in (
        _team("identity", "Identity", "weekly", "thursday", "2026-11-02"),
        _weeknote("identity", "2026-W48", "2026-11-26", title="We moved sign-in"),
        _team("design", "Service design", "monthly", "friday", "2026-09-01", "quiet: [2026-11]\n"),
        _weeknote("design", "2026-W43", "2026-10-23"),
        _team("research", "User research", "fortnightly", "friday", "2026-11-23"),
        _team("operations", "Operations", "weekly", "friday", "2026-12-07"),
    ):
        write(content / relative, text)
    return build_in(root)


def _latest(output) -> dict[str, str]:
    """Each item of the home page's weeknotes column, in words, by its first words."""
    html = (output / "index.html").read_text(encoding="utf-8")
    column = html[html.index('id="latest-weeknotes"'):html.index("</section>", html.index('id="latest-weeknotes"'))]
    items = [_text(item) for item in re.findall(r"<li class=\"notes-list__item\">(.*?)</li>", column, re.S)]
    return {" ".join(item.split()[:2]): item for item in items}


def test_each_team_shows_its_latest_weeknote_and_a_this_period_line_that_agrees_with_it(teams_site):
    assert _latest(teams_site) == {
        "Data platform": "Data platform weeknote: week 47, 2026 Published 20 November 2026 by Sam Lee and Priya Patel "
                         "This week: overdue by 2 days",
        "Identity We": "Identity We moved sign-in Published 26 November 2026 by Sam Lee This week: published",
        "Operations No": "Operations No weeknotes yet. Starts on Monday 7 December 2026",
        "Service design": "Service design weeknote: week 43, 2026 Published 23 October 2026 by Sam Lee "
                          "This month: quiet, no note expected",
        "User research": "User research No weeknotes yet. This fortnight: due on Friday 4 December 2026",
    }
    assert "Not published yet" not in (teams_site / "index.html").read_text(encoding="utf-8")


def test_a_weeknote_with_its_own_title_is_labelled_with_its_team(teams_site):
    html = (teams_site / "index.html").read_text(encoding="utf-8")
    assert ('<p class="notes-list__label"><a class="govuk-link" href="./teams/identity/">Identity</a></p>\n'
            '          <h3 class="notes-list__title"><a class="govuk-link" href="./weeknotes/identity/2026-w48/">'
            'We moved sign-in</a></h3>') in html


def test_the_subscribe_box_links_the_main_feeds_and_the_subscribe_page(teams_site):
    html = (teams_site / "index.html").read_text(encoding="utf-8")
    box = html[html.index('id="subscribe-box"'):html.index("</section>", html.index('id="subscribe-box"'))]
    assert re.findall(r'href="\./([^"]+)"', box) == [
        "feeds/all.atom.xml", "feeds/posts.atom.xml", "feeds/weeknotes.atom.xml", "subscribe/"]


@pytest.fixture(scope="module")
def many_posts(tmp_path_factory):
    """23 posts and one featured: 22 in the list, in pages of 10."""
    content = {path: (FIXTURE_CONTENT / path).read_text(encoding="utf-8")
               for path in ("authors/jane-doe.md", "authors/sam-lee.md", "authors/priya-patel.md")}
    content.update({f"posts/2026-10-{day:02d}-post.md": _post(day) for day in range(1, 23)})
    content["posts/2026-09-01-featured.md"] = _post(1, 9, featured=True)
    content["posts/2026-08-01-featured.md"] = _post(1, 8, featured=True)
    root = make_site(tmp_path_factory.mktemp("pages") / "site", content, today=TODAY)
    return build_in(root)


def _listed(page) -> list[str]:
    return re.findall(r'<h[23] class="notes-list__title"><a class="govuk-link" href="[^"]*">([^<]+)</a>', _main(page))


def test_posts_come_ten_to_a_page_newest_first(many_posts):
    pages = [many_posts / "index.html", many_posts / "page/2/index.html", many_posts / "page/3/index.html"]
    listed = [_listed(page) for page in pages]
    assert [len(titles) for titles in listed] == [10, 10, 3]
    assert [title for titles in listed for title in titles] == (
        [f"Post of {day} 10" for day in range(22, 0, -1)] + ["Post of 1 8"])
    assert not (many_posts / "page/4").exists()


def test_the_newest_featured_post_stands_above_the_list_and_not_in_it(many_posts):
    main = _main(many_posts / "index.html")
    featured = main[main.index('class="notes-featured"'):main.index("</section>")]
    assert "Post of 1 9" in featured and "Post of 1 8" not in featured
    assert "Post of 1 9" not in main[main.index('id="latest-posts"'):]
    assert 'class="notes-featured"' not in _main(many_posts / "page/2/index.html")


def test_pages_link_each_other_with_govuk_pagination(many_posts):
    first = (many_posts / "index.html").read_text(encoding="utf-8")
    assert '<nav class="govuk-pagination" aria-label="Pages of posts">' in first
    assert 'href="./page/2/" rel="next">' in first and 'rel="prev"' not in first
    assert '<a class="govuk-link govuk-pagination__link" href="./" aria-label="Page 1" aria-current="page">1</a>' in first
    second = (many_posts / "page/2/index.html").read_text(encoding="utf-8")
    assert "<title>Posts, page 2 of 3 – Department for Local Services blog</title>" in second
    assert 'href="../../" rel="prev">' in second and 'href="../../page/3/" rel="next">' in second
    assert '<link rel="canonical" href="https://blog.example.gov.uk/page/2/">' in second


def test_the_sitemap_lists_every_page_of_posts(many_posts):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ElementTree.parse(many_posts / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    assert {"https://blog.example.gov.uk/", "https://blog.example.gov.uk/page/2/",
            "https://blog.example.gov.uk/page/3/"} <= listed


def test_tag_pages_are_paged_when_the_settings_say_so(tmp_path):
    content = {path: (FIXTURE_CONTENT / path).read_text(encoding="utf-8") for path in ("authors/jane-doe.md",)}
    content.update({f"posts/2026-10-{day:02d}-post.md": _post(day).replace("summary:", "tags: [hiring]\nsummary:")
                    for day in range(1, 6)})
    root = make_site(tmp_path / "site", content, today=TODAY)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nPAGINATED_TEMPLATES = {"index": 10, "tag": 2, "category": None}\n')
    output = build_in(root)
    assert [len(_listed(output / f"tags/hiring/{page}index.html")) for page in ("", "page/2/", "page/3/")] == [2, 2, 1]
    assert "<title>Tagged: hiring, page 2 of 3 – Department for Local Services blog</title>" in (
        output / "tags/hiring/page/2/index.html").read_text(encoding="utf-8")


def test_a_site_without_posts_says_so_and_has_no_pages(tmp_path):
    content = {path: (FIXTURE_CONTENT / path).read_text(encoding="utf-8")
               for path in ("authors/sam-lee.md", "authors/priya-patel.md", "teams/data-platform.md")}
    output = build_in(make_site(tmp_path / "site", content, today=TODAY))
    main = _main(output / "index.html")
    assert "There are no posts yet." in main and "govuk-pagination" not in main
    assert "No weeknotes yet." in main


def test_featured_must_be_true_or_false(tmp_path):
    root = make_site(tmp_path / "site", today=TODAY)
    write(root / "content/posts/2026-11-25-x.md", _post(25, 11).replace("summary:", "featured: yes please\nsummary:"))
    result = run_in(root, "lint", "content/posts/2026-11-25-x.md")
    assert result.exit_code == 1
    assert ("content/posts/2026-11-25-x.md:5:11: M102 'featured' must be true to show the post at the top of the "
            "home page, or false; got 'yes please'") in result.output
