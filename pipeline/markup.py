"""Markdown to safe HTML with the site's Python-Markdown settings (Pelican's MARKDOWN).

Every body and summary passes through the sanitiser (sanitise.py), so pages,
feeds and email, which all take their HTML from here, never carry script.
"""

from __future__ import annotations

from markdown import Markdown

from pipeline.sanitise import Sanitiser


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

    def block(self, text: str) -> str:
        self._md.reset()
        return self._sanitiser.clean(self._md.convert(text))

    def inline(self, text: str) -> str:
        """One paragraph of Markdown as phrasing content, for summaries inside a <p>."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html
