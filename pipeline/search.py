"""The site's search index, built by Pagefind after Pelican has written the site.

Pagefind comes from PyPI (`pagefind[bin]`), which ships its binary, so indexing
never downloads anything. It reads the built HTML: templates mark what to
index with `data-pagefind-body` and the team and kind filters with
`data-pagefind-filter`, and it writes its index and scripts to `pagefind/` in
the site folder. Only the /search/ page loads them.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import BuildFailed

log = logging.getLogger(__name__)

BUNDLE_FOLDER = "pagefind"


class Indexing:
    """Pagefind indexing a built site, in its own process, from the moment this is made.

    Pagefind has threads of its own and reads only the HTML, so a build starts
    it as soon as every page is written and goes on with the feeds and its
    last checks meanwhile (pipeline/pelican/writer.py, pipeline/build.py).
    """

    def __init__(self, site_folder: Path):
        command = [sys.executable, "-m", "pagefind", "--site", str(site_folder),
                   "--output-subdir", BUNDLE_FOLDER, "--silent"]
        self._messages = tempfile.TemporaryFile()
        self._process = subprocess.Popen(command, stdout=self._messages, stderr=subprocess.STDOUT)
        self._site = site_folder

    def wait(self) -> None:
        """Wait for the index; raise BuildFailed, with Pagefind's words, if it failed."""
        try:
            if self._process.wait() != 0:
                self._messages.seek(0)
                detail = self._messages.read().decode("utf-8", "replace").strip()
                raise BuildFailed(f"the search index could not be built (pagefind exited with "
                                  f"{self._process.returncode}):\n  {detail}")
        finally:
            self._messages.close()
        log.debug("pagefind indexed %s", self._site)

    def stop(self) -> None:
        """Stop an index no longer wanted (the build failed); nothing if it has finished."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._messages.close()


@contextmanager
def indexing(site_folder: Path, started: Indexing | None = None) -> Iterator[None]:
    """Index the built site in `site_folder` (or wait for `started`) while the body of the `with` runs."""
    indexer = started or Indexing(site_folder)
    try:
        yield
    except BaseException:
        indexer.stop()
        raise
    indexer.wait()
