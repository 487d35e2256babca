"""Eleventy: Markdown files with YAML front matter under the site's input folder, and their data files.

Each note's values come from its front matter over the directory data files
of its folders (`posts/posts.json`, `posts/posts.11tydata.json`, and the
template's own `x.11tydata.json`); data files in JavaScript are not run. The
date is `date`, else the `YYYY-MM-DD-` a file name starts with (Eleventy's
'Last Modified' and 'git Created' need the file system or Git history, so
the file name is used and the report says so). The old address is the
`permalink` (a Liquid or Nunjucks template such as `/{{ page.fileSlug }}/`),
else Eleventy's default, the file's path without its extension.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.importers import addresses
from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import Imported, Skipped
from pipeline.importers.sites import SourceSite, data_file
from pipeline.importers.text import listed, name_date

COLLECTION_TAGS = {"all", "nav", "post", "posts"}  # tags Eleventy sites use for collections, not topics


def folder_data(path: Path, top: Path, names) -> dict:
    """The data files of each folder from `top` down to the file's own, deeper ones winning."""
    values: dict = {}
    try:
        folders = path.parent.resolve().relative_to(top.resolve()).parts
    except ValueError:
        return values
    folder = top
    for part in ("", *folders):
        folder = folder / part if part else folder
        for name in names(folder):
            candidate = folder / name
            if candidate.is_file():
                values.update(data_file(candidate))
    return values


class Eleventy(Flavour):
    name = "eleventy"
    dialect = "liquid"

    def defaults(self, path: Path, site: SourceSite) -> dict:
        top = site.content or site.root
        values = folder_data(path, top, lambda folder: (f"{folder.name}.json", f"{folder.name}.11tydata.json"))
        for own in (f"{path.stem}.json", f"{path.stem}.11tydata.json"):
            if (path.parent / own).is_file():
                values.update(data_file(path.parent / own))
        return values

    def skip(self, path: Path, meta: dict, site: SourceSite) -> str | None:
        if meta.get("pagination") or meta.get("eleventyExcludeFromCollections") is True:
            return "an Eleventy list page (pagination or eleventyExcludeFromCollections), not a note"
        return None

    def draft(self, path: Path, meta: dict) -> str | None:
        if meta.get("permalink") is False:
            return "never written out by the old Eleventy site (permalink: false)"
        return super().draft(path, meta)

    def slug(self, path, meta, rest, title, site) -> str:
        return _file_slug(path)

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        permalink = meta.get("permalink")
        values = addresses.Values(values.day, values.slug, values.title, _file_slug(path), values.path)
        if permalink is False:
            return []
        if isinstance(permalink, str):
            return [site.base_path + addresses.template(permalink, values)]
        stem = values.path.removesuffix("/index") if values.path.endswith("/index") else values.path
        return [site.base_path + (f"/{stem}/" if stem != "index" else "/")]

    def tags(self, meta: dict, own: dict) -> tuple[str, ...]:
        return tuple(t for t in listed(own.get("tags")) if t not in COLLECTION_TAGS)

    def default_author(self, site: SourceSite) -> object:
        metadata = site.values.get("metadata") or {}
        return metadata.get("author") if isinstance(metadata, dict) else None


def _file_slug(path: Path) -> str:
    """Eleventy's page.fileSlug: the file name without a date prefix; an index file's folder name."""
    if path.stem == "index":
        return path.parent.name
    return name_date(path.stem)[1] or path.stem


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Eleventy())
