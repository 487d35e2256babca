"""A content-hash cache of tone findings, so unchanged files are not linted again.

The key of a file is a hash of its text, of what the content contract says
about it (kind, sections), and of a fingerprint of notes' source code and
the lint options: editing a rule or the config invalidates every entry.

A whole-project run is cached too, keyed by every content file's bytes, the
settings and config, and the day (cadence findings change with the date): an
unchanged site is reported without reading a single front matter.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path

from pipeline.atomic import write_whole
from pipeline.findings import Finding, Level

VERSION = 3  # 2: each finding keeps its excerpt; 3: and each file its links
FOLDER = ".notes-cache"
PACKAGE_SOURCE = Path(__file__).resolve().parent.parent  # all of pipeline/: loader, rules, cadence


def fingerprint(options: dict) -> str:
    digest = hashlib.sha256(f"v{VERSION}".encode())
    for source in sorted(PACKAGE_SOURCE.rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update(repr(sorted((k, repr(v)) for k, v in options.items())).encode())
    return digest.hexdigest()


def load_entries(path: Path, fingerprint: str) -> dict:
    """The entries a `save_entries` left at `path` under this `fingerprint`; none if absent, damaged or stale."""
    try:
        with path.open("rb") as handle:
            stored = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}  # none yet, or damaged or foreign: rebuilt, never trusted
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return {}
    return stored.get("entries", {})


def save_entries(path: Path, fingerprint: str, entries: dict) -> None:
    """Keep `entries` (plain data: marshal is the quickest to read back) at `path`, atomically."""
    write_whole(path, marshal.dumps({"fingerprint": fingerprint, "entries": entries}))


class Cache:
    def __init__(self, root: Path | None, options: dict):
        self.path = root / FOLDER / "lint.json" if root else None
        self.fingerprint = fingerprint(options)
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.old_run: dict = {}
        self.new_run: dict = {}
        if self.path and self.path.is_file():
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # a damaged cache is rebuilt, never trusted
            if stored.get("fingerprint") == self.fingerprint:
                self.old = stored.get("entries", {})
                self.old_run = stored.get("run", {})

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get_run(self, key: str) -> tuple[int, list[Finding]] | None:
        if self.old_run.get("key") != key:
            return None
        self.new, self.new_run = self.old, self.old_run  # nothing changed: keep every entry
        findings = [Finding(path, line, col, code, message, Level(level), excerpt)
                    for path, line, col, code, message, level, excerpt in self.old_run["findings"]]
        return self.old_run["files"], findings

    def put_run(self, key: str, files: int, findings: list[Finding]) -> None:
        self.new_run = {"key": key, "files": files,
                        "findings": [[f.path, f.line, f.col, f.code, f.message, int(f.level), f.excerpt]
                                     for f in findings]}

    def key(self, text: str, kind: str | None, context: tuple) -> str:
        """What a file's findings depend on besides the code: its text, its kind, and `context` (the team's
        sections, the site's names and language)."""
        return hashlib.sha256(f"{kind}\0{context}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str, source: str) -> tuple[list[Finding], list[tuple]] | None:
        """A file's findings, and its links that may lead inside the site (lint_and_links)."""
        entry = self.old.get(key)
        if entry is None:
            return None
        self.new[key] = entry
        findings, written = entry
        return ([Finding(source, line, col, code, message, Level(level), excerpt)
                 for line, col, code, message, level, excerpt in findings], [tuple(w) for w in written])

    def put(self, key: str, findings: list[Finding], written: list[tuple]) -> None:
        self.new[key] = [[[f.line, f.col, f.code, f.message, int(f.level), f.excerpt] for f in findings],
                         [list(w) for w in written]]

    def save(self) -> None:
        """Write the entries used in this run (so the file never grows without bound), atomically."""
        if not self.path or (self.new == self.old and self.new_run == self.old_run):
            return
        data = json.dumps({"fingerprint": self.fingerprint, "entries": self.new, "run": self.new_run},
                          separators=(",", ":"))
        write_whole(self.path, data.encode("utf-8"))
