"""What `notes import` says at the end: converted, unchanged, skipped, and what needs a person's attention."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.content.loader import display_path
from pipeline.findings import RULES, has_errors
from pipeline.importers.run import Outcome
from pipeline.report import plural


def lines(outcome: Outcome) -> list[str]:
    plan, dry = outcome.plan, outcome.dry_run
    out = [f"Detected {fmt}: {source}" for source, fmt in outcome.reading.detected.items()]
    verb = "Would create" if dry else "Created"
    out += [f"{verb} {display_path(a.path)}: new author {a.person.name}; add their role and a bio" for a in plan.authors]
    out += [f"{verb} {display_path(p.path)} from {p.imported.source}" for p in plan.create]
    out += [f"Unchanged {display_path(p.path)} from {p.imported.source}" for p in plan.unchanged]
    skipped = outcome.reading.skipped + plan.skipped
    out += [f"Skipped {s.source}: {s.reason}" for s in skipped]
    attention = _attention(outcome)
    if attention:
        out += ["", "Needs attention:"]
        for path, items in attention.items():
            out += [f"  {path}", *(f"    {item}" for item in items)]
    notes = plural(len(plan.create), "note")
    authors = f" and {plural(len(plan.authors), 'new author')}" if plan.authors else ""
    counts = f"{len(plan.unchanged)} unchanged, {len(skipped)} skipped, {len(attention)} need attention"
    out += ["", f"Dry run: would import {notes}{authors} ({counts}); nothing was written." if dry
            else f"Imported {notes}{authors} ({counts})."]
    if has_errors(outcome.findings):
        out.append("Errors in the checks stop notes build until they are fixed: notes lint shows where.")
    return out


def _attention(outcome: Outcome) -> dict[str, list[str]]:
    """For each note created: what the import noticed, then its check findings counted by rule."""
    by_file = Counter((Path(f.path).resolve(), f.code, f.level) for f in outcome.findings)
    attention = {}
    for placed in outcome.plan.create:
        items = list(placed.attention)
        resolved = placed.path.resolve()
        checks = [f"{code} {RULES[code].name} ({level}) ×{count}"
                  for (path, code, level), count in sorted(by_file.items()) if path == resolved]
        if checks:
            items.append("checks: " + ", ".join(checks))
        if items:
            attention[display_path(placed.path)] = items
    return attention

