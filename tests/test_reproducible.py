"""Two clean builds of the same content are byte-identical, the search index and the manifest included:
in other folders, at other times, in other time zones and locales, and whatever order the file system lists
pages in."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pagefind_bin import get_executable

from pipeline.search_canonical import canonicalise
from tests.conftest import write
from tests.test_publish import finish, notes, pinned_site


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_publishes_in_other_folders_times_zones_and_locales_are_identical(tmp_path):
    # Separate processes, separate folders, a second apart: anything keyed on the clock, the folder's path,
    # the time zone, the locale, or dict or set order (hash seeds differ per process) shows up here.
    first = pinned_site(tmp_path / "one")
    finish(notes(first, "publish", env={"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}))
    time.sleep(1.1)  # past a whole second, the finest step of most timestamps
    second = pinned_site(tmp_path / "elsewhere" / "two")
    finish(notes(second, "publish", env={"TZ": "Pacific/Auckland", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"}))

    one, two = files(first / "output"), files(second / "output")
    assert {"sitemap.xml", "feeds/all.atom.xml", "feeds.opml", "index.html", ".notes-manifest.json"} <= one.keys()
    assert any(name.startswith("pagefind/") and name.endswith(".pf_meta") for name in one)
    assert sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name)) == []
    assert json.loads(one[".notes-manifest.json"])["built"] == "2026-11-29"


def test_a_search_bundle_does_not_depend_on_the_order_pagefind_finds_its_pages(tmp_path):
    """Pagefind numbers pages in the order the file system lists them, and writes its filters in hash map order;
    a canonical bundle depends on the pages alone."""
    site = pinned_site(tmp_path / "site")
    finish(notes(site, "publish"))
    pages = sorted(p.relative_to(site / "output") for p in (site / "output").rglob("*.html"))
    assert len(pages) > 20
    bundles = []
    for attempt in range(3):  # each copy made in another order: on most file systems, listed in another order
        folder = tmp_path / f"order-{attempt}"
        order = pages[:]
        random.Random(attempt).shuffle(order)
        for page in order:
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(site / "output" / page, folder / page)
        subprocess.run([str(get_executable()), "--site", str(folder), "--silent"], check=True,
                       env={**os.environ, "PATH": "/usr/bin:/bin"})
        canonicalise(folder / "pagefind")
        bundles.append(files(folder / "pagefind"))
    assert bundles[0] == bundles[1] == bundles[2]


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
        trees[name] = files(site / "preview")
    english, other = trees["C.UTF-8"], trees[OTHER_LOCALE]
    assert "15 October 2026" in english["2026/10/15/what-we-did-in-october/index.html"].decode()
    assert sorted(name for name in english.keys() | other.keys() if english.get(name) != other.get(name)) == []
