"""Where the site writes each page, from the settings' URL layouts (ARTICLE_SAVE_AS and friends).

The content checks (crosscheck.py) need it to tell whether an alias would
replace a page. They run without Pelican (`notes lint` never imports it), so
the layouts come from the settings file's plain values, with Pelican's and
notes' defaults from pipeline/site_settings.py, and are formatted as Pelican
formats them: `ARTICLE_SAVE_AS.format(slug=..., date=..., ...)`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.content.model import PAGE, POST, WEEKNOTE, Note, slugify
from pipeline.site_settings import with_defaults

# notes' own pages, by their settings (besides Pelican's DIRECT_TEMPLATES); an empty setting writes none.
SITE_PAGES = ("TEAMS_SAVE_AS", "SUBSCRIBE_SAVE_AS", "CADENCE_SAVE_AS", "SEARCH_SAVE_AS", "ACCESSIBILITY_SAVE_AS",
              "NOT_FOUND_SAVE_AS")
# Folders the build fills with files of its own (feeds, the theme's files, the search index).
BUILD_FOLDERS = ("feeds", "pagefind")
# Files every build writes that are not pages: the crawlers' (site_pages.py), the feed list and the manifest.
SITE_FILES = ("robots.txt", "sitemap.xml", "feeds.opml", ".notes-manifest.json")
# Settings whose layouts start in a folder of the site's own (teams/{slug}/index.html: teams/).
_FOLDER_LAYOUTS = ("WEEKNOTE_SAVE_AS", "TEAM_SAVE_AS", "PROFILE_SAVE_AS", "TAG_SAVE_AS", "CATEGORY_SAVE_AS",
                   "ARTICLE_SAVE_AS")
# The content contract's addresses (GDS blog style, docs/content.md), which pelicanconf.py sets: the layout of
# a content folder checked without a settings file.
CONTRACT = {
    "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "TAG_SAVE_AS": "tags/{slug}/index.html",
    "CATEGORY_SAVE_AS": "categories/{slug}/index.html",
    **{f"{name.upper()}_SAVE_AS": f"{name}/index.html" for name in ("tags", "categories", "authors", "archives")},
    "DEFAULT_CATEGORY": "blog",
}


@dataclass(frozen=True)
class Layout:
    settings: Mapping[str, Any]

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Layout:
        """The layout a settings file's values give, with Pelican's and notes' defaults for what they leave out."""
        return cls(with_defaults(settings))

    @classmethod
    def contract(cls) -> Layout:
        return cls.of(CONTRACT)

    def note(self, note: Note) -> str | None:
        """The file of `note`'s page; None if its layout needs what the content checks cannot know."""
        if note.kind == WEEKNOTE:
            return self._format("WEEKNOTE_SAVE_AS", team=note.team, week=note.week.slug)
        if note.kind == PAGE:
            return self._format("PAGE_SAVE_AS", slug=note.slug)
        if note.kind == POST and note.date is not None:
            category = slugify(note.category or self.settings["DEFAULT_CATEGORY"])
            author = note.authors[0] if note.authors else ""
            return self._format("ARTICLE_SAVE_AS", slug=note.slug, date=note.date, category=category, author=author,
                                lang=self.settings.get("DEFAULT_LANG", "en"))
        return None

    def tag(self, name: str) -> str | None:
        return self._format("TAG_SAVE_AS", slug=slugify(name))

    def category(self, name: str) -> str | None:
        return self._format("CATEGORY_SAVE_AS", slug=slugify(name))

    def team(self, slug: str) -> str | None:
        return self._format("TEAM_SAVE_AS", slug=slug)

    def profile(self, slug: str) -> str | None:
        return self._format("PROFILE_SAVE_AS", slug=slug)

    def site_pages(self) -> set[str]:
        """The site's own pages, and the page of every category a note gets without naming one."""
        pages = {self._format(name) for name in SITE_PAGES}
        # Pelican writes each direct template at <NAME>_SAVE_AS, <name>.html unless set (its generators.py).
        pages |= {self.settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html") for name in
                  self.settings["DIRECT_TEMPLATES"]}
        pages |= {self.category(self.settings[name]) for name in ("DEFAULT_CATEGORY", "WEEKNOTE_CATEGORY")}
        return {page for page in pages if page}

    def folders(self) -> tuple[str, ...]:
        """Folders, with a trailing slash, that hold the build's own files: feeds, theme, search, static, drafts."""
        draft = posixpath.dirname(self.settings.get("DRAFT_SAVE_AS") or "")
        names = [*BUILD_FOLDERS, self.settings["THEME_STATIC_DIR"], *self.settings["STATIC_PATHS"], draft]
        return tuple(f"{name.strip('/')}/" for name in dict.fromkeys(names) if name and name.strip("/"))

    def site_folders(self) -> set[str]:
        """The top-level folders the site writes itself (tags, teams, weeknotes, search, feeds...): no page's."""
        layouts = [self.settings.get(name) or "" for name in _FOLDER_LAYOUTS] + sorted(self.site_pages())
        named = {layout.lstrip("/").split("/")[0] for layout in layouts if "/" in layout.lstrip("/")}
        return {name for name in named if "{" not in name} | {folder.rstrip("/") for folder in self.folders()}

    def _format(self, name: str, **fields) -> str | None:
        pattern = self.settings.get(name)
        if not pattern:
            return None
        try:
            return pattern.format(**fields).lstrip("/")
        except (KeyError, IndexError, ValueError, AttributeError):
            return None  # a field the content checks cannot fill in: Pelican's writer refuses a clash anyway
