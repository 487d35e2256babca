"""Lint output formats: text for people, JSON for tools, GitHub annotations, SARIF 2.1.0.

The JSON format is a stable, documented schema (docs/lint.md): fields are only
ever added, never renamed or removed, and `version` changes if that is broken.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from pipeline import __version__
from pipeline.findings import Finding, Level, printable
from pipeline.lint.baseline import FILE as BASELINE_FILE
from pipeline.lint.baseline import Entry
from pipeline.report import finding_line, summary_line

if TYPE_CHECKING:  # the rules load only when a file is linted
    from pipeline.lint.rules.readability import Stats

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1
SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
GITHUB_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


@dataclass(frozen=True)
class Baselined:
    """What .notes-baseline.json held back: findings that do not count, and entries that matched nothing."""

    findings: tuple[Finding, ...] = ()
    stale: tuple[Entry, ...] = ()


def render(fmt: str, findings: list[Finding], files: int, stats: dict[str, Stats], held: Baselined = Baselined(),
           hidden: list[Finding] = ()) -> str:
    """`hidden` are findings below the level shown: the text format counts them, so none vanish unsaid."""
    if fmt == "text":
        return text(findings, files, stats, held, hidden)
    return {"json": as_json, "github": github, "sarif": sarif}[fmt](findings, files, stats, held)


def text(findings: list[Finding], files: int, stats: dict[str, Stats], held: Baselined,
         hidden: list[Finding] = ()) -> str:
    lines = [finding_line(f) for f in findings]
    if stats:
        lines += ["", "Readability (Flesch reading ease: higher is easier; aim for 60 or more):"]
        width = max(len(s) for s in stats)
        lines += [f"  {printable(source):<{width}}  {s.words:>5} words  {s.average_sentence:>5.1f} words a sentence  "
                  f"Flesch {s.flesch:>5.1f}" for source, s in stats.items()]
    lines.append(summary_line(findings, files, len(held.findings), hidden))
    if held.stale:
        lines.append(stale_line(len(held.stale)))
    return "\n".join(lines)


def stale_line(count: int) -> str:
    one = count == 1
    return (f"{count} {'entry' if one else 'entries'} in {BASELINE_FILE} no longer {'occurs' if one else 'occur'}: "
            f"notes lint --baseline drops {'it' if one else 'them'}.")


def as_json(findings: list[Finding], files: int, stats: dict[str, Stats], held: Baselined) -> str:
    counts = Counter(str(f.level) for f in findings)
    data = {
        "version": JSON_VERSION,
        "files": files,
        "summary": {**{level: counts.get(level, 0) for level in ("error", "warning", "suggestion")},
                    "baselined": len(held.findings)},
        "findings": [
            {"path": f.path, "line": f.line, "column": f.col, "code": f.code, "rule": _rule_name(f.code),
             "level": str(f.level), "message": f.message, "url": _rule_link(f.code)}
            for f in findings
        ],
    }
    if held.stale:
        data["stale_baseline"] = [{"path": e.path, "code": e.code, "text": e.text, "occurrence": e.occurrence}
                                  for e in held.stale]
    if stats:
        data["stats"] = {source: {"words": s.words, "sentences": s.sentences, "average_sentence_words": s.average_sentence,
                                  "flesch_reading_ease": s.flesch} for source, s in stats.items()}
    return json.dumps(data, indent=2, ensure_ascii=False)


def github(findings: list[Finding], files: int, stats: dict[str, Stats], held: Baselined) -> str:
    """Workflow commands: GitHub Actions shows each as an annotation on the file and line."""

    def escape(value: str, property_: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if property_ else value

    return "\n".join(
        f"::{GITHUB_LEVELS[f.level]} file={escape(f.path, True)},line={f.line},col={f.col},"
        f"title={escape(f'{f.code} {_rule_name(f.code)}', True)}::{escape(f.message)}"
        for f in findings
    )


def sarif(findings: list[Finding], files: int, stats: dict[str, Stats], held: Baselined) -> str:
    """SARIF 2.1.0; findings the baseline holds are results suppressed externally, as code scanning expects."""
    known = _rules()
    used = sorted({f.code for f in (*findings, *held.findings)})
    rules = [
        {"id": code, "name": _rule_name(code),
         "shortDescription": {"text": known[code].summary}, "fullDescription": {"text": known[code].why},
         "helpUri": _rule_link(code), "defaultConfiguration": {"level": SARIF_LEVELS[known[code].level]}}
        for code in used if code in known
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        {"ruleId": f.code, **({"ruleIndex": index[f.code]} if f.code in index else {}),
         "level": SARIF_LEVELS[f.level], "message": {"text": f.message},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path},
                                             "region": {"startLine": f.line, "startColumn": f.col}}}],
         **({"suppressions": [{"kind": "external", "justification": f"in {BASELINE_FILE}"}]} if baselined else {})}
        for f, baselined in [*((f, False) for f in findings), *((f, True) for f in held.findings)]
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "notes", "version": __version__,
                                      "informationUri": "https://www.gov.uk/guidance/style-guide", "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def _rules() -> dict:
    """Every rule by code; loaded only by the formats that name rules (text output needs none)."""
    from pipeline.catalogue import RULES

    return RULES


def _rule_name(code: str) -> str:
    return _rules()[code].name if code in _rules() else ""


def _rule_link(code: str) -> str:
    return _rules()[code].link if code in _rules() else ""


def echo(output: str) -> None:
    if output:
        click.echo(output)
