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


@pytest.mark.parametrize(
    "markdown",
    [
        "A resident told us “we can't utilise the new form”.\n",
        "The button says 'Leverage your account'.\n",
        "We read the guidance [Leverage Open Data: A Guide for Councils](https://example.gov.uk/x).\n",
        "[Why We Can't Stop Talking About Empowering Teams](https://example.gov.uk/talk)\n",
        "We wrote to HM Revenue & Customs.\n",
        "The phrases ‘going forward’ and ‘touch base’ are jargon.\n",
    ],
)
def test_someone_elses_words_are_left_alone(markdown):
    assert findings(markdown) == []


def test_declared_names_are_left_alone():
    text = "The Empowerment Hub & Leverage Lab opened.\n"
    assert findings(text, {"names": ("Empowerment Hub & Leverage Lab",)}) == []
    assert findings(text) != []


def test_the_sites_teams_authors_and_tags_are_names(tmp_path):
    from pipeline.content.loader import load_site
    from pipeline.lint.run import with_site
    from tests.conftest import make_site

    class Project:  # what with_site reads of a project: its site and its settings
        site = load_site(make_site(tmp_path / "site") / "content")
        settings = {"DEFAULT_LANG": "en-GB"}

    options = with_site({"names": ("Marks & Spencer",)}, Project)
    assert "Marks & Spencer" in options["names"] and "Jane Doe" in options["names"]
    assert {team.name for team in Project.site.teams.values()} <= set(options["names"])
    assert options["lang"] == "en-GB"


def test_a_welsh_note_gets_no_english_language_rules():
    english = "---\ntitle: Ein cynllun\nsummary: Beth wnaethom ni.\n---\nWe will utilise it & deliver improvements!\n\n![](x.png)\n"
    welsh = english.replace("---\ntitle", "---\nlang: cy\ntitle", 1)
    assert {f.split()[1] for f in findings(english)} >= {"T101", "T403", "T406", "T507"}
    assert [f.split()[1] for f in findings(welsh)] == ["T507"]
    assert [f.split()[1] for f in findings(english, {"lang": "cy"})] == ["T507"]  # the site's DEFAULT_LANG


def test_lang_is_a_front_matter_field_with_a_language_tag(tmp_path):
    from pipeline.content.loader import load_site
    from tests.conftest import make_site

    post = "---\ntitle: Ein cynllun\ndate: 2026-11-02\nauthors: [jane-doe]\nsummary: Beth wnaethom ni.\nlang: {}\n---\nCorff.\n"
    site = make_site(tmp_path / "site", {**{}, "authors/jane-doe.md": "---\nname: Jane Doe\n---\nBio.\n",
                                         "posts/2026-11-02-cynllun.md": post.format("cy")})
    assert load_site(site / "content").findings == []
    (site / "content/posts/2026-11-02-cynllun.md").write_text(post.format("Welsh please"), encoding="utf-8")
    assert [str(f) for f in load_site(site / "content").findings] == [
        f"{site / 'content/posts/2026-11-02-cynllun.md'}:6:7: M105 'lang' must be a language tag like cy or en-GB; "
        "got 'Welsh please'"]
