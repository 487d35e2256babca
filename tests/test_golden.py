"""Whole-file comparison of generated pages with committed golden files.

After a deliberate change to templates or output, regenerate them with
`make golden` and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "weeknote.html": "weeknotes/data-platform/2026-w46/index.html",
    "post.html": "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html",
    "team.html": "teams/data-platform/index.html",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.conftest import build_in, make_site

    root = make_site(tmp_path_factory.mktemp("golden") / "site")
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nNOTES_TODAY = "2026-11-29"  # team pages show the cadence as of a day: pin it\n')
    return build_in(root)


@pytest.mark.parametrize("golden, page", PAGES.items())
def test_page_matches_golden_file(built, golden, page):
    actual = (built / page).read_text(encoding="utf-8")
    expected_path = GOLDEN / golden
    if os.environ.get("NOTES_UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8"), f"{page} differs from tests/golden/{golden}; run make golden if intended"
