"""Pelican: Markdown files that start with `Key: value` metadata lines, in the site's content folder.

    Title: Our roadmap for 2019
    Date: 2019-05-14 10:30
    Authors: Jane Doe; Sam Lee
    Tags: roadmap, open

Keys are case-insensitive; an indented line continues the value above, and
the first blank line ends the metadata. As Pelican does, a note without a
`Date:` takes its date (and perhaps its slug) from its file name through the
site's FILENAME_METADATA (by default `YYYY-MM-DD` at the start of the name),
and PATH_METADATA; dates are read as Pelican reads them (dateutil), and a
note without an author has the site's AUTHOR. The old address is the `URL`
metadata, else the site's ARTICLE_URL (`{slug}.html` by default). Pages
(in `pages/`) and reStructuredText files are skipped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as dateutil_parser

from pipeline.importers import addresses
from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import Imported, Skipped
from pipeline.importers.sites import PELICAN_DEFAULTS, SourceSite
from pipeline.importers.text import listed, parse_date, slug_of

FIELD = re.compile(r"([A-Za-z][\w-]*):\s*(.*)")


def metadata(text: str) -> tuple[dict[str, str], str]:
    """The `Key: value` lines at the top (keys lower-cased) and the body after them."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    key = None
    for number, line in enumerate(lines):
        if not line.strip():
            return meta, "\n".join(lines[number + 1:])
        field = FIELD.fullmatch(line)
        if field:
            key = field[1].lower()
            meta[key] = field[2].strip()
        elif key and line[:1] in " \t":
            meta[key] += " " + line.strip()
        else:
            return meta, "\n".join(lines[number:])
    return meta, ""


class Pelican(Flavour):
    name = "pelican"
    dialect = "pelican"
    summary_keys = ("summary",)

    def metadata(self, text: str, path: Path) -> tuple[dict, str]:
        return metadata(text)

    def skip(self, path: Path, meta: dict, site: SourceSite) -> str | None:
        if path.suffix == ".rst":
            return "reStructuredText: notes reads Markdown only; convert it with pandoc first"
        if "pages" in _relative(path, site).split("/")[:-1]:
            return "a Pelican page, not an article"
        return None

    def defaults(self, path: Path, site: SourceSite) -> dict:
        """What PATH_METADATA finds in the file's path from the content folder, as Pelican gives it."""
        pattern = site.values.get("PATH_METADATA") or ""
        match = _match(pattern, _relative(path, site))
        return {k: v for k, v in match.groupdict().items() if v} if match else {}

    def name_date(self, path: Path, site: SourceSite) -> tuple[date | None, str]:
        match = _match(site.values.get("FILENAME_METADATA") or PELICAN_DEFAULTS["FILENAME_METADATA"], path.stem)
        found = match.groupdict() if match else {}
        day = parse_date(found.get("date")) if found.get("date") else None
        return (day.date() if isinstance(day, datetime) else day), found.get("slug") or ""

    def date(self, value) -> datetime | date | None:
        """ISO 8601, else any date dateutil reads, as Pelican's get_date does ('14 May 2019 10:30')."""
        day = parse_date(value)
        if day is not None or not value:
            return day
        try:
            return dateutil_parser.parse(str(value), default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            return None

    def draft(self, path: Path, meta: dict) -> str | None:
        status = str(meta.get("status", "published")).lower()
        return f"{status} on the old Pelican site" if status in ("draft", "hidden") else None

    def slug(self, path, meta, rest, title, site) -> str:
        source = site.values.get("SLUGIFY_SOURCE") or "title"
        return rest or slug_of(path.stem if source == "basename" else title)

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        if meta.get("url"):
            return [site.base_path + addresses.rooted(str(meta["url"]))]
        pattern = str(site.values.get("ARTICLE_URL") or PELICAN_DEFAULTS["ARTICLE_URL"])
        return [site.base_path + addresses.python(pattern, values)]

    def tags(self, meta: dict, own: dict) -> tuple[str, ...]:
        return listed(meta.get("tags"))

    def default_author(self, site: SourceSite) -> object:
        return site.values.get("AUTHOR") or None


def _match(pattern: str, text: str) -> re.Match | None:
    try:
        return re.match(pattern, text) if pattern else None
    except re.error:
        return None


def _relative(path: Path, site: SourceSite) -> str:
    try:
        return path.resolve().relative_to((site.content or site.root).resolve()).as_posix()
    except ValueError:
        return path.name


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Pelican())
