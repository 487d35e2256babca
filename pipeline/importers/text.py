"""Reading source files, and the text work every format shares: dates, summaries, slugs, images."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time, timezone
from pathlib import Path

from pipeline.content.frontmatter import DocumentError, decode, parse
from pipeline.content.loader import display_path
from pipeline.content.model import slugify
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


def read_text(path: Path) -> str:
    """A source file's text: UTF-8, with a BOM and Windows line endings allowed."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{display_path(path)}: cannot read the file: {err.strerror}") from None
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
        doc = parse(text, path, display_path(path))
    except DocumentError as err:
        raise SourceError(_located(err)) from None
    return doc.meta, doc.body


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


def people(value) -> tuple[str, ...]:
    """Authors: a list of names or keys, or one ('author: Sam Lee' is one person, not two)."""
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


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
