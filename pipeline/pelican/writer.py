"""Pelican's writer, taught to render on every core.

Pelican renders each page as it is asked to write it. This writer lets
Pelican do its bookkeeping as usual (paths, pagination, overrides, duplicate
checks, the empty file), notes what each page needs, and renders the pages
when Pelican has finished (the `finalized` signal), split between this
process and forked children, which inherit the templates and the context
(see pipeline/parallel.py). Pelican's `content_written` signal then fires
when a page is recorded, before it is rendered, and Pelican's other
`finalized` receivers may run before the pages are rendered; none of ours
listens to either. So while PLUGINS enables a plugin besides notes' own
(pipeline/settings.py), this writer is Pelican's: every page is rendered when
Pelican asks for it.
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
from pipeline.pelican import private
from pipeline.settings import other_plugins

logger = logging.getLogger(__name__)

# Where the writer of a Pelican run waits in that run's settings for `finalized` to render its pages.
PENDING = "NOTES_WRITER"


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
        self._jobs: dict[str, Callable[[], None]] = {}
        self.context: dict = {}  # Pelican's context, shared by every generator: what the pages were made from
        self.written: set[str] = set()  # the pages rendered so far, relative to the site
        self.defers = not other_plugins(self.settings)  # renders once Pelican has asked for every page
        self.settings[PENDING] = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        self.context = context
        if self.defers:
            template = _Deferred(self, template, context, override_output)
        super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                           url, **kwargs)

    def defer(self, template, localcontext: dict, context: dict, override: bool) -> None:
        # Mirror Pelican's _open_w, which runs just after this: a page overridden once is not written again.
        path = sanitised_join(self.output_path, localcontext["output_file"])
        if private.overridden(self, path) and not override:
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
            progress.stage(f"Writing {len(jobs)} pages and feeds", len(jobs))
        pages = [job for job in jobs if isinstance(job, _Page)]
        fork_shares(pages, operator.call, advance)
        self.written.update(os.path.relpath(page.path, self.output_path) for page in pages)
        if pages_written is not None:
            pages_written(self)
        fork_shares([job for job in jobs if not isinstance(job, _Page)], operator.call, advance)
        logger.debug("rendered %d pages and feeds", len(jobs))


def _render_pending(pelican) -> None:
    writer = pelican.settings.pop(PENDING, None)
    if writer is not None:
        writer.render_all(pelican.settings.get("NOTES_PROGRESS"), pelican.settings.get("NOTES_PAGES_WRITTEN"))


def _writer_class(pelican):
    return NotesWriter


def register() -> None:
    signals.get_writer.connect(_writer_class)
    signals.finalized.connect(_render_pending)
