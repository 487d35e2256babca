"""Pelican: Markdown files that start with `Key: value` metadata lines.

    Title: Our roadmap for 2019
    Date: 2019-05-14 10:30
    Authors: Jane Doe; Sam Lee
    Tags: roadmap, open

Keys are case-insensitive; an indented line continues the value above, and
the first blank line ends the metadata. The old address is the `URL`
metadata, else Pelican's default ARTICLE_URL, `/{slug}.html`. `Modified` is
not kept: a note is dated once. reStructuredText files are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.importers.records import Imported, Person, Skipped
from pipeline.importers.text import feed_id, images_without_alt, listed, parse_date, read_text, slug_of, summary_from

FIELD = re.compile(r"([A-Za-z][\w-]*):\s*(.*)")
# Pelican's links to other files, {filename}/posts/x.md, {static}/images/y.png (and the older |filename|).
INTERNAL_LINK = re.compile(r"[{|](filename|static|attach|index|tag|category|author)[}|]([^)\s\"']*)")
STATUSES = {"draft": "draft", "hidden": "draft", "published": "published"}


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


def read(path: Path) -> Imported | Skipped:
    if path.suffix == ".rst":
        return Skipped(display_path(path), "reStructuredText: notes reads Markdown only; convert it with pandoc first")
    meta, body = metadata(read_text(path))
    title = meta.get("title", "")
    if not title:
        return Skipped(display_path(path), "it has no 'Title:' line")
    day = parse_date(meta.get("date"))
    if day is None:
        return Skipped(display_path(path), f"its date '{meta.get('date', '')}' is missing or not ISO 8601")
    slug = meta.get("slug") or slug_of(title)
    status = meta.get("status", "published").lower()
    summary = " ".join(meta.get("summary", "").split())
    explicit_id = meta.get("id", "")
    attention = [f"Pelican link {{{kind}}}{target}: point it at the note's new address"
                 for kind, target in dict.fromkeys(INTERNAL_LINK.findall(body))]
    attention += [f"image without alt text: {src}" for src in images_without_alt(body)]
    if status not in ("draft", "published"):
        attention.append(f"Pelican status '{status}': imported as {STATUSES.get(status, 'published')}")
    entry_id = feed_id(explicit_id, attention)
    names = meta.get("authors") or meta.get("author") or ""
    names = names.split(";" if ";" in names else ",")  # as Pelican splits them
    return Imported(
        source=display_path(path),
        format="pelican",
        title=title,
        date=day,
        authors=tuple(Person(name.strip(), name.strip()) for name in names if name.strip()),
        body=body,
        summary=summary or summary_from(body),
        summary_derived=not summary,
        status=STATUSES.get(status, "published"),
        tags=listed(meta.get("tags")),
        category=meta.get("category") or None,
        slug=slug,
        urls=("/" + (meta.get("url") or f"{slug}.html").lstrip("/"),),
        id=entry_id,
        attention=tuple(attention),
    )
