"""`notes lint --fix` edits the writer's own words only: never inside quotation marks, link text, code or names.

Two kinds of input, both run through the real command on files in a temporary
folder: fixtures generated here, with every fixable word placed once in the
writer's prose and once in each protected place; and, where it exists beside
this repository, a copy of both real corpora in ../shared/corpora/ (copied to
the test's temporary folder, never into the repository). Each edit the command
made is found by diffing the file before and after, and must lie outside every
protected span of the original, as the one Markdown parse finds them.
"""

from __future__ import annotations

import difflib
import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.lint.prose import extract
from tests.conftest import REPO

CORPORA = REPO.parent / "shared" / "corpora"
FIXABLE = ["utilise", "in order to", "can't", "&"]
PLACES = [
    "We {} it.",                                          # the writer's own words: fixed
    "A resident said “we {} it”.",                        # a quotation
    "The button says 'We {} it'.",                        # quoted interface text
    "Read [how teams {} it](https://example.gov.uk/x).",  # link text
    "Run `{}` now.",                                      # code
    "```\n{}\n```",                                       # a code block
    "{{{{ macro('{}') }}}}",                              # a template tag
]
NAME = "We met Marks & Spencer."  # a declared name, with an ampersand that stays


def fixture(word: str) -> str:
    places = [p.format(word) for p in PLACES] + [NAME]
    return "---\ntitle: Fixes\nsummary: Where fixes go.\n---\n" + "\n\n".join(places) + "\n"


def protected(text: str) -> list[tuple[int, int]]:
    doc_end = text.find("\n---", 3) + 5 if text.startswith("---") else 0
    prose = extract(text, doc_end if doc_end > 4 else 0, names=("Marks & Spencer",))
    parse = prose.parse
    return (prose.quoted + [(link.text_start, link.text_end) for link in parse.links]
            + parse.code + parse.templates + parse.html)


def edits(before: str, after: str) -> list[tuple[int, int]]:
    """Spans of `before` that --fix replaced: changed lines first, then the characters within them."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    spans = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        chars = difflib.SequenceMatcher(None, "".join(old[i1:i2]), "".join(new[j1:j2]), autojunk=False)
        spans += [(starts[i1] + a1, starts[i1] + max(a2, a1 + 1)) for o, a1, a2, _, _ in chars.get_opcodes() if o != "equal"]
    return spans


def unsafe_edits(before: str, after: str) -> list[str]:
    spans = protected(before)
    return [before[max(0, a - 20) : b + 20] for a, b in edits(before, after)
            if any(start < b and a < end for start, end in spans)]


def fix_folder(folder) -> None:
    result = CliRunner().invoke(cli, ["lint", "--fix", "--no-cache", str(folder)], prog_name="notes")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output


@pytest.mark.parametrize("word", FIXABLE)
def test_fix_changes_the_writers_words_and_nothing_protected(word, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.notes.lint]\nnames = ["Marks & Spencer"]\n')
    path = tmp_path / "note.md"
    before = fixture(word)
    path.write_text(before, encoding="utf-8")
    fix_folder(path)
    after = path.read_text(encoding="utf-8")
    assert after != before  # the writer's own "We … it." was fixed
    assert unsafe_edits(before, after) == []
    assert after.count(word) == before.count(word) - 1 and NAME in after


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not beside this repository")
def test_fix_over_a_copy_of_both_real_corpora_edits_nothing_protected(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "corpora"
    shutil.copytree(CORPORA, copy, ignore=shutil.ignore_patterns("README.md", "LICEN*"))
    originals = {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.md")}
    fix_folder(copy)
    changed = {p: p.read_text(encoding="utf-8") for p in originals if p.read_text(encoding="utf-8") != originals[p]}
    unsafe = {str(p.relative_to(copy)): unsafe_edits(originals[p], after) for p, after in changed.items()}
    assert len(changed) > 20  # it did fix the writers' own words
    assert {name: found for name, found in unsafe.items() if found} == {}
