"""Hugo: Markdown files with YAML (`---`) or TOML (`+++`) front matter, under the site's content folder.

The old address of a page is its `url`, else the site's `[permalinks]`
pattern for its section (hugo.toml or config.toml), else Hugo's default
`/<section>/<slug>/`, plus its `aliases`. A page bundle (`<slug>/index.md`)
is named by its folder, and its images beside it are copied in. `lastmod`
is not kept: a note is dated once, and feeds date entries by it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.importers import addresses
from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import Imported, Notice, Skipped
from pipeline.importers.sites import SourceSite
from pipeline.importers.text import listed, name_date

MORE = re.compile(r"\n\s*<!--\s*more\s*-->\s*\n")  # Hugo's manual summary divider


class Hugo(Flavour):
    name = "hugo"
    dialect = "hugo"
    date_keys = ("date", "publishdate")
    summary_keys = ("summary", "description")
    lower_keys = True

    def skip(self, path: Path, meta: dict, site: SourceSite) -> str | None:
        return "a Hugo section's list page (_index.md), not a post" if path.stem == "_index" else None

    def prepare(self, path: Path, body: str) -> tuple[str, str, list[Notice]]:
        parts = MORE.split(body, 1)
        return (MORE.sub("\n\n", body), parts[0], []) if len(parts) == 2 else (body, "", [])

    def slug(self, path, meta, rest, title, site) -> str:
        """The file's (or bundle's) name, without a date it starts with: the new address has the date."""
        stem = _base_name(path)
        return name_date(stem)[1] or stem

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        stem = _base_name(path)
        values = addresses.Values(values.day, str(meta.get("slug") or stem), values.title, stem, values.path,
                                  values.section, values.categories)
        aliases = [site.base_path + addresses.rooted(a) for a in listed(meta.get("aliases"))]
        if meta.get("url"):
            return [site.base_path + addresses.rooted(str(meta["url"])), *aliases]
        pattern = _permalink(site.values.get("permalinks"), values.section)
        if pattern:
            return [site.base_path + addresses.hugo(pattern, values), *aliases]
        if not values.section:
            return aliases
        ugly = site.values.get("uglyurls") is True
        return [site.base_path + (f"/{values.section}/{values.slug}.html" if ugly else f"/{values.section}/{values.slug}/"),
                *aliases]

    def keys(self, path: Path, site: SourceSite) -> tuple[str, ...]:
        own = super().keys(path, site)
        if path.stem != "index":
            return own
        return (*own, *(key.removesuffix("/index") for key in own if key.endswith("/index")), path.parent.name)


def _base_name(path: Path) -> str:
    """Hugo's content base name: a page bundle's folder, else the file's name."""
    return path.parent.name if path.stem == "index" else path.stem


def _permalink(permalinks, section: str) -> str | None:
    """The pattern for pages of `section`: [permalinks] posts = …, or (Hugo 0.120) [permalinks.page] posts = …."""
    if not isinstance(permalinks, dict) or not section:
        return None
    page = permalinks.get("page")
    pattern = (page.get(section) if isinstance(page, dict) else None) or permalinks.get(section)
    return str(pattern) if isinstance(pattern, str) else None


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Hugo())
