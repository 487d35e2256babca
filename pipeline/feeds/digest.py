"""The weekly digest: each closed ISO week's weeknotes by team, and its posts.

A reader who follows every team gets twenty items a week; the digest gives
one. A week is closed once its Sunday is over (before the build's "today",
NOTES_TODAY), so a digest appears once, complete. A weeknote published late
joins its week's digest, which keeps its date: a weeknote's date always
falls inside its week (M202), so nothing later can date the change.

`Digest` is the one model of a week: the digest feed's entry (`as_entry`,
weeknotes only, as the feed has always been) and `notes email` (weeknotes
and posts, pipeline/email/) are both made from it, so the two never
disagree. Its notes are `Item`s, which the Pelican plugin makes from its
feed entries and `notes email` from the loaded notes (pipeline/email/week.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from jinja2 import Environment
from markupsafe import escape

from pipeline.content.model import POST, WEEKNOTE, IsoWeek
from pipeline.feeds.ids import digest_specific, tag_uri
from pipeline.feeds.model import Entry, Link, Person
from pipeline.feeds.settings import FeedSettings
from pipeline.feeds.text import xml_safe

DIGEST = "digest"
END_OF_DAY = time(23, 59, 59)
# There is no page for a week. A digest entry links to the archive, at the month
# of the week's notes (the anchors of the `archive` macro in theme/templates/macros.html):
# without a link, readers such as feedparser's take the tag: ID for the entry's address.
ARCHIVE_MONTH = "{archives_url}#archive-{day:%Y}-{day:%m}"

# Autoescaped: titles and team names are text; a weeknote's summary is already HTML.
_CONTENT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string("""\
{% for team in teams %}
<h2>{{ team.name }}</h2>
{% for note in team.notes %}
<h3><a href="{{ note.url }}">{{ note.title }}</a></h3>
<div>{{ note.summary|safe }}</div>
{% endfor %}
{% endfor %}
""")


@dataclass(frozen=True)
class Item:
    """A post or weeknote as the digest lists it."""

    kind: str  # post | weeknote
    title: str  # plain text
    url: str  # absolute
    summary: str  # HTML, every address absolute
    published: datetime  # aware, in the site's time zone
    team: str | None = None
    week: IsoWeek | None = None  # a weeknote's week
    source: str = ""  # the file it came from

    @classmethod
    def of(cls, entry: Entry) -> Item:
        return cls(entry.kind, entry.title, entry.url or "", entry.summary, entry.published,
                   entry.team, entry.week, entry.source)

    @property
    def listed_in(self) -> IsoWeek:
        """A weeknote is listed in its own week, a post in the week of its date."""
        return self.week or IsoWeek.of(self.published.date())


@dataclass(frozen=True)
class TeamNotes:
    slug: str
    name: str
    notes: tuple[Item, ...]  # oldest first


@dataclass(frozen=True)
class Digest:
    """One closed week: its weeknotes by team (teams by name) and its posts, oldest first."""

    week: IsoWeek
    teams: tuple[TeamNotes, ...]
    posts: tuple[Item, ...]
    closes: datetime  # the last second of the week's Sunday

    @property
    def title(self) -> str:
        return f"Weeknotes for week {self.week.week}, {self.week.year}"

    @property
    def teams_listed(self) -> str:
        """Plain text: '2 teams: Data platform and Identity' ('' without weeknotes)."""
        names = [team.name for team in self.teams]
        if not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return ("1 team" if len(names) == 1 else f"{len(names)} teams") + f": {listed}"

    @property
    def summary(self) -> str:
        """HTML: 'Weeknotes from 2 teams: Data platform and Identity.'"""
        return str(escape(f"Weeknotes from {self.teams_listed}.")) if self.teams else ""

    def for_team(self, slug: str) -> Digest:
        """The same week with only one team's weeknotes (and every post)."""
        return replace(self, teams=tuple(team for team in self.teams if team.slug == slug))

    def as_entry(self, settings: FeedSettings, archives_url: str) -> Entry:
        """The digest feed's entry: the week's weeknotes, by team."""
        weeknotes = [note for team in self.teams for note in team.notes]
        archive = ARCHIVE_MONTH.format(archives_url=archives_url, day=max(note.published for note in weeknotes))
        return Entry(
            id=digest_id(self.week, settings),
            title=self.title,
            published=self.closes,
            updated=self.closes,
            summary=self.summary,
            content=_CONTENT.render(teams=self.teams).strip(),
            authors=(Person(xml_safe(settings.publisher), settings.absolute("")),),
            links=(Link(settings.absolute(archive), "alternate", "text/html"),),
            kind=DIGEST,
            week=self.week,
            source=f"the digest of {self.week}",
        )


def digest_id(week: IsoWeek, settings: FeedSettings) -> str:
    """tag:blog.example.gov.uk,2026-11-29:digest-2026-w48"""
    return tag_uri(settings.id_authority, week.sunday, digest_specific(week.slug))


def end_of_week(week: IsoWeek, settings: FeedSettings) -> datetime:
    """The last second of the week's Sunday, in the site's time zone: the digest entry's date."""
    return datetime.combine(week.sunday, END_OF_DAY, tzinfo=settings.timezone)


def is_closed(week: IsoWeek, today: date) -> bool:
    return week.sunday < today


def digests(items: Iterable[Item], team_names: Mapping[str, str], settings: FeedSettings) -> list[Digest]:
    """A digest for each closed week in which anything was published, newest week first."""
    weeks: dict[IsoWeek, list[Item]] = defaultdict(list)
    for item in items:
        if item.kind in (WEEKNOTE, POST) and is_closed(item.listed_in, settings.today):
            weeks[item.listed_in].append(item)
    return [_digest(week, weeks[week], team_names, settings) for week in sorted(weeks, reverse=True)]


def digest_entries(notes: Iterable[Entry], team_names: Mapping[str, str], settings: FeedSettings,
                   archives_url: str = "archives/") -> list[Entry]:
    """The digest feed: an entry for each closed week with at least one weeknote, newest week first."""
    weeknotes = (Item.of(note) for note in notes if note.kind == WEEKNOTE and note.week is not None)
    return [digest.as_entry(settings, archives_url) for digest in digests(weeknotes, team_names, settings)]


def _digest(week: IsoWeek, items: list[Item], team_names: Mapping[str, str], settings: FeedSettings) -> Digest:
    by_team: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.kind == WEEKNOTE:
            by_team[item.team or ""].append(item)
    teams = [
        TeamNotes(slug, xml_safe(team_names.get(slug, slug)), tuple(sorted(notes, key=_oldest_first)))
        for slug, notes in by_team.items()
    ]
    teams.sort(key=lambda team: (team.name.casefold(), team.slug))
    posts = tuple(sorted((item for item in items if item.kind == POST), key=_oldest_first))
    return Digest(week, tuple(teams), posts, end_of_week(week, settings))


def _oldest_first(item: Item) -> tuple:
    return (item.published, item.source)
