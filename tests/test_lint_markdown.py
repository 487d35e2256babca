"""What lint calls code, raw HTML, a link, an image or prose is what the page renders as such.

The page is rendered by Python-Markdown with the site's settings (pelicanconf.py
MARKDOWN: `extra` and `toc`); lint reads the one parse in pipeline/lint/markdown.py
(markdown-it-py). Both read the same inputs here: hand-written cases of every
construct where two Markdown parsers could disagree, and, where it exists
(`../shared/corpora/`, never copied into this repository), about 270 real notes
by UK government teams. Python-Markdown's raw HTML is kept apart (its stash), so
Markdown's own code, links and images are compared with lint's, and the links
and images written in raw HTML with the ones lint finds there.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from pipeline.lint.markdown import BLOCK_LEVEL, Parse, parse
from pipeline.lint.prose import extract
from pipeline.lint.templates import markdown_source
from tests.conftest import REPO

CORPORA = REPO.parent / "shared" / "corpora"
WORD = re.compile(r"[A-Za-z]+")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")  # web and email addresses
PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")  # where Python-Markdown put back raw HTML

CASES = {
    "fences and spans": "Run `make test`.\n\n```python\nutilise = 1\n```\n\n~~~\nplain\n~~~\n\nText ``a ` b`` end.\n",
    "indented code": "Para.\n\n    indented code\n    more\n\nAfter.\n",
    "unclosed backtick": "If the user selects ‘Start with a blank template` they go on.\n",
    "links": "[Text](https://a.example/x \"title\") and <https://b.example/> and [ref][r] and [r].\n\n"
             "[r]: https://c.example/\n",
    "linked image": "[![A chart of visits](chart.png)](https://d.example/page)\n",
    "nested brackets": "[a [nested] label](https://e.example/) and [not a link] and ![alt [x]](f.png)\n",
    "raw HTML across blank lines": "<div class=\"card\">\n\nInside [a link](https://g.example/).\n\n</div>\n\nAfter it.\n",
    "inline HTML": "Some <b>bold</b> text and an <a href=\"/h\">HTML link</a> here.\n\n<img src=\"i.png\" alt=\"\">\n",
    "HTML comment": "<!-- a comment\n\nover lines -->\n\nProse after.\n",
    "table": "| Name | Value |\n| --- | --- |\n| `code` | [link](https://j.example/) |\n",
    "list with code": "- one `x`\n- two\n\n    code after a list\n\n1. first\n2. second\n",
    "block quote": "> Quoted words with [a link](https://k.example/).\n\nMine.\n",
    "escapes and entities": "Not \\*emphasis\\* and &amp; and &#8212; here, \\`not code\\`.\n",
    "emphasis": "Some *em*, **strong** and _under_ and snake_case_name.\n",
    "headings": "# One\n\nSetext two\n----------\n\n### Three ###\n",
    "void block tag": "<hr class=\"rule\">\n\nText after the rule.\n",
    "unclosed block tag": "Before.\n\n<section>\n\nEverything after an unclosed section is raw.\n",
    "indented tag is code": "Para.\n\n    <div>not html</div>\n",
    "Markdown inside HTML": "<div markdown=\"1\">\n\nInside *Markdown* with [a link](https://x.example/).\n\n</div>\n",
    "fence in a list item": "* item\n\n    ```\n    code in item\n    ```\n",
    "list after a line": "Intro line\n- not a list to Python-Markdown\n- second\n",
    "code in a list": "1. Step one\n\n        indented code in a list\n",
    "targets as written": "[A post]({filename}posts/x.md), ![A chart]({static}/images/ü.png), "
                          "[a page](https://x.example/a%20b) and [a bad one](javascript:alert(1)).\n",
}


class Rendered(HTMLParser):
    """What Python-Markdown made from Markdown itself: code, links, images and prose words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.code, self.links, self.images, self.words = [], [], [], []
        self._code: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "code":
            self._code = []
        elif tag == "a" and attributes.get("href") and not attributes["href"].startswith("#"):
            self.links.append(attributes["href"])
        elif tag == "img":
            self.images.append(attributes.get("src") or "")

    def handle_endtag(self, tag):
        if tag == "code" and self._code is not None:
            self.code.append(" ".join("".join(self._code).split()))
            self._code = None

    def handle_data(self, data):
        if self._code is not None:
            self._code.append(data)
        else:
            # Web addresses are not prose to lint either (T501 reads them apart).
            self.words += WORD.findall(URL.sub(" ", PLACEHOLDER.sub(" ", data)))


def python_markdown(source: str) -> tuple[Rendered, list[str]]:
    """What the page shows from Markdown, and the raw HTML the writer wrote, kept apart."""
    settings = {}
    exec((REPO / "pelicanconf.py").read_text(encoding="utf-8"), settings)
    configs = settings["MARKDOWN"]["extension_configs"]
    md = markdown.Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")
    md.postprocessors.deregister("raw_html")  # leave raw HTML as placeholders; read it from the stash
    # Fenced code is rendered into the same stash, before raw HTML is read: note which entries it made.
    fences = md.preprocessors["fenced_code_block"]
    fenced: set[int] = set()

    def run_fences(lines, run=fences.run):
        before = len(md.htmlStash.rawHtmlBlocks)
        lines = run(lines)
        fenced.update(range(before, len(md.htmlStash.rawHtmlBlocks)))
        return lines

    fences.run = run_fences
    rendered = Rendered()
    rendered.feed(md.convert(source))
    stash = [str(block) for block in md.htmlStash.rawHtmlBlocks]
    for index in sorted(fenced):
        rendered.feed(stash[index])
    return rendered, [block for index, block in enumerate(stash) if index not in fenced]


def code_of(parsed: Parse, source: str) -> list[str]:
    found = []
    for start, end in parsed.code:
        text = source[start:end]
        span = None if re.match(r" {0,3}(`{3,}|~{3,})[^\n]*\n", text) else re.fullmatch(r"(`+)(.*?)\1", text, re.DOTALL)
        if span:
            found.append(" ".join(span.group(2).split()))
            continue
        lines = text.split("\n")
        if re.match(r"\s*(`{3,}|~{3,})", lines[0]):
            lines = lines[1:-1] if re.match(r"\s*(`{3,}|~{3,})", lines[-1]) else lines[1:]
        else:
            lines = [line[4:] for line in lines]
        found.append(" ".join("\n".join(lines).split()))
    return found


def raw_html_targets(stash: list[str]) -> tuple[list[str], list[str]]:
    raw = Rendered()
    for block in stash:
        raw.feed(block)
    return raw.links, raw.images


def compare(text: str, body_offset: int = 0) -> dict[str, tuple[Counter, Counter]]:
    """Each kind of thing as (lint's, Python-Markdown's); the parse reads the text with template tags blanked."""
    parsed = parse(text, body_offset)
    source = markdown_source(text, body_offset, parsed.templates).replace("\ue000", " ")
    rendered, stash = python_markdown(source)
    html_links, html_images = raw_html_targets(stash)
    prose = extract(text, body_offset, block_quotes=True)
    ours_words = WORD.findall(prose.masked)  # every word lint reads as prose
    return {
        "code": (Counter(code_of(parsed, source)), Counter(rendered.code)),
        "links": (Counter(l.target for l in parsed.links if not l.html and not l.target.startswith("#")),
                  Counter(rendered.links)),
        "images": (Counter(i.src for i in parsed.images if not i.html), Counter(rendered.images)),
        "raw HTML links": (Counter(l.target for l in parsed.links if l.html and not l.target.startswith("#")),
                           Counter(html_links)),
        "raw HTML images": (Counter(i.src for i in parsed.images if i.html), Counter(html_images)),
        "prose words": (Counter(ours_words), Counter(rendered.words)),
    }


@pytest.mark.parametrize("name", CASES)
def test_lint_reads_markdown_as_the_page_renders_it(name):
    for kind, (ours, theirs) in compare(CASES[name]).items():
        assert ours == theirs, f"{kind}: lint only {ours - theirs}, page only {theirs - ours}"


def corpus_files() -> list[Path]:
    return sorted(CORPORA.rglob("*.md")) if CORPORA.is_dir() else []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not beside this repository")
def test_real_notes_are_read_as_the_page_renders_them():
    """Code, links and images agree on every file; prose words on every file but a handful, each explained."""
    disagreements = {}
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        body = 0
        if text.startswith("---"):
            end = text.find("\n---", 3)
            body = text.find("\n", end + 1) + 1 if end > 0 else 0
        for kind, (ours, theirs) in compare(text, body).items():
            if ours != theirs:
                disagreements[(path.name if path.name != "index.md" else path.parent.name, kind)] = (
                    ours - theirs, theirs - ours)
    assert len(corpus_files()) > 250
    assert disagreements == {}


def test_block_level_tags_are_python_markdowns():
    assert BLOCK_LEVEL == frozenset(markdown.Markdown().block_level_elements)
