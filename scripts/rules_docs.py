"""Regenerate docs/rules.md: every tone rule, its examples, and its measured false positives.

Run by `make docs`. The false-positive table lints the demo content and the
clean prose corpus in tests/prose/clean/ (writing that should produce no
warning or error) and counts findings per rule.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.content.loader import load_site
from pipeline.catalogue import RULES
from pipeline.findings import Level
from pipeline.lint.engine import lint_target, target_from_bytes
from pipeline.lint.rules.readability import count_words
from pipeline.lint.run import site_targets

REPO = Path(__file__).resolve().parent.parent
CORPORA = {"demo content (content/)": "demo", "clean prose (tests/prose/clean/)": "clean"}


def corpus(name: str):
    if name == "demo":
        return site_targets(load_site(REPO / "content"))
    return [target_from_bytes(p.read_bytes(), str(p.relative_to(REPO))) for p in sorted((REPO / "tests/prose/clean").glob("*.md"))]


def measure() -> dict[str, tuple[int, Counter]]:
    """Words and findings per rule, for each corpus."""
    results = {}
    for label, name in CORPORA.items():
        targets = corpus(name)
        words = sum(count_words(t.text[t.doc.body_offset:] if t.doc else t.text) for t in targets)
        counts = Counter(f.code for t in targets for f in lint_target(t, {}))
        results[label] = (words, counts)
    return results


def from_docs(link: str) -> str:
    """A rule's link as docs/rules.md reaches it: rules name the repository's own pages from its root."""
    return link.removeprefix("docs/")


def body_of(text: str) -> str:
    return text.split("---\n", 2)[-1].strip()


def main() -> None:
    measured = measure()
    lines = [
        "# Tone rules",
        "",
        "`notes lint` checks prose against GOV.UK's plain English guidance. Each rule has a stable",
        "code that never changes meaning. Levels: **error** blocks publishing, **warning** is shown,",
        "**suggestion** is shown with `--min-level suggestion`. Change any level, or switch rules off,",
        "in `[tool.notes.lint]` (see [lint.md](lint.md)). Metadata rules (M) are in",
        "[content.md](content.md); cadence rules (C) in [cadence.md](cadence.md).",
        "",
        "This page is made by `make docs` from the rules themselves.",
        "",
        "## False positives, measured",
        "",
        "Warnings and errors found in writing that should have none. Target: at most 1 per 1,000 words.",
        "",
        "| Rule | Level | " + " | ".join(CORPORA) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in CORPORA) + " |",
    ]
    tone = [rule for code, rule in sorted(RULES.items()) if code.startswith(("T", "S"))]  # S: security rules
    for rule in tone:
        if rule.level >= Level.WARNING:
            cells = [str(measured[label][1].get(rule.code, 0)) for label in CORPORA]
            lines.append(f"| [{rule.code}](#{rule.code.lower()}) {rule.name} | {rule.level} | " + " | ".join(cells) + " |")
    totals = []
    for label in CORPORA:
        words, counts = measured[label]
        found = sum(n for code, n in counts.items() if code in RULES and RULES[code].level >= Level.WARNING)
        totals.append(f"{found} in {words:,} words ({found / words * 1000:.2f} per 1,000)")
    lines += ["| **All** | | " + " | ".join(totals) + " |", ""]
    for rule in tone:
        lines += [
            f"## <a id=\"{rule.code.lower()}\"></a>{rule.code} {rule.name} ({rule.level})",
            "",
            f"**What it does:** {rule.summary}",
            "",
            f"**Why:** {rule.why} [Guidance]({from_docs(rule.link)})",
            "",
            "**Flagged:**",
            "",
            *[f"    {line}" for example in rule.must_flag for line in body_of(example.text).splitlines() + [""]],
            "**Fine:**",
            "",
            *[f"    {line}" for example in rule.must_pass for line in body_of(example.text).splitlines() + [""]],
        ]
    (REPO / "docs" / "rules.md").write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
