"""Whole-file comparison of feeds of the fixture site with committed golden files.

A substring test can miss a malformed attribute for years; a whole file cannot.
After a deliberate change to the feeds, regenerate them with `make golden`
(NOTES_UPDATE_GOLDEN=1) and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import build_in
from tests.test_feeds import feed_site

GOLDEN = Path(__file__).parent / "golden" / "feeds"
FEEDS = ["all.atom.xml", "all.rss.xml", "digest.atom.xml"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_in(feed_site(tmp_path_factory.mktemp("feeds-golden") / "site"), "build")


@pytest.mark.parametrize("name", FEEDS)
def test_feed_matches_golden_file(built, name):
    actual = (built / "feeds" / name).read_bytes()
    expected_path = GOLDEN / name
    if os.environ.get("NOTES_UPDATE_GOLDEN"):
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_bytes(actual)
    assert actual == expected_path.read_bytes(), f"feeds/{name} differs from tests/golden/feeds/{name}; run make golden if intended"
