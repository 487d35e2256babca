"""`notes lint` end to end: formats, standard input, fixes, levels, cache and parallel runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.lint import run as lint_run
from pipeline.lint.cache import Cache
from pipeline.project import lint_options, open_project
from tests.conftest import REPO, write

DRAFT = "---\ntitle: Our plan\nsummary: What we will do.\n---\nWe will utilise the data in order to help.\nYou can't apply by post & email!\n"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="notes")


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "draft.md", DRAFT)


def test_text_output(draft):
    result = run("lint", "draft.md")
    assert result.exit_code == 0
    assert result.output == (
        "draft.md:5:9: T101 'utilise' is a word to avoid in GOV.UK style: write 'use' (warning)\n"
        "draft.md:5:26: T303 'in order to' is a wordy or defensive phrase: write 'to' (warning)\n"
        "draft.md:6:5: T404 'can't': write 'cannot' (warning)\n"
        "draft.md:6:25: T403 '&' in prose: write 'and' (warning)\n"
        "draft.md:6:32: T406 exclamation mark: end the sentence with a full stop (warning)\n"
        "Checked 1 file: 5 warnings in 1 file.\n"
    )


def test_json_output_is_the_documented_schema(draft):
    result = run("lint", "draft.md", "--format", "json", "--select", "T101,T303")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "version": 1,
        "files": 1,
        "summary": {"error": 0, "warning": 2, "suggestion": 0, "baselined": 0},
        "findings": [
            {"path": "draft.md", "line": 5, "column": 9, "code": "T101", "rule": "words-to-avoid", "level": "warning",
             "message": "'utilise' is a word to avoid in GOV.UK style: write 'use'",
             "url": "https://www.gov.uk/guidance/style-guide/a-to-z#words-to-avoid"},
            {"path": "draft.md", "line": 5, "column": 26, "code": "T303", "rule": "pompous-phrases", "level": "warning",
             "message": "'in order to' is a wordy or defensive phrase: write 'to'",
             "url": "https://www.gov.uk/guidance/content-design/writing-for-gov-uk"},
        ],
    }


def test_github_annotations(draft):
    result = run("lint", "draft.md", "--format", "github", "--select", "T404")
    assert result.output == (
        "::warning file=draft.md,line=6,col=5,title=T404 negative-contraction::'can't': write 'cannot'\n"
    )


def test_sarif_is_valid_2_1_0(draft):
    log = json.loads(run("lint", "draft.md", "--format", "sarif", "--select", "T403").output)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (result,) = log["runs"][0]["results"]
    assert result == {
        "ruleId": "T403", "ruleIndex": 0, "level": "warning", "message": {"text": "'&' in prose: write 'and'"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "draft.md"},
                                            "region": {"startLine": 6, "startColumn": 25}}}],
    }
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "T403"


def test_standard_input(draft):
    result = run("lint", "-", "--stdin-filename", "from-editor.md", "--select", "T101", input=DRAFT)
    assert result.output.splitlines()[0] == "from-editor.md:5:9: T101 'utilise' is a word to avoid in GOV.UK style: write 'use' (warning)"


def test_errors_exit_1_and_min_level_hides_suggestions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "x.md", "We moved it; then ![](chart.png) went up.\n")
    result = run("lint", "x.md")
    assert result.exit_code == 1
    assert [line.split(": ")[1][:4] for line in result.output.splitlines()[:-1]] == ["T507"]
    more = run("lint", "x.md", "--min-level", "suggestion")
    assert [line.split(": ")[1][:4] for line in more.output.splitlines()[:-1]] == ["T407", "T507"]


def test_unreadable_input_exits_2_and_the_rest_is_still_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "ok.md", "We will utilise it.\n")
    result = run("lint", "binary.md", "ok.md")
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [
        "binary.md:1:1: M001 byte 0x89 is not UTF-8; save the file as UTF-8 (error)",
        "ok.md:1:9: T101 'utilise' is a word to avoid in GOV.UK style: write 'use' (warning)",
    ]


def test_fix_applies_only_safe_swaps_and_keeps_line_endings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "note.md", (DRAFT + "\n```\nutilise in code & in order to\n```\n").replace("\n", "\r\n"))
    diff = run("lint", "note.md", "--diff")
    assert diff.exit_code == 0
    assert "\n-We will utilise the data in order to help.\n" in diff.output
    assert "\n+We will use the data to help.\n+You cannot apply by post and email!\n" in diff.output
    assert path.read_bytes().count(b"utilise") == 2  # --diff changes nothing
    fixed = run("lint", "note.md", "--fix")
    assert fixed.exit_code == 0
    assert path.read_bytes() == (
        b"---\r\ntitle: Our plan\r\nsummary: What we will do.\r\n---\r\nWe will use the data to help.\r\n"
        b"You cannot apply by post and email!\r\n\r\n```\r\nutilise in code & in order to\r\n```\r\n"
    )
    assert fixed.output.splitlines()[-1] == "Checked 1 file: 1 warning in 1 file."  # the ! has no safe fix


def test_suppression_comments_and_front_matter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "<!-- notes: disable-next-line=T101 -->\nWe utilise it.\nWe utilise it.\n")
    write(tmp_path / "b.md", "---\ntitle: B\nlint: {ignore: [T1]}\n---\nWe utilise it.\n")
    result = run("lint", "a.md", "b.md")
    assert result.output.splitlines() == [
        "a.md:3:4: T101 'utilise' is a word to avoid in GOV.UK style: write 'use' (warning)",
        "Checked 2 files: 1 warning in 1 file.",
    ]


def test_stats(draft):
    result = run("lint", "draft.md", "--stats", "--select", "T2")
    assert result.output.splitlines()[1:3] == [
        "Readability (Flesch reading ease: higher is easier; aim for 60 or more):",
        "  draft.md     19 words    6.3 words a sentence  Flesch  89.1",
    ]


def test_the_cache_returns_the_same_findings_and_is_invalidated_by_config(site):
    write(site / "content/posts/x.md", "---\ntitle: X\ndate: 2026-11-01\nauthors: [jane-doe]\nsummary: x\n---\nWe utilise it.\n")
    first = run("lint")
    cache = site / ".notes-cache/lint.json"
    assert cache.is_file()
    assert run("lint").output == first.output
    stored = Cache(site, lint_options(open_project(Path("pelicanconf.py"))))
    assert len(stored.old) == 11  # every note, team and author
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nignore = ["T101"]\n')
    assert "T101" not in run("lint").output
    reconfigured = Cache(site, lint_options(open_project(Path("pelicanconf.py"))))
    assert reconfigured.fingerprint != stored.fingerprint and len(reconfigured.old) == 11


def test_parallel_and_serial_runs_agree(tmp_path):
    from pipeline.lint.engine import target_from_bytes

    files = sorted((REPO / "tests/prose/clean").glob("*.md")) + [REPO / "tests/fixtures/site/content/posts/2026-11-20-why-we-publish-our-roadmap.md"]
    targets = [target_from_bytes((f.read_bytes() + b"\nWe will utilise it!\n"), f.name) for f in files] * 10
    from pipeline import parallel as parallel_work

    serial, parallel = lint_run.LintRun(), lint_run.LintRun()
    lint_run.lint_targets(targets, {"cache": False}, None, serial, jobs=1)
    lint_run.lint_targets(targets, {"cache": False}, None, parallel, jobs=2)
    assert len(targets) >= parallel_work.PARALLEL_FROM
    assert parallel.findings == serial.findings and len(serial.findings) == 2 * len(targets)


def test_an_unchanged_project_is_answered_from_the_cache_and_a_change_is_seen(site):
    note = site / "content/weeknotes/data-platform/2026-W47.md"
    first = run("lint")
    assert first.exit_code == 0 and "problems" in first.output
    stored = Cache(site, lint_options(open_project(Path("pelicanconf.py"))))
    assert stored.old_run["files"] == 10
    note.write_text(note.read_text().replace("Move the archive tables.", "Leverage the archive tables."))
    second = run("lint")
    assert second.output.splitlines()[0].startswith("content/weeknotes/data-platform/2026-W47.md:")
    assert "'Leverage' is a word to avoid" in second.output


def test_enormous_lines_and_malformed_markdown_do_not_stop_the_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "long.md", ("word " * 200_000) + "\n")
    write(tmp_path / "broken.md", "[unclosed link(\n``` unclosed fence\n<div\n**bold\n")
    result = run("lint", "long.md", "broken.md", "--select", "T2")
    assert result.exit_code == 1  # one 200,000-word sentence is an error, reported, not a crash
    assert result.output.splitlines() == [
        "long.md:1:1: T202 sentence of 200000 words; over 40 is too long to follow: split it (error)",
        "Checked 2 files: 1 error in 1 file.",
    ]


def test_an_unreadable_content_file_exits_2(site):
    write(site / "content/posts/latin1.md", b"---\ntitle: Caf\xe9\n---\n")
    result = run("lint")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "content/posts/latin1.md:2:11: M001 byte 0xE9 is not UTF-8; save the file as UTF-8 (error)"


def test_rules_explains_a_tone_rule_with_its_examples():
    result = run("rules", "t404")
    assert result.exit_code == 0
    assert result.output.endswith(
        "Flagged: You can't apply by post.\n\nFlagged: We didn’t meet the target.\n\n"
        "Passes: You cannot apply by post.\n\nPasses: We're pleased with the result.\n\nPasses: It's ready.\n\n"
        "Passes: One caseworker said “I don't know where to click.”\n"
    )
