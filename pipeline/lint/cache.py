"""A content-hash cache of tone findings, so unchanged files are not linted again.

The key of a file is a hash of its text and of what the content contract
says about it (kind, sections). The whole file is checked against a
fingerprint of notes' source code, the libraries and the lint options before
it is used (pipeline/cache.py): editing a rule or the config invalidates
every entry, and a damaged file is ignored.

A whole-project run is cached too, keyed by every content file's bytes, the
settings and config, and the day (cadence findings change with the date): an
unchanged site is reported without reading a single front matter.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline import cache as verified
from pipeline.findings import Finding, Level


class Cache:
    def __init__(self, root: Path | None, options: dict):
        self.path = root / verified.FOLDER / "lint.json" if root else None
        self.fingerprint = verified.fingerprint(options)
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.old_run: dict = {}
        self.new_run: dict = {}
        stored = verified.load(self.path, self.fingerprint)  # None if damaged or foreign: rebuilt, never trusted
        if stored is not None:
            stored = json.loads(stored)
            self.old = stored["entries"]
            self.old_run = stored["run"]

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
        data = json.dumps({"entries": self.new, "run": self.new_run}, separators=(",", ":"))
        verified.save(self.path, self.fingerprint, data.encode("utf-8"))
