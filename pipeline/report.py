"""The one place findings become text for people: `path:line:col: CODE message`."""

from __future__ import annotations

from collections import Counter

import click

from pipeline.findings import Finding, Level

COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}


def finding_line(finding: Finding) -> str:
    """One finding, its level in words as well as colour: `path:line:col: CODE message (level)`.

    The level goes last so the line still starts as every tool expects (flake8, Ruff, editors' problem matchers).
    """
    code = click.style(finding.code, fg=COLOURS[finding.level], bold=True)
    level = click.style(f"({finding.level})", fg=COLOURS[finding.level])
    return f"{finding.path}:{finding.line}:{finding.col}: {code} {finding.message} {level}"


def summary_line(findings: list[Finding], files_checked: int, baselined: int = 0, hidden: list[Finding] = ()) -> str:
    """The last line of a check. `baselined` counts the findings .notes-baseline.json holds, which do not
    count; `hidden` are findings below the level shown, counted so none vanish unsaid."""
    held = f"; {baselined} baselined" if baselined else ""
    counts = Counter(f.level for f in findings)
    if not findings:
        line = f"Checked {plural(files_checked, 'file')}: no problems found{held}."
    else:
        parts = [plural(counts[level], str(level)) for level in sorted(counts, reverse=True)]
        files = len({f.path for f in findings})
        line = f"Checked {plural(files_checked, 'file')}: {', '.join(parts)} in {plural(files, 'file')}{held}."
    if hidden:
        below = Counter(f.level for f in hidden)
        parts = [plural(below[level], str(level)) for level in sorted(below, reverse=True)]
        line += f" Not shown: {', '.join(parts)} (--min-level {min(below)} shows them)."
    return line


def echo_findings(findings: list[Finding], files_checked: int, baselined: int = 0) -> None:
    for finding in findings:
        click.echo(finding_line(finding))
    click.echo(summary_line(findings, files_checked, baselined))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
