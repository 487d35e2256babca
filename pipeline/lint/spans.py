"""Spans of a file's text, as sorted (start, end) offsets: the small arithmetic the parse and the rules share."""

from __future__ import annotations

import re
from bisect import bisect_right


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of `spans`, sorted (start, end) pairs that do not overlap."""
    index = bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def blanked(text: str, fill: str = " ") -> str:
    """`text` with every character but a newline made `fill`: same length, same lines.

    Line by line rather than a regex substitution of each character, which took twice as long on the
    front matter, code and template tags that lint blanks out of every note.
    """
    if "\n" not in text:
        return fill * len(text)
    return "\n".join(fill * len(line) for line in text.split("\n"))
