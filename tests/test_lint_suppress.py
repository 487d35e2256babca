"""The suppression comment grammar, pinned by a truth table."""

from __future__ import annotations

import pytest

from pipeline.lint import suppress

TEXT = """line 1
<!-- notes: disable=T101,T2 -->
line 3
<!-- notes: enable=T101 -->
line 5
<!-- notes: disable-next-line=T404 -->
line 7
<!-- notes: disable -->
line 9
<!-- notes:enable -->
line 11
"""


@pytest.mark.parametrize(
    "code, line, suppressed",
    [
        ("T101", 1, False), ("T101", 3, True), ("T201", 3, True), ("T203", 3, True), ("T301", 3, False),
        ("T101", 5, False), ("T201", 5, True),
        ("T404", 7, True), ("T404", 5, False), ("T101", 7, False),
        ("T301", 9, True), ("M104", 9, True),
        ("T301", 11, False), ("T201", 11, False),
    ],
)
def test_truth_table(code, line, suppressed):
    assert suppress.parse(TEXT).suppressed(code, line) is suppressed


@pytest.mark.parametrize("comment", ["<!-- notes: disable=T101 -->", "<!--notes:disable=t101-->", "<!-- notes: disable = T101 -->"])
def test_spacing_and_case_are_forgiven(comment):
    assert suppress.parse(f"{comment}\nx\n").suppressed("T101", 2)


@pytest.mark.parametrize("comment", ["<!-- note: disable=T101 -->", "<!-- notes: silence=T101 -->", "<!-- disable=T101 -->"])
def test_other_comments_suppress_nothing(comment):
    assert not suppress.parse(f"{comment}\nx\n").suppressed("T101", 2)


def test_front_matter_ignore_covers_the_whole_file():
    assert suppress.parse("x\n", ignore=("T1",)).suppressed("T101", 1)
