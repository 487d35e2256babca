"""T201-T203 sentence and paragraph length, and the readability figures for --stats.

Source: https://www.gov.uk/guidance/content-design/writing-for-gov-uk#sentence-length
GOV.UK: "Keep sentences to 25 words or fewer"; long paragraphs lose readers on screens.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from pipeline.findings import Level
from pipeline.lint.checks import Context, Hit, tone_rule
from pipeline.lint.prose import Block, Prose

LINK = "https://www.gov.uk/guidance/content-design/writing-for-gov-uk"
WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’.-][A-Za-z0-9\u00c0-\u024f]+)*")
# A sentence ends at . ! or ? (and closing quotes or brackets) before white space and a capital, digit or quote.
# Starting with the punctuation (not a look-behind) lets the regex engine skip ahead to it.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)"
                          r"|[.!?](?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")  # "…click rate.We also…": a space left out
# A line that ends without punctuation, followed by one that starts with a capital, is a line of its own:
# "As a teacher / I need… / So that…", a talk's title and then its description. A line ending in one of
# these words runs on into the next ("…moved to the / GOV.UK platform").
LINE_BREAK = re.compile(r"(?<=[\w)\]”’\"'])[ \t]*\n(?=[ \t]*[\"'“‘(\[]?[A-Z0-9])"
                        r"|\n(?=[ \t]*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)][ \t])")  # a lettered list: "a) TAs feel…"
RUNS_ON = frozenset("a an and as at by for from in into of on or the to with our their your its that is are was "
                    "were be than then".split())
PROSE_BLOCKS = ("summary", "paragraph", "item", "row")


def count_words(text: str) -> int:
    return len(WORD.findall(text))


class Sentence(NamedTuple):  # a tuple, not a dataclass: a note has hundreds, and a tuple is made four times faster
    start: int
    end: int
    words: int
    block: Block
    by_line: bool = False  # ended by a line of its own, not by a full stop


def sentences(prose: Prose, kinds: tuple[str, ...] = PROSE_BLOCKS) -> list[Sentence]:
    """Sentences of the prose blocks; a block's end always ends a sentence. Made once per file."""
    if "sentences" not in prose.memo:
        prose.memo["sentences"] = list(_split(prose))
    return [s for s in prose.memo["sentences"] if s.block.kind in kinds]


def _split(prose: Prose) -> Iterator[Sentence]:
    masked = prose.masked
    quoted = prose.quoted
    for block in prose.blocks:
        if block.kind not in PROSE_BLOCKS:
            continue
        start = block.start
        ends = [m.end() for m in SENTENCE_END.finditer(masked, block.start, block.end)]
        lines = set()
        if masked.find("\n", block.start, block.end) >= 0:  # most blocks are one line: no line breaks to look at
            lines = {m.start() for m in LINE_BREAK.finditer(masked, block.start, block.end)
                     if not _runs_on(masked, m.start())}
        ends = sorted(set(ends) | lines)
        if not ends or ends[-1] < block.end:
            ends.append(block.end)
        for end in ends:
            count = _own_words(masked, start, end, quoted)
            if count:
                text = masked[start:end]
                yield Sentence(start + len(text) - len(text.lstrip()), end, count, block, end in lines)
            start = end


def _runs_on(masked: str, at: int) -> bool:
    last = masked[max(0, at - 20) : at].split()
    return bool(last) and last[-1].lower() in RUNS_ON


def _own_words(masked: str, start: int, end: int, quoted: list[tuple[int, int]]) -> int:
    """Words in masked[start:end], a quotation counting as one: a quoted label or title is one thing to read."""
    count = len(WORD.findall(masked, start, end))
    first = bisect_left(quoted, (start, start))
    for quote_start, quote_end in islice(quoted, max(0, first - 1), None):  # not a copy of the rest of the list
        if quote_start >= end:
            break
        inside_start, inside_end = max(start, quote_start), min(end, quote_end)
        if inside_start < inside_end:
            count -= max(0, len(WORD.findall(masked, inside_start, inside_end)) - 1)
    return count


@tone_rule(
    "T201", "long-sentence", Level.WARNING,
    "A sentence of more than 25 words (and no more than 40, where T202 takes over).",
    "Readers understand short sentences better; GOV.UK keeps sentences to 25 words or fewer.",
    LINK + "#sentence-length",
    flag=["We moved the reporting tables, the archive tables and the audit log to the new platform over the "
          "weekend, and the work took longer than we planned because the restore was slow."],
    passes=["We moved the reporting tables to the new platform. The restore was slow, so it took longer than planned.",
            "As a caseworker who visits residents at home and writes up every visit on a laptop\n"
            "I need to save a half-finished record without a connection to the council network\n"
            "So that I do not lose the notes I took in the resident's kitchen",
            "For example, for the question ‘Will you be travelling to any of these countries in the next "
            "twelve months?’, say ‘No, I will not be travelling to any of these countries.’"],
)
def long_sentence(context: Context):
    limit = context.options.get("sentence_words", 25)
    very_long = context.options.get("sentence_words_error", 40)
    for sentence in sentences(context.prose):
        if limit < sentence.words <= very_long:
            yield Hit(sentence.start, sentence.end,
                      f"sentence of {sentence.words} words; keep sentences to {limit} or fewer: split it or cut words")


@tone_rule(
    "T202", "very-long-sentence", Level.ERROR,
    "A sentence of more than 40 words.",
    "A sentence this long is very hard to follow; readers give up before the end.",
    LINK + "#sentence-length",
    flag=["We moved the reporting tables, the archive tables, the audit log and the search index to the new "
          "platform over the weekend, and the work took much longer than we planned because the restore from the "
          "old backups was slow and two of the tables needed their indexes rebuilt by hand."],
    passes=["We moved four sets of tables over the weekend. It took longer than planned. The restore was slow, "
            "and two tables needed their indexes rebuilt by hand."],
)
def very_long_sentence(context: Context):
    very_long = context.options.get("sentence_words_error", 40)
    for sentence in sentences(context.prose):
        if sentence.words > very_long:
            yield Hit(sentence.start, sentence.end,
                      f"sentence of {sentence.words} words; over {very_long} is too long to follow: split it")


@tone_rule(
    "T203", "long-paragraph", Level.SUGGESTION,
    "A paragraph of more than 5 sentences.",
    "Short paragraphs are easier to read on screens and easier to scan.",
    LINK,
    flag=["We started. We tested. We failed. We learned. We fixed it. We shipped it."],
    passes=["We started. We tested. We failed.\n\nWe learned. We fixed it. We shipped it."],
)
def long_paragraph(context: Context):
    limit = context.options.get("paragraph_sentences", 5)
    counts: dict[Block, list[Sentence]] = {}
    for sentence in sentences(context.prose, ("paragraph",)):
        if not sentence.by_line:  # lines of their own (a list of links, a user story) are not sentences to count
            counts.setdefault(sentence.block, []).append(sentence)
    for block, found in counts.items():
        if len(found) > limit:
            yield Hit(block.start, block.end, f"paragraph of {len(found)} sentences; keep to {limit} or fewer: split it")


@dataclass(frozen=True)
class Stats:
    words: int
    sentences: int
    average_sentence: float
    flesch: float


def stats(prose: Prose) -> Stats:
    """Flesch reading ease and average sentence length: reported by --stats, never a gate."""
    found = list(sentences(prose))
    words = [w for s in found for w in WORD.findall(prose.masked[s.start : s.end])]
    if not words:
        return Stats(0, 0, 0.0, 0.0)
    syllables = sum(_syllables(w) for w in words)
    per_sentence = len(words) / len(found)
    flesch = 206.835 - 1.015 * per_sentence - 84.6 * (syllables / len(words))
    return Stats(len(words), len(found), round(per_sentence, 1), round(flesch, 1))


def _syllables(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return 1
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and not word.endswith(("le", "ee")) and len(groups) > 1 else 0)
    return max(count, 1)
