"""The notes Pelican plugin: our reader, and pages for teams and authors.

Enable it with PLUGINS = ["pipeline.pelican"] in pelicanconf.py. `notes build`
hands Pelican the Site it has already loaded and checked; a plain `pelican`
run loads it here, with the same loader.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from pipeline.content.loader import load_site
from pipeline.pelican.generators import ProfilesGenerator
from pipeline.pelican.reader import NotesReader

# Our settings, with the defaults used when pelicanconf.py leaves them out.
DEFAULTS = {
    "WEEKNOTE_URL": "weeknotes/{team}/{week}/",
    "WEEKNOTE_SAVE_AS": "weeknotes/{team}/{week}/index.html",
    "WEEKNOTE_CATEGORY": "Weeknotes",
    "TEAM_URL": "teams/{slug}/",
    "TEAM_SAVE_AS": "teams/{slug}/index.html",
    "TEAMS_URL": "teams/",
    "TEAMS_SAVE_AS": "teams/index.html",
    "PROFILE_SAVE_AS": "authors/{slug}/index.html",
}


def _initialise(pelican) -> None:
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if "NOTES_SITE" not in settings:
        settings["NOTES_SITE"] = load_site(Path(settings["PATH"]), settings["TIMEZONE"])


def _use_notes_reader(readers) -> None:
    for extension in NotesReader.file_extensions:
        readers.reader_classes[extension] = NotesReader


def _generators(pelican):
    return ProfilesGenerator


def register() -> None:
    signals.initialized.connect(_initialise)
    signals.readers_init.connect(_use_notes_reader)
    signals.get_generators.connect(_generators)
