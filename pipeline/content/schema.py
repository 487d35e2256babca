"""The front-matter schema: which fields each kind of file has, and their types.

Each field names what it expects in words, and that text goes straight into
the error message, so a writer reads what to put instead of a type name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from pipeline.content import aliases
from pipeline.content.frontmatter import Document
from pipeline.content.model import Photo, slugify
from pipeline.findings import Finding, Level

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# ISO 8601 as writers type it: a date, optionally a time (with or without seconds), optionally an offset.
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PERIOD = re.compile(r"(\d{4})-(W\d{2}|\d{2})")


class Invalid(Exception):
    """A value of the wrong shape. `code` says which rule it breaks."""

    def __init__(self, code: str, received: str, index: int | None = None):
        super().__init__(received)
        self.code = code
        self.received = received
        self.index = index


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/true/false as a yes-or-no value; put text in quotes)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if value is None:
        return "nothing"
    return f"'{value}'"


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid("M102", _describe(value))
    return str(value).strip()


def term(value: Any) -> str:
    """A tag or category: text with letters or digits to make its address (/tags/<slug>/) from."""
    value = text(value)
    if value and not slugify(value):
        raise Invalid("M105", f"{_describe(value)}, which has no letters a-z or digits to make its web address from")
    return value


def slug(value: Any) -> str:
    value = text(value)
    if not SLUG.fullmatch(value):
        raise Invalid("M105", _describe(value))
    return value


def _listed(item: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    """A list of `item`; a single value is taken as a list of one."""

    def convert(value: Any) -> tuple:
        items = value if isinstance(value, list) else [value]
        out = []
        for index, one in enumerate(items):
            try:
                out.append(item(one))
            except Invalid as err:
                raise Invalid(err.code, err.received, index) from None
        return tuple(out)

    return convert


# Python's dates run from year 1 to 9999; a day inside each end keeps any time zone's offset inside them.
EARLIEST, LATEST = date(1, 1, 2), date(9999, 12, 30)


def timestamp(value: Any) -> datetime:
    """An ISO 8601 date or date and time; the time zone is applied later."""
    value = text(value)
    if not DATE.fullmatch(value):
        raise Invalid("M103", _describe(value))
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid("M103", f"'{value}', which is not a real date or time") from None
    if not EARLIEST <= stamp.date() <= LATEST:
        raise Invalid("M103", f"'{value}', which is outside the dates notes handles ({EARLIEST} to {LATEST})")
    return stamp


def day(value: Any) -> date:
    stamp = timestamp(value)
    if stamp.time() != datetime.min.time():
        raise Invalid("M103", _describe(value))
    return stamp.date()


def flag(value: Any) -> bool:
    """A yes-or-no value, as YAML writes it: true or false."""
    if not isinstance(value, bool):
        raise Invalid("M102", _describe(value))
    return value


PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def photo(value: Any) -> Photo:
    """`photo: {file: images/jane-doe.jpg, alt: Jane Doe in the office}`: a picture in content/images/ and its alt text."""
    if not isinstance(value, dict) or set(value) != {"file", "alt"}:
        raise Invalid("M102", _describe(value))
    file, alt = text(value["file"]), text(value["alt"])
    if not file.startswith("images/") or ".." in file.split("/") or not file.lower().endswith(PHOTO_SUFFIXES):
        raise Invalid("M105", f"file '{file}', which is not a .jpg, .jpeg, .png or .webp file in images/")
    if not alt:
        raise Invalid("M105", "an empty alt: say what the picture shows, for people who cannot see it")
    return Photo(file, alt)


def choice(*options: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        value = text(value).lower()
        if value not in options:
            raise Invalid("M105", _describe(value))
        return value

    return convert


def period(value: Any) -> str:
    """A period a team need not publish in: an ISO week (2026-W52) or a month (2026-12)."""
    value = text(value).upper()
    match = PERIOD.fullmatch(value)
    if not match:
        raise Invalid("M105", _describe(value))
    year, part = int(match[1]), match[2]
    try:
        if part.startswith("W"):
            date.fromisocalendar(year, int(part[1:]), 1)
        else:
            date(year, int(part), 1)
    except ValueError:
        raise Invalid("M105", f"'{value}', which is not a real week or month") from None
    return value


@dataclass(frozen=True)
class Field:
    name: str
    convert: Callable[[Any], Any]
    expected: str
    required: bool = False


Schema = dict[str, Field]


def schema(*fields: Field) -> Schema:
    return {f.name: f for f in fields}


_title = Field("title", text, "the title as text, at most 65 characters", required=True)
_date = Field("date", timestamp, "an ISO 8601 date like 2026-11-27 or 2026-11-27 09:30", required=True)
_authors = Field("authors", _listed(slug), "a list of author slugs like [jane-doe]", required=True)
_summary = Field("summary", text, "one or two sentences for listings and feeds", required=True)
_tags = Field("tags", _listed(term), "a list of tags like [roadmap, hiring]")
_status = Field("status", choice("draft", "published"), "draft or published")
_slug = Field("slug", slug, "lowercase words joined by hyphens, like why-we-blog")

# A feed entry ID is a URI: a scheme, a colon and no spaces (RFC 3986), usually a tag: URI (RFC 4151).
URI = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):[^\s\x00-\x1f\x7f-\x9f]+")
# Addresses that run script or hide what they hold, refused wherever a note gives an address (S103).
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")


def matching(pattern: re.Pattern) -> Callable[[Any], str]:
    """Text that `pattern` matches in full."""

    def convert(value: Any) -> str:
        value = text(value)
        if not pattern.fullmatch(value):
            raise Invalid("M105", _describe(value))
        return value

    return convert


def uri(value: Any) -> str:
    """Any URI but one that runs script: every front-matter field that holds an address is read by this."""
    value = text(value)
    match = URI.fullmatch(value)
    if not match:
        raise Invalid("M105", _describe(value))
    scheme = match["scheme"].lower()
    if scheme in SCRIPT_SCHEMES:
        raise Invalid("S103", f"{_describe(value)}, a {scheme}: address, which feed readers may run or follow")
    return value


def alias(value: Any) -> str:
    """A site-relative old address of the note, like /2019/05/our-roadmap/ (see aliases.py)."""
    value = text(value)
    if not aliases.is_alias(value):
        raise Invalid("M105", _describe(value))
    return value


_aliases = Field("aliases", _listed(alias), "a list of old addresses on this site, like [/2019/05/our-roadmap/]")
_id = Field("id", uri, "a URI that names the note in feeds for good, like tag:blog.example.gov.uk,2026-11-20:roadmap")


def lint_options(value: Any) -> tuple[str, ...]:
    """`lint: {ignore: [T101, T2]}`: rule codes or prefixes the linter skips in this file."""
    if not isinstance(value, dict) or set(value) - {"ignore"}:
        raise Invalid("M102", _describe(value))
    codes = value.get("ignore") or []
    codes = codes if isinstance(codes, list) else [codes]
    if not all(isinstance(c, str) and re.fullmatch(r"[A-Za-z]\d{0,3}", c) for c in codes):
        raise Invalid("M105", _describe(value.get("ignore")))
    return tuple(c.upper() for c in codes)


_lint = Field("lint", lint_options, "{ignore: [rule codes]} like {ignore: [T101]}")

# A BCP 47 language tag such as cy or en-GB: a note not in English gets no English-language tone rules.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_lang = Field("lang", matching(LANGUAGE), "a language tag like cy or en-GB")

# Cadence (docs/cadence.md): publishing during a freeze, and who reviewed a note.
_freeze_exempt = Field("freeze_exempt", text, "the reason the note may be published during a publishing freeze")
_reviewed_by = Field("reviewed_by", slug, "the slug of the person who reviewed the note, like jane-doe")

POST = schema(
    _lint, _lang, _title, _date, _authors, _summary, _tags, _status, _slug, _id, _aliases,
    Field("category", term, "a category name like leadership"),
    _freeze_exempt, _reviewed_by,
    Field("related", _listed(slug), "a list of post slugs like [why-we-blog]"),
    Field("featured", flag, "true to show the post at the top of the home page, or false"),
)
WEEKNOTE = schema(
    _lint, _lang, _date, _authors, _summary, _tags, _status, _id, _aliases,
    Field("title", text, "the title as text, at most 65 characters"),
    Field("team", slug, "the team slug, the same as the folder name"),
    _freeze_exempt, _reviewed_by,
)
PAGE = schema(_lint, _lang, _title, _status, _slug, Field("summary", text, "one or two sentences"))
TEAM = schema(
    Field("name", text, "the team's name as text", required=True),
    Field("cadence", choice("weekly", "fortnightly", "monthly"), "weekly, fortnightly or monthly", required=True),
    Field("due", choice(*WEEKDAYS), "a day of the week like friday", required=True),
    Field("since", day, "the date notes are expected from, like 2026-01-09", required=True),
    Field("members", _listed(slug), "a list of author slugs like [sam-lee]", required=True),
    Field("sections", _listed(text), "a list of headings like [What went well, What's next]"),
    Field("quiet", _listed(period), "a list of weeks or months like [2026-W52, 2027-01]"),
)
AUTHOR = schema(
    Field("name", text, "the person's name as text", required=True),
    Field("role", text, "their job title as text"),
    Field("photo", photo, "a picture and its alt text, like {file: images/jane-doe.jpg, alt: Jane Doe at her desk}"),
)


def validate(doc: Document, kind: str, fields: Schema) -> tuple[dict[str, Any], list[Finding]]:
    """Convert a document's front matter; report every field that does not fit."""
    values: dict[str, Any] = {}
    findings: list[Finding] = []
    for key, raw in doc.meta.items():
        spec = fields.get(str(key))
        if spec is None:
            line, col = doc.key_pos.get(str(key), (1, 1))
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(sorted(fields))}"
            findings.append(
                Finding(doc.source, line, col, "M104", f"unknown field '{key}' for a {kind}; {hint}", Level.WARNING)
            )
            continue
        try:
            value = spec.convert(raw)
        except Invalid as err:
            line, col = doc.where(spec.name, err.index)
            got = f"item {err.index + 1} is {err.received}" if err.index is not None else f"got {err.received}"
            findings.append(
                Finding(doc.source, line, col, err.code, f"'{spec.name}' must be {spec.expected}; {got}")
            )
            continue
        if spec.required and value in ("", ()):
            line, col = doc.where(spec.name)
            findings.append(
                Finding(doc.source, line, col, "M101", f"'{spec.name}' is empty; expected {spec.expected}")
            )
            continue
        values[spec.name] = value
    for spec in fields.values():
        if spec.required and spec.name not in doc.meta:
            findings.append(
                Finding(doc.source, 1, 1, "M101", f"missing required field '{spec.name}': {spec.expected}")
            )
    return values, findings
