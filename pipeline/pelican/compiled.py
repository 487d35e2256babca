"""The theme's templates, compiled once and kept in `.notes-cache/jinja/`, each file verified before use.

Compiling the theme takes about a second of every build. Jinja's own
FileSystemBytecodeCache reads its files with pickle and marshal as they are,
so one changed byte in a kept file can crash every build (a code object
marshal accepts but the interpreter cannot run). Here each file is sealed
with a checksum keyed by notes' code, the Python and library versions and the
Jinja options that change how templates compile (pipeline/cache.py), and a
file that fails the check is compiled again. Jinja still checks that the
template's source is the one the code was compiled from.
"""

from __future__ import annotations

import marshal
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from pipeline import cache

FOLDER = "jinja"


class VerifiedBytecodeCache(BytecodeCache):
    def __init__(self, root: Path, options: dict):
        self._folder = root / cache.FOLDER / FOLDER
        # The options as text: they hold this process's objects (the cache itself, extensions) by name only.
        self._key = cache.fingerprint({"jinja": repr(sorted((k, repr(v)) for k, v in options.items()))})

    def _path(self, bucket: Bucket) -> Path:
        return self._folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = cache.load(self._path(bucket), self._key)
        if payload is None:
            return
        source, _, code = payload.partition(b"\0")
        if source.decode() != bucket.checksum:  # the template changed since: compile it again
            return
        try:
            bucket.code = marshal.loads(code)
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.save(self._path(bucket), self._key, bucket.checksum.encode() + b"\0" + marshal.dumps(bucket.code))
