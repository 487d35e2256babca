"""Atomic, recoverable publishing: one writer at a time, a checked site, one swap.

The order is: take the lock, recover from any interrupted run, build into a
fresh `.<output>-build-*` folder beside the output folder (Pelican, feeds,
search index), check the result (`selfcheck.py`), then swap it in.

How the swap keeps `output/` whole, even through SIGKILL: on Linux the new
folder and `output/` are exchanged with one renameat2(RENAME_EXCHANGE) call,
so `output/` never stops existing and always holds a complete site; the old
site then moves to `output.previous/`. Where that call does not exist (macOS,
old kernels) the swap is two renames, output/ -> output.previous/ then
new -> output/; a kill between them leaves no `output/`, and the next build,
publish or rollback puts `output.previous/` back first (`recover`).

A second build or publish while one runs does not wait: it exits at once with
a message naming the holder, since a queued build of the same content would
only repeat the first.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import CannotWrite, ExitCode, NotesError

log = logging.getLogger(__name__)

class Busy(NotesError):
    exit_code = ExitCode.USAGE


class NothingToRollBack(NotesError):
    exit_code = ExitCode.USAGE


# What a disk says when it cannot take a file: full, read-only, or not ours to write.
UNWRITABLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


def one_line(err: OSError, output: Path) -> NotesError:
    """A read-only or full disk, or a folder we may not write: the user's to fix, so one line, no traceback."""
    if os.environ.get("NOTES_DEBUG"):
        raise err
    where = err.filename or f"the site beside {output}"
    return CannotWrite(f"cannot write {where}: {err.strerror or err}; the site was not changed")


def previous_of(output: Path) -> Path:
    return output.with_name(output.name + ".previous")


def _lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def staging_prefix(output: Path) -> str:
    return f".{output.name}-build-"


@contextmanager
def lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on `output` for a build, publish or rollback.

    flock is released by the kernel when the process dies, even by SIGKILL,
    so a killed publish never leaves a stale lock behind.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    path = _lock_path(output)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise Busy(
                f"another notes build, publish or serve (process {holder}) is writing {output.name}/; "
                "wait for it to finish, then run the command again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(output: Path) -> None:
    """Undo what an interrupted run left behind; call with the lock held."""
    previous = previous_of(output)
    for last in (previous, _doomed(output)):  # a swap that keeps the previous site, or one that does not
        if not output.exists() and last.is_dir():
            log.warning("%s/ was missing after an interrupted swap; restored it from %s/", output.name, last.name)
            last.rename(output)
    for stale in [*output.parent.glob(staging_prefix(output) + "*"), _doomed(previous), _doomed(output)]:
        shutil.rmtree(stale, ignore_errors=True)


def new_staging(output: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is for a web server to read
    return staging


def swap_in(staging: Path, output: Path, *, keep_previous: bool = True) -> None:
    """Make `staging` the output folder and keep the old one as `<output>.previous/`, or delete it."""
    if not output.exists():
        staging.rename(output)
    elif _exchange(staging, output):
        # output/ is the new site; the old one is still at the staging name.
        if keep_previous:
            _replace_folder(previous_of(output), staging)
        else:
            shutil.rmtree(staging)
    elif keep_previous:
        _replace_folder(previous_of(output), output)
        staging.rename(output)
    else:
        doomed = _doomed(output)
        output.rename(doomed)
        staging.rename(output)
        shutil.rmtree(doomed)


def rollback(output: Path) -> None:
    """Swap `output/` and `output.previous/`; a second rollback undoes the first."""
    with lock(output):
        recover(output)
        previous = previous_of(output)
        if not previous.is_dir() or not output.is_dir():
            raise NothingToRollBack(f"no {previous.name}/ to roll back to; publish twice first")
        if not _exchange(previous, output):
            parked = output.with_name(staging_prefix(output) + "rollback")
            output.rename(parked)
            previous.rename(output)
            parked.rename(previous)


def _doomed(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}-old")


def _replace_folder(target: Path, source: Path) -> None:
    """Move `source` to `target`, deleting what `target` held."""
    if target.exists():
        doomed = _doomed(target)
        shutil.rmtree(doomed, ignore_errors=True)
        target.rename(doomed)  # a rename first, so `target` is never half-deleted
        source.rename(target)
        shutil.rmtree(doomed)
    else:
        source.rename(target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders' names; False where the system cannot."""
    if _renameat2 is None:
        return False
    result = _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # the file system or kernel does not support exchange: use the two-rename swap
    raise OSError(code, os.strerror(code), str(first))
