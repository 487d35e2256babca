"""Every reach into Pelican's private attributes, in one place, pinned to the versions it was tested with.

notes extends Pelican through its signals and documented classes. Two things
Pelican offers no public way to do, and this module does them:

- its writer remembers which files a page overrode (`Writer._overridden_files`),
  so that a later page at the same place is not written over it; our writer
  renders pages later (writer.py) and must skip the same pages;
- an article's HTML is fixed when it is read (`Content._content`), and what
  `Content.get_content` makes of it is kept for the life of the process, for
  every article of every build (`pelican.utils.memoized`); `notes serve` puts
  an edited note's new HTML into the article it keeps, and forgets the old
  articles' before each whole build.

`TESTED` names the Pelican releases (major.minor) these were read against:
tests/test_pelican_private.py fails on any other, so that someone reads
Pelican's writers.py and contents.py again before the version pin moves.
"""

from __future__ import annotations

TESTED = ("4.12",)


def overridden(writer, path: str) -> bool:
    """Whether Pelican's `writer` has written a page at `path` that later pages must not replace."""
    return path in writer._overridden_files


def set_content(article, html: str) -> None:
    """Give a Pelican article (a Content) new HTML, as its reader would have given it."""
    article._content = html
    memo = article.get_content.cache  # keyed by (content, siteurl)
    for key in [key for key in memo if key[0] is article]:
        del memo[key]


def forget_contents() -> None:
    """Drop the HTML Pelican keeps for every article read in this process, with the articles themselves."""
    from pelican.contents import Content

    for method in (Content.get_content, Content.get_summary):
        method.cache.clear()
