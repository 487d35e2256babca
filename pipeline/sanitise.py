"""Rendered Markdown cleaned to an allow-list of HTML before it reaches pages or feeds.

Markdown lets a writer paste raw HTML. The S1 lint rules report script,
frames, plug-ins, event handlers and javascript:/data: URLs as errors, but
a page or feed must be safe even when lint is bypassed (`pelican` run by
hand, an error level lowered in config), so the reader cleans every body and
summary here too.

We use nh3 (Python bindings to the Rust `ammonia` sanitiser) rather than
bleach, which is deprecated, or our own html.parser walk: ammonia parses with
html5ever, the same HTML5 algorithm as browsers, so mis-nested or broken
markup cannot parse one way here and another way in a browser.
"""

from __future__ import annotations

from collections.abc import Iterable

import nh3

# What Python-Markdown with `extra` and `toc` produces, and nothing that runs.
TAGS = nh3.ALLOWED_TAGS | {"tfoot"}
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},  # toc anchors, footnotes, code highlighting
    "a": {"href", "hreflang", "rel"},  # footnote back-references carry rel
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # never javascript: or data:
EMBED_TAG = "iframe"
EMBED_ATTRIBUTES = {"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"}


def allowed_embed(url: str, prefixes: Iterable[str]) -> bool:
    """True when `url` starts with one of the configured https prefixes (case-insensitive scheme and host)."""
    lowered = url.strip().lower()
    return any(lowered.startswith(prefix.lower()) for prefix in prefixes if prefix.lower().startswith("https://"))


class Sanitiser:
    """Cleans HTML fragments; `embeds` are URL prefixes whose <iframe>s may stay."""

    def __init__(self, embeds: Iterable[str] = ()):
        self.embeds = tuple(embeds)
        self._tags = TAGS | ({EMBED_TAG} if self.embeds else set())
        self._attributes = dict(ATTRIBUTES, **({EMBED_TAG: EMBED_ATTRIBUTES} if self.embeds else {}))

    def _filter(self, element: str, attribute: str, value: str) -> str | None:
        # An iframe whose address is not on the allow-list loses its src, which leaves an empty, inert frame.
        if element == EMBED_TAG and attribute == "src" and not allowed_embed(value, self.embeds):
            return None
        return value

    def clean(self, html: str) -> str:
        return nh3.clean(
            html,
            tags=self._tags,
            clean_content_tags={"script", "style"},  # drop what is inside, not only the tags
            attributes=self._attributes,
            attribute_filter=self._filter,
            url_schemes=URL_SCHEMES,
            link_rel=None,  # keep links as written; rel on external links is the theme's choice
            strip_comments=True,
        )
