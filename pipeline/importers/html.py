"""HTML to Markdown with markdownify, as WordPress writes HTML.

Embedded media (iframes, video, audio, objects) cannot go into a note as HTML:
frames and plug-ins are lint errors (S102) and are stripped from pages. Each
becomes a link to what it showed, and is reported for attention.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdownify import ATX, BACKSLASH, MarkdownConverter

# Tags that open a block of their own, which wpautop leaves unwrapped.
BLOCK_START = re.compile(
    r"\s*<(?:p|h[1-6]|ul|ol|li|dl|div|blockquote|pre|table|figure|hr|iframe|video|audio|object|embed|form|section|!--)\b",
    re.IGNORECASE,
)
PRE = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)
EMBED_LABELS = {"video": "Video", "audio": "Audio"}  # iframes, objects and embeds are "Embedded content"


def autop(html: str) -> str:
    """Wrap blank-line-separated text in <p>, as WordPress's wpautop does on display.

    Classic-editor posts are stored without <p> tags; block-editor posts
    already have them, and are left alone. <pre> blocks keep their blank
    lines. Unlike wpautop, single newlines are not made <br>: they are
    whitespace, and the block editor writes the <br> tags it means.
    """
    if re.search(r"<p[\s>]", html, re.IGNORECASE):
        return html
    parts = []
    for piece in PRE.split(html):
        if PRE.fullmatch(piece):
            parts.append(piece)
            continue
        for block in re.split(r"\n\s*\n", piece):
            if block.strip():
                parts.append(block if BLOCK_START.match(block) else f"<p>{block.strip()}</p>")
    return "\n\n".join(parts)


class _Converter(MarkdownConverter):
    """markdownify with ATX headings and '-' bullets, turning embedded media into links."""

    def __init__(self, embedded: list[str]):
        # Line breaks as a backslash, so that trailing spaces mean nothing and can go.
        super().__init__(heading_style=ATX, bullets="-", newline_style=BACKSLASH)
        self.embedded = embedded

    def _embed(self, el, text, parent_tags):
        src = el.get("src") or el.get("data") or next((s.get("src") for s in el.find_all("source") if s.get("src")), "")
        if not src:
            return text
        self.embedded.append(src)
        host = urlsplit(src).hostname or "this site"
        return f"\n\n[{EMBED_LABELS.get(el.name, 'Embedded content')} from {host}]({src})\n\n"

    convert_iframe = convert_video = convert_audio = convert_object = convert_embed = _embed


def to_markdown(html: str) -> tuple[str, list[str]]:
    """Markdown for `html`, and the addresses of the embedded media it replaced with links."""
    embedded: list[str] = []
    markdown = _Converter(embedded).convert(html)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n", embedded
