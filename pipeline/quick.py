"""The quick rebuild: only the text of published notes changed since the last build, on the same day.

Then every page but the changed notes' own is what the last build wrote:
lists, tags, archives, team and author pages show titles, dates, summaries
and tags, all front matter, and the cadence pages and digest depend on the
day. So instead of running Pelican, a quick rebuild

1. hard-links the files the last build wrote (its manifest) into the new
   folder, all but the search index;
2. reads the last full build's context (pipeline/pelican/snapshot.py), with
   every article's HTML from today's text;
3. renders the changed notes' pages with Pelican's writer and templates,
   exactly as a full build would (the `write_file` call of Pelican's
   ArticlesGenerator), and rewrites the feeds that carry them;
4. has the search index made again for the changed notes' quarters.

The build (pipeline/build.py) then checks, swaps in and records the site
as after any build. Anything else (front matter, settings, theme, a new or
removed note, a draft or scheduled note edited, another day, no snapshot)
means a full run of Pelican; incremental.py still keeps its unchanged pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from pipeline import incremental, manifest, search
from pipeline.pelican import snapshot
from pipeline.pelican.cadence_pages import build_today
from pipeline.pelican.feeds import FeedsGenerator
from pipeline.pelican.post_links import reading_minutes
from pipeline.pelican.writer import NotesWriter

def load(project, plan: incremental.Plan, own: dict) -> Last | None:
    """The last full build's context and settings, if this build may be a quick one; else None."""
    if plan.reuse is None:
        return None
    files = _files_of(plan.reuse.previous)
    if files is None:
        return None
    site = project.site
    loaded = snapshot.load(snapshot.path_of(project.root), plan.site_key, build_today(project.settings, site),
                           own, site, own["NOTES_RENDERED"])
    if loaded is None:
        return None
    published = {article.source_path for article in loaded[0].get("articles", [])}
    return Last(*loaded, files) if plan.reuse.changed <= published else None


@dataclass(frozen=True)
class Last:
    """What a quick rebuild starts from: the last full build's context and settings, and the last site's files."""

    context: dict
    settings: dict
    files: list[str]  # relative to the last site, as its manifest lists them, but the search bundles


def rebuild(last: Last, reuse: incremental.Reuse, progress, pages_written: Callable[[NotesWriter], object]) -> None:
    """Write the new site into its OUTPUT_PATH: the last site, with the changed notes written afresh."""
    context, settings = last.context, last.settings
    output = Path(settings["OUTPUT_PATH"])
    for name in last.files:
        reuse.keep(name, output) or _missing(reuse.previous / name)
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
    feeds = FeedsGenerator(context, settings, settings["PATH"], settings["THEME"], str(output))
    feeds.generate_context()
    feeds.rewrite_changed(writer)
    writer.render_all(progress, pages_written)


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


def _missing(path: Path) -> None:
    raise FileNotFoundError(f"{path} went missing during the build")
