"""Caches that cannot lie: a damaged, foreign or forged entry in .notes-cache/ never changes what a build makes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline import cache
from pipeline.pelican import rendered
from pipeline.settings import load as load_settings
from tests.conftest import run_in
from tests.test_publish import tree_digest

POST_PAGE = "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html"


def test_a_sealed_payload_comes_back_only_whole_and_under_its_own_key():
    key, other = cache.fingerprint({"a": 1}), cache.fingerprint({"a": 2})
    payload = bytes(range(256)) * 4
    sealed = cache.seal(payload, key)
    assert cache.unseal(sealed, key) == payload
    assert cache.unseal(sealed, other) is None  # another version of notes or a library, or other options
    for length in range(len(sealed)):  # truncated anywhere
        assert cache.unseal(sealed[:length], key) is None
    for place in range(len(sealed)):  # every bit of every byte flipped, one at a time
        for bit in range(8):
            damaged = bytearray(sealed)
            damaged[place] ^= 1 << bit
            assert cache.unseal(bytes(damaged), key) is None, (place, bit)
    noise = random.Random(21)
    for _ in range(200):
        assert cache.unseal(noise.randbytes(noise.randrange(200)), key) is None


def test_the_key_changes_with_each_library_that_shapes_the_output(monkeypatch):
    before = cache.fingerprint({})
    for library in ("markdown", "nh3", "pelican", "jinja2", "pagefind-bin"):
        real = cache.metadata.version
        cache.versions.cache_clear()
        monkeypatch.setattr(cache.metadata, "version", lambda name, real=real, library=library:
                            "999" if name == library else real(name))
        assert cache.fingerprint({}) != before, library
        monkeypatch.setattr(cache.metadata, "version", real)
    cache.versions.cache_clear()
    assert cache.fingerprint({}) == before


def _cache_files(site: Path) -> list[Path]:
    files = sorted(p for p in (site / ".notes-cache").rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"html.marshal", "frontmatter.marshal", "lint.json"} <= names and any(p.parent.name == "jinja" for p in files)
    return files


def _truncated(data: bytes, noise: random.Random) -> bytes:
    return data[: noise.randrange(len(data))]


def _random(data: bytes, noise: random.Random) -> bytes:
    return noise.randbytes(len(data))


def _flipped(data: bytes, noise: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(3):  # in the header, the checksum or the payload, wherever they fall
        damaged[noise.randrange(len(damaged))] ^= 1 << noise.randrange(8)
    return bytes(damaged)


def _foreign(data: bytes, noise: random.Random) -> bytes:
    """The same payload, sealed by another version of notes or of a library."""
    start = len(cache.MAGIC) + 32
    return cache.seal(data[start:], cache.fingerprint({"notes": "another version"}))


@pytest.mark.parametrize("damage", [_truncated, _random, _flipped, _foreign], ids=lambda f: f.__name__[1:])
def test_damaged_or_foreign_cache_entries_never_change_the_output(site, damage):
    assert run_in(site, "build").exit_code == 0
    clean = tree_digest(site / "preview")
    findings = run_in(site, "lint").output
    noise = random.Random(damage.__name__)
    damaged = {}
    for path in _cache_files(site):
        damaged[path] = damage(path.read_bytes(), noise)
        path.write_bytes(damaged[path])

    result = run_in(site, "build", "--output", str(site / "again"))
    assert result.exit_code == 0, result.output
    assert tree_digest(site / "again") == clean
    assert run_in(site, "lint").output == findings
    # Every cache was made again, and is used by the next build.
    assert [p for p in damaged if p.read_bytes() == damaged[p]] == []
    assert run_in(site, "build", "--output", str(site / "third")).exit_code == 0
    assert tree_digest(site / "third") == clean


def test_html_from_the_cache_is_sanitised_when_it_is_used(site):
    """Even an entry that passes its check (written by hand, or by a bug) cannot put script into a page."""
    assert run_in(site, "build").exit_code == 0
    path = site / ".notes-cache" / rendered.FILE
    key = cache.fingerprint({"markdown": load_settings(Path("pelicanconf.py"))["MARKDOWN"]})
    entries = cache.load_entries(path, key)
    assert entries, "the build's rendered Markdown was not cached"
    hostile = '<p>Forged <script>alert(1)</script><img alt="" onerror="alert(2)"></p>'
    cache.save_entries(path, key, dict.fromkeys(entries, hostile))

    assert run_in(site, "build", "--output", str(site / "forged")).exit_code == 0
    page = (site / "forged" / POST_PAGE).read_text(encoding="utf-8")
    assert "Forged" in page  # the entry was used...
    assert "alert(1)" not in page and "onerror" not in page  # ...and sanitised on its way into the page
    feed = (site / "forged/feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "Forged" in feed and "alert(" not in feed
