"""What every check reports: a rule, and the findings made under it.

Metadata, tone and cadence checks all report through these types, so that the
CLI, the build gate and every output format treat them alike.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    """How much a finding matters. Only errors block a build."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Example:
    """A file that a rule must flag (or must pass), used by docs and tests.

    `path` is relative to the content folder; `text` is the whole file;
    `shown` is the part worth showing in docs, when not the whole file.
    """

    path: str
    text: str
    shown: str = ""


@dataclass(frozen=True)
class Rule:
    """One check with a stable code. A code never changes meaning."""

    code: str
    name: str
    level: Level
    summary: str
    why: str
    link: str
    must_flag: tuple[Example, ...] = ()
    must_pass: tuple[Example, ...] = ()
    source: str = ""  # where a rule's list of words or phrases comes from, for docs/rules.md


# What must never reach a log or terminal from a file: line breaks, which would start a line of their own (a
# GitHub "::error" command, a fake finding), other control characters (terminal escape codes) and the marks
# that reorder text on screen ("Trojan source").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_BUT_NEWLINE = re.compile(_UNPRINTABLE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` with control characters written as escapes (\\n, \\x1b, \\u202e), as Python's repr writes them."""
    pattern = _UNPRINTABLE_BUT_NEWLINE if keep_lines else _UNPRINTABLE
    return pattern.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at an exact place: 1-based line and column.

    The path and message may quote a file's name or values, so they are made
    printable here, once, for every output format.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    level: Level = field(default=Level.ERROR, compare=False)
    # The text the finding points at (a word, a sentence), for keys that outlast edits elsewhere in the file,
    # such as a baseline's; empty where a finding is about the whole file or its front matter.
    excerpt: str = field(default="", compare=False)

    def __post_init__(self):
        for name in ("path", "message"):
            value = getattr(self, name)
            if _UNPRINTABLE.search(value):
                object.__setattr__(self, name, printable(value))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level >= Level.ERROR for f in findings)
