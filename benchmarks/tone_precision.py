"""Tone precision on real text: lint two public corpora, sample the findings, score them against hand judgements.

    .venv/bin/python benchmarks/tone_precision.py [--corpora ../shared/corpora] [--code DIR]
                                                  [--size 200] [--seed 15] [--todo FILE]

Runs `notes lint --format json --min-level suggestion --no-cache` (every tone
rule, at every level) over the Markdown files of the two corpora in
`../shared/corpora/` (public writing by UK government teams; see its
README: read from there, never copied into this repository), draws a seeded
sample stratified by rule (at least 10 findings of every rule that has any,
or all of them, the rest in proportion to each rule's count), and looks each sampled finding
up in the hand judgements committed in `benchmarks/tone_judgements.tsv`.

A judgement is keyed by the finding itself: corpus path, line, column, code
and message, so a finding that changes in any way is judged again. Each row
says `ok` (a GOV.UK content designer would want it flagged) or `fp`, and one
line of reason.

Precision per rule is the share of its sampled findings judged `ok`. Overall
precision and false positives per 1,000 words weight each rule's precision
by its number of findings (the stratified estimate), since the sample takes
more of the small rules than their share.

`--code DIR` lints with the notes code in DIR (for example `git archive main`
unpacked into a folder) to measure a before and after with the same sample
rules. `--todo FILE` writes the sampled findings that have no judgement yet,
with the lines around each, for a person to judge. `--write FILE` keeps the
figures as JSON: `make docs` puts benchmarks/tone_precision.json in docs/rules.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JUDGEMENTS = REPO / "benchmarks" / "tone_judgements.tsv"
COLUMNS = ("path", "line", "column", "code", "message", "verdict", "reason")
VERDICTS = ("ok", "fp")
CORPORA = ("govuk-design-system", "dfe-teaching-vacancies-design-history")
MINIMUM = 10  # findings of each rule in the sample (all of a rule with fewer): enough to see a rule's weak spots


def lint(corpora: Path, code: Path) -> list[dict]:
    """Every tone finding on the corpora, paths relative to the corpora folder."""
    folders = [str(corpora / name) for name in CORPORA]
    env = dict(os.environ, PYTHONPATH=str(code))
    with tempfile.TemporaryDirectory() as empty:  # no pelicanconf.py: the files are linted as loose Markdown
        out = subprocess.run(
            [sys.executable, "-m", "pipeline", "lint", "--format", "json", "--min-level", "suggestion",
             "--no-cache", *folders],
            cwd=empty, env=env, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"notes lint failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    findings = json.loads(out.stdout)["findings"]
    prefix = str(corpora.resolve()) + os.sep
    for finding in findings:
        finding["path"] = str(Path(finding["path"]).resolve()).removeprefix(prefix)
    # Only tone and security rules: a corpus file without our front matter gets metadata findings that say so.
    return [f for f in findings if f["code"][0] in "TS"]


def words(corpora: Path) -> int:
    """Words as `wc -w` counts them, over every Markdown file of the corpora."""
    return sum(len(p.read_text(encoding="utf-8").split())
               for name in CORPORA for p in sorted((corpora / name).rglob("*.md")))


def key(finding: dict) -> tuple:
    return (finding["path"], int(finding["line"]), int(finding["column"]), finding["code"], finding["message"])


def sample(findings: list[dict], size: int, seed: int) -> list[dict]:
    """At least 10 of each rule (all, if it has fewer), the rest in proportion to each rule's count."""
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in sorted(findings, key=key):
        by_rule[finding["code"]].append(finding)
    take = {code: min(MINIMUM, len(found)) for code, found in by_rule.items()}
    spare = max(0, size - sum(take.values()))
    total = len(findings)
    shares = {code: spare * len(found) / total for code, found in by_rule.items()}
    for code in by_rule:
        take[code] = min(len(by_rule[code]), take[code] + int(shares[code]))
    # Largest remainders fill what rounding down left, where a rule has findings to spare.
    for code in sorted(by_rule, key=lambda c: shares[c] - int(shares[c]), reverse=True):
        if sum(take.values()) >= size:
            break
        if take[code] < len(by_rule[code]):
            take[code] += 1
    rng = random.Random(seed)
    return [finding for code in sorted(by_rule) for finding in rng.sample(by_rule[code], take[code])]


def load_judgements(path: Path) -> dict[tuple, tuple[str, str]]:
    if not path.is_file():
        return {}
    judged = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["verdict"] not in VERDICTS:
                sys.exit(f"{path}: verdict {row['verdict']!r} for {row['path']}:{row['line']} is not ok or fp")
            judged[key(row)] = (row["verdict"], row["reason"])
    return judged


def context(corpora: Path, finding: dict) -> str:
    lines = (corpora / finding["path"]).read_text(encoding="utf-8").splitlines()
    number = int(finding["line"])
    around = []
    for n in range(max(1, number - 2), min(len(lines), number + 2) + 1):
        marker = ">>" if n == number else "  "
        around.append(f"    {marker} {n:4} | {lines[n - 1][:300]}")
    at = "\n".join(lines[number - 1:])[int(finding["column"]) - 1:][:360].replace("\n", " ⏎ ")
    return "\n".join(around) + f"\n    at: {at}"


def write_todo(path: Path, corpora: Path, todo: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for finding in todo:
            handle.write("\t".join(str(v) for v in key(finding)) + "\t\t\n")
            handle.write(context(corpora, finding) + "\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--code", type=Path, default=REPO, help="a folder holding the notes code to measure")
    parser.add_argument("--size", type=int, default=200, help="findings in the sample")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--todo", type=Path, help="write the unjudged sampled findings here, with context")
    parser.add_argument("--write", type=Path, help="keep the figures here as JSON (benchmarks/tone_precision.json)")
    args = parser.parse_args()
    if not all((args.corpora / name).is_dir() for name in CORPORA):
        sys.exit(f"the corpora are not in {args.corpora}: pass --corpora")

    findings = lint(args.corpora, args.code)
    total_words = words(args.corpora)
    chosen = sample(findings, args.size, args.seed)
    judged = load_judgements(args.judgements)
    todo = [f for f in chosen if key(f) not in judged]
    if args.todo:
        write_todo(args.todo, args.corpora, todo)
        print(f"{len(todo)} of {len(chosen)} sampled findings have no judgement: written to {args.todo}")
        return
    if todo:
        sys.exit(f"{len(todo)} of {len(chosen)} sampled findings have no judgement: run with --todo FILE")

    counts = Counter(f["code"] for f in findings)
    verdicts: dict[str, Counter] = defaultdict(Counter)
    for finding in chosen:
        verdicts[finding["code"]][judged[key(finding)][0]] += 1
    print(f"{len(findings)} findings in {total_words:,} words; a sample of {len(chosen)} (seed {args.seed}) judged by hand")
    print(f"{'rule':<6} {'findings':>8} {'sampled':>8} {'ok':>4} {'fp':>4} {'precision':>10} {'est. fp':>8}")
    estimated_fp = 0.0
    rules = {}
    for code in sorted(counts):
        ok, fp = verdicts[code]["ok"], verdicts[code]["fp"]
        precision = ok / (ok + fp)
        estimated_fp += counts[code] * (1 - precision)
        rules[code] = {"findings": counts[code], "sampled": ok + fp, "ok": ok, "fp": fp, "precision": round(precision, 3)}
        print(f"{code:<6} {counts[code]:>8} {ok + fp:>8} {ok:>4} {fp:>4} {precision:>9.0%} {counts[code] * (1 - precision):>8.1f}")
    overall = 1 - estimated_fp / len(findings) if findings else 1.0
    per_thousand = estimated_fp / total_words * 1000
    print(f"overall precision (weighted by findings): {overall:.1%}")
    print(f"sample precision (unweighted): {sum(v['ok'] for v in verdicts.values()) / len(chosen):.1%}")
    print(f"false positives per 1,000 words (estimated): {per_thousand:.2f}")
    if args.write:
        args.write.write_text(json.dumps({
            "words": total_words, "findings": len(findings), "sample": len(chosen), "seed": args.seed,
            "precision": round(overall, 3), "false_positives_per_1000_words": round(per_thousand, 2), "rules": rules,
        }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
