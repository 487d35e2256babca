"""Editorial settings under [tool.notes] in pyproject.toml, read through a typed schema.

Each part of notes describes its own table (`[tool.notes.lint]`,
`[tool.notes.cadence]`, ...) with `section()`: typed options, each with a
default and a description; pipeline/tables.py lists every table, and
`load` reads pyproject.toml against that list. Loading checks every key and value and reports
*every* problem at once, each naming the file, the line, the key, what was
expected and what was found. Unknown keys are errors, so a misspelt option
never silently falls back to its default.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.errors import ConfigError

PYPROJECT = "pyproject.toml"


class Invalid(Exception):
    """A value that does not fit; the message says what was found."""


@dataclass(frozen=True)
class Problem:
    """A problem inside a table-valued option, such as one list of [tool.notes.email.lists]."""

    at: tuple[str, ...]  # the keys below the option, like ("all-staff", "to"): they find the line
    message: str  # the whole message, naming the key and its table


class InvalidTable(Exception):
    """Problems inside a table-valued option, each reported at its own line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Option:
    name: str
    convert: Callable[[Any], Any]  # raises Invalid
    default: Any
    expected: str
    doc: str


@dataclass(frozen=True)
class Section:
    name: str
    doc: str
    options: dict[str, Option]


def section(name: str, doc: str, *options: Option) -> Section:
    """Describe the table [tool.notes.<name>] (pipeline/tables.py lists it)."""
    return Section(name, doc, {o.name: o for o in options})


class Config:
    """Loaded settings: `config.section("lint")["select"]`, defaults filled in."""

    def __init__(self, sections: dict[str, Section], values: dict[str, dict[str, Any]], path: Path | None):
        self._sections = sections
        self._values = values
        self.path = path

    def section(self, name: str) -> MappingProxyType:
        values = dict((o.name, o.default) for o in self._sections[name].options.values())
        values.update(self._values.get(name, {}))
        return MappingProxyType(values)

    def place(self, table: str, key: str) -> str:
        """Where `key` of [`table`] is written, for a message: 'pyproject.toml:12', or the file alone."""
        if self.path is None:
            return PYPROJECT
        return _Locator(self.path, self.path.read_text(encoding="utf-8")).line(table, key)


def load(root: Path, tables: tuple[Section, ...]) -> Config:
    """Read [tool.notes] from `root`/pyproject.toml against `tables`; no file or no table means all defaults."""
    known = {table.name: table for table in tables}
    path = root / PYPROJECT
    if not path.is_file():
        return Config(known, {}, None)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    tool = data.get("tool", {}).get("notes", {})
    problems: list[str] = []
    values: dict[str, dict[str, Any]] = {}
    for table, raw in tool.items():
        where = _Locator(path, text)
        if table not in known:
            problems.append(f"{where.line('tool.notes', table)}: unknown table [tool.notes.{table}]{_hint(table, known)}")
            continue
        if not isinstance(raw, dict):
            problems.append(f"{where.line('tool.notes', table)}: [tool.notes.{table}] must be a table")
            continue
        options = known[table].options
        values[table] = {}
        for key, value in raw.items():
            place = where.line(f"tool.notes.{table}", key)
            option = options.get(key)
            if option is None:
                problems.append(f"{place}: unknown key '{key}' in [tool.notes.{table}]{_hint(key, options)}")
                continue
            try:
                values[table][key] = option.convert(value)
            except Invalid as err:
                problems.append(f"{place}: '{key}' in [tool.notes.{table}] must be {option.expected}; got {err}")
            except InvalidTable as err:
                for problem in err.problems:
                    *tables, name = (key, *problem.at)
                    problems.append(f"{where.line('.'.join(['tool.notes', table, *tables]), name)}: {problem.message}")
    if problems:
        raise ConfigError("\n".join(problems))
    return Config(known, values, path)


def _hint(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(sorted(known))}"


class _Locator:
    """Finds the line of a key in TOML text: tomllib gives values, not places."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()

    def line(self, table: str, key: str) -> str:
        header = re.compile(r"\s*\[\s*" + re.escape(table) + r"\s*\]\s*(#.*)?$")
        subtable = re.compile(r"\s*\[\s*" + re.escape(f"{table}.{key}") + r"\s*\]")
        assignment = re.compile(r"\s*" + re.escape(key) + r"\s*=")
        inside = False
        for number, line in enumerate(self.lines, start=1):
            if subtable.match(line):
                return f"{self.path}:{number}"
            if header.match(line):
                inside = True
            elif line.lstrip().startswith("["):
                inside = False
            elif inside and assignment.match(line):
                return f"{self.path}:{number}"
        return str(self.path)


# Converters shared by every section.

def describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def integer(minimum: int | None = None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
            raise Invalid(describe(value))
        return value

    return convert


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(describe(value))
    return float(value)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(describe(value))
    return value


def string_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(describe(value))
    return tuple(value)


def string_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise Invalid(describe(value))
    return dict(value)
