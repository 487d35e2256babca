"""New posts, weeknotes, teams and authors from templates: `notes new`."""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from pathlib import Path

import yaml

from pipeline.cadence.periods import period_of
from pipeline.content.loader import Site, display_path
from pipeline.content.model import IsoWeek, slugify
from pipeline.content.placeholders import DEFAULT_SECTIONS, POST_BODY, SECTION_PROMPT
from pipeline.content.schema import WEEKDAYS
from pipeline.errors import NotesError

TEAM_BODY = """\
What the team does and who it works for, in two or three sentences. This is
the description on the team's page.
"""

AUTHOR_BODY = """\
A sentence or two about what you do and what you write about. This is the
bio on your author page.
"""


class _Dumper(yaml.SafeDumper):
    """Writes dates as plain text, as people type them (the loader reads them as text), one field a line,
    and lists on one line ([sam-lee, priya-patel]) as the content contract shows them."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }


_Dumper.add_representer(list, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items,
                                                                              flow_style=True))


def front_matter(fields: dict) -> str:
    text = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n"


def require_known(site: Site, kind: str, slugs, known) -> None:
    for slug in slugs:
        if slug not in known:
            close = difflib.get_close_matches(slug, list(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known {kind}s: {', '.join(sorted(known)) or 'none'}"
            folder = "authors" if kind == "author" else "teams"
            raise NotesError(f"unknown {kind} '{slug}': there is no content/{folder}/{slug}.md{hint}")


def _write(path: Path, text: str) -> Path:
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite a note
            file.write(text)
    except FileExistsError:
        raise NotesError(f"{display_path(path)} already exists; notes new never overwrites a note") from None
    return path


def new_post(site: Site, title: str, authors: tuple[str, ...], day: date, summary: str) -> Path:
    require_known(site, "author", authors, site.authors)
    slug = slugify(title)
    if not slug:
        raise NotesError(f"cannot make a file name from the title '{title}': use some letters or digits")
    path = site.content_dir / "posts" / f"{day:%Y-%m-%d}-{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = {
        "title": title,
        "date": f"{day:%Y-%m-%d} 09:00",
        "authors": list(authors),
        "summary": summary,
        "tags": [],
        "status": "draft",
    }
    return _write(path, front_matter(fields) + POST_BODY)


def new_weeknote(site: Site, team_slug: str, week: IsoWeek, today: date, authors: tuple[str, ...], summary: str) -> Path:
    require_known(site, "team", [team_slug], site.teams)
    team = site.teams[team_slug]
    authors = authors or team.members
    require_known(site, "author", authors, site.authors)
    # Date it today when writing in the week itself, else on the day it was due.
    day = today if IsoWeek.of(today) == week else min(period_of(team, week.monday).due, week.sunday)
    path = site.content_dir / "weeknotes" / team_slug / f"{week}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = {"date": f"{day:%Y-%m-%d}", "authors": list(authors), "summary": summary, "status": "draft"}
    sections = team.sections or DEFAULT_SECTIONS
    body = "\n".join(f"## {heading}\n\n{SECTION_PROMPT}\n" for heading in sections)
    return _write(path, front_matter(fields) + body)


def new_team(site: Site, name: str, slug: str | None, cadence: str, due: str, members: tuple[str, ...],
             since: date | None, today: date) -> Path:
    """content/teams/<slug>.md; notes are expected from `since`, by default the first due day after today."""
    slug = _slug_for(slug, name, "team name")
    require_known(site, "author", members, site.authors)
    if slug in site.teams:
        raise NotesError(f"there is already a team '{slug}' (content/teams/{slug}.md); pick another --slug")
    since = since or _next_weekday(today, due)
    fields = {"name": name, "cadence": cadence, "due": due, "since": f"{since:%Y-%m-%d}", "members": list(members),
              "sections": list(DEFAULT_SECTIONS)}
    path = site.content_dir / "teams" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    return _write(path, front_matter(fields) + TEAM_BODY)


def new_author(site: Site, name: str, slug: str | None, role: str) -> Path:
    """content/authors/<slug>.md, with a bio to fill in."""
    slug = _slug_for(slug, name, "name")
    if slug in site.authors:
        raise NotesError(f"there is already an author '{slug}' (content/authors/{slug}.md); pick another --slug")
    path = site.content_dir / "authors" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    return _write(path, front_matter({"name": name, "role": role}) + AUTHOR_BODY)


def _slug_for(slug: str | None, name: str, what: str) -> str:
    made = slugify(slug or name)
    if not made:
        raise NotesError(f"cannot make a file name from the {what} '{name}': use some letters or digits, or --slug")
    if slug is not None and made != slug:
        raise NotesError(f"'{slug}' is not a slug; use lower-case letters, digits and hyphens, like '{made}'")
    return made


def _next_weekday(after: date, weekday: str) -> date:
    """The first `weekday` (like "friday") after the day `after`."""
    ahead = (WEEKDAYS.index(weekday) - after.weekday() - 1) % 7 + 1
    return after + timedelta(days=ahead)
