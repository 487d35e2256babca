"""The content model: notes (posts, weeknotes, pages), teams and authors."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from pipeline.content.frontmatter import Document

POST, WEEKNOTE, PAGE = "post", "weeknote", "page"


def slugify(text: str) -> str:
    """A title as a URL slug, as Pelican's default SLUG_REGEX_SUBSTITUTIONS make it."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO 8601 week, written 2026-W48 in files and 2026-w48 in URLs."""

    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Read '2026-W48' (any case); ValueError for a week that does not exist."""
        year, sep, week = text.upper().partition("-W")
        if not (sep and year.isdigit() and week.isdigit() and len(year) == 4 and len(week) == 2):
            raise ValueError(f"not an ISO week: {text}")
        date.fromisocalendar(int(year), int(week), 1)  # raises for week 53 of a 52-week year
        return cls(int(year), int(week))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def slug(self) -> str:
        return f"{self.year}-w{self.week:02d}"

    @property
    def label(self) -> str:
        return f"Week {self.week}, {self.year}"

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@dataclass(frozen=True)
class Photo:
    """An author's picture: a file in content/images/ and what it shows, for people who cannot see it."""

    file: str  # relative to content/, like images/jane-doe.jpg; the site serves it at the same path
    alt: str


@dataclass(frozen=True)
class Author:
    """A person who writes notes; the file's body is their bio."""

    slug: str
    name: str
    role: str
    doc: Document
    photo: Photo | None = None

    @property
    def source(self) -> str:
        return self.doc.source

    @property
    def bio(self) -> str:
        return self.doc.body


@dataclass(frozen=True)
class Team:
    """A team that publishes weeknotes; the file's body is its description."""

    slug: str
    name: str
    cadence: str
    due: str
    since: date
    members: tuple[str, ...]
    sections: tuple[str, ...]
    quiet: tuple[str, ...]
    doc: Document

    @property
    def source(self) -> str:
        return self.doc.source

    @property
    def description(self) -> str:
        return self.doc.body


@dataclass(frozen=True)
class Note:
    """A post, weeknote or page, with everything Pelican and the checks need."""

    kind: str
    source: str
    path: Path
    title: str
    date: datetime | None  # aware, in the site's time zone; pages have none
    authors: tuple[str, ...]
    summary: str
    slug: str
    status: str
    category: str | None
    tags: tuple[str, ...]
    team: str | None
    week: IsoWeek | None
    doc: Document
    id: str | None = None  # the feed entry ID from the front matter; feeds make one when it is None
    aliases: tuple[str, ...] = ()  # old addresses on this site that redirect to the note
    featured: bool = False  # a post shown at the top of the home page
    default_title: bool = False  # a weeknote titled "<Team> weeknote: week 48, 2026" because it has no title of its own

    @property
    def body(self) -> str:
        return self.doc.body
