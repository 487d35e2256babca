"""Suppression comments: turning rules off for part of a file.

The grammar, in one place (a truth table in tests/test_lint_suppress.py pins it):

    <!-- notes: disable -->                    every rule, from this line on
    <!-- notes: disable=T101,T203 -->          these rules (codes or prefixes), from this line on
    <!-- notes: enable -->                     every rule again, from this line on
    <!-- notes: enable=T101 -->                this rule again, from this line on
    <!-- notes: disable-next-line=T101 -->     on the next line only (all rules if no codes)

and in front matter, for the whole file:

    lint: {ignore: [T101, T2]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMENT = re.compile(
    r"<!--\s*notes:\s*(?P<action>disable-next-line|disable|enable)"  # what to do
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*))?"   # optional codes or prefixes
    r"\s*-->"
)
ALL = ("",)  # the empty prefix matches every code


@dataclass(frozen=True)
class Suppressions:
    """Which codes are off on which lines."""

    # (from line, action, codes) in file order; action is "disable" or "enable"
    regions: tuple[tuple[int, str, tuple[str, ...]], ...]
    next_lines: dict[int, tuple[str, ...]]
    whole_file: tuple[str, ...]

    def suppressed(self, code: str, line: int) -> bool:
        if _matches(code, self.whole_file) or _matches(code, self.next_lines.get(line, ())):
            return True
        off = False
        for start, action, codes in self.regions:
            if start > line:
                break
            if _matches(code, codes):
                off = action == "disable"
        return off


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def parse(text: str, ignore: tuple[str, ...] = ()) -> Suppressions:
    regions = []
    next_lines: dict[int, tuple[str, ...]] = {}
    for match in COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        codes = tuple(c.strip().upper() for c in match["codes"].split(",")) if match["codes"] else ALL
        if match["action"] == "disable-next-line":
            next_lines[line + 1] = next_lines.get(line + 1, ()) + codes
        else:
            regions.append((line, match["action"], codes))
    return Suppressions(tuple(regions), next_lines, tuple(c.upper() for c in ignore))
