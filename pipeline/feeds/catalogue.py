"""Which feeds the site has: their titles, their addresses and what each carries.

The catalogue is planned before any page is written, so that templates can
link to feeds (autodiscovery, "Subscribe to this feed", the subscribe page);
the entries are filled in when the feeds are written.

Addresses (docs/feeds.md):
    feeds/all.atom.xml  feeds/posts.atom.xml  feeds/weeknotes.atom.xml  feeds/digest.atom.xml
    feeds/teams/<slug>.atom.xml  feeds/authors/<slug>.atom.xml
    feeds/tags/<slug>.atom.xml   feeds/categories/<slug>.atom.xml
and each with .rss.xml for the kinds named in NOTES_FEED_RSS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.content.model import POST, WEEKNOTE
from pipeline.feeds.model import Entry, newest_first
from pipeline.feeds.settings import FeedSettings
from pipeline.feeds.text import xml_safe

PATHS = {
    "all": "feeds/all.atom.xml",
    "posts": "feeds/posts.atom.xml",
    "weeknotes": "feeds/weeknotes.atom.xml",
    "digest": "feeds/digest.atom.xml",
    "team": "feeds/teams/{slug}.atom.xml",
    "author": "feeds/authors/{slug}.atom.xml",
    "tag": "feeds/tags/{slug}.atom.xml",
    "category": "feeds/categories/{slug}.atom.xml",
}
OPML_PATH = "feeds.opml"

# The site-wide feeds: (kind, label on the subscribe page, title before " – site name", subtitle, page it follows).
SITE_FEEDS = (
    ("all", "All posts and weeknotes", "", "Every post and weeknote", ""),
    ("posts", "Posts", "Posts", "Posts from the people who lead our work", ""),
    ("weeknotes", "Weeknotes from every team", "Weeknotes", "Every team's weeknotes", "teams/"),
    ("digest", "Weekly digest of weeknotes", "Weekly digest",
     "One entry a week, listing every team's weeknotes for that week", "teams/"),
)
# Topic feeds: kind -> (title before " – site name", subtitle), each with {name}.
TOPIC_FEEDS = {
    "team": ("{name} weeknotes", "Weeknotes from {name}"),
    "author": ("{name}", "Posts and weeknotes by {name}"),
    "tag": ("Tagged: {name}", "Posts and weeknotes tagged {name}"),
    "category": ("Category: {name}", "Posts and weeknotes in {name}"),
}
# How the subscribe page and the OPML files group the feeds: (slug, name, kinds of feed).
GROUPS = (("site", "Whole site", ("all", "posts", "weeknotes", "digest")), ("teams", "Teams", ("team",)),
          ("authors", "Authors", ("author",)), ("tags", "Tags", ("tag",)), ("categories", "Categories", ("category",)))
GROUP_OPML_PATH = "feeds/{slug}.opml"  # each group's own OPML file, beside feeds.opml's every feed


@dataclass(frozen=True)
class Subject:
    """A team, author, tag or category that has a page, and so a feed."""

    slug: str
    name: str
    page_url: str  # relative, like teams/data-platform/


@dataclass(frozen=True)
class Feed:
    kind: str  # one of settings.FEED_KINDS
    slug: str  # "" for the site-wide feeds
    label: str  # what the subscribe page calls it
    title: str
    subtitle: str
    path: str  # the Atom feed, relative to the site: feeds/teams/identity.atom.xml
    rss_path: str | None  # its RSS 2.0 twin, if NOTES_FEED_RSS names this kind
    page_url: str  # the page the feed follows, relative ('' is the home page)
    limit: int  # at most this many entries, the newest

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    @property
    def url(self) -> str:
        """For templates, written like every link: {{ SITEURL }}/{{ feed.url }}."""
        return self.path


@dataclass(frozen=True)
class FeedGroup:
    slug: str
    name: str
    feeds: tuple[Feed, ...]

    @property
    def opml_path(self) -> str:
        """This group's OPML file: importing it subscribes a reader to these feeds alone."""
        return GROUP_OPML_PATH.format(slug=self.slug)


class Catalogue:
    """Every feed of the site. Templates see it as `feeds`: feeds.site, feeds.team(slug), ..."""

    def __init__(self, feeds: Iterable[Feed], settings: FeedSettings):
        self.settings = settings
        self._feeds = tuple(feeds)
        self._by_key = {feed.key: feed for feed in self._feeds}

    def __iter__(self) -> Iterator[Feed]:
        return iter(self._feeds)

    def __len__(self) -> int:
        return len(self._feeds)

    def find(self, kind: str, slug: str = "") -> Feed | None:
        return self._by_key.get((kind, slug))

    @property
    def site(self) -> Feed:
        return self._by_key[("all", "")]

    def team(self, slug: str) -> Feed | None:
        return self.find("team", slug)

    def author(self, slug: str) -> Feed | None:
        return self.find("author", slug)

    def tag(self, slug: str) -> Feed | None:
        return self.find("tag", slug)

    def category(self, slug: str) -> Feed | None:
        return self.find("category", slug)

    def groups(self) -> tuple[FeedGroup, ...]:
        """The feeds by kind, for the subscribe page and the OPML files; empty groups left out."""
        groups = (FeedGroup(slug, name, tuple(f for f in self._feeds if f.kind in kinds)) for slug, name, kinds in GROUPS)
        return tuple(group for group in groups if group.feeds)

    def absolute(self, path: str) -> str:
        return self.settings.absolute(path)

    @property
    def opml_path(self) -> str:
        return OPML_PATH


def plan(settings: FeedSettings, teams: Sequence[Subject], authors: Sequence[Subject],
         tags: Sequence[Subject], categories: Sequence[Subject]) -> Catalogue:
    """The site-wide feeds, then one feed per team, author, tag and category, each group by name."""
    site_name = xml_safe(settings.site_name)
    feeds = [
        _feed(settings, kind, "", label, f"{title} – {site_name}" if title else site_name,
              settings.site_subtitle if kind == "all" and settings.site_subtitle else subtitle, page_url)
        for kind, label, title, subtitle, page_url in SITE_FEEDS
    ]
    for kind, subjects in (("team", teams), ("author", authors), ("tag", tags), ("category", categories)):
        title, subtitle = TOPIC_FEEDS[kind]
        for subject in sorted(subjects, key=lambda s: (s.name.casefold(), s.slug)):
            if not subject.slug:
                continue  # a tag made only of characters a slug drops has no page either
            name = xml_safe(subject.name)
            feeds.append(_feed(settings, kind, subject.slug, name, f"{title.format(name=name)} – {site_name}",
                               subtitle.format(name=name), subject.page_url))
    return Catalogue(feeds, settings)


def _feed(settings: FeedSettings, kind: str, slug: str, label: str, title: str, subtitle: str, page_url: str) -> Feed:
    path = PATHS[kind].format(slug=slug)
    rss_path = path.removesuffix(".atom.xml") + ".rss.xml" if kind in settings.rss_kinds else None
    return Feed(kind, slug, label, title, subtitle, path, rss_path, page_url, settings.limit(kind))


def keys_of(entry: Entry) -> Iterator[tuple[str, str]]:
    """The keys of every feed that carries a post or weeknote."""
    yield ("all", "")
    if entry.kind == POST:
        yield ("posts", "")
    elif entry.kind == WEEKNOTE:
        yield ("weeknotes", "")
    if entry.team:
        yield ("team", entry.team)
    for slug in entry.author_slugs:
        yield ("author", slug)
    for slug in entry.tag_slugs:
        yield ("tag", slug)
    if entry.category:
        yield ("category", entry.category)


def fill(catalogue: Catalogue, notes: Iterable[Entry], digest: Sequence[Entry]) -> dict[tuple[str, str], list[Entry]]:
    """Each feed's entries, newest first, cut to its limit. One pass over the notes, whatever the number of feeds."""
    carried: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in newest_first(notes):
        for key in dict.fromkeys(keys_of(entry)):  # a tag given twice still carries the note once
            carried[key].append(entry)
    carried[("digest", "")] = newest_first(digest)
    return {feed.key: carried.get(feed.key, [])[: feed.limit] for feed in catalogue}
