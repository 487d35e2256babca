"""Two clean builds of the same content, at different wall-clock times, are byte-identical."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import write
from tests.test_publish import UNREPRODUCIBLE, finish, notes, pinned_site


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_publishes_at_different_times_in_different_folders_are_identical(tmp_path):
    # Separate processes, separate folders, a second apart: anything keyed on the clock,
    # the folder's path, dict or set order (hash seeds differ per process) shows up here.
    first = pinned_site(tmp_path / "one")
    finish(notes(first, "publish"))
    time.sleep(1.1)  # past a whole second, the finest step of most timestamps
    second = pinned_site(tmp_path / "two")
    finish(notes(second, "publish"))

    one, two = files(first / "output"), files(second / "output")
    assert {"sitemap.xml", "feeds/all.atom.xml", "feeds.opml", "index.html"} <= one.keys()
    # Pagefind's index is not byte-reproducible (see UNREPRODUCIBLE); everything else must be.
    comparable = sorted(name for name in one.keys() | two.keys() if not name.startswith(UNREPRODUCIBLE))
    different = [name for name in comparable if one.get(name) != two.get(name)]
    assert different == []
    assert len(comparable) > 40
    # The manifest differs only where it lists Pagefind's files; its build time is the pinned day.
    manifests = [json.loads(one[".notes-manifest.json"]), json.loads(two[".notes-manifest.json"])]
    for manifest in manifests:
        manifest["files"] = {name: entry for name, entry in manifest["files"].items() if not name.startswith("pagefind/")}
    assert manifests[0] == manifests[1]
    assert manifests[0]["built"] == "2026-11-29"


OTHER_LOCALE = "de_DE.UTF-8"  # .ci/run generates it; months and days are spelt differently from English


def _has_locale(name: str) -> bool:
    """Whether this machine has the locale, asked in a process of its own: setting it here would leak into other tests."""
    check = f"import locale; locale.setlocale(locale.LC_ALL, {name!r})"
    return subprocess.run([sys.executable, "-c", check], capture_output=True).returncode == 0


def test_a_build_is_the_same_whatever_the_machine_s_locale(tmp_path):
    """Month and day names come from DEFAULT_LANG (en-GB): under LANG=de_DE a build once wrote "Freitag 4 Dezember"."""
    if not _has_locale(OTHER_LOCALE):
        if os.environ.get("NOTES_REQUIRE_LOCALE"):
            pytest.fail(f"the {OTHER_LOCALE} locale is missing; .ci/run generates it")
        pytest.skip(f"no {OTHER_LOCALE} locale here (apt-get install locales; locale-gen {OTHER_LOCALE})")
    trees = {}
    for name in ("C.UTF-8", OTHER_LOCALE):
        site = pinned_site(tmp_path / name)
        write(site / "content/posts/2026-10-15-october.md", "---\ntitle: What we did in October\ndate: 2026-10-15 09:00\n"
              "authors: [jane-doe]\nsummary: A month of work.\n---\nWe moved the archive.\n")
        finish(notes(site, "build", env={"LANG": name, "LC_ALL": name}))
        trees[name] = files(site / "output")
    english, other = trees["C.UTF-8"], trees[OTHER_LOCALE]
    assert "15 October 2026" in english["2026/10/15/what-we-did-in-october/index.html"].decode()
    comparable = sorted(name for name in english.keys() | other.keys() if not name.startswith(UNREPRODUCIBLE))
    assert [name for name in comparable if english.get(name) != other.get(name)] == []
