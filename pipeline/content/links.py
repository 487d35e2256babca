"""L101 broken-link: a link or image a writer typed that leads nowhere on the site.

Writers reach the rest of the site in four ways, and Pelican reads each its own way:
- a site address: `/2026/10/15/slug/`, `/images/chart.png`;
- an address relative to the page (`../slug/`), which a browser reads from the page's
  address, not from the note's file;
- a placeholder naming a file in content/: `{filename}/posts/x.md`, `{static}/images/a.png`,
  read from content/ when the path starts with "/" and from the note's own folder otherwise;
- a Markdown file by its path (`../x.md`), which the site never serves.
Pelican publishes a link it cannot resolve as it was written, with a warning that names no
note. So each one is checked here, before the build, against the pages and files the site
will have. Addresses in the folders the build fills itself (feeds, theme, search index) are
left to the self-check after the build, which reads the pages it made.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from pipeline.content.aliases import output_file
from pipeline.content.crosscheck import SITE_FOLDERS, note_file, own_files
from pipeline.content.layout import Layout
from pipeline.content.model import slugify
from pipeline.findings import Example, Finding, Level, Rule

if TYPE_CHECKING:
    from pipeline.clock import Today
    from pipeline.content.loader import Site
    from pipeline.content.model import Note

# A link or image as the Markdown parse found it: "link" or "image", its target as written, line and column.
Written = tuple[str, str, int, int]

EXTERNAL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")  # a scheme (https:, mailto:) or another host
# Pelican's intrasite placeholders (INTRASITE_LINK_REGEX): {filename}path, and the older |filename|path.
PLACEHOLDER = re.compile(r"[{|](\w+)[}|]")
FILE_PLACEHOLDERS = ("filename", "static", "attach")
MARKDOWN = (".md", ".markdown")
# Folders the build fills itself, which the content cannot know file by file; the self-check reads them.
BUILD_FOLDERS = tuple(folder for folder in SITE_FOLDERS if folder not in ("images/", "drafts/"))

_EXAMPLE_POST = ("---\ntitle: How we hire\ndate: 2026-11-27 09:00\nauthors: [jane-doe]\nsummary: Hiring.\n"
                 "---\n{}\n")


def _example(body: str) -> Example:
    return Example("posts/2026-11-27-hiring.md", _EXAMPLE_POST.format(body), shown=body)


# Examples are added to pipeline/content/rules.py's EXAMPLE_SITE: it has posts/2026-11-20-roadmap.md
# (/2026/11/20/why-we-publish-our-roadmap/), a data-platform weeknote for 2026-W47 and images/sam-lee.jpg.
RULE = Rule(
    "L101", "broken-link", Level.ERROR,
    "A link or image inside the site that leads to no page or file: a wrong address, a placeholder that names "
    "no file, a note's Markdown file, or a note readers cannot see yet.",
    "Readers would follow it to a page that is not there, or see a broken picture; Pelican publishes such a "
    "link as it was written, and its warning names no note.",
    "docs/rules.md#l101",
    (_example("Read [our roadmap](/2026/11/21/why-we-publish-our-roadmap/)."),
     _example("Read [our roadmap]({filename}posts/2026-11-20-roadmap.md)."),
     _example("Read [our roadmap](2026-11-20-roadmap.md)."),
     _example("![Sam at work](/images/sam.jpg)"),
     _example('<a href="../../../../2026/11/20/roadmap/">our roadmap</a>'),
     _example("Read [our roadmap]({file}/posts/2026-11-20-roadmap.md)."),
     _example("[Our host]({static}/../../etc/hostname)")),
    (_example("Read [our roadmap](/2026/11/20/why-we-publish-our-roadmap/) and "
              "[last week's note](/weeknotes/data-platform/2026-w47/#what-went-well)."),
     _example("Read [our roadmap]({filename}2026-11-20-roadmap.md), or [the same]({filename}/posts/2026-11-20-roadmap.md)."),
     _example("![Sam at work]({static}/images/sam-lee.jpg)\n\n<img src=\"/images/sam-lee.jpg\" alt=\"Sam\">"),
     _example('<a href="../../../../2026/11/20/why-we-publish-our-roadmap/">our roadmap</a>, '
              "[Jane](/authors/jane-doe/), [all feeds](/feeds/all.atom.xml), [GOV.UK](https://www.gov.uk/) "
              "and [the top](#top).")),
)


@dataclass(frozen=True)
class _Addresses:
    """What the site will have: its pages and files, and the content files that make them."""

    pages: dict[str, str]  # site file -> what it is, for every page readers can reach
    unseen: dict[str, Note]  # site file -> a draft or scheduled note, which readers cannot reach yet
    sources: dict[str, str]  # content-relative path of every note, team and author -> its page's file
    static: frozenset[str]  # content-relative path of every published static file, which is also its site path

    @cached_property
    def closest_url(self) -> _Closest:
        return _Closest(["/" + file.removesuffix("index.html") for file in self.pages] + ["/" + f for f in self.static])

    @cached_property
    def closest_source(self) -> _Closest:
        return _Closest(self.sources)

    @cached_property
    def closest_static(self) -> _Closest:
        return _Closest(self.static)

    @cached_property
    def closest_file(self) -> _Closest:
        return _Closest([*self.sources, *self.static])


def check(site: Site, written: dict[str, list[Written]], today: Today, layout: Layout | None = None) -> list[Finding]:
    """L101 for every link and image in `written` (by the item's source name) that leads nowhere, where `layout`
    (the settings', else the content contract's) places the site's pages."""
    layout = layout or Layout.contract()
    root = os.path.abspath(site.content_dir) + os.sep
    items = list(_items(site, today, root, layout))
    addresses = _addresses(site, items, root, layout)
    findings = []
    for item, source, page, published in items:
        folder = posixpath.dirname(source)
        for kind, target, line, col in written.get(item.source, ()):
            problem = _problem(target, page, folder, published, addresses)
            if problem:
                findings.append(Finding(item.source, line, col, RULE.code, f"{kind} {_quoted(target)} {problem}"))
    return findings


def _items(site: Site, today: Today, root: str, layout: Layout):
    """Every file whose text is a page: (item, its path in content/, its page's file, readers see it now)."""
    for note in site.notes:
        published = note.status == "published" and not today.holds_back(note.date, site.timezone)
        yield note, _relative(note.path, root), note_file(note, layout), published
    for page_of, items in ((layout.team, site.teams), (layout.profile, site.authors)):
        for slug, item in items.items():
            yield item, _relative(item.doc.path, root), page_of(slug), True


def _addresses(site: Site, items: list, root: str, layout: Layout) -> _Addresses:
    pages = own_files(site, layout)
    unseen = {}
    for item, _, file, published in items:
        if file and not published:
            unseen[file] = item
            pages.pop(file, None)
    # Tag and category pages are made from the notes readers see: one that only drafts or scheduled notes name
    # does not exist (a draft's preview linking to it would fail the self-check too).
    seen = {id(item) for item, _, _, published in items if published}
    hidden = _term_pages([n for n in site.notes if id(n) not in seen], layout)
    for page in hidden - _term_pages([n for n in site.notes if id(n) in seen], layout):
        pages.pop(page, None)
    for note in site.notes:
        pages.update(dict.fromkeys((output_file(alias) for alias in note.aliases), f"an alias of {note.source}"))
    sources = {source: file for _, source, file, _ in items}
    static = frozenset(_relative(path, root) for path in site.static_files)
    return _Addresses(pages, unseen, sources, static)


def _term_pages(notes: list, layout: Layout) -> set[str]:
    return {page for note in notes
            for page in (*(layout.tag(tag) for tag in note.tags), note.category and layout.category(note.category))
            if page}


def may_lead_inside(target: str) -> bool:
    """Whether a link's target is an address in this site: not another site's, and not a place in the page."""
    target = target.strip()
    return bool(target) and not target.startswith(("#", "?")) and not EXTERNAL.match(target)


def _problem(target: str, page: str | None, folder: str, published: bool, site: _Addresses) -> str | None:
    """What is wrong with one link that may lead inside the site, or None when it leads somewhere."""
    target = target.strip()
    placeholder = PLACEHOLDER.match(target)
    if placeholder:
        return _placeholder_problem(placeholder[1], target[placeholder.end():], folder, published, site)
    path = unquote(urlsplit(target).path)
    if path.endswith(MARKDOWN):
        source = _join(folder, path)
        if source in site.sources or source in site.static:
            return f"is a Markdown file, which the site does not serve: write '{{filename}}/{source}'"
        return f"is a Markdown file, which the site does not serve{_suggest(source, site.closest_source, '{filename}/')}"
    base = posixpath.dirname(page) if page else ""
    file = _join("" if path.startswith("/") else base, path.lstrip("/"))
    if file is None:
        return "leads outside the site"
    for candidate in (file, posixpath.join(file, "index.html")):
        if candidate in site.pages or candidate in site.static:
            return None
        if candidate in site.unseen:
            return _unseen(site.unseen[candidate], published)
    if file.startswith(BUILD_FOLDERS):
        return None
    return f"leads to no page or file on the site{_suggest('/' + file, site.closest_url, '')}"


def _placeholder_problem(what: str, rest: str, folder: str, published: bool, site: _Addresses) -> str | None:
    if what not in FILE_PLACEHOLDERS:
        # {tag}, {category}, {author} and {index} name a page by its name, not a file.
        if what in ("tag", "category", "author", "index"):
            return None
        return (f"uses {{{what}}}, which Pelican does not know: "
                f"use {{filename}} for a note or {{static}} for a file in content/")
    path = unquote(urlsplit(rest).path)

    def exists(name: str) -> bool:  # {filename} finds a static file too, as Pelican does (with a warning)
        return name in site.static or (what == "filename" and name in site.sources)

    source = _join("" if path.startswith("/") else folder, path.lstrip("/"))
    if source is None:
        return "leads outside content/"
    if exists(source):
        file = site.sources.get(source)
        return _unseen(site.unseen[file], published) if file in site.unseen else None
    if not path.startswith("/") and exists(path):
        return (f"names content/{source}, which is not there: without a leading '/', Pelican reads the path from "
                f"the note's own folder ({folder or 'content'}/); write '{{{what}}}/{path}'")
    closest = site.closest_file if what == "filename" else site.closest_static
    return f"names content/{source}, which is not there{_suggest(source, closest, f'{{{what}}}/')}"


def _unseen(note: Note, published: bool) -> str | None:
    if not published:
        return None  # a draft may link to another draft
    if note.status != "published":
        return f"leads to {note.source}, a {note.status} that readers cannot see: publish it first, or remove the link"
    return (f"leads to {note.source}, which is scheduled for {note.date:%-d %B %Y}: readers would find no page "
            "until then")


def _join(folder: str, path: str) -> str | None:
    """`path` read from `folder` (both relative to the same root); None if it climbs out of the root."""
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../"):
        return None
    return "" if joined == "." else joined + ("/" if path.endswith("/") else "")


class _Closest:
    """The closest of many names to a wrong one, without comparing it with all of them (a site has thousands):
    one with the same last part first (a date or folder mistyped), else the most alike in the same folder."""

    def __init__(self, names: Iterable[str]):
        self.by_last: dict[str, list[str]] = defaultdict(list)
        self.by_folder: dict[str, list[str]] = defaultdict(list)
        for name in names:
            self.by_last[_last(name)].append(name)
            self.by_folder[posixpath.dirname(name.rstrip("/"))].append(name)

    def __call__(self, wanted: str) -> str | None:
        same_name = self.by_last.get(_last(wanted))
        if same_name:
            return difflib.get_close_matches(wanted, same_name, n=1, cutoff=0)[0]
        siblings = self.by_folder.get(posixpath.dirname(wanted.rstrip("/")), [])
        found = difflib.get_close_matches(wanted, siblings, n=1, cutoff=0.8)
        return found[0] if found else None


def _last(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1]


def _suggest(wanted: str | None, closest: _Closest, prefix: str) -> str:
    found = closest(wanted) if wanted else None
    return f": did you mean '{prefix}{found}'?" if found else ""


def _relative(path, root: str) -> str:
    """A path inside content/ (at `root`), relative to it, with "/" between folders."""
    return os.path.abspath(path).removeprefix(root).replace(os.sep, "/")


def _quoted(target: str) -> str:
    shown = target if len(target) <= 80 else target[:80] + "…"
    return f"'{shown}'"
