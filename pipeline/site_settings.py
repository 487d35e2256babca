"""notes' own Pelican settings: one typed schema, every default in one place.

Pelican's settings are an uppercase dict in which a wrong value silently
falls back to a default. notes' own settings (the addresses of weeknotes,
teams, profiles and the extra pages, and the NOTES_* options) are declared
here, each with its type, default and meaning. `check` fills in the defaults
and reports every wrong value, and every unknown NOTES_* name, at once,
naming the settings file, as [tool.notes] problems are reported. The feed
settings' cross-checks (a domain for entry IDs, feed kinds) stay with the
feeds (pipeline/feeds/settings.py), which take their defaults from here.
`PELICAN_TYPES` checks the type of the Pelican settings notes reads, whose
defaults stay Pelican's.

`PELICAN_DEFAULTS` holds Pelican's own defaults for the settings notes reads
without importing Pelican: the addresses the content checks need
(pipeline/content/layout.py) and those `notes email` links to
(pipeline/urls.py); tests compare them with Pelican's DEFAULT_CONFIG.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import Any

PREFIX = "NOTES_"
# Set by notes itself for one build (pipeline/build.py, pipeline/pelican/), never by a settings file.
BUILD_OWN = frozenset({"NOTES_SITE", "NOTES_CONFIG", "NOTES_RENDERED", "NOTES_PROGRESS", "NOTES_PAGES_WRITTEN",
                       "NOTES_HOLD_SCHEDULED", "NOTES_WRITER", "NOTES_EMAIL_SIGNUP"})


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    fits: Callable[[Any], bool]
    expected: str
    doc: str


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _names(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def _day(value: Any) -> bool:
    return value is None or isinstance(value, (str, date))  # pipeline/clock.py reads it, and says what is wrong


def _address(name: str, default: str, doc: str) -> Setting:
    return Setting(name, default, _text, "text, like 'teams/{slug}/'", doc)


SETTINGS = (
    _address("WEEKNOTE_URL", "weeknotes/{team}/{week}/", "a weeknote's address"),
    _address("WEEKNOTE_SAVE_AS", "weeknotes/{team}/{week}/index.html", "where a weeknote's page is written"),
    Setting("WEEKNOTE_CATEGORY", "Weeknotes", _text, "text", "the category every weeknote is in"),
    _address("TEAM_URL", "teams/{slug}/", "a team's page"),
    _address("TEAM_SAVE_AS", "teams/{slug}/index.html", "where a team's page is written"),
    _address("TEAMS_URL", "teams/", "the list of teams"),
    _address("TEAMS_SAVE_AS", "teams/index.html", "where the list of teams is written"),
    _address("PROFILE_SAVE_AS", "authors/{slug}/index.html", "where each author's page is written (AUTHOR_URL)"),
    _address("SUBSCRIBE_URL", "subscribe/", "the subscribe page"),
    _address("SUBSCRIBE_SAVE_AS", "subscribe/index.html", "where the subscribe page is written"),
    _address("CADENCE_URL", "cadence/", "the cadence page"),
    _address("CADENCE_SAVE_AS", "cadence/index.html", "where the cadence page is written; empty for none"),
    _address("SEARCH_URL", "search/", "the search page"),
    _address("SEARCH_SAVE_AS", "search/index.html", "where the search page is written; empty for none"),
    _address("ACCESSIBILITY_URL", "accessibility/", "the accessibility statement"),
    _address("ACCESSIBILITY_SAVE_AS", "accessibility/index.html", "where the statement is written"),
    _address("NOT_FOUND_SAVE_AS", "404.html", "the page a web server shows for a missing address"),
    _address("ARCHIVES_URL", "archives/", "the archives page (Pelican has no default; the theme links it)"),
    Setting("NOTES_ORGANISATION", "", _text, "text", "the organisation in the footer; SITENAME if empty"),
    Setting("NOTES_LOGO_TEXT", "", _text, "text", "the header's home link; NOTES_ORGANISATION, else SITENAME"),
    Setting("NOTES_ACCESSIBILITY_CONTACT", "", _text, "text, an email address", "where to report accessibility problems"),
    Setting("NOTES_ACCESSIBILITY_PREPARED", "", _text, "a date like \"2026-11-12\", or empty",
            "the day the accessibility statement was first prepared"),
    Setting("NOTES_ACCESSIBILITY_REVIEWED", "", _text, "a date like \"2026-11-12\", or empty",
            "the day the accessibility statement was last reviewed"),
    Setting("NOTES_PUBLIC_CADENCE", "full", lambda value: value in ("full", "published", "off"),
            "'full', 'published' or 'off' (how much of each team's cadence the site shows)",
            "how much of each team's cadence the site shows"),
    Setting("NOTES_FEEDS", True, _flag, "True or False", "False builds the site without feeds"),
    Setting("NOTES_FEED_MAX_ITEMS", 20, _count, "a whole number of entries, 1 or more",
            "entries in the site-wide feeds and the digest"),
    Setting("NOTES_FEED_TOPIC_MAX_ITEMS", 500, _count, "a whole number of entries, 1 or more",
            "entries in team, author, tag and category feeds"),
    Setting("NOTES_FEED_RSS", ("all",), _names, "a list of feed kinds like ['all', 'team']",
            "kinds of feed that also get RSS 2.0"),
    Setting("NOTES_FEED_ID_AUTHORITY", None, _text_or_none, "a domain name, or None",
            "the domain in entry IDs; the domain of FEED_DOMAIN if None"),
    Setting("NOTES_PUBLISHER", None, _text_or_none, "text, or None", "the author of digest entries; SITENAME if None"),
    Setting("NOTES_STATIC_HTML", (), _names, "a list of files under content/ like ['images/map.html']",
            "HTML files in static folders the site may serve as they are (docs/site.md)"),
    Setting("NOTES_TODAY", None, _day, "a date like \"2026-11-29\", or None", "the day the build counts as today"),
)
DEFAULTS: Mapping[str, Any] = {setting.name: setting.default for setting in SETTINGS}

# Pelican's own defaults for what notes reads without Pelican (see above).
PELICAN_DEFAULTS = {
    "ARTICLE_URL": "{slug}.html",
    "DEFAULT_LANG": "en",
    "MARKDOWN": {
        "extension_configs": {
            "markdown.extensions.codehilite": {"css_class": "highlight"},
            "markdown.extensions.extra": {},
            "markdown.extensions.meta": {},
        },
        "output_format": "html5",
    },
    "ARTICLE_SAVE_AS": "{slug}.html",
    "PAGE_SAVE_AS": "pages/{slug}.html",
    "TAG_SAVE_AS": "tag/{slug}.html",
    "CATEGORY_SAVE_AS": "category/{slug}.html",
    "INDEX_SAVE_AS": "index.html",
    "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],  # each at <NAME>_SAVE_AS
    "DRAFT_SAVE_AS": "drafts/{slug}.html",
    "DEFAULT_CATEGORY": "misc",
    "THEME_STATIC_DIR": "theme",
    "STATIC_PATHS": ["images"],
}


def _pagination(value: Any) -> bool:
    return value is False or _count(value)


def _formats(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and (_text(v) or _names(v)) for k, v in value.items())


def _layout(value: Any) -> bool:
    return value is False or value is None or isinstance(value, str)  # Pelican writes nothing for an empty one


# Pelican's own settings that notes' build and templates read, with the type they need. Pelican fills in its
# defaults and never checks a type: DEFAULT_DATE_FORMAT = 5 failed deep in a template, exit 1, naming a note.
PELICAN_TYPES: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    ("SITENAME", _text, "text"),
    ("SITEURL", _text, "text, like 'https://blog.example.gov.uk', or empty"),
    ("FEED_DOMAIN", _text_or_none, "text, like 'https://blog.example.gov.uk', or None"),
    ("TIMEZONE", _text, "a time zone name like 'Europe/London'"),
    ("DEFAULT_LANG", _text, "a language tag like 'en-GB'"),
    ("DEFAULT_DATE_FORMAT", _text, "a strftime format like '%-d %B %Y'"),
    ("DATE_FORMATS", _formats, "a dict of language tags to strftime formats"),
    ("DEFAULT_PAGINATION", _pagination, "a whole number of notes a page, 1 or more, or False"),
    ("PAGINATED_TEMPLATES", lambda value: isinstance(value, dict), "a dict of template names to numbers or None"),
    ("RELATIVE_URLS", _flag, "True or False"),
    ("STATIC_PATHS", _names, "a list of folders under content/ like ['images']"),
    ("DIRECT_TEMPLATES", _names, "a list of template names like ['index', 'tags']"),
    ("MARKDOWN", lambda value: isinstance(value, dict), "a dict of Python-Markdown settings"),
    *((f"{kind}_{part}", _layout, "text, like '{slug}/index.html', or empty")
      for kind in ("ARTICLE", "PAGE", "TAG", "CATEGORY", "AUTHOR", "DRAFT") for part in ("URL", "SAVE_AS")),
)


def with_defaults(settings: Mapping[str, Any]) -> dict:
    """`settings` with Pelican's and notes' defaults filled in, as a build sees them, without Pelican."""
    return {**PELICAN_DEFAULTS, **DEFAULTS, **settings}


def apply(settings: MutableMapping[str, Any]) -> None:
    """Fill in the defaults of notes' settings that `settings` leaves out."""
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)


def check(settings: MutableMapping[str, Any]) -> list[tuple[str, str]]:
    """Fill in the defaults and return every problem, by setting: a wrong type of notes' settings or of the
    Pelican settings notes reads (PELICAN_TYPES), or an unknown NOTES_* name."""
    problems = []
    for setting in SETTINGS:
        value = settings.setdefault(setting.name, setting.default)
        if not setting.fits(value):
            problems.append((setting.name, f"{setting.name} must be {setting.expected}; got {value!r}"))
    for name, fits, expected in PELICAN_TYPES:
        if name in settings and not fits(settings[name]):
            problems.append((name, f"{name} must be {expected}; got {settings[name]!r}"))
    known = {setting.name for setting in SETTINGS} | BUILD_OWN
    for name in sorted(settings):
        if name.startswith(PREFIX) and name not in known:
            # Compared without the prefix every one shares, which would make any two names look alike.
            close = difflib.get_close_matches(name.removeprefix(PREFIX), [known_name.removeprefix(PREFIX) for known_name
                                              in sorted(known - BUILD_OWN) if known_name.startswith(PREFIX)], n=1)
            hint = f"; did you mean {PREFIX}{close[0]}?" if close else ""
            problems.append((name, f"unknown setting {name}{hint}"))
    return problems
