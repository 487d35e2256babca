"""Content-Type and Cache-Control for every kind of file a built site holds.

Caching follows one rule: only a file whose name changes whenever its bytes
change may be cached for ever. In our output those are Pagefind's index
files, named by a hash of their content (`pagefind/2026-q4/fragment/en-gb_48f5f79.pf_fragment`,
`pagefind/2026-q4/pagefind.en-gb_275764b1aa7ff.pf_meta`; one bundle per quarter, see
pipeline/search.py). Everything else keeps its name from build to build
(`theme/css/notes.css`, `pagefind/2026-q4/pagefind.js`, the
pages, the feeds), so caches must check it again soon, or readers would see
an old stylesheet or a search index that no longer matches its entry file.

| file | fingerprinted |
| --- | --- |
| pagefind/2026-q4/fragment/en-gb_48f5f79.pf_fragment | yes |
| pagefind/2026-q4/index/en-gb_cc28a36.pf_index | yes |
| pagefind/2026-q4/filter/en-gb_8b1ab5f.pf_filter | yes |
| pagefind/2026-q4/pagefind.en-gb_275764b1aa7ff.pf_meta | yes |
| pagefind/2026-q4/pagefind-entry.json, pagefind/2026-q4/pagefind.js | no (same name every build) |
| pagefind/2026-q4/wasm.en-gb.pagefind | no (named by language, not content) |
| theme/css/notes.css, images/team-2026a1b2c3d.png | no (not under pagefind/) |
"""

from __future__ import annotations

import mimetypes
import re

IMMUTABLE = "public, max-age=31536000, immutable"
# Five minutes, then the cache asks again (a cheap 304 when nothing changed).
REVALIDATE = "public, max-age=300, must-revalidate"

FINGERPRINTED = re.compile(r"pagefind/[0-9]{4}-(?:q[1-4]|[01][0-9])/(?:[a-z]+/)?[^/]*_[0-9a-f]{7,}\.pf_[a-z]+")

# By the end of the name, longest first where one ends another (.atom.xml before .xml).
# Python's own table (below) has none of these, or names them differently on each platform.
TYPES = {
    ".atom.xml": "application/atom+xml; charset=utf-8",
    ".rss.xml": "application/rss+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",  # not in Python 3.11's table
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    # Pagefind's gzipped index and WebAssembly files: its script fetches and unpacks them
    # itself, so they must reach it byte for byte, never with a Content-Encoding.
    ".pagefind": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
}
# Python's built-in table only (images, PDFs and the like a note may carry), the same on every machine:
# a fresh MimeTypes does not read /etc/mime.types, unlike the module-level functions.
_BUILT_IN = mimetypes.MimeTypes()


def content_type(relative: str) -> str:
    name = relative.lower()
    for ending, kind in TYPES.items():
        if name.endswith(ending):
            return kind
    return _BUILT_IN.guess_type(name, strict=False)[0] or "application/octet-stream"


def cache_control(relative: str) -> str:
    return IMMUTABLE if FINGERPRINTED.fullmatch(relative) else REVALIDATE
