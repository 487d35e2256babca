"""The bad-input corpus: every case in tests/bad_input/ gives its exact exit code and output.

Each case is a folder with a `case.toml`:

    description   what is wrong
    command       the notes command, run in the case's site, like ["lint"]
    exit          the exit code expected
    output        every line notes prints (stdout and stderr), exactly
    [files]       path (from the site root) = text, laid over the base site below
    [encoded]     path = { text, encoding }: files saved as UTF-16, Latin-1...
    [generate]    path = { megabytes = N } or { lines = N }: big notes made at test
                  time, not committed
    [symlinks]    path = target, where target is in [outside]: beside the site, not in it
    [outside]     path = text, files outside the site folder
    keep_settings = false    start without pelicanconf.py (the case gives its own)

After a deliberate change of messages, rewrite every case's exit and output
with `NOTES_UPDATE_BAD_INPUT=1 pytest tests/test_bad_input.py`, and review the diff.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import make_site, run_in, write

CORPUS = Path(__file__).parent / "bad_input"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.toml").is_file())

# A small, correct site: authors, a team and one weeknote. Cases add to it or break it.
BASE = {
    "authors/jane-doe.md": "---\nname: Jane Doe\n---\nJane leads digital work.\n",
    "authors/sam-lee.md": "---\nname: Sam Lee\n---\nSam runs the data platform.\n",
    "teams/data-platform.md": (
        "---\nname: Data platform\ncadence: weekly\ndue: friday\nsince: 2026-11-16\nmembers: [sam-lee]\n---\nData.\n"
    ),
    "weeknotes/data-platform/2026-W47.md": (
        "---\ndate: 2026-11-20\nauthors: [sam-lee]\nsummary: Done.\n---\n## What went well\n\nIt worked.\n"
    ),
}
# Big notes are made here, at test time: committing 20 MB to the repository would cost every clone.
BIG_LINE = "We met on Tuesday and agreed the plan.\n"
BIG_HEADER = "---\ntitle: A long note\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: Long.\n---\n"


def generated(spec: dict) -> str:
    if "megabytes" in spec:
        return BIG_HEADER + BIG_LINE * (spec["megabytes"] * 1024 * 1024 // len(BIG_LINE) + 1)
    return BIG_HEADER + BIG_LINE * spec["lines"]


def lay_out(case: dict, tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site", BASE)
    if case.get("keep_settings", True) is False:
        (site / "pelicanconf.py").unlink()
    for relative, text in case.get("files", {}).items():
        write(site / relative, text)
    for relative, spec in case.get("encoded", {}).items():
        write(site / relative, spec["text"].encode(spec["encoding"]))
    for relative, spec in case.get("generate", {}).items():
        write(site / relative, generated(spec))
    for relative, text in case.get("outside", {}).items():
        write(tmp_path / relative, text)
    for relative, target in case.get("symlinks", {}).items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).symlink_to(tmp_path / target)
    return site


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    path = CORPUS / name / "case.toml"
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    site = lay_out(case, tmp_path)
    result = run_in(site, *case["command"])
    # Config errors name pyproject.toml by its absolute path, which is the test's own temporary folder.
    output = result.output.replace(f"{site.resolve()}/", "")
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if os.environ.get("NOTES_UPDATE_BAD_INPUT"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^exit = -?\d+$", f"exit = {result.exit_code}", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^output = '''\n.*?'''$", lambda m: f"output = '''\n{output}'''", text, count=1,
                      flags=re.MULTILINE | re.DOTALL)
        path.write_text(text, encoding="utf-8")
        return
    assert (result.exit_code, output) == (case["exit"], case["output"])


def test_the_corpus_covers_the_issue():
    assert len(CASES) >= 40
