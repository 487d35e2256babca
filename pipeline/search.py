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


@contextmanager
def indexing(site_folder: Path) -> Iterator[None]:
    """Index the built site in `site_folder` while the body of the `with` runs; fail if Pagefind fails.

    Pagefind is a separate process with threads of its own, so the build's
    own last checks run meanwhile instead of waiting for it.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_folder),
               "--output-subdir", BUNDLE_FOLDER, "--silent"]
    with tempfile.TemporaryFile() as messages:
        process = subprocess.Popen(command, stdout=messages, stderr=subprocess.STDOUT)
        try:
            yield
        except BaseException:
            process.kill()
            process.wait()
            raise
        if process.wait() != 0:
            messages.seek(0)
            detail = messages.read().decode("utf-8", "replace").strip()
            raise BuildFailed(f"the search index could not be built (pagefind exited with {process.returncode}):\n  {detail}")
    log.debug("pagefind indexed %s", site_folder)

