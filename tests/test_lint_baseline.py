"""The baseline: `notes lint --baseline` records today's findings, which then never fail lint or build."""

from __future__ import annotations

import json

import pytest

from pipeline.lint.baseline import FILE, sentence_at
from tests.conftest import make_site, run_in, write

OLD = "content/posts/2019-06-03-moving-the-case-database.md"
NOTE = """\
---
title: Moving the case database
date: 2019-06-03 09:15
authors: [jane-doe]
summary: We moved the case database to the new platform over one weekend.
---
We will leverage the new platform.

We will leverage the new platform.

The move took a weekend because the tables that hold every case, every letter and every note that staff wrote about a case over twelve years had to be copied and checked row by row before anyone could use them again.
"""
# What the checks find in NOTE: two words to avoid, and a sentence of 41 words (an error, T202).
FOUND = [
    f"{OLD}:7:9: T101 'leverage' is a word to avoid in GOV.UK style: write 'use' or 'influence' (warning)",
    f"{OLD}:9:9: T101 'leverage' is a word to avoid in GOV.UK style: write 'use' or 'influence' (warning)",
    f"{OLD}:11:1: T202 sentence of 41 words; over 40 is too long to follow: split it (error)",
]
SENTENCE = NOTE.splitlines()[10][:100]  # the T202 sentence, as far as an entry keeps it


@pytest.fixture
def root(tmp_path):
    root = make_site(tmp_path / "site")
    write(root / OLD, NOTE)
    return root


def _edit(root, old: str, new: str) -> None:
    path = root / OLD
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_lint_baseline_records_every_tone_finding_in_a_sorted_file(root):
    assert run_in(root, "lint").exit_code == 1  # T202 is an error
    result = run_in(root, "lint", "--baseline")
    assert (result.exit_code, result.output) == (0, "Recorded 3 findings in .notes-baseline.json.\n"
                                                    "Checked 11 files: no problems found; 3 baselined.\n")
    assert (root / FILE).read_text() == f"""\
{{
  "version": 1,
  "findings": [
    {{"path": "{OLD}", "code": "T101", "text": "We will leverage the new platform.", "occurrence": 0}},
    {{"path": "{OLD}", "code": "T101", "text": "We will leverage the new platform.", "occurrence": 1}},
    {{"path": "{OLD}", "code": "T202", "text": "{SENTENCE}", "occurrence": 0}}
  ]
}}
"""


def test_recording_twice_writes_the_same_bytes(root):
    run_in(root, "lint", "--baseline")
    first = (root / FILE).read_bytes()
    run_in(root, "lint", "--baseline")
    assert (root / FILE).read_bytes() == first


def test_baselined_findings_never_fail_lint_and_no_baseline_shows_them(root):
    run_in(root, "lint", "--baseline")
    assert run_in(root, "lint").output == "Checked 11 files: no problems found; 3 baselined.\n"
    result = run_in(root, "lint", "--no-baseline")
    assert (result.exit_code, result.output.splitlines()) == (1, [*FOUND, "Checked 11 files: 1 error, 2 warnings in 1 file."])


def test_a_finding_keeps_its_entry_when_text_above_moves_it(root):
    run_in(root, "lint", "--baseline")
    _edit(root, "We will leverage the new platform.\n\n", "A new first paragraph.\n\nWe will leverage the new platform.\n\n")
    assert run_in(root, "lint").output == "Checked 11 files: no problems found; 3 baselined.\n"


def test_an_edit_to_the_sentence_a_finding_points_into_makes_it_new(root):
    run_in(root, "lint", "--baseline")
    _edit(root, "The move took a weekend", "The move took one weekend")
    result = run_in(root, "lint")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{OLD}:11:1: T202 sentence of 41 words; over 40 is too long to follow: split it (error)",
        "Checked 11 files: 1 error in 1 file; 2 baselined.",
        "1 entry in .notes-baseline.json no longer occurs: notes lint --baseline drops it.",
    ]


def test_one_more_of_the_same_finding_is_new(root):
    run_in(root, "lint", "--baseline")
    _edit(root, "The move", "We will leverage the new platform.\n\nThe move")
    assert run_in(root, "lint").output.splitlines() == [
        f"{OLD}:11:9: T101 'leverage' is a word to avoid in GOV.UK style: write 'use' or 'influence' (warning)",
        "Checked 11 files: 1 warning in 1 file; 3 baselined.",
    ]


def test_fixed_findings_are_reported_as_stale_until_recorded_again(root):
    run_in(root, "lint", "--baseline")
    _edit(root, "We will leverage the new platform.\n\nWe will leverage", "We will use the new platform.\n\nWe will use")
    assert run_in(root, "lint").output.splitlines() == [
        "Checked 11 files: no problems found; 1 baselined.",
        "2 entries in .notes-baseline.json no longer occur: notes lint --baseline drops them.",
    ]
    run_in(root, "lint", "--baseline")
    assert [json.loads(line.rstrip(","))["code"] for line in (root / FILE).read_text().splitlines()[3:-2]] == ["T202"]
    # Nothing left to hold: the file goes.
    _edit(root, NOTE.splitlines()[10], "The move took a weekend.")
    assert "T202" not in run_in(root, "lint", "--baseline").output
    assert not (root / FILE).exists()


def test_partial_runs_never_call_entries_stale(root):
    run_in(root, "lint", "--baseline")
    for args in (["content/teams"], ["--select", "T2"]):
        assert "no longer" not in run_in(root, "lint", *args).output


def test_metadata_and_security_errors_are_never_baselined(root):
    _edit(root, "summary: We moved the case database to the new platform over one weekend.\n", "")
    write(root / "content/posts/2019-06-10-script.md",
          NOTE.replace("title: Moving the case database", "title: A script").replace(
              "We will leverage", "<script>alert(1)</script>\n\nWe will leverage", 1))
    run_in(root, "lint", "--baseline")
    result = run_in(root, "lint")
    assert result.exit_code == 1
    assert [line.split(": ", 2)[1][:4] for line in result.output.splitlines()[:-1]] == ["M101", "S101"]


def test_build_stops_on_a_new_error_alone_and_counts_the_baselined(root):
    run_in(root, "lint", "--baseline")
    built = run_in(root, "build")
    assert built.exit_code == 0, built.output
    assert built.output.splitlines()[-1].endswith(": 0 warnings, 0 errors, 3 baselined.")
    _edit(root, "We will leverage the new platform.\n\nWe will",
          "We will leverage the new platform.\n\n![](/images/chart.png)\n\nWe will")
    write(root / "content/images/chart.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    failed = run_in(root, "build")
    assert failed.exit_code == 1
    assert failed.output.splitlines()[-3:] == [
        f"{OLD}:9:1: T507 image has no alt text: describe what it shows, or why it is there (error)",
        "Checked 12 files: 1 error in 1 file; 3 baselined.",
        "Not built: fix the errors above, then run the command again.",
    ]


@pytest.mark.parametrize("text, message", [
    ("{", "line 1: not valid JSON (Expecting property name enclosed in double quotes)"),
    ('{"version": 2, "findings": []}', 'expected {"version": 1, "findings": [...]}'),
    ('{"version": 1, "findings": [{"path": "a.md"}]}', 'entry 1 is not {"path", "code", "text", "occurrence"}'),
])
def test_a_damaged_baseline_is_one_line_and_exit_2(root, text, message):
    write(root / FILE, text)
    for command in ("lint", "build"):
        result = run_in(root, command)
        assert (result.exit_code, result.output.splitlines()[-1]) == (
            2, f"notes: error: {FILE}: {message}; run 'notes lint --baseline' to write it again")


@pytest.mark.parametrize("args", [["content/posts"], ["--select", "T1"], ["--ignore", "T1"], ["--no-baseline"]])
def test_baseline_records_the_whole_site_only(root, args):
    result = run_in(root, "lint", "--baseline", *args)
    assert result.exit_code == 2
    assert result.output == ("notes: error: --baseline records every finding of the whole site: run "
                             "'notes lint --baseline' in the site's folder, without PATHS, --select, --ignore or "
                             "--no-baseline\n")
    assert not (root / FILE).exists()


def test_sarif_marks_baselined_results_as_suppressed(root):
    run_in(root, "lint", "--baseline")
    results = json.loads(run_in(root, "lint", "--format", "sarif").output)["runs"][0]["results"]
    assert [(r["ruleId"], r.get("suppressions")) for r in results] == [
        (code, [{"kind": "external", "justification": "in .notes-baseline.json"}]) for code in ("T101", "T101", "T202")]


@pytest.mark.parametrize("line, col, sentence", [
    ("We did it. We will leverage it! Then more", 15, "We will leverage it!"),
    ("We did it. We will leverage it! Then more", 31, "We will leverage it!"),  # the '!' ends its own sentence
    ("We did it. We will leverage it! Then more", 33, "Then more"),
    ("title: Our plan for 2019", 8, "title: Our plan for 2019"),
    ("Version 2.5 of the  service.", 1, "Version 2.5 of the service."),  # a point inside a number ends nothing
    ("Past the end.", 40, "Past the end."),
])
def test_the_text_a_finding_points_at_is_its_sentence(line, col, sentence):
    assert sentence_at(line, col) == sentence
