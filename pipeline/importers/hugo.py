"""Hugo: Markdown files with YAML (`---`) or TOML (`+++`) front matter.

The old address of a page is its `url`, else `/<section>/<slug>/` when the
file sits in a Hugo `content/<section>/` folder (Hugo's default permalinks),
plus its `aliases`. A page bundle (`<slug>/index.md`) is named by its folder.
`lastmod` is not kept: a note is dated once, and feeds date entries by it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.importers.records import Imported, Person, Skipped
from pipeline.importers.text import (
    feed_id,
    front_matter,
    images_without_alt,
    listed,
    parse_date,
    people,
    read_text,
    summary_from,
)

# Hugo shortcodes, {{< name … >}} and {{% name … %}}, which Python-Markdown would print as text.
SHORTCODE = re.compile(r"\{\{[<%]\s*/?\s*([\w-]+)[^}]*[>%]\}\}")
MORE = re.compile(r"\n\s*<!--\s*more\s*-->\s*\n")  # Hugo's manual summary divider


def read(path: Path) -> Imported | Skipped:
    if path.stem == "_index":
        return Skipped(display_path(path), "a Hugo section's list page (_index.md), not a post")
    meta, body = front_matter(read_text(path), path)
    meta = {str(key).lower(): value for key, value in meta.items()}  # Hugo's keys are case-insensitive
    title = str(meta.get("title") or "").strip()
    if not title:
        return Skipped(display_path(path), "it has no title")
    day = parse_date(meta.get("date") or meta.get("publishdate"))
    if day is None:
        return Skipped(display_path(path), "it has no date, or one that is not ISO 8601")
    slug = str(meta.get("slug") or (path.parent.name if path.stem == "index" else path.stem))
    summary = " ".join(str(meta.get("summary") or meta.get("description") or "").split())
    derived = not summary
    if derived and MORE.search(body):
        summary = " ".join(MORE.split(body, 1)[0].split())
    body = MORE.sub("\n\n", body)
    categories = listed(meta.get("categories"))
    explicit_id = str(meta.get("id") or "")
    attention = [f"Hugo shortcode {{{{< {name} >}}}}: rewrite it in Markdown or remove it"
                 for name in dict.fromkeys(SHORTCODE.findall(body))]
    attention += [f"image without alt text: {src}" for src in images_without_alt(body)]
    entry_id = feed_id(explicit_id, attention)
    return Imported(
        source=display_path(path),
        format="hugo",
        title=title,
        date=day,
        authors=tuple(Person(a, a) for a in people(meta.get("authors") or meta.get("author"))),
        body=body,
        summary=summary or summary_from(body),
        summary_derived=derived,
        status="draft" if meta.get("draft") is True else "published",
        tags=tuple(listed(meta.get("tags")) + categories[1:]),
        category=categories[0] if categories else None,
        slug=slug,
        urls=(*_address(path, meta, slug), *(_rooted(a) for a in listed(meta.get("aliases")))),
        id=entry_id,
        attention=tuple(attention),
    )


def _address(path: Path, meta: dict, slug: str) -> tuple[str, ...]:
    if meta.get("url"):
        return (_rooted(str(meta["url"])),)
    parts = path.parts
    if "content" in parts[:-2]:
        section = parts[len(parts) - 1 - parts[::-1].index("content") + 1]
        return (f"/{section}/{slug}/",)
    return ()


def _rooted(address: str) -> str:
    """Hugo lets a url or alias leave out the leading slash; it means the same."""
    return address if "://" in address or address.startswith("/") else f"/{address}"
