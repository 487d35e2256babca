"""Pelican's writer, taught two things: keep unchanged pages, and render on every core.

Keeping: in an incremental build (`NOTES_REUSE`, see pipeline/incremental.py)
a page whose inputs are unchanged is hard-linked from the last site instead
of rendered. Pages that show today's cadence (the home page, team pages, the
cadence page) are always rendered.

Rendering on every core: Pelican renders each page as it is asked to write it.
This writer lets Pelican do its bookkeeping as usual (paths, pagination,
overrides, duplicate checks, the empty file), notes what each page needs, and
renders the pages when Pelican has finished (the `finalized` signal), split
between this process and forked children, which inherit the templates and the
context (see pipeline/parallel.py). Pelican's `content_written` signal then
fires when a page is recorded, before it is rendered, and not at all for a
kept page, and Pelican's other `finalized` receivers may run before the pages
are rendered; none of ours listens to either. So while PLUGINS enables a
plugin besides notes' own (pipeline/settings.py), this writer is Pelican's:
every page is rendered when Pelican asks for it, and none is kept.
"""

from __future__ import annotations

import logging
import operator
import os
from collections.abc import Callable
from dataclasses import dataclass

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from pipeline.parallel import fork_shares
from pipeline.settings import other_plugins

logger = logging.getLogger(__name__)

# Templates of pages that change with the date (cadence, due dates): rendered in every build.
ALWAYS_RENDERED = frozenset({"index.html", "cadence.html", "team.html", "teams.html"})

# The writer of the Pelican run in progress, by its settings, until `finalized` renders its pages.
# A run that fails never reaches `finalized`: the next run's start forgets its writer.
_pending: dict[int, NotesWriter] = {}


@dataclass
class _Page:
    template: object
    localcontext: dict
    context: dict
    path: str

    def __call__(self) -> None:
        if self.localcontext["localsiteurl"]:
            # What Pelican's writer does before rendering: content links are made relative to this page.
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]
        output = self.template.render(self.localcontext)
        with open(self.path, "w", encoding="utf-8") as page:
            page.write(output)


class _Deferred:
    """Stands in for a template: records the page Pelican's writer asks for, and renders nothing yet."""

    def __init__(self, writer: NotesWriter, template, context: dict, override: bool):
        self._writer, self._template, self._context, self._override = writer, template, context, override

    def render(self, localcontext: dict) -> str:
        self._writer.defer(self._template, localcontext, self._context, self._override)
        return ""


class NotesWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._reuse = self.settings.get("NOTES_REUSE")
        self._jobs: dict[str, Callable[[], None]] = {}
        self._linked: set[str] = set()  # pages hard-linked from the last site
        self.context: dict = {}  # Pelican's context, shared by every generator: what the pages were made from
        self.written: set[str] = set()  # the pages rendered so far, relative to the site
        self.rendered = 0
        self.defers = not other_plugins(self.settings)  # renders once Pelican has asked for every page
        _pending[id(self.settings)] = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        self.context = context
        if not self.defers:
            super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                               url, **kwargs)
            return
        if name and self._reuse is not None and self._keeps(template, template_name, kwargs) and self._link(name):
            return
        path = sanitised_join(self.output_path, name) if name and self._reuse is not None else None
        if path and os.path.lexists(path):
            # Pelican overriding a page it asked for before, or a quick rebuild (pipeline/quick.py) writing a
            # page it linked from the last site: never write into a linked file, it is the live one.
            self._linked.discard(name)
            os.unlink(path)
        deferred = _Deferred(self, template, context, override_output)
        super().write_file(name, deferred, context, relative_urls, paginated, template_name, override_output,
                           url, **kwargs)

    @property
    def kept(self) -> int:
        return len(self._linked)

    def _keeps(self, template, template_name, kwargs) -> bool:
        if template.name in ALWAYS_RENDERED:
            return False
        if template_name in self.settings["PAGINATED_TEMPLATES"] and (
                self.settings["DEFAULT_PAGINATION"] or self.settings["PAGINATED_TEMPLATES"][template_name]):
            return False  # one call writes several pages: render them all
        content = kwargs.get("article") or kwargs.get("page")
        if content is not None:
            return content.source_path not in self._reuse.changed
        # Lists and pages made of front matter, settings and theme alone: the site key covers them all.
        return True

    def _link(self, name: str) -> bool:
        sanitised_join(self.output_path, name)  # raises, as Pelican's writer would, for a name outside the site
        if not self._reuse.keep(name, self.output_path):
            return False
        self._linked.add(name)
        return True

    def defer(self, template, localcontext: dict, context: dict, override: bool) -> None:
        # Mirror Pelican's _open_w, which runs just after this: a page overridden once is not written again.
        path = sanitised_join(self.output_path, localcontext["output_file"])
        if path in self._overridden_files and not override:
            return
        self._jobs[path] = _Page(template, localcontext, context, path)

    def later(self, path: str, job: Callable[[], None]) -> None:
        """Run `job`, which writes `path`, with the pages: the feeds generator's way onto every core."""
        if not self.defers:
            job()
            return
        self._jobs[sanitised_join(self.output_path, path)] = job

    def render_all(self, progress, pages_written: Callable[[NotesWriter], object] | None = None) -> None:
        """Render every page, then call `pages_written(self)` (the build starts Pagefind), then write the feeds."""
        jobs = list(self._jobs.values())
        self._jobs.clear()
        advance = progress.advance if progress is not None else lambda steps: None
        if progress is not None and jobs:
            progress.stage(f"Writing {len(jobs)} pages and feeds"
                           + (f", keeping {self.kept} from the last build" if self.kept else ""), len(jobs))
        pages = [job for job in jobs if isinstance(job, _Page)]
        fork_shares(pages, operator.call, advance)
        self.written.update(os.path.relpath(page.path, self.output_path) for page in pages)
        if pages_written is not None:
            pages_written(self)
        fork_shares([job for job in jobs if not isinstance(job, _Page)], operator.call, advance)
        self.rendered += len(jobs)


def _forget_failed_runs(pelican) -> None:
    _pending.clear()


def _render_pending(pelican) -> None:
    writer = _pending.pop(id(pelican.settings), None)
    if writer is not None:
        writer.render_all(pelican.settings.get("NOTES_PROGRESS"), pelican.settings.get("NOTES_PAGES_WRITTEN"))
        logger.debug("rendered %d pages, kept %d from the last site", writer.rendered, writer.kept)


def _writer_class(pelican):
    return NotesWriter


def register() -> None:
    signals.initialized.connect(_forget_failed_runs)
    signals.get_writer.connect(_writer_class)
    signals.finalized.connect(_render_pending)
