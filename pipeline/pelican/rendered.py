"""Every note's Markdown rendered once: on every core, and kept between builds by content.

Rendering Markdown is most of the work of reading a site. `notes build`
renders all of it before Pelican starts (`prerender`), split over the cores,
and the reader and generators then look the HTML up here. What Python-Markdown
made is kept in `.notes-cache/html.marshal`, keyed by a hash of each text,
so that a rebuild renders only the texts that changed. The file is verified
before use and keyed by the Markdown settings and the libraries' versions
(pipeline/cache.py). The HTML is sanitised every time it is used, from the
cache or not, so a cache can never put into a page what the sanitiser would
have taken out.

We keep our own cache rather than Pelican's content cache (CACHE_CONTENT):
Pelican keys it by file alone, but a weeknote's title comes from its team's
file, and the metadata it would store holds Author objects that carry the
whole settings, and with them the whole loaded site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pipeline import cache
from pipeline.parallel import map_shares
from pipeline.markup import Renderer, inline_of

FILE = "html.marshal"
BLOCK, INLINE = "block", "inline"


class RenderedHtml:
    """A renderer (block, inline) that answers from texts rendered earlier."""

    def __init__(self, markdown: dict, embeds: tuple[str, ...], root: Path | None):
        self._markdown, self._embeds = markdown, embeds
        self.options = (markdown, embeds)
        self._renderer = Renderer(self._markdown, self._embeds)
        self._fingerprint = cache.fingerprint({"markdown": self._markdown})
        self._path = root / cache.FOLDER / FILE if root else None
        self._stored = cache.load_entries(self._path, self._fingerprint)  # key -> what Markdown made
        self._used: dict[str, str] = {}  # the entries this build used, kept for the next
        self._clean: dict[str, str] = {}  # key -> the sanitised HTML, for this process
        self.rendered = 0

    @classmethod
    def for_project(cls, project) -> RenderedHtml:
        """The renderer for `project`: its MARKDOWN settings and [tool.notes.lint] allowed_embeds."""
        return cls(*cls.options_of(project), project.root)

    @staticmethod
    def options_of(project) -> tuple[dict, tuple[str, ...]]:
        return project.settings.get("MARKDOWN", {}), tuple(project.config.section("lint")["allowed_embeds"])

    def block(self, text: str) -> str:
        return self._get(BLOCK, text)

    def inline(self, text: str) -> str:
        return self._get(INLINE, text)

    def prerender(self, texts: Iterable[tuple[str, str]]) -> int:
        """Render and sanitise every (kind, text), on every core; return how many Markdown rendered anew."""
        wanted: dict[str, tuple[str, str, str | None]] = {}
        for kind, text in texts:
            key = _key(kind, text)
            if key not in self._clean and key not in wanted:
                wanted[key] = (kind, text, self._used.get(key) or self._stored.get(key))
        results = map_shares(_render_share, list(wanted.values()), self._markdown, self._embeds)
        fresh = 0
        for key, (kind, _, known), (markdown, clean) in zip(wanted, wanted.values(), results, strict=True):
            self._used[key], self._clean[key] = known if markdown is None else markdown, clean
            fresh += known is None
        self.rendered += fresh
        return fresh

    def save(self) -> None:
        """Keep what this build used, and nothing older, for the next build."""
        cache.save_entries(self._path, self._fingerprint, self._used)

    def _get(self, kind: str, text: str) -> str:
        key = _key(kind, text)
        clean = self._clean.get(key)
        if clean is None:
            known = self._used.get(key) or self._stored.get(key)
            markdown, clean = _render(self._renderer, kind, text, known)
            self.rendered += known is None
            self._used[key], self._clean[key] = markdown, clean
        return clean


def _key(kind: str, text: str) -> str:
    return hashlib.blake2b(f"{kind}\0{text}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _render(renderer: Renderer, kind: str, text: str, known: str | None) -> tuple[str, str]:
    """What Markdown makes of `text` (`known` if rendered before), and that HTML sanitised."""
    markdown = known if isinstance(known, str) else renderer.markdown(text)
    clean = renderer.clean(markdown)
    return markdown, inline_of(clean) if kind == INLINE else clean


def _render_share(texts: list[tuple[str, str, str | None]], markdown: dict,
                  embeds: tuple[str, ...]) -> list[tuple[str | None, str]]:
    """What Markdown made of each text (None where it was `known`: it need not travel back) and its clean HTML."""
    renderer = Renderer(markdown, embeds)
    results = []
    for kind, text, known in texts:
        made, clean = _render(renderer, kind, text, known)
        results.append((None if made is known else made, clean))
    return results


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
