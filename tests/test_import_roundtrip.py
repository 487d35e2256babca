"""Import, build, and the old addresses still work: redirect pages, and feed IDs kept for subscribers."""

from __future__ import annotations

import shutil
from xml.etree import ElementTree

import feedparser
import pytest

from tests.conftest import REPO, build_in, make_site, run_in

FIXTURES = REPO / "tests" / "fixtures" / "import"
ADDRESS = "https://blog.example.gov.uk"

REDIRECT = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Moved: Café conversations: how we meet users – Department for Local Services blog</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="refresh" content="0; url=../../../2019/05/14/cafe-conversations/">
  <link rel="canonical" href="https://blog.example.gov.uk/2019/05/14/cafe-conversations/">
</head>
<body>
  <p>This page has moved to <a href="../../../2019/05/14/cafe-conversations/">Café conversations: how we meet users</a>.</p>
</body>
</html>"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("import-roundtrip") / "site")
    shutil.copytree(FIXTURES, root / "old")
    result = run_in(root, "import", "old/wordpress/export.xml", "old/hugo/content/posts/quarterly-review.md")
    assert result.exit_code == 0, result.output
    # What the report asked for: the image without alt text (T507, an error) gets some.
    roadmaps = root / "content/posts/2019-11-20-naive-roadmaps.md"
    roadmaps.write_text(roadmaps.read_text().replace("![](", "![Sticky notes on our office wall](", 1))
    return build_in(root)


def test_the_old_address_holds_a_redirect_to_the_note(built):
    assert (built / "2019/05/cafe-conversations/index.html").read_text() == REDIRECT
    assert (built / "2019/05/14/cafe-conversations/index.html").is_file()


def test_every_alias_of_a_published_note_redirects(built):
    for alias in ("posts/quarterly-review/index.html", "2019/q2-review/index.html"):
        html = (built / alias).read_text()
        assert 'content="0; url=../../2019/07/01/quarterly-review/"' in html
        assert f'<link rel="canonical" href="{ADDRESS}/2019/07/01/quarterly-review/">' in html


def test_redirects_are_not_in_the_sitemap(built):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ElementTree.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    assert f"{ADDRESS}/2019/05/14/cafe-conversations/" in listed
    assert not {f"{ADDRESS}/2019/05/cafe-conversations/", f"{ADDRESS}/2019/q2-review/"} & listed


def test_drafts_get_no_redirect_and_no_page(built):
    assert not list(built.rglob("ce-qui-vient-ensuite"))


def test_feed_entries_keep_the_wordpress_guid(built):
    feed = feedparser.parse((built / "feeds/all.atom.xml").read_bytes())
    ids = {entry.title: entry.id for entry in feed.entries}
    assert ids["Café conversations: how we meet users"] == "https://blog.example.gov.uk/?p=101"
    assert ids["Naïve roadmaps, and what replaced them"] == "https://blog.example.gov.uk/?p=102"
    # No id in the Hugo source: the note gets a tag: URI like any other.
    assert ids["Our quarterly review: April to June"] == "tag:blog.example.gov.uk,2019-07-01:quarterly-review"


def test_an_alias_on_a_page_the_site_writes_stops_the_build(tmp_path):
    root = make_site(tmp_path / "site")
    post = root / "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
    post.write_text(post.read_text().replace("category: leadership\n", "category: leadership\naliases: [/tags/]\n", 1))
    result = run_in(root, "build")
    assert result.exit_code == 1
    assert ("content/posts/2026-11-20-why-we-publish-our-roadmap.md:6:11: M209 alias '/tags/' would replace "
            "one of the site's own pages; remove it from 'aliases' (error)\n") in result.output
