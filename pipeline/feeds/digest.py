"""The weekly digest: one entry per closed ISO week, listing that week's weeknotes by team.

A reader who follows every team gets twenty items a week; the digest gives
one. A week is closed once its Sunday is over (before the build's "today",
NOTES_TODAY), so an entry appears once, complete. A weeknote published late
joins its week's entry, which keeps its date: a weeknote's date always falls
inside its week (M202), so nothing later can date the change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, time

from jinja2 import Environment
from markupsafe import Markup

from pipeline.content.model import WEEKNOTE, IsoWeek
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
{% for team, notes in teams %}
<h2>{{ team }}</h2>
{% for note in notes %}
<h3><a href="{{ note.url }}">{{ note.title }}</a></h3>
<div>{{ note.summary|safe }}</div>
{% endfor %}
{% endfor %}
""")


def end_of_week(week: IsoWeek, settings: FeedSettings) -> datetime:
    """The last second of the week's Sunday, in the site's time zone: the digest entry's date."""
    return datetime.combine(week.sunday, END_OF_DAY, tzinfo=settings.timezone)


def digest_entries(notes: Iterable[Entry], team_names: Mapping[str, str], settings: FeedSettings,
                   archives_url: str = "archives/") -> list[Entry]:
    """An entry for each closed week with at least one weeknote, newest week first."""
    weeks: dict[IsoWeek, list[Entry]] = defaultdict(list)
    for note in notes:
        if note.kind == WEEKNOTE and note.week is not None and note.week.sunday < settings.today:
            weeks[note.week].append(note)
    return [_entry(week, weeks[week], team_names, settings, archives_url) for week in sorted(weeks, reverse=True)]


def _entry(week: IsoWeek, notes: list[Entry], team_names: Mapping[str, str], settings: FeedSettings,
           archives_url: str) -> Entry:
    by_team: dict[str, list[Entry]] = defaultdict(list)
    for note in notes:
        by_team[xml_safe(team_names.get(note.team or "", note.team or ""))].append(note)
    teams = sorted(by_team.items(), key=lambda item: item[0].casefold())
    for _, team_notes in teams:
        team_notes.sort(key=lambda n: (n.published, n.id))
    names = [name for name, _ in teams]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    count = "1 team" if len(names) == 1 else f"{len(names)} teams"
    closes = end_of_week(week, settings)
    archive = ARCHIVE_MONTH.format(archives_url=archives_url, day=max(note.published for note in notes))
    return Entry(
        id=tag_uri(settings.id_authority, week.sunday, digest_specific(week.slug)),
        title=f"Weeknotes for week {week.week}, {week.year}",
        published=closes,
        updated=closes,
        summary=str(Markup("Weeknotes from {count}: {teams}.").format(count=count, teams=listed)),
        content=_CONTENT.render(teams=teams).strip(),
        authors=(Person(xml_safe(settings.publisher), settings.absolute("")),),
        links=(Link(settings.absolute(archive), "alternate", "text/html"),),
        kind=DIGEST,
        week=week,
        source=f"the digest of {week}",
    )
