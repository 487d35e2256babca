"""Precision first: clean writing must give (almost) no warnings or errors.

The clean corpus in tests/prose/clean/ is over 20,000 words of plain, well-written
prose, with traps for careless rules (a key card, a blocked drive, food parcels
delivered). The target is at most 1 warning or error per 1,000 words.
"""

from __future__ import annotations

from pipeline.findings import Level
from pipeline.lint.engine import lint_target, target_from_bytes
from pipeline.lint.rules.readability import count_words
from tests.conftest import REPO


def test_clean_corpus_is_large_enough_and_nearly_silent():
    files = sorted((REPO / "tests/prose/clean").glob("*.md"))
    targets = [target_from_bytes(f.read_bytes(), f.name) for f in files]
    words = sum(count_words(t.text[t.doc.body_offset:]) for t in targets)
    noisy = [str(f) for t in targets for f in lint_target(t, {}) if f.level >= Level.WARNING]
    assert words >= 20_000
    assert len(noisy) <= words / 1000, noisy


def test_demo_content_is_clean():
    from pipeline.content.loader import load_site
    from pipeline.lint.run import site_targets

    site = load_site(REPO / "content")
    assert site.findings == []
    assert [str(f) for t in site_targets(site) for f in lint_target(t, {}) if f.level >= Level.WARNING] == []
