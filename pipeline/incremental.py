"""Rebuilding after an edit: which pages of the last site can be kept as they are.

A build records two things in `.notes-cache/build.json`: a *site key*, a hash
of everything that can appear on more than one page (every note's front
matter, every team and author file, the list of static files, the settings,
the [tool.notes] config, the theme, notes' own code, and which notes are
still scheduled), and a hash of each note's body. The next build into the same
output folder compares them:

- site key unchanged: only the notes whose bodies changed are rendered again,
  with the pages that show today's cadence; every other page is hard-linked
  from the last site (pipeline/pelican/writer.py), and only the feeds that
  carry a changed note are written again (pipeline/pelican/feeds.py);
- site key changed (a title, a date, a tag, a new or removed note, a template):
  every page is rendered, since a title or a tag shows on many pages.

The output folder is trusted only if it is the very folder that build made
(its inode is recorded): after a rollback or a hand edit, everything is rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import write_whole
from pipeline.lint.cache import FOLDER, fingerprint
from pipeline.settings import other_plugins

STATE_FILE = "build.json"
VERSION = 1
# Settings that hold this build's objects rather than configuration.
OWN_SETTINGS = ("NOTES_SITE", "NOTES_CONFIG", "NOTES_RENDERED", "NOTES_REUSE", "NOTES_PROGRESS",
                "NOTES_PAGES_WRITTEN", "OUTPUT_PATH")


@dataclass(frozen=True)
class Reuse:
    """What an incremental build may take from the last site."""

    previous: Path  # the last site, from which unchanged files are hard-linked
    changed: frozenset[str]  # source paths (as Pelican names them) of notes whose bodies changed

    def keep(self, name: str, site: Path | str) -> bool:
        """Hard-link the last site's `name` into `site`, the one being built; False if there is none."""
        target = Path(site, name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.previous / name, target)
        except OSError:
            return False
        return True

    def kept(self, path: Path, site: Path) -> bool:
        """Whether `path`, in the site being built, is the last site's file (see keep), not one written afresh."""
        try:
            return path.stat().st_ino == (self.previous / path.relative_to(site)).stat().st_ino
        except OSError:
            return False

    def keep_folder(self, name: str, site: Path | str) -> bool:
        """Hard-link every file of the last site's folder `name` into `site`: all of them, or none."""
        source = self.previous / name
        files = [path.relative_to(self.previous) for path in source.rglob("*") if path.is_file()]
        if files and all(self.keep(str(path), site) for path in files):
            return True
        shutil.rmtree(Path(site, name), ignore_errors=True)
        return False


@dataclass(frozen=True)
class Plan:
    site_key: str
    bodies: dict[str, str]  # source path -> hash of the body
    reuse: Reuse | None
    reason: str  # why every page is rendered, or what changed, for the progress report


def plan(project, output: Path) -> Plan:
    site = project.site
    bodies = {str(note.path): _hash(note.body) for note in site.notes}
    key = site_key(project)
    others = other_plugins(project.settings)
    if others:
        return Plan(key, bodies, None, f"{', '.join(others)} may change any page")
    state = _load(project.root)
    if state is None:
        return Plan(key, bodies, None, "no earlier build")
    if state.get("site_key") != key:
        return Plan(key, bodies, None, "front matter, settings or theme changed")
    if state.get("output") != _identity(output):
        return Plan(key, bodies, None, f"{output.name}/ is not the site the last build made")
    changed = frozenset(path for path, digest in bodies.items() if state.get("bodies", {}).get(path) != digest)
    return Plan(key, bodies, Reuse(output, changed), f"{len(changed)} {'note' if len(changed) == 1 else 'notes'} changed")


def record(project, built: Plan, output: Path) -> None:
    """After a successful swap: what the next build compares against."""
    state = {"version": VERSION, "site_key": built.site_key, "output": _identity(output), "bodies": built.bodies}
    write_whole(project.root / FOLDER / STATE_FILE, json.dumps(state).encode("utf-8"))


def site_key(project) -> str:
    settings, site = project.settings, project.site
    digest = hashlib.sha256(f"v{VERSION}".encode())
    digest.update(fingerprint({}).encode())  # notes' own code
    digest.update(_stable({k: v for k, v in settings.items() if k not in OWN_SETTINGS}).encode())
    if project.config.path:
        digest.update(project.config.path.read_bytes())
    for note in site.notes:
        scheduled = project.today.holds_back(note.date, site.timezone)
        digest.update(_stable((str(note.path), note.doc.meta, scheduled)).encode())
    for item in [*site.teams.values(), *site.authors.values()]:
        digest.update(str(item.doc.path).encode() + b"\0" + item.doc.text.encode("utf-8", "surrogateescape"))
    for folder in _theme_folders(settings):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    for static in settings.get("STATIC_PATHS", []):
        for path in sorted(p for p in (project.content_dir / static).rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _theme_folders(settings: dict) -> list[Path]:
    theme = Path(settings["THEME"])
    return [theme / "templates", theme / "static"]


def _stable(value) -> str:
    """A repr that is the same in every run: functions by name, not by address; dicts sorted."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=lambda i: str(i[0]))) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "[" + ",".join(_stable(v) for v in items) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _identity(output: Path) -> str:
    """The folder itself, not its name: a rollback swaps another folder in under the same name."""
    try:
        stat = output.stat()
    except OSError:
        return ""
    return f"{stat.st_dev}:{stat.st_ino}"


def _load(root: Path) -> dict | None:
    path = root / FOLDER / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == VERSION else None
