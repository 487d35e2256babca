"""Two clean builds of the same content, at different wall-clock times, are byte-identical."""

from __future__ import annotations

import json
import time
from pathlib import Path

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
