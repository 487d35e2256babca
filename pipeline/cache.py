"""Caches of pure functions in `.notes-cache/`, each verified before it is used.

A build may keep what pure functions made (parsed front matter, rendered
Markdown, tone findings, compiled templates) and use it again for the same
input. A cache must never change what a build makes, so each file is stored
with a keyed checksum:

    MAGIC | blake2b(payload, key=fingerprint) | payload

The fingerprint is a hash of notes' own code, the Python version, the
versions of every library that shapes what the caches hold (`LIBRARIES`) and
the options of the cache's function. A file that is truncated, has a byte
changed, was written by another version of notes or of a library, or for
other options, fails the checksum and is ignored: its entries are made again,
never trusted. Payloads are read only after the check; nothing is unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from pipeline.atomic import write_whole

FOLDER = ".notes-cache"
MAGIC = b"notes-cache 2\n"
PACKAGE_SOURCE = Path(__file__).resolve().parent  # all of pipeline/
# The distributions whose versions change what a cache holds: the Markdown renderer and its sanitiser, the
# YAML parser behind the front matter, the generator, its templates, the feeds and the search index.
LIBRARIES = ("markdown", "nh3", "pyyaml", "pelican", "jinja2", "feedgen", "pagefind-bin")
_DIGEST_SIZE = 32


@cache
def versions() -> str:
    """A hash of notes' own code, the Python version and the `LIBRARIES`' versions."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(PACKAGE_SOURCE.rglob("*.py")):
        digest.update(source.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


def fingerprint(options: dict) -> str:
    """The key of a cache whose entries depend on `options` (plain data) besides the code and libraries."""
    digest = hashlib.sha256(versions().encode())
    digest.update(repr(sorted((k, repr(v)) for k, v in options.items())).encode())
    return digest.hexdigest()


def _checksum(payload: bytes | memoryview, key: str) -> bytes:
    return hashlib.blake2b(payload, key=bytes.fromhex(key), digest_size=_DIGEST_SIZE).digest()


def seal(payload: bytes, key: str) -> bytes:
    """`payload` as a cache file's bytes, checksummed under `key` (a fingerprint)."""
    return MAGIC + _checksum(payload, key) + payload


def unseal(data: bytes, key: str) -> bytes | None:
    """The payload `seal` put in `data` under `key`; None if `data` is anything else."""
    start = len(MAGIC) + _DIGEST_SIZE
    if len(data) < start or not data.startswith(MAGIC):
        return None
    payload = memoryview(data)[start:]
    if not hmac.compare_digest(data[len(MAGIC):start], _checksum(payload, key)):
        return None
    return bytes(payload)


def load(path: Path | None, key: str) -> bytes | None:
    """The payload `save` left at `path` under `key`; None if absent, unreadable, damaged or foreign."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return unseal(data, key)


def save(path: Path | None, key: str, payload: bytes) -> None:
    """Keep `payload` at `path` under `key`, atomically; a cache that cannot be written is only slower."""
    if path is None:
        return
    try:
        write_whole(path, seal(payload, key))
    except OSError:  # a read-only checkout or a full disk: the next run computes again, nothing worse
        pass


def load_entries(path: Path | None, key: str) -> dict:
    """The entries (plain data) `save_entries` left at `path` under `key`; none if the file fails its check."""
    payload = load(path, key)
    if payload is None:
        return {}
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # verified, so only a file another marshal format wrote
        return {}
    return entries if isinstance(entries, dict) else {}


def save_entries(path: Path | None, key: str, entries: dict) -> None:
    """Keep `entries` (plain data: marshal is the quickest to read back) at `path`."""
    save(path, key, marshal.dumps(entries))
