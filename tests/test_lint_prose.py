"""Markdown-aware extraction: only prose is checked, at its exact line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content.frontmatter import parse
from pipeline.lint.engine import Target, lint_target
from pipeline.lint.prose import extract


def findings(text: str, options: dict | None = None) -> list[str]:
    doc = parse(text, Path("p.md"), "p.md") if text.startswith("---") else None
    return [f"{f.line}:{f.col} {f.code}" for f in lint_target(Target("p.md", text, "post", (), doc), options or {})]


@pytest.mark.parametrize(
    "markdown",
    [
        "```\nWe utilise this.\n```\n",
        "~~~python\nutilise = 1\n~~~\n",
        "Para.\n\n    We utilise indented code.\n",
        "Run `utilise` now.\n",
        "<!-- We utilise comments. -->\n",
        "<div>\nWe utilise raw HTML.\n</div>\n",
        "> We utilise quotes.\n",
        "[Apply](https://example.gov.uk/utilise-this)\n",
        "<https://example.gov.uk/utilise>\n",
        "![A chart of visits](utilise.png)\n",
        "[ref]: https://example.gov.uk/utilise\n",
        "| a | b |\n|---|---|\n| `utilise` | x |\n",
    ],
)
def test_never_flags_code_urls_html_or_quotes(markdown):
    assert [f for f in findings(markdown) if f.endswith("T101")] == []


def test_link_text_is_checked_but_its_target_is_not():
    assert findings("See [how we utilise data](https://example.gov.uk/utilise).\n") == ["1:13 T101"]


def test_block_quotes_can_be_included():
    assert findings("> We utilise quotes.\n", {"block_quotes": True}) == ["1:6 T101"]


def test_positions_count_front_matter_and_characters_not_bytes():
    text = "---\ntitle: Café opening\nsummary: >\n  We will\n  utilise it.\n---\nÉté, we utilise it.\n\n- item: leverage\n"
    assert findings(text) == ["5:3 T101", "7:9 T101", "9:9 T101"]


def test_title_and_summary_are_prose_with_their_own_positions():
    text = "---\ntitle: 'Going forward, we will change'\nsummary: \"We utilise it.\"\n---\nBody.\n"
    assert findings(text) == ["2:9 T102", "3:14 T101"]


def test_masked_text_keeps_every_offset():
    text = "# Title\n\nSome `code` and [a link](http://x.y) here.\n"
    prose = extract(text)
    assert len(prose.masked) == len(text)
    assert prose.masked.splitlines() == ["  Title", "", "Some        and  a link              here."]
    assert [(b.kind, prose.block_text(b)) for b in prose.blocks] == [
        ("heading", "Title"), ("paragraph", "Some        and  a link              here."),
    ]


def test_sentences_do_not_cross_list_items_or_headings():
    words = " ".join(["word"] * 15)
    text = f"- {words}\n- {words}\n\n## {words}\n{words}.\n"
    assert findings(text) == []
