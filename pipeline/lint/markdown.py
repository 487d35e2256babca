"""The one Markdown parse that lint reads, with every piece at its place in the file.

Every tone rule, the security rules and (later) link checks read a `Parse`:
which parts of a note are prose (paragraphs, headings, list items, table
cells, block quotes), and where code, raw HTML, template tags, links and
images stand, each as character offsets into the file's text (so also an
exact line and column; `Parse.position`).

We parse with markdown-it-py, a maintained CommonMark parser with source
line maps, rather than a scanner of our own. It is fast enough to run on
every note (about 1 ms a note), and CommonMark reads code, raw HTML and links
as Python-Markdown with `extra` (the site's renderer) does on the Markdown
writers write; tests/test_lint_markdown.py renders the same inputs with the
site's Python-Markdown settings and compares what each calls code, HTML, a
link or an image. markdown-it-py gives lines, not columns, for inline pieces,
so each inline rule is wrapped to note where in its paragraph it matched.

Template tags are not Markdown at all: templates.py blanks them out of the
text before the parse (same length, lines kept).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from pipeline.lint.spans import inside, line_starts
from pipeline.lint.templates import markdown_source, template_spans

# Inline rules whose matches are not prose, and what they are.
RECORDED = {"backticks": "code", "html_inline": "html", "autolink": "autolink", "link": "link", "image": "image",
            "escape": "escape", "entity": "entity", "emphasis": "marker", "strikethrough": "marker"}
# The characters those rules start at: inline content with none of them has nothing to record, and most
# paragraphs of real notes have none (70% of the corpora's prose), so they are not parsed inline at all.
INLINE_MARKUP = re.compile(r"[`<\[!\\&*_~]")
SPACES_LINE = re.compile(r"\n +(?=\n)")  # a blank line's spaces; not the last line's (markdown-it drops that line)
HTML_TAG = re.compile(r"<(?P<name>a|img)\b(?P<attrs>[^<>]{0,2000})>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"""(?<![\w-])(?P<name>href|src|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
                            re.IGNORECASE)
HTML_LINK_END = re.compile(r"</a\s*>", re.IGNORECASE)

# Python-Markdown starts a raw HTML block at one of these tags (its Markdown.block_level_elements, pinned by
# tests/test_lint_markdown.py), when the tag starts a line, and ends it where the tag is closed: across blank
# lines, which CommonMark would not. Other tags, alone on a line or not, are inline HTML in a paragraph.
BLOCK_LEVEL = frozenset(
    "address article aside blockquote body canvas center colgroup dd details div dl dt fieldset figcaption figure "
    "footer form group h1 h2 h3 h4 h5 h6 header hgroup hr html iframe legend li main map math menu nav noscript "
    "object ol option output p pre progress script section style summary table tbody td textarea tfoot th thead "
    "tr ul video".split())
MARKDOWN_INSIDE = re.compile(r"""\smarkdown\s*=\s*["']?(?:1|block|span)\b""", re.IGNORECASE)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK_START = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])|<!--|<\?|<![A-Za-z]")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]{0,2000})?(?P<void>/?)>|<!--.*?-->",
                 re.DOTALL)


@dataclass(frozen=True)
class Block:
    """A run of prose that a sentence may not cross: its characters are `lines`, each (start, end)."""

    kind: str  # title | summary | paragraph | heading | item | row | quote
    start: int
    end: int
    level: int = 0  # heading level
    lines: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Link:
    """A link in Markdown (`[text](target)`, `[text][ref]`, `<https://…>`) or raw HTML (`<a href>`)."""

    text: str
    target: str
    start: int  # of the whole link
    end: int
    text_start: int
    text_end: int
    html: bool = False


@dataclass(frozen=True)
class Image:
    """An image in Markdown (`![alt](src)`) or raw HTML (`<img src alt>`); `alt` is None when absent."""

    alt: str | None
    src: str
    start: int
    end: int
    html: bool = False


@dataclass
class Parse:
    text: str
    blocks: list[Block] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)  # code blocks and code spans
    html: list[tuple[int, int]] = field(default_factory=list)  # raw HTML blocks and tags
    templates: list[tuple[int, int]] = field(default_factory=list)
    syntax: list[tuple[int, int]] = field(default_factory=list)  # link targets, markers, escapes inside blocks
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def addresses(self) -> list[tuple[str, str, int]]:
        """Every link's and image's target: ("link" or "image", the target as written, where it starts)."""
        return [*(("link", link.target, link.start) for link in self.links),
                *(("image", image.src, image.start) for image in self.images)]

    def in_code(self, offset: int) -> bool:
        return inside(self.code, offset)


# ---------------------------------------------------------------------------
# markdown-it-py, with inline positions


def _recording(kind: str, rule):
    """Wrap an inline rule so a match is noted as (kind, start, end, extra) in the paragraph being parsed."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        matched = rule(state, silent)
        record = state.env.get("notes_record")
        if not matched or silent or record is None or record[0] is not state.src:
            return matched
        spans = record[1]
        end = state.pos
        if kind == "link":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            opened = next((t for t in reversed(state.tokens) if t.type == "link_open"), None)
            href = opened.attrGet("href") if opened is not None else ""
            spans.append(("link", start, end, (start + 1, label_end, str(href or ""))))
        elif kind == "image":
            label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
            image = state.tokens[-1]
            spans.append(("image", start, end, (start + 2, label_end, str(image.attrGet("src") or ""))))
        elif kind == "autolink":
            opened = next((t for t in reversed(state.tokens) if t.type == "link_open"), None)
            spans.append(("autolink", start, end, str(opened.attrGet("href") or "") if opened is not None else ""))
        elif kind == "code" and not (state.tokens and state.tokens[-1].type == "code_inline"):
            pass  # backticks with no closing run are text
        elif kind == "escape":
            spans.append(("escape", start, start + 1, None))  # the backslash; the escaped character is text
        else:
            spans.append((kind, start, end, None))
        return matched

    return wrapped


def _parse_inline_recording(state) -> None:
    """markdown-it's core "inline" rule, noting each paragraph's inline spans on its token.

    Lint reads the spans, never the inline tokens, so plain text (no INLINE_MARKUP) is not parsed.
    """
    for token in state.tokens:
        if token.type == "inline":
            token.children = [] if token.children is None else token.children
            spans: list = []
            if INLINE_MARKUP.search(token.content):
                state.env["notes_record"] = (token.content, spans)
                state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta["spans"] = spans
    state.env.pop("notes_record", None)


def _html_block(state, start_line: int, end_line: int, silent: bool) -> bool:
    """A raw HTML block as Python-Markdown reads one: from a block-level tag to where it closes."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    position = state.bMarks[start_line] + state.tShift[start_line]
    opened = BLOCK_START.match(state.src, position)
    if not opened or (opened["name"] and opened["name"].lower() not in BLOCK_LEVEL):
        return False
    if silent:
        return True
    line_end = state.eMarks[start_line]
    if MARKDOWN_INSIDE.search(state.src, position, line_end):
        end = line_end  # <div markdown="1">: Python-Markdown's md_in_html reads what is inside as Markdown
    else:
        end = _raw_end(state.src, position)
    line = start_line
    while line + 1 < end_line and state.bMarks[line + 1] <= end:
        line += 1
    state.line = line + 1
    token = state.push("html_block", "", 0)
    token.map = [start_line, state.line]
    token.content = state.getLines(start_line, state.line, state.blkIndent, True)
    return True


def _raw_end(src: str, start: int) -> int:
    """Where the raw block starting at `start` ends: its tags balanced, or the end of the text. One pass."""
    if src.startswith("<!--", start):
        close = src.find("-->", start)
        return len(src) if close < 0 else close + 3
    if src.startswith(("<?", "<!"), start):
        close = src.find(">", start)
        return len(src) if close < 0 else close + 1
    stack: list[str] = []
    for tag in TAG.finditer(src, start):
        name = (tag["name"] or "").lower()
        if not name:
            continue  # a comment
        if tag["close"]:
            if name in stack:
                while stack.pop() != name:
                    pass
        elif not tag["void"] and name not in VOID:
            stack.append(name)
        if not stack:
            return tag.end()
    return len(src)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")
    # Lint reads where things are, not the HTML they make: pairing emphasis markers and joining text tokens
    # only shape the HTML. (The markers' places are noted as they are read, before any pairing.)
    md.inline.ruler2.disable(["balance_pairs", "emphasis", "fragments_join"])
    md.core.ruler.disable("text_join")
    md.block.ruler.at("html_block", _html_block, {"alt": ["paragraph", "reference", "blockquote"]})
    for rule in md.inline.ruler.__rules__:
        if rule.name in RECORDED:
            md.inline.ruler.at(rule.name, _recording(RECORDED[rule.name], rule.fn))
    md.core.ruler.at("inline", _parse_inline_recording)
    # Targets as the writer wrote them, as Python-Markdown keeps them: not percent-encoded ({filename}posts/x.md
    # stays so, for Pelican and for link checks), and not refused (a javascript: link is still a link, for S103).
    md.normalizeLink = md.normalizeLinkText = lambda url: url
    md.validateLink = lambda url: True
    return md


MARKDOWN = _markdown()


# ---------------------------------------------------------------------------
# From tokens to a Parse


def parse(text: str, body_offset: int = 0) -> Parse:
    """The one parse of a file whose Markdown body starts at `body_offset`."""
    result = Parse(text=text, line_starts=line_starts(text))
    result.templates = template_spans(text, body_offset)
    source = markdown_source(text, body_offset, result.templates)
    # markdown-it reads the lines, not their spaces: a line of spaces (the blanked front matter and template tags,
    # a fifth of the corpora's characters) is an empty line to it, and emptied it is not scanned space by space.
    tokens = MARKDOWN.parse(SPACES_LINE.sub("\n", source), {})
    starts = result.line_starts

    def line_span(first: int, last: int) -> tuple[int, int]:
        """Offsets from the start of line `first` to the end of line `last - 1` (0-based lines)."""
        end = starts[last] - 1 if last < len(starts) else len(text)
        return starts[first], max(starts[first], end)

    containers: list[str] = []
    heading_level = 0
    in_cell = False
    searched: dict[int, int] = {}  # a line's end of the last inline placed on it (table cells share a line)
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            containers.append("item")
        elif kind == "blockquote_open":
            containers.append("quote")
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("fence", "code_block") and token.map:
            result.code.append(line_span(*token.map))
        elif kind == "html_block" and token.map:
            span = line_span(*token.map)
            result.html.append(span)
            _raw_html(result, text, *span)
        elif kind == "inline" and token.map:
            if heading_level:
                block_kind = "heading"
            elif in_cell:
                block_kind = "row"
            else:
                block_kind = containers[-1] if containers else "paragraph"
            line = token.map[0]
            searched[line] = _inline(result, source, token, block_kind, heading_level,
                                     max(starts[line], searched.get(line, 0)))
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("open")
    result.code.sort()
    result.html.sort()
    result.syntax.sort()
    result.links.sort(key=lambda link: link.start)
    result.images.sort(key=lambda image: image.start)
    return result


def _content_lines(source: str, starts: list[int], token, search: int) -> list[tuple[int, int]]:
    """Where each line of an inline token's content stands in the source, as (source offset, length).

    `search` is where to look from: the line's start, or after the cell before it in a table row.
    """
    placed = []
    for line in token.content.split("\n"):
        at = source.find(line, search) if line else search
        if at < 0:  # tabs expanded in indentation: take the line's first non-blank character
            row = bisect_right(starts, search) - 1
            end = starts[row + 1] - 1 if row + 1 < len(starts) else len(source)
            at = search + len(source[search:end]) - len(source[search:end].lstrip())
        placed.append((at, len(line)))
        next_line = bisect_right(starts, at + len(line))
        search = starts[next_line] if next_line < len(starts) and line else at + len(line)
    return placed


def _inline(result: Parse, source: str, token, kind: str, level: int, search: int) -> int:
    """Add the block and its inline pieces; returns where its last line ends."""
    placed = _content_lines(source, result.line_starts, token, search)
    offsets = []  # content offset of each line's start
    total = 0
    for _, length in placed:
        offsets.append(total)
        total += length + 1

    def at(offset: int) -> int:
        row = bisect_right(offsets, offset) - 1
        return placed[row][0] + offset - offsets[row]

    lines = tuple((start, start + length) for start, length in placed if length)
    if not lines:
        return search
    result.blocks.append(Block(kind, lines[0][0], lines[-1][1], level, lines))
    content = token.content
    for span_kind, start, end, extra in token.meta.get("spans", ()):
        if span_kind == "link":
            label_start, label_end, href = extra
            if label_end < 0:
                label_end = label_start
            result.syntax += [(at(start), at(label_start)), (at(label_end), at(end - 1) + 1)]
            result.links.append(Link(content[label_start:label_end], href, at(start), at(end - 1) + 1,
                                     at(label_start), at(label_end)))
        elif span_kind == "image":
            label_start, label_end, src = extra
            result.syntax.append((at(start), at(end - 1) + 1))
            alt = content[label_start:label_end] if label_end >= 0 else ""
            result.images.append(Image(alt, src, at(start), at(end - 1) + 1))
        elif span_kind == "autolink":
            result.syntax.append((at(start), at(end - 1) + 1))
            inner = content[start + 1 : end - 1]
            result.links.append(Link(inner, extra, at(start), at(end - 1) + 1, at(start + 1), at(end - 1)))
        elif span_kind == "code":
            result.code.append((at(start), at(end - 1) + 1))
        elif span_kind == "html":
            span = (at(start), at(end - 1) + 1)
            result.html.append(span)
            _raw_html(result, result.text, *span, inline=True)
        else:
            result.syntax.append((at(start), at(end - 1) + 1))
    return lines[-1][1]


def _raw_html(result: Parse, text: str, start: int, end: int, inline: bool = False) -> None:
    """Links and images written in raw HTML, with the text of a link up to its </a>."""
    for tag in HTML_TAG.finditer(text, start, end):
        attributes = {m["name"].lower(): next(g for g in (m["dq"], m["sq"], m["bare"]) if g is not None)
                      for m in HTML_ATTRIBUTE.finditer(tag["attrs"])}
        if tag["name"].lower() == "img":
            result.images.append(Image(attributes.get("alt"), attributes.get("src", ""), tag.start(), tag.end(), True))
        elif "href" in attributes:
            # Inline, the link's text is Markdown after the tag; in a block, it runs to </a> inside the block.
            close = HTML_LINK_END.search(text, tag.end(), min(len(text), tag.end() + 2000) if inline else end)
            text_end = close.start() if close else tag.end()
            result.links.append(Link(text[tag.end():text_end], attributes["href"], tag.start(),
                                     close.end() if close else tag.end(), tag.end(), text_end, True))
