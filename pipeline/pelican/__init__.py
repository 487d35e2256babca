"""The notes Pelican plugin: our reader, pages for teams and authors, and feeds (feeds.py).

Enable it with PLUGINS = ["pipeline.pelican"] in pelicanconf.py. `notes build`
hands Pelican the Site it has already loaded and checked (NOTES_SITE) and the
[tool.notes] config (NOTES_CONFIG); a plain `pelican` run loads both here, the
same way.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from pipeline import site_settings, tables
from pipeline.content.files import static_html_setting
from pipeline.content.layout import Layout
from pipeline.content.loader import load_site
from pipeline.email.options import Signup
from pipeline.language import use_site_language
from pipeline.pelican import cadence_pages, feeds, gate, home, post_links, redirects, scheduled, site_pages, taxonomies, writer
from pipeline.pelican.compiled import VerifiedBytecodeCache
from pipeline.pelican.generators import ProfilesGenerator

def _initialise(pelican) -> None:
    settings = pelican.settings
    use_site_language(settings)  # a plain `pelican` run: Pelican has just set the machine's locale
    site_settings.apply(settings)  # `notes build` has checked them; a plain `pelican` run takes the defaults
    if "NOTES_SITE" not in settings:
        settings["NOTES_SITE"] = load_site(Path(settings["PATH"]), settings["TIMEZONE"],
                                           static_paths=settings["STATIC_PATHS"],
                                           static_html=static_html_setting(settings["NOTES_STATIC_HTML"]),
                                           layout=Layout.of(settings))
    gate.skip_folder_links(settings)
    # Scheduled notes are held back by the build's one "today" (pipeline/clock.py, the reader), not by
    # Pelican's own comparison with the system clock, which a pinned NOTES_TODAY would contradict.
    settings["NOTES_HOLD_SCHEDULED"] = not settings["WITH_FUTURE_DATES"]
    settings["WITH_FUTURE_DATES"] = True
    home.without_pelicans_home(settings)
    root = Path(settings["PATH"]).resolve().parent  # the settings file's folder, which Pelican resolves PATH against
    if "NOTES_CONFIG" not in settings:
        settings["NOTES_CONFIG"] = tables.load(root)  # pyproject.toml sits beside the settings file
    settings["NOTES_EMAIL_SIGNUP"] = Signup.from_config(settings["NOTES_CONFIG"])  # theme/templates/email_signup.html
    if "bytecode_cache" not in settings["JINJA_ENVIRONMENT"]:
        options = settings["JINJA_ENVIRONMENT"]
        settings["JINJA_ENVIRONMENT"] = {**options, "bytecode_cache": VerifiedBytecodeCache(root, options)}


def _generators(pelican):
    # One receiver returning every generator in a fixed order: blinker calls the
    # receivers of a signal in the order of a set of ids, which changes from run
    # to run, and a generator that reads another's context (the sitemap lists
    # the cadence page) must run after it for builds to be reproducible.
    return (ProfilesGenerator, cadence_pages.get_generators(pelican), home.get_generators(pelican),
            site_pages.get_generators(pelican), redirects.get_generators(pelican))


def register() -> None:
    signals.initialized.connect(_initialise)
    gate.register()
    signals.get_generators.connect(_generators)
    scheduled.register()
    feeds.register()
    post_links.register()
    taxonomies.register()
    writer.register()
