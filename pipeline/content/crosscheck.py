"""Checks that need the whole site: references between files, and duplicates."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.content.frontmatter import Document
from pipeline.content.model import POST, WEEKNOTE
from pipeline.findings import Finding

if TYPE_CHECKING:
    from pipeline.content.loader import Site


def check(site: Site) -> list[Finding]:
    findings: list[Finding] = []
    for team in site.teams.values():
        findings += _unknown_authors(site, team.members, "members", team.doc)
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
    return findings


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
