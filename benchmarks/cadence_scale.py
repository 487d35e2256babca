"""Cadence at scale: the report for 500 teams × 5 years of weekly notes, in memory.

    .venv/bin/python benchmarks/cadence_scale.py [--teams 500] [--years 5] [--rounds 5]

Builds Team and Note objects directly (no files: reading Markdown is the
loader's cost, measured elsewhere), about 130,000 weeknotes for 500 teams and
10 posts a month, with some weeks missed, some notes late, quiet weeks at
Christmas and a five-week freeze. Times, best of `--rounds`:

- the report (`build_report`, what `notes cadence` and the site compute), and
- the checks (`cadence.rules.check`, what `notes lint` and `notes build` add),

for a quarter, half and all of the teams, to show that time grows linearly
with notes. The target is under 1 second for the whole report.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.cadence import rules  # noqa: E402
from pipeline.cadence.options import CadenceOptions, Freeze  # noqa: E402
from pipeline.cadence.report import build_report  # noqa: E402
from pipeline.content.frontmatter import Document  # noqa: E402
from pipeline.content.loader import Site  # noqa: E402
from pipeline.content.model import POST, WEEKNOTE, IsoWeek, Note, Team  # noqa: E402

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 27)
OPTIONS = CadenceOptions(
    grace_days=1,
    quiet=("2022-W52", "2023-W52", "2024-W52", "2025-W52", "2026-W52"),
    freeze=(Freeze(date(2024, 5, 27), date(2024, 7, 4), "general election"),),
)


def _doc(source: str) -> Document:
    return Document(Path(source), source, {}, "", 1)


def generate(teams: int, years: int, seed: int = 4) -> tuple[list[Team], list[Note]]:
    rng = random.Random(seed)
    since = TODAY - timedelta(weeks=52 * years)
    team_list, notes = [], []
    for number in range(teams):
        slug = f"team-{number:03d}"
        team = Team(slug, f"Team {number}", "weekly", "friday", since, ("author",), (), (), _doc(f"content/teams/{slug}.md"))
        team_list.append(team)
        friday = since + timedelta(days=(4 - since.weekday()) % 7)
        while friday <= TODAY:
            roll = rng.random()
            if roll > 0.04:  # 4% of weeks missed
                day = friday + timedelta(days=2 if roll > 0.97 else 0)  # 3% late, on the Sunday
                when = datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)
                week = IsoWeek.of(day)
                source = f"content/weeknotes/{slug}/{week}.md"
                notes.append(Note(WEEKNOTE, source, Path(source), f"Team {number}: {week}", when, ("author",), "Summary.",
                                  f"{slug}-{week.slug}", "published", None, (), slug, week, _doc(source)))
            friday += timedelta(weeks=1)
    day = since
    while day <= TODAY:
        for hour in (9,) if rng.random() > 0.05 else (9, 14):  # now and then, two posts on a day
            source = f"content/posts/{day}-{hour}.md"
            notes.append(Note(POST, source, Path(source), f"Post {day}", datetime(day.year, day.month, day.day, hour, tzinfo=LONDON),
                              ("author",), "Summary.", f"post-{day}-{hour}", "published", "leadership", (), None, None,
                              _doc(source)))
        day += timedelta(days=3)
    return team_list, notes


def best_of(rounds: int, work, *args) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    teams, notes = generate(args.teams, args.years)
    weeknotes = sum(1 for n in notes if n.kind == WEEKNOTE)
    print(f"{len(teams)} teams, {args.years} years: {weeknotes:,} weeknotes and {len(notes) - weeknotes:,} posts")
    for share in (4, 2, 1):
        some = teams[: len(teams) // share]
        wanted = {t.slug for t in some}
        some_notes = [n for n in notes if n.team is None or n.team in wanted]
        report = best_of(args.rounds, build_report, some_notes, some, TODAY, OPTIONS, LONDON)
        site = Site(REPO / "content", LONDON, teams={t.slug: t for t in some}, notes=some_notes)
        checks = best_of(args.rounds, rules.check, site, OPTIONS)
        per_note = report / len(some_notes) * 1e6
        print(f"{len(some):>4} teams, {len(some_notes):>7,} notes: report {report:.3f} s ({per_note:.2f} µs a note), "
              f"checks {checks:.3f} s")


if __name__ == "__main__":
    main()
