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
from pathlib import Path

from pipeline.errors import BuildFailed

log = logging.getLogger(__name__)

BUNDLE_FOLDER = "pagefind"


def index(site_folder: Path) -> Path:
    """Index the built site in `site_folder` and return the folder of the search bundle."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_folder),
               "--output-subdir", BUNDLE_FOLDER, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BuildFailed(f"the search index could not be built (pagefind exited with {result.returncode}):\n  {detail}")
    log.debug("pagefind indexed %s", site_folder)
    return Path(site_folder) / BUNDLE_FOLDER
