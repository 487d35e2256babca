"""The feed settings in pelicanconf.py, checked once (their types and defaults: pipeline/site_settings.py).

Every problem is reported at once, each naming the setting, what it expects
and what it got, so that a wrong value never silently falls back to a default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pipeline.errors import ConfigError
from pipeline.site_settings import DEFAULTS

#: Every kind of feed; NOTES_FEED_RSS names the kinds that also get RSS 2.0.
FEED_KINDS = ("all", "posts", "weeknotes", "digest", "team", "author", "tag", "category")

# RFC 4151 tags name their authority by a DNS name (or an email address, which we do not use).
DNS_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")


class FeedSettingsError(ConfigError):
    """One or more feed settings are wrong; the message lists every one."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("feed settings in the settings file are wrong:\n    " + "\n    ".join(m for _, m in problems))
        self.problems = problems  # (the setting to change, what is wrong)


@dataclass(frozen=True)
class FeedSettings:
    base_url: str  # absolute, without a trailing slash: https://blog.example.gov.uk
    id_authority: str  # the DNS name in every tag: URI
    site_name: str
    site_subtitle: str
    language: str
    timezone: ZoneInfo
    publisher: str  # the author of digest entries
    max_items: int  # all, posts, weeknotes, digest
    topic_max_items: int  # team, author, tag, category
    rss_kinds: frozenset[str]
    today: date  # a week is closed, and in the digest, once its Sunday is before this day

    def absolute(self, path: str) -> str:
        """The absolute address of a site path like 'teams/identity/' ('' is the home page)."""
        return f"{self.base_url}/{path}"

    def limit(self, kind: str) -> int:
        return self.topic_max_items if kind in ("team", "author", "tag", "category") else self.max_items


def enabled(settings: Mapping) -> bool:
    """NOTES_FEEDS = False builds the site without feeds (the benchmark compares both)."""
    return bool(settings.get("NOTES_FEEDS", DEFAULTS["NOTES_FEEDS"]))


def problems(settings: Mapping) -> list[tuple[str, str]]:
    """Every wrong feed setting, as (the setting to change, what is wrong), found before any build."""
    if not enabled(settings):
        return []
    try:
        read(settings, today=date.min)
    except FeedSettingsError as err:
        return err.problems
    return []


def read(settings: Mapping, today: date) -> FeedSettings:
    """The feed settings from Pelican's settings; FeedSettingsError lists every problem.

    `today` is the build's day (NOTES_TODAY, read where the cadence page reads it).
    """
    problems: list[tuple[str, str]] = []
    get = lambda key: settings.get(key, DEFAULTS.get(key))  # noqa: E731

    timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    base_url = _base_url(settings, problems)
    authority = get("NOTES_FEED_ID_AUTHORITY") or (urlsplit(base_url).hostname or "")
    # An address already reported wrong is not reported again as a wrong domain.
    if (get("NOTES_FEED_ID_AUTHORITY") or not problems) and not _is_domain_name(authority):
        source = "NOTES_FEED_ID_AUTHORITY" if get("NOTES_FEED_ID_AUTHORITY") else "the domain of FEED_DOMAIN"
        problems.append((
            "NOTES_FEED_ID_AUTHORITY",
            f"{source} must be a domain name like blog.example.gov.uk, to make entry IDs (tag: URIs); got '{authority}'",
        ))
    max_items = _count("NOTES_FEED_MAX_ITEMS", get("NOTES_FEED_MAX_ITEMS"), problems)
    topic_max_items = _count("NOTES_FEED_TOPIC_MAX_ITEMS", get("NOTES_FEED_TOPIC_MAX_ITEMS"), problems)
    rss_kinds = _kinds(get("NOTES_FEED_RSS"), problems)

    if problems:
        raise FeedSettingsError(problems)
    site_name = str(settings.get("SITENAME", ""))
    return FeedSettings(
        base_url=base_url,
        id_authority=authority,
        site_name=site_name,
        site_subtitle=str(settings.get("SITESUBTITLE") or ""),
        language=_language_tag(str(settings.get("DEFAULT_LANG") or "en-GB")),
        timezone=timezone,
        publisher=str(get("NOTES_PUBLISHER") or site_name),
        max_items=max_items,
        topic_max_items=topic_max_items,
        rss_kinds=rss_kinds,
        today=today,
    )


def _base_url(settings: Mapping, problems: list[tuple[str, str]]) -> str:
    # Pelican copies SITEURL into FEED_DOMAIN when FEED_DOMAIN is not set;
    # a development build has an empty SITEURL, so pelicanconf.py sets it.
    value = str(settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append((
            "FEED_DOMAIN",
            "FEED_DOMAIN (or SITEURL) must be the site's absolute address, like https://blog.example.gov.uk: "
            f"feed readers need absolute links; got '{value}'",
        ))
    return value


def _is_domain_name(text: str) -> bool:
    """blog.example.gov.uk, but not 127.0.0.1 or localhost: a top-level domain is never all digits."""
    return bool(DNS_NAME.fullmatch(text)) and not text.rsplit(".", 1)[-1].isdigit()


def _language_tag(value: str) -> str:
    """'en-gb' (Pelican lowercases DEFAULT_LANG) as BCP 47 writes it: 'en-GB'."""
    language, *rest = value.replace("_", "-").split("-")
    return "-".join([language.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def _count(key: str, value: Any, problems: list[tuple[str, str]]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append((key, f"{key} must be a whole number of entries, 1 or more; got {value!r}"))
        return 1
    return value


def _kinds(value: Any, problems: list[tuple[str, str]]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        problems.append(("NOTES_FEED_RSS", f"NOTES_FEED_RSS must be a list of feed kinds like ['all', 'team']; got {value!r}"))
        return frozenset()
    unknown = [kind for kind in value if kind not in FEED_KINDS]
    if unknown:
        problems.append(("NOTES_FEED_RSS",
                         f"NOTES_FEED_RSS names unknown feed kinds {unknown}; expected some of: {', '.join(FEED_KINDS)}"))
    return frozenset(kind for kind in value if kind in FEED_KINDS)
