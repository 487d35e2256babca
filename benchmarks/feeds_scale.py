"""Feeds at scale: how much time the feeds add to a build of a large site.

    .venv/bin/python benchmarks/feeds_scale.py [--notes 10000] [--teams 50] [--authors 200] [--tags 300] [--rounds 1]

Generates a site in a temporary folder (80% weeknotes, a weekly note per team
going back as far as needed, and 20% posts; each note about 250 words with a
relative link and an image, 3 tags and 2 authors), checks it once, then builds
it with Pelican with the feeds plugin on (NOTES_FEEDS = True) and off
(NOTES_FEEDS = False), alternately, `--rounds` times each, in this one run.
Prints each build's time, the feeds written, and the ratio. The target is
at most 10% added build time. (Since issue 8 the feeds are written with the
pages, on every core, so the generator no longer times its own writing: the
whole-build comparison is the figure.)

The time compared is a whole `notes build` (pipeline.build.prepare, which
loads and checks the content, then render: Pelican with every generator).
Both the CPU time of this process and the wall-clock time are printed; the
CPU time is the steadier on a shared machine, as the build is one process.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import build as site_build  # noqa: E402

TODAY = date(2026, 11, 30)
SENTENCES = [
    "We moved the {thing} to the new platform on {day}.",
    "The team tested the {thing} with {n} caseworkers from {place}.",
    "Residents told us the {thing} was hard to find, so we changed the page.",
    "It took {n} days longer than we planned because the restore was slow.",
    "We found {n} problems in the {thing} and fixed most of them by {day}.",
    "Next week we will write up what we learned and share it with other teams.",
    "The supplier sent the new {thing} late, which held up our testing.",
    "Staff at {place} now use the {thing} every day.",
]
WORDS = {"thing": ["case database", "sign-in service", "repairs form", "search index", "payments page"],
         "place": ["Sheffield", "the town hall", "the depot", "two libraries"],
         "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}
SECTIONS = ["What went well", "What we learned", "What's next"]
CATEGORIES = ["leadership", "strategy", "culture", "technology", "delivery"]


def sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(n=rng.randint(2, 60), **{k: rng.choice(v) for k, v in WORDS.items()})


def body(rng: random.Random, headings: list[str]) -> str:
    parts = []
    for heading in headings:
        paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(2)]
        parts.append(f"## {heading}\n\n" + "\n\n".join(paragraphs) + "\n")
    parts.append("See [the plan](/plan/) and the chart:\n\n![Progress by month](chart.png)\n")
    return "\n".join(parts)


def generate(root: Path, notes: int, teams: int, authors: int, tags: int, seed: int = 48) -> None:
    """A site folder like the repository's, with the settings files, the theme and generated content."""
    rng = random.Random(seed)
    content = root / "content"
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'\nNOTES_TODAY = "{TODAY}"\n')
    (root / "nofeeds.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
        "from pelicanconf import *  # noqa\nNOTES_FEEDS = False\n", encoding="utf-8")
    (root / "theme").symlink_to(REPO / "theme", target_is_directory=True)

    author_slugs = [f"author-{i:03d}" for i in range(authors)]
    tag_names = [f"topic {i:03d}" for i in range(tags)]
    for slug in author_slugs:
        write(content / "authors" / f"{slug}.md", f"---\nname: Person {slug[-3:]}\nrole: Civil servant\n---\nA bio.\n")
    team_slugs = [f"team-{i:02d}" for i in range(teams)]
    members = {team: author_slugs[i::teams] or author_slugs[:2] for i, team in enumerate(team_slugs)}

    weeknotes = notes * 4 // 5
    weeks = -(-weeknotes // teams)  # per team, rounded up
    first_monday = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=weeks)
    for team in team_slugs:
        write(content / "teams" / f"{team}.md",
              f"---\nname: Team {team[-2:]}\ncadence: weekly\ndue: friday\nsince: {first_monday}\n"
              f"members: [{', '.join(members[team])}]\n---\nWhat the team does.\n")
    written = 0
    for week in range(weeks):
        friday = first_monday + timedelta(weeks=week, days=4)
        year, number, _ = friday.isocalendar()
        for team in team_slugs:
            if written == weeknotes:
                break
            written += 1
            front = (f"date: {friday}\nauthors: [{', '.join(rng.sample(members[team], min(2, len(members[team]))))}]\n"
                     f"tags: [{', '.join(rng.sample(tag_names, 3))}]\nsummary: {sentence(rng)}")
            write(content / "weeknotes" / team / f"{year}-W{number:02d}.md", f"---\n{front}\n---\n{body(rng, SECTIONS)}")
    span = (weeks * 7) or 1
    for i in range(notes - weeknotes):
        day = TODAY - timedelta(days=1 + (i * span) // max(1, notes - weeknotes))
        front = (f"title: Post number {i} about the {rng.choice(WORDS['thing'])}\ndate: {day} 09:00\n"
                 f"authors: [{', '.join(rng.sample(author_slugs, 2))}]\ncategory: {rng.choice(CATEGORIES)}\n"
                 f"tags: [{', '.join(rng.sample(tag_names, 3))}]\nsummary: {sentence(rng)}")
        write(content / "posts" / f"{day}-post-{i}.md", f"---\n{front}\n---\n{body(rng, ['Why', 'What we did'])}")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(root: Path, settings: str, output: Path) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of one whole build."""
    cpu, wall = time.process_time(), time.perf_counter()
    site_build.render(site_build.prepare(root / settings, output))
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--authors", type=int, default=200)
    parser.add_argument("--tags", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=1, help="builds of each kind, alternating")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log = logging.getLogger("feeds_scale")
    log.setLevel(logging.INFO)

    with tempfile.TemporaryDirectory(prefix="feeds-scale-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        generate(root, args.notes, args.teams, args.authors, args.tags)
        log.info("generated %d notes, %d teams, %d authors, %d tags in %.1f s",
                 args.notes, args.teams, args.authors, args.tags, time.perf_counter() - started)
        started = time.perf_counter()
        prepared = site_build.prepare(root / "pelicanconf.py", root / "output")
        log.info("load and check: %.1f s (%d findings), the same with or without feeds",
                 time.perf_counter() - started, len(prepared.findings))

        times: dict[str, list[tuple[float, float]]] = {"without feeds": [], "with feeds": []}
        for _ in range(args.rounds):
            times["without feeds"].append(build(root, "nofeeds.py", root / "output-plain"))
            times["with feeds"].append(build(root, "pelicanconf.py", root / "output-feeds"))
            for kind, runs in times.items():
                log.info("  %-14s CPU %6.1f s, wall %6.1f s", kind, *runs[-1])
        feeds = sorted((root / "output-feeds" / "feeds").rglob("*.xml"))
        size = sum(f.stat().st_size for f in feeds)
        log.info("feeds written: %d files, %.1f MB, plus feeds.opml and /subscribe/", len(feeds), size / 1e6)
        for index, clock in enumerate(("CPU", "wall")):
            plain = min(run[index] for run in times["without feeds"])
            with_feeds = min(run[index] for run in times["with feeds"])
            log.info("%-4s build without feeds %.1f s, with feeds %.1f s (best of %d): feeds add %.1f s, "
                     "%.1f%% (target: at most 10%%)", clock, plain, with_feeds, args.rounds,
                     with_feeds - plain, 100 * (with_feeds - plain) / plain)


if __name__ == "__main__":
    main()
