"""The site's search index, built by Pagefind after Pelican has written the site.

Pagefind comes from PyPI (`pagefind[bin]`), which ships its binary, so indexing
never downloads anything. It reads the built HTML: templates mark what to
index with `data-pagefind-body` and the team and kind filters with
`data-pagefind-filter`. Only the /search/ page loads the index.

The index is split into one Pagefind bundle per quarter of notes
(`pagefind/2026-q3/`), and per month in the newest quarter
(`pagefind/2026-11/`), which the search page merges (Pagefind's `mergeIndex`):
Pagefind's memory grows with the pages it indexes (1.8 GB for 10,000 notes in
one bundle), and a quarter of fifty weekly teams is about 650 pages and 150 MB.
Bundles are indexed as many at a time as there are cores, and each is put
in a canonical form once Pagefind has written it (search_canonical.py), so
that the same pages always give the same bytes. A bundle is then a pure
function of its pages, so it is kept in `.notes-cache/search/`, by a hash of
its pages, and a publish indexes again only the bundles whose pages changed
(`Bundles`). `notes serve` indexes again only the bundles of the notes an
edit changed; the newest are the smallest, and most edits are to recent
notes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from pipeline import cache
from pipeline.errors import BuildFailed
from pipeline.parallel import Background, workers
from pipeline.search_canonical import Unexpected, canonicalise

log = logging.getLogger(__name__)

BUNDLE_FOLDER = "pagefind"


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: the pages of the notes dated in one quarter (one month, in the newest quarter)."""

    name: str  # 2026-q3, or 2026-11 in the newest quarter
    pages: tuple[str, ...]  # the notes' pages, relative to the site folder
    sources: frozenset[str]  # the notes' source files, as Pelican names them

    @property
    def folder(self) -> str:
        return f"{BUNDLE_FOLDER}/{self.name}"


def quarter(day) -> str:
    return f"{day.year}-q{(day.month - 1) // 3 + 1}"


def plan(articles: Iterable) -> list[Shard]:
    """The bundles for Pelican's published articles, newest first (the search page loads it first)."""
    articles = list(articles)
    newest = max((quarter(article.date) for article in articles), default=None)
    pages: dict[str, list] = {}
    for article in articles:
        name = quarter(article.date)
        if name == newest:
            name = f"{article.date.year}-{article.date.month:02d}"
        pages.setdefault(name, []).append(article)
    newest_first = sorted(pages, key=lambda name: max(article.date for article in pages[name]), reverse=True)
    return [Shard(name, tuple(a.save_as for a in pages[name]), frozenset(a.source_path for a in pages[name]))
            for name in newest_first]


class Bundles:
    """Search bundles made before, by their pages: `.notes-cache/search/<hash of the pages>.marshal`.

    Each is sealed with a checksum keyed by notes' code and Pagefind's version
    and checked before use (pipeline/cache.py), like every cache of a build.
    """

    def __init__(self, root: Path):
        self.folder = root / cache.FOLDER / "search"  # beside the project's other caches
        self._key = cache.fingerprint({"cache": "search bundle"})
        self.used: set[str] = set()

    @staticmethod
    def name_of(site: Path, shard: Shard) -> str:
        """A hash of the bundle's pages, their addresses and bytes: all that Pagefind reads."""
        digest = hashlib.sha256()
        for page in sorted(shard.pages):
            digest.update(page.encode() + b"\0" + (site / page).read_bytes() + b"\0")
        return digest.hexdigest()

    def restore(self, name: str, bundle: Path) -> bool:
        """Write the bundle kept under `name` into the folder `bundle`; False if there is none."""
        files = cache.load_entries(self.folder / f"{name}.marshal", self._key)
        if not files or not all(_inside(relative) for relative in files):
            return False
        for relative, data in files.items():
            (bundle / relative).parent.mkdir(parents=True, exist_ok=True)
            (bundle / relative).write_bytes(data)
        self.used.add(name)
        return True

    def store(self, name: str, bundle: Path) -> None:
        files = {path.relative_to(bundle).as_posix(): path.read_bytes()
                 for path in sorted(bundle.rglob("*")) if path.is_file()}
        cache.save_entries(self.folder / f"{name}.marshal", self._key, files)
        self.used.add(name)

    def prune(self) -> None:
        """Forget the bundles this build did not use: the cache holds one site's, not every site's since."""
        for path in self.folder.glob("*.marshal"):
            if path.stem not in self.used:
                try:
                    path.unlink(missing_ok=True)
                except OSError:  # a read-only cache, as cache.save allows: it only holds more than it needs
                    pass


def _inside(relative: str) -> bool:
    return not relative.startswith("/") and ".." not in relative.split("/")


class Indexing:
    """Pagefind indexing `shards` of a built site, from the moment this is made.

    A worker process runs Pagefind for each bundle, as many at a time as there
    are cores, while the build goes on (pipeline/pelican/writer.py starts it
    once every page is written). A bundle kept in `bundles` is taken from
    there instead; with `whole`, the shards are every bundle of the site and
    the others kept there are forgotten.
    """

    def __init__(self, site_folder: Path, shards: list[Shard], bundles: Bundles | None = None, whole: bool = False):
        self._site = site_folder
        self.indexed = [shard.name for shard in shards]
        build = os.getpid()
        self._worker = Background(lambda: _index_all(site_folder, shards, build, bundles, whole),
                                  own_group=True) if shards else None

    def wait(self) -> None:
        """Wait for every bundle; raise BuildFailed, with Pagefind's words, if one failed."""
        failure = self._worker.result() if self._worker else None
        if failure:
            raise BuildFailed(f"the search index could not be built {failure}")
        log.debug("pagefind indexed %s in %s", ", ".join(self.indexed) or "nothing", self._site)

    def stop(self) -> None:
        """Stop indexing no longer wanted (the build failed); nothing if it has finished."""
        if self._worker is not None:
            self._worker.cancel()


@contextmanager
def indexing(site_folder: Path, started: Indexing) -> Iterator[None]:
    """Wait for `started` to index `site_folder` once the body of the `with` has run."""
    try:
        yield
    except BaseException:
        started.stop()
        raise
    started.wait()


def _index_all(site: Path, shards: list[Shard], build: int, bundles: Bundles | None, whole: bool) -> str | None:
    """Index every shard, a few at a time; the first failure, described, or None.

    Run in a process of its own (Indexing), it stops when its parent, the
    `build` process, is gone: a killed build's index is never wanted, and
    Pagefind would go on writing into the folder the next build deletes.
    """
    # Each bundle reads only its own pages: hard links of them in a folder of its own, beside the site
    # (on its disk), with the same paths, so that Pagefind gives every result the page's own URL.
    scratch = Path(tempfile.mkdtemp(prefix=".notes-search-", dir=site.parent))
    running: list = []
    names: dict[str, str] = {}  # shard -> the name its bundle is kept under
    # The largest first: two at a time, the small ones fill in while the last large one runs.
    pending = sorted(shards, key=lambda shard: len(shard.pages), reverse=True)

    def fill() -> str | None:
        """Start Pagefind for the next shards, one per core (or take their bundles from `bundles`); a failure."""
        while pending and len(running) < workers():
            shard = pending.pop(0)
            try:
                started = _restore_or_start(site, scratch, shard, bundles, names)
            except OSError as err:  # a page the plan names that was not written: a bug, said plainly
                return f"for {shard.folder}/: {err.strerror}: {err.filename}"
            if started is not None:
                running.append(started)
        return None

    try:
        failure = fill()
        while running and failure is None:
            place = _first_done(running, build)
            if place is None:
                return "(the build was stopped)"
            shard, process, messages = running.pop(place)
            if process.returncode != 0:
                messages.seek(0)
                detail = messages.read().decode("utf-8", "replace").strip()
                failure = f"(pagefind exited with {process.returncode} for {shard.folder}/):\n  {detail}"
            else:
                failure = fill()  # the next Pagefind starts before this bundle is made canonical, which takes a core
                try:
                    canonicalise(site / shard.folder)
                except (Unexpected, ValueError, KeyError, IndexError, TypeError) as err:  # another Pagefind's layout
                    failure = failure or f"(pagefind wrote {shard.folder}/ in a layout notes does not know: {err})"
                else:
                    if bundles is not None:
                        bundles.store(names[shard.name], site / shard.folder)
            messages.close()
        if bundles is not None and whole and failure is None:
            bundles.prune()
        return failure
    finally:
        for _, process, messages in running:  # after a failure, or the build's end: not wanted
            process.kill()
            process.wait()
            messages.close()
        shutil.rmtree(scratch, ignore_errors=True)


def _restore_or_start(site: Path, scratch: Path, shard: Shard, bundles: Bundles | None, names: dict[str, str]):
    """Take `shard`'s bundle from `bundles` (None), or start Pagefind for it (the running process)."""
    if bundles is not None:
        names[shard.name] = bundles.name_of(site, shard)
        if bundles.restore(names[shard.name], site / shard.folder):
            return None
    return _start(site, scratch, shard)


def _first_done(running: list, build: int) -> int | None:
    """Which of the running Pagefind processes finishes first (its place in `running`); None if `build` is gone."""
    while os.getppid() == build:
        for place, (_, process, _) in enumerate(running):
            if process.poll() is not None:
                return place
        time.sleep(0.01)
    return None


def _start(site: Path, scratch: Path, shard: Shard):
    pages = scratch / shard.name
    for page in sorted(shard.pages):
        (pages / page).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / page, pages / page)
    command = [str(get_executable()), "--site", str(pages), "--output-path", str(site / shard.folder),
               "--silent"]
    messages = tempfile.TemporaryFile()
    return shard, subprocess.Popen(command, stdout=messages, stderr=subprocess.STDOUT), messages
