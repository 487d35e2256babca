"""Hostile text in titles, summaries, names, tags and bodies still gives well-formed feeds that round-trip.

YAML's reader refuses raw control characters in front matter, but its
double-quoted escapes ("\\x01") write them, and a Markdown body can hold them
raw: XML 1.0 cannot hold them at all, so feeds drop them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from lxml import etree

from tests.conftest import build_in
from tests.test_feeds import feed_files, feed_site, parse

TITLE = "<script>alert(1)</script> ]]> Tom & Jerry 🎉 שלום\x01!"
TITLE_AFTER = "<script>alert(1)</script> ]]> Tom & Jerry 🎉 שלום!"
SUMMARY = "Tags <script>alert(2)</script>, ]]>, & and &amp; with 🎉, مرحبا \u202ereversed\u202c and a bell\x07."
HOSTILE = {
    "authors/zoe-obrien.md": "---\nname: \"Zoë \\\"Z\\\" <O'Brien> & co\"\nrole: Tester\n---\nBio.\n",
    "posts/2026-11-27-hostile.md": (
        "---\n"
        f"title: \"{TITLE.encode('unicode_escape').decode('ascii').replace(chr(34), chr(92) + chr(34))}\"\n"
        "date: 2026-11-27 09:00\n"
        "authors: [zoe-obrien]\n"
        "tags: [\"R&D <lab>\"]\n"
        f"summary: \"{SUMMARY.encode('unicode_escape').decode('ascii')}\"\n"
        "---\n"
        "A form feed \x0c and an escape \x1b in the body, ]]> and <script>alert(3)</script> too.\n\n"
        "Right to left: עברית and العربية, emoji 🎉, and a [relative link](../../../../teams/).\n"
    ),
    "weeknotes/data-platform/2026-W47.md": (
        "---\ndate: 2026-11-20\nauthors: [sam-lee]\ntitle: \"Week <b>47</b> & \\\"quotes\\\" \\x02\"\n"
        "summary: \"Closing ]]> & <i>done</i>\"\n---\n## What went well\n\nFine.\n"
    ),
}


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    root = feed_site(tmp_path_factory.mktemp("hostile") / "site", HOSTILE, NOTES_FEED_RSS=["all", "tag"])
    # The body's <script> is an S101 error that would stop the build; as a warning it is
    # built, which shows the reader's sanitiser, not only lint, keeps it out of feeds.
    (root / "pyproject.toml").write_text('[tool.notes.lint]\nlevels = {S1 = "warning"}\n', encoding="utf-8")
    return build_in(root, "build")


def test_every_feed_is_well_formed_xml_and_parses_cleanly(output):
    for name in [*feed_files(output), "feeds.opml"]:
        etree.parse(str(output / name), etree.XMLParser(recover=False))  # raises on anything not well-formed
    for name in feed_files(output):
        parse(output / name)


@pytest.mark.parametrize("name", ["feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/tags/rd.atom.xml",
                                  "feeds/tags/rd.rss.xml"])
def test_titles_and_summaries_round_trip(output, name):
    entries = {e.id: e for e in parse(output / name).entries}
    hostile = entries["tag:blog.example.gov.uk,2026-11-27:hostile"]
    assert hostile.title == TITLE_AFTER
    # Feed readers sanitise HTML, as feedparser does here: the script goes, the text stays.
    assert "<script" not in hostile.summary
    for kept in ("]]>", "&amp; and &amp; with 🎉", "مرحبا \u202ereversed\u202c and a bell."):
        assert kept in hostile.summary.replace("]]&gt;", "]]>"), kept
    body = hostile.content[0].value
    assert "A form feed  and an escape  in the body" in body
    assert "עברית and العربية, emoji 🎉" in body
    assert "<script" not in body
    assert '<a href="https://blog.example.gov.uk/teams/">relative link</a>' in body
    assert [a["name"] for a in hostile.authors] == ["Zoë \"Z\" <O'Brien> & co"]


def test_hostile_text_is_escaped_not_interpreted(output):
    atom = (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; Tom &amp; Jerry 🎉 שלום!</title>" in atom
    assert "<name>Zoë \"Z\" &lt;O'Brien&gt; &amp; co</name>" in atom
    assert 'label="R&amp;D &lt;lab&gt;"' in atom
    for banned in ("\x01", "\x02", "\x07", "\x0c", "\x1b", "CDATA"):
        assert banned not in atom


def test_digest_escapes_a_weeknote_title(output):
    digest = parse(output / "feeds/digest.atom.xml")
    week_47 = next(e for e in digest.entries if e.title == "Weeknotes for week 47, 2026")
    assert "Week &lt;b&gt;47&lt;/b&gt; &amp; \"quotes\" </a>" in week_47.content[0].value
    assert "<div>Closing ]]&gt; &amp; <i>done</i></div>" in week_47.content[0].value


def test_opml_and_subscribe_page_escape_names(output):
    outlines = {o.get("xmlUrl"): o.get("title") for o in ET.parse(output / "feeds.opml").iter("outline")}
    assert outlines["https://blog.example.gov.uk/feeds/tags/rd.atom.xml"] == (
        "Tagged: R&D <lab> – Department for Local Services blog")
    assert outlines["https://blog.example.gov.uk/feeds/authors/zoe-obrien.atom.xml"] == (
        "Zoë \"Z\" <O'Brien> & co – Department for Local Services blog")
    page = (output / "subscribe/index.html").read_text(encoding="utf-8")
    assert "R&amp;D &lt;lab&gt;</a>" in page
    assert feedparser.parse((output / "feeds/tags/rd.atom.xml").read_bytes()).feed.title == (
        "Tagged: R&D <lab> – Department for Local Services blog")
