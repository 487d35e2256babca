"""The last check before a built site is swapped in: links resolve, feeds parse.

A template typo or a slug that Pelican wrote somewhere unexpected shows up
here as a broken internal link, before anyone sees it, rather than after.
Links writers typed are checked too: `notes lint` resolves them against the
content (pipeline/content/links.py, L101), and this check reads what Pelican
made of them, in pages and in the HTML that feeds carry, so a placeholder it
left unresolved ({filename}…) never reaches a reader or a feed reader.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from pipeline.errors import BuildFailed
from pipeline.manifest import files_in

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
FEED_SUFFIXES = (".xml", ".opml")
MAX_REPORTED = 20
# Pelican's intrasite placeholders ({filename}, |static|...), which it leaves in place when it finds no file.
PLACEHOLDER = re.compile(r"[{|](?:filename|static|attach|tag|category|author|index)[}|]")


# Our pages come from our templates and the sanitiser, so their tags are regular:
# a pattern finds the links in a fraction of the time an HTML parser takes (this
# check reads every page of the site). Comments and script bodies are dropped first,
# as a parser would ignore them.
IGNORED = re.compile(r"<!--.*?-->|(?<=>)[^<]*(?=</script>)", re.DOTALL)
TAG = re.compile(r"<(a|link|img|script|iframe|source)\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\s([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def page_links(text: str) -> list[str]:
    """The href of every a and link, and the src of every img, script, iframe and source."""
    if "<!--" in text or "</script>" in text:  # most pages have neither: the pattern need not scan them
        text = IGNORED.sub("", text)
    links = []
    for tag in TAG.finditer(text):
        wanted = LINKING[tag[1].lower()]
        for attribute in ATTRIBUTE.finditer(tag[2]):
            value = attribute[2] if attribute[2] is not None else attribute[3] if attribute[3] is not None else attribute[4]
            if attribute[1].lower() == wanted and value:
                links.append(html.unescape(value))
    return links


def check_site(site: Path, site_url: str = "", files: set[str] | None = None) -> None:
    """Raise BuildFailed naming every broken internal link and unparseable feed in `site`.

    `files` are the site's files, relative, if the caller has listed them
    (manifest.files_in).
    """
    files = files if files is not None else files_in(site)
    pages = sorted(site / f for f in files if f.endswith(".html"))
    feeds = sorted(site / f for f in files if f.endswith(FEED_SUFFIXES))
    problems = [*_broken_links(site, files, site_url.rstrip("/"), pages, feeds), *_broken_feeds(site, feeds)]
    if problems:
        shown = problems[:MAX_REPORTED] + ([f"… and {len(problems) - MAX_REPORTED} more"] if len(problems) > MAX_REPORTED else [])
        raise BuildFailed("the built site failed its final check; the site was not changed:\n  " + "\n  ".join(shown))


def _broken_links(site: Path, files: set[str], site_url: str, pages: list[Path], feeds: list[Path]) -> list[str]:
    # Most links (the header, the footer) repeat on every page: each is read once, and resolved once a folder.
    paths: dict[str, str | None] = {}
    resolved: dict[tuple[str, str], bool] = {}
    problems: dict[str, None] = {}  # each once, in the order found: a page may hold the same link many times
    for file, feed in [*((page, False) for page in pages), *((feed, True) for feed in feeds)]:
        folder = posixpath.dirname("/" + file.relative_to(site).as_posix())
        text = file.read_text(encoding="utf-8", errors="replace")
        # A feed carries its entries' HTML escaped once (<content type="html">): unescaped, it reads as a page.
        for link in page_links(html.unescape(text) if feed else text):
            found = resolved.get((folder, link))
            if found is None:
                path = paths[link] if link in paths else paths.setdefault(link, _site_path(link, site_url))
                found = resolved[folder, link] = path is None or _exists(files, posixpath.join(folder, path))
            if PLACEHOLDER.search(link):
                problems[f"{file.relative_to(site)}: link to {link} holds a placeholder Pelican did not fill in"] = None
            elif not found:
                problems[f"{file.relative_to(site)}: link to {link} finds no file"] = None
    return list(problems)


def _site_path(link: str, site_url: str) -> str | None:
    """The path part of a link within the site, or None for other sites, mail and fragments."""
    if site_url and link.startswith(site_url + "/"):
        link = link[len(site_url):]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def _exists(files: set[str], path: str) -> bool:
    relative = posixpath.normpath(path).strip("/")
    if relative.startswith(".."):
        return False  # a link out of the site root can never resolve on a server
    return relative in files or posixpath.join(relative, "index.html") in files


def _broken_feeds(site: Path, feeds: list[Path]) -> list[str]:
    problems = []
    for feed in feeds:
        # expat alone, without building a tree: a well-formedness check of 187 MB of feeds in a second or two.
        parser = expat.ParserCreate()
        try:
            with feed.open("rb") as handle:
                parser.ParseFile(handle)
        except expat.ExpatError as err:
            problems.append(f"{feed.relative_to(site)}: not well-formed XML ({err})")
    return problems
