"""Jekyll: `_posts/YYYY-MM-DD-slug.md` (or .markdown, .html) and `_drafts/slug.md`, with YAML front matter.

The old address of a post is its `permalink`, else the site's permalink
style from `_config.yml` beside `_posts/` (Jekyll's `date` style if none),
plus any `redirect_from` (the jekyll-redirect-from plugin).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from pipeline.content.loader import display_path
from pipeline.importers.html import to_markdown
from pipeline.importers.records import Imported, Person, Skipped
from pipeline.importers.text import (
    feed_id,
    front_matter,
    images_without_alt,
    listed,
    parse_date,
    people,
    read_text,
    slug_of,
    summary_from,
)

POST_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)\.(md|markdown|html)")
# Liquid: {% tag … %} and {{ output }}, which Python-Markdown would print as text.
LIQUID = re.compile(r"\{%-?\s*(\w+)[^%]*%\}|\{\{-?\s*([^}]*?)\s*-?\}\}")
# Jekyll's named permalink styles (jekyllrb.com/docs/permalinks/).
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def read(path: Path) -> Imported | Skipped:
    text = read_text(path)
    meta, body = front_matter(text, path)
    drafted = "_drafts" in path.parts
    named = POST_NAME.fullmatch(path.name)
    if not named and not drafted:
        return Skipped(display_path(path), "a Jekyll post's file name must be YYYY-MM-DD-slug.md")
    slug = named[2] if named else path.stem
    day = parse_date(meta.get("date")) or (parse_date(named[1]) if named else None)
    if day is None:
        return Skipped(display_path(path), "it has no date: give it 'date:' in its front matter")
    if path.suffix == ".html":
        body, embedded = to_markdown(body)
    else:
        embedded = []
    title = str(meta.get("title") or slug.replace("-", " ").capitalize())
    categories = listed(meta.get("categories") or meta.get("category"))
    excerpt = " ".join(str(meta.get("excerpt") or "").split())
    attention = [f"Liquid {'tag {% ' + tag + ' %}' if tag else '{{ ' + out + ' }}'}: Python-Markdown shows it as text"
                 for tag, out in dict.fromkeys(LIQUID.findall(body))]
    attention += [f"embedded media replaced by a link: {src}" for src in embedded]
    attention += [f"image without alt text: {src}" for src in images_without_alt(body)]
    explicit_id = str(meta.get("id") or "")
    entry_id = feed_id(explicit_id, attention)
    return Imported(
        source=display_path(path),
        format="jekyll",
        title=title,
        date=day,
        authors=tuple(Person(a, a) for a in people(meta.get("authors") or meta.get("author"))),
        body=body,
        summary=excerpt or summary_from(body),
        summary_derived=not excerpt,
        status="draft" if drafted or meta.get("published") is False else "published",
        tags=tuple(t for t in listed(meta.get("tags")) + categories[1:]),
        category=categories[0] if categories else None,
        slug=str(meta.get("slug") or slug),
        urls=(_permalink(path, meta, day, slug, categories), *listed(meta.get("redirect_from"))),
        id=entry_id,
        attention=tuple(attention),
    )


def _permalink(path: Path, meta: dict, day: date | datetime, slug: str, categories: tuple[str, ...]) -> str:
    """The post's address on the Jekyll site: /:categories/:year/:month/:day/:title.html by default."""
    pattern = str(meta.get("permalink") or _site_permalink(path))
    pattern = STYLES.get(pattern, pattern)
    values = {
        ":categories": "/".join(dict.fromkeys(c.lower() for c in categories)),
        ":year": f"{day:%Y}", ":short_year": f"{day:%y}", ":month": f"{day:%m}", ":i_month": str(day.month),
        ":day": f"{day:%d}", ":i_day": str(day.day), ":y_day": f"{day:%j}",
        ":title": slug, ":slug": slug_of(str(meta.get("slug") or slug)), ":output_ext": ".html",
    }
    # Longest names first, so that :i_month is not read as :i followed by _month.
    for name in sorted(values, key=len, reverse=True):
        pattern = pattern.replace(name, values[name])
    return "/" + re.sub(r"/{2,}", "/", pattern).lstrip("/")


def _site_permalink(path: Path) -> str:
    """`permalink` from the site's _config.yml, beside the _posts or _drafts folder."""
    for folder in path.parents:
        if folder.name in ("_posts", "_drafts"):
            config = folder.parent / "_config.yml"
            try:
                settings = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else None
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                settings = None  # a site setting we cannot read: Jekyll's default, as Jekyll would not build either
            return str(settings.get("permalink") or "date") if isinstance(settings, dict) else "date"
    return "date"
