"""Load a content folder into a Site: every file read once, every problem kept.

The linter, `notes new`, the cadence report and the Pelican reader all work
from the Site this returns, so front matter is parsed one way only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.content import crosscheck, files, schema
from pipeline.content.frontmatter import Document, DocumentError, ParsedCache, read
from pipeline.content.layout import Layout
from pipeline.content.model import PAGE, POST, WEEKNOTE, Author, IsoWeek, Note, Team, slugify
from pipeline.findings import Finding, has_errors

TEAM, AUTHOR = "team", "author"
FOLDERS = {"posts": POST, "pages": PAGE, "teams": TEAM, "authors": AUTHOR}
SCHEMAS = {POST: schema.POST, WEEKNOTE: schema.WEEKNOTE, PAGE: schema.PAGE, TEAM: schema.TEAM, AUTHOR: schema.AUTHOR}
WEEKNOTE_NAME = re.compile(r"(\d{4}-[Ww]\d{2})\.md")
LAYOUT = (
    "posts/<name>.md, weeknotes/<team>/<YYYY>-W<ww>.md, teams/<slug>.md, authors/<slug>.md or pages/<name>.md"
)


@dataclass
class Site:
    content_dir: Path
    timezone: ZoneInfo
    authors: dict[str, Author] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    static_files: frozenset[str] = frozenset()  # absolute paths of the static files that may be published
    folder_links: tuple[str, ...] = ()  # symlinked folders under content_dir, which nothing reads
    _by_path: dict[str, Note] = field(default_factory=dict, repr=False)
    _resolved: dict[str, Note] = field(default_factory=dict, repr=False)  # by path with links resolved
    _indexed: int = field(default=-1, repr=False)  # how many notes _by_path was made from

    def note_at(self, path: str | Path) -> Note | None:
        """The note read from `path`, or None; Pelican's reader asks once per file."""
        if self._indexed != len(self.notes):
            self._indexed, self._resolved = len(self.notes), {}
            self._by_path = {str(n.path): n for n in self.notes}
        # Pelican names files as the loader does (absolute paths), so the plain name is tried first;
        # resolving symbolic links costs seconds on a large site, so only a name not found that way does.
        found = self._by_path.get(str(path))
        if found is None:
            if not self._resolved:
                self._resolved = {str(n.path.resolve()): n for n in self.notes}
            found = self._resolved.get(str(Path(path).resolve()))
        return found

    def replace(self, note: Note) -> None:
        """Put `note` in the place of the note read from the same file (`notes serve`, after an edit)."""
        self.notes[self.notes.index(self.note_at(note.path))] = note
        self._indexed = -1

    @property
    def published(self) -> list[Note]:
        return [n for n in self.notes if n.status == "published"]


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when inside it."""
    cwd = _cwd()
    if not path.is_absolute():
        path = cwd / path
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        try:
            return str(Path(os.path.realpath(path)).relative_to(cwd))  # realpath: a loop of links is no error here
        except ValueError:
            return str(path)


def _cwd() -> Path:
    """The resolved working folder, resolved once per folder: resolving costs a system call per part."""
    cwd = os.getcwd()
    if _CWD.get("raw") != cwd:
        _CWD.update(raw=cwd, resolved=Path(cwd).resolve())
    return _CWD["resolved"]


_CWD: dict = {}


def load_site(content_dir: Path, timezone: str = "Europe/London", parsed: ParsedCache | None = None,
              static_paths: Iterable[str] = files.DEFAULT_STATIC_PATHS, static_html: Iterable[str] = (),
              layout: Layout | None = None) -> Site:
    """Read every file under `content_dir` and check it against the contract.

    `parsed` answers for files parsed before (frontmatter.ParsedCache).
    `static_paths` (Pelican's STATIC_PATHS) and `static_html` (NOTES_STATIC_HTML)
    say which other files may be published (pipeline/content/files.py); `layout`
    says where the site writes its pages (the settings' URL layouts; the content
    contract's if None)."""
    site = Site(content_dir=content_dir, timezone=ZoneInfo(timezone))
    documents: list[tuple[str, Document]] = []
    found = files.inventory(content_dir, static_paths, static_html, display=display_path)
    site.files_checked = found.files
    site.findings += found.findings
    site.static_files = frozenset(os.path.abspath(path) for path in found.static)
    site.folder_links = tuple(path.relative_to(content_dir).as_posix() for path in found.folder_links)
    for path in found.notes:
        source = display_path(path)
        kind = _kind_of(path.relative_to(content_dir))
        if kind is None:
            site.findings.append(Finding(source, 1, 1, "M201", f"file is not where notes expects content: use {LAYOUT}"))
            continue
        try:
            documents.append((kind, read(path, source, parsed)))
        except DocumentError as err:
            site.findings.append(err.finding)

    # Authors and teams first: notes refer to them.
    for kind, doc in documents:
        if kind == AUTHOR:
            _add(site, kind, doc, _author)
        elif kind == TEAM:
            _add(site, kind, doc, _team)
    for kind, doc in documents:
        if kind not in (AUTHOR, TEAM):
            _add(site, kind, doc, lambda d, values, k=kind: _note(site, k, d, values))

    site.findings += crosscheck.check(site, layout or Layout.contract())
    site.findings.sort()
    return site


def _kind_of(relative: Path) -> str | None:
    parts = relative.parts
    if len(parts) == 2 and parts[0] in FOLDERS:
        return FOLDERS[parts[0]]
    if len(parts) == 3 and parts[0] == "weeknotes":
        return WEEKNOTE
    return None


def _add(site: Site, kind: str, doc: Document, build) -> None:
    values, findings = schema.validate(doc, kind, SCHEMAS[kind])
    if not has_errors(findings):
        try:
            item = build(doc, values)
        except DocumentError as err:
            findings.append(err.finding)
        else:
            if isinstance(item, Author):
                site.authors[item.slug] = item
            elif isinstance(item, Team):
                site.teams[item.slug] = item
            else:
                site.notes.append(item)
    site.findings += findings


def _file_slug(doc: Document) -> str:
    stem = doc.path.stem
    if not schema.SLUG.fullmatch(stem):
        raise DocumentError(
            Finding(doc.source, 1, 1, "M201", f"file name '{doc.path.name}' must be a slug: lowercase words joined by hyphens")
        )
    return stem


def _author(doc: Document, values: dict) -> Author:
    return Author(_file_slug(doc), values["name"], values.get("role", ""), doc, values.get("photo"))


def _team(doc: Document, values: dict) -> Team:
    return Team(
        slug=_file_slug(doc),
        name=values["name"],
        cadence=values["cadence"],
        due=values["due"],
        since=values["since"],
        members=values["members"],
        sections=values.get("sections", ()),
        quiet=values.get("quiet", ()),
        doc=doc,
    )


def _note(site: Site, kind: str, doc: Document, values: dict) -> Note:
    date = values.get("date")
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=site.timezone)
    team = week = None
    default_title = False
    title = values.get("title", "")
    slug = values.get("slug") or slugify(title)
    if kind == WEEKNOTE:
        team, week = _weeknote_place(doc)
        if values.get("team", team) != team:
            line, col = doc.where("team")
            raise DocumentError(
                Finding(doc.source, line, col, "M203", f"team '{values['team']}' disagrees with the folder '{team}'; remove the field or move the file")
            )
        if IsoWeek.of(date.date()) != week:
            line, col = doc.where("date")
            raise DocumentError(
                Finding(doc.source, line, col, "M202",
                        f"date {date.date()} is in {IsoWeek.of(date.date())}, but the file name says {week}: "
                        f"use a date from {week.monday} to {week.sunday}, or rename the file")
            )
        team_name = site.teams[team].name if team in site.teams else team
        default_title = not title
        title = title or f"{team_name} weeknote: week {week.week}, {week.year}"
        slug = f"{team}-{week.slug}"
    return Note(
        kind=kind,
        source=doc.source,
        path=doc.path,
        title=title,
        date=date,
        authors=values.get("authors", ()),
        summary=values.get("summary", ""),
        slug=slug,
        status=values.get("status", "published"),
        category=values.get("category"),
        tags=values.get("tags", ()),
        team=team,
        week=week,
        doc=doc,
        id=values.get("id"),
        aliases=values.get("aliases", ()),
        featured=values.get("featured", False),
        default_title=default_title,
    )


def _weeknote_place(doc: Document) -> tuple[str, IsoWeek]:
    team = doc.path.parent.name
    match = WEEKNOTE_NAME.fullmatch(doc.path.name)
    week = None
    if match:
        try:
            week = IsoWeek.parse(match[1])
        except ValueError:
            pass
    if week is None:
        raise DocumentError(
            Finding(doc.source, 1, 1, "M201", f"weeknote file name '{doc.path.name}' must be its ISO week, like 2026-W48.md")
        )
    return team, week
