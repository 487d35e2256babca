"""A closed week's digests, from the loaded notes, as the site shows them, without running Pelican.

The digest feed is made in the Pelican plugin from Pelican's articles; here
the same `Item`s are made from the notes themselves: the same title, the
summary rendered by the same renderer with the site's Markdown settings and
made absolute the same way, and the address from the same URL patterns
(pipeline/urls.py, which every build checks against Pelican's). Both then go
through `pipeline.feeds.digest.digests`, so the email and the feed list the
same notes in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from pipeline.content.model import POST, WEEKNOTE, IsoWeek, Note
from pipeline.errors import ConfigError
from pipeline.feeds import settings as feed_settings
from pipeline.feeds.catalogue import PATHS
from pipeline.feeds.digest import Digest, Item, digests, is_closed
from pipeline.feeds.settings import FeedSettings
from pipeline.feeds.text import absolute_html, xml_safe
from pipeline.markup import Renderer
from pipeline.project import Project
from pipeline.urls import SiteUrls


@dataclass(frozen=True)
class Site:
    """What the email says about the site besides the notes: its name, language and addresses."""

    name: str
    language: str
    urls: SiteUrls
    feeds: FeedSettings
    team_names: dict[str, str]
    has_feeds: bool

    def absolute(self, path: str) -> str:
        return self.feeds.absolute(path)

    @property
    def digest_feed(self) -> str | None:
        return self.absolute(PATHS["digest"]) if self.has_feeds else None

    def team_feed(self, slug: str) -> str | None:
        return self.absolute(PATHS["team"].format(slug=slug)) if self.has_feeds else None


def site_of(project: Project) -> Site:
    settings = project.settings
    feeds = feed_settings.read(settings, today=project.today.day)
    names = {slug: xml_safe(team.name) for slug, team in project.site.teams.items()}
    return Site(feeds.site_name, feeds.language, SiteUrls(settings), feeds, names, feed_settings.enabled(settings))


def last_closed_week(project: Project) -> IsoWeek:
    """The week before this one: the last whose Sunday is over."""
    return IsoWeek.of(project.today.day - timedelta(days=7))


def check_closed(week: IsoWeek, project: Project) -> None:
    if not is_closed(week, project.today.day):
        raise ConfigError(
            f"week {week} is not over until the end of Sunday {week.sunday:%-d %B %Y} "
            f"(today is {project.today.day:%-d %B %Y}, from {project.today.source}): "
            "a digest is sent for a closed week"
        )


def week_digest(project: Project, site: Site, week: IsoWeek) -> Digest | None:
    """The week's digest (weeknotes by team, and posts), or None when nothing was published in it."""
    renderer = Renderer(site.urls["MARKDOWN"], tuple(project.config.section("lint")["allowed_embeds"]))
    items = [_item(note, site, renderer) for note in project.site.notes if _published_in(note, week, site)]
    found = [digest for digest in digests(items, site.team_names, site.feeds) if digest.week == week]
    return found[0] if found else None


def _published_in(note: Note, week: IsoWeek, site: Site) -> bool:
    if note.status != "published" or note.kind not in (POST, WEEKNOTE) or note.date is None:
        return False
    return (note.week if note.kind == WEEKNOTE else IsoWeek.of(note.date.astimezone(site.feeds.timezone).date())) == week


def _item(note: Note, site: Site, renderer: Renderer) -> Item:
    """As the plugin's `entry_for` makes a note's feed entry, from the reader's metadata."""
    url = site.absolute(site.urls.note(note))
    summary = absolute_html(renderer.inline(note.summary), url) if note.summary else ""
    return Item(note.kind, xml_safe(note.title), url, summary, note.date.astimezone(site.feeds.timezone),
                note.team, note.week, note.source)

