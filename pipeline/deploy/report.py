"""What a deploy tells the user: a progress bar on a terminal or one line a file elsewhere (CI logs),
the plan of a dry run, and the summary."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from pipeline.deploy.plan import PHASES, Plan, Upload

if TYPE_CHECKING:
    from pipeline.deploy.run import Result

PHASE_TITLES = {"assets": "assets", "new-pages": "new pages and feeds", "pages": "pages", "feeds": "feeds",
                "delete": "deletions"}


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


class Lines:
    """One line per phase and per file, for logs: what was uploaded is on record."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def phase(self, name: str, files: int, size: int) -> None:
        sent = f", {human_size(size)}" if size else ""
        click.echo(f"{PHASE_TITLES[name]}: {files} file{'s' * (files != 1)}{sent}")

    def uploaded(self, upload: Upload) -> None:
        click.echo(f"  uploaded {upload.path} ({human_size(upload.size)})")

    def deleted(self, path: str) -> None:
        click.echo(f"  deleted {path}")


class Bar:
    """A rich progress bar per phase on standard error, while the summary goes to standard output."""

    def __init__(self, console: Console):
        self._progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[sent]}"), TimeElapsedColumn(), console=console)
        self._task: TaskID | None = None
        self._sent = 0

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self._progress.stop()

    def phase(self, name: str, files: int, size: int) -> None:
        self._sent = 0
        self._task = self._progress.add_task(PHASE_TITLES[name], total=files, sent="")

    def uploaded(self, upload: Upload) -> None:
        self._sent += upload.size
        self._progress.update(self._task, advance=1, sent=human_size(self._sent))

    def deleted(self, path: str) -> None:
        self._progress.update(self._task, advance=1)


def reporter() -> Lines | Bar:
    console = Console(stderr=True)
    return Bar(console) if console.is_terminal else Lines()


def plan_lines(plan: Plan, invalidated: list[str]) -> list[str]:
    """A dry run's account of what a deploy would do, in the order it would do it."""
    lines = []
    for phase in PHASES:
        lines += [f"would upload {u.path} ({human_size(u.size)}, {PHASE_TITLES[phase]})" for u in plan.phase(phase)]
    lines += [f"would delete {path}" for path in plan.deletions]
    lines += [f"would invalidate {path}" for path in invalidated]
    count = len(plan.uploads)
    lines.append(f"Dry run: would upload {count} file{'s' * (count != 1)} ({human_size(plan.upload_bytes)}), "
                 f"{plan.unchanged} unchanged, would delete {len(plan.deletions)}; nothing was changed.")
    return lines + _kept(plan)


def summary_lines(result: Result, target: str) -> list[str]:
    plan = result.plan
    count = len(plan.uploads)
    lines = [(f"Deployed to {target}: uploaded {count} file{'s' * (count != 1)} ({human_size(plan.upload_bytes)}), "
             f"{plan.unchanged} unchanged, deleted {len(plan.deletions)}, in {result.seconds:.1f} s.")]
    if result.invalidation:
        lines.append(f"Invalidated {len(result.invalidated)} paths in CloudFront (invalidation {result.invalidation}).")
    return lines + _kept(plan)


def _kept(plan: Plan) -> list[str]:
    count = len(plan.kept)
    if count == 1:
        return ["1 object is no longer in the site and was kept; --delete removes it."]
    return [f"{count} objects are no longer in the site and were kept; --delete removes them."] if count else []
