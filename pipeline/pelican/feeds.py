"""The feeds plugin: Atom and RSS from Pelican's published articles, the OPML files and /subscribe/.

A Pelican generator, so it runs inside every build and writes into the
folder Pelican was given (the staging folder of `notes build`). It plans the
catalogue of feeds in `generate_context`, before any page is written, so that
templates can link to feeds (`feeds` in the context); it writes the feeds in
`generate_output`, after every generator has read its content, so that links
between notes and to static files are resolved.

Only Pelican's published `articles` are used: drafts, and notes dated after
the build's today (the reader makes them drafts), never reach a feed, and
pages are not articles. Pelican's own FEED_* generation stays off.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from functools import partial
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from pipeline.content.loader import Site
from pipeline.content.model import Note
from pipeline.errors import ConfigError
from pipeline.feeds import settings as feed_settings
from pipeline.feeds.catalogue import Subject, fill, plan
from pipeline.feeds.digest import digest_entries
from pipeline.feeds.ids import note_id
from pipeline.feeds.model import Category, Entry, Link, Person
from pipeline.feeds.opml import opml
from pipeline.feeds.render import FeedRenderer
from pipeline.feeds.settings import FeedSettings
from pipeline.feeds.text import absolute_html, xml_safe
from pipeline.pelican.cadence_pages import build_today
from pipeline.urls import ARTICLE_FIELDS, SiteUrls

logger = logging.getLogger(__name__)
# A child of Pelican's logger, so that the build reports its warnings with Pelican's (pipeline/build.py).
email_logger = logging.getLogger("pelican.notes.email")

# Dates a feed with no entries on a site with no notes at all: a fixed moment, never the clock.
NOTHING_YET = datetime(1970, 1, 1, tzinfo=timezone.utc)


class DuplicateEntryId(Exception):
    """Two notes would have the same entry ID, and feed readers would drop one of them."""


class FeedsGenerator(Generator):
    def generate_context(self):
        if not feed_settings.enabled(self.settings):
            return
        site: Site = self.settings["NOTES_SITE"]
        # One "today" for the whole build: the cadence page and the digest agree on which weeks are over.
        self.feed_settings = feed_settings.read(self.settings, today=build_today(self.settings, site))
        articles = self.context.get("articles", [])
        self.catalogue = plan(
            self.feed_settings,
            teams=[Subject(t.slug, t.name, self.settings["TEAM_URL"].format(slug=t.slug)) for t in site.teams.values()],
            authors=[
                Subject(a.slug, a.name, self.settings["AUTHOR_URL"].format(slug=a.slug)) for a in site.authors.values()
            ],
            tags=_subjects(tag for article in articles for tag in getattr(article, "tags", ())),
            categories=_subjects(article.category for article in articles),
        )
        self.context["feeds"] = self.catalogue

    def generate_output(self, writer):
        if not feed_settings.enabled(self.settings):
            return
        started = time.perf_counter()
        _check_email_links(self.context["articles"], self.settings)
        feeds = self._feeds()
        for feed, entries in feeds.carried:
            feeds.write(writer, feed, entries)
        _write(self.output_path, self.catalogue.opml_path, opml(self.catalogue))
        for group in self.catalogue.groups():
            _write(self.output_path, group.opml_path, opml(self.catalogue, group))
        writer.write_file(
            self.settings["SUBSCRIBE_SAVE_AS"], self.get_template("subscribe"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name="subscribe", url=self.settings["SUBSCRIBE_URL"],
        )
        logger.debug("planned %d feeds and wrote %s in %.3f s; the writer writes the feeds with the pages",
                     len(self.catalogue), self.catalogue.opml_path, time.perf_counter() - started)

    def write_carrying(self, writer, sources: set[str]) -> int:
        """Write again the feeds that carry a note from `sources` (`notes serve`, after an edit to its text)."""
        if not feed_settings.enabled(self.settings):
            return 0
        feeds = self._feeds()
        carrying = [(feed, entries) for feed, entries in feeds.carried if any(e.source in sources for e in entries)]
        for feed, entries in carrying:
            feeds.write(writer, feed, entries)
        return len(carrying)

    def _feeds(self) -> _Feeds:
        """Every feed with the entries it carries, and how to write one."""
        site: Site = self.settings["NOTES_SITE"]
        # Pelican's source paths are absolute, like the loader's: a plain lookup, without resolving each path again.
        by_path = {str(note.path): note for note in site.notes}
        articles = {}
        notes = []
        for article in self.context["articles"]:
            note = by_path.get(article.source_path) or site.note_at(article.source_path)
            entry = entry_for(article, note, self.feed_settings, self.settings)
            articles[entry.source] = article
            notes.append(entry)
        _check_unique_ids(notes)
        team_names = {slug: team.name for slug, team in site.teams.items()}
        digest = digest_entries(notes, team_names, self.feed_settings, self.settings["ARCHIVES_URL"])
        carried = fill(self.catalogue, notes, digest)
        newest = max((entry.updated for entry in [*notes, *digest]), default=NOTHING_YET)
        return _Feeds(self, [(feed, carried[feed.key]) for feed in self.catalogue],
                      FeedRenderer(self.catalogue, quiet_updated=newest), articles)

    def _write_feed(self, folder: str, renderer: FeedRenderer, feed, entries: list[Entry], articles: dict,
                    contents: dict[str, str]) -> None:
        # A note's content, with every address made absolute, is the costly part: only for feeds written.
        entries = [self._with_content(entry, articles, contents) for entry in entries]
        _write(folder, feed.path, renderer.atom(feed, entries))
        if feed.rss_path:
            _write(folder, feed.rss_path, renderer.rss(feed, entries))

    def _with_content(self, entry: Entry, articles: dict, contents: dict[str, str]) -> Entry:
        article = articles.get(entry.source)
        if article is None:  # a digest entry: made of summaries, complete already
            return entry
        if entry.source not in contents:
            url = self.feed_settings.absolute(article.url)
            contents[entry.source] = absolute_html(article.get_content(self.feed_settings.base_url), url)
        return replace(entry, content=contents[entry.source])


@dataclass
class _Feeds:
    """The feeds of one build with their entries, and the way to have one written with the pages."""

    generator: FeedsGenerator
    carried: list[tuple[object, list[Entry]]]
    renderer: FeedRenderer
    articles: dict  # source -> Pelican's article
    contents: dict[str, str] = field(default_factory=dict)  # each note's content for feeds, made once per process

    def write(self, writer, feed, entries: list[Entry]) -> None:
        # Into the writer's folder: `notes serve` writes an edit into the folder the build was swapped into.
        write = partial(self.generator._write_feed, writer.output_path, self.renderer, feed, entries, self.articles,
                        self.contents)
        if hasattr(writer, "later"):
            writer.later(feed.path, write)  # with the pages, on every core (writer.py)
        else:
            write()


def _write(folder: str, path: str, data: bytes) -> None:
    target = Path(folder, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def entry_for(article, note: Note | None, settings: FeedSettings, pelican_settings: dict) -> Entry:
    """A published post or weeknote, read from `note`, as feeds show it."""
    if note is None:  # the notes reader read every article from the Site, so this is a bug
        raise LookupError(f"{article.source_path} is not in the loaded site")
    published = note.date.astimezone(settings.timezone)
    url = settings.absolute(article.url)
    tags = tuple(getattr(article, "tags", ()))
    return Entry(
        id=note_id(note, settings.id_authority),
        title=xml_safe(article.title),
        published=published,
        updated=published,  # no `modified` field yet: a note is dated once
        summary=absolute_html(article.summary or "", url),
        content="",  # filled in only for the feeds that are written (FeedsGenerator._with_content)
        authors=tuple(Person(xml_safe(a.name), settings.absolute(a.url)) for a in getattr(article, "authors", ())),
        links=(Link(url, "alternate", "text/html"),),
        categories=tuple(
            Category(tag.slug, xml_safe(tag.name), settings.absolute(pelican_settings["TAGS_URL"])) for tag in tags
        ),
        kind=note.kind,
        team=note.team,
        week=note.week,
        author_slugs=tuple(a.slug for a in getattr(article, "authors", ())),
        tag_slugs=tuple(tag.slug for tag in tags),
        category=article.category.slug if getattr(article, "category", None) else None,
        source=note.source,
    )


def _check_email_links(articles, settings: dict) -> None:
    """Warn if `notes email`, which links to notes without Pelican (pipeline/urls.py), would link elsewhere.

    Only for sites that send email; once, for the first note that differs.
    """
    if not settings["NOTES_CONFIG"].section("email")["lists"]:
        return
    site: Site = settings["NOTES_SITE"]
    urls = SiteUrls(settings)
    for article in articles:
        note = site.note_at(article.source_path)
        try:
            ours = urls.note(note) if note is not None else article.url
        except ConfigError as err:
            email_logger.warning(f"notes email cannot link to notes: {err}")
            return
        if ours != article.url:
            email_logger.warning(f"notes email would link {note.source} to {ours}, but the site has it at "
                                 f"{article.url}: use only {ARTICLE_FIELDS} in ARTICLE_URL")
            return


def _subjects(terms: Iterable) -> list[Subject]:
    """Pelican's tags or categories that have pages, once each (the first name written wins)."""
    found: dict[str, Subject] = {}
    for term in terms:
        if term is not None and term.slug not in found:
            found[term.slug] = Subject(term.slug, term.name, term.url)
    return list(found.values())


def _check_unique_ids(entries: list[Entry]) -> None:
    first: dict[str, Entry] = {}
    clashes = []
    for entry in entries:
        if entry.id in first:
            clashes.append(
                f"{first[entry.id].source} and {entry.source} have the same feed entry ID {entry.id}, "
                "so feed readers would show only one: give one of them its own 'id' in the front matter"
            )
        else:
            first[entry.id] = entry
    if clashes:
        raise DuplicateEntryId("; ".join(clashes))


def _generators(pelican):
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
