"""[tool.notes] in pyproject.toml: typed, every problem reported with file and line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline import tables
from pipeline.cli import cli
from pipeline.errors import ConfigError
from pipeline.findings import Finding, Level
from pipeline.lint import policy


def load(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text(text)
    return tables.load(tmp_path)


def test_no_pyproject_means_defaults(tmp_path):
    lint = tables.load(tmp_path).section("lint")
    assert (lint["select"], lint["ignore"], lint["levels"]) == ((), (), {})


def test_every_problem_is_reported_with_its_line(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(tmp_path, '[project]\nname = "x"\n\n[tool.notes.lint]\nselct = ["M"]\nignore = "M104"\nlevels = {M202 = "loud"}\n\n[tool.notes.lnt]\n')
    path = tmp_path / "pyproject.toml"
    assert str(err.value).splitlines() == [
        f"{path}:5: unknown key 'selct' in [tool.notes.lint]; did you mean 'select'?",
        f"{path}:6: 'ignore' in [tool.notes.lint] must be a list of rule codes or prefixes like [\"T203\"]; got 'M104'",
        f"{path}:7: 'levels' in [tool.notes.lint] must be a table of rule code to error, warning, suggestion or off; "
        "got 'loud' for M202",
        f"{path}:9: unknown table [tool.notes.lnt]; did you mean 'lint'?",
    ]


def test_unknown_rule_codes_are_errors(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(tmp_path, '[tool.notes.lint]\nignore = ["Q9"]\n')
    assert str(err.value).endswith("got 'Q9', which matches no rule (run 'notes rules')")


def test_bad_config_stops_the_cli_with_exit_2(site):
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nignor = ["M104"]\n')
    result = CliRunner().invoke(cli, ["lint"])
    assert (result.exit_code, result.output) == (
        2, f"notes: error: {site / 'pyproject.toml'}:2: unknown key 'ignor' in [tool.notes.lint]; did you mean 'ignore'?\n"
    )


FINDINGS = [
    Finding("content/posts/a.md", 1, 1, "M104", "unknown field", Level.WARNING),
    Finding("content/posts/a.md", 2, 1, "M202", "week", Level.ERROR),
    Finding("content/weeknotes/x/2026-W01.md", 1, 1, "M104", "unknown field", Level.WARNING),
]


@pytest.mark.parametrize(
    "toml, expected",
    [
        ("", [("a", "M104", "warning"), ("a", "M202", "error"), ("w", "M104", "warning")]),
        ('select = ["M2"]', [("a", "M202", "error")]),
        ('ignore = ["M104"]', [("a", "M202", "error")]),
        ('levels = {M104 = "error"}', [("a", "M104", "error"), ("a", "M202", "error"), ("w", "M104", "error")]),
        ('levels = {M1 = "off", M104 = "suggestion"}',
         [("a", "M104", "suggestion"), ("a", "M202", "error"), ("w", "M104", "suggestion")]),
        ('[[tool.notes.lint.overrides]]\npaths = ["content/weeknotes/**"]\nignore = ["M104"]',
         [("a", "M104", "warning"), ("a", "M202", "error")]),
        ('[[tool.notes.lint.overrides]]\npaths = ["content/posts/*"]\nlevels = {M202 = "warning"}',
         [("a", "M104", "warning"), ("a", "M202", "warning"), ("w", "M104", "warning")]),
    ],
)
def test_policy_truth_table(tmp_path, toml, expected):
    settings = load(tmp_path, f"[tool.notes.lint]\n{toml}\n").section("lint")
    got = [("w" if "weeknotes" in f.path else "a", f.code, str(f.level)) for f in policy.apply(FINDINGS, settings)]
    assert got == expected
