"""Aliases: a note's old addresses, where the build writes redirect pages.

An alias is a path on this site, as a link would give it after the domain:

    /2019/05/14/our-roadmap/     -> 2019/05/14/our-roadmap/index.html
    /2019/05/14/our-roadmap      -> 2019/05/14/our-roadmap/index.html   (a server adds the slash)
    /our-roadmap.html            -> our-roadmap.html
    /blog/café/                  -> blog/café/index.html   (written decoded, as a server maps it to a file)

Refused, because no static file can answer them or they leave the site:
`https://old.example/x/` (a host), `//old.example/x/`, `x/` (not from the
root), `/a/../b/`, `/?p=123` and `/x/#top` (a server never sees a query or
fragment as a file name), whitespace and control characters (no file name
holds a NUL, and no log should show an escape code).
"""

from __future__ import annotations

import re

# From the root; then no whitespace, control character, query, fragment or backslash anywhere; not "//" (a host).
ALIAS = re.compile(r"/(?!/)[^\s\x00-\x1f\x7f-\x9f?#\\]*")


def is_alias(text: str) -> bool:
    return bool(ALIAS.fullmatch(text)) and ".." not in text.split("/")


def output_file(alias: str) -> str:
    """The file a redirect for `alias` is written to, relative to the output folder."""
    path = alias.strip("/")
    if path.endswith(".html"):
        return path
    return f"{path}/index.html" if path else "index.html"
