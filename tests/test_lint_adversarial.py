"""Pathological Markdown lints in time linear in its size: no input makes lint crawl (issue 21).

Before the one parse, 16 KB of nested unclosed links took the lint's own inline
pattern 110 seconds, and 2,000 capitals followed by a lower-case letter took the
acronym pattern minutes (its cost grew with the cube of the run). The cases came
from a sweep of every two-character unit repeated to 3 KB and 12 KB. Each case here is linted at 16 KB and at 64 KB, timed in
CPU seconds (not wall time, so a busy machine does not fail it); four times the
input may take at most eight times as long (linear growth takes four; quadratic
sixteen), and the larger input at most 200 times as long as plain prose of the
same size, a bound generous enough never to be flaky and tight enough that a
super-linear path would break it.
"""

from __future__ import annotations

import time

import pytest

from pipeline.lint.engine import Target, lint_target

CASES = {
    "nested unclosed links": lambda n: "[" * n,
    "unclosed link targets": lambda n: "[a](" * (n // 4),
    "nested unclosed images": lambda n: "![" * (n // 2),
    "brackets and parentheses": lambda n: "[(" * (n // 2),
    "runs of link text": lambda n: "[a]" * (n // 3),
    "backtick runs of every length": lambda n: "".join("`" * (i % 50 + 1) + "a" for i in range(n // 26)),
    "unclosed block tags": lambda n: "<div>\n" * (n // 6),
    "tags that never close": lambda n: "<a " * (n // 3),
    "template tags that never close": lambda n: "{{ {% " * (n // 6),
    "emphasis markers": lambda n: "*_" * (n // 2),
    "quotation marks that never close": lambda n: "“a ‘b 'c \"d " * (n // 12),
    "half entities": lambda n: "&amp" * (n // 4),
    "unclosed autolinks": lambda n: "<http://a" * (n // 9),
    "capitals": lambda n: "ABC " * (n // 4),
    "one long line of words": lambda n: "word " * (n // 5),
    "one long run of capitals": lambda n: "A" * n + "b",
    "capitals in pairs": lambda n: "AB" * (n // 2),
    "a long word before an @": lambda n: "a" * n + " x@y.z",
    "addresses that never end": lambda n: "www." * (n // 4),
    "a line of spaces": lambda n: " " * n + "x",
    "one line of links": lambda n: "[a](b) " * (n // 7),
}
PROSE = "We moved the tables to the new platform on Tuesday. "


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    lint_target(Target("adversarial.md", text), {})
    return time.process_time() - start


@pytest.mark.parametrize("name", CASES)
def test_pathological_markdown_lints_in_linear_time(name):
    make = CASES[name]
    small, large = cpu_seconds(make(16_000)), cpu_seconds(make(64_000))
    prose = cpu_seconds(PROSE * (64_000 // len(PROSE)))
    assert large <= 8 * small + 0.05, f"{name}: 16 KB {small:.3f} s, 64 KB {large:.3f} s"
    assert large <= 200 * prose + 0.5, f"{name}: 64 KB {large:.3f} s, plain prose {prose:.3f} s"
