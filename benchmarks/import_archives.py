"""Import figures: each archive in tests/fixtures/archives/ imported and built, then the baseline's size and cost.

    .venv/bin/python benchmarks/import_archives.py [--runs 5]

For each archive: it is imported into a new copy of the demo site
(`notes import`, as tests/test_import_archives.py does) and built
(`notes build`); the table gives files and notes read, notes imported and
drafts, files copied, old addresses kept as redirects, template tags
converted and left out, findings baselined, and the build's exit code and
time. Then every archive is imported into one copy of the demo site, and
`notes lint --baseline` records the whole site's findings: the baseline's
entries and bytes are printed, and `notes lint` is timed with the baseline
and with `--no-baseline`, side by side in this one run (median of --runs),
both with a warm lint cache (what a writer's second run costs) and with
--no-cache (every file linted). Where ../shared/corpora/ is there, the
same is measured once more with the DfE teaching vacancies design history
(142 real Eleventy posts, read in place, never copied into the repository)
imported as well.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import make_site  # noqa: E402 - the same site layout the tests build

NOTES = Path(sys.executable).parent / "notes"
ARCHIVES = REPO / "tests" / "fixtures" / "archives"
ARGS = {"lume": ["--date-field", "week_ending", "--kind", "weeknote", "--team", "data-platform"]}
CORPUS = REPO.parent / "shared" / "corpora" / "dfe-teaching-vacancies-design-history"
JEKYLL_DRAFT_DAY = 1582286400  # as the test dates the Jekyll draft: its file's last change


def notes(root: Path, *args: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run([str(NOTES), *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def copy_archive(name: str, root: Path) -> None:
    shutil.copytree(ARCHIVES / name, root / "old" / name)
    draft = root / "old" / name / "_drafts/weeknote-sprint-3.md"
    if draft.exists():
        os.utime(draft, (JEKYLL_DRAFT_DAY, JEKYLL_DRAFT_DAY))


def figures(name: str, base: Path) -> dict:
    """Import one archive into a new demo site through the Python API (for its counts), then build."""
    from pipeline.importers.plan import Choices
    from pipeline.importers.reading import Options
    from pipeline.importers.run import import_notes
    from pipeline.project import open_project

    root = make_site(base / name, REPO / "content")
    copy_archive(name, root)
    args = ARGS.get(name, [])
    cwd = os.getcwd()
    os.chdir(root)
    try:
        options = Options(fields={"date": args[1]} if args else {})
        choices = Choices("weeknote", "data-platform") if args else Choices()
        outcome = import_notes(open_project(Path("pelicanconf.py")), [Path("old") / name], "auto", choices, False,
                               options)
    finally:
        os.chdir(cwd)
    plan, reading = outcome.plan, outcome.reading
    code, output, seconds = notes(root, "build")
    return {
        "archive": name, "files": reading.files, "notes": len(reading.notes),
        "imported": len(plan.create), "drafts": sum(p.imported.status == "draft" for p in plan.create),
        "skipped": len(reading.skipped) + len(plan.skipped), "copied": len(plan.copies),
        "aliases": sum(len(p.fields.get("aliases", ())) for p in plan.create),
        "converted": sum(p.imported.converted for p in plan.create),
        "left out": sum(n.kind == "Template tags left out" for p in plan.create for n in p.attention),
        "baselined": outcome.baselined, "build": f"exit {code}, {seconds:.1f} s",
    }


def median_time(root: Path, runs: int, *args: str) -> float:
    return statistics.median(notes(root, "lint", *args)[2] for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        rows = [figures(name, base) for name in sorted(p.name for p in ARCHIVES.iterdir() if p.is_dir())]
        columns = list(rows[0])
        print("| " + " | ".join(columns) + " |")
        print("| " + " | ".join("---" for _ in columns) + " |")
        for row in rows:
            print("| " + " | ".join(str(row[c]) for c in columns) + " |")

        root = make_site(base / "all", REPO / "content")
        for name in sorted(r["archive"] for r in rows):
            copy_archive(name, root)
            code, output, _ = notes(root, "import", f"old/{name}", *ARGS.get(name, []))
            assert code == 0, output
        measure(root, "Demo site plus every archive", runs)
        if CORPUS.is_dir():
            code, output, seconds = notes(root, "import", str(CORPUS), "--from", "eleventy", "--author", "helen-okafor")
            assert code == 0, output
            print(f"\nImported the DfE design history in {seconds:.1f} s: " + output.splitlines()[2])
            code, output, seconds = notes(root, "build")
            built = next((line for line in output.splitlines() if line.startswith("Built ")), output.splitlines()[-1])
            print(f"notes build: exit {code} in {seconds:.1f} s: {built}")
            measure(root, "Demo site, every archive and the DfE design history", runs)


def measure(root: Path, label: str, runs: int) -> None:
    notes(root, "lint", "--baseline")
    baseline = root / ".notes-baseline.json"
    entries = len(json.loads(baseline.read_text())["findings"])
    files = len(list((root / "content").rglob("*.md")))
    print(f"\n{label}: {files} files; .notes-baseline.json holds {entries} findings in "
          f"{baseline.stat().st_size:,} bytes.")
    notes(root, "lint")  # the lint cache, warm
    for kind, extra in (("warm cache", ()), ("--no-cache", ("--no-cache",))):
        with_baseline = median_time(root, runs, *extra)
        without = median_time(root, runs, "--no-baseline", *extra)
        print(f"notes lint, {kind}: {with_baseline:.3f} s with the baseline, {without:.3f} s with --no-baseline "
              f"(ratio {with_baseline / without:.2f}, median of {runs})")


if __name__ == "__main__":
    main()
