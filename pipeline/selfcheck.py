"""The last check before a built site is swapped in: links resolve, feeds parse.

A template typo or a slug that Pelican wrote somewhere unexpected shows up
here as a broken internal link, before anyone sees it, rather than after.

Links a writer typed in a note (`[our roadmap](/roadmap/)`) are not checked:
the same domain often serves pages that are not part of this site, and a
writer's link is a content question, not a sign of a broken build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from pipeline.errors import BuildFailed

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
FEED_SUFFIXES = (".xml", ".opml")
MAX_REPORTED = 20
# Link targets in Markdown: inline [text](target), reference definitions [ref]: target, raw href/src="target".
WRITTEN_LINK = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?P<reference>[^\s>]+)"
    r"|(?:href|src)\s*=\s*[\"']?(?P<raw>[^\"'\s>]+)",
    re.MULTILINE,
)


def written_links(bodies: Iterable[str]) -> frozenset[str]:
    """Every link target typed in these Markdown bodies."""
    return frozenset(m["inline"] or m["reference"] or m["raw"] for body in bodies for m in WRITTEN_LINK.finditer(body))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = LINKING.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.links.append(value)


def check_site(site: Path, site_url: str = "", written: frozenset[str] = frozenset()) -> None:
    """Raise BuildFailed naming every broken internal link and unparseable feed in `site`.

    `written` holds the links writers typed, which are left alone (see above).
    """
    problems = [*_broken_links(site, site_url.rstrip("/"), written), *_broken_feeds(site)]
    if problems:
        shown = problems[:MAX_REPORTED] + ([f"… and {len(problems) - MAX_REPORTED} more"] if len(problems) > MAX_REPORTED else [])
        raise BuildFailed("the built site failed its final check; the site was not changed:\n  " + "\n  ".join(shown))


def _broken_links(site: Path, site_url: str, written: frozenset[str]) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        page_url = "/" + page.relative_to(site).as_posix()
        for link in parser.links:
            if link in written:
                continue
            target = _internal_path(link, page_url, site_url)
            if target is not None and not _exists(site, target):
                problems.append(f"{page.relative_to(site)}: link to {link} finds no file")
    return problems


def _internal_path(link: str, page_url: str, site_url: str) -> str | None:
    """The site path a link points to, or None for other sites, mail and fragments."""
    if site_url and link.startswith(site_url + "/"):
        link = link[len(site_url):]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))


def _exists(site: Path, path: str) -> bool:
    relative = path.lstrip("/")
    if relative.startswith(".."):
        return False  # a link out of the site root can never resolve on a server
    candidate = site / relative
    return candidate.is_file() or (candidate / "index.html").is_file()


def _broken_feeds(site: Path) -> list[str]:
    problems = []
    for feed in sorted(p for p in site.rglob("*") if p.suffix in FEED_SUFFIXES and p.is_file()):
        try:
            ElementTree.parse(feed)
        except ElementTree.ParseError as err:
            problems.append(f"{feed.relative_to(site)}: not well-formed XML ({err})")
    return problems
