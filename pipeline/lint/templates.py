"""Template tags between the Markdown: not prose, and not Markdown either.

Jinja and Nunjucks (`{{ }}`, `{% %}`, `{# #}`), Liquid and Hugo shortcodes
(`{{< >}}`, `{{% %}}`), and Python-Markdown's attribute lists (`{: .class}`)
are found in one linear pass and blanked out of the text markdown-it reads
(same length, lines kept), so a macro call between paragraphs is never read as
a sentence and its data never as prose.
"""

from __future__ import annotations

import re

from pipeline.lint.spans import blanked, merged

# A template tag is closed within this many characters, or it is not a tag (a stray "{{" in prose).
LONGEST_TAG = 20_000
TEMPLATE_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]{0,200}\}")  # Python-Markdown's attr_list, as in "## Title {: #id }"
TEMPLATE_CHAR = "\ue000"  # stands in for a tag's characters on lines that also hold Markdown


def template_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Template tags and attribute lists from `start` on, in one linear pass (str.find, no backtracking)."""
    spans = []
    position = start
    # Where each kind of opener next occurs at or after `position`; -1 once there is none, or none that closes.
    upcoming = {opener: text.find(opener, start) for opener in TEMPLATE_OPENERS}
    while True:
        for opener, at in upcoming.items():
            if 0 <= at < position:
                upcoming[opener] = text.find(opener, position)
        found = [(at, opener) for opener, at in upcoming.items() if at >= 0]
        if not found:
            break
        at, opener = min(found)
        closer = text.find(TEMPLATE_OPENERS[opener], at + 2)
        if closer < 0:
            upcoming[opener] = -1  # an opener with no closer after it: none later can close either
            continue
        if closer - at > LONGEST_TAG:
            position = at + 2
            continue
        end = closer + 2
        if opener == "{{" and text.startswith("}", end) and text.count("{", at, end) > text.count("}", at, end):
            end += 1  # "{{ x({a: 1}) }}}": the tag's own closing brace
        spans.append((at, end))
        position = end
    spans += [m.span() for m in ATTRIBUTE_LIST.finditer(text, start)]
    return merged(spans)


def markdown_source(text: str, body_offset: int, templates: list[tuple[int, int]]) -> str:
    """The text markdown-it reads: same length and lines, front matter blank, template tags blanked out."""
    pieces = [blanked(text[:body_offset])]
    kept = body_offset
    for start, end in templates:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start:start].strip() and not text[end:line_end].strip()
        # A tag alone on its lines leaves blank lines (a paragraph break); one among text keeps its place.
        pieces += [text[kept:start], blanked(text[start:end], " " if alone else TEMPLATE_CHAR)]
        kept = end
    pieces.append(text[kept:])
    return "".join(pieces).replace("\r", " ")  # markdown-it reads a lone CR as a line break; we count lines by LF
