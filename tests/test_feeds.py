"""Feeds of a real site, built through the CLI with real Pelican, read back with feedparser.

The fixture site gains a second team, a summer post (British Summer Time), an
author with no notes, a draft, a scheduled post and a draft weeknote.
NOTES_TODAY pins the build to Monday 30 November 2026, so weeks 45 to 48 are
closed for the digest.
"""

from __future__ import annotations

import re

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from tests.conftest import build_in, make_site, write

BASE = "https://blog.example.gov.uk"
TODAY = "2026-11-30"

EXTRA_CONTENT = {
    "teams/identity.md": "---\nname: Identity\ncadence: weekly\ndue: friday\nsince: 2026-11-02\nmembers: [jane-doe]\n---\nSign-in for staff.\n",
    "authors/quiet-person.md": "---\nname: Quiet Person\nrole: Reader\n---\nHas not written yet.\n",
    "weeknotes/identity/2026-W46.md": (
        "---\ndate: 2026-11-12\nauthors: [jane-doe]\nsummary: Staff sign-in reached 60 caseworkers.\ntags: [sign-in]\n---\n"
        "## What went well\n\nThe pilot grew.\n"
    ),
    "weeknotes/identity/2026-W48.md": (
        "---\ndate: 2026-11-26\nauthors: [jane-doe]\nsummary: Not ready yet.\nstatus: draft\n---\n## What went well\n\nDraft.\n"
    ),
    "posts/2026-07-01-summer.md": (
        "---\ntitle: What we planned for the summer\ndate: 2026-07-01 09:00\nauthors: [jane-doe, sam-lee]\n"
        "category: leadership\nsummary: Our plans for July and August.\n---\n"
        "Here is the chart:\n\n![Plans by month](../../../../images/chart.png)\n"  # relative to the post's page
    ),
    "images/chart.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    "posts/2026-11-25-unfinished.md": (
        "---\ntitle: An unfinished draft\ndate: 2026-11-25 09:00\nauthors: [jane-doe]\nsummary: Not ready.\nstatus: draft\n---\nDraft.\n"
    ),
    "posts/2099-01-01-scheduled.md": (
        "---\ntitle: A post for the next century\ndate: 2099-01-01 09:00\nauthors: [jane-doe]\nsummary: Scheduled.\n---\nLater.\n"
    ),
}

ROADMAP = f"{BASE}/2026/11/20/why-we-publish-our-roadmap-in-the-open/"
CASE_DATABASE = f"{BASE}/2026/11/06/what-we-learned-from-moving-the-case-database/"
SUMMER = f"{BASE}/2026/07/01/what-we-planned-for-the-summer/"


def weeknote_url(team: str, week: int) -> str:
    return f"{BASE}/weeknotes/{team}/2026-w{week}/"


# ---------------------------------------------------------------------------
# Helpers, also used by the other test_feeds_* modules


def add_settings(root: Path, **settings) -> None:
    """Append settings to the site's pelicanconf.py (publishconf.py imports it)."""
    lines = "".join(f"{key} = {value!r}\n" for key, value in settings.items())
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as file:
        file.write("\n" + lines)


def feed_site(root: Path, content: dict[str, str] | None = None, **settings) -> Path:
    """The fixture site plus `content`, built as of TODAY unless NOTES_TODAY is given."""
    make_site(root)
    for relative, text in (content or {}).items():
        write(root / "content" / relative, text)
    add_settings(root, **{"NOTES_TODAY": TODAY, **settings})
    return root




def parse(path: Path) -> feedparser.FeedParserDict:
    """The feed at `path`, which must be well-formed and free of feedparser's complaints."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def feed_files(output: Path) -> list[str]:
    return sorted(str(p.relative_to(output)) for p in (output / "feeds").rglob("*.xml"))


# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    return build_in(feed_site(tmp_path_factory.mktemp("feeds") / "site", EXTRA_CONTENT), "build")


def test_every_feed_is_written_and_parses_cleanly(output):
    assert feed_files(output) == [
        "feeds/all.atom.xml",
        "feeds/all.rss.xml",
        "feeds/authors/jane-doe.atom.xml",
        "feeds/authors/priya-patel.atom.xml",
        "feeds/authors/quiet-person.atom.xml",
        "feeds/authors/sam-lee.atom.xml",
        "feeds/categories/blog.atom.xml",
        "feeds/categories/leadership.atom.xml",
        "feeds/categories/weeknotes.atom.xml",
        "feeds/digest.atom.xml",
        "feeds/posts.atom.xml",
        "feeds/tags/data.atom.xml",
        "feeds/tags/migration.atom.xml",
        "feeds/tags/roadmap.atom.xml",
        "feeds/tags/sign-in.atom.xml",
        "feeds/tags/working-in-the-open.atom.xml",
        "feeds/teams/data-platform.atom.xml",
        "feeds/teams/identity.atom.xml",
        "feeds/weeknotes.atom.xml",
    ]
    for name in feed_files(output):
        parsed = parse(output / name)
        assert parsed.version == ("rss20" if name.endswith(".rss.xml") else "atom10"), name
        assert parsed.feed.language == "en-GB" if name.endswith(".rss.xml") else parsed.feed.get("language") == "en-GB"


def test_all_notes_feed_lists_published_notes_newest_first(output):
    for name in ("all.atom.xml", "all.rss.xml"):
        entries = parse(output / "feeds" / name).entries
        assert [(e.title, e.link, e.id) for e in entries] == [
            # 09:00 on 20 November is after the weeknote's date, which has no time (midnight).
            ("Why we publish our roadmap in the open", ROADMAP,
             "tag:blog.example.gov.uk,2026-11-20:why-we-publish-our-roadmap"),
            ("Data platform weeknote: week 47, 2026", weeknote_url("data-platform", 47),
             "tag:blog.example.gov.uk,2026-11-20:data-platform-2026-w47"),
            ("Data platform weeknote: week 46, 2026", weeknote_url("data-platform", 46),
             "tag:blog.example.gov.uk,2026-11-13:data-platform-2026-w46"),
            ("Identity weeknote: week 46, 2026", weeknote_url("identity", 46),
             "tag:blog.example.gov.uk,2026-11-12:identity-2026-w46"),
            ("What we learned from moving the case database", CASE_DATABASE,
             "tag:blog.example.gov.uk,2026-11-06:what-we-learned-from-moving-the-case-database"),
            ("Data platform weeknote: week 45, 2026", weeknote_url("data-platform", 45),
             "tag:blog.example.gov.uk,2026-11-06:data-platform-2026-w45"),
            ("What we planned for the summer", SUMMER, "tag:blog.example.gov.uk,2026-07-01:summer"),
        ], name


def test_dates_are_in_the_site_time_zone_and_parse_to_the_right_moment(output):
    atom = (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    # Europe/London: GMT in November, British Summer Time in July.
    assert "<published>2026-11-20T09:00:00+00:00</published>" in atom
    assert "<published>2026-07-01T09:00:00+01:00</published>" in atom
    rss = (output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Wed, 01 Jul 2026 09:00:00 +0100</pubDate>" in rss
    for name in ("all.atom.xml", "all.rss.xml"):
        entries = {e.title: e for e in parse(output / "feeds" / name).entries}
        summer, roadmap = entries["What we planned for the summer"], entries["Why we publish our roadmap in the open"]
        assert tuple(summer.published_parsed)[:6] == (2026, 7, 1, 8, 0, 0)  # feedparser gives UTC
        assert tuple(roadmap.published_parsed)[:6] == (2026, 11, 20, 9, 0, 0)
        if name.endswith(".atom.xml"):
            assert summer.updated_parsed == summer.published_parsed


def test_every_entry_names_each_author_with_their_page(output):
    entries = {e.title: e for e in parse(output / "feeds/all.atom.xml").entries}
    assert entries["What we learned from moving the case database"].authors == [
        {"name": "Jane Doe", "href": f"{BASE}/authors/jane-doe/"},
        {"name": "Sam Lee", "href": f"{BASE}/authors/sam-lee/"},
    ]
    for name in feed_files(output):
        for entry in parse(output / name).entries:
            assert entry.authors and all(author["name"] for author in entry.authors), (name, entry.title)
            if name.endswith(".atom.xml"):
                assert all(author["href"].startswith(f"{BASE}/") for author in entry.authors), (name, entry.title)
    # RSS <author> must be an email address, which notes do not publish: names go in dc:creator.
    rss = {e.title: e for e in parse(output / "feeds/all.rss.xml").entries}
    assert [a["name"] for a in rss["What we learned from moving the case database"].authors] == ["Jane Doe", "Sam Lee"]


def test_rss_guids_are_tag_uris_that_are_not_permalinks(output):
    rss = (output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert rss.count('<guid isPermaLink="false">tag:blog.example.gov.uk,') == 7
    assert all(not entry.guidislink for entry in parse(output / "feeds/all.rss.xml").entries)


def test_entries_carry_full_content_with_absolute_links_summary_and_tags(output):
    entries = {e.title: e for e in parse(output / "feeds/all.atom.xml").entries}
    roadmap = entries["Why we publish our roadmap in the open"]
    assert roadmap.content[0].type == "text/html"
    assert f'<a href="{BASE}/teams/">see what each team is doing</a>' in roadmap.content[0].value
    assert roadmap.summary == "Publishing the roadmap lets people see what we plan and tell us when we are wrong."
    assert [(t.term, t.label, t.scheme) for t in roadmap.tags] == [
        ("roadmap", "roadmap", f"{BASE}/tags/"), ("working-in-the-open", "working-in-the-open", f"{BASE}/tags/"),
    ]
    assert f'src="{BASE}/images/chart.png"' in entries["What we planned for the summer"].content[0].value
    assert [(link.rel, link.type, link.href) for link in roadmap.links] == [("alternate", "text/html", ROADMAP)]


def test_posts_and_weeknotes_feeds_hold_only_their_kind(output):
    posts = [e.link for e in parse(output / "feeds/posts.atom.xml").entries]
    assert posts == [ROADMAP, CASE_DATABASE, SUMMER]
    weeknotes = [e.link for e in parse(output / "feeds/weeknotes.atom.xml").entries]
    assert weeknotes == [weeknote_url("data-platform", 47), weeknote_url("data-platform", 46),
                         weeknote_url("identity", 46), weeknote_url("data-platform", 45)]


def test_team_feed_holds_only_that_teams_notes(output):
    data_platform = parse(output / "feeds/teams/data-platform.atom.xml")
    assert data_platform.feed.title == "Data platform weeknotes – Department for Local Services blog"
    assert data_platform.feed.link == f"{BASE}/teams/data-platform/"
    assert [e.link for e in data_platform.entries] == [weeknote_url("data-platform", w) for w in (47, 46, 45)]
    identity = parse(output / "feeds/teams/identity.atom.xml")
    assert [e.link for e in identity.entries] == [weeknote_url("identity", 46)]  # week 48 is a draft


def test_author_tag_and_category_feeds(output):
    assert [e.title for e in parse(output / "feeds/authors/sam-lee.atom.xml").entries] == [
        "Data platform weeknote: week 47, 2026", "Data platform weeknote: week 46, 2026",
        "What we learned from moving the case database", "Data platform weeknote: week 45, 2026",
        "What we planned for the summer",
    ]
    assert [e.link for e in parse(output / "feeds/tags/roadmap.atom.xml").entries] == [ROADMAP]
    assert [e.link for e in parse(output / "feeds/categories/leadership.atom.xml").entries] == [ROADMAP, SUMMER]
    assert parse(output / "feeds/categories/leadership.atom.xml").feed.title == (
        "Category: Leadership – Department for Local Services blog"
    )


def test_feed_updated_is_the_newest_entry_never_the_clock(output):
    for name in feed_files(output):
        parsed = parse(output / name)
        if parsed.entries:
            dated = "updated_parsed" if name.endswith(".atom.xml") else "published_parsed"  # RSS items have no updated
            newest = max(e[dated] for e in parsed.entries)
            assert parsed.feed.updated_parsed == newest, name
    # A feed with nothing in it yet is dated by the newest note on the site.
    quiet = parse(output / "feeds/authors/quiet-person.atom.xml")
    assert quiet.entries == []
    assert quiet.feed.updated == "2026-11-22T23:59:59+00:00"  # the digest of week 47


def test_digest_has_one_entry_per_closed_week_listing_weeknotes_by_team(output):
    digest = parse(output / "feeds/digest.atom.xml")
    assert digest.feed.title == "Weekly digest – Department for Local Services blog"
    assert [(e.title, e.id, e.published) for e in digest.entries] == [
        # Week 48 has only a draft, so no entry.
        ("Weeknotes for week 47, 2026", "tag:blog.example.gov.uk,2026-11-22:digest-2026-w47", "2026-11-22T23:59:59+00:00"),
        ("Weeknotes for week 46, 2026", "tag:blog.example.gov.uk,2026-11-15:digest-2026-w46", "2026-11-15T23:59:59+00:00"),
        ("Weeknotes for week 45, 2026", "tag:blog.example.gov.uk,2026-11-08:digest-2026-w45", "2026-11-08T23:59:59+00:00"),
    ]
    # No page lists one week: each entry links to the archive, at the month of that week's notes.
    assert [e.link for e in digest.entries] == [f"{BASE}/archives/#archive-2026-11"] * 3
    week_46 = digest.entries[1]
    assert week_46.summary == "Weeknotes from 2 teams: Data platform and Identity."
    assert week_46.authors == [{"name": "Department for Local Services", "href": f"{BASE}/"}]
    assert week_46.content[0].value == (
        "<h2>Data platform</h2>\n"
        f'<h3><a href="{weeknote_url("data-platform", 46)}">Data platform weeknote: week 46, 2026</a></h3>\n'
        "<div>Week 46 on the data platform, with one migration run and one failure.</div>\n"
        "<h2>Identity</h2>\n"
        f'<h3><a href="{weeknote_url("identity", 46)}">Identity weeknote: week 46, 2026</a></h3>\n'
        "<div>Staff sign-in reached 60 caseworkers.</div>"
    )


def test_drafts_and_scheduled_notes_are_in_no_feed(output):
    for name in feed_files(output):
        text = (output / name).read_text(encoding="utf-8")
        for absent in ("An unfinished draft", "unfinished", "A post for the next century", "scheduled",
                       "Not ready yet", "identity-2026-w48"):
            assert absent not in text, (name, absent)


def test_opml_lists_every_feed_once_by_kind_with_its_title(output):
    root = ET.parse(output / "feeds.opml").getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Feeds of Department for Local Services blog"
    groups = root.findall("body/outline")
    assert [g.get("text") for g in groups] == ["Whole site", "Teams", "Authors", "Tags", "Categories"]
    listed = {o.get("xmlUrl"): o for g in groups for o in g.findall("outline")}
    atom_feeds = [name for name in feed_files(output) if name.endswith(".atom.xml")]
    assert sorted(listed) == sorted(f"{BASE}/{name}" for name in atom_feeds)  # RSS twins would duplicate notes
    for name in atom_feeds:
        outline = listed[f"{BASE}/{name}"]
        assert outline.get("type") == "rss"
        assert outline.get("title") == outline.get("text") == parse(output / name).feed.title
    assert [o.get("htmlUrl") for o in groups[1].findall("outline")] == [f"{BASE}/teams/data-platform/", f"{BASE}/teams/identity/"]


def test_each_group_has_an_opml_file_of_its_own_feeds(output):
    every = ET.parse(output / "feeds.opml").getroot().findall("body/outline")
    for slug, group in zip(("site", "teams", "authors", "tags", "categories"), every):
        root = ET.parse(output / f"feeds/{slug}.opml").getroot()
        assert root.findtext("head/title") == f"Feeds of Department for Local Services blog: {group.get('text').lower()}"
        (only,) = root.findall("body/outline")
        assert [o.attrib for o in only.findall("outline")] == [o.attrib for o in group.findall("outline")]
    # A team's feed is in the teams' file alone: importing it gives each weeknote once.
    teams = ET.parse(output / "feeds/teams.opml").getroot()
    assert [o.get("xmlUrl") for o in teams.iter("outline") if o.get("xmlUrl")] == [
        f"{BASE}/feeds/teams/data-platform.atom.xml", f"{BASE}/feeds/teams/identity.atom.xml"]


def test_subscribe_page_lists_every_feed_and_the_opml_files_without_javascript(output):
    page = (output / "subscribe/index.html").read_text(encoding="utf-8")
    assert "<title>Subscribe – Department for Local Services blog</title>" in page
    assert "A feed reader is an app or website that collects new posts from the sites you choose" in page
    assert "To subscribe, copy the address of a feed below and add it to your feed reader." in page
    assert 'href="../feeds.opml" download>Download the list of every feed (OPML)</a>' in page
    assert 'href="../feeds/teams.opml" download>Download the list of 2 feeds for teams (OPML)</a>' in page
    text = re.sub(r"<[^>]+>", "", page)  # addresses are split into parts that wrap only after a slash
    for name in feed_files(output):
        assert f"{BASE}/{name}" in text, name
    assert "<script" not in page


def test_a_feed_address_wraps_only_after_a_slash(output):
    page = (output / "subscribe/index.html").read_text(encoding="utf-8")
    assert ('<span class="notes-address"><span>https://blog.example.gov.uk/</span><wbr><span>feeds/</span><wbr>'
            '<span>teams/</span><wbr><span>data-platform.atom.xml</span></span>') in page


def test_every_page_links_the_site_feed_and_topic_pages_their_own(output):
    home = (output / "index.html").read_text(encoding="utf-8")
    assert ('<link rel="alternate" type="application/atom+xml" href="./feeds/all.atom.xml" '
            'title="Department for Local Services blog">') in home
    assert '<a class="notes-footer__link" href="./subscribe/">Subscribe with a feed reader</a>' in home
    for page, feed, title in (
        ("teams/identity/index.html", "feeds/teams/identity.atom.xml", "Identity weeknotes – Department for Local Services blog"),
        ("authors/sam-lee/index.html", "feeds/authors/sam-lee.atom.xml", "Sam Lee – Department for Local Services blog"),
        ("tags/roadmap/index.html", "feeds/tags/roadmap.atom.xml", "Tagged: roadmap – Department for Local Services blog"),
        ("categories/leadership/index.html", "feeds/categories/leadership.atom.xml",
         "Category: Leadership – Department for Local Services blog"),
    ):
        html = (output / page).read_text(encoding="utf-8")
        assert f'<link rel="alternate" type="application/atom+xml" href="../../{feed}" title="{title}">' in html, page
        assert f'<a class="govuk-link" href="../../{feed}" type="application/atom+xml">Subscribe to this feed</a>' in html, page
        assert '<link rel="alternate" type="application/atom+xml" href="../../feeds/all.atom.xml"' in html, page


def test_two_builds_of_the_same_content_are_byte_identical(output, tmp_path):
    again = build_in(output.parent, "build", "--output", str(tmp_path / "again"))
    for name in [*feed_files(output), "feeds.opml"]:
        assert (again / name).read_bytes() == (output / name).read_bytes(), name
