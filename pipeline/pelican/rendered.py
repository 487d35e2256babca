"""Every note's Markdown rendered once: on every core, and kept between builds by content.

Rendering Markdown is most of the work of reading a site. `notes build`
renders all of it before Pelican starts (`prerender`), split over the cores,
and the reader and generators then look the HTML up here. The results are
kept in `.notes-cache/html.marshal`, keyed by a hash of each text, so that
a rebuild renders only the texts that changed. The file is invalidated as a
whole when the Markdown settings, the allowed embeds or notes' own code change.

We keep our own cache rather than Pelican's content cache (CACHE_CONTENT):
Pelican keys it by file alone, but a weeknote's title comes from its team's
file, and the metadata it would store holds Author objects that carry the
whole settings, and with them the whole loaded site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pipeline.lint.cache import FOLDER, fingerprint, load_entries, save_entries
from pipeline.parallel import map_shares
from pipeline.markup import Renderer

FILE = "html.marshal"
BLOCK, INLINE = "block", "inline"


class RenderedHtml:
    """A renderer (block, inline) that answers from texts rendered earlier."""

    def __init__(self, markdown: dict, embeds: tuple[str, ...], root: Path | None):
        self._markdown, self._embeds = markdown, embeds
        self._renderer = Renderer(self._markdown, self._embeds)
        self._fingerprint = fingerprint({"markdown": self._markdown, "embeds": self._embeds})
        self._path = root / FOLDER / FILE if root else None
        self._old = self._load()
        self._new: dict[str, str] = {}
        self.rendered = 0

    def block(self, text: str) -> str:
        return self._get(BLOCK, text)

    def inline(self, text: str) -> str:
        return self._get(INLINE, text)

    def prerender(self, texts: Iterable[tuple[str, str]]) -> int:
        """Render every (kind, text) not rendered before, on every core; return how many were new."""
        misses: dict[str, tuple[str, str]] = {}
        for kind, text in texts:
            key = _key(kind, text)
            if key in self._new:
                continue
            if key in self._old:
                self._new[key] = self._old[key]
            else:
                misses[key] = (kind, text)
        html = map_shares(_render_share, list(misses.values()), self._markdown, self._embeds)
        self._new.update(zip(misses, html, strict=True))
        self.rendered += len(misses)
        return len(misses)

    def save(self) -> None:
        """Keep what this build used, and nothing older, for the next build."""
        if self._path is not None:
            save_entries(self._path, self._fingerprint, self._new)

    def _get(self, kind: str, text: str) -> str:
        key = _key(kind, text)
        html = self._new.get(key) or self._old.get(key)
        if html is None:
            html = self._renderer.inline(text) if kind == INLINE else self._renderer.block(text)
            self.rendered += 1
        self._new[key] = html
        return html

    def _load(self) -> dict[str, str]:
        return load_entries(self._path, self._fingerprint) if self._path is not None else {}


def _key(kind: str, text: str) -> str:
    return hashlib.blake2b(f"{kind}\0{text}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _render_share(texts: list[tuple[str, str]], markdown: dict, embeds: tuple[str, ...]) -> list[str]:
    renderer = Renderer(markdown, embeds)
    return [renderer.inline(text) if kind == INLINE else renderer.block(text) for kind, text in texts]


def texts_of(site) -> Iterable[tuple[str, str]]:
    """Everything the reader and the generators render: bodies, summaries, bios and team descriptions."""
    for note in site.notes:
        yield BLOCK, note.body
        if note.summary:
            yield INLINE, note.summary
    for author in site.authors.values():
        yield BLOCK, author.bio
    for team in site.teams.values():
        yield BLOCK, team.description
