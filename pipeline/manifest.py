"""The publish manifest: what a successful build wrote, so a deploy can trust its folder.

Every build writes `<site>/.notes-manifest.json` after the self-check and
before the swap, listing every file's relative path, size and sha256. A
folder is deployable only when it matches its manifest exactly: every listed
file present with that hash and nothing else. A half-copied folder, a file
edited by hand afterwards or a stray file dropped in are refused, and the
message names the first difference.

The manifest holds nothing that changes between two builds of the same
content but the hashes themselves: the build time is the pinned NOTES_TODAY
when the settings pin it (tests/test_reproducible.py), so a reproducible
build stays reproducible.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline import __version__
from pipeline.errors import NotesError
from pipeline.settings import PRODUCTION

FILENAME = ".notes-manifest.json"
SCHEMA = 1


class ManifestError(NotesError):
    """The folder is not exactly what a successful build wrote."""


@dataclass(frozen=True)
class Entry:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    built: str
    settings: str
    files: dict[str, Entry]  # relative POSIX path -> entry, sorted by path

    @property
    def published(self) -> bool:
        """Built with the production settings, as `notes publish` builds (drafts left out)."""
        return self.settings == PRODUCTION.name


def write(site: Path, settings_file: Path, settings: dict, listed: Iterable[str] | None = None) -> None:
    """List every file in `site` in its manifest: those `listed` (relative), if the caller has walked it."""
    files = {}
    for relative in sorted(listed if listed is not None else files_in(site)):
        if relative == FILENAME:
            continue
        with open(site / relative, "rb") as handle:
            # One open per file: the size comes from the same descriptor the hash reads.
            files[relative] = {"size": os.fstat(handle.fileno()).st_size,
                               "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}
    data = {"schema": SCHEMA, "notes": __version__, "built": _build_time(settings),
            "settings": settings_file.name, "files": files}
    (site / FILENAME).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def verified(site: Path) -> Manifest:
    """The manifest of `site`, after checking that the folder matches it exactly."""
    manifest = read(site)
    present = files_in(site) - {FILENAME}
    missing = sorted(manifest.files.keys() - present)
    if missing:
        raise ManifestError(f"{site.name}/{missing[0]} is in {FILENAME} but missing ({len(missing)} missing in all): "
                            f"{site.name}/ is incomplete; run notes publish again")
    unlisted = sorted(present - manifest.files.keys())
    if unlisted:
        raise ManifestError(f"{site.name}/{unlisted[0]} is not in {FILENAME}: {site.name}/ was changed after "
                            "notes publish; run notes publish again")
    for relative, entry in manifest.files.items():
        if sha256_of(site / relative) != entry.sha256:
            raise ManifestError(f"{site.name}/{relative} is not the file notes publish wrote (its sha256 differs): "
                                f"{site.name}/ was changed after notes publish; run notes publish again")
    return manifest


def read(site: Path) -> Manifest:
    path = site / FILENAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{site.name}/ has no {FILENAME}, so it did not come from a successful notes publish; "
                            "run notes publish first") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ManifestError(f"{site.name}/{FILENAME} cannot be read ({err}); run notes publish again") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        schema = data.get("schema") if isinstance(data, dict) else None
        raise ManifestError(f"{site.name}/{FILENAME} has schema {schema!r}, and this notes reads schema {SCHEMA}; "
                            "run notes publish again with this version")
    try:
        files = {path: Entry(int(entry["size"]), str(entry["sha256"])) for path, entry in data["files"].items()}
        return Manifest(str(data["built"]), str(data["settings"]), files)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ManifestError(f"{site.name}/{FILENAME} is damaged ({type(err).__name__}: {err}); "
                            "run notes publish again") from None


def sha256_of(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def files_in(site: Path, but: str | None = None) -> set[str]:
    """Every file under `site` (`but` a top folder), as relative POSIX paths: one walk, no stat per file."""
    found = set()
    for folder, subfolders, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        if relative == "." and but in subfolders:
            subfolders.remove(but)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def _build_time(settings: dict) -> str:
    pinned = settings.get("NOTES_TODAY")
    if pinned:
        return str(pinned)  # the build's pinned day: two builds of the same content stay identical
    return datetime.now(UTC).isoformat(timespec="seconds")
