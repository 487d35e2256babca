"""A folder of Markdown files from any generator, or none: `--from markdown`.

Front matter is optional. Each note's date is its `date` (or the field
--date-field names), else the date its file name starts with
(`2019-06-03.md`, `2019-06-03-slug.md`, `2019-W23.md`); its title is
`title`, else the `# Heading` its text starts with, else its file name.
Other fields are mapped with --field (`--field summary=description`). The
old address is what --old-url makes of it, since no generator says.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.importers.reading import Flavour, read as read_note
from pipeline.importers.records import Imported, Skipped
from pipeline.importers.sites import SourceSite


class Folder(Flavour):
    name = "markdown"
    dialect = "liquid"  # the most common template syntax: its known tags convert, and any other is reported


def read(path: Path, site: SourceSite, options) -> Imported | Skipped:
    return read_note(path, site, options, Folder())
