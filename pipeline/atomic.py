"""Files written whole or not at all: a process killed while writing leaves the old file or the new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_beside(path: Path, data: bytes) -> Path:
    """`data` in a new file in `path`'s folder, named `.<name>-<random>`, for the caller to `os.replace` onto `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}-", delete=False) as handle:
        handle.write(data)
    return Path(handle.name)


def write_whole(path: Path, data: bytes) -> None:
    os.replace(write_beside(path, data), path)


def leftovers(path: Path) -> list[Path]:
    """Files `write_beside` made for `path` that were never put in place: their writer was killed."""
    return list(path.parent.glob(f".{path.name}-*"))
