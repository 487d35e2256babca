"""Markdown to safe HTML with the site's Python-Markdown settings (Pelican's MARKDOWN).

Every body and summary passes through the sanitiser (sanitise.py), so pages,
feeds and email, which all take their HTML from here, never carry script.
Rendering and sanitising are two steps, so that the build's HTML cache
(pipeline/pelican/rendered.py) keeps what Markdown made and sanitises it
each time it is used.

Python-Markdown finds raw HTML with its own copy of the standard library's
html.parser, whose start-tag pattern (before CPython 3.11.13, gh-135462)
reads every `<a` after an unclosed `<a` as one more attribute, to the end of
the text, and does so again from the next `<`: 24,000 unclosed tags (72 KB)
took 86 s to render. `_start_tags_end_somewhere` makes that linear.
"""

from __future__ import annotations

from markdown import Markdown
from markdown import htmlparser as _markdown_html

from pipeline.sanitise import Sanitiser


def inline_of(html: str) -> str:
    """One paragraph of HTML as phrasing content, for summaries inside a <p>."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def _start_tags_end_somewhere(parser_class) -> None:
    """Answer "incomplete" at once for a start tag with no `>` anywhere after it, as the stdlib's pattern
    would after reading to the end; Python-Markdown then keeps the `<` as text, as it did. Where a `>`
    follows, the stdlib decides as before. The last `>` is found once for each text the parser holds."""
    whole_start_tag = parser_class.check_for_whole_start_tag

    def closes_after(self, i: int) -> bool:
        rawdata = self.rawdata
        if self.__dict__.get("_last_close_of") is not rawdata:
            self._last_close_of, self._last_close = rawdata, rawdata.rfind(">")
        return i < self._last_close

    def check_for_whole_start_tag(self, i: int) -> int:
        return whole_start_tag(self, i) if closes_after(self, i) else -1

    parser_class.check_for_whole_start_tag = check_for_whole_start_tag


_start_tags_end_somewhere(_markdown_html.htmlparser.HTMLParser)  # Python-Markdown's own copy, no one else's


class Renderer:
    """One Markdown instance per reader or generator, reset between documents."""

    def __init__(self, markdown: dict, embeds: tuple[str, ...]):
        extension_configs = markdown.get("extension_configs", {})
        self._md = Markdown(
            extensions=list(dict.fromkeys([*markdown.get("extensions", []), *extension_configs])),
            extension_configs=extension_configs,
            output_format=markdown.get("output_format", "html5"),
        )
        self._sanitiser = Sanitiser(embeds)

    def markdown(self, text: str) -> str:
        """What Python-Markdown makes of `text`, not yet sanitised."""
        self._md.reset()
        return self._md.convert(text)

    def clean(self, html: str) -> str:
        return self._sanitiser.clean(html)

    def block(self, text: str) -> str:
        return self.clean(self.markdown(text))

    def inline(self, text: str) -> str:
        """One paragraph of Markdown as phrasing content, for summaries inside a <p>."""
        return inline_of(self.block(text))
