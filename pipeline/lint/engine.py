"""Run the tone rules over one file's text and turn their hits into findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.content import schema
from pipeline.content.frontmatter import Document, decode, parse
from pipeline.content.links import Written, may_lead_inside
from pipeline.findings import Finding
from pipeline.lint import suppress
from pipeline.lint.checks import Context, Hit

if TYPE_CHECKING:
    from pipeline.lint.prose import Prose


EXCERPT = 200  # characters of the text a finding points at that it keeps (a long sentence's start)


@dataclass(frozen=True)
class Target:
    """One file to lint: its text (front matter optional) and what the content contract knows of it."""

    source: str  # the name used in messages
    text: str
    kind: str | None = None  # post | weeknote | page | team | author, or None outside content/
    sections: tuple[str, ...] = ()
    doc: Document | None = None  # already parsed, for files the loader has read


def target_from_bytes(raw: bytes, source: str) -> Target:
    """A file outside content/: decoded like content, front matter used if present."""
    text = decode(raw, source)
    doc = None
    if text.startswith("---"):
        doc = parse(text, Path(source), source)
    return Target(source, text, doc=doc)


def prose_of(target: Target, options: dict) -> Prose:
    # The rules and the Markdown parser load when a file is first linted: a run the cache answers never needs them.
    from pipeline.lint.prose import extract

    doc = target.doc
    fields = {k: v for k, v in (doc.value_span if doc else {}).items() if k in ("title", "summary")}
    return extract(target.text, doc.body_offset if doc else 0, fields, options.get("block_quotes", False),
                   tuple(options.get("names", ())))


def _context(target: Target, options: dict) -> Context:
    meta = target.doc.meta if target.doc else {}
    lang = meta.get("lang") if isinstance(meta.get("lang"), str) else options.get("lang", "en")
    return Context(
        prose=prose_of(target, options),
        kind=target.kind,
        title=_text(meta.get("title")),
        summary=_text(meta.get("summary")),
        sections=target.sections,
        body_offset=target.doc.body_offset if target.doc else 0,
        options=options,
        lang=lang,
        draft=meta.get("status") == "draft",
    )


def _checks(context: Context, options: dict):
    """The checks that speak for this file: wanted by the policy, and in its language."""
    from pipeline.lint.rules import CHECKS

    wanted = _wanted(options)
    english = context.lang.lower().split("-")[0] == "en"
    return [(code, check) for code, check in CHECKS.items() if wanted(code) and (english or not check.english)]


def lint_target(target: Target, options: dict) -> list[Finding]:
    """Every tone finding for one file, before the [tool.notes.lint] policy."""
    return lint_and_links(target, options)[0]


def lint_and_links(target: Target, options: dict) -> tuple[list[Finding], list[Written]]:
    """Every tone finding for one file, and the links and images in it that may lead inside the site.

    The links come from the same parse; the site-wide check (pipeline/content/links.py) resolves them.
    """
    context = _context(target, options)
    prose = context.prose
    meta = target.doc.meta if target.doc else {}
    try:
        ignored = schema.lint_options(meta["lint"]) if "lint" in meta else ()
    except schema.Invalid:
        ignored = ()  # the metadata check reports a malformed `lint` field
    suppressions = suppress.parse(target.text, ignored)
    findings = []
    for code, check in _checks(context, options):
        for hit in check(context):
            line, col = prose.position(hit.start)
            if not suppressions.suppressed(code, line):
                findings.append(Finding(target.source, line, col, code, hit.message, check.rule.level,
                                        target.text[hit.start : hit.end][:EXCERPT]))
    written = [(kind, address, *prose.position(start))
               for kind, address, start in prose.parse.addresses() if may_lead_inside(address)]
    return sorted(findings), sorted(written, key=lambda w: w[2:])


def fixes(target: Target, options: dict) -> list[Hit]:
    """The exact, safe replacements the rules offer for this file, not overlapping.

    Never inside someone else's words (a quotation, a name) or link text, which is often the
    title of the page it links to: a fix there would misquote it.
    """
    context = _context(target, options)
    prose = context.prose
    suppressions = suppress.parse(target.text)
    found = []
    for code, check in _checks(context, options):
        found += [hit for hit in check(context)
                  if hit.fix is not None and not prose.someone_elses(hit.start) and not prose.in_link_text(hit.start)
                  and not suppressions.suppressed(code, prose.position(hit.start)[0])]
    chosen, last_end = [], -1
    for hit in sorted(found):
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen


def _wanted(options: dict):
    """Skip rules the policy would drop anyway, so they cost nothing."""
    select, ignore = options.get("select", ()), options.get("ignore", ())

    def wanted(code: str) -> bool:
        if select and not any(code.startswith(p) for p in select) and not options.get("overrides"):
            return False
        return not any(code.startswith(p) for p in ignore)

    return wanted


def _text(value) -> str | None:
    return value if isinstance(value, str) else None
