"""What every source format is read into: neutral records, and the errors of reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import NotesError

if TYPE_CHECKING:
    from pipeline.importers.sites import SourceSite


class SourceError(NotesError):
    """A source that cannot be read at all: missing, not UTF-8, malformed XML, YAML or TOML (exit 2)."""


# What a person should look at after an import, as the report groups it (in this order).
MISSING = "Missing images and files"
TAG = "Template tags left out"
DRAFT = "Imported as drafts"
SUMMARY = "Summaries to check"
ALT = "Images without alt text"
EMBED = "Embedded media replaced by a link"
ADDRESS = "Old addresses without a redirect page"
OTHER = "Other things to check"
KINDS = (MISSING, TAG, DRAFT, SUMMARY, ALT, EMBED, ADDRESS, OTHER)


@dataclass(frozen=True)
class Notice:
    """One thing a person should look at; `line` is in the note's body (1-based) when it has a place."""

    kind: str
    text: str
    line: int | None = None


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
    The body may hold references to other notes (templates.ref), which the
    plan turns into their new addresses, and links to files of the old site,
    which the plan copies in (links.py).
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
    attention: tuple[Notice, ...] = ()  # what a person should look at: tags left out, images without alt text…
    origin: Path | None = None  # the source file, against which relative links are resolved
    site: SourceSite | None = None  # the old site, whose files the note's links may name
    keys: tuple[str, ...] = ()  # what other notes of the source call this one ({% post_url %}, {filename}, ref)
    converted: int = 0  # template tags turned into Markdown
    date_from: str = ""  # where the date came from, when not the source's own date field: "the file name"…


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class Reading:
    """Everything read from the sources: notes, what was skipped, and what was found out along the way."""

    notes: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)  # source file -> format
    files: int = 0  # files read (a WordPress export counts once)
    settings: list[str] = field(default_factory=list)  # what each source site's settings said, or that they fell back
