"""Where each imported note goes, and whether it may go there: a plan, written by write.py.

Nothing is ever overwritten. A note whose feed ID or one of whose old
addresses is already in content/ was imported before: it is unchanged, so
importing the same source twice creates nothing. Any other note already at
the file, week or slug a note would take is a collision, reported and left.

Notes are placed first, all of them, so that a note may link to one placed
after it; then each one's links are pointed at their new places and the
files they name are planned for copying (links.py). New addresses come from
the site's own settings (ARTICLE_URL, WEEKNOTE_URL). No note over the 4 MB a
note may be is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.content.aliases import is_alias, output_file
from pipeline.content.frontmatter import MAX_BYTES
from pipeline.content.loader import Site, display_path
from pipeline.content.model import POST, WEEKNOTE, IsoWeek
from pipeline.importers import links
from pipeline.importers.addresses import SiteUrls
from pipeline.importers.records import ADDRESS, ALT, SUMMARY, Imported, Notice, Person, Skipped
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


@dataclass
class Placed:
    """An imported note with its file, its front matter and its new address."""

    imported: Imported
    path: Path
    fields: dict
    attention: tuple[Notice, ...]
    address: str = ""
    copies: list[links.Copy] = field(default_factory=list)
    notes_linked: int = 0

    @property
    def body_line(self) -> int:
        """The line of the written file its body starts on, to which a notice's body line is added."""
        text = note_text(self)
        return text.count("\n", 0, text.index("\n---\n") + 5) + 1


@dataclass
class Plan:
    create: list[Placed] = field(default_factory=list)
    unchanged: list[Placed] = field(default_factory=list)
    authors: list[NewAuthor] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def copies(self) -> list[links.Copy]:
        return list({copy.target: copy for placed in self.create for copy in placed.copies}.values())


def make_plan(site: Site, notes: list[Imported], choices: Choices, urls: SiteUrls, static_folder: str) -> Plan:
    return _Planner(site, choices, urls, static_folder).plan(notes)


class _Planner:
    def __init__(self, site: Site, choices: Choices, urls: SiteUrls, static_folder: str):
        self.site, self.choices, self.urls = site, choices, urls
        self.result = Plan()
        self.by_id = {n.id: n for n in site.notes if n.id}
        self.by_alias = {output_file(a): n for n in site.notes for a in n.aliases}
        self.slugs = {n.slug: n.source for n in site.notes if n.kind == POST}
        self.weeks = {(n.team, n.week): n.source for n in site.notes if n.kind == WEEKNOTE}
        self.paths: dict[Path, str] = {}  # files this import will write, and from which source
        self.authors = dict.fromkeys(site.authors)  # slug -> None; new ones added as planned
        self.names = {a.name.casefold(): a.slug for a in site.authors.values()}
        self.first_names = _first_names(site)
        self.files = links.Files(site.content_dir, static_folder)
        self.by_key: dict[str, Placed] = {}  # what sources call a note -> where it went
        self.by_old_address: dict[str, str] = {}  # an old address's file -> the new address

    def plan(self, notes: list[Imported]) -> Plan:
        placed = [p for note in sorted(notes, key=lambda n: (n.date.isoformat(), n.source))  # oldest keeps a slug
                  if (p := self._place(note)) is not None]
        for item in placed:
            self._link(item)
        return self.result

    def _place(self, note: Imported) -> Placed | None:
        authors = self._authors(note)
        if authors is None:
            return None
        weeknote = self.choices.kind == WEEKNOTE
        if not note.title and not weeknote:
            return self._skip(note, "it has no title: give --field title=NAME for the field that holds it")
        slug = slug_of(unquote(note.slug)) or slug_of(note.title)
        if not slug and not weeknote:
            return self._skip(note, "cannot make a file name from its title or slug: give it a title in Latin letters")
        day = _day(note.date)
        week = IsoWeek.of(day)
        if weeknote:
            path = self.site.content_dir / "weeknotes" / self.choices.team / f"{week}.md"
            address = self.urls.weeknote(self.choices.team, week)
        else:
            path = self.site.content_dir / "posts" / f"{day:%Y-%m-%d}-{slug}.md"
            address = self.urls.post(note.date, slug, note.category)
        aliases, attention = _aliases(note.urls, address)
        fields = _fields(note, authors, aliases, slug, weeknote)
        summary_note = [Notice(SUMMARY, NO_SUMMARY)] if not note.summary else [
            Notice(SUMMARY, DERIVED_SUMMARY)] if note.summary_derived else []
        placed = Placed(note, path, fields, (*summary_note, *note.attention, *attention), address)

        earlier = self._imported_before(note, aliases)
        if earlier is not None:
            self.result.unchanged.append(Placed(note, earlier.path, fields, (), self._address_of(earlier)))
            self._known(note, self.result.unchanged[-1], aliases)
            return None
        clash = self._clash(path, slug, week, weeknote)
        if clash:
            return self._skip(note, clash)
        if len(note_text(placed).encode("utf-8")) > MAX_BYTES:
            return self._skip(note, f"it would be larger than the {MAX_BYTES // (1024 * 1024)} MB a note may be")
        self.paths[path] = note.source
        if weeknote:
            self.weeks[self.choices.team, week] = display_path(path)
        else:
            self.slugs[slug] = display_path(path)
        self._known(note, placed, aliases)
        return placed

    def _known(self, note: Imported, placed: Placed, aliases: list[str]) -> None:
        for key in note.keys:
            if key:
                self.by_key.setdefault(key, placed)
        for url in note.urls:
            self.by_old_address.setdefault(output_file(unquote(urlsplit(url).path)), placed.address)

    def _link(self, placed: Placed) -> None:
        """Point the note's links at their new places; then it is created, or unchanged if the file already says so."""
        note = placed.imported
        bundle = placed.path.stem.split("-", 3)[-1] if self.choices.kind == POST else placed.path.stem.lower()
        rewritten = links.rewrite(note.body, note.origin, note.site, self.files, self._address, self._old_address,
                                  bundle)
        placed.imported = replace(note, body=rewritten.body)
        # An image left out of the note (its file was not found) needs no alt text.
        gone = {f"image without alt text: {target}" for target in rewritten.left_out}
        placed.attention = (*(n for n in placed.attention if not (n.kind == ALT and n.text in gone)),
                            *rewritten.notices)
        placed.copies, placed.notes_linked = rewritten.copies, rewritten.notes_linked
        if not placed.path.exists():
            self.result.create.append(placed)
        elif placed.path.read_text(encoding="utf-8", errors="replace") == note_text(placed):
            self.result.unchanged.append(placed)
        else:  # a file that did not load, or one of another kind
            self._skip(note, f"{display_path(placed.path)} already exists and holds another note; "
                             "notes import never overwrites")

    def _address(self, kind: str, key: str) -> str | None:
        if kind != "note":
            return self.urls.term(kind, key)
        for variant in _variants(key):
            if variant in self.by_key:
                return self.by_key[variant].address
        return None

    def _old_address(self, path: str) -> str | None:
        file = output_file(path)
        if file in self.by_old_address:
            return self.by_old_address[file]
        note = self.by_alias.get(file)
        return self._address_of_note(note) if note is not None else None

    def _address_of(self, path: Path) -> str:
        note = next((n for n in self.site.notes if n.path == path), None)
        return self._address_of_note(note) if note is not None else ""

    def _address_of_note(self, note) -> str:
        if note.kind == WEEKNOTE:
            return self.urls.weeknote(note.team, note.week)
        return self.urls.post(note.date, note.slug, note.category)

    def _imported_before(self, note: Imported, aliases: list[str]):
        """The note in content/ with this note's feed ID or one of its old addresses."""
        match = self.by_id.get(note.id) if note.id else None
        return match or next((self.by_alias[output_file(a)] for a in aliases if output_file(a) in self.by_alias), None)

    def _clash(self, path: Path, slug: str, week: IsoWeek, weeknote: bool) -> str | None:
        if path in self.paths:
            return f"{self.paths[path]} goes to the same file, {display_path(path)}"
        if weeknote and (self.choices.team, week) in self.weeks:
            return f"team {self.choices.team} already has a weeknote for {week}: {self.weeks[self.choices.team, week]}"
        if not weeknote and slug in self.slugs:
            return f"slug '{slug}' is already used by {self.slugs[slug]}"
        return None

    def _authors(self, note: Imported) -> list[str] | None:
        if self.choices.author:
            return [self.choices.author]
        if not note.authors and self.choices.team:  # a team's weeknote is by its members, as notes new writes it
            return list(self.site.teams[self.choices.team].members) or self._skip(
                note, "it names no author, and its team has no members: give one with --author SLUG")
        if not note.authors:
            return self._skip(note, "it names no author: give one with --author SLUG")
        slugs = []
        for person in note.authors:
            slug = self._author(person)
            if slug is None:
                return self._skip(note, f"cannot make an author slug from '{person.name}': give one with --author SLUG")
            slugs.append(slug)
        return list(dict.fromkeys(slugs))

    def _author(self, person: Person) -> str | None:
        """An existing author by slug, name, or a first name only one of them has; else a new one."""
        for candidate in (slug_of(person.login), slug_of(person.name)):
            if candidate in self.authors:
                return candidate
        if person.name.casefold() in self.names:
            return self.names[person.name.casefold()]
        if " " not in person.name.strip() and person.name.casefold() in self.first_names:
            return self.first_names[person.name.casefold()]
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
        return None


def _first_names(site: Site) -> dict[str, str]:
    """Author slugs by first name, for the first names only one author has ('Owain' in a weeknote byline)."""
    found: dict[str, list[str]] = {}
    for author in site.authors.values():
        first = author.name.split()[0].casefold() if author.name.split() else ""
        found.setdefault(first, []).append(author.slug)
    return {first: slugs[0] for first, slugs in found.items() if first and len(slugs) == 1}


def _variants(key: str) -> list[str]:
    """How a reference may name a note: as written, from the root, without its extension or folders."""
    key = key.strip().lstrip("./").lstrip("/")
    stem = key.rsplit(".", 1)[0] if "." in key.rsplit("/", 1)[-1] else key
    return list(dict.fromkeys([key, stem, stem.removesuffix("/index"), stem.rsplit("/", 1)[-1]]))


def _aliases(urls: tuple[str, ...], address: str) -> tuple[list[str], list[Notice]]:
    """Old addresses as site paths, without the note's own new address; and why any was left out."""
    aliases: dict[str, str] = {}
    attention = []
    for url in urls:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.query or parts.fragment or not is_alias(path):
            attention.append(Notice(ADDRESS, f"old address {url} cannot have a redirect page: "
                                             "redirect it on the web server"))
        elif output_file(path) != output_file(address):
            aliases.setdefault(output_file(path), path)
    return list(aliases.values()), attention


def _fields(note: Imported, authors: list[str], aliases: list[str], slug: str, weeknote: bool) -> dict:
    """Front matter in the order `notes new` writes it; optional fields only when they say something."""
    fields: dict = {"date": date_text(note.date), "authors": authors, "summary": note.summary or note.title}
    if note.title:
        fields = {"title": note.title, **fields}
    if not fields["summary"]:  # a weeknote with no title, no summary and no text: a draft, said as much
        label = IsoWeek.of(_day(note.date)).label
        fields["summary"] = f"Weeknote for {label[0].lower()}{label[1:]}"
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


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def date_text(moment: datetime | date) -> str:
    """As the contract reads dates: 2019-05-14, 2019-05-14 09:30, 2019-05-14 09:30+01:00."""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    text = f"{moment:%Y-%m-%d %H:%M}" + (f":{moment:%S}" if moment.second else "")
    offset = moment.strftime("%z")
    return text + (f"{offset[:3]}:{offset[3:]}" if offset else "")
