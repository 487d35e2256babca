"""The site's addresses, from the settings file's URL patterns, without Pelican.

`notes email` links to the same pages as the site but does not run Pelican
(importing it alone costs a fifth of a second), so it fills in the patterns
here as Pelican does (`Content.url_format`). Every build checks that this
gives each note the address Pelican gave it (pipeline/pelican/feeds.py); the
defaults are the settings schema's (pipeline/site_settings.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.content.model import WEEKNOTE, Note
from pipeline.errors import ConfigError
from pipeline.site_settings import with_defaults

# Pelican's and notes' defaults (pipeline/site_settings.py), for the settings read here.
DEFAULTS: Mapping[str, Any] = with_defaults({})
# What an ARTICLE_URL may use here; Pelican also offers the category and the source path.
ARTICLE_FIELDS = "{slug}, {date}, {lang} and {author}"


@dataclass(frozen=True)
class SiteUrls:
    """Site paths relative to its root, like teams/identity/ ('' is the home page)."""

    settings: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        value = self.settings.get(key)
        return DEFAULTS[key] if value is None else value

    def note(self, note: Note) -> str:
        if note.kind == WEEKNOTE:
            return self["WEEKNOTE_URL"].format(team=note.team, week=note.week.slug)
        fields = {"slug": note.slug, "date": note.date, "lang": self["DEFAULT_LANG"],
                  "author": note.authors[0] if note.authors else ""}
        try:
            return self["ARTICLE_URL"].format(**fields)
        except (KeyError, IndexError, ValueError) as err:
            raise ConfigError(
                f"ARTICLE_URL '{self['ARTICLE_URL']}' cannot be filled in without Pelican ({err}): "
                f"notes email knows {ARTICLE_FIELDS}"
            ) from None

    def team(self, slug: str) -> str:
        return self["TEAM_URL"].format(slug=slug)

    @property
    def archives(self) -> str:
        return self["ARCHIVES_URL"]

    @property
    def subscribe(self) -> str:
        return self["SUBSCRIBE_URL"]
