"""Lume: Markdown files with YAML front matter under the site's src folder, and their `_data` files.

Each note's values come from its front matter over the `_data.yml` (or
`.yaml`, `.json`) files of its folders. The date is `date`, else the date a
file name starts with (`2020-06-21_hello.md` or `2020-06-21-hello.md`,
which Lume removes from the address); Lume's 'Git Created' and 'Git Last
Modified' need the Git history, so the file name is used and the report
says so. A site whose dates are in another field (`week_ending`) needs
--date-field. The old address is `url` (from the root, or `./` from the
note's folder), else Lume's default: the folder and the name, as a folder.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from pipeline.importers import addresses
from pipeline.importers.eleventy import folder_data
from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import Imported, Skipped
from pipeline.importers.sites import SourceSite
from pipeline.importers.text import listed, name_date

DATA_FILES = ("_data.yml", "_data.yaml", "_data.json")


class Lume(Flavour):
    name = "lume"
    dialect = "liquid"

    def defaults(self, path: Path, site: SourceSite) -> dict:
        return folder_data(path, site.content or site.root, lambda folder: DATA_FILES)

    def slug(self, path, meta, rest, title, site) -> str:
        return path.parent.name if path.stem == "index" else rest or path.stem

    def addresses(self, path: Path, meta: dict, site: SourceSite, values: addresses.Values) -> list[str]:
        folder = "/" + values.path.rsplit("/", 1)[0] + "/" if "/" in values.path else "/"
        url = meta.get("url")
        if url is False:
            return []
        if isinstance(url, str):
            address = url if url.startswith("/") else posixpath.normpath(posixpath.join(folder, url)) + (
                "/" if url.endswith("/") else "")
            return [site.base_path + addresses.rooted(address)]
        name = path.parent.name if path.stem == "index" else name_date(path.stem)[1] or path.stem
        if path.stem == "index":
            return [site.base_path + folder]
        pretty = site.values.get("prettyUrls", True)
        return [site.base_path + folder + (f"{name}/" if pretty else f"{name}.html")]

    def tags(self, meta: dict, own: dict) -> tuple[str, ...]:
        return listed(own.get("tags"))  # tags from _data files put notes in collections, as 'weeknote'


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Lume())
