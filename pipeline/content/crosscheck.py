"""Checks that need the whole site: references between files, and duplicates."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.content.aliases import output_file
from pipeline.content.frontmatter import Document
from pipeline.content.layout import SITE_FILES, Layout
from pipeline.content.model import PAGE, POST, WEEKNOTE, Note, slugify
from pipeline.findings import Finding

if TYPE_CHECKING:
    from pipeline.content.loader import Site


def check(site: Site, layout: Layout) -> list[Finding]:
    findings: list[Finding] = []
    for team in site.teams.values():
        findings += _unknown_authors(site, team.members, "members", team.doc)
    findings += _missing_photos(site)
    for note in site.notes:
        findings += _unknown_authors(site, note.authors, "authors", note.doc)
        if note.kind == WEEKNOTE and note.team not in site.teams:
            findings.append(
                Finding(note.source, 1, 1, "M204",
                        f"team '{note.team}' has no team file: add content/teams/{note.team}.md{_suggest(note.team, site.teams)}")
            )
    findings += _duplicates(
        (n for n in site.notes if n.kind == WEEKNOTE),
        key=lambda n: (n.team, n.week),
        code="M206",
        describe=lambda n, first: f"a second {n.team} weeknote for {n.week}; the first is {first.source}",
    )
    findings += _unknown_related(site)
    findings += _duplicates(
        (n for n in site.notes if n.kind == POST),
        key=lambda n: n.slug,
        code="M207",
        describe=lambda n, first: f"slug '{n.slug}' is already used by {first.source}; set a different 'slug:'",
    )
    findings += _alias_clashes(site, layout)
    findings += _page_clashes(site, layout)
    findings += _long_names(site)
    return findings


# The content contract's folders of the build's own files (feeds/, theme/, pagefind/, images/, drafts/).
SITE_FOLDERS = Layout.contract().folders()


def own_files(site: Site, layout: Layout | None = None) -> dict[str, str]:
    """Every file the site writes for its notes, teams and authors, and what it is, where `layout` (the content
    contract's if None) places them."""
    layout = layout or Layout.contract()
    files = dict.fromkeys(layout.site_pages(), "one of the site's own pages")
    files.update(dict.fromkeys(SITE_FILES, "one of the site's own files"))
    for note in site.notes:
        if (file := note_file(note, layout)) is not None:
            files[file] = f"the address of {note.source}"
        for tag in note.tags:
            files[layout.tag(tag)] = f"the page of the tag '{tag}'"
        if note.category:
            files[layout.category(note.category)] = f"the page of the category '{note.category}'"
    files.update({layout.team(slug): f"the page of {team.source}" for slug, team in site.teams.items()})
    files.update({layout.profile(slug): f"the page of {author.source}" for slug, author in site.authors.items()})
    files.pop(None, None)  # a layout the checks cannot fill in (Layout._format)
    return files


def note_file(note: Note, layout: Layout | None = None) -> str | None:
    """The file of a note's page, as `layout` places it (the content contract's if None)."""
    return (layout or Layout.contract()).note(note)


def _alias_clashes(site: Site, layout: Layout) -> list[Finding]:
    """An alias must not take the place of a page the site writes, or of another note's alias."""
    own = own_files(site, layout)
    folders = layout.folders()
    taken: dict[str, str] = {}
    findings = []
    for note in sorted(site.notes, key=lambda n: n.source):
        for index, alias in enumerate(note.aliases):
            file = output_file(alias)
            # The same file, or a folder where the site writes a file (/robots.txt/ would need robots.txt/index.html).
            clash = next((found for name in (file, *_folders_of(file)) if (found := own.get(name) or taken.get(name))),
                         None)
            if clash is None and file.startswith(folders):
                clash = f"a file in /{file.split('/')[0]}/, a folder the site writes"
            if clash is None:
                taken[file] = f"an alias of {note.source}"
                continue
            line, col = note.doc.where("aliases", index)
            findings.append(Finding(note.source, line, col, "M209",
                                    f"alias '{alias}' would replace {clash}; remove it from 'aliases'"))
    return findings


def _folders_of(file: str) -> list[str]:
    """'a/b/index.html' -> ['a', 'a/b']."""
    parts = file.split("/")[:-1]
    return ["/".join(parts[: end + 1]) for end in range(len(parts))]


def _page_clashes(site: Site, layout: Layout) -> list[Finding]:
    """A page's address is /<slug>/: never a folder the site writes itself (/tags/, /search/), nor another page's."""
    reserved = layout.site_folders()
    taken: dict[str, str] = {}
    findings = []
    for note in sorted((n for n in site.notes if n.kind == PAGE), key=lambda n: n.source):
        if note.slug in reserved:
            clash = f"/{note.slug}/, a folder the site writes"
        elif note.slug in taken:
            clash = f"the address of {taken[note.slug]}"
        else:
            taken[note.slug] = note.source
            continue
        line, col = note.doc.where("slug") if "slug" in note.doc.meta else note.doc.where("title")
        findings.append(Finding(note.source, line, col, "M213",
                                f"slug '{note.slug}' would make the page's address {clash}; set a different 'slug:'"))
    return findings


# The longest name most file systems allow (ext4, APFS, NTFS: 255), and the longest object key S3 allows.
NAME_BYTES, PATH_BYTES = 255, 1024


def _long_names(site: Site) -> list[Finding]:
    """Names the site would write that a file system or a bucket cannot hold, found before a build fails on them."""
    findings = []
    for note in site.notes:
        named = [("slug" if "slug" in note.doc.meta else "title", None, note.slug, f"{note.slug}/index.html")]
        named += [("tags", i, tag, f"{slugify(tag)}.atom.xml") for i, tag in enumerate(note.tags)]
        if note.category:
            named.append(("category", None, note.category, f"{slugify(note.category)}.atom.xml"))
        named += [("aliases", i, alias, output_file(alias)) for i, alias in enumerate(note.aliases)]
        for field, index, value, file in named:
            problem = _too_long(file)
            if problem:
                line, col = note.doc.where(field, index)
                shown = value if len(value) <= 40 else value[:40] + "…"
                advice = "set a shorter 'slug:'" if field == "title" else "shorten it"
                findings.append(Finding(note.source, line, col, "M214", f"'{field}' value '{shown}' {problem}; {advice}"))
    for item in (*site.teams.values(), *site.authors.values()):  # the file name is the slug, and names a feed
        problem = _too_long(f"{item.slug}.atom.xml")
        if problem:
            findings.append(Finding(item.source, 1, 1, "M214", f"the file name {problem} for its feed; shorten it"))
    return findings


def _too_long(path: str) -> str | None:
    longest = max(path.split("/"), key=lambda part: len(part.encode()))
    if len(longest.encode()) > NAME_BYTES:
        return f"makes a file name of {len(longest.encode())} bytes, more than the {NAME_BYTES} a file system allows"
    if len(path.encode()) > PATH_BYTES:
        return f"makes a web address of {len(path.encode())} bytes, more than the {PATH_BYTES} a site may use"
    return None


def _unknown_authors(site: Site, slugs: Iterable[str], field: str, doc: Document) -> list[Finding]:
    findings = []
    for index, slug in enumerate(slugs):
        if slug in site.authors:
            continue
        line, col = doc.where(field, index)
        findings.append(
            Finding(doc.source, line, col, "M205",
                    f"unknown author '{slug}': add content/authors/{slug}.md{_suggest(slug, site.authors)}")
        )
    return findings


def _missing_photos(site: Site) -> list[Finding]:
    """An author's photo must be a file in content/images/, which the build copies to the site."""
    findings = []
    for author in site.authors.values():
        if author.photo is None:
            continue
        path = site.content_dir / author.photo.file
        if not path.is_file():
            problem = "is not in content/: add the picture there, or fix the path"
        elif os.path.abspath(path) not in site.static_files:  # refused by the file gate, which says why
            problem = "is a file the site does not publish: mend it as its own finding says, or choose another"
        else:
            continue
        line, col = author.doc.where("photo")
        findings.append(Finding(author.source, line, col, "M210", f"photo '{author.photo.file}' {problem}"))
    return findings


def _unknown_related(site: Site) -> list[Finding]:
    """`related:` names posts by slug; a slug no post has would be dropped from the page unseen."""
    slugs = {n.slug for n in site.notes if n.kind == POST}
    findings = []
    for note in site.notes:
        related = note.doc.meta.get("related") if note.kind == POST else None
        for index, slug in enumerate(related if isinstance(related, list) else []):
            if slug not in slugs:
                line, col = note.doc.where("related", index)
                close = _closest(slug, slugs)
                hint = f"did you mean '{close}'?" if close else "use the slug at the end of the post's web address"
                findings.append(Finding(note.source, line, col, "M208", f"no post has the slug '{slug}' in 'related': {hint}"))
    return findings


def _closest(name: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1)
    return close[0] if close else None


def _suggest(name: str, known: Iterable[str]) -> str:
    close = _closest(name, known)
    return f", or did you mean '{close}'?" if close else ""


def _duplicates(notes, key, code, describe) -> list[Finding]:
    first: dict = {}
    findings = []
    for note in sorted(notes, key=lambda n: n.source):
        k = key(note)
        if k in first:
            findings.append(Finding(note.source, 1, 1, code, describe(note, first[k])))
        else:
            first[k] = note
    return findings
