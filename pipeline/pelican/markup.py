"""Markdown to safe HTML with the site's Python-Markdown settings (Pelican's MARKDOWN).

Every body and summary passes through the sanitiser (sanitise.py), so pages
and feeds, which both take their HTML from the reader, never carry script.
"""

from __future__ import annotations

from markdown import Markdown

from pipeline.pelican.sanitise import Sanitiser


def allowed_embeds(settings: dict) -> tuple[str, ...]:
    """[tool.notes.lint] allowed_embeds: the same list the S101 lint rule reads."""
    config = settings.get("NOTES_CONFIG")
    return tuple(config.section("lint")["allowed_embeds"]) if config is not None else ()


def renderer_for(settings: dict):
    """The build's shared, cached renderer (rendered.py) when `notes build` made one, else a plain one."""
    return settings.get("NOTES_RENDERED") or Renderer(settings.get("MARKDOWN", {}), allowed_embeds(settings))


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
