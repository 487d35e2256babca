"""A full or read-only disk is one line naming the path, exit 2, and the live site is untouched.

Real file systems, not a patched call: a small tmpfs that fills up, and the same remounted read-only, or a
read-only bind mount of .notes-cache/. Mounting needs root (CI runs as root in its container); elsewhere
these tests skip.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_in
from tests.test_publish import tree_digest


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB tmpfs, unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=40m", "tmpfs", str(disk))
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("mounting a tmpfs needs root")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _published(site: Path, disk: Path) -> tuple[Path, str]:
    output = disk / "output"
    result = run_in(site, "publish", "--output", str(output))
    assert result.exit_code == 0, result.output
    with (site / "content/teams/data-platform.md").open("a", encoding="utf-8") as team:
        team.write("\nAn edit the next publish would carry.\n")
    return output, tree_digest(output)


def _fill(disk: Path, leave_kb: int) -> None:
    free_kb = int(subprocess.run(["df", "--output=avail", "-k", str(disk)], capture_output=True, text=True,
                                 check=True).stdout.split()[-1])
    with (disk / "filler").open("wb") as filler:
        filler.write(b"\0" * max(0, free_kb - leave_kb) * 1024)


def test_a_full_disk_is_one_line_and_exit_2_and_the_site_is_untouched(site, small_disk):
    output, before = _published(site, small_disk)
    _fill(small_disk, leave_kb=200)
    result = run_in(site, "publish", "--output", str(output))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"notes: error: cannot write the site beside {output}: No space left on device; the site was not changed")
    assert "Traceback" not in result.output
    assert tree_digest(output) == before
    assert sorted(p.name for p in small_disk.iterdir()) == [".output.lock", "filler", "output"]  # no half site


def test_a_read_only_output_folder_is_one_line_for_publish_and_rollback(site, small_disk):
    output, before = _published(site, small_disk)
    _mount("-o", "remount,ro", str(small_disk))
    for command in (["publish"], ["publish", "--rollback"]):
        result = run_in(site, *command, "--output", str(output))
        assert result.exit_code == 2, result.output
        assert result.output.splitlines()[-1] == (f"notes: error: cannot write {small_disk / '.output.lock'}: "
                                                  "Read-only file system; the site was not changed")
    assert tree_digest(output) == before


def test_a_read_only_cache_costs_time_and_never_the_build(site, small_disk):
    """The caches are only ever a saving: a publish that cannot write them still publishes, and says so truly."""
    output, _ = _published(site, small_disk)
    cache = site / ".notes-cache"
    _mount("--bind", str(cache), str(cache))
    try:
        _mount("-o", "remount,ro,bind", str(cache))
        result = run_in(site, "publish", "--output", str(output))
    finally:
        subprocess.run(["umount", "-l", str(cache)], check=False)
    assert result.exit_code == 0, result.output
    assert "An edit the next publish would carry." in (output / "teams/data-platform/index.html").read_text()
