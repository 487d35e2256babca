"""T511 unfinished-note: a published note that still holds what `notes new` put there.

A draft may hold the template's placeholder summary, its example paragraphs
and empty sections; a note that readers will see may not. The placeholder
text is shared with the templates (pipeline/content/placeholders.py), so the
two cannot drift apart.
"""

from __future__ import annotations

from pipeline.content import placeholders
from pipeline.content.model import WEEKNOTE
from pipeline.findings import Example, Level
from pipeline.lint.checks import Context, Hit, quoted, tone_rule
from pipeline.lint.rules.structure import empty_sections, normal_heading

WEEKNOTE_TEMPLATE = "".join(f"## {h}\n\n{placeholders.SECTION_PROMPT}\n\n" for h in placeholders.DEFAULT_SECTIONS)


def _post(summary: str, body: str, status: str = "published") -> Example:
    return Example("posts/2026-11-27-hiring.md",
                   f"---\ntitle: How we hire\ndate: 2026-11-27 09:00\nauthors: [jane-doe]\nsummary: '{summary}'\n"
                   f"status: {status}\n---\n{body}")


def _weeknote(body: str, status: str = "published") -> Example:
    return Example("weeknotes/data-platform/2026-W48.md",
                   f"---\ndate: 2026-11-27\nauthors: [sam-lee]\nsummary: Archive tables moved.\nstatus: {status}\n---\n{body}")


@tone_rule("T511", "unfinished-note", Level.ERROR,
           "A published note that still holds the text notes new put there, or an empty section its team requires.",
           "Readers would see the template's placeholder summary, its example paragraphs, or a heading with nothing "
           "under it: a note published before it was finished. A draft may hold them.", "docs/rules.md#t511",
           flag=[_post(placeholders.POST_SUMMARY, "We changed how we hire.\n"),
                 _post("Our hiring process, step by step.", placeholders.POST_BODY),
                 _weeknote(WEEKNOTE_TEMPLATE),
                 _weeknote("## What went well\n\nThe move.\n\n## What's next\n\n" + placeholders.SECTION_PROMPT + "\n")],
           passes=[_post(placeholders.POST_SUMMARY, placeholders.POST_BODY, status="draft"),
                   _weeknote(WEEKNOTE_TEMPLATE, status="draft"),
                   _post("Our hiring process, step by step.", "We changed how we hire.\n\n## What we did\n\nWe asked.\n"),
                   _weeknote("## What went well\n\nThe move.\n\n## What we learned\n\nA lot.\n\n## What's next\n\n"
                             + placeholders.SECTION_PROMPT + "\n\nMore of the same.\n")],
           english=False)
def unfinished_note(context: Context):
    if context.kind is None or context.draft:
        return
    prose = context.prose
    summary = next((b for b in prose.blocks if b.kind == "summary"), None)
    if summary is not None and (context.summary or "").strip() in placeholders.SUMMARIES:
        yield Hit(summary.start, summary.end, "summary is still the one notes new wrote: say in one or two sentences "
                  "what the note is about, or keep it as status: draft")
    for line in placeholders.BODY_LINES:
        start = prose.text.find(line, context.body_offset)
        if start != -1:
            yield Hit(start, start + len(line), f"{quoted(line)} is notes new's example text: write your own, "
                      "or keep the note as status: draft")
    if context.kind == WEEKNOTE:
        yield from _empty_sections(context)


def _empty_sections(context: Context):
    """Sections with no prose that the team requires, or that still hold nothing but notes new's prompt."""
    required = {normal_heading(s) for s in context.sections}
    for block, heading, untouched in empty_sections(context):
        if untouched or normal_heading(heading) in required:
            yield Hit(block.start, block.end, f"section {quoted(heading)} is empty: write what happened, even to say "
                      "nothing changed, or keep the note as status: draft")
