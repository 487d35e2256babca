"""Regenerate docs/rules.md: every tone rule, where its word list comes from, its examples, and its measured precision.

Run by `make docs`. The precision table is what benchmarks/tone_precision.py
measured on two public corpora of real writing by UK government teams and kept
in benchmarks/tone_precision.json (the corpora are not in this repository, so
docs are made from the kept figures, not by linting them again).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.catalogue import RULES

REPO = Path(__file__).resolve().parent.parent
MEASURED = REPO / "benchmarks" / "tone_precision.json"


def from_docs(link: str) -> str:
    """A rule's link as docs/rules.md reaches it: rules name the repository's own pages from its root."""
    return link.removeprefix("docs/")


def body_of(text: str) -> str:
    return text.split("---\n", 2)[-1].strip()


def precision_table() -> list[str]:
    measured = json.loads(MEASURED.read_text(encoding="utf-8"))
    lines = [
        "## Precision, measured on real writing",
        "",
        f"`benchmarks/tone_precision.py` lints {measured['words']:,} words of public Markdown by UK government",
        "teams (the GOV.UK Design System's guidance and a Department for Education service's design history),",
        f"draws a seeded sample of {measured['sample']} of its {measured['findings']:,} findings, at least 10 of every rule",
        "(all of a rule with fewer), and scores it against hand judgements kept with their reasons in",
        "`benchmarks/tone_judgements.tsv`. A finding is correct when a GOV.UK content designer would want it",
        "flagged. Overall figures weight each rule by its number of findings.",
        "",
        "| Rule | Level | Findings | Judged | Correct | Precision |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for code, figures in sorted(measured["rules"].items()):
        rule = RULES.get(code)
        name = f"[{code}](#{code.lower()}) {rule.name}" if rule else code
        lines.append(f"| {name} | {rule.level if rule else ''} | {figures['findings']} | {figures['sampled']} | "
                     f"{figures['ok']} | {figures['precision']:.0%} |")
    lines += [
        f"| **All** | | {measured['findings']:,} | {measured['sample']} | | **{measured['precision']:.1%}** |",
        "",
        f"Estimated false positives: **{measured['false_positives_per_1000_words']:.2f} per 1,000 words**. Rules not in",
        "the table had no findings on these corpora. Before issue 15 the same measure gave 74.1% and 2.35 per",
        "1,000 words (benchmarks/README.md).",
        "",
    ]
    return lines


def main() -> None:
    lines = [
        "# Tone rules",
        "",
        "`notes lint` checks prose against GOV.UK's plain English guidance. Each rule has a stable",
        "code that never changes meaning. Levels: **error** blocks publishing, **warning** is shown,",
        "**suggestion** is shown with `--min-level suggestion`. Change any level, or switch rules off,",
        "in `[tool.notes.lint]` (see [lint.md](lint.md)). Metadata rules (M) are in",
        "[content.md](content.md); cadence rules (C) in [cadence.md](cadence.md). The link rule (L101)",
        "checks every link and image a writer points inside the site against the pages and files the",
        "site will have.",
        "",
        "Word, hype, contraction, acronym, capitals and ampersand rules read the writer's own words only:",
        "not quotations, titles in link text, or names (see [lint.md](lint.md#someone-elses-words)). A note",
        "whose `lang` is not English gets only the rules marked *any language*.",
        "",
        "This page is made by `make docs` from the rules themselves.",
        "",
        *precision_table(),
    ]
    # S: security rules; L: the link rule, which resolves writers' links against the whole site.
    tone = [rule for code, rule in sorted(RULES.items()) if code.startswith(("T", "S", "L"))]
    from pipeline.lint.rules import CHECKS

    for rule in tone:
        language = "" if rule.code in CHECKS and CHECKS[rule.code].english else ", any language"
        lines += [
            f"## <a id=\"{rule.code.lower()}\"></a>{rule.code} {rule.name} ({rule.level}{language})",
            "",
            f"**What it does:** {rule.summary}",
            "",
            f"**Why:** {rule.why} [Guidance]({from_docs(rule.link)})",
            "",
            *([f"**Where the list comes from:** {rule.source}", ""] if rule.source else []),
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
