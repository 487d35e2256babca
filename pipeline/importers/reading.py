"""Reading one Markdown note of any generator: the steps every format shares, and a Flavour for each one's ways.

    1. the file's metadata: YAML or TOML front matter, or Pelican's 'Key: value' lines
    2. the generator's defaults beneath it (Jekyll's defaults, Eleventy's and Lume's data files)
    3. date: the field --date-field names, else the format's date field, else the date in the file name,
       else the note is skipped with the option that would help
    4. title: the title field, else a '# Heading' the body starts with, else the file name as words
    5. authors: every name of a byline ("Owain, Samantha and Laura"), else the site's default author
    6. summary and status: a placeholder summary or body ("TODO…", empty) makes the note a draft
    7. old addresses: the generator's permalink, its aliases, and --old-url
    8. the body: template tags (templates.py), scripts and frames (left out or made links), images without alt

`--field NOTE=SOURCE` (and --date-field) names the source's field for one of
FIELDS; the format's own names are tried after it. Each step's outcome that a
person should check becomes a Notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.content.loader import display_path
from pipeline.importers import addresses
from pipeline.importers.records import ADDRESS, ALT, DRAFT, EMBED, OTHER, Imported, Notice, Person, Skipped
from pipeline.importers.sites import SourceSite
from pipeline.importers.templates import convert, outside_code
from pipeline.importers.text import (
    feed_id,
    front_matter,
    heading_title,
    images_without_alt,
    listed,
    name_date,
    parse_date,
    people,
    placeholder,
    Refused,
    json_front_matter,
    read_text,
    summary_from,
)

FIELDS = ("title", "date", "authors", "summary", "tags", "category", "slug")
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
FRAME = re.compile(r"<(iframe|object|embed)\b([^>]*)>(?:.*?</\1\s*>)?", re.IGNORECASE | re.DOTALL)
SOURCE_ATTRIBUTE = re.compile(r"\b(?:src|data)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
FRONT_MATTER_LANGUAGE = re.compile(r"---(json|js|javascript)[ \t]*\n")


@dataclass(frozen=True)
class Options:
    """What the command line says about reading: field names, an old-address pattern, and the notes site."""

    fields: dict[str, str] = field(default_factory=dict)  # note field -> the source's field (--field, --date-field)
    old_url: str | None = None  # --old-url
    stop: Path | None = None  # the notes site's folder: no source settings are looked for there or above
    timezone: str | None = None  # the notes site's TIMEZONE


class Flavour:
    """One generator's ways; each source module subclasses it."""

    name = ""
    dialect = "liquid"
    date_keys: tuple[str, ...] = ("date",)
    summary_keys: tuple[str, ...] = ("summary", "description", "excerpt")
    lower_keys = False  # Hugo's keys are case-insensitive

    def metadata(self, text: str, path: Path) -> tuple[dict, str]:
        """Front matter and body; a file without front matter is all body (Eleventy, Lume and plain Markdown allow it).

        Eleventy also reads front matter written as JSON (`---json`), which is
        read here, and as JavaScript (`---js`), which is never run.
        """
        language = FRONT_MATTER_LANGUAGE.match(text)
        if language and language[1] == "json":
            return json_front_matter(text, path)
        if language:
            raise Refused(f"its front matter is {language[1]} code (---{language[1]}), which notes does not run: "
                          "write it as YAML")
        return front_matter(text, path) if text.startswith(("---", "+++")) else ({}, text)

    def prepare(self, path: Path, body: str) -> tuple[str, str, list[Notice]]:
        """The body as Markdown, a summary it marks (Hugo's <!--more-->), and what a person should know of it."""
        return body, "", []

    def date(self, value) -> datetime | date | None:
        return parse_date(value)

    def defaults(self, path: Path, site: SourceSite) -> dict:
        """Values the generator gives a note unless its own metadata says otherwise."""
        return {}

    def skip(self, path: Path, meta: dict, site: SourceSite) -> str | None:
        """Why this file is not a note, if it is not one."""
        return None

    def name_date(self, path: Path, site: SourceSite) -> tuple[date | None, str]:
        """The date the file name gives, and the rest of the name."""
        return name_date(path.stem)

    def name_date_source(self, path: Path) -> str:
        """Where name_date found the date, for the report."""
        return "the file name"

    def draft(self, path: Path, meta: dict) -> str | None:
        """Why the note was not published on the old site, if it was not."""
        return f"a draft on the old {self.name.capitalize()} site" if meta.get("draft") is True else None

    def slug(self, path: Path, meta: dict, rest: str, title: str, site: SourceSite) -> str:
        return rest or path.stem

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        """The note's addresses on the old site; ValueError names a pattern notes cannot fill."""
        return []

    def keys(self, path: Path, site: SourceSite) -> tuple[str, ...]:
        """What other notes call this one in their references: its path from the content folder."""
        relative = _relative(path, site.content or site.root)
        return (relative, relative.rsplit(".", 1)[0], path.stem) if relative else (path.stem,)

    def tags(self, meta: dict, own: dict) -> tuple[str, ...]:
        return listed(meta.get("tags"))

    def person(self, name: str, site: SourceSite) -> Person:
        return Person(name, name)

    def default_author(self, site: SourceSite) -> object:
        return None


class Fields:
    """Which of a source's fields fills each field of a note: --field first, then the format's own names."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping

    def value(self, meta: dict, name: str, defaults: tuple[str, ...]):
        for key in ([self.mapping[name]] if name in self.mapping else []) + list(defaults):
            if meta.get(key) not in (None, ""):
                return meta[key]
        return None


def read(path: Path, site: SourceSite, options: Options, flavour: Flavour) -> Imported | Skipped:
    source = display_path(path)
    meta, body = flavour.metadata(read_text(path), path)
    if flavour.lower_keys:
        meta = {str(k).lower(): v for k, v in meta.items()}
    own, meta = meta, {**flavour.defaults(path, site), **meta}
    reason = flavour.skip(path, meta, site)
    if reason:
        return Skipped(source, reason)
    fields = Fields(options.fields)
    body = body.lstrip("\n")

    body, marked_summary, notices = flavour.prepare(path, body)
    day_from_name, rest = flavour.name_date(path, site)
    day, dated_by = _date(path, site, meta, fields, options, flavour, day_from_name)
    if day is None:
        return Skipped(source, dated_by)  # why it has no date

    title = str(fields.value(meta, "title", ("title",)) or "").strip()
    if not title:
        title, body = heading_title(body)
    if not title and not re.fullmatch(r"[\d_-]*", rest or path.stem):
        title = re.sub(r"[-_]+", " ", rest or path.stem).strip().capitalize()

    names = people(fields.value(meta, "authors", ("authors", "author")) or flavour.default_author(site))
    summary = " ".join(str(fields.value(meta, "summary", flavour.summary_keys) or "").split())
    status, unfinished = _status(flavour.draft(path, meta), summary, body, notices)
    if summary and placeholder(summary):
        summary = ""

    slug = str(fields.value(meta, "slug", ("slug",)) or flavour.slug(path, meta, rest, title, site))
    if name_date(slug)[0] is not None and not name_date(slug)[1]:
        slug = ""  # a file named by its date alone (2023-01-13.md): the new address has the date, the title names it
    categories = listed(fields.value(meta, "category", ("categories", "category")))
    tags = listed(fields.value(own, "tags", ())) if "tags" in options.fields else flavour.tags(meta, own)
    values = addresses.Values(addresses.moment(day), slug, title, path.stem, _stem_path(path, site),
                              _section(path, site), categories)
    urls: list[str] = []
    try:
        urls += flavour.addresses(path, meta, site, values)
    except ValueError as err:
        notices.append(Notice(ADDRESS, f"its old address comes from a pattern with {err}, which notes cannot fill: "
                                       "add the address to aliases by hand, or give --old-url"))
    if options.old_url:
        urls.append(addresses.python(options.old_url, values))

    here = _relative(path.parent, site.content or site.root)
    converted = convert(body, flavour.dialect, here)
    body, embedded = _embeds(converted.body)
    notices += converted.notices + embedded
    notices += [Notice(ALT, f"image without alt text: {src}") for src in images_without_alt(body)]
    explicit_id = str(meta.get("id") or "")
    id_notes: list[str] = []
    entry_id = feed_id(explicit_id, id_notes)
    notices += [Notice(OTHER, text) for text in id_notes]
    return Imported(
        source=source, format=flavour.name, title=title, date=day,
        authors=tuple(flavour.person(name, site) for name in names), body=body,
        summary=summary or " ".join(marked_summary.split()) or ("" if unfinished else summary_from(body)),
        summary_derived=not summary,
        status=status,
        tags=tuple(t for t in tags + categories[1:]), category=categories[0] if categories else None,
        slug=slug, urls=tuple(dict.fromkeys(urls)), id=entry_id, attention=tuple(notices), origin=path, site=site,
        keys=flavour.keys(path, site), converted=converted.converted, date_from=dated_by,
    )


def _date(path: Path, site: SourceSite, meta: dict, fields: Fields, options: Options, flavour: Flavour,
          day_from_name: date | None) -> tuple[datetime | date | None, str]:
    """The note's date and, when it is not from the date field, where it is from; or None and why it has none."""
    written = fields.value(meta, "date", flavour.date_keys)
    day = _moment(flavour.date(written), site, options)
    if day is not None:
        return day, ""
    if day_from_name is not None:
        return day_from_name, flavour.name_date_source(path) + (
            f" ('{written}' is not a date notes can read)" if written else "")
    name = options.fields.get("date") or flavour.date_keys[0]
    found = f"its '{name}' is '{written}', which is not a date" if written else f"it has no '{name}'"
    return None, (f"{found}, and its file name has none: give --date-field NAME if another field holds its date, "
                  "or name the file YYYY-MM-DD-slug.md")


def _status(unpublished: str | None, summary: str, body: str, notices: list[Notice]) -> tuple[str, bool]:
    """'draft' for a note not published on the old site, or unfinished (a placeholder summary, or a text empty
    or only a placeholder), with a notice saying why; and whether its text is unfinished."""
    reasons = [unpublished] if unpublished else []
    if summary and placeholder(summary):
        reasons.append(f"its summary is a placeholder ('{summary[:40]}…')")
    unfinished_text = placeholder(body, body=True)
    if unfinished_text:
        reasons.append("its text is " + ("empty" if not body.strip() else f"a placeholder ('{body.strip()[:40]}…')"))
    if reasons:
        notices.append(Notice(DRAFT, "; ".join(reasons) + (": imported as a draft" if reasons != [unpublished] else "")))
    return ("draft" if reasons else "published"), unfinished_text


def _moment(moment: datetime | date | None, site: SourceSite, options: Options) -> datetime | date | None:
    """A time without an offset is in the old site's time zone: given that zone's offset when it is not this site's."""
    zone = site.values.get("timezone") or site.values.get("TIMEZONE")
    if not isinstance(moment, datetime) or moment.tzinfo is not None or not zone or zone == options.timezone:
        return moment
    try:
        offset = moment.replace(tzinfo=ZoneInfo(str(zone))).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return moment
    return moment.replace(tzinfo=timezone(offset))


def _embeds(body: str) -> tuple[str, list[Notice]]:
    """Scripts left out and frames made links, outside code: neither may be in a note (S101), and pages strip them."""
    notices: list[Notice] = []

    def change(text: str, first_line: int) -> str:
        def script(match: re.Match) -> str:
            source = SOURCE_ATTRIBUTE.search(match[0])
            where = f" from {urlsplit(source[1]).hostname or source[1]}" if source else ""
            notices.append(Notice(EMBED, f"a script{where} left out", first_line + text.count("\n", 0, match.start())))
            return ""

        def frame(match: re.Match) -> str:
            source = SOURCE_ATTRIBUTE.search(match[2])
            line = first_line + text.count("\n", 0, match.start())
            if not source:
                notices.append(Notice(EMBED, f"an <{match[1].lower()}> with no address left out", line))
                return ""
            notices.append(Notice(EMBED, f"embedded content replaced by a link: {source[1]}", line))
            return f"[Embedded content from {urlsplit(source[1]).hostname or 'this site'}]({source[1]})"

        return FRAME.sub(frame, SCRIPT.sub(script, text))

    return outside_code(body, change), notices


def _relative(path: Path, folder: Path) -> str:
    try:
        relative = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative


def _stem_path(path: Path, site: SourceSite) -> str:
    relative = _relative(path, site.content or site.root) or path.name
    return relative.rsplit(".", 1)[0]


def _section(path: Path, site: SourceSite) -> str:
    relative = _relative(path, site.content or site.root)
    return relative.split("/", 1)[0] if "/" in relative else ""

