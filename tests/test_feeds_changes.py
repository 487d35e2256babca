"""Feeds after the content or the settings change: IDs that last, ID overrides, limits, wrong settings.

Each test builds its own copy of the fixture site through the CLI.
"""

from __future__ import annotations

from tests.conftest import build_in, run_in, write
from tests.test_feeds import BASE, ROADMAP, TODAY, add_settings, feed_files, parse


def test_publish_writes_the_same_feeds(site):
    add_settings(site, NOTES_TODAY=TODAY)
    published = build_in(site, "publish")
    assert feed_files(published)[:2] == ["feeds/all.atom.xml", "feeds/all.rss.xml"]
    entries = parse(published / "feeds/all.atom.xml").entries
    assert entries[0].id == "tag:blog.example.gov.uk,2026-11-20:why-we-publish-our-roadmap"
    assert entries[0].link == ROADMAP
    home = (published / "index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}/feeds/all.atom.xml"' in home


def test_ids_stay_the_same_when_a_title_is_edited(site):
    add_settings(site, NOTES_TODAY=TODAY)
    before = {e.id: e for e in parse(build_in(site, "build") / "feeds/all.atom.xml").entries}
    post = site / "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
    post.write_text(post.read_text().replace("title: Why we publish our roadmap in the open",
                                             "title: Why we now publish our roadmap"))
    weeknote = site / "content/weeknotes/data-platform/2026-W46.md"
    weeknote.write_text(weeknote.read_text().replace("date: 2026-11-13", "date: 2026-11-13\ntitle: Moving day"))
    after = {e.id: e for e in parse(build_in(site, "build") / "feeds/all.atom.xml").entries}
    assert after.keys() == before.keys()
    moved = after["tag:blog.example.gov.uk,2026-11-20:why-we-publish-our-roadmap"]
    assert moved.title == "Why we now publish our roadmap"
    assert moved.link == f"{BASE}/2026/11/20/why-we-now-publish-our-roadmap/"  # the page moved; its entry did not
    assert after["tag:blog.example.gov.uk,2026-11-13:data-platform-2026-w46"].title == "Moving day"


def test_id_in_front_matter_keeps_a_moved_notes_identity(site):
    add_settings(site, NOTES_TODAY=TODAY)
    post = site / "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
    post.rename(site / "content/posts/roadmap.md")
    text = (site / "content/posts/roadmap.md").read_text()
    (site / "content/posts/roadmap.md").write_text(
        text.replace("date: 2026-11-20 09:00", "date: 2026-11-20 09:00\nid: tag:blog.example.gov.uk,2026-11-20:why-we-publish-our-roadmap")
    )
    ids = [e.id for e in parse(build_in(site, "build") / "feeds/posts.atom.xml").entries]
    assert ids[0] == "tag:blog.example.gov.uk,2026-11-20:why-we-publish-our-roadmap"


def test_an_id_that_is_not_a_uri_is_a_content_error(site):
    write(site / "content/posts/2026-11-27-hiring.md",
          "---\ntitle: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\nid: hiring post\n---\nText.\n")
    result = run_in(site, "build")
    assert result.exit_code == 1
    assert ("content/posts/2026-11-27-hiring.md:6:5: M105 'id' must be a URI that names the note in feeds for good, "
            "like tag:blog.example.gov.uk,2026-11-20:roadmap; got 'hiring post'") in result.output


def test_two_notes_with_the_same_id_fail_the_build(site):
    same = "id: tag:blog.example.gov.uk,2026-01-01:same\n"
    for name in ("2026-11-20-why-we-publish-our-roadmap.md", "2026-11-06-what-we-learned-from-moving-the-case-database.md"):
        path = site / "content/posts" / name
        path.write_text(path.read_text().replace("---\n", "---\n" + same, 1))
    result = run_in(site, "build")
    assert result.exit_code == 1
    assert ("DuplicateEntryId: content/posts/2026-11-20-why-we-publish-our-roadmap.md and "
            "content/posts/2026-11-06-what-we-learned-from-moving-the-case-database.md have the same feed entry ID "
            "tag:blog.example.gov.uk,2026-01-01:same, so feed readers would show only one: "
            "give one of them its own 'id' in the front matter") in result.output
    assert not (site / "preview").exists()


def test_feed_lengths_are_configurable(site):
    add_settings(site, NOTES_TODAY=TODAY, NOTES_FEED_MAX_ITEMS=2, NOTES_FEED_TOPIC_MAX_ITEMS=1,
                 NOTES_FEED_RSS=["all", "team"])
    output = build_in(site, "build")
    assert [e.title for e in parse(output / "feeds/all.atom.xml").entries] == [
        "Why we publish our roadmap in the open", "Data platform weeknote: week 47, 2026",
    ]
    assert len(parse(output / "feeds/digest.atom.xml").entries) == 2
    team = parse(output / "feeds/teams/data-platform.rss.xml")
    assert [e.title for e in team.entries] == ["Data platform weeknote: week 47, 2026"]


def test_wrong_feed_settings_stop_the_build_naming_every_one(site):
    add_settings(site, FEED_DOMAIN="", NOTES_FEED_MAX_ITEMS=0, NOTES_FEED_RSS=["everything"])
    lines = (site / "pelicanconf.py").read_text().splitlines()
    line = {name: lines.index(f"{name} = {value}") + 1 for name, value in
            (("FEED_DOMAIN", "''"), ("NOTES_FEED_MAX_ITEMS", "0"), ("NOTES_FEED_RSS", "['everything']"))}
    result = run_in(site, "build")
    assert result.exit_code == 2  # a configuration error, found before anything is built
    assert result.output.splitlines()[-3:] == [
        f"notes: error: pelicanconf.py:{line['NOTES_FEED_MAX_ITEMS']}: NOTES_FEED_MAX_ITEMS must be a whole number of "
        "entries, 1 or more; got 0",
        f"pelicanconf.py:{line['FEED_DOMAIN']}: FEED_DOMAIN (or SITEURL) must be the site's absolute address, like "
        "https://blog.example.gov.uk: feed readers need absolute links; got ''",
        f"pelicanconf.py:{line['NOTES_FEED_RSS']}: NOTES_FEED_RSS names unknown feed kinds ['everything']; expected "
        "some of: all, posts, weeknotes, digest, team, author, tag, category",
    ]


def test_feeds_can_be_switched_off(site):
    add_settings(site, NOTES_FEEDS=False)
    output = build_in(site, "build")
    assert not (output / "feeds").exists() and not (output / "feeds.opml").exists()
    assert not (output / "subscribe").exists()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in home and "Subscribe" not in home
