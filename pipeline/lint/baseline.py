"""The baseline: findings that existed when it was written, which never stop lint, build or publish.

A site that adopts notes with years of history has hundreds of tone findings
in notes nobody will rewrite. `notes lint --baseline` records them in
`.notes-baseline.json` beside the settings file, and `notes import` adds the
findings of what it imported; from then on only new findings count, as with
ESLint's bulk suppressions and the baselines of detekt and PHPStan.

An entry is keyed so that it survives edits elsewhere in the file: the rule's
code, the file (from the project's root), the text the finding points at (the
sentence its column falls in, on its line, spaces collapsed, at most 100
characters), and an occurrence index among findings with the same code, file
and text. The line number is not part of it: a paragraph added above moves a
finding without making it new, while an edit to the sentence it points into
makes it new again, so whoever edits old text sees what is wrong with it.

Only tone (T) and cadence (C) findings can be baselined. A metadata (M) or
security (S) error means the note cannot be built, or built safely, so it
always stops the build.

    {"version": 1,
     "findings": [
       {"path": "content/posts/2019-06-03-x.md", "code": "T101", "text": "leverage our data", "occurrence": 0}
     ]}
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ConfigError
from pipeline.findings import Finding

FILE = ".notes-baseline.json"
VERSION = 1
FAMILIES = ("T", "C")  # the rule families a baseline may hold
TEXT_CHARS = 100
# The end of a sentence within a line: '.', '!' or '?' before a space or the line's end.
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True, order=True)
class Entry:
    path: str  # from the project's root, with '/'
    code: str
    text: str
    occurrence: int

    def as_json(self) -> str:
        return json.dumps({"path": self.path, "code": self.code, "text": self.text, "occurrence": self.occurrence},
                          ensure_ascii=False)


@dataclass(frozen=True)
class Split:
    """Findings sorted by the baseline: those that count, those it holds, and its entries that matched nothing."""

    new: list[Finding]
    baselined: list[Finding]
    stale: list[Entry]


def can_hold(finding: Finding) -> bool:
    return finding.code.startswith(FAMILIES)


class Baseline:
    """The entries of one project's `.notes-baseline.json` (none when it has no such file)."""

    def __init__(self, root: Path, entries: Iterable[Entry] = ()):
        self.root = root.resolve()
        self.path = self.root / FILE
        self.entries = frozenset(entries)

    @classmethod
    def load(cls, root: Path) -> Baseline:
        path = root / FILE
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(root)
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"{FILE}: cannot read the file: {getattr(err, 'strerror', None) or err}") from None
        return cls(root, _parse(raw))

    def split(self, findings: list[Finding]) -> Split:
        """Which findings the baseline holds; the rest are new. Keeps the findings' order."""
        if not self.entries:
            # Most sites have no baseline: keying every finding would read every file again for nothing.
            return Split(list(findings), [], [])
        keyed = self.keys(findings)
        held = [f for f in findings if keyed.get(id(f)) in self.entries]
        held_ids = {id(f) for f in held}
        matched = {keyed[id(f)] for f in held}
        return Split([f for f in findings if id(f) not in held_ids], held, sorted(self.entries - matched))

    def keys(self, findings: list[Finding]) -> dict[int, Entry]:
        """The entry each finding the baseline could hold would have, by the finding's id()."""
        lines = _Lines(self.root)
        seen: Counter = Counter()
        keys = {}
        relative: dict[str, str | None] = {}  # resolving a path costs more than reading its file: once a file
        for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code)):
            if finding.path not in relative:
                relative[finding.path] = self.relative(finding.path)
            path = relative[finding.path]
            if path is None or not can_hold(finding):
                continue
            text = lines.at(path, finding.line, finding.col)
            occurrence = seen[path, finding.code, text]
            seen[path, finding.code, text] += 1
            keys[id(finding)] = Entry(path, finding.code, text, occurrence)
        return keys

    def recorded(self, findings: list[Finding], *, replacing: Iterable[str] | None = None) -> Baseline:
        """A baseline holding `findings`; with `replacing` (files from the root), it keeps every other file's entries."""
        new = set(self.keys(findings).values())
        if replacing is None:
            return Baseline(self.root, new)
        dropped = set(replacing)
        return Baseline(self.root, new | {e for e in self.entries if e.path not in dropped})

    def save(self) -> None:
        """Write the file sorted, one entry a line, so that its diffs read well; no entries, no file."""
        if not self.entries:
            self.path.unlink(missing_ok=True)
            return
        body = ",\n".join(f"    {entry.as_json()}" for entry in sorted(self.entries))
        text = f'{{\n  "version": {VERSION},\n  "findings": [\n{body}\n  ]\n}}\n'
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.path)
        except OSError as err:
            temporary.unlink(missing_ok=True)
            raise ConfigError(f"cannot write {FILE}: {err.strerror or err}") from None

    def relative(self, path: str) -> str | None:
        """A finding's file from the project's root, or None for a file outside it (or standard input)."""
        if path == "-":
            return None
        try:  # the folder resolved, not the file: a symlink (a loop of them, even) is the file where it stands
            return (Path(path).absolute().parent.resolve() / Path(path).name).relative_to(self.root).as_posix()
        except ValueError:
            return None


class _Lines:
    """Lines of the files findings point into, each file read once."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, list[str]] = {}

    def at(self, path: str, line: int, col: int) -> str:
        if path not in self.files:
            try:
                text = (self.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self.files[path] = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
        lines = self.files[path]
        return sentence_at(lines[line - 1], col) if 1 <= line <= len(lines) else ""


def sentence_at(line: str, col: int) -> str:
    """The sentence of `line` that column `col` (1-based) falls in, spaces collapsed.

        sentence_at("We did it. We will leverage it! Then", 15) == "We will leverage it!"
        sentence_at("We did it. We will leverage it! Then", 31) == "We will leverage it!"   (the '!')
        sentence_at("title: Our plan", 8) == "title: Our plan"
    """
    index = min(max(col - 1, 0), max(len(line) - 1, 0))
    start = max((end.end() for end in SENTENCE_END.finditer(line, 0, index)), default=0)
    end = SENTENCE_END.search(line, index)
    return " ".join(line[start:end.end() if end else len(line)].split())[:TEXT_CHARS]


def _parse(raw: str) -> list[Entry]:
    def invalid(why: str) -> ConfigError:
        return ConfigError(f"{FILE}: {why}; run 'notes lint --baseline' to write it again")

    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise invalid(f"line {err.lineno}: not valid JSON ({err.msg})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise invalid(f'expected {{"version": {VERSION}, "findings": [...]}}')
    entries = []
    for number, item in enumerate(data["findings"], 1):
        fields = {"path": str, "code": str, "text": str, "occurrence": int}
        if not isinstance(item, dict) or set(item) != set(fields) or not all(
                isinstance(item[k], t) and not isinstance(item[k], bool) for k, t in fields.items()):
            raise invalid(f"entry {number} is not {{\"path\", \"code\", \"text\", \"occurrence\"}}")
        entries.append(Entry(item["path"], item["code"], item["text"], item["occurrence"]))
    return entries
