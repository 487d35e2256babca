"""Work split over every core: this process takes one share, forked workers the others.

Two kinds of work: `map_shares` for functions of plain data (linting, Markdown),
whose results travel back from forked children; `fork_shares` for work
on objects that cannot travel (Jinja templates and Pelican's context), done in
children forked after those objects exist, which write their results to disk.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 200  # below this many items, starting worker processes costs more than it saves


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_shares(function: Callable[..., list[Result]], items: Sequence[Item], *args,
               jobs: int | None = None) -> list[Result]:
    """`function(share, *args)` over shares of `items`, with the results in the order of `items`."""
    count = jobs or workers()
    if count < 2 or len(items) < PARALLEL_FROM:
        return function(list(items), *args)
    # Every n-th item, so that each share has a like mix of short and long ones. Each forked child inherits
    # its share, so only the results travel (a process pool pickled the items too, and took 30 ms to start).
    shares = [list(items[i::count]) for i in range(count)]
    children = [Background(lambda share=share: function(share, *args)) for share in shares[1:]]
    try:
        results = [function(shares[0], *args)] + [child.result() for child in children]
    finally:
        for child in children:
            child.cancel()  # nothing for a child whose result came; one still running after a failure is stopped
    ordered: list = [None] * len(items)
    for offset, share_results in enumerate(results):
        ordered[offset::count] = share_results
    return ordered


class WorkerFailed(Exception):
    """A forked worker raised; the message carries its traceback."""


def fork_shares(jobs: Sequence[Item], do: Callable[[Item], None],
                advance: Callable[[int], None] = lambda steps: None) -> None:
    """`do(job)` for every job, a share in each forked child and one here; raise if any failed.

    The children inherit this process's memory, so jobs may hold anything;
    `do` must leave its results on disk, as a child's memory dies with it.
    `advance(steps)` reports progress; shares are alike, so this process
    counts its own jobs once for each share.
    """
    count = workers()
    if count < 2 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            do(job)
            advance(1)
        return
    children = []
    for offset in range(1, count):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its share, then exit without running the parent's cleanup
            os.close(read_end)
            status = 0
            try:
                for job in jobs[offset::count]:
                    do(job)
            except BaseException:  # noqa: BLE001 - any failure goes back to the parent, whole
                os.write(write_end, traceback.format_exc().encode("utf-8", "replace"))
                status = 1
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end))
    failures = []
    try:
        for job in jobs[0::count]:
            do(job)
            advance(count)
    finally:
        for pid, read_end in children:
            with os.fdopen(read_end, "rb") as pipe:
                message = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(pid, 0)
            if status != 0:
                failures.append(message or f"a worker process ended with status {status}")
    if failures:
        raise WorkerFailed("\n".join(failures))


class Background:
    """`function()` running in a forked child while this process goes on; `result()` waits for it.

    The result travels back pickled through a pipe. `cancel()` stops the child
    when its result is no longer wanted (a build that failed on its own); with
    `own_group`, the child leads a process group, and cancelling stops the
    programs it started too.
    """

    def __init__(self, function: Callable[[], Result], own_group: bool = False):
        read_end, write_end = os.pipe()
        self._own_group = own_group
        self._pid = os.fork()
        if self._pid == 0:  # the child: the result, or the failure, then exit at once, whatever happens
            status = 1
            try:
                os.close(read_end)
                if own_group:
                    os.setpgid(0, 0)
                import pickle

                try:
                    payload = pickle.dumps((True, function()))
                    status = 0
                except BaseException:  # noqa: BLE001 - any failure goes back to the parent, whole
                    payload = pickle.dumps((False, traceback.format_exc()))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)  # BrokenPipeError if the parent was killed: nobody to tell
            finally:
                os._exit(status)  # never on into the parent's code, which this child's stack holds too
        os.close(write_end)
        if own_group:
            try:  # here as well as in the child, so that the group exists before cancel() can be called
                os.setpgid(self._pid, self._pid)
            except OSError:  # the child made it first, or has already finished
                pass
        self._pipe = os.fdopen(read_end, "rb")
        self._outcome: tuple[bool, object] | None = None

    def ready(self) -> bool:
        if self._outcome is not None:
            return True
        import select

        return bool(select.select([self._pipe], [], [], 0)[0])

    def result(self):
        if self._outcome is None:
            import pickle

            data = self._pipe.read()
            self._pipe.close()
            _, status = os.waitpid(self._pid, 0)
            self._outcome = pickle.loads(data) if data else (False, f"the worker ended with status {status}")
        succeeded, value = self._outcome
        if not succeeded:
            raise WorkerFailed(value)
        return value

    def cancel(self) -> None:
        if self._outcome is None:
            import signal

            try:
                (os.killpg if self._own_group else os.kill)(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._pipe.close()
            os.waitpid(self._pid, 0)
            self._outcome = (False, "cancelled")
