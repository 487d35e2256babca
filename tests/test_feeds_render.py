"""The feeds package on its own: each feedgen 1.0.0 pitfall and its workaround, with real feedgen and feedparser.

Also the pure parts: settings, IDs, text, the digest's closed weeks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedgen.version
import feedparser
import pytest
from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.content.model import POST, WEEKNOTE, IsoWeek, Note
from pipeline.feeds.catalogue import Subject, plan
from pipeline.feeds.digest import digest_entries
from pipeline.feeds.ids import note_specific, tag_uri
from pipeline.feeds.model import Entry, Link, Person
from pipeline.feeds.render import FeedRenderer
from pipeline.feeds.settings import FeedSettingsError, read
from pipeline.feeds.text import absolute_html, xml_safe

LONDON = ZoneInfo("Europe/London")
SETTINGS = {
    "FEED_DOMAIN": "https://blog.example.gov.uk", "SITENAME": "Blog", "TIMEZONE": "Europe/London",
    "DEFAULT_LANG": "en-gb", "NOTES_FEED_RSS": ["all", "team"],
}
QUIET = datetime(2026, 1, 1, tzinfo=LONDON)


def settings(today: date = date(2026, 11, 30), **overrides):
    return read({**SETTINGS, **overrides}, today=today)


def catalogue(**overrides):
    return plan(settings(**overrides), teams=[Subject("identity", "Identity", "teams/identity/")], authors=[], tags=[],
                categories=[])


def entry(n: int, day: int, **fields) -> Entry:
    when = datetime(2026, 11, day, 9, tzinfo=LONDON)
    values = dict(
        id=f"tag:blog.example.gov.uk,2026-11-{day:02d}:note-{n}", title=f"Note {n}", published=when, updated=when,
        summary=f"Summary {n}.", content=f"<p>Content {n}.</p>",
        authors=(Person("Jane Doe", "https://blog.example.gov.uk/authors/jane-doe/"),
                 Person("Sam Lee", "https://blog.example.gov.uk/authors/sam-lee/")),
        links=(Link(f"https://blog.example.gov.uk/notes/{n}/", "alternate", "text/html"),),
        kind=POST,
    )
    return Entry(**{**values, **fields})


def atom_and_rss(entries, feed_kind="all"):
    feeds = catalogue()
    feed = feeds.find(feed_kind) if feed_kind != "team" else feeds.team("identity")
    renderer = FeedRenderer(feeds, QUIET)
    return renderer.atom(feed, entries), renderer.rss(feed, entries)


def test_feedgen_is_the_version_whose_pitfalls_we_work_around():
    assert feedgen.version.version_str == "1.0.0"


# 1. add_entry() prepends by default.
def test_entries_keep_the_order_they_are_given_in():
    assert [e.title for e in feedparser.parse(FeedGenerator_prepends()).entries] == ["Second", "First"]  # the pitfall
    newest_first = [entry(3, 20), entry(2, 13), entry(1, 6)]
    for data in atom_and_rss(newest_first):
        assert [e.title for e in feedparser.parse(data).entries] == ["Note 3", "Note 2", "Note 1"]


def FeedGenerator_prepends() -> bytes:
    generator = FeedGenerator()
    generator.id("urn:x")
    generator.title("x")
    for title in ("First", "Second"):
        added = generator.add_entry()
        added.id(f"urn:{title}")
        added.title(title)
        added.content("x")
    return generator.atom_str()


# 2. The feed's updated and lastBuildDate default to the clock.
def test_feed_is_dated_by_its_newest_entry_and_renders_the_same_bytes_twice():
    entries = [entry(2, 13), entry(1, 6)]
    atom, rss = atom_and_rss(entries)
    assert b"<updated>2026-11-13T09:00:00+00:00</updated>\n  <link" in atom
    assert b"<lastBuildDate>Fri, 13 Nov 2026 09:00:00 +0000</lastBuildDate>" in rss
    assert atom_and_rss(entries) == (atom, rss)
    empty_atom, empty_rss = atom_and_rss([])
    assert b"<updated>2026-01-01T00:00:00+00:00</updated>" in empty_atom
    assert b"<lastBuildDate>Thu, 01 Jan 2026 00:00:00 +0000</lastBuildDate>" in empty_rss


# 3. content(type="CDATA") writes type="CDATA"; ours is escaped HTML.
def test_content_is_escaped_html_never_cdata():
    tricky = entry(1, 6, content="<p>Ends ]]> here &amp; <em>there</em></p>", summary="A ]]> B")
    atom, rss = atom_and_rss([tricky])
    assert b'<content type="html">&lt;p&gt;Ends ]]&gt; here &amp;amp; &lt;em&gt;there&lt;/em&gt;&lt;/p&gt;</content>' in atom
    assert b"CDATA" not in atom + rss
    for data in (atom, rss):
        parsed = feedparser.parse(data)
        assert not parsed.bozo
        value = parsed.entries[0].content[0].value  # feedparser re-escapes ">" in Atom but not in RSS
        assert value.replace("]]&gt;", "]]>") == "<p>Ends ]]> here &amp; <em>there</em></p>"


# 4. Entry links lose rel, type and length; RSS takes the last link given.
def test_entry_links_keep_rel_type_and_length_and_rss_links_the_page():
    with_audio = entry(1, 6, links=(
        Link("https://blog.example.gov.uk/notes/1/", "alternate", "text/html"),
        Link("https://blog.example.gov.uk/audio/1.mp3", "enclosure", "audio/mpeg", 1234),
    ))
    atom, rss = atom_and_rss([with_audio])
    assert (b'<link href="https://blog.example.gov.uk/notes/1/" rel="alternate" type="text/html"/>\n'
            b'    <link href="https://blog.example.gov.uk/audio/1.mp3" rel="enclosure" type="audio/mpeg" length="1234"/>') in atom
    assert b"<link>https://blog.example.gov.uk/notes/1/</link>" in rss
    assert b'<enclosure url="https://blog.example.gov.uk/audio/1.mp3" length="1234" type="audio/mpeg"/>' in rss
    parsed = feedparser.parse(atom).entries[0]
    assert parsed.link == "https://blog.example.gov.uk/notes/1/"
    assert parsed.enclosures == [{"href": "https://blog.example.gov.uk/audio/1.mp3", "type": "audio/mpeg", "length": "1234"}]


def test_rss_channel_links_the_page_the_feed_follows_not_itself():
    atom, rss = atom_and_rss([entry(1, 6)], feed_kind="team")
    assert b"<link>https://blog.example.gov.uk/teams/identity/</link>" in rss
    assert b'<atom:link href="https://blog.example.gov.uk/feeds/teams/identity.rss.xml" rel="self"' in rss
    assert feedparser.parse(atom).feed.link == "https://blog.example.gov.uk/teams/identity/"


def test_an_enclosure_needs_a_type_and_a_length():
    with pytest.raises(ValueError, match="enclosure https://x/a.mp3 needs a media type and a length in bytes"):
        Link("https://x/a.mp3", "enclosure")


# 5. Naive datetimes raise deep inside feedgen; RSS requires a description.
def test_naive_dates_are_refused_before_they_reach_feedgen():
    with pytest.raises(ValueError, match="content/posts/a.md: 'published' has no time zone"):
        entry(1, 6, published=datetime(2026, 11, 6, 9), source="content/posts/a.md")


def test_every_rss_channel_has_a_description():
    for feed in catalogue():
        if feed.rss_path:
            channel = etree.fromstring(FeedRenderer(catalogue(), QUIET).rss(feed, [])).find("channel")
            assert channel.findtext("description"), feed.path


# 6. RSS authors must be email addresses; guids are tag: URIs, not permalinks.
def test_rss_items_name_authors_in_dc_creator_with_tag_uri_guids():
    _, rss = atom_and_rss([entry(1, 6)])
    item = etree.fromstring(rss).find("channel/item")
    assert item.find("author") is None
    assert [c.text for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")] == ["Jane Doe", "Sam Lee"]
    assert item.find("guid").attrib == {"isPermaLink": "false"}
    assert item.findtext("guid") == "tag:blog.example.gov.uk,2026-11-06:note-1"


def test_atom_entries_name_each_author_with_their_page():
    atom, _ = atom_and_rss([entry(1, 6)])
    assert feedparser.parse(atom).entries[0].authors == [
        {"name": "Jane Doe", "href": "https://blog.example.gov.uk/authors/jane-doe/"},
        {"name": "Sam Lee", "href": "https://blog.example.gov.uk/authors/sam-lee/"},
    ]


# ---------------------------------------------------------------------------
# Settings


def test_settings_defaults_and_language_tag():
    read_back = settings()
    assert (read_back.base_url, read_back.id_authority, read_back.language) == (
        "https://blog.example.gov.uk", "blog.example.gov.uk", "en-GB")
    assert (read_back.max_items, read_back.topic_max_items, read_back.publisher) == (20, 500, "Blog")
    assert read_back.rss_kinds == {"all", "team"}


def test_feed_domain_falls_back_to_siteurl():
    read_back = settings(FEED_DOMAIN="", SITEURL="https://notes.example.org/")
    assert (read_back.base_url, read_back.id_authority) == ("https://notes.example.org", "notes.example.org")


@pytest.mark.parametrize("overrides, problem", [
    ({"FEED_DOMAIN": "blog.example.gov.uk"},
     "FEED_DOMAIN (or SITEURL) must be the site's absolute address, like https://blog.example.gov.uk: "
     "feed readers need absolute links; got 'blog.example.gov.uk'"),
    ({"FEED_DOMAIN": "http://127.0.0.1:8000"},
     "the domain of FEED_DOMAIN must be a domain name like blog.example.gov.uk, to make entry IDs (tag: URIs); "
     "got '127.0.0.1'"),
    ({"NOTES_FEED_ID_AUTHORITY": "Blog Example"},
     "NOTES_FEED_ID_AUTHORITY must be a domain name like blog.example.gov.uk, to make entry IDs (tag: URIs); "
     "got 'Blog Example'"),
    ({"NOTES_FEED_TOPIC_MAX_ITEMS": "500"},
     "NOTES_FEED_TOPIC_MAX_ITEMS must be a whole number of entries, 1 or more; got '500'"),
    ({"NOTES_FEED_MAX_ITEMS": True}, "NOTES_FEED_MAX_ITEMS must be a whole number of entries, 1 or more; got True"),
    ({"NOTES_FEED_RSS": "all"}, "NOTES_FEED_RSS must be a list of feed kinds like ['all', 'team']; got 'all'"),
])
def test_wrong_settings_are_named_with_what_was_expected(overrides, problem):
    with pytest.raises(FeedSettingsError) as raised:
        settings(**overrides)
    assert str(raised.value) == f"feed settings in the settings file are wrong:\n    {problem}"


# ---------------------------------------------------------------------------
# IDs


def _note(kind: str, path: str, slug: str, **fields) -> Note:
    values = dict(kind=kind, source=path, path=Path(path), title="T", date=datetime(2026, 11, 20, 9, tzinfo=LONDON),
                  authors=(), summary="", slug=slug, status="published", category=None, tags=(), team=None,
                  week=None, doc=None)
    return Note(**{**values, **fields})


@pytest.mark.parametrize("path, slug, kind, specific", [
    ("content/posts/2026-11-20-why-we-publish-our-roadmap.md", "why-we-now-publish-it", POST, "why-we-publish-our-roadmap"),
    ("content/posts/roadmap.md", "why-we-publish-our-roadmap", POST, "roadmap"),
    ("content/posts/2026-11-20.md", "whatever", POST, "2026-11-20"),
    ("content/posts/Our Roadmap (final).md", "x", POST, "our-roadmap-final"),
    ("content/weeknotes/identity/2026-W48.md", "identity-2026-w48", WEEKNOTE, "identity-2026-w48"),
])
def test_the_slug_in_an_id_is_one_that_a_title_edit_does_not_change(path, slug, kind, specific):
    assert note_specific(_note(kind, path, slug)) == specific


def test_tag_uri_follows_rfc_4151():
    assert tag_uri("blog.example.gov.uk", date(2026, 11, 20), "roadmap") == "tag:blog.example.gov.uk,2026-11-20:roadmap"


# ---------------------------------------------------------------------------
# Text


@pytest.mark.parametrize("html, expected", [
    ('<a href="/roadmap/">r</a>', '<a href="https://blog.example.gov.uk/roadmap/">r</a>'),
    ('<img src="chart.png" alt="">', '<img src="https://blog.example.gov.uk/2026/11/20/a/chart.png" alt="">'),
    ('<a href="#next">n</a>', '<a href="https://blog.example.gov.uk/2026/11/20/a/#next">n</a>'),
    ('<a href="../../b/">b</a>', '<a href="https://blog.example.gov.uk/2026/11/b/">b</a>'),
    ('<a href="https://gov.uk/x">x</a> <a href="mailto:a@example.org">m</a>',
     '<a href="https://gov.uk/x">x</a> <a href="mailto:a@example.org">m</a>'),
    ('<img srcset="a.png 1x, /b.png 2x">',
     '<img srcset="https://blog.example.gov.uk/2026/11/20/a/a.png 1x, https://blog.example.gov.uk/b.png 2x">'),
    ('<A HREF = "x/">x</A>', '<a href="https://blog.example.gov.uk/2026/11/20/a/x/">x</a>'),
    ("<a href='//cdn.example.org/x'>x</a>", '<a href="https://cdn.example.org/x">x</a>'),
    ('<img src=chart.png>', '<img src="https://blog.example.gov.uk/2026/11/20/a/chart.png">'),
    ('<blockquote cite="/source/">q</blockquote>', '<blockquote cite="https://blog.example.gov.uk/source/">q</blockquote>'),
    ("Plain text &amp; no links", "Plain text &amp; no links"),
    ('<p><a href="https://gov.uk/">x</a><br /></p>', '<p><a href="https://gov.uk/">x</a><br></p>'),
    ("<p>a</p>\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ("<p>text only</p>\n", "<p>text only</p>\n"),
    ('<pre><code>&lt;a href="x"&gt;</code></pre>', '<pre><code>&lt;a href="x"&gt;</code></pre>'),
])
def test_relative_addresses_are_made_absolute(html, expected):
    assert absolute_html(html, "https://blog.example.gov.uk/2026/11/20/a/") == expected


def test_characters_xml_cannot_hold_are_dropped():
    assert xml_safe("a\x00b\x01c\x0bd\x0ce\x1ff\ufffeg\uffffh\ud800i\tj\nk\rl é 🎉 שלום") == "abcdefghi\tj\nk\rl é 🎉 שלום"


# ---------------------------------------------------------------------------
# The digest


def weeknote(team: str, week: int, day: int) -> Entry:
    return entry(week, day, id=f"tag:x,2026:{team}-{week}", title=f"{team} {week}", kind=WEEKNOTE, team=team,
                 week=IsoWeek(2026, week), summary=f"{team} in week {week}.")


@pytest.mark.parametrize("today, weeks", [
    (date(2026, 11, 22), [46, 45]),  # Sunday of week 47: not over yet
    (date(2026, 11, 23), [47, 46, 45]),  # Monday: week 47 is closed
])
def test_digest_has_an_entry_for_each_closed_week(today, weeks):
    notes = [weeknote("identity", 45, 6), weeknote("data-platform", 46, 13), weeknote("identity", 47, 20),
             entry(99, 21)]  # a post is never in the digest
    digest = digest_entries(notes, {"identity": "Identity", "data-platform": "Data platform"}, settings(today=today))
    assert [d.week.week for d in digest] == weeks
    assert all(d.authors == (Person("Blog", "https://blog.example.gov.uk/"),) for d in digest)


def test_digest_entry_links_the_archive_at_the_month_of_its_notes():
    # Week 44 of 2026 runs from Monday 26 October to Sunday 1 November.
    friday = datetime(2026, 10, 30, tzinfo=LONDON)
    note = replace(weeknote("identity", 44, 1), published=friday, updated=friday)
    [digest] = digest_entries([note], {"identity": "Identity"}, settings(), archives_url="archives/")
    assert digest.url == "https://blog.example.gov.uk/archives/#archive-2026-10"
    assert digest.published == datetime(2026, 11, 1, 23, 59, 59, tzinfo=LONDON)


def test_digest_lists_teams_by_name_and_escapes_what_it_is_given():
    notes = [weeknote("b-team", 46, 13), weeknote("a-team", 46, 12)]
    [digest] = digest_entries(notes, {"a-team": "Alpha & Omega", "b-team": "<Beta>"}, settings())
    assert digest.title == "Weeknotes for week 46, 2026"
    assert digest.published == digest.updated == datetime(2026, 11, 15, 23, 59, 59, tzinfo=LONDON)
    assert digest.id == "tag:blog.example.gov.uk,2026-11-15:digest-2026-w46"
    assert digest.summary == "Weeknotes from 2 teams: &lt;Beta&gt; and Alpha &amp; Omega."
    assert digest.content.startswith('<h2>&lt;Beta&gt;</h2>\n<h3><a href="https://blog.example.gov.uk/notes/46/">b-team 46</a></h3>')
