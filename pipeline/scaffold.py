"""New posts and weeknotes from templates: `notes new`."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import yaml

from pipeline.cadence.periods import period_of
from pipeline.content.loader import Site, display_path
from pipeline.content.model import IsoWeek, slugify
from pipeline.errors import NotesError

POST_BODY = """\
Start with what happened and why it matters to the people reading.

## A heading in sentence case

Say what you did, what went wrong and what you will do next.
"""


class _Dumper(yaml.SafeDumper):
    """Writes dates as plain text, as people type them (the loader reads them as text)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }


def front_matter(fields: dict) -> str:
    text = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, default_flow_style=None, allow_unicode=True, width=1000)
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
    sections = team.sections or ("What went well", "What we learned", "What's next")
    body = "\n".join(f"## {heading}\n\n<!-- Write about this here. -->\n" for heading in sections)
    return _write(path, front_matter(fields) + body)
