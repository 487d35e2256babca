"""Lint speed: notes lint (cold, then warm with its cache) against proselint, on the same files.

    .venv/bin/python benchmarks/lint_speed.py [--notes 2000] [--corpora ../shared/corpora]

Generates a site of realistic notes (about 400 words each, with planted defects)
in a temporary folder, then runs, one after another in this one run:
`notes lint` with no cache, `notes lint` again with the cache, and
`proselint check` on the same Markdown files, each three times (the median
is reported). Then, where the real corpora are (../shared/corpora: public
writing by UK government teams, with template tags, tables and raw HTML),
`notes lint` and `proselint check` on their 272 files, the same way. Prints
wall times, ratios and the peak memory of the largest process of each run.
Needs proselint (`pip install proselint`).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
SENTENCES = [
    "We moved the {thing} to the new platform on {day}.",
    "The {team} team tested the {thing} with {n} caseworkers from {place}.",
    "Residents told us the {thing} was hard to find, so we changed the page.",
    "It took {n} days longer than we planned because the restore was slow.",
    "We found {n} problems in the {thing} and fixed {m} of them by {day}.",
    "Next week we will write up what we learned and share it with the {team} team.",
    "The supplier sent the new {thing} late, which held up our testing.",
    "We ran {n} research sessions and heard the same problem in most of them.",
    "Staff at {place} now use the {thing} every day.",
    "We stopped work on the {thing} to fix a problem with payments.",
]
DEFECTS = [
    "We will utilise the {thing} going forward.",
    "This is a key priority and we can't miss it.",
    "To read the plan, [click here](https://example.gov.uk/plan).",
    "We want to leverage the {thing} in order to deliver improvements across the whole council and every team that uses the {thing} today, which will take us most of next year to finish properly.",
    "The DWP team did a deep dive on the {thing}!",
    "Simply click the button & wait.",
]
WORDS = {"thing": ["case database", "sign-in service", "repairs form", "search index", "payments page", "permit service"],
         "team": ["data", "identity", "repairs", "housing", "libraries"],
         "place": ["Sheffield", "the town hall", "the depot", "two libraries"],
         "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}


def sentence(rng: random.Random, template: str) -> str:
    return template.format(n=rng.randint(2, 60), m=rng.randint(1, 2), **{k: rng.choice(v) for k, v in WORDS.items()})


def body(rng: random.Random, sections: list[str]) -> str:
    parts = []
    for heading in sections:
        parts.append(f"## {heading}\n")
        for _ in range(rng.choice((2, 3))):
            parts.append(" ".join(sentence(rng, rng.choice(SENTENCES)) for _ in range(rng.choice((3, 4)))) + "\n")
    parts.insert(rng.randint(1, len(parts)), sentence(rng, rng.choice(DEFECTS)) + "\n")
    return "\n".join(parts)


def make_site(root: Path, notes: int) -> list[Path]:
    rng = random.Random(2026)
    (root / "pelicanconf.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    content = root / "content"
    (content / "authors").mkdir(parents=True)
    (content / "authors/jane-doe.md").write_text("---\nname: Jane Doe\nrole: Director\n---\nJane leads digital work.\n")
    teams = 20
    for t in range(teams):
        (content / "teams").mkdir(exist_ok=True)
        (content / f"teams/team-{t}.md").write_text(
            f"---\nname: Team {t}\ncadence: weekly\ndue: friday\nsince: 2024-01-05\nmembers: [jane-doe]\n"
            "sections: [What went well, What we learned, What's next]\n---\nA team.\n")
    files = []
    sections = ["What went well", "What we learned", "What's next"]
    for i in range(notes // 2):
        day = date(2024, 1, 1) + timedelta(days=i)
        path = content / "posts" / f"{day}-post-{i}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\ntitle: Post number {i} about our work\ndate: {day} 09:00\nauthors: [jane-doe]\n"
                        f"summary: What we did and what we learned, part {i}.\n---\n" + body(rng, ["Background", "What we did", "Next steps"]))
        files.append(path)
    weeks = (notes - notes // 2) // teams
    for t in range(teams):
        for w in range(weeks):
            friday = date(2024, 1, 5) + timedelta(weeks=w)
            year, week, _ = friday.isocalendar()
            path = content / "weeknotes" / f"team-{t}" / f"{year}-W{week:02d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ndate: {friday}\nauthors: [jane-doe]\nsummary: Week {week} for team {t}.\n---\n" + body(rng, sections))
            files.append(path)
    return files


# Both tools run as users run them, with Python's bytecode cache on (this machine turns it off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB of the largest process, and the exit code, measured in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True,
                         check=True, env=ENV)
    seconds, kilobytes, code = out.stdout.split()
    return float(seconds), int(kilobytes) / 1024, int(code)


def median(runs) -> tuple[float, float, int]:
    """The run with the median wall time."""
    ordered = sorted(runs)
    return ordered[len(ordered) // 2]


def corpora_run(corpora: Path, proselint: str, rounds: int) -> None:
    """notes lint and proselint on the real corpora's Markdown files, side by side."""
    folders = [str(corpora / name) for name in ("govuk-design-system", "dfe-teaching-vacancies-design-history")]
    files = [p for folder in folders for p in Path(folder).rglob("*.md")]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    print(f"\nReal corpora ({corpora}): {len(files)} files, {words:,} words")
    with tempfile.TemporaryDirectory() as empty:  # no site here: every file is linted, none from a cache
        notes = [str(BIN / "notes"), "lint", "--min-level", "suggestion", "--no-cache", *folders]
        ours = median(timed(notes, Path(empty)) for _ in range(rounds))
        theirs = median(timed([proselint, "check", *folders], Path(empty)) for _ in range(rounds))
    for name, (seconds, megabytes, code) in (("notes lint (every file, no cache)", ours), ("proselint check", theirs)):
        print(f"{name:<36} {seconds:7.2f} s   peak {megabytes:6.1f} MB   exit {code}")
    print(f"proselint / notes lint on real notes: {theirs[0] / ours[0]:.1f}x  (goal at least 10x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command; the median is reported")
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpora",
                        help="the real corpora, measured too when the folder exists")
    args = parser.parse_args()
    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if not proselint:
        sys.exit("proselint is not installed: pip install proselint")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = make_site(root, args.notes)
        words = sum(len(p.read_text().split()) for p in files)
        print(f"{len(files)} notes, {words:,} words, on {subprocess.check_output(['nproc']).decode().strip()} cores")
        notes = [str(BIN / "notes"), "lint", "--min-level", "suggestion"]
        # Write both tools' bytecode caches first, so no run pays for compiling Python.
        timed([sys.executable, "-c", "import pipeline.cli, pipeline.lint.run"], root)
        timed([proselint, "version"], root)
        proselint_check = [proselint, "check", str(root / "content" / "posts"), str(root / "content" / "weeknotes")]
        cold = median(timed(notes + ["--no-cache"], root) for _ in range(args.rounds))
        timed(notes, root)  # fills the cache
        warm = median(timed(notes, root) for _ in range(args.rounds))
        prose = median(timed(proselint_check, root) for _ in range(args.rounds))
        rows = [("notes lint, cold (no cache)", cold), ("notes lint, warm (cache)", warm), ("proselint check", prose)]
        for name, (seconds, megabytes, code) in rows:
            print(f"{name:<30} {seconds:7.2f} s   peak {megabytes:6.1f} MB   exit {code}")
        print(f"proselint / cold notes lint: {prose[0] / cold[0]:.1f}x  (target at least 10x)")
        print(f"proselint / warm notes lint: {prose[0] / warm[0]:.1f}x  (target at least 50x)")
    if args.corpora.is_dir():
        corpora_run(args.corpora, proselint, args.rounds)


if __name__ == "__main__":
    main()
