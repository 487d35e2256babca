"""`--from auto`, file by file, when no settings file says what the site is (sites.kind_of does first).

Which format a file is in, from its name, folder and first lines:

    export.xml mentioning wordpress.org/export/     -> wordpress
    _posts/… or _drafts/…                           -> jekyll
    front matter between '+++' lines (TOML)         -> hugo
    '---' front matter with draft, lastmod, aliases, summary, description or publishDate -> hugo
    '---' front matter with published, excerpt, layout, permalink or redirect_from      -> jekyll
    other '---' front matter: jekyll if named YYYY-MM-DD-slug.md, else hugo
    'Title: …' metadata lines, or a .rst file       -> pelican
"""

from __future__ import annotations

import re
from pathlib import Path

HUGO_KEYS = {"draft", "lastmod", "aliases", "summary", "description", "publishdate"}
JEKYLL_KEYS = {"published", "excerpt", "layout", "permalink", "redirect_from"}
DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-.+\.(md|markdown|html)")
KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:", re.MULTILINE)
HEAD_BYTES = 8192  # a WXR file names its namespaces in the first few lines, after a comment


def detect(path: Path) -> str | None:
    """The format of `path`, or None when it is none of them."""
    if path.suffix == ".rst":
        return "pelican"
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return None  # the reader will say why it cannot read the file
    if path.suffix == ".xml":
        return "wordpress" if "wordpress.org/export/" in head else None
    if {"_posts", "_drafts"} & set(path.parts):
        return "jekyll"
    if head.startswith("+++"):
        return "hugo"
    if head.startswith("---"):
        keys = {key.lower() for key in KEY.findall(head.split("\n---", 1)[0])}
        if keys & HUGO_KEYS:
            return "hugo"
        if keys & JEKYLL_KEYS or DATED_NAME.fullmatch(path.name):
            return "jekyll"
        return "hugo"
    if re.match(r"title\s*:", head, re.IGNORECASE) or "title" in {k.lower() for k in KEY.findall(head.split("\n\n", 1)[0])}:
        return "pelican"
    return None
