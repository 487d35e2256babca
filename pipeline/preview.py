"""`notes serve`'s preview: the last build kept in memory, and edits re-rendered into it.

The preview has a folder of its own (preview/, never the folder `notes
publish` swaps in), which serve holds locked while it runs. Its first build,
and every build after a change it cannot be sure about, is a whole build
(pipeline/build.py) swapped into that folder. An edit to the text of a
published note is re-rendered in memory from the last build's Pelican
context, as Hugo's server does: the note's page, through Pelican's own
ArticlesGenerator and templates; the feeds that carry the note; and its
search bundle. Nothing else can show a note's text, so the result is the
very site a whole build makes (tests/test_serve.py compares every byte).

A whole build instead, for: a change while the last build failed; a file
that is not a note (a team or author file, the theme, the settings,
pyproject.toml, a static file); a note added, removed or renamed; any change
to front matter; a draft, a scheduled note or a page; {attach} and {static}
links, which move static files; another day; a Pelican plugin besides notes'
own, which may change any page.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from pelican.generators import ArticlesGenerator

from pipeline import build, clock, publish, search
from pipeline.manifest import files_in
from pipeline.content.frontmatter import DocumentError, read
from pipeline.content.files import MARKDOWN_SUFFIXES
from pipeline.content.loader import display_path
from pipeline.content.model import Note
from pipeline.findings import Finding, has_errors
from pipeline.lint import policy
from pipeline.lint.run import LintRun, lint_targets, site_targets
from pipeline.pelican import private
from pipeline.pelican.feeds import FeedsGenerator
from pipeline.pelican.post_links import reading_minutes
from pipeline.pelican.rendered import RenderedHtml
from pipeline.pelican.writer import PENDING, NotesWriter
from pipeline.progress import Progress, Silent
from pipeline.project import Project, lint_options
from pipeline.settings import other_plugins

# Links that make Pelican move a static file when it renders the note (Content._link_replacer).
MOVES_STATIC = re.compile(r"[{|](?:attach|static)[|}]")


@dataclass(frozen=True)
class Outcome:
    """What one build or edit did, for the command line to report: only what is new since the last."""

    built: bool
    seconds: float
    findings: list[Finding]  # not reported before
    fixed: int  # findings reported before that are gone
    warnings: tuple[str, ...]  # Pelican's, not reported before
    files: int  # files checked
    pages: int = 0
    feeds: int = 0
    notes: tuple[str, ...] = ()  # the notes an edit re-rendered
    changed: tuple[str, ...] = ()  # the files that changed, as the user names them


class Preview:
    def __init__(self, settings_path: Path, folder: Path, today: date | None):
        self.settings_path, self.folder, self.today = settings_path, folder, today
        self.project: Project | None = None
        self.run: build.Run | None = None
        self._shown: set[Finding] = set()
        self._warned: set[str] = set()
        self._standing = False  # whether the preview is the content as it is (the last build or edit succeeded)

    def build(self, progress: Progress | None = None) -> Outcome:
        """A whole build, swapped into the preview folder."""
        started = time.monotonic()
        self._standing = False  # until it succeeds: a build that fails, however, leaves nothing to edit
        with progress or Silent() as progress:
            prepared = build.prepare(self.settings_path, self.folder, progress, self.today)
            files = prepared.project.site.files_checked
            try:
                if prepared.checked and has_errors(prepared.findings):
                    return self._outcome(started, prepared.findings, files, built=False)
                private.forget_contents()  # the last build's articles, which Pelican's memo would keep alive
                self.run = None
                self.run = build.replace_site(prepared, progress, keep_previous=False, listed=False,
                                              html=self._html_for(prepared))
            except build.NotBuilt as failed:
                return self._outcome(started, failed.findings, files, built=False)
            except OSError as err:
                raise publish.one_line(err, self.folder) from None
            finally:
                prepared.cancel()
        self.project = prepared.project
        return self._outcome(started, prepared.findings, files, built=True, warnings=self.run.warnings,
                             pages=self.run.pages, feeds=self.run.feeds)

    def update(self, changed: set[Path]) -> Outcome | None:
        """Bring the preview up to date with `changed` files: re-render an edit if sure, else build whole.

        None if none of them matters: an editor's scratch file, made and gone again.
        """
        started = time.monotonic()
        changed = {path for path in changed if path.exists() or self._knows(path) or not self._standing}
        if not changed:
            return None
        names = tuple(sorted(display_path(path) for path in changed))
        notes = self._edited_notes(changed)
        if notes is None:
            return replace(self.build(), changed=names)
        findings, errors = self._check(notes)
        files = self.project.site.files_checked
        if errors:
            return self._outcome(started, findings, files, built=False, changed=names)
        pages, feeds = self._render(notes)
        return self._outcome(started, findings, files, built=True, pages=pages, feeds=feeds,
                             notes=tuple(note.source for note in notes), changed=names)

    def _knows(self, path: Path) -> bool:
        """Whether `path` was one of the project's files (it may be gone now)."""
        site = self.project.site if self.project else None
        return site is None or site.note_at(path) is not None or any(
            item.doc.path == path for item in [*site.teams.values(), *site.authors.values()])

    def _edited_notes(self, changed: set[Path]) -> list[Note] | None:
        """The published notes whose text alone `changed` files changed; None if that is not all they did."""
        run, project = self.run, self.project
        if not self._standing or other_plugins(run.settings):
            return None
        if clock.resolve(project.settings, project.site.timezone, self.today).day != project.today.day:
            return None
        published = {article.source_path for article in run.context.get("articles", [])}
        content = project.content_dir.resolve()
        notes = []
        for path in sorted(changed):
            old = project.site.note_at(path)
            if path.suffix not in MARKDOWN_SUFFIXES or content not in path.resolve().parents or old is None \
                    or str(old.path) not in published:
                return None
            try:
                doc = read(old.path, old.source)
            except DocumentError:
                return None  # unreadable now: the whole build reports it as any build would
            if doc.meta != old.doc.meta or MOVES_STATIC.search(old.body) or MOVES_STATIC.search(doc.body):
                return None
            notes.append(replace(old, doc=doc))
        return notes

    def _check(self, notes: list[Note]) -> tuple[list[Finding], bool]:
        """Every finding with the edited notes' checked again (their front matter is as it was)."""
        project = self.project
        site = project.site
        before = [site.note_at(note.path) for note in notes]
        for note in notes:
            site.replace(note)
        sources = {note.source for note in notes}
        options = lint_options(project)
        run = LintRun()
        lint_targets([t for t in site_targets(site) if t.source in sources], options, project.root, run)
        own = policy.apply([f for f in site.findings if f.path in sources] + run.findings, options)
        findings = sorted([f for f in self._shown if f.path not in sources] + own)
        if has_errors(own):
            for note in before:
                site.replace(note)  # the preview stays what it was
            return findings, True
        return findings, False

    def _render(self, notes: list[Note]) -> tuple[int, int]:
        """Write the edited notes' pages, then the feeds that carry them, then index their search bundles.

        The pages first, each in place as soon as it is written: what the writer is waiting to see.
        """
        run = self.run
        articles = {article.source_path: article for article in run.context["articles"]}
        edited = []
        for note in notes:
            article = articles[str(note.path)]
            private.set_content(article, run.html.block(note.body))
            article.reading_minutes = reading_minutes(article.content)  # as post_links.py sets it
            edited.append(article)
        with self._writer() as writer:
            for generator in run.generators:
                if isinstance(generator, ArticlesGenerator):
                    # Pelican's own call for each article's page, taken for the edited ones only.
                    generator.generate_articles(partial(_only, edited, writer, run.settings["RELATIVE_URLS"]))
        with self._writer() as writer:
            feeds = sum(generator.write_carrying(writer, {note.source for note in notes})
                        for generator in run.generators if isinstance(generator, FeedsGenerator))
        sources = {str(note.path) for note in notes}
        shards = [shard for shard in run.context["search_shards"] if shard.sources & sources]
        for shard in shards:
            shutil.rmtree(run.folder / shard.folder, ignore_errors=True)
        search.Indexing(run.folder, shards, search.Bundles(self.project.root)).wait()
        return len(edited), feeds

    @contextmanager
    def _writer(self) -> Iterator[NotesWriter]:
        """A writer whose pages and feeds, once rendered, are renamed onto their places in the preview.

        They are written beside it first: Pelican's writer writes every page empty before it is rendered,
        and a reader of the preview must never get an empty or half-written file.
        """
        run = self.run
        scratch = Path(tempfile.mkdtemp(prefix=".notes-edit-", dir=run.folder.parent))
        try:
            writer = NotesWriter(str(scratch), run.settings)
            run.settings.pop(PENDING)  # rendered here, not when a Pelican run finishes
            yield writer
            writer.render_all(None)
            for name in sorted(files_in(scratch)):
                os.replace(scratch / name, run.folder / name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _html_for(self, prepared: build.Prepared) -> RenderedHtml | None:
        """The last build's renderer, which holds every text sanitised, while the settings it used stand."""
        html = self.run.html if self.run else None
        wanted = RenderedHtml.options_of(prepared.project)
        return html if html is not None and html.options == wanted else None

    def _outcome(self, started: float, findings: list[Finding], files: int, *, built: bool,
                 warnings: tuple[str, ...] = (), **counts) -> Outcome:
        self._standing = built
        new = [f for f in findings if f not in self._shown]
        fixed = len(self._shown - set(findings))
        self._shown = set(findings)
        fresh = tuple(w for w in dict.fromkeys(warnings) if w not in self._warned)
        self._warned |= set(fresh)
        return Outcome(built, time.monotonic() - started, new, fixed, fresh, files, **counts)


def _only(articles: list, writer: NotesWriter, relative_urls: bool, name, template, context, **kwargs) -> None:
    """Pelican's `write` for generate_articles, writing only the pages of `articles`."""
    if any(kwargs.get("article") is article for article in articles):
        writer.write_file(name, template, context, relative_urls=relative_urls, **kwargs)
