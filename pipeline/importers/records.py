"""What every source format is read into: neutral records, and the errors of reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pipeline.errors import NotesError


class SourceError(NotesError):
    """A source that cannot be read at all: missing, not UTF-8, malformed XML, YAML or TOML (exit 2)."""


@dataclass(frozen=True)
class Person:
    """An author as the source names them: a login or key (may be empty) and a display name."""

    login: str
    name: str


@dataclass(frozen=True)
class Imported:
    """One note read from a source, before it is placed in content/.

    `date` is aware when the source gave an offset, naive when the note's
    time is in the site's time zone, and a plain date when there is no time.
    `urls` are the note's addresses on the old site (absolute or paths), and
    `id` is a feed entry ID to keep (a WordPress guid, or an explicit id).
    """

    source: str  # where it came from, for the report: a file, or a file and a WordPress item
    format: str
    title: str
    date: datetime | date
    authors: tuple[Person, ...]
    body: str  # Markdown
    summary: str
    summary_derived: bool = False  # True when taken from the first paragraph
    status: str = "published"
    tags: tuple[str, ...] = ()
    category: str | None = None
    slug: str = ""  # the slug on the old site, if it had one
    urls: tuple[str, ...] = ()
    id: str | None = None
    attention: tuple[str, ...] = ()  # what a person should look at: shortcodes, images without alt text…


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class Reading:
    """Everything read from the sources: notes, what was skipped, and what `auto` detected."""

    notes: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)  # source file -> format
