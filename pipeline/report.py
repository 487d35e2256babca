"""The one place findings become text for people: `path:line:col: CODE message`."""

from __future__ import annotations

from collections import Counter

import click

from pipeline.findings import Finding, Level

COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}


def finding_line(finding: Finding) -> str:
    code = click.style(finding.code, fg=COLOURS[finding.level], bold=True)
    return f"{finding.path}:{finding.line}:{finding.col}: {code} {finding.message}"


def summary_line(findings: list[Finding], files_checked: int, baselined: int = 0) -> str:
    """The last line of a check; `baselined` counts the findings .notes-baseline.json holds, which do not count."""
    held = f"; {baselined} baselined" if baselined else ""
    counts = Counter(f.level for f in findings)
    if not findings:
        return f"Checked {plural(files_checked, 'file')}: no problems found{held}."
    parts = [plural(counts[level], str(level)) for level in sorted(counts, reverse=True)]
    files = len({f.path for f in findings})
    return f"Checked {plural(files_checked, 'file')}: {', '.join(parts)} in {plural(files, 'file')}{held}."


def echo_findings(findings: list[Finding], files_checked: int, baselined: int = 0) -> None:
    for finding in findings:
        click.echo(finding_line(finding))
    click.echo(summary_line(findings, files_checked, baselined))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
