"""What every check reports: a rule, and the findings made under it.

Metadata, tone and cadence checks all report through these types, so that the
CLI, the build gate and every output format treat them alike.
"""

from __future__ import annotations

import enum
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


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at an exact place: 1-based line and column."""

    path: str
    line: int
    col: int
    code: str
    message: str
    level: Level = field(default=Level.ERROR, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    """Add rules to the registry; a code may be registered once only."""
    for rule in rules:
        if rule.code in RULES:
            raise ValueError(f"rule code {rule.code} is registered twice")
        RULES[rule.code] = rule


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level >= Level.ERROR for f in findings)
