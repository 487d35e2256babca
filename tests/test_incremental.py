"""Builds after an edit keep unchanged pages, and give exactly the site a full build gives."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_in
from pipeline import parallel

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


def test_an_edited_body_renders_its_page_and_keeps_the_rest(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    output = build(site)
    assert "Rendering Markdown (1 note changed)…" in output
    # The note's page, and the pages that show today's cadence: the home page, the cadence page, teams.
    # 5 pages and 7 feeds: all, posts, the author, two tags, the category and the RSS of all.
    assert "Writing 12 pages and feeds, keeping 23 from the last build…" in output
    assert "Built 28 pages (5 rendered, 23 kept from the last build)" in output
    page = site / "output" / POST_PAGE
    assert "We also met the team at the depot." in page.read_text(encoding="utf-8")
    assert page.stat().st_nlink == 1  # written afresh, not shared with output.previous/
    kept = site / "output/tags/roadmap/index.html"
    assert kept.stat().st_nlink > 1  # the same file as the last site's


def test_an_incremental_build_gives_the_site_a_full_build_gives(site):
    build(site)
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    build(site)
    full = site.parent / "full"
    assert "kept" not in build(site, "--output", str(full))  # another folder: nothing to keep
    assert files(site / "output") == files(full)


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
    for cached in (site / ".notes-cache").iterdir():
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
