"""Reading source files, and the text work every format shares: dates, summaries, slugs, bylines, images.

Source files obey the limits notes themselves do: none over 4 MB is read, and
front matter whose YAML aliases would expand past 4 MB is refused before any
value is used, so a kilobyte of aliases cannot become a 400 MB note.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime, time, timezone
from pathlib import Path

from pipeline.content.frontmatter import MAX_BYTES, DocumentError, decode, parse
from pipeline.content.loader import display_path
from pipeline.content.model import IsoWeek, slugify
from pipeline.content.schema import URI
from pipeline.importers.records import SourceError

# Dates as the source formats write them (Jekyll, Hugo, Pelican, WordPress):
#   2019-05-14                          a day
#   2019-05-14 09:30, 2019-05-14 09:30:15   a time in the site's time zone
#   2019-05-14 09:30:00 +0100, 2019-05-14T09:30:00+01:00, 2019-05-14T08:30:00Z   a time with its offset
#   2019-05-14 09:30:00.123 +01:00      fractions of a second are dropped
DATE_TEXT = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
TOML_FRONT_MATTER = re.compile(r"\+\+\+\n(.*?)^\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
# Markdown images with no alt text, ![](src), and HTML <img> tags without an alt attribute.
NO_ALT_MARKDOWN = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMG_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]+\"|'[^']+'|[^\s\"'>]+)", re.IGNORECASE)
IMG_SRC = re.compile(r"\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
# A paragraph worth using as a summary is plain text: not a heading, list, quote, table, image, code, HTML or template tag.
NOT_PROSE = re.compile(r"\s*(?:[#>|!<*+-]|\d+[.)]\s|```|~~~|\{[{%<]|\[\w+[^\]]*\]\s*$)")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SUMMARY_WORDS = 50  # the contract's longest summary (T506)


class Refused(Exception):
    """A source file notes will not import, for the reason given: it is skipped and reported."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_text(path: Path) -> str:
    """A source file's text: UTF-8, with a BOM and Windows line endings allowed; none over 4 MB."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never more than a note may be, however big the file
    except OSError as err:
        raise SourceError(f"{display_path(path)}: cannot read the file: {err.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise Refused(f"it is larger than the {MAX_BYTES // (1024 * 1024)} MB a note may be")
    try:
        return decode(raw, display_path(path))
    except DocumentError as err:
        raise SourceError(_located(err)) from None


def front_matter(text: str, path: Path) -> tuple[dict, str]:
    """YAML front matter between '---' lines, or TOML between '+++' lines, and the body."""
    if text.startswith("+++"):
        match = TOML_FRONT_MATTER.match(text)
        if not match:
            raise SourceError(
                f"{display_path(path)}: TOML front matter is not closed: add a line '+++' after the last field")
        try:
            return tomllib.loads(match[1]), text[match.end():]
        except tomllib.TOMLDecodeError as err:
            raise SourceError(f"{display_path(path)}: front matter is not valid TOML: {err}") from None
    try:
        doc = parse(text, path, display_path(path), aliases=True)  # bounded below
    except DocumentError as err:
        raise SourceError(_located(err)) from None
    if expanded_size(doc.meta) > MAX_BYTES:
        raise Refused(f"its front matter's YAML aliases expand to more than the {MAX_BYTES // (1024 * 1024)} MB "
                      "a note may be")
    return doc.meta, doc.body


def json_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """Front matter written as JSON between '---json' and '---' lines (Eleventy), and the body."""
    head, separator, body = text.split("\n", 1)[1].partition("\n---")
    try:
        values = json.loads(head)
    except json.JSONDecodeError as err:
        raise SourceError(f"{display_path(path)}:{err.lineno + 1}:{err.colno}: front matter is not valid JSON: "
                          f"{err.msg}") from None
    if not separator or not isinstance(values, dict):
        raise SourceError(f"{display_path(path)}: front matter after '---json' must be a JSON object closed by '---'")
    return values, body.split("\n", 1)[1] if "\n" in body else ""


def expanded_size(value, budget: int = MAX_BYTES) -> int:
    """About how many characters `value` takes written out, with YAML aliases expanded; past `budget`, budget + 1.

    A YAML alias is the same object as its anchor, so each object is counted
    once (by id) and then reused: linear in the document, however many times
    it repeats. An object that contains itself counts as too big.
    """
    sizes: dict[int, int] = {}

    def size(item) -> int:
        key = id(item)
        if key in sizes:
            return sizes[key]
        sizes[key] = budget + 1  # until counted: an object met again inside itself is too big
        if isinstance(item, dict):
            total = 1 + sum(size(k) + size(v) for k, v in item.items())
        elif isinstance(item, (list, tuple)):
            total = 1 + sum(size(v) for v in item)
        else:
            total = len(item) if isinstance(item, str) else 1
        sizes[key] = min(total, budget + 1)
        return sizes[key]

    return size(value)


def _located(err: DocumentError) -> str:
    finding = err.finding
    return f"{finding.path}:{finding.line}:{finding.col}: {finding.message}"


def parse_date(value) -> datetime | date | None:
    """A source's date as a datetime (aware if it had an offset), a date, or None if unreadable."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return value
    if isinstance(value, time) or value is None:
        return None
    match = DATE_TEXT.fullmatch(str(value).strip())
    if not match:
        return None
    try:
        day = date.fromisoformat(match["day"])
        if not match["time"]:
            return day
        moment = datetime.combine(day, time.fromisoformat(match["time"].zfill(5 if match["time"].count(":") == 1 else 8)))
    except ValueError:
        return None
    zone = match["zone"]
    if zone:
        zone = "+00:00" if zone == "Z" else zone
        offset = datetime.strptime(zone.replace(":", ""), "%z").tzinfo
        moment = moment.replace(tzinfo=offset)
    return moment


def utc(text: str) -> datetime | None:
    """A WordPress GMT date, '0000-00-00 00:00:00' for drafts that were never published."""
    moment = parse_date(text)
    return moment.replace(tzinfo=timezone.utc) if isinstance(moment, datetime) else None


def slug_of(text: str) -> str:
    """A slug the content contract accepts: lowercase ASCII words joined by single hyphens."""
    return re.sub(r"[-_]+", "-", slugify(text)).strip("-")


def summary_from(body: str) -> str:
    """The first plain paragraph, as plain text, cut after the sentence that reaches 50 words."""
    for block in re.split(r"\n\s*\n", body):
        if not block.strip() or NOT_PROSE.match(block):
            continue
        text = " ".join(LINK.sub(r"\1", block).split())
        kept: list[str] = []
        for sentence in SENTENCE_END.split(text):
            if kept and len(" ".join([*kept, sentence]).split()) > SUMMARY_WORDS:
                break
            kept.append(sentence)
        return " ".join(kept)
    return ""


def images_without_alt(body: str) -> list[str]:
    """The sources of images that have no alt text, in Markdown or HTML."""
    found = [m[1] for m in NO_ALT_MARKDOWN.finditer(body)]
    for tag in IMG_TAG.findall(body):
        if not IMG_ALT.search(tag):
            src = IMG_SRC.search(tag)
            found.append(src[1] if src else "an image")
    return found


# Between the names of a byline: "Owain, Samantha, Lucinda and Laura", "Sam & Priya", "Jane Doe; Sam Lee".
BYLINE_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b)\s*(?:and\b\s*)?", re.IGNORECASE)


def people(value) -> tuple[str, ...]:
    """Authors: a list of names or keys, or a byline ('Owain, Samantha and Laura' is three people)."""
    items = value if isinstance(value, list) else [value] if value else []
    items = [item.get("name", "") if isinstance(item, dict) else item for item in items]  # {name: …, url: …}
    names = [name for item in items for name in BYLINE_SEPARATOR.split(str(item))]
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


# The start of a summary or body that stands in for text nobody wrote yet:
#   "TODO Put a broad summary here", "TBC", "todo: write this", "Lorem ipsum dolor"    placeholders
#   "Todo lists that work", "Placeholders in forms confuse people"                    not
PLACEHOLDER = re.compile(
    r"\W*(?:(?:TODO|TBC|TBD|TK|FIXME|XXX|WIP)\b|(?i:todo|tbc|tbd)\s*(?:[:.!-]|$)|(?i:lorem ipsum|placeholder text)\b)")
PLACEHOLDER_BODY_WORDS = 50  # a longer body that starts "TODO" is a note with a to-do list in it


def placeholder(text: str, *, body: bool = False) -> bool:
    """Whether `text` (a summary, or with `body` a note's body) is empty or a placeholder like 'TODO…'."""
    text = text.strip()
    if not text:
        return True
    return bool(PLACEHOLDER.match(text)) and (not body or len(text.split()) <= PLACEHOLDER_BODY_WORDS)


# A Markdown heading of level 1 on the body's first line that has text: a title written in the body.
FIRST_HEADING = re.compile(r"\s*#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|$)")


def heading_title(body: str) -> tuple[str, str]:
    """The title of a body that starts with a '# Title' heading, and the body without it; else ('', body)."""
    match = FIRST_HEADING.match(body)
    return (match["title"], body[match.end():].lstrip("\n")) if match else ("", body)


# Dates in file names: 2019-06-03.md, 2019-06-03-slug.md, 2019-06-03_slug.md (Lume), 2019-W23.md (an ISO week).
NAME_DATE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})(?:[-_](?P<rest>.+))?")
NAME_WEEK = re.compile(r"(?P<week>\d{4}-W\d{2})(?:[-_](?P<rest>.+))?", re.IGNORECASE)


def name_date(stem: str) -> tuple[date | None, str]:
    """The date a file name starts with (an ISO week is its Monday) and the rest of the name; else (None, stem)."""
    match = NAME_DATE.fullmatch(stem)
    if match:
        try:
            return date.fromisoformat(match["day"]), match["rest"] or ""
        except ValueError:
            return None, stem
    match = NAME_WEEK.fullmatch(stem)
    if match:
        try:
            return IsoWeek.parse(match["week"].upper()).monday, match["rest"] or ""
        except ValueError:
            return None, stem
    return None, stem


def listed(value) -> tuple[str, ...]:
    """Tags or categories: a list, or one string (Jekyll allows 'a b c', Pelican 'a, b, c')."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*,\s*" if "," in str(value) else r"\s+", str(value))
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def feed_id(explicit: str, attention: list[str]) -> str | None:
    """The source's own `id`, kept as the feed entry ID when it is a URI; otherwise noted in `attention`."""
    if explicit and not URI.fullmatch(explicit):
        attention.append(f"id '{explicit}' is not a URI: feeds give the note a new ID")
    return explicit if URI.fullmatch(explicit) else None
