"""What a long build is doing: its stages, and a progress bar where there are many pages.

On a terminal the stages show as a live rich progress display, with a bar
and the time each took. Anywhere else (CI logs, a pipe) each stage is one
plain line as it starts, without times, so that logs stay diffable; the
command's summary line gives the total time.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """One stage at a time: `stage` ends the last one and starts the next."""

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None):
        self._stream = stream or sys.stderr
        self._live = self._stream.isatty() if live is None else live
        self._name: str | None = None
        self._rich = None
        self._task = None

    def __enter__(self) -> Progress:
        if self._live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._rich = RichProgress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=Console(file=self._stream), transient=False,
            )
            self._rich.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done()
        if self._rich is not None:
            self._rich.stop()

    def stage(self, name: str, total: int | None = None) -> None:
        self.done()
        self._name = name
        if self._rich is not None:
            self._task = self._rich.add_task(name, total=total)
        else:
            print(f"{name}…", file=self._stream, flush=True)

    def advance(self, steps: int = 1) -> None:
        if self._rich is not None and self._task is not None:
            self._rich.advance(self._task, steps)

    def done(self) -> None:
        """End the current stage, if any."""
        if self._name is None:
            return
        if self._rich is not None:
            task = self._rich.tasks[self._task]
            finished = task.total or task.completed or 1
            self._rich.update(self._task, total=finished, completed=finished)
            self._rich.stop_task(self._task)  # stops its clock
        self._name = self._task = None


class Silent(Progress):
    """For builds nobody watches (tests, `notes serve` rebuilds)."""

    def __init__(self):
        super().__init__(live=False)

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def done(self) -> None:
        pass
