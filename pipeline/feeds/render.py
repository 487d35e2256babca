"""Atom and RSS 2.0 with feedgen 1.0.0, and its known pitfalls worked around.

feedgen is pinned exactly (pyproject.toml) because of these, each tested in
tests/test_feeds_render.py:

1. `add_entry()` prepends by default, reversing the order entries are added
   in: every entry is added with `order="append"`, newest first.
2. The feed's `updated` (and RSS `lastBuildDate`) default to the wall clock,
   so two builds would differ: both are set to the newest entry's `updated`.
3. `content(type="CDATA")` writes an invalid `type="CDATA"` attribute: content
   and summary are written as escaped `type="html"`.
4. An Atom entry's `<link>` loses `rel`, `type` and `length` (feedgen reads
   them back from the element it has just made), so enclosures would turn into
   alternates: the `_CompleteLinks` entry extension writes the links again, whole.
   An RSS item takes the *last* alternate link given, and the RSS channel the
   last link of any kind, so the page is always given last.
5. Naive datetimes raise deep inside feedgen: `Entry` refuses them up front.
   RSS requires a channel `description`: every feed has a subtitle, which
   feedgen also writes as the description.
6. An RSS `<author>` must be an email address, which notes do not publish:
   authors go in `<dc:creator>`, and the `guid` (the entry's tag: URI) says
   `isPermaLink="false"`, which `FeedEntry.id()` sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.feeds.catalogue import Catalogue, Feed
from pipeline.feeds.model import Entry, Link

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
_LINKS = "notes_links"  # the name our entry extension is registered under


class _CompleteLinks(BaseEntryExtension):
    """Writes an Atom entry's links with every attribute (pitfall 4)."""

    def __init__(self):
        self.links: tuple[Link, ...] = ()

    def extend_atom(self, entry):
        for bare in entry.findall("link"):
            entry.remove(bare)
        for link in self.links:
            attributes = {"href": link.href, "rel": link.rel}
            if link.type:
                attributes["type"] = link.type
            if link.length is not None:
                attributes["length"] = str(link.length)
            etree.SubElement(entry, "link", attributes)
        return entry


class _EntryMadeOnce(FeedEntry):
    """A feedgen entry that builds its XML once, however many feeds carry it.

    A note is in eight feeds or so (site, kind, team, authors, tags,
    category), and feedgen builds an entry's elements afresh for each. This
    hands out the one element it made: appending it to the next feed's tree
    moves it there, which is safe because FeedRenderer serialises each feed
    before it builds the next, and carries an entry at most once per feed.
    """

    def __init__(self):
        super().__init__()
        self._made: dict[str, etree._Element] = {}

    def atom_entry(self, extensions=True):
        return self._once("atom", lambda: super(_EntryMadeOnce, self).atom_entry(extensions))

    def rss_entry(self, extensions=True):
        return self._once("rss", lambda: super(_EntryMadeOnce, self).rss_entry(extensions))

    def _once(self, kind, make):
        if kind not in self._made:
            self._made[kind] = make()
        return self._made[kind]


class FeedRenderer:
    """Writes feeds of one catalogue; each entry is made into a feedgen entry once, whatever the number of feeds."""

    def __init__(self, catalogue: Catalogue, quiet_updated: datetime):
        """`quiet_updated` dates a feed with no entries: the newest date on the site, never the clock."""
        self._catalogue = catalogue
        self._quiet_updated = quiet_updated
        self._made: dict[str, FeedEntry] = {}

    def atom(self, feed: Feed, entries: Sequence[Entry]) -> bytes:
        generator = self._generator(feed, entries, feed.path, ATOM_TYPE)
        return generator.atom_str(pretty=True)

    def rss(self, feed: Feed, entries: Sequence[Entry]) -> bytes:
        if feed.rss_path is None:
            raise ValueError(f"{feed.path} has no RSS twin: NOTES_FEED_RSS does not name '{feed.kind}'")
        generator = self._generator(feed, entries, feed.rss_path, RSS_TYPE)
        return generator.rss_str(pretty=True)

    def _generator(self, feed: Feed, entries: Sequence[Entry], self_path: str, media_type: str) -> FeedGenerator:
        settings = self._catalogue.settings
        generator = FeedGenerator()
        if media_type == RSS_TYPE:
            # Declares xmlns:dc once on <rss> for the entries' <dc:creator>; Atom has real authors.
            # (register_extension, not load_extension: that one tries an import that fails, for every entry.)
            generator.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
        generator.id(self._catalogue.absolute(feed.path))
        generator.title(feed.title)
        generator.subtitle(feed.subtitle)  # also the RSS description, which RSS requires (pitfall 5)
        # The RSS channel's <link> is the last link given, whatever its rel (pitfall 4): the page goes last.
        generator.link(href=self._catalogue.absolute(self_path), rel="self", type=media_type)
        generator.link(href=self._catalogue.absolute(feed.page_url), rel="alternate", type="text/html")
        generator.language(settings.language)
        # Never the clock (pitfall 2): the newest entry, so that the same content gives the same bytes.
        generator.updated(max((e.updated for e in entries), default=self._quiet_updated))
        for entry in entries:
            generator.add_entry(self._feed_entry(entry), order="append")  # pitfall 1
        return generator

    def _feed_entry(self, entry: Entry) -> FeedEntry:
        made = self._made.get(entry.id)
        if made is None:
            made = self._made[entry.id] = _make_feed_entry(entry)
        return made


def _make_feed_entry(entry: Entry) -> FeedEntry:
    made = _EntryMadeOnce()
    made.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    made.register_extension(_LINKS, _CompleteLinks, atom=True, rss=False)
    made.id(entry.id)  # also the RSS guid, with isPermaLink="false"
    made.title(entry.title)
    made.published(entry.published)
    made.updated(entry.updated)
    made.author([{"name": person.name, "uri": person.uri} for person in entry.authors])
    made.dc.dc_creator([person.name for person in entry.authors])  # pitfall 6
    made.content(entry.content, type="html")  # pitfall 3
    if entry.summary:
        made.summary(entry.summary, type="html")  # also the RSS description
    # RSS keeps the last alternate link it was given (pitfall 4): the page goes last.
    ordered = sorted(entry.links, key=lambda link: link.rel == "alternate")
    if ordered:
        made.link([_link_fields(link) for link in ordered])
    getattr(made, _LINKS).links = entry.links
    if entry.categories:
        made.category([{"term": c.term, "label": c.label, "scheme": c.scheme} for c in entry.categories])
    return made


def _link_fields(link: Link) -> dict:
    fields = {"href": link.href, "rel": link.rel}
    if link.type:
        fields["type"] = link.type
    if link.length is not None:
        fields["length"] = str(link.length)
    return fields
