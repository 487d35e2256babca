"""Pelican's context, kept from the last full build for the next quick rebuild (pipeline/quick.py).

Pelican cannot add one note to a context it has made: every build reads
every note and builds the lists, tags, archives and links again, which takes
most of a rebuild on a large site. When only the text of notes changed since
a build, that build's context is still right except for those texts, so it
is pickled into `.notes-cache/context.pickle` and a quick rebuild renders
the changed notes' pages from it.

What is not stored:
- the notes' HTML: every article's content is filled in afresh from the
  rendered Markdown (pipeline/pelican/rendered.py) when the snapshot is read,
  so a snapshot stays right through any number of quick rebuilds;
- this build's own objects (the loaded site and its notes, teams and
  authors, the config, the progress display): the snapshot names them, and
  they are taken from the build that reads it.

A snapshot is used only by a build with the same site key (see
incremental.py) on the same day (the cadence pages and digest depend on it).
"""

from __future__ import annotations

import copyreg
import io
import logging
import os
import pickle
from datetime import date
from pathlib import Path

from pipeline import atomic
from pipeline.config import Config
from pipeline.content.loader import Site
from pipeline.content.model import Author, Note, Team
from pipeline.incremental import OWN_SETTINGS
from pipeline.lint.cache import FOLDER
from pipeline.pelican.rendered import RenderedHtml

log = logging.getLogger(__name__)

FILE = "context.pickle"
VERSION = 2

# While `load` runs: the build's own objects, which the pickle names instead of holding.
_reading: dict = {}


def _note(path: str) -> Note:
    note = _reading["site"].note_at(path)
    if note is None:
        raise KeyError(f"{path} is no longer a note")
    return note


def _team(slug: str) -> Team:
    return _reading["site"].teams[slug]


def _author(slug: str) -> Author:
    return _reading["site"].authors[slug]


def _own(name: str):
    return _reading["own"][name]


# By type, so that the pickler looks them up in C; a Python hook for every object costs five times as much.
_NAMED = {
    Note: lambda note: (_note, (str(note.path),)),
    Team: lambda team: (_team, (team.slug,)),
    Author: lambda author: (_author, (author.slug,)),
    Site: lambda _: (_own, ("NOTES_SITE",)),
    Config: lambda _: (_own, ("NOTES_CONFIG",)),
    RenderedHtml: lambda _: (_own, ("NOTES_RENDERED",)),
}


def path_of(root: Path) -> Path:
    return root / FOLDER / FILE


def save(context: dict, settings: dict, site_key: str, today: date, path: Path) -> Path | None:
    """Pickle `context` and `settings` beside `path` (put in place by `keep`); None if they cannot be."""
    articles = context.get("articles", [])
    contents = [article._content for article in articles]
    own = [(values, key, values[key]) for values in (context, settings) for key in OWN_SETTINGS if key in values]
    links = _unlink(articles)
    buffer = io.BytesIO()
    try:
        for article in articles:
            article._content = None  # filled in from today's text by `load`
        for values, key, _ in own:
            values[key] = None  # this build's objects: `load` puts the next build's in
        pickle.dump((VERSION, site_key, today.isoformat()), buffer)
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, **_NAMED}
        pickler.dump((context, settings, links))
    except Exception as err:  # noqa: BLE001 - a plugin's unpicklable object costs the next build its speed, no more
        log.debug("no snapshot of the context: %s", err)
        return None
    finally:
        for article, content in zip(articles, contents, strict=True):
            article._content = content
        for values, key, value in own:
            values[key] = value
        _relink(articles, links)
    return atomic.write_beside(path, buffer.getbuffer())


def _unlink(articles: list) -> list[dict]:
    """Take out the links between articles (newer and older post, related posts, the team's notes).

    Pickled as they are, a chain of 2,000 posts, each linking the next, would take the pickler as
    many levels deep; as positions in the list of articles, they take none.
    """
    position = {id(article): index for index, article in enumerate(articles)}
    links = []
    for article in articles:
        found = {}
        for name, value in vars(article).items():
            if id(value) in position:
                found[name] = position[id(value)]
            elif isinstance(value, list) and value and all(id(item) in position for item in value):
                found[name] = [position[id(item)] for item in value]
        for name in found:
            delattr(article, name)
        links.append(found)
    return links


def _relink(articles: list, links: list[dict]) -> None:
    for article, found in zip(articles, links, strict=True):
        for name, value in found.items():
            setattr(article, name, [articles[i] for i in value] if isinstance(value, list) else articles[value])


def keep(saved: Path | None, path: Path) -> None:
    """After a successful swap: the saved snapshot is the one the next build may use."""
    if saved is None:
        return
    try:
        os.replace(saved, path)
    except FileNotFoundError:
        # Taken for a killed build's by a build into another output folder (the lock is the output's): the
        # next build runs Pelican, as after any build whose context could not be kept.
        forget(path)


def forget(path: Path) -> None:
    path.unlink(missing_ok=True)


def recover(path: Path) -> None:
    """Delete the snapshots of builds killed between `save` and `keep`: each is as large as a snapshot."""
    for killed in atomic.leftovers(path):
        killed.unlink(missing_ok=True)


def load(path: Path, site_key: str, today: date, own: dict, site, html) -> tuple[dict, dict] | None:
    """The context and settings of the last full build, if made with `site_key` on `today`; else None.

    `own` holds this build's objects by setting name; `html` gives every published article its content.
    """
    _reading.update(site=site, own=own)
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != (VERSION, site_key, today.isoformat()):
                return None
            context, settings, links = pickle.load(handle)
        _relink(context.get("articles", []), links)
        for article in context.get("articles", []):
            article._content = html.block(site.note_at(article.source_path).body)
    except Exception as err:  # noqa: BLE001 - a damaged or foreign snapshot means a full build, never a failure
        log.debug("the context snapshot cannot be used: %s", err)
        return None
    finally:
        _reading.clear()
    for values in (context, settings):
        values.update(own)
    return context, settings
