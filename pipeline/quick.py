"""The quick rebuild: only the text of published notes changed since the last build, on the same day.

Then every page but the changed notes' own is what the last build wrote:
lists, tags, archives, team and author pages show titles, dates, summaries
and tags, all front matter, and the cadence pages and digest depend on the
day. So instead of running Pelican, a quick rebuild

1. reads the last full build's context (pipeline/pelican/snapshot.py), with
   every article's HTML from today's text;
2. renders the changed notes' pages with Pelican's writer and templates,
   exactly as a full build would (the `write_file` call of Pelican's
   ArticlesGenerator), and starts the search index of their bundles;
3. meanwhile makes the new folder hold every other file the last build wrote
   (its manifest), but the search bundles, as hard links; it starts from the
   spare site (publish.py), which holds most of them already;
4. rewrites the feeds that carry the changed notes.

The build (pipeline/build.py) then checks, swaps in and records the site
as after any build. Anything else (front matter, settings, theme, a new or
removed note, a draft or scheduled note edited, another day, no snapshot)
means a full run of Pelican; incremental.py still keeps its unchanged pages.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from pipeline import incremental, manifest, search
from pipeline.pelican import snapshot
from pipeline.pelican.feeds import FeedsGenerator
from pipeline.pelican.post_links import reading_minutes
from pipeline.pelican.writer import NotesWriter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Last:
    """What a quick rebuild starts from: the last full build's context and settings, and the last site's files."""

    context: dict
    settings: dict
    files: list[str]  # relative to the last site, as its manifest lists them, but the search bundles


def load(project, plan: incremental.Plan, own: dict) -> Last | None:
    """The last full build's context and settings, if this build may be a quick one; else None."""
    if plan.reuse is None:
        return None
    files = _files_of(plan.reuse.previous)
    if files is None:
        return None
    site = project.site
    loaded = snapshot.load(snapshot.path_of(project.root), plan.site_key, project.today.day,
                           own, site, own["NOTES_RENDERED"])
    if loaded is None:
        return None
    published = {article.source_path for article in loaded[0].get("articles", [])}
    return Last(*loaded, files) if plan.reuse.changed <= published else None


def rebuild(last: Last, reuse: incremental.Reuse, pages_written: Callable[[NotesWriter], object]) -> None:
    """Write the new site into its OUTPUT_PATH: the last site, with the changed notes written afresh."""
    context, settings = last.context, last.settings
    output = Path(settings["OUTPUT_PATH"])
    # The spare's search bundles go first: the indexer links or makes this build's (search.Indexing).
    shutil.rmtree(output / search.BUNDLE_FOLDER, ignore_errors=True)
    changed = [article for article in context["articles"] if article.source_path in reuse.changed]
    writer = NotesWriter(str(output), settings)
    writer.context = context  # also when no page is written: the search plan is in it
    templates = Generator(context, settings, settings["PATH"], settings["THEME"], str(output))
    for article in changed:
        article.reading_minutes = reading_minutes(article.content)  # as post_links.py sets it
        # As Pelican's ArticlesGenerator.generate_articles asks for each article's page.
        writer.write_file(article.save_as, templates.get_template(article.template), context,
                          relative_urls=settings["RELATIVE_URLS"], article=article,
                          category=getattr(article, "category", None),
                          override_output=hasattr(article, "override_save_as"), url=article.url, blog=True)
    # The pages first, so that the search index starts at once; it reads the other pages from the last site.
    writer.render_all(None, pages_written)
    _fill(output, reuse.previous, last.files, writer.written)
    feeds = FeedsGenerator(context, settings, settings["PATH"], settings["THEME"], str(output))
    feeds.generate_context()
    feeds.rewrite_changed(writer)
    writer.render_all(None)


def spare_of(site: Path, files: set[str], spare: Path) -> Path | None:
    """A spare site at `spare` of links to `site`'s `files`, but its search bundles; None if it cannot be made.

    For a build that wrote every file afresh, and so shares no file with the
    spare it retires (publish.py): making a folder for every page takes a
    quick rebuild longer than anything else it does, so a full build makes
    them while Pagefind finishes its index. Nothing is lost if this fails:
    the next quick rebuild makes the folders itself.
    """
    try:
        shutil.rmtree(spare, ignore_errors=True)
        spare.mkdir()
        _fill(spare, site, sorted(f for f in files if not f.startswith(f"{search.BUNDLE_FOLDER}/")), written=set())
    except OSError as err:
        log.debug("no spare site: %s", err)
        shutil.rmtree(spare, ignore_errors=True)
        return None
    return spare


def _files_of(site: Path) -> list[str] | None:
    """The files the last build wrote (its manifest), but the search bundles; None if any is not there.

    Only what the last build wrote is carried over: a file dropped into the site by hand is not.
    """
    try:
        listed = manifest.read(site).files
    except manifest.ManifestError:
        return None
    files = [name for name in listed if not name.startswith(f"{search.BUNDLE_FOLDER}/")]
    return files if all((site / name).is_file() for name in files) else None


def _fill(site: Path, previous: Path, files: list[str], written: set[str]) -> None:
    """Make `site` hold exactly the `previous` site's `files` as hard links, but those this build has `written`.

    `site` is empty, or the spare site (publish.py): an older site whose files
    are mostly the very same files already. What is not one of `files`, or not
    the previous site's very file, goes, with the folders it leaves empty;
    what is missing is linked; folders are made only where the spare has none.
    The search bundles are the indexer's (search.Indexing): left alone here.
    """
    wanted = set(files)
    for name in manifest.files_in(site, but=search.BUNDLE_FOLDER) - written:
        if name not in wanted or not os.path.samefile(site / name, previous / name):
            os.unlink(site / name)
            _remove_if_empty(site, os.path.dirname(name))
    made = set()
    for name in files:
        target = site / name
        if name in written or target.exists():
            continue
        folder = os.path.dirname(name)
        if folder not in made:
            os.makedirs(site / folder, exist_ok=True)
            made.add(folder)
        os.link(previous / name, target)


def _remove_if_empty(site: Path, folder: str) -> None:
    """Remove `folder` (relative to `site`) and the folders above it that it leaves empty, never `site` itself."""
    while folder and not os.listdir(site / folder):
        os.rmdir(site / folder)
        folder = os.path.dirname(folder)
