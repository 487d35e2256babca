"""What a deploy uploads, in which order, and what it deletes: a pure function of two listings.

The order never lets a reader follow a link to something that is not there
yet, wherever the deploy stops:

1. assets: stylesheets, scripts, images, Pagefind's index files. Old pages
   never name new assets, and old assets stay until the end;
2. new pages and new feeds (a new tag's page and its feed): nothing links
   to them until the next phase;
3. changed pages, and Pagefind's entry file (it names the index files of
   phase 1 and the pages of phase 2);
4. feeds, sitemap, OPML and robots.txt, which announce the pages;
5. deletions, only with --delete, once nothing uploaded refers to them.

A file is unchanged when the object under its key holds the sha256 of its
bytes in its metadata; ETags are not compared, since a multipart upload's
ETag is not a hash of the content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.manifest import Entry

PHASES = ("assets", "new-pages", "pages", "feeds")
ANNOUNCING = (".xml", ".opml")  # every feed, the sitemap and the OPML file
ANNOUNCING_NAMES = ("robots.txt",)  # it names the sitemap
# Each search bundle's entry file names its fingerprinted index: it goes up with the pages, after the index.
SEARCH_ENTRY = re.compile(r"pagefind/[^/]+/pagefind-entry\.json")


@dataclass(frozen=True)
class Upload:
    path: str  # relative to the site folder, POSIX
    size: int
    sha256: str
    phase: str


@dataclass(frozen=True)
class Plan:
    uploads: tuple[Upload, ...]  # in upload order
    unchanged: int
    deletions: tuple[str, ...]  # relative paths, deleted last; empty without --delete
    kept: tuple[str, ...]  # objects the site no longer has, left alone without --delete

    def phase(self, name: str) -> list[Upload]:
        return [upload for upload in self.uploads if upload.phase == name]

    @property
    def upload_bytes(self) -> int:
        return sum(upload.size for upload in self.uploads)


def phase_of(path: str, new: bool) -> str:
    announcing = path.endswith(ANNOUNCING) or path in ANNOUNCING_NAMES
    if new and (announcing or path.endswith(".html")):
        return "new-pages"
    if announcing:
        return "feeds"
    if path.endswith(".html") or SEARCH_ENTRY.fullmatch(path):
        return "pages"
    return "assets"


def make_plan(local: Mapping[str, Entry], remote: Mapping[str, str | None], *, delete: bool) -> Plan:
    """Compare the site's files with the remote objects (relative path -> stored sha256, None if unknown)."""
    uploads = [Upload(path, entry.size, entry.sha256, phase_of(path, path not in remote))
               for path, entry in local.items() if remote.get(path) != entry.sha256]
    uploads.sort(key=lambda upload: (PHASES.index(upload.phase), upload.path))
    gone = tuple(sorted(remote.keys() - local.keys()))
    return Plan(tuple(uploads), len(local) - len(uploads), gone if delete else (), () if delete else gone)
