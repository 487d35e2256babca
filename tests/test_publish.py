"""Atomic publishing: the lock, the final self-check, rollback, and SIGKILL at every step."""

from __future__ import annotations

from contextlib import contextmanager

import errno
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import publish, selfcheck
from pipeline.errors import BuildFailed
from tests.conftest import make_site, run_in, write
from tests.faults import BUILD_POINTS

NEW_POST = (
    "---\ntitle: How we hire developers\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\n"
    "summary: Our hiring process, step by step.\n---\nWe changed how we hire.\n"
)


def tree_digest(folder: Path) -> str:
    """One digest of every file's path and bytes, the search index and manifest included (builds are
    reproducible: tests/test_reproducible.py): equal digests mean identical trees."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def search_is_complete(folder: Path) -> bool:
    """The search page names bundles whose entry files name an index whose metadata file is there."""
    page = (folder / "search/index.html").read_text(encoding="utf-8")
    bundles = re.findall(r"(pagefind/[^/ ]+)/", re.search(r'data-pagefind-bundles="([^"]*)"', page)[1])
    entries = [(folder / bundle, json.loads((folder / bundle / "pagefind-entry.json").read_text(encoding="utf-8")))
               for bundle in bundles]
    return bool(bundles) and all((bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
                                 for bundle, entry in entries for language in entry["languages"].values())


def pinned_site(root: Path) -> Path:
    site = make_site(root)
    with (site / "pelicanconf.py").open("a") as settings:
        settings.write('\nNOTES_TODAY = "2026-11-29"  # pages show the cadence as of a day: pin it\n')
    return site


def notes(site: Path, *args: str, env: dict | None = None, pause_at: str | None = None,
          **kwargs) -> subprocess.Popen:
    """`notes ARGS` as a real process in `site`, as a user or a CI job runs it; frozen at `pause_at` (faults.py)."""
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), **(env or {})}
    environment.pop("NOTES_DEBUG", None)
    program = ["tests.faults", pause_at] if pause_at else ["pipeline"]
    return subprocess.Popen([sys.executable, "-m", *program, *args], cwd=site, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def finish(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    return output


def kill_at(site: Path, point: str, tmp_path: Path, *command: str, within: float = 120) -> None:
    """Run `notes COMMAND` (publish by default) until it pauses at `point`, then SIGKILL it."""
    command = command or ("publish",)
    marker = tmp_path / f"paused-{point}"
    process = notes(site, *command, env={"NOTES_TEST_PAUSE_FILE": str(marker)}, pause_at=point)
    deadline = time.monotonic() + within
    while not marker.exists():
        assert process.poll() is None, f"{command[0]} ended before reaching {point}: {process.communicate()[0]}"
        assert time.monotonic() < deadline, f"{command[0]} never reached {point}"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_sigkill_at_every_step_leaves_the_old_site_or_the_new_one(tmp_path):
    site = pinned_site(tmp_path / "site")
    finish(notes(site, "publish"))
    output = site / "output"
    old = tree_digest(output)
    write(site / "content/posts/2026-11-24-hiring.md", NEW_POST)

    seen = {}
    for point in BUILD_POINTS:
        kill_at(site, point, tmp_path)
        assert output.is_dir(), f"output/ is missing after a kill at {point}"
        assert search_is_complete(output), f"the search index is incomplete after a kill at {point}"
        seen[point] = tree_digest(output)

    finish(notes(site, "publish"))  # also proves a killed run leaves no lock or debris that blocks the next
    new = tree_digest(output)
    assert new != old
    # Before the exchange the old site stands whole; from the exchange on, the new one does.
    assert seen == {"locked": old, "built": old, "checked": old, "exchanged": new, "swapped": new}
    assert not list(site.glob(".output-build-*")) and not list(site.glob(".output.previous-old"))
    assert (output / "2026/11/24/how-we-hire-developers/index.html").is_file()


def test_sigkill_after_random_delays_leaves_the_old_site_or_the_new_one(tmp_path):
    """Kills at moments no pause point names: inside Pelican, Pagefind, the check or the swap."""
    site = pinned_site(tmp_path / "site")
    finish(notes(site, "publish"))
    output = site / "output"
    without_post = tree_digest(output)
    post = site / "content/posts/2026-11-24-hiring.md"
    write(post, NEW_POST)
    started = time.monotonic()
    finish(notes(site, "publish"))
    # Kills are spread over one publish of the kind killed below: adding or removing a post with
    # the caches warm. A first, cold publish takes longer, so shares of it would miss most runs.
    duration = time.monotonic() - started
    with_post = tree_digest(output)
    assert with_post != without_post

    shown, killed = with_post, 0
    for share in (0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.95, 0.99):
        # Every publish has work to do: once the site shows the content, the post is added or removed.
        if shown == with_post and post.exists():
            post.unlink()
        elif shown == without_post and not post.exists():
            write(post, NEW_POST)
        process = notes(site, "publish")
        time.sleep(duration * share)
        process.send_signal(signal.SIGKILL)
        killed += process.wait(timeout=30) == -signal.SIGKILL
        assert output.is_dir() and search_is_complete(output), f"incomplete output/ after a kill at {share:.0%}"
        wanted = with_post if post.exists() else without_post
        now = tree_digest(output)
        assert now in {shown, wanted}, f"output/ is neither the last site nor the next after a kill at {share:.0%}"
        shown = now

    finish(notes(site, "publish"))
    assert tree_digest(output) == (with_post if post.exists() else without_post)
    assert killed >= 4, "too few publishes were still running when killed to prove anything"


def test_an_interrupted_two_rename_swap_is_recovered(tmp_path):
    """Where the exchange system call is missing, a kill between the two renames leaves only
    output.previous/: the next run puts it back before anything else."""
    output = tmp_path / "output"
    (tmp_path / "output.previous").mkdir()
    (tmp_path / "output.previous/index.html").write_text("old site")
    (tmp_path / ".output-build-abc123").mkdir()
    with publish.lock(output):
        publish.recover(output)
    assert (output / "index.html").read_text() == "old site"
    assert not (tmp_path / ".output-build-abc123").exists()


def test_the_two_rename_swap_keeps_the_previous_site(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    output = tmp_path / "output"
    for version in ("one", "two", "three"):
        staging = publish.new_staging(output)
        (staging / "index.html").write_text(version)
        publish.swap_in(staging, output)
    assert (output / "index.html").read_text() == "three"
    assert (tmp_path / "output.previous/index.html").read_text() == "two"
    publish.rollback(output)
    assert (output / "index.html").read_text() == "two"


def test_a_second_publish_while_one_runs_exits_with_a_clear_message(site):
    output = site / "output"
    with publish.lock(output):
        result = run_in(site, "publish")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"notes: error: another notes build, publish or serve (process {os.getpid()}) is writing output/; "
        "wait for it to finish, then run the command again"
    )
    assert not output.exists()


def test_a_real_second_process_is_refused_while_the_first_holds_the_lock(tmp_path):
    site = pinned_site(tmp_path / "site")
    marker = tmp_path / "paused"
    first = notes(site, "publish", env={"NOTES_TEST_PAUSE_FILE": str(marker)}, pause_at="locked")
    try:
        while not marker.exists():
            assert first.poll() is None, first.communicate()[0]
            time.sleep(0.05)
        second = notes(site, "publish")
        output, _ = second.communicate(timeout=120)
        assert second.returncode == 2
        assert f"(process {first.pid}) is writing output/" in output
        assert "Traceback" not in output
    finally:
        first.kill()
        first.wait()


def test_rollback_swaps_back_and_again(site):
    assert run_in(site, "publish").exit_code == 0
    write(site / "content/posts/2026-11-24-hiring.md", NEW_POST)
    assert run_in(site, "publish").exit_code == 0
    new_page = "2026/11/24/how-we-hire-developers/index.html"
    assert (site / "output" / new_page).is_file()

    result = run_in(site, "publish", "--rollback")
    assert result.exit_code == 0, result.output
    assert result.output == "Rolled back: output/ is the previous site again; run 'notes publish --rollback' again to undo.\n"
    assert not (site / "output" / new_page).exists()
    assert (site / "output.previous" / new_page).is_file()
    assert run_in(site, "publish", "--rollback").exit_code == 0
    assert (site / "output" / new_page).is_file()


def test_rollback_without_a_previous_site_is_a_clear_error(site):
    result = run_in(site, "publish", "--rollback")
    assert result.exit_code == 2
    assert result.output == "notes: error: no output.previous/ to roll back to; publish twice first\n"


def test_a_failure_after_pelican_leaves_the_site_and_no_debris(site, monkeypatch):
    assert run_in(site, "publish").exit_code == 0
    before = tree_digest(site / "output")

    @contextmanager
    def broken_indexing(folder, started=None):
        yield
        raise BuildFailed("the search index could not be built")

    monkeypatch.setattr("pipeline.search.indexing", broken_indexing)
    result = run_in(site, "publish")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "notes: error: the search index could not be built"
    assert tree_digest(site / "output") == before
    assert not list(site.glob(".output-build-*"))


def test_self_check_reports_broken_links_and_feeds(tmp_path):
    write(tmp_path / "index.html", '<a href="teams/">Teams</a> <a href="missing/">x</a> '
                                   '<a href="https://other.example/">x</a> <a href="#top">x</a> '
                                   '<a href="https://blog.example/gone/">x</a> <a href="/typed/">x</a>')
    write(tmp_path / "teams/index.html", '<link href="../index.html"><img src="../logo.png">')
    write(tmp_path / "feeds/all.atom.xml", "<feed><entry></feed>")
    with pytest.raises(BuildFailed) as raised:
        selfcheck.check_site(tmp_path, "https://blog.example")
    assert str(raised.value).splitlines() == [
        "the built site failed its final check; the site was not changed:",
        "  index.html: link to missing/ finds no file",
        "  index.html: link to https://blog.example/gone/ finds no file",
        "  index.html: link to /typed/ finds no file",  # a writer's link is checked like any other
        "  teams/index.html: link to ../logo.png finds no file",
        "  feeds/all.atom.xml: not well-formed XML (mismatched tag: line 1, column 15)",
    ]


def test_self_check_reads_the_html_that_feeds_carry(tmp_path):
    write(tmp_path / "index.html", "<p>Home</p>")
    write(tmp_path / "teams/index.html", "<p>Teams</p>")
    entry = ('&lt;p&gt;See &lt;a href="https://blog.example/teams/"&gt;teams&lt;/a&gt;, '
             '&lt;a href="{filename}posts/plan.md"&gt;the plan&lt;/a&gt; and '
             '&lt;img src="https://blog.example/images/gone.png" alt="A chart"&gt;&lt;/p&gt;')
    write(tmp_path / "feeds/all.atom.xml",
          f'<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://blog.example/" rel="alternate"/>'
          f'<entry><content type="html">{entry}</content></entry></feed>')
    with pytest.raises(BuildFailed) as raised:
        selfcheck.check_site(tmp_path, "https://blog.example")
    assert str(raised.value).splitlines()[1:] == [
        "  feeds/all.atom.xml: link to {filename}posts/plan.md holds a placeholder Pelican did not fill in",
        "  feeds/all.atom.xml: link to https://blog.example/images/gone.png finds no file",
    ]


def test_a_full_disk_is_one_clear_line_and_changes_nothing(site, monkeypatch):
    assert run_in(site, "publish").exit_code == 0
    before = tree_digest(site / "output")

    def full_disk(output):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(publish, "new_staging", full_disk)
    result = run_in(site, "publish")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"notes: error: cannot write the site beside {site.resolve() / 'output'}: No space left on device; "
        "the site was not changed"
    )
    assert tree_digest(site / "output") == before
