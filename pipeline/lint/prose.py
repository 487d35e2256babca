"""Prose: what the tone rules read, at the exact place it stands, and whose words it is.

`extract()` reads the one Markdown parse (markdown.py) and returns a *masked*
copy of the file: the same length, with every character that is not prose
(front matter other than the title and summary, code, raw HTML, template
tags, link targets, URLs, Markdown syntax) replaced by a space and every
newline kept. A rule's regex match on the masked text is therefore at the
same offset as in the file, and so at the same line and column.

Alongside it come the blocks that sentences may not cross, the links and
images, and the spans that are someone else's words: quotations (“…”, ‘…’,
"…", '…'), link text that is a title or a name, and the names a site
declares. Word rules stay quiet inside those, and `--fix` never edits them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lint.markdown import Block, Image, Link, Parse, parse
from pipeline.lint.spans import blanked, inside, merged

TOKEN = re.compile(r"[a-z\u00c0-\u024f]+")  # over lower-cased text
HIDDEN_RUN = re.compile(rb"\x00+")
# Possessive (++): a match never gives characters back, so a long run costs its length once; the punctuation
# that ends a sentence after an address is trimmed after the match. The word boundary before "http" or "www" is
# tested after its first letter, so the regex engine can skip to the next h or w (a leading \b is tried everywhere).
URL = re.compile(r"(?:h(?<!\wh)ttps?://|w(?<!\ww)ww\.)[^\s<>()\[\]]++")
URL_TAIL = ".,;:!?'\"’”"
# Written out in full, as GOV.UK asks: not prose, and not a problem. The part before the @ is at most 64 characters.
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]++(?:\.[\w-]++)+")
LONGEST_QUOTE = 600  # characters; an "opening" quote with no close this near is an apostrophe or a typo
# Closing marks for each opening one; straight quotes close themselves.
QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»"}
WORDISH = re.compile(r"[\w\u00c0-\u024f]")


@dataclass
class Prose:
    text: str
    masked: str
    parse: Parse
    blocks: list[Block] = field(default_factory=list)
    urls: list[tuple[int, int]] = field(default_factory=list)  # bare URLs in prose
    quoted: list[tuple[int, int]] = field(default_factory=list)  # someone else's words, merged and sorted
    memo: dict = field(default_factory=dict)  # what several rules derive from the prose, made once

    @property
    def links(self) -> list[Link]:
        return self.parse.links

    @property
    def images(self) -> list[Image]:
        return self.parse.images

    @property
    def line_starts(self) -> list[int]:
        return self.parse.line_starts

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
        return self.parse.position(offset)

    def block_text(self, block: Block) -> str:
        return self.masked[block.start : block.end]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def someone_elses(self, start: int) -> bool:
        """True when the character at `start` lies in a quotation, a title in link text or a declared name."""
        return inside(self.quoted, start)

    def in_link_text(self, start: int) -> bool:
        if "link_texts" not in self.memo:
            self.memo["link_texts"] = sorted((link.text_start, link.text_end) for link in self.links)
        return inside(self.memo["link_texts"], start)


def extract(text: str, body_offset: int = 0, fields: dict[str, tuple[int, int]] | None = None,
            block_quotes: bool = False, names: tuple[str, ...] = ()) -> Prose:
    """Mask everything but prose. `fields` are the title and summary spans in the front matter."""
    parsed = parse(text, body_offset)
    mask = bytearray(len(text))  # 1 marks a prose character
    blocks = []
    for kind in ("title", "summary"):
        if fields and kind in fields:
            start, end = _scalar_bounds(text, *fields[kind])
            if start < end:
                blocks.append(Block(kind, start, end, lines=((start, end),)))
    for block in parsed.blocks:
        if block.kind == "quote":
            if not block_quotes:
                continue  # a block quote is someone else's words
            block = Block("paragraph", block.start, block.end, block.level, block.lines)
        blocks.append(block)
    for block in blocks:
        for start, end in block.lines:
            mask[start:end] = b"\x01" * (end - start)
    for spans in (parsed.code, parsed.html, parsed.syntax, parsed.templates):
        for start, end in spans:
            mask[start:end] = bytes(end - start)

    masked = _masked(text, mask)
    urls = []
    if "http" in masked or "www." in masked:  # as the "@" below: most notes' prose has no bare address
        urls = [(m.start(), m.start() + len(m.group().rstrip(URL_TAIL))) for m in URL.finditer(masked)]
        urls = [(start, end) for start, end in urls if end > start + 4]
    emails = [m.span() for m in EMAIL.finditer(masked)] if "@" in masked else []
    if urls or emails:
        for start, end in urls + emails:
            mask[start:end] = bytes(end - start)
        masked = _masked(text, mask)
    blocks.sort(key=lambda b: b.start)
    prose = Prose(text=text, masked=masked, parse=parsed, blocks=blocks, urls=urls)
    prose.quoted = merged(_quotations(prose) + _titles(prose) + _names(masked, names))
    return prose


def _masked(text: str, mask: bytearray) -> str:
    """Newlines stay newlines; every other unmarked character becomes a space."""
    pieces, kept = [], 0
    for run in HIDDEN_RUN.finditer(mask):
        pieces += [text[kept : run.start()], blanked(text[run.start() : run.end()])]
        kept = run.end()
    pieces.append(text[kept:])
    return "".join(pieces)


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


# ---------------------------------------------------------------------------
# Someone else's words


def _quotations(prose: Prose) -> list[tuple[int, int]]:
    """Quoted spans inside each block, found left to right in one pass over the block."""
    masked = prose.masked
    found = []
    for block in prose.blocks:
        if block.kind in ("title", "summary"):
            continue
        position, end = block.start, block.end
        while position < end:
            opener = _next_opener(masked, position, end)
            if opener < 0:
                break
            close = _closer(masked, opener, end)
            if close < 0:
                position = opener + 1
                continue
            found.append((opener, close + 1))
            position = close + 1
    return found


OPENER = re.compile(r"[“‘\"'«]")


def _next_opener(masked: str, start: int, end: int) -> int:
    for match in OPENER.finditer(masked, start, end):
        at = match.start()
        before = masked[at - 1] if at > 0 else " "
        after = masked[at + 1] if at + 1 < len(masked) else " "
        if WORDISH.match(before) or after.isspace():
            continue  # an apostrophe (don't, teachers') or a mark standing alone
        return at
    return -1


def _closer(masked: str, opener: int, end: int) -> int:
    mark = QUOTE_PAIRS[masked[opener]]
    limit = min(end, opener + LONGEST_QUOTE)
    position = opener + 1
    while True:
        at = masked.find(mark, position, limit)
        if at < 0:
            return -1
        after = masked[at + 1] if at + 1 < len(masked) else " "
        if mark in "’'" and WORDISH.match(after):
            position = at + 1  # an apostrophe inside the quotation: it’s, don't
            continue
        return at


LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*")


def _titles(prose: Prose) -> list[tuple[int, int]]:
    """Link text that names a page, talk, report or product: capitalised where a sentence does not start,
    or a link on a line of its own (a list of talks, documents or folders, each by its name)."""
    found = []
    masked = prose.masked
    text = prose.text
    for link in prose.links:
        if link.html or link.text_end <= link.text_start:
            continue
        if _alone_on_its_line(text, link.start, link.end):
            found.append((link.text_start, link.text_end))
            continue
        words = masked[link.text_start : link.text_end].split()
        if not words or not words[0][:1].isupper():
            continue
        window = max(0, link.start - 200)
        before = masked[window : link.start].rstrip(" \t")
        starts_sentence = not before.strip() or before[-1] in ".!?:\n"
        if not starts_sentence or sum(1 for w in words[1:] if w[:1].isupper()) >= 2:
            found.append((link.text_start, link.text_end))
    return found


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Only a list marker before the span on its line, and only punctuation after it. Looks a few
    characters each way, never along the whole line: a line of thousands of links costs its length."""
    newline = text.rfind("\n", max(0, start - 12), start)
    if newline < 0 and start > 12:
        return False
    if LIST_MARKER.sub("", text[newline + 1 : start]).strip():
        return False
    after = text[end : end + 8]
    return ("\n" in after or end + len(after) == len(text)) and not after.split("\n", 1)[0].strip(" .,;:\t")


def _names(masked: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    if not names:
        return []
    pattern = _name_pattern(tuple(sorted(set(names), key=len, reverse=True)))
    return [m.span() for m in pattern.finditer(masked)]


_NAME_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    if names not in _NAME_PATTERNS:
        alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names if name.strip())
        _NAME_PATTERNS[names] = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])")
    return _NAME_PATTERNS[names]

