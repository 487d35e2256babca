"""The build's Markdown renderer, made from Pelican's MARKDOWN setting and [tool.notes.lint] allowed_embeds.

The renderer itself (pipeline/markup.py) knows nothing of Pelican, so that
`notes email` renders summaries as the site does without loading Pelican.
"""

from __future__ import annotations

from pipeline.markup import Renderer


def allowed_embeds(settings: dict) -> tuple[str, ...]:
    """[tool.notes.lint] allowed_embeds: the same list the S101 lint rule reads."""
    config = settings.get("NOTES_CONFIG")
    return tuple(config.section("lint")["allowed_embeds"]) if config is not None else ()


def renderer_for(settings: dict):
    """The build's shared, cached renderer (rendered.py) when `notes build` made one, else a plain one."""
    return settings.get("NOTES_RENDERED") or Renderer(settings.get("MARKDOWN", {}), allowed_embeds(settings))
