"""Build the site with Pelican from content that has passed its checks.

Pelican writes into a fresh folder beside the output folder, which is swapped
in only when the whole build, the search index and the final self-check
succeeded, so a failed build never leaves a half-written site. The old site
is kept as `<output>.previous/`. Locking, recovery and the swap itself are in
publish.py.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from pipeline import publish, search, selfcheck
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
    """Build checked content beside the output folder, check it, and swap it in (see publish.py)."""
    started = time.monotonic()
    output = prepared.output
    try:
        return _render_locked(prepared, output, started)
    except OSError as err:
        # A read-only or full disk, or a folder we may not write: the user's to fix, so one line, no traceback.
        if os.environ.get("NOTES_DEBUG"):
            raise
        raise BuildFailed(f"cannot write the site beside {output}: {err.strerror or err}; "
                          "the site was not changed") from None


def _render_locked(prepared: Prepared, output: Path, started: float) -> Built:
    with publish.lock(output):
        publish.pause_at("locked")
        publish.recover(output)
        staging = publish.new_staging(output)
        try:
            warnings = _run_pelican(prepared, staging)
            search.index(staging)  # Pagefind reads the finished HTML, before the swap
            publish.pause_at("built")
            selfcheck.check_site(staging, prepared.settings.get("SITEURL", ""), _written_links(prepared.project.site))
            publish.pause_at("checked")
            pages = sum(1 for _ in staging.rglob("*.html"))
            publish.swap_in(staging, output)
        finally:
            # After a successful swap the staging name is gone (or holds nothing we keep).
            shutil.rmtree(staging, ignore_errors=True)
        publish.pause_at("swapped")
    return Built(output, pages, time.monotonic() - started, warnings)


def _written_links(site) -> frozenset[str]:
    """Links writers typed, which the self-check leaves alone (see selfcheck.py)."""
    sources = [*site.notes, *site.teams.values(), *site.authors.values()]
    return selfcheck.written_links(item.doc.body for item in sources)


def _run_pelican(prepared: Prepared, staging: Path) -> tuple[str, ...]:
    """Run Pelican into `staging`; its logged errors, or anything it raises, fail the build."""
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
        raise BuildFailed("the build failed; the site was not changed:\n  " + "\n  ".join(log.errors))
    return tuple(log.warnings)
