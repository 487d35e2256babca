"""What `notes import` says at the end: counts first, then what needs a person, grouped by kind.

    Read 12 files: 9 notes from old/blog (jekyll)
    Imported 9 notes (2 drafts) and 3 new authors; 1 unchanged, 2 skipped.
    Copied 4 images and files; 9 old addresses redirect; template tags: 5 converted, 1 left out.
    Dates: 3 from the file name.
    Baseline: 40 findings in the imported notes added to .notes-baseline.json: …

    Needs a person:

    Missing images and files (1)
      content/posts/2019-06-03-moving.md:14: /assets/chart.png was not found in old/blog: …

A dry run lists each file it would create, and writes nothing.
"""

from __future__ import annotations

from collections import Counter

from pipeline.content.loader import display_path
from pipeline.catalogue import RULES
from pipeline.findings import Level
from pipeline.importers.records import KINDS, TAG
from pipeline.importers.run import Outcome
from pipeline.lint.baseline import can_hold
from pipeline.report import finding_line, plural

EXAMPLES = 5  # skipped files shown for each reason; the rest are counted


def lines(outcome: Outcome) -> list[str]:
    plan, reading, dry = outcome.plan, outcome.reading, outcome.dry_run
    out = _read(outcome)
    if dry:
        out += [f"Unchanged {display_path(p.path)} from {p.imported.source}" for p in plan.unchanged]
        out += [f"Would create {display_path(a.path)}: new author {a.person.name}" for a in plan.authors]
        out += [f"Would create {display_path(p.path)} from {p.imported.source}" for p in plan.create]
        out += [f"Would copy {display_path(c.source)} to {display_path(c.target)}" for c in plan.copies]
    out += _counts(outcome)
    groups = _needs_a_person(outcome)
    if groups:
        out += ["", "Needs a person:"]
        for title, items in groups:
            out += ["", f"{title} ({len(items)})", *(f"  {item}" for item in items)]
    if dry:
        out += ["", "Dry run: nothing was written."]
    return out


def _read(outcome: Outcome) -> list[str]:
    reading = outcome.reading
    formats = Counter(reading.detected.values())
    detected = f" ({', '.join(f'{n} {fmt}' for fmt, n in sorted(formats.items()))}, detected)" if formats else ""
    return [f"Read {plural(reading.files, 'file')}{detected}.", *reading.settings]


def _counts(outcome: Outcome) -> list[str]:
    plan, reading = outcome.plan, outcome.reading
    verb = "Would import" if outcome.dry_run else "Imported"
    drafts = sum(1 for p in plan.create if p.imported.status == "draft")
    authors = f" and {plural(len(plan.authors), 'new author')}" if plan.authors else ""
    skipped = len(reading.skipped) + len(plan.skipped)
    out = [f"{verb} {plural(len(plan.create), 'note')} ({plural(drafts, 'draft')}){authors}; "
           f"{len(plan.unchanged)} unchanged, {skipped} skipped."]
    aliases = sum(len(p.fields.get("aliases", ())) for p in plan.create)
    converted = sum(p.imported.converted for p in plan.create)
    left_out = sum(1 for p in plan.create for n in p.attention if n.kind == TAG)
    out.append(f"Images and files {'to copy' if outcome.dry_run else 'copied'}: {len(plan.copies)}; "
               f"old addresses kept as redirects: {aliases}; template tags converted: {converted}, left out: {left_out}.")
    dates = Counter(p.imported.date_from.split(" (", 1)[0] for p in plan.create if p.imported.date_from)
    if dates:
        out.append("Dates where the date field had none: " + "; ".join(f"{n} from {where}" for where, n in dates.items())
                   + ".")
    if outcome.baseline is not None and outcome.baselined:
        out.append(f"Baseline: {plural(outcome.baselined, 'finding')} of the checks in the imported notes added to "
                   f"{display_path(outcome.baseline)}; notes build does not stop on them, and notes lint "
                   "--no-baseline shows them.")
    elif outcome.baseline is None and outcome.findings:
        codes = Counter(f.code for f in outcome.findings if can_hold(f))
        if codes:
            out.append("Checks: " + ", ".join(f"{code} {RULES[code].name} ×{n}" for code, n in codes.most_common())
                       + " (not baselined: --no-baseline).")
    return out


def _needs_a_person(outcome: Outcome) -> list[tuple[str, list[str]]]:
    plan, reading = outcome.plan, outcome.reading
    grouped: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for placed in plan.create:
        where = display_path(placed.path)
        start = placed.body_line
        for notice in placed.attention:
            at = f":{start + notice.line - 1}" if notice.line else ""
            grouped[notice.kind].append(f"{where}{at}: {notice.text}")
    groups = [(kind, items) for kind, items in grouped.items() if items]
    if plan.authors:
        groups.append(("New authors: add their role and a bio",
                       [f"{display_path(a.path)}: {a.person.name}" for a in plan.authors]))
    baselined = outcome.baseline is not None
    errors = [f for f in outcome.findings if f.level >= Level.ERROR and not (baselined and can_hold(f))]
    if errors:
        groups.append(("Errors that stop notes build until they are fixed", [finding_line(f) for f in errors]))
    skipped = reading.skipped + plan.skipped
    if skipped:
        by_reason: dict[str, list[str]] = {}
        for item in skipped:
            by_reason.setdefault(item.reason, []).append(item.source)
        items = []
        for reason, sources in by_reason.items():
            items += [f"{source}: {reason}" for source in sources[:EXAMPLES]]
            if len(sources) > EXAMPLES:
                items.append(f"… and {len(sources) - EXAMPLES} more: {reason}")
        groups.append(("Skipped", items))
    return groups
