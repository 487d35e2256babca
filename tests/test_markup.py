"""pipeline/markup.py: Python-Markdown with the site's settings, and unclosed tags read in linear time.

How long 24,000 unclosed tags take is proved by the adversarial case markdown-unclosed-tags-build (a
wall-clock bound); here, that the guard changes nothing Python-Markdown makes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from pipeline.markup import Renderer

MARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.toc": {}},
            "output_format": "html5"}
PIECES = ["<a ", "<div ", '<a x="', "<a x='", "<b>", "</b>", ">", "<", "text ", "\n", "\n\n", "<!-- ", "-->",
          "<p class=x>", "`", "    ", "[", "](", ")", "<br/>", "/>"]


def _samples() -> list[str]:
    rng = random.Random(20)
    return [
        "<a <a x\n",
        '<div class="note">\n<p>Kept as HTML</p>\n</div>\n',
        'Text with <b>bold</b> and <a href="/x">a link</a>.\n',
        '<a x="1"\n\n> a quote after an unclosed tag\n',
        "`<a` in code, then <a <a\n",
        *("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(400)),
    ]


def test_unclosed_tags_stay_text():
    html = Renderer(MARKDOWN, ()).markdown("<a " * 2000 + "\n")
    assert html == "<p>" + "&lt;a " * 2000 + "</p>"


@pytest.mark.parametrize("chunk", range(4))
def test_the_guard_changes_nothing_python_markdown_makes(chunk):
    """The same HTML as Python-Markdown without the guard (a process that never imports pipeline.markup)."""
    samples = _samples()[chunk::4]
    plain = subprocess.run(
        [sys.executable, "-c", "import json, sys, markdown\n"
         f"settings = {MARKDOWN!r}\n"
         "md = markdown.Markdown(extensions=list(settings['extension_configs']), output_format='html5')\n"
         "print(json.dumps([md.reset().convert(text) for text in json.load(sys.stdin)]))"],
        input=json.dumps(samples), capture_output=True, text=True, check=True)
    renderer = Renderer(MARKDOWN, ())
    assert [renderer.markdown(text) for text in samples] == json.loads(plain.stdout)
