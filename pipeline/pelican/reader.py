"""A Pelican reader that takes notes from the notes loader, never parsing front matter itself."""

from __future__ import annotations

from pelican.readers import BaseReader
from pelican.urlwrappers import Author
from pelican.utils import SafeDatetime

from pipeline import clock
from pipeline.content.loader import Site
from pipeline.content.model import POST, WEEKNOTE, Note
from pipeline.pelican.markup import renderer_for


def display_name(category: str) -> str:
    """A category as pages, breadcrumbs and feeds name it: 'leadership' is 'Leadership' (sentence case, as
    GOV.UK writes headings); its page's address, made from the slug, does not change."""
    return category[:1].upper() + category[1:]


class NoteNotLoaded(Exception):
    """Pelican asked for a file the loader rejected (it has errors) or never saw."""


class NotesReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings):
        super().__init__(settings)
        self._renderer = renderer_for(settings)
        self._today = clock.resolve(settings, settings["NOTES_SITE"].timezone)

    def read(self, source_path):
        site: Site = self.settings["NOTES_SITE"]
        note = site.note_at(source_path)
        if note is None:
            raise NoteNotLoaded(f"{source_path} has errors; run 'notes lint' to see them")
        return self._renderer.block(note.body), self.metadata(site, note)

    def metadata(self, site: Site, note: Note) -> dict:
        meta = {
            "title": note.title,
            "slug": note.slug,
            "status": "draft" if self._scheduled(site, note) else note.status,
            "kind": note.kind,
            "summary": self._renderer.inline(note.summary) if note.summary else "",
        }
        if note.authors:
            meta["authors"] = [self._author(site, slug) for slug in note.authors]
        if note.date is not None:
            meta["date"] = SafeDatetime.fromtimestamp(note.date.timestamp(), note.date.tzinfo)
        if note.tags:
            meta["tags"] = self.process_metadata("tags", list(note.tags))
        if note.kind == POST:
            category = note.category or self.settings["DEFAULT_CATEGORY"]
            meta["category"] = self.process_metadata("category", display_name(category))
        if note.featured:
            meta["featured"] = True
        if note.kind == WEEKNOTE:
            meta["category"] = self.process_metadata("category", self.settings["WEEKNOTE_CATEGORY"])
            meta["template"] = "weeknote"
            meta["team"] = note.team
            meta["iso_week"] = str(note.week)
            meta["week_label"] = note.week.label
            meta["default_title"] = note.default_title  # the title says team and week: pages need not repeat them
            place = {"team": note.team, "week": note.week.slug}
            meta["url"] = self.settings["WEEKNOTE_URL"].format(**place)
            meta["save_as"] = self.settings["WEEKNOTE_SAVE_AS"].format(**place)
        return meta

    def _scheduled(self, site: Site, note: Note) -> bool:
        """A note dated after the build's today is a draft until its day, as Pelican's WITH_FUTURE_DATES = False."""
        return self.settings.get("NOTES_HOLD_SCHEDULED", False) and self._today.holds_back(note.date, site.timezone)

    def _author(self, site: Site, slug: str) -> Author:
        author = Author(site.authors[slug].name if slug in site.authors else slug, self.settings)
        author.slug = slug  # the file name, not a slug made from the display name
        return author
