"""Reading SOURCE arguments: files and folders, each in its format, into one Reading."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.importers import hugo, jekyll, pelican, wordpress
from pipeline.importers.detect import detect
from pipeline.importers.records import Imported, Reading, Skipped, SourceError

FORMATS = ("wordpress", "jekyll", "hugo", "pelican")
READERS = {"jekyll": jekyll.read, "hugo": hugo.read, "pelican": pelican.read}
SUFFIXES = {
    "wordpress": (".xml",),
    "jekyll": (".md", ".markdown", ".html"),
    "hugo": (".md", ".markdown"),
    "pelican": (".md", ".markdown", ".rst"),
    "auto": (".xml", ".md", ".markdown", ".rst"),
}


def files_in(source: Path, fmt: str) -> list[Path]:
    """The files to read for one SOURCE: itself, or the files of its format in its folders."""
    if not source.is_dir():
        return [source]
    found = []
    for root, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            # A Jekyll site's layouts and includes are HTML too: only posts may be.
            jekyll_html = path.suffix == ".html" and {"_posts", "_drafts"} & set(path.parts)
            if not name.startswith(".") and (path.suffix in SUFFIXES[fmt] or (fmt == "auto" and jekyll_html)):
                found.append(path)
    return found


def read_sources(sources: list[Path], fmt: str) -> Reading:
    """Every note in `sources`; raises SourceError for a source that cannot be read at all."""
    reading = Reading()
    for source in sources:
        if not source.exists():
            raise SourceError(f"{source}: no such file or folder")
        for path in files_in(source, fmt):
            chosen = detect(path) if fmt == "auto" else fmt
            if chosen is None:
                reading.skipped.append(
                    Skipped(display_path(path), "not a WordPress export, nor a Jekyll, Hugo or Pelican note"))
                continue
            if fmt == "auto":
                reading.detected[display_path(path)] = chosen
            if chosen == "wordpress":
                found = wordpress.read(path)
                reading.notes += found.notes
                reading.skipped += found.skipped
                continue
            note = READERS[chosen](path)
            (reading.notes if isinstance(note, Imported) else reading.skipped).append(note)
    return reading
