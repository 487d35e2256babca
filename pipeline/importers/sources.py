"""Reading SOURCE arguments: files and folders, each in its format and with its site's settings, into one Reading.

A folder is walked for the files of its format, leaving out the folders
generators keep templates, data and output in (SKIPPED_FOLDERS) and a
repository's README and licence. A file symlink that leads out of the folder
being imported is refused and reported, as is a folder symlink: notes reads
only what is inside the source it was given.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.importers import eleventy, folder, hugo, jekyll, lume, pelican, sites, wordpress
from pipeline.importers.detect import detect
from pipeline.importers.reading import Options
from pipeline.importers.records import Imported, Reading, Skipped, SourceError
from pipeline.importers.text import Refused

FORMATS = ("wordpress", "jekyll", "hugo", "pelican", "eleventy", "lume", "markdown")
READERS = {"jekyll": jekyll.read, "hugo": hugo.read, "pelican": pelican.read, "eleventy": eleventy.read,
           "lume": lume.read, "markdown": folder.read}
SUFFIXES = {
    "wordpress": (".xml",),
    "jekyll": (".md", ".markdown", ".html"),
    "hugo": (".md", ".markdown"),
    "pelican": (".md", ".markdown", ".rst"),
    "eleventy": (".md", ".markdown"),
    "lume": (".md",),
    "markdown": (".md", ".markdown"),
    "auto": (".xml", ".md", ".markdown", ".rst"),
}
# Where generators keep templates, data, dependencies and their output: never notes.
SKIPPED_FOLDERS = {"_site", "_includes", "_layouts", "_data", "_sass", "_components", "_archetypes", "_cache",
                   "node_modules", "layouts", "themes", "archetypes", "resources", "output", "vendor"}
REPOSITORY_FILES = {"readme", "licence", "license", "changelog", "contributing", "code_of_conduct", "security"}


def files_in(source: Path, fmt: str, skipped: list[Skipped]) -> list[Path]:
    """The files to read for one SOURCE: itself, or the files of its format in its folders."""
    if not source.is_dir():
        return [source]
    found = []
    inside = source.resolve()
    for root, dirs, files in os.walk(source):
        for name in sorted(dirs):
            path = Path(root, name)
            if path.is_symlink() and not _within(path, inside):
                skipped.append(Skipped(display_path(path), "a folder symlink to outside the folder being imported: "
                                                           "notes reads only what is inside it"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = Path(root, name)
            # A Jekyll site's layouts and includes are HTML too: only posts may be.
            jekyll_html = path.suffix == ".html" and {"_posts", "_drafts"} & set(path.parts)
            wanted = path.suffix in SUFFIXES[fmt] and (path.suffix != ".html" or jekyll_html)
            if name.startswith(".") or not (wanted or (fmt == "auto" and jekyll_html)):
                continue
            if path.stem.lower() in REPOSITORY_FILES:
                continue
            if path.is_symlink() and not _within(path, inside):
                skipped.append(Skipped(display_path(path), "a symlink to a file outside the folder being imported: "
                                                           "notes reads only what is inside it"))
                continue
            found.append(path)
    return found


def _within(path: Path, folder: Path) -> bool:
    target = path.resolve()
    return target == folder or folder in target.parents


def read_sources(sources: list[Path], fmt: str, options: Options) -> Reading:
    """Every note in `sources`; raises SourceError for a source that cannot be read at all."""
    reading = Reading()
    loaded: dict[tuple[Path, str], sites.SourceSite] = {}

    def site_of(path: Path, source: Path, kind: str) -> sites.SourceSite:
        """The site of the file at `path`, found from its folder up; `source` is the folder it was found in."""
        fallback = source if source.is_dir() else path.parent
        root, _ = sites.find(path.parent, kind, options.stop, fallback)
        if (root, kind) not in loaded:
            loaded[root, kind] = sites.load(path.parent, kind, options.stop, fallback)
            reading.settings += [line for line in loaded[root, kind].said if line not in reading.settings]
        return loaded[root, kind]

    for source in sources:
        if not source.exists():
            raise SourceError(f"{source}: no such file or folder")
        kinds: dict[Path, str | None] = {}
        for path in files_in(source, fmt, reading.skipped):
            chosen = fmt
            if fmt == "auto":
                folder_kind = kinds.setdefault(path.parent, sites.kind_of(path.parent, options.stop))
                chosen = detect(path) if path.suffix == ".xml" or folder_kind is None else folder_kind
            if chosen is None:
                reading.skipped.append(Skipped(display_path(path), "not a note notes can tell the format of: "
                                                                   "give --from, or --from markdown for any Markdown"))
                continue
            if fmt == "auto":
                reading.detected[display_path(path)] = chosen
            site = site_of(path, source, chosen)
            try:
                if chosen == "wordpress":
                    found = wordpress.read(path, site, options)
                    reading.notes += found.notes
                    reading.skipped += found.skipped
                    reading.files += 1
                    continue
                note = READERS[chosen](path, site, options)
            except Refused as refused:
                note = Skipped(display_path(path), refused.reason)
            except SourceError as err:
                if path == source:
                    raise  # a file named on the command line that cannot be read stops the import (exit 2)
                # One file of a folder that cannot be read is skipped and reported, so the rest still come in.
                note = Skipped(display_path(path), f"cannot be read: {str(err).removeprefix(display_path(path) + ':').strip()}")
            reading.files += 1
            (reading.notes if isinstance(note, Imported) else reading.skipped).append(note)
    return reading
