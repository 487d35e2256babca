"""Jekyll: `_posts/YYYY-MM-DD-slug.md` (or .markdown, .html), `_drafts/slug.md` and collections, with YAML front matter.

The old address of a post is its `permalink`, else its collection's
permalink, else the site's permalink style from `_config.yml` (Jekyll's
`date` style if none), plus any `redirect_from` (jekyll-redirect-from).
Front matter defaults from `_config.yml` apply beneath each post's own, and
authors named by key in `_data/authors.yml` get the name given there.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from pipeline.importers import addresses
from pipeline.importers.html import to_markdown
from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import EMBED, Imported, Notice, Person, Skipped
from pipeline.importers.sites import SourceSite, data_file
from pipeline.importers.text import listed

POST_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)")


class Jekyll(Flavour):
    name = "jekyll"
    dialect = "liquid"
    summary_keys = ("excerpt", "description", "summary")

    def defaults(self, path: Path, site: SourceSite) -> dict:
        """`defaults` in _config.yml whose scope (a path, a type) takes in this file, later ones winning."""
        relative = _relative(path, site)
        kind = self._collection(path, site) or "pages"
        values: dict = {}
        for rule in site.values.get("defaults") or []:
            if not isinstance(rule, dict) or not isinstance(rule.get("values"), dict):
                continue
            scope = rule.get("scope") if isinstance(rule.get("scope"), dict) else {}
            where = str(scope.get("path") or "").strip("/")
            if (not where or relative == where or relative.startswith(where + "/")) and scope.get("type") in (None, kind):
                values.update(rule["values"])
        return values

    def skip(self, path: Path, meta: dict, site: SourceSite) -> str | None:
        if POST_NAME.fullmatch(path.stem) or "_drafts" in path.parts:
            return None
        if self._collection(path, site) in (site.values.get("collections") or {}):
            return None  # a document of a collection, which needs no date in its name
        return "a Jekyll post's file name must be YYYY-MM-DD-slug.md"

    def name_date(self, path: Path, site: SourceSite) -> tuple[date | None, str]:
        named = POST_NAME.fullmatch(path.stem)
        if named and _real(named[1]):
            return date.fromisoformat(named[1]), named[2]
        if "_drafts" in path.parts:  # Jekyll dates a draft by the time its file was last changed
            return datetime.fromtimestamp(path.stat().st_mtime).date(), path.stem
        return None, path.stem

    def name_date_source(self, path: Path) -> str:
        return "the file name" if POST_NAME.fullmatch(path.stem) else "the draft's last change (as Jekyll dates drafts)"

    def prepare(self, path: Path, body: str) -> tuple[str, str, list[Notice]]:
        if path.suffix != ".html":
            return body, "", []
        markdown, embedded = to_markdown(body)
        return markdown, "", [Notice(EMBED, f"embedded media replaced by a link: {src}") for src in embedded]

    def draft(self, path: Path, meta: dict) -> str | None:
        if "_drafts" in path.parts:
            return "a draft on the old Jekyll site (in _drafts/)"
        return "not published on the old Jekyll site (published: false)" if meta.get("published") is False else None

    def slug(self, path, meta, rest, title, site) -> str:
        return rest or path.stem

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        collection = self._collection(path, site)
        settings = (site.values.get("collections") or {}).get(collection) if collection != "posts" else None
        pattern = (meta.get("permalink") or (settings.get("permalink") if isinstance(settings, dict) else None)
                   or site.values.get("permalink") or "date")
        values = addresses.Values(values.day, values.slug, values.title, path.stem,
                                  _relative(path, site).removeprefix(f"_{collection}/").rsplit(".", 1)[0],
                                  categories=values.categories)
        return [site.base_path + addresses.jekyll(str(pattern), values),
                *(site.base_path + addresses.rooted(a) for a in listed(meta.get("redirect_from")))]

    def keys(self, path: Path, site: SourceSite) -> tuple[str, ...]:
        relative = _relative(path, site)
        stem = relative.rsplit(".", 1)[0].removeprefix("_posts/").removeprefix("_drafts/")
        return relative, stem, path.stem

    def person(self, name: str, site: SourceSite) -> Person:
        """An author named by key in _data/authors.yml (or by a byline's first name that is a key) has the name
        given there."""
        authors = {str(key).casefold(): entry for key, entry in _authors(site).items()}
        entry = authors.get(name.casefold())
        return Person(name, str(entry.get("name") or name)) if isinstance(entry, dict) else Person(name, name)

    def default_author(self, site: SourceSite) -> object:
        return site.values.get("author")

    def _collection(self, path: Path, site: SourceSite) -> str:
        """'posts', or the collection a file in `_<name>/` belongs to."""
        first = _relative(path, site).split("/", 1)[0]
        return first[1:] if first.startswith("_") and first not in ("_drafts",) else "posts"


def _authors(site: SourceSite) -> dict:
    if "_authors" not in site.values:
        site.values["_authors"] = data_file(site.root / "_data" / "authors.yml") or data_file(
            site.root / "_data" / "authors.yaml")
    return site.values["_authors"]


def _relative(path: Path, site: SourceSite) -> str:
    try:
        return path.resolve().relative_to(site.root.resolve()).as_posix()
    except ValueError:
        return path.name


def _real(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Jekyll())
