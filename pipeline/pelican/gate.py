"""What Pelican may publish from content/: notes through our reader, and the static files the loader allowed.

Left to itself Pelican reads reStructuredText and HTML pages with its own
readers, Markdown with extensions ours does not read (.mkd) without our
checks or sanitiser, and copies every file in STATIC_PATHS, plus any file a
note links as {static}/../../x, wherever it is. Here, through Pelican's own
hooks, it reads only what the loader read, and copies only the static files
that pipeline/content/files.py allowed; anything else is left out with a
warning. `notes lint` reports each of those files first, so this is the
gate's second half, which holds in a plain `pelican` run and whatever the
lint levels say.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from pipeline.pelican.reader import NotesReader

# Under Pelican's logger, so that its warnings are shown (and counted by notes build) as Pelican's own are.
log = logging.getLogger("pelican.notes.gate")


def skip_folder_links(settings: dict) -> None:
    """Have Pelican walk past symlinked folders, as the loader does: it would follow them, endlessly if one
    leads back up (two such links made a build run for ever), and publish what the loader never checked."""
    links = list(settings["NOTES_SITE"].folder_links)
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *links]


def read_only_notes(readers) -> None:
    """Pelican's readers_init: our reader for Markdown, and no other reader at all (static files aside)."""
    static = readers.reader_classes.get("static")
    readers.reader_classes.clear()
    readers.reader_classes.update({extension: NotesReader for extension in NotesReader.file_extensions})
    if static is not None:
        readers.reader_classes["static"] = static


def copy_only_checked(generator) -> None:
    """Pelican's static_generator_finalized: drop every static file the loader did not allow."""
    allowed = generator.settings["NOTES_SITE"].static_files
    kept, dropped = [], []
    for static in generator.staticfiles:
        source = os.path.abspath(static.source_path)
        if source in allowed:
            kept.append(static)
            continue
        generator.context["static_content"].pop(static.get_relative_source_path(), None)
        relative = os.path.relpath(source, generator.path)
        if relative.startswith(".."):  # linked as {static}/../x: where it points is not for a CI log
            dropped.append("a file outside content/ that a note links to")
        elif not any(part.startswith(".") for part in relative.split(os.sep)):  # hidden files go quietly
            dropped.append(relative)
    generator.staticfiles[:] = kept  # the context holds the same list
    for name in sorted(dropped):  # Pelican finds them in the order of a set
        log.warning("%s is not published: it is not a static file notes checked; run notes lint to see why", name)


def register() -> None:
    signals.readers_init.connect(read_only_notes)
    signals.static_generator_finalized.connect(copy_only_checked)
