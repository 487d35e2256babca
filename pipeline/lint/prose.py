"""Markdown-aware prose: what the tone rules read, at the exact place it stands.

`extract()` returns a *masked* copy of the file: the same length, with every
character that is not prose (front matter other than the title and summary,
code, URLs, link targets, HTML, Markdown syntax) replaced by a space and
every newline kept. A rule's regex match on the masked text is therefore at
the same offset as in the file, and so at the same line and column.

Alongside it come the blocks (title, summary, paragraphs, headings, list
items, table rows) that sentences may not cross, and the headings, links and
images that the structure rules look at.

Supported Markdown: CommonMark blocks (ATX and setext headings, fenced and
indented code, HTML blocks and comments, block quotes, lists, thematic
breaks, link reference definitions) plus pipe tables; inline code, links,
images, autolinks, bare URLs, inline HTML, entities and emphasis markers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
BLOCK_QUOTE = re.compile(r" {0,3}>")
HTML_BLOCK = re.compile(r" {0,3}<(?:!--|[A-Za-z][A-Za-z0-9-]*[\s/>]|/[A-Za-z]|\?|![A-Z])")
LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S+")
TABLE_ROW = re.compile(r" {0,3}\|")
TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

TOKEN = re.compile(r"[a-z\u00c0-\u024f]+")  # over lower-cased text
HIDDEN_RUN = re.compile(rb"\x00+")
NOT_NEWLINE = re.compile(r"[^\n]")
# A block without any of these has no inline Markdown or HTML to hide.
INLINE_TRIGGER = re.compile(r"[`\[<&\\*_]|https?:|www\.")
INLINE = re.compile(
    r"""
    (?P<code>(?P<ticks>`+).+?(?P=ticks))                          # inline code
  | (?P<image>!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\))         # ![alt](src "title")
  | (?P<link>\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]*)[^)]*\))       # [text](target "title")
  | (?P<reflink>\[(?P<reftext>[^\]]+)\]\[[^\]]*\])                   # [text][ref]
  | (?P<autolink><(?:https?|mailto|ftp):[^>\s]+>)                    # <https://...>
  | (?P<comment><!--.*?-->)                                          # HTML comment
  | (?P<html></?[A-Za-z][^>]*>)                                      # inline HTML tag
  | (?P<url>\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'"])  # bare URL
  | (?P<entity>&(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);)                 # &amp; &#8212;
  | (?P<escape>\\(?=[!-/:-@\[-`{-~]))                                 # backslash escape
  | (?P<emphasis>\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))           # * ** _ __
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """A run of prose that a sentence may not cross."""

    kind: str  # title | summary | paragraph | heading | item | row
    start: int
    end: int
    level: int = 0  # heading level


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    start: int  # of the whole link
    text_start: int
    end: int


@dataclass(frozen=True)
class Image:
    alt: str
    src: str
    start: int
    end: int


@dataclass
class Prose:
    text: str
    masked: str
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    urls: list[tuple[int, int]] = field(default_factory=list)  # bare URLs in prose
    line_starts: list[int] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # what several rules derive from the prose, made once

    @property
    def lower(self) -> str:
        if "lower" not in self.memo:
            self.memo["lower"] = self.masked.lower()
        return self.memo["lower"]

    @property
    def words(self) -> set[str]:
        """Every distinct lower-cased word of the prose, for a cheap "could any rule match?" test."""
        if "words" not in self.memo:
            self.memo["words"] = set(TOKEN.findall(self.lower))
        return self.memo["words"]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def block_text(self, block: Block) -> str:
        return self.masked[block.start : block.end]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def extract(text: str, body_offset: int = 0, fields: dict[str, tuple[int, int]] | None = None,
            block_quotes: bool = False) -> Prose:
    """Mask everything but prose. `fields` are the title and summary spans in the front matter."""
    mask = bytearray(len(text))  # 1 marks a prose character
    prose = Prose(text=text, masked="", line_starts=_line_starts(text))

    for kind in ("title", "summary"):
        if fields and kind in fields:
            start, end = _scalar_bounds(text, *fields[kind])
            if start < end:
                mask[start:end] = b"\x01" * (end - start)
                prose.blocks.append(Block(kind, start, end))

    # Where inline Markdown or HTML may start, found in one pass; blocks without any skip the inline scan.
    triggers = [m.start() for m in INLINE_TRIGGER.finditer(text, body_offset)]
    for block in _blocks(text, body_offset, block_quotes):
        mask[block.start : block.end] = b"\x01" * (block.end - block.start)
        first = bisect_left(triggers, block.start)
        if first < len(triggers) and triggers[first] < block.end:
            _mask_inline(text, block, mask, prose)
        prose.blocks.append(block)

    # Newlines stay newlines; every other unmarked character becomes a space.
    pieces, kept = [], 0
    for run in HIDDEN_RUN.finditer(mask):
        pieces += [text[kept : run.start()], NOT_NEWLINE.sub(" ", text[run.start() : run.end()])]
        kept = run.end()
    pieces.append(text[kept:])
    prose.masked = "".join(pieces)
    prose.blocks.sort(key=lambda b: b.start)
    return prose


def _scalar_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a YAML scalar's span to its words: no quotes, no block indicator."""
    value = text[start:end]
    indicator = re.match(r"[>|][+-]?\d?[ \t]*\n", value)
    if indicator:
        start += indicator.end()
    while start < end and text[start] in "\"' \t\n":
        start += 1
    while end > start and text[end - 1] in "\"' \t\n":
        end -= 1
    return start, end


def _blocks(text: str, offset: int, block_quotes: bool):
    """Yield the prose blocks of the body, which starts at `offset`."""
    lines = text[offset:].split("\n")
    position = offset
    fence = None  # the fence that opened the current code block
    html = None  # how the current HTML block ends: "-->" or a blank line
    paragraph: list[tuple[int, int]] = []  # (start, end) of lines in the open paragraph or list item
    paragraph_kind = "paragraph"
    previous_blank = True
    in_list = False

    def close_paragraph(kind: str | None = None, level: int = 0):
        nonlocal paragraph
        if paragraph:
            start, end = paragraph[0][0], paragraph[-1][1]
            paragraph = []
            return Block(kind or paragraph_kind, start, end, level)
        return None

    for line in lines:
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()

        if fence:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if html:
            if (html == "-->" and "-->" in line) or (html == "blank" and not stripped):
                html = None
            previous_blank = not stripped
            continue

        if not stripped:
            if (block := close_paragraph()):
                yield block
            previous_blank = True
            continue

        indent = len(line) - len(line.lstrip(" \t"))
        columns = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if columns >= 4 and previous_blank and not in_list and not paragraph:
            continue  # indented code block

        if match := FENCE.match(line):
            if (block := close_paragraph()):
                yield block
            fence = match.group(1)[0] * len(match.group(1))
            previous_blank = False
            continue

        if HTML_BLOCK.match(line):
            if (block := close_paragraph()):
                yield block
            if "<!--" in line:
                html = None if "-->" in line[line.index("<!--"):] else "-->"
            else:
                html = "blank"
            previous_blank = False
            continue

        if BLOCK_QUOTE.match(line):
            if (block := close_paragraph()):
                yield block
            if block_quotes:
                marker = BLOCK_QUOTE.match(line).end()
                yield Block("paragraph", start + marker, end)
            previous_blank = False
            continue

        if match := ATX_HEADING.match(line):
            if (block := close_paragraph()):
                yield block
            content_start = start + match.end()
            content_end = start + len(re.sub(r"(?:[ \t]+#+)?[ \t]*$", "", line))  # drop closing #s
            if content_end > content_start:
                yield Block("heading", content_start, content_end, len(match.group(1)))
            previous_blank, in_list = False, False
            continue

        if paragraph and SETEXT_UNDERLINE.match(line) and not LIST_ITEM.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            yield close_paragraph("heading", level)
            previous_blank = False
            continue

        if THEMATIC_BREAK.match(line) or LINK_DEFINITION.match(line) or TABLE_DELIMITER.match(line):
            if (block := close_paragraph()):
                yield block
            previous_blank = False
            continue

        if TABLE_ROW.match(line):
            if (block := close_paragraph()):
                yield block
            yield Block("row", start, end)
            previous_blank = False
            continue

        if match := LIST_ITEM.match(line):
            if (block := close_paragraph()):
                yield block
            # A list item is its own block, closed by the next item or a blank line.
            in_list = True
            paragraph, paragraph_kind = [(start + match.end(), end)], "item"
            previous_blank = False
            continue

        if previous_blank and in_list and indent == 0:
            in_list = False
        if not paragraph:
            paragraph_kind = "item" if in_list and indent else "paragraph"
        paragraph.append((start + indent, end))
        previous_blank = False

    if (block := close_paragraph()):
        yield block


def _mask_inline(text: str, block: Block, mask: bytearray, prose: Prose) -> None:
    """Unmark inline code, URLs, HTML and syntax inside a block; record links and images."""
    segment = text[block.start : block.end]
    for match in INLINE.finditer(segment):
        kind = match.lastgroup if match.lastgroup != "ticks" else "code"
        start, end = block.start + match.start(), block.start + match.end()
        if match.group("code"):
            kind = "code"
        if kind == "link":
            text_start = block.start + match.start("text")
            text_end = block.start + match.end("text")
            prose.links.append(Link(match.group("text"), match.group("target"), start, text_start, end))
            _clear(mask, start, text_start)
            _clear(mask, text_end, end)
            _mask_inline_text(text, text_start, text_end, mask)
            continue
        if kind == "reflink":
            text_start = block.start + match.start("reftext")
            text_end = block.start + match.end("reftext")
            prose.links.append(Link(match.group("reftext"), "", start, text_start, end))
            _clear(mask, start, text_start)
            _clear(mask, text_end, end)
            continue
        if kind == "image":
            prose.images.append(Image(match.group("alt"), match.group("src"), start, end))
        elif kind in ("url", "autolink"):
            prose.urls.append((start, end))
        _clear(mask, start, end)


def _mask_inline_text(text: str, start: int, end: int, mask: bytearray) -> None:
    """Inside link text, still hide code and emphasis markers."""
    for match in INLINE.finditer(text, start, end):
        if match.group("code") or match.group("emphasis") or match.group("html") or match.group("escape"):
            _clear(mask, match.start(), match.end())


def _clear(mask: bytearray, start: int, end: int) -> None:
    mask[start:end] = bytes(end - start)
