"""Where each imported note goes, and whether it may go there: a plan, written by write.py.

Nothing is ever overwritten. A note whose feed ID or one of whose old
addresses is already in content/ was imported before: it is unchanged, so
importing the same source twice creates nothing. Any other note already at
the file, week or slug a note would take is a collision, reported and left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.content.aliases import is_alias, output_file
from pipeline.content.loader import Site, display_path
from pipeline.content.model import POST, WEEKNOTE, IsoWeek
from pipeline.importers.records import Imported, Person, Skipped
from pipeline.importers.text import slug_of
from pipeline.importers.write import note_text

DERIVED_SUMMARY = "summary taken from the first paragraph: check it says what the note is about"
NO_SUMMARY = "no summary, and no paragraph to take one from, so the title is the summary: write one"


@dataclass(frozen=True)
class Choices:
    """What the command line asked for: the kind of note, the team for weeknotes, one author for all."""

    kind: str = POST
    team: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class NewAuthor:
    slug: str
    person: Person
    path: Path


@dataclass(frozen=True)
class Placed:
    """An imported note with its file and front matter."""

    imported: Imported
    path: Path
    fields: dict
    attention: tuple[str, ...]


@dataclass
class Plan:
    create: list[Placed] = field(default_factory=list)
    unchanged: list[Placed] = field(default_factory=list)
    authors: list[NewAuthor] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def make_plan(site: Site, notes: list[Imported], choices: Choices) -> Plan:
    return _Planner(site, choices).plan(notes)


class _Planner:
    def __init__(self, site: Site, choices: Choices):
        self.site, self.choices = site, choices
        self.result = Plan()
        self.by_id = {n.id: n for n in site.notes if n.id}
        self.by_alias = {output_file(a): n for n in site.notes for a in n.aliases}
        self.slugs = {n.slug: n.source for n in site.notes if n.kind == POST}
        self.weeks = {(n.team, n.week): n.source for n in site.notes if n.kind == WEEKNOTE}
        self.paths: dict[Path, str] = {}  # files this import will write, and from which source
        self.authors = dict.fromkeys(site.authors)  # slug -> None; new ones added as planned
        self.names = {a.name.casefold(): a.slug for a in site.authors.values()}

    def plan(self, notes: list[Imported]) -> Plan:
        for note in sorted(notes, key=lambda n: (n.date.isoformat(), n.source)):  # oldest first: the first keeps a slug
            self._place(note)
        return self.result

    def _place(self, note: Imported) -> None:
        authors = self._authors(note)
        if authors is None:
            return
        weeknote = self.choices.kind == WEEKNOTE
        slug = slug_of(unquote(note.slug)) or slug_of(note.title)
        if not slug and not weeknote:
            self._skip(note, "cannot make a file name from its title or slug: give it a title in Latin letters")
            return
        day = note.date.date() if isinstance(note.date, datetime) else note.date
        week = IsoWeek.of(day)
        if weeknote:
            path = self.site.content_dir / "weeknotes" / self.choices.team / f"{week}.md"
            address = f"/weeknotes/{self.choices.team}/{week.slug}/"
        else:
            path = self.site.content_dir / "posts" / f"{day:%Y-%m-%d}-{slug}.md"
            address = f"/{day:%Y/%m/%d}/{slug}/"
        aliases, attention = _aliases(note.urls, address)
        fields = _fields(note, authors, aliases, slug, weeknote)
        summary_note = [NO_SUMMARY] if not note.summary else [DERIVED_SUMMARY] if note.summary_derived else []
        placed = Placed(note, path, fields, (*summary_note, *note.attention, *attention))

        earlier = self._imported_before(note, aliases)
        if earlier is not None:
            self.result.unchanged.append(Placed(note, earlier, fields, ()))
            return
        if path.exists() and path.read_text(encoding="utf-8", errors="replace") == note_text(placed):
            self.result.unchanged.append(placed)
            return
        clash = self._clash(path, slug, week, weeknote)
        if clash:
            self._skip(note, clash)
            return
        self.paths[path] = note.source
        if weeknote:
            self.weeks[self.choices.team, week] = display_path(path)
        else:
            self.slugs[slug] = display_path(path)
        self.result.create.append(placed)

    def _imported_before(self, note: Imported, aliases: list[str]) -> Path | None:
        """The file of a note in content/ with this note's feed ID or one of its old addresses."""
        match = self.by_id.get(note.id) if note.id else None
        match = match or next((self.by_alias[output_file(a)] for a in aliases if output_file(a) in self.by_alias), None)
        return match.path if match else None

    def _clash(self, path: Path, slug: str, week: IsoWeek, weeknote: bool) -> str | None:
        if path in self.paths:
            return f"{self.paths[path]} goes to the same file, {display_path(path)}"
        if weeknote and (self.choices.team, week) in self.weeks:
            return f"team {self.choices.team} already has a weeknote for {week}: {self.weeks[self.choices.team, week]}"
        if not weeknote and slug in self.slugs:
            return f"slug '{slug}' is already used by {self.slugs[slug]}"
        if path.exists():  # a file that did not load, or one of another kind
            return f"{display_path(path)} already exists and holds another note; notes import never overwrites"
        return None

    def _authors(self, note: Imported) -> list[str] | None:
        if self.choices.author:
            return [self.choices.author]
        if not note.authors:
            self._skip(note, "it names no author: give one with --author SLUG")
            return None
        slugs = []
        for person in note.authors:
            slug = self._author(person)
            if slug is None:
                self._skip(note, f"cannot make an author slug from '{person.name}': give one with --author SLUG")
                return None
            slugs.append(slug)
        return list(dict.fromkeys(slugs))

    def _author(self, person: Person) -> str | None:
        """An existing author by slug or name, else a new one."""
        for candidate in (slug_of(person.login), slug_of(person.name)):
            if candidate in self.authors:
                return candidate
        if person.name.casefold() in self.names:
            return self.names[person.name.casefold()]
        slug = slug_of(person.name) or slug_of(person.login)
        if not slug:
            return None
        self.authors[slug] = None
        self.names[person.name.casefold()] = slug
        path = self.site.content_dir / "authors" / f"{slug}.md"
        if not path.exists():  # a file that failed to load is still someone's: never overwrite it
            self.result.authors.append(NewAuthor(slug, person, path))
        return slug

    def _skip(self, note: Imported, reason: str) -> None:
        self.result.skipped.append(Skipped(note.source, reason))


def _aliases(urls: tuple[str, ...], address: str) -> tuple[list[str], list[str]]:
    """Old addresses as site paths, without the note's own new address; and why any was left out."""
    aliases: dict[str, str] = {}
    attention = []
    for url in urls:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.query or parts.fragment or not is_alias(path):
            attention.append(f"old address {url} cannot have a redirect page: redirect it on the web server")
        elif output_file(path) != output_file(address):
            aliases.setdefault(output_file(path), path)
    return list(aliases.values()), attention


def _fields(note: Imported, authors: list[str], aliases: list[str], slug: str, weeknote: bool) -> dict:
    """Front matter in the order `notes new` writes it; optional fields only when they say something."""
    fields: dict = {
        "title": note.title, "date": date_text(note.date), "authors": authors, "summary": note.summary or note.title,
    }
    if note.tags:
        fields["tags"] = list(note.tags)
    if note.category and not weeknote:
        fields["category"] = note.category
    fields["status"] = note.status
    if not weeknote and slug != slug_of(note.title):
        fields["slug"] = slug
    if note.id:
        fields["id"] = note.id
    if aliases:
        fields["aliases"] = aliases
    return fields


def date_text(moment: datetime | date) -> str:
    """As the contract reads dates: 2019-05-14, 2019-05-14 09:30, 2019-05-14 09:30+01:00."""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    text = f"{moment:%Y-%m-%d %H:%M}" + (f":{moment:%S}" if moment.second else "")
    offset = moment.strftime("%z")
    return text + (f"{offset[:3]}:{offset[3:]}" if offset else "")
