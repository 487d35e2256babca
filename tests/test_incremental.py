"""Builds after an edit keep unchanged pages, and give exactly the site a full build gives."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_in, write
from test_publish import search_is_complete
from pipeline import parallel
from pipeline.pelican import snapshot
from pipeline.pelican.rendered import RenderedHtml

POST = "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
POST_PAGE = "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html"


def files(output: Path) -> dict[str, str]:
    """Every file's digest, but Pagefind's bundle, whose file names vary from build to build."""
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(output).parts and p.name != ".notes-manifest.json"
    }


def build(site: Path, *args: str) -> str:
    result = run_in(site, "build", *args)
    assert result.exit_code == 0, result.output
    return result.output


def edit(site: Path, old: str, new: str) -> None:
    path = site / POST
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def without_snapshot(site: Path) -> None:
    """Make the next build run Pelican, as it does when the last full build's context cannot be used."""
    (site / ".notes-cache" / snapshot.FILE).unlink()


def test_an_edited_body_renders_its_page_alone_from_the_last_context(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    output = build(site)
    assert ("Rendering Markdown (1 note changed)…\nWriting the changed notes into the last site…\n"
            "Indexing for search and checking links…") in output
    assert "Built 28 pages (1 rendered, 27 kept from the last build)" in output
    # 6 feeds carry the note: all (Atom and RSS), posts, the author, two tags and the category.
    # The digest is made of summaries, and is the same all day.
    fresh = sorted(p.name for p in (site / "output/feeds").rglob("*.xml") if p.stat().st_nlink == 1)
    assert len(fresh) == 7 and "all.rss.xml" in fresh and not [name for name in fresh if "digest" in name]
    page = site / "output" / POST_PAGE
    assert "We also met the team at the depot." in page.read_text(encoding="utf-8")
    assert page.stat().st_nlink == 1  # written afresh, not shared with output.previous/
    assert "We also met the team" not in (site / "output.previous" / POST_PAGE).read_text(encoding="utf-8")
    kept = site / "output/tags/roadmap/index.html"
    assert kept.stat().st_nlink > 1  # the same file as the last site's


def test_without_the_last_context_pelican_renders_the_note_and_todays_pages(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    without_snapshot(site)
    output = build(site)
    assert "Rendering Markdown (1 note changed)…\nBuilding pages and feeds…" in output
    # The note's page, and the pages that show today's cadence: the home page, the cadence page, teams.
    # 5 pages and 7 feeds: the same 6 and the digest, which closes weeks by date.
    assert "Writing 12 pages and feeds, keeping 23 from the last build…" in output
    assert "Built 28 pages (5 rendered, 23 kept from the last build)" in output
    assert "We also met the team at the depot." in (site / "output" / POST_PAGE).read_text(encoding="utf-8")
    assert (site / ".notes-cache" / snapshot.FILE).is_file()  # made again, for the next edit


@pytest.mark.parametrize("quick", [True, False], ids=["from the last context", "through Pelican"])
def test_an_incremental_build_gives_the_site_a_full_build_gives(site, quick):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    if not quick:
        without_snapshot(site)
    assert ("Writing the changed notes into the last site" in build(site)) == quick
    full = site.parent / "full"
    assert "kept" not in build(site, "--output", str(full))  # another folder: nothing to keep
    assert files(site / "output") == files(full)


def test_quick_rebuilds_start_from_the_spare_site_and_leave_the_others_alone(site):
    # A post in another quarter: its search bundle is kept through every rebuild, the edited one's is made again.
    (site / "content/posts/2026-09-01-an-older-post.md").write_text(
        "---\ntitle: An older post\ndate: 2026-09-01\nauthors: [jane-doe]\nsummary: From September.\n---\n"
        "Written in the summer.\n", encoding="utf-8")
    build(site)
    assert (site / ".output.spare/index.html").samefile(site / "output/index.html")  # links, for the next build
    kept_bundle = site / "output/pagefind/2026-q3/pagefind-entry.json"
    for round in range(4):
        edit(site, "\n## ", f"\nWe met the team again, round {round}.\n\n## ")
        live = files(site / "output")
        assert "Writing the changed notes into the last site" in build(site)
        assert files(site / "output.previous") == live  # the site to roll back to is the last one, untouched
        # The first rebuild started from the spare the full build made; from then on, the site before the
        # last one is the spare (the first rebuild had none to retire: there was no output.previous yet).
        assert (site / ".output.spare").is_dir() == (round > 0)
        assert search_is_complete(site / "output")
        assert kept_bundle.stat().st_nlink > 1  # the same file as the last site's
    # The same content built from nothing, in a copy of the project (a build elsewhere would be the last one).
    fresh = site.parent / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output*", ".output*", ".notes-cache"))
    build(fresh)
    assert files(site / "output") == files(fresh / "output")


def test_an_edited_draft_is_built_by_pelican(site):
    draft = site / "content/posts/2026-11-27-a-draft.md"
    draft.write_text("---\ntitle: A plan in progress\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Not yet.\n"
                     "status: draft\n---\nThe first words.\n", encoding="utf-8")
    build(site)
    draft.write_text(draft.read_text(encoding="utf-8").replace("first", "next"), encoding="utf-8")
    output = build(site)
    assert "Building pages and feeds…" in output and "Writing the changed notes" not in output
    assert "The next words." in (site / "output/drafts/a-plan-in-progress.html").read_text(encoding="utf-8")


def test_a_damaged_context_snapshot_means_pelican_runs(site):
    build(site)
    (site / ".notes-cache" / snapshot.FILE).write_bytes(b"\x00garbage")
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    output = build(site)
    assert "Building pages and feeds…" in output
    assert "We also met the team at the depot." in (site / "output" / POST_PAGE).read_text(encoding="utf-8")


def test_a_snapshot_is_for_its_own_site_key_and_day(site):
    from pipeline.content.loader import load_site

    build(site)
    path = site / ".notes-cache" / snapshot.FILE
    key = json.loads((site / ".notes-cache/build.json").read_text(encoding="utf-8"))["site_key"]
    loaded = load_site(site / "content", "Europe/London")
    html = RenderedHtml({}, (), None)
    own = {"NOTES_SITE": loaded, "NOTES_CONFIG": None, "NOTES_RENDERED": html, "NOTES_REUSE": None,
           "NOTES_PROGRESS": None, "NOTES_PAGES_WRITTEN": None, "OUTPUT_PATH": str(site / "elsewhere")}
    today = date.fromisoformat(TODAY)  # the day the build was made (tests/conftest.py pins it)
    assert snapshot.load(path, key, today, own, loaded, html) is not None
    assert snapshot.load(path, key, today + timedelta(days=1), own, loaded, html) is None
    assert snapshot.load(path, "another key", today, own, loaded, html) is None


def test_feeds_that_carry_the_edited_note_are_written_again(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    build(site)
    feeds = site / "output/feeds"
    carrying = feeds / "posts.atom.xml"
    assert "We also met the team at the depot." in carrying.read_text(encoding="utf-8")
    assert carrying.stat().st_nlink == 1
    team_feed = next(feeds.glob("teams/*.atom.xml"))  # weeknotes only: the post is not in it
    assert team_feed.stat().st_nlink > 1


@pytest.mark.parametrize("change", [
    ("title: Why we publish our roadmap in the open", "title: Why we publish our plans"),
    ("tags: [", "tags: [openness, "),
])
def test_a_front_matter_change_renders_every_page(site, change):
    build(site)
    edit(site, *change)
    output = build(site)
    assert "Rendering Markdown (front matter, settings or theme changed)…" in output
    assert "kept" not in output


def test_after_a_rollback_every_page_is_rendered(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    build(site)
    assert run_in(site, "publish", "--rollback").exit_code == 0
    output = build(site)
    assert "is not the site the last build made" in output
    assert "kept" not in output


def test_a_damaged_cache_is_rebuilt_not_trusted(site):
    build(site)
    for cached in (site / ".notes-cache").rglob("*"):  # compiled templates too
        if cached.is_file():
            cached.write_bytes(b"\x00garbage")
    output = build(site)
    assert "Rendering Markdown (no earlier build)…" in output
    assert "Why we publish our roadmap" in (site / "output" / POST_PAGE).read_text(encoding="utf-8")


def test_pages_rendered_in_forked_workers_are_the_pages_rendered_here(site, monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    build(site)
    serial = files(site / "output")
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # the fixture site is small: fork anyway
    build(site, "--output", str(site / "forked"))
    assert files(site / "forked") == serial


def test_a_plain_pelican_run_writes_whole_pages(site):
    """The writer renders its pages when Pelican finishes, without `notes build` around it."""
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "plain", "-q"],
                   cwd=site, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    page = (site / "plain" / POST_PAGE).read_text(encoding="utf-8")
    assert "Why we publish our roadmap" in page and "</html>" in page


STAMP_PLUGIN = '''"""Stamps every page once Pelican has finished, in place, as minifiers and other post-processors do."""
from pathlib import Path

from pelican import signals


def stamp(pelican):
    for page in Path(pelican.output_path).rglob("*.html"):
        with page.open("a", encoding="utf-8") as file:
            file.write("<!-- stamped -->\\n")


def register():
    signals.finalized.connect(stamp)
'''


def test_with_another_plugin_every_page_is_written_as_pelican_writes_it(site):
    """Somebody else's plugin may change any page: none is kept from the live site, all are written in time."""
    write(site / "plugins/stamp.py", STAMP_PLUGIN)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nPLUGIN_PATHS = ["plugins"]\nPLUGINS = ["pipeline.pelican", "stamp"]\n')

    def notes_build() -> str:  # in its own process: the plugin's receiver stays connected for the process's life
        result = subprocess.run([sys.executable, "-m", "pipeline", "build"], cwd=site, capture_output=True, text=True,
                                env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    notes_build()
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    assert "Rendering Markdown (stamp may change any page)" in notes_build()
    for page in (POST_PAGE, "tags/roadmap/index.html", "index.html", "search/index.html"):
        assert (site / "output" / page).read_text(encoding="utf-8").count("<!-- stamped -->") == 1, page
        assert (site / "output.previous" / page).read_text(encoding="utf-8").count("<!-- stamped -->") == 1, page
    assert "We also met the team at the depot." in (site / "output" / POST_PAGE).read_text(encoding="utf-8")
    assert search_is_complete(site / "output")
