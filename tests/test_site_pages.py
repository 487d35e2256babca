"""The site's own pages and crawler files: sitemap.xml, robots.txt, 404, search,
accessibility statement, page metadata, and the links between posts."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from pipeline.pelican.post_links import reading_minutes, related_posts

POST = "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html"
ADDRESS = "https://blog.example.gov.uk"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.conftest import build_in, make_site

    root = make_site(tmp_path_factory.mktemp("site-pages") / "site")
    # The two fixture posts share no tag: the roadmap post hand-picks the other one.
    roadmap = root / "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
    roadmap.write_text(roadmap.read_text().replace(
        "category: leadership\n", "category: leadership\nrelated: [what-we-learned-from-moving-the-case-database]\n", 1))
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nNOTES_TODAY = "2026-11-29"\n')
    return build_in(root)


def _address(built, index_file) -> str:
    folder = index_file.parent.relative_to(built).as_posix()
    return f"{ADDRESS}/" if folder == "." else f"{ADDRESS}/{folder}/"


def test_sitemap_lists_every_page_with_an_absolute_address(built):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(built / "sitemap.xml")
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert listed == sorted(listed)
    assert set(listed) == {_address(built, index) for index in built.rglob("index.html")}


def test_robots_txt_allows_everything_and_names_the_sitemap(built):
    assert (built / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {ADDRESS}/sitemap.xml\n"


@pytest.mark.parametrize("page", ["404.html", "search/index.html", "accessibility/index.html"])
def test_site_page_is_written(built, page):
    assert '<html lang="en-GB"' in (built / page).read_text()


def test_post_has_description_and_open_graph_metadata(built):
    html = (built / POST).read_text()
    assert f'<meta property="og:url" content="{ADDRESS}/{POST.removesuffix("index.html")}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Why we publish our roadmap in the open – ' in html
    assert html.count('<meta name="description" content="') == 1


def test_post_has_share_links_and_no_scripts(built):
    html = (built / POST).read_text()
    assert "https://www.linkedin.com/sharing/share-offsite/?url=https%3A//blog.example.gov.uk/2026/11/20/" in html
    assert "<script" not in html


def test_only_the_search_page_has_a_script(built):
    with_scripts = {str(p.relative_to(built)) for p in built.rglob("*.html") if "<script" in p.read_text()}
    assert with_scripts == {"search/index.html"}


def test_post_links_hand_picked_related_posts_and_its_neighbours(built):
    html = (built / POST).read_text()
    related = html[html.index('id="related-posts"'):]
    assert '<a class="govuk-link" href="../../../../2026/11/06/what-we-learned-from-moving-the-case-database/">' in related
    assert 'Previous post: <a class="govuk-link" href="../../../../2026/11/06/what-we-learned-from-moving-the-case-database/" rel="prev">' in html
    assert "Next post:" not in html


def test_home_page_shows_each_teams_latest_weeknote_and_where_it_stands(built):
    # NOTES_TODAY is Sunday of week 48; the fixture team's latest note is week 47.
    html = (built / "index.html").read_text()
    column = html[html.index('id="latest-weeknotes"'):html.index("</section>", html.index('id="latest-weeknotes"'))]
    assert '<a class="govuk-link" href="./weeknotes/data-platform/2026-w47/">Data platform weeknote: week 47, 2026</a>' in column
    assert '<p class="notes-status">This week: overdue by 2 days</p>' in column


class _Post:
    def __init__(self, slug, tags=()):
        self.slug, self.tags = slug, list(tags)


def test_related_posts_put_hand_picked_first_then_shared_tags():
    a, b, c, d = _Post("a", ["x", "y"]), _Post("b", ["x"]), _Post("c", ["x", "y"]), _Post("d")
    posts = [a, b, c, d]
    assert related_posts(a, posts, picked=[]) == [c, b]
    assert related_posts(a, posts, picked=["d", "missing", "a"]) == [d, c, b]


@pytest.mark.parametrize("words, minutes", [(0, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time_rounds_up_to_whole_minutes(words, minutes):
    assert reading_minutes("<p>" + "word " * words + "</p>") == minutes


def test_header_and_footer_name_the_configured_organisation(tmp_path):
    from tests.conftest import build_in, make_site

    root = make_site(tmp_path / "site")
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nNOTES_ORGANISATION = "Department for Testing"\nNOTES_LOGO_TEXT = "Testing blog"\n')
    html = (build_in(root) / "index.html").read_text()
    assert 'class="govuk-generic-header__homepage-link">Testing blog</a>' in html
    assert '<p class="notes-footer__organisation">Department for Testing</p>' in html


def test_every_page_has_an_absolute_canonical_address_of_its_own(built):
    for index in built.rglob("index.html"):
        assert f'<link rel="canonical" href="{_address(built, index)}">' in index.read_text(), index
    assert 'rel="canonical"' not in (built / "404.html").read_text()
