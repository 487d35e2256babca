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
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from pipeline import incremental, manifest, parallel, publish, quick, search, selfcheck
from pipeline.content.loader import display_path
from pipeline.errors import BuildFailed, ExitCode, NotesError
from pipeline.findings import Finding, has_errors
from pipeline.parallel import Background
from pipeline.pelican import rendered, snapshot
from pipeline.pelican.rendered import RenderedHtml
from pipeline.pelican.writer import NotesWriter
from pipeline.progress import Progress, Silent
from pipeline.project import Checked, Project, loader_findings, open_project
from pipeline.project import checked as run_checks  # Prepared.checked says whether they are done


class NotBuilt(NotesError):
    """The checks found errors: nothing was swapped in. The CLI prints the findings."""

    exit_code = ExitCode.CONTENT

    def __init__(self, findings: list[Finding]):
        super().__init__("the content has errors; the site was not changed")
        self.findings = findings


@dataclass
class Prepared:
    """A loaded project whose metadata and cadence are checked, and whose tone checks run meanwhile.

    The tone checks take a core of their own while the build renders on the
    other (most of Pelican's work runs on one), and are waited for before the
    new site is swapped in, which their errors prevent.
    """

    project: Project
    output: Path
    _checking: Background | None = field(default=None, repr=False)
    _checked: Checked | None = field(default=None, repr=False)

    @property
    def settings(self) -> dict:
        return self.project.settings

    @property
    def checked(self) -> bool:
        return self._checked is not None or self._checking is None or self._checking.ready()

    @property
    def findings(self) -> list[Finding]:
        """Every finding (metadata, cadence, tone) after the lint policy and baseline; waits for the tone checks."""
        return self._result().findings

    @property
    def baselined(self) -> int:
        """How many findings the baseline holds (.notes-baseline.json), which the build does not stop on."""
        return self._result().baselined

    def _result(self) -> Checked:
        if self._checked is None:
            self._checked = self._checking.result() if self._checking else run_checks(self.project)
        return self._checked

    def cancel(self) -> None:
        """Stop the checks still running, when their result is no longer wanted."""
        if self._checking is not None and self._checked is None:
            self._checking.cancel()
            self._checking = None


@dataclass(frozen=True)
class Built:
    output: Path
    pages: int
    seconds: float
    warnings: tuple[str, ...]
    rendered: int = 0  # pages rendered by this build; the others were kept from the last site
    feeds: int = 0


def prepare(settings_path: Path, output: Path | None = None, progress: Progress | None = None,
            today: date | None = None) -> Prepared:
    """Open the project, load and check its content; the tone checks go on in a worker (see Prepared).

    `today` (the --today option) pins the build's day (pipeline/clock.py).
    """
    progress = progress or Silent()
    project = open_project(settings_path, for_build=True, today=today)
    output = (output or Path(project.settings["OUTPUT_PATH"])).resolve()
    progress.stage(f"Loading notes from {display_path(project.content_dir)}")
    site = project.site
    progress.stage(f"Checking {site.files_checked} files in {display_path(site.content_dir)}")
    early = loader_findings(project)
    if has_errors(early) or site.files_checked < parallel.PARALLEL_FROM:
        # Small sites check at once, as a worker would cost more than it saves.
        return Prepared(project, output, _checked=run_checks(project))
    # One core for the checks: the build keeps the other(s) busy meanwhile.
    return Prepared(project, output, Background(partial(run_checks, project, jobs=1)))


class _PelicanLog(logging.Handler):
    """Collects what Pelican logs, so that its errors fail the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


def render(prepared: Prepared, progress: Progress | None = None) -> Built:
    """Build checked content beside the output folder, check it, and swap it in (see publish.py)."""
    started = time.monotonic()
    output = prepared.output
    try:
        return _render_locked(prepared, output, started, progress or Silent())
    except OSError as err:
        # A read-only or full disk, or a folder we may not write: the user's to fix, so one line, no traceback.
        if os.environ.get("NOTES_DEBUG"):
            raise
        raise BuildFailed(f"cannot write the site beside {output}: {err.strerror or err}; "
                          "the site was not changed") from None
    finally:
        prepared.cancel()  # a build that failed on its own no longer needs the checks' result


def _render_locked(prepared: Prepared, output: Path, started: float, progress: Progress) -> Built:
    project = prepared.project
    with publish.lock(output):
        publish.pause_at("locked")
        publish.recover(output)
        snapshot_path = snapshot.path_of(project.root)
        snapshot.recover(snapshot_path)
        plan = incremental.plan(project, output)
        staging = publish.new_staging(output)
        indexers: list[search.Indexing] = []
        writers: list[NotesWriter] = []
        saved = None  # this build's snapshot of Pelican's context, for the next quick rebuild
        new_spare = None  # and the folders it will start from (publish.swap_in)

        def index(writer: NotesWriter) -> None:
            indexers.append(search.Indexing(staging, writer.context["search_shards"], _search_kept(plan.reuse, staging),
                                            writer.written, plan.reuse.previous if plan.reuse else None))

        def pages_written(writer: NotesWriter) -> None:
            # Pagefind reads the finished HTML: started once every page is written, while the feeds are;
            # with other plugins enabled, once Pelican has finished, since they may change pages until then.
            writers.append(writer)
            if writer.defers:
                index(writer)

        try:
            html = RenderedHtml(prepared.settings.get("MARKDOWN", {}),
                                tuple(project.config.section("lint")["allowed_embeds"]), project.root)
            texts = list(rendered.texts_of(project.site))
            progress.stage(f"Rendering Markdown ({plan.reason})")
            html.prerender(texts)
            _stop_if_checks_failed(prepared)
            own = {"OUTPUT_PATH": str(staging), "NOTES_TODAY": project.today.day, "NOTES_SITE": project.site, "NOTES_CONFIG": project.config,
                   "NOTES_RENDERED": html, "NOTES_REUSE": plan.reuse, "NOTES_PROGRESS": progress,
                   "NOTES_PAGES_WRITTEN": pages_written}
            last = quick.load(project, plan, own)
            if last is not None:
                progress.stage("Writing the changed notes into the last site")
                publish.take_spare(output, staging)
                warnings = _run_quick(last, plan.reuse, pages_written)
            else:
                progress.stage("Building pages and feeds")
                warnings = _run_pelican(dict(prepared.settings, **own))
                if not indexers:
                    index(writers[0])
                saved = snapshot.save(writers[0].context, writers[0].settings, plan.site_key, project.today.day,
                                      snapshot_path)
            publish.pause_at("built")
            _stop_if_checks_failed(prepared)
            progress.stage("Indexing for search and checking links")
            with search.indexing(staging, indexers[0]):
                # Every file but the search bundles, which Pagefind is still writing; of the pages and feeds, those
                # written by this build (the others are the last site's, hard-linked: see incremental.py).
                files = manifest.files_in(staging, but=search.BUNDLE_FOLDER)
                written = [staging / f for f in files if f.endswith((".html", *selfcheck.FEED_SUFFIXES))]
                fresh = None if plan.reuse is None else [p for p in written if not plan.reuse.kept(p, staging)]
                selfcheck.check_site(staging, prepared.settings.get("SITEURL", ""), fresh, files)
                if plan.reuse is None:  # a full build: the next quick rebuild's folders, made while Pagefind finishes
                    new_spare = quick.spare_of(staging, files, publish.new_spare_of(output))
            publish.pause_at("checked")
            if not prepared.checked:
                progress.stage("Finishing the checks")
            _stop_if_checks_failed(prepared, wait=True)
            pages = sum(1 for p in written if p.suffix == ".html")
            rendered_pages = pages if fresh is None else sum(1 for p in fresh if p.suffix == ".html")
            feeds = sum(1 for p in written if p.suffix == ".xml" and p.name != "sitemap.xml")
            bundles = {f"{search.BUNDLE_FOLDER}/{f}" for f in manifest.files_in(staging / search.BUNDLE_FOLDER)}
            manifest.write(staging, project.settings_path, prepared.settings,  # what deploy trusts
                           previous=plan.reuse.previous if plan.reuse else None, listed=files | bundles)
            progress.stage(f"Swapping the new site into {output.name}/")
            publish.swap_in(staging, output, new_spare)
            incremental.record(project, plan, output)
            html.save()
            if saved is not None:
                snapshot.keep(saved, snapshot_path)
            elif last is None:
                snapshot.forget(snapshot_path)  # the context could not be pickled: the old one is not this site's
        finally:
            if saved is not None:
                saved.unlink(missing_ok=True)  # a build that failed before the swap: its snapshot is not kept
            if new_spare is not None:
                shutil.rmtree(new_spare, ignore_errors=True)  # nor its spare (after a swap, it has moved)
            for indexer in indexers:
                indexer.stop()  # a build that failed after Pelican wrote its pages
            # After a successful swap the staging name is gone (or holds nothing we keep).
            shutil.rmtree(staging, ignore_errors=True)
        publish.pause_at("swapped")
        progress.done()
    return Built(output, pages, time.monotonic() - started, warnings, rendered_pages, feeds)


def _search_kept(reuse: incremental.Reuse | None, staging: Path):
    """Which search bundles an incremental build takes from the last site: those of unchanged notes."""
    if reuse is None:
        return None
    return lambda shard: not (shard.sources & reuse.changed) and reuse.keep_folder(shard.folder, staging)


def _stop_if_checks_failed(prepared: Prepared, wait: bool = False) -> None:
    """Give up as soon as the checks have found errors, instead of building on; `wait` for them, last."""
    if (wait or prepared.checked) and has_errors(prepared.findings):
        raise NotBuilt(prepared.findings)


def _run_quick(last: quick.Last, reuse: incremental.Reuse, pages_written) -> tuple[str, ...]:
    """A quick rebuild (pipeline/quick.py); anything it raises fails the build, as in Pelican."""
    try:
        quick.rebuild(last, reuse, pages_written)
    except Exception as err:  # noqa: BLE001 - the same templates and plugins as a full build, the same report
        if os.environ.get("NOTES_DEBUG"):
            raise
        raise BuildFailed(f"the build failed; the site was not changed:\n  {type(err).__name__}: {err}") from None
    return ()


def _run_pelican(settings: dict) -> tuple[str, ...]:
    """Run Pelican with `settings` (into their OUTPUT_PATH); its logged errors, or anything it raises, fail the build."""
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
