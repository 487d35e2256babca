"""Build the site with Pelican from content that has passed its checks: whole, and clean.

Every build renders every page and feed into a fresh folder beside the
output folder, from the content alone: nothing is kept or linked from the
live site, and no earlier build's context is read. What makes a build fast
is elsewhere: Markdown, front matter and templates come from verified,
content-addressed caches (pipeline/cache.py), and pages are rendered on
every core (pipeline/pelican/writer.py). The new folder is swapped in only
when the build, the search index and the final self-check succeeded, so a
failed build never leaves a half-written site; locking, recovery and the swap
itself are in publish.py. `notes serve` re-renders edits in memory
(pipeline/serve.py) and falls back to this build.
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

from pelican import Pelican, signals
from pelican.log import console

from pipeline import manifest, parallel, publish, search, selfcheck
from pipeline.content.loader import display_path
from pipeline.errors import BuildFailed, ExitCode, NotesError
from pipeline.findings import Finding, has_errors
from pipeline.parallel import Background
from pipeline.pelican import rendered
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
    feeds: int = 0


@dataclass
class Run:
    """One run of Pelican into a folder: what it was made from and what it wrote.

    `notes serve` keeps the last one to re-render an edit without running
    Pelican again (pipeline/preview.py).
    """

    folder: Path
    settings: dict
    generators: list
    html: RenderedHtml
    warnings: tuple[str, ...]
    files: set[str] = field(default_factory=set)  # every file written, relative to the folder

    @property
    def context(self) -> dict:
        return self.generators[0].context if self.generators else {}

    @property
    def pages(self) -> int:
        return sum(1 for name in self.files if name.endswith(".html"))

    @property
    def feeds(self) -> int:
        return sum(1 for name in self.files if name.endswith(".xml") and name != "sitemap.xml")


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


def render(prepared: Prepared, progress: Progress | None = None, *, keep_previous: bool = True) -> Built:
    """Build checked content beside the output folder, check it, and swap it in (see publish.py).

    `keep_previous` keeps the site it replaces as `<output>.previous/`, for `notes publish --rollback`.
    """
    started = time.monotonic()
    try:
        with publish.lock(prepared.output):
            run = replace_site(prepared, progress or Silent(), keep_previous=keep_previous)
    except OSError as err:
        raise publish.one_line(err, prepared.output) from None
    finally:
        prepared.cancel()  # a build that failed on its own no longer needs the checks' result
    return Built(prepared.output, run.pages, time.monotonic() - started, run.warnings, run.feeds)


def replace_site(prepared: Prepared, progress: Progress, *, keep_previous: bool, html: RenderedHtml | None = None,
                 listed: bool = True) -> Run:
    """With the output's lock held: build the whole site into a fresh folder and swap it in.

    `listed` writes the manifest deploy trusts; `html` is a renderer kept from an earlier run in this process.
    """
    output = prepared.output
    publish.recover(output)
    staging = publish.new_staging(output)
    try:
        run = run_into(prepared, staging, progress, html)
        if listed:
            manifest.write(staging, prepared.project.settings_path, prepared.settings, listed=run.files)
        progress.stage(f"Swapping the new site into {output.name}/")
        publish.swap_in(staging, output, keep_previous=keep_previous)
        run.folder = output
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap the name is gone, or holds the old site
    run.html.save()
    progress.done()
    return run


def run_into(prepared: Prepared, folder: Path, progress: Progress, html: RenderedHtml | None = None) -> Run:
    """Render the whole site into the empty `folder`, index it for search and check it; wait for the checks.

    `html` is a renderer kept from an earlier run in this process (`notes serve`), else one reads the cache.
    """
    project = prepared.project
    html = html or RenderedHtml.for_project(project)
    progress.stage("Rendering Markdown")
    html.prerender(rendered.texts_of(project.site))
    _stop_if_checks_failed(prepared)
    indexers: list[search.Indexing] = []

    bundles = search.Bundles(project.root)

    def pages_written(writer: NotesWriter) -> None:
        # Pagefind reads the finished HTML: started once every page is written, while the feeds are;
        # with other plugins enabled, once Pelican has finished, since they may change pages until then.
        indexers.append(search.Indexing(folder, writer.context["search_shards"], bundles, whole=True))

    own = {"OUTPUT_PATH": str(folder), "NOTES_TODAY": project.today.day, "NOTES_SITE": project.site,
           "NOTES_CONFIG": project.config, "NOTES_RENDERED": html, "NOTES_PROGRESS": progress,
           "NOTES_PAGES_WRITTEN": pages_written}
    settings = dict(prepared.settings, **own)
    try:
        progress.stage("Building pages and feeds")
        generators, warnings = _run_pelican(settings)
        if not indexers:  # a plugin of somebody else's: its pages are final only now
            indexers.append(search.Indexing(folder, generators[0].context["search_shards"], bundles, whole=True))
        _stop_if_checks_failed(prepared)
        progress.stage("Indexing for search and checking links")
        with search.indexing(folder, indexers[0]):
            files = manifest.files_in(folder, but=search.BUNDLE_FOLDER)  # Pagefind is still writing its own
            try:
                selfcheck.check_site(folder, prepared.settings.get("SITEURL", ""), files)
            except BuildFailed:
                _stop_if_checks_failed(prepared, wait=True)  # a writer's broken link: the checks name its line
                raise
        if not prepared.checked:
            progress.stage("Finishing the checks")
        _stop_if_checks_failed(prepared, wait=True)
    finally:
        for indexer in indexers:
            indexer.stop()  # a build that failed after Pelican wrote its pages; nothing if it finished
    files |= {f"{search.BUNDLE_FOLDER}/{name}" for name in manifest.files_in(folder / search.BUNDLE_FOLDER)}
    return Run(folder, settings, generators, html, warnings, files)


def _stop_if_checks_failed(prepared: Prepared, wait: bool = False) -> None:
    """Give up as soon as the checks have found errors, instead of building on; `wait` for them, last."""
    if (wait or prepared.checked) and has_errors(prepared.findings):
        raise NotBuilt(prepared.findings)


def _run_pelican(settings: dict) -> tuple[list, tuple[str, ...]]:
    """Run Pelican with `settings` (into their OUTPUT_PATH): its generators, and what it warned.

    Its logged errors, or anything it raises, fail the build.
    """
    log = _PelicanLog()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(log)
    propagate, pelican_logger.propagate = pelican_logger.propagate, False
    quiet, console.quiet = console.quiet, True
    generators: list = []

    def keep(made: list) -> None:  # Pelican's own signal, sent once its generators have their context
        generators.extend(made)

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        Pelican(settings).run()
    except Exception as err:  # noqa: BLE001 - any failure inside Pelican fails the build, and is reported
        if os.environ.get("NOTES_DEBUG") or (isinstance(err, OSError) and err.errno in publish.UNWRITABLE):
            raise  # a disk that cannot take the site: one line naming the file (publish.one_line)
        log.errors.append(f"{type(err).__name__}: {err}")
    finally:
        signals.all_generators_finalized.disconnect(keep)
        pelican_logger.removeHandler(log)
        pelican_logger.propagate = propagate
        console.quiet = quiet
    if log.errors:
        raise BuildFailed("the build failed; the site was not changed:\n  " + "\n  ".join(log.errors))
    return generators, tuple(log.warnings)
