"""What a feed carries: entries, with their people, links and categories.

These know nothing of Atom, RSS or Pelican; `render` writes them with
feedgen, and `pipeline.pelican.feeds` makes them from Pelican's articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.content.model import IsoWeek


@dataclass(frozen=True)
class Person:
    """An author as feeds show them: readers do not inherit the feed's author, so every entry names its own."""

    name: str
    uri: str  # the author's page


@dataclass(frozen=True)
class Link:
    href: str  # absolute
    rel: str = "alternate"  # alternate | enclosure | related | via
    type: str | None = None  # media type, like text/html
    length: int | None = None  # bytes, for enclosures

    def __post_init__(self):
        if self.rel == "enclosure" and (self.type is None or self.length is None):
            raise ValueError(f"enclosure {self.href} needs a media type and a length in bytes")


@dataclass(frozen=True)
class Category:
    term: str  # the tag's slug
    label: str  # the tag as written
    scheme: str  # where the tags live, like https://blog.example.gov.uk/tags/


@dataclass(frozen=True)
class Entry:
    """One post, weeknote or weekly digest, as every feed shows it."""

    id: str  # a tag: URI, see ids.py
    title: str  # plain text
    published: datetime  # aware, in the site's time zone
    updated: datetime
    summary: str  # HTML
    content: str  # HTML, every address absolute
    authors: tuple[Person, ...]
    links: tuple[Link, ...] = ()
    categories: tuple[Category, ...] = ()
    # Which feeds carry the entry:
    kind: str = ""  # post | weeknote | digest
    team: str | None = None
    week: IsoWeek | None = None
    author_slugs: tuple[str, ...] = ()
    tag_slugs: tuple[str, ...] = ()
    category: str | None = None  # the category's slug
    source: str = ""  # the file it came from, for messages

    def __post_init__(self):
        # feedgen raises on naive datetimes, deep inside a build; say which note at once.
        for name in ("published", "updated"):
            if getattr(self, name).tzinfo is None:
                raise ValueError(f"{self.source or self.id}: '{name}' has no time zone")

    @property
    def url(self) -> str | None:
        """The page the entry stands for, if it has one (a digest entry has none)."""
        return next((link.href for link in self.links if link.rel == "alternate"), None)


def newest_first(entries) -> list[Entry]:
    """Newest first; entries published at the same moment in ID order, so two builds agree."""
    return sorted(sorted(entries, key=lambda e: e.id), key=lambda e: e.published, reverse=True)
