"""Pagefind's bundles in one canonical form, so that the same pages always give the same bytes.

Pagefind 1.5 numbers pages in the order it finds their files, which is the
order the file system lists them in, and writes its filters from hash maps
whose order changes from run to run (its maintainers: "other files will
still change, such as the filter/metadata indexes"). So two builds of the
same site gave different filter and metadata files, under different names,
and a different pagefind-entry.json naming them, and a deploy uploaded them
every time. Once Pagefind has written a bundle, `canonicalise` makes it
depend on the pages alone:

- pages are numbered in the order of their fragments' names (Pagefind names
  each fragment by a hash of the page's content), in the metadata, every
  word index (where each word's page numbers are stored as differences) and
  every filter;
- each word's pages, each filter's values and the filters are sorted;
- every index, filter and metadata file is compressed again here and named,
  as Pagefind names them, by a hash of its bytes, and pagefind-entry.json
  names the new metadata file. (Fragments, one a page, are Pagefind's own:
  their names and bytes depend on the page alone.)

The files' layout (CBOR arrays, gzipped after Pagefind's `pagefind_dcd`
signature) is Pagefind 1.5's: pyproject.toml keeps Pagefind below 1.6, and
tests/browser/ search the canonical bundles in Chromium.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class Unexpected(Exception):
    """A bundle not laid out as Pagefind 1.5 lays them out."""


def canonicalise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle at `bundle` in its canonical form (see above)."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in sorted(entry["languages"].items()):
        about["hash"] = _canonical_language(bundle, language, about["hash"])
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    if text != entry_path.read_text(encoding="utf-8"):
        entry_path.write_text(text, encoding="utf-8")


def _canonical_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Put one language's index in canonical form; the new name of its metadata file."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    version, pages, chunks, filters, sorts, *rest = _read(meta_path)
    if sorts:
        raise Unexpected(f"{meta_path.name} has sort indexes, which notes' theme never asks for")
    order = sorted(range(len(pages)), key=lambda number: (pages[number][0], number))
    renumbered = {old: new for new, old in enumerate(order)}
    pages = [pages[old] for old in order]
    for chunk in chunks:  # [first word, last word, file name]
        words = _read(bundle / "index" / f"{chunk[2]}.pf_index")
        for word in words[0]:  # [word, [[page, positions, ...], ...], ...]
            word[1] = _sorted_pages(word[1], renumbered)
        chunk[2] = _replace(bundle / "index", chunk[2], ".pf_index", words, language, 7)
    for named in filters:  # [filter, file name]
        name, values = _read(bundle / "filter" / f"{named[1]}.pf_filter")
        values = sorted([value, sorted(renumbered[page] for page in numbers)] for value, numbers in values)
        named[1] = _replace(bundle / "filter", named[1], ".pf_filter", [name, values], language, 7)
    filters.sort()
    return _replace(bundle, meta_hash, ".pf_meta", [version, pages, chunks, filters, sorts, *rest], language, 13,
                    prefix="pagefind.")


def _sorted_pages(entries: list, renumbered: dict[int, int]) -> list:
    """A word's [page, positions, ...] entries renumbered and sorted; each page number is stored as the
    difference from the one before it."""
    page = 0
    for entry in entries:
        page += entry[0]
        entry[0] = renumbered[page]
    try:
        entries.sort()  # by page, then by positions: Pagefind 1.5's entries are lists of numbers and lists
    except TypeError:  # anything else: by its bytes
        entries.sort(key=lambda entry: (entry[0], cbor2.dumps(entry)))
    last = 0
    for entry in entries:
        entry[0], last = entry[0] - last, entry[0]
    return entries


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unexpected(f"{path.name} does not start with Pagefind's signature")
    return cbor2.loads(data[len(SIGNATURE):])


def _replace(folder: Path, old: str, suffix: str, value, language: str, length: int, prefix: str = "") -> str:
    """Write `value` in place of the file named `old`, under a name made from its bytes; that name.

    Every file is compressed here, even one Pagefind had already written in
    canonical order: its compressor's bytes are not Python's.
    """
    data = cbor2.dumps(value)
    digest = hashlib.sha256(data).hexdigest()
    new = f"{language}_{digest[:length]}"
    while new != old and (folder / f"{prefix}{new}{suffix}").exists():  # another file's name: take more of the hash
        length += 1
        new = f"{language}_{digest[:length]}"
    (folder / f"{prefix}{old}{suffix}").unlink()
    # gzip's default level: Pagefind's own best level takes four times as long for 1% less.
    (folder / f"{prefix}{new}{suffix}").write_bytes(gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0))
    return new
