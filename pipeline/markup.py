"""Markdown to safe HTML with the site's Python-Markdown settings (Pelican's MARKDOWN).

Every body and summary passes through the sanitiser (sanitise.py), so pages,
feeds and email, which all take their HTML from here, never carry script.
Rendering and sanitising are two steps, so that the build's HTML cache
(pipeline/pelican/rendered.py) keeps what Markdown made and sanitises it
each time it is used.
"""

from __future__ import annotations

from markdown import Markdown

from pipeline.sanitise import Sanitiser


def inline_of(html: str) -> str:
    """One paragraph of HTML as phrasing content, for summaries inside a <p>."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


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
