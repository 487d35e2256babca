"""Build the site with Pelican from content that has passed its checks.

Pelican writes into a fresh folder beside the output folder, which is swapped
in only when the whole build succeeded, so a failed build never leaves a
half-written site. The old site is kept as `<output>.previous/`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from pipeline.errors import BuildFailed
from pipeline.findings import Finding
from pipeline.project import Project, check, open_project


@dataclass(frozen=True)
class Prepared:
    project: Project
    findings: list[Finding]
    output: Path

    @property
    def settings(self) -> dict:
        return self.project.settings


@dataclass(frozen=True)
class Built:
    output: Path
    pages: int
    seconds: float
    warnings: tuple[str, ...]


def prepare(settings_path: Path, output: Path | None = None) -> Prepared:
    """Open the project and check every file of content."""
    project = open_project(settings_path, for_build=True)
    output = (output or Path(project.settings["OUTPUT_PATH"])).resolve()
    return Prepared(project, check(project), output)


class _PelicanLog(logging.Handler):
    """Collects what Pelican logs, so that its errors fail the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


def render(prepared: Prepared) -> Built:
    """Run Pelican on checked content and swap the result in as the output folder."""
    started = time.monotonic()
    output = prepared.output
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is for a web server to read
    settings = dict(prepared.settings, OUTPUT_PATH=str(staging), NOTES_SITE=prepared.project.site,
                    NOTES_CONFIG=prepared.project.config)

    log = _PelicanLog()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(log)
    propagate, pelican_logger.propagate = pelican_logger.propagate, False
    quiet, console.quiet = console.quiet, True
    try:
        Pelican(settings).run()
    except Exception as err:  # noqa: BLE001 - any failure inside Pelican fails the build, and is reported
        if os.environ.get("NOTES_DEBUG"):
            raise
        log.errors.append(f"{type(err).__name__}: {err}")
    finally:
        pelican_logger.removeHandler(log)
        pelican_logger.propagate = propagate
        console.quiet = quiet

    if log.errors:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed("the build failed; the site was not changed:\n  " + "\n  ".join(log.errors))
    pages = sum(1 for _ in staging.rglob("*.html"))
    _swap_in(staging, output)
    return Built(output, pages, time.monotonic() - started, tuple(log.warnings))


def _swap_in(staging: Path, output: Path) -> None:
    previous = output.with_name(output.name + ".previous")
    if output.exists():
        if previous.exists():
            shutil.rmtree(previous)
        output.rename(previous)
    staging.rename(output)
