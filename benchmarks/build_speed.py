"""Whole builds and the serve edit loop at scale, against bare Pelican on the same Markdown.

    .venv/bin/python benchmarks/build_speed.py [--sizes 1000 10000] [--rounds N] [--write-readme]

For each size it generates, in a temporary folder, a realistic site (50 teams
writing weekly, 200 authors, 300 tags, 80% weeknotes and 20% posts, each note
300-800 words with headings, links, a list and a code block) twice: once with
our YAML front matter, once with Pelican's own `Key: value` metadata for bare
Pelican. Then it measures, side by side in this one run, each as a separate
process (wall time, and the peak memory of the process and of the largest
process it ran), in rounds of all five (five at 1,000 notes, where a second
of noise matters, one at 10,000), reporting the median of each:

  (a) bare Pelican: its stock Markdown reader, its stock Atom and RSS feeds
      (all, category, author, tag) and its default theme, no cache;
  (b) `notes publish` with empty caches and no earlier output: it loads and
      checks every note (metadata, tone, cadence), renders every page, the
      feedgen feeds and the Pagefind search index, self-checks, writes the
      manifest and swaps the site in;
  (c) `notes publish` again, whole as every publish is, with warm caches
      (rendered Markdown, parsed front matter, compiled templates, findings);
  (d) the serve edit loop: with `notes serve` running, one note's text is
      changed, and the time is taken from the file write until the server
      serves the page with the new text;
  (e) `notes lint` alone, cold.

It prints the ratios b/a, c/a and d/c and the time per note at each size.
Targets (issue 20): b/a <= 1.15 (goal 1.0), c/a <= 0.8, d <= 0.2 of a whole
build, time per note at 10,000 within 1.2x of that at 1,000, peak memory at
10,000 under 1.5 GB. With --write-readme the table goes into
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import urllib.request
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from pipeline.content.model import slugify  # noqa: E402 - the repository's own, as notes makes post addresses
BIN = Path(sys.executable).parent
TODAY = date(2026, 11, 30)
TEAMS, AUTHORS, TAGS = 50, 200, 300
README = REPO / "benchmarks" / "README.md"
TABLE_START, TABLE_END = "<!-- build_speed.py table -->", "<!-- end build_speed.py table -->"

THINGS = ["case database", "sign-in service", "repairs form", "search index", "payments page", "booking tool"]
PLACES = ["Sheffield", "the town hall", "the depot", "two libraries", "the contact centre"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SENTENCES = [
    "We moved the {thing} to the new platform on {day}.",
    "The team tested the {thing} with {n} caseworkers from {place}.",
    "Residents told us the {thing} was hard to find, so we changed the page and tested it again.",
    "It took {n} days longer than we planned because the restore from backup was slow.",
    "We found {n} problems in the {thing} and fixed most of them by {day}.",
    "Next week we will write up what we learned and share it with other teams.",
    "The supplier sent the new {thing} late, which held up our testing for a week.",
    "Staff at {place} now use the {thing} every day, and {n} of them sent us ideas.",
    "You can read [the service standard](https://www.gov.uk/service-manual/service-standard) for the reasons.",
    "Every team has [a page of its own](/teams/) with all its weeknotes.",
]
CODE = ["```sh\nmake test\nnotes lint content/\n```", "```python\nfor case in cases:\n    review(case)\n```",
        "```yaml\nteam: data-platform\ncadence: weekly\n```"]
SECTIONS = ["What went well", "What we learned", "What's next"]
CATEGORIES = ["leadership", "strategy", "culture", "technology", "delivery"]


def sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(n=rng.randint(2, 60), thing=rng.choice(THINGS),
                                        place=rng.choice(PLACES), day=rng.choice(DAYS))


def body(rng: random.Random, headings: list[str]) -> str:
    """300 to 800 words under these headings, with a list and a code block."""
    target, words, parts = rng.randint(300, 800), 0, []
    for index, heading in enumerate(headings):
        parts.append(f"## {heading}\n")
        share = target * (index + 1) // len(headings)
        while words < share:
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
            words += len(paragraph.split())
            parts.append(paragraph + "\n")
        if index == 0:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)) + "\n")
        if index == 1:
            parts.append(rng.choice(CODE) + "\n")
    return "\n".join(parts)


@dataclass
class Note:
    kind: str
    path: str  # relative to content/
    title: str
    when: str  # "2026-11-27" or "2026-11-27 09:00"
    authors: list[str]
    tags: list[str]
    summary: str
    body: str
    category: str = ""


def notes_for(count: int, seed: int = 8) -> tuple[list[Note], dict[str, list[str]]]:
    rng = random.Random(seed)
    authors = [f"author-{i:03d}" for i in range(AUTHORS)]
    tags = [f"topic {i:03d}" for i in range(TAGS)]
    teams = [f"team-{i:02d}" for i in range(TEAMS)]
    members = {team: authors[i::TEAMS] for i, team in enumerate(teams)}
    weeknotes = count * 4 // 5
    weeks = -(-weeknotes // TEAMS)
    first_monday = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=weeks)
    notes: list[Note] = []
    for week in range(weeks):
        friday = first_monday + timedelta(weeks=week, days=4)
        year, number, _ = friday.isocalendar()
        for team in teams:
            if len(notes) == weeknotes:
                break
            notes.append(Note("weeknote", f"weeknotes/{team}/{year}-W{number:02d}.md",
                              f"Team {team[-2:]} weeknote: week {number}, {year}", str(friday),
                              rng.sample(members[team], 2), rng.sample(tags, 3), sentence(rng),
                              body(rng, SECTIONS), category=team))
    span = weeks * 7 or 1
    posts = count - weeknotes
    for i in range(posts):
        day = TODAY - timedelta(days=1 + (i * span) // max(1, posts))
        notes.append(Note("post", f"posts/{day}-post-{i}.md", f"Post {i} about the {rng.choice(THINGS)}",
                          f"{day} 09:00", rng.sample(authors, 2), rng.sample(tags, 3), sentence(rng),
                          body(rng, ["Why we did it", "What we did", "What happens next"]),
                          category=rng.choice(CATEGORIES)))
    return notes, members


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate_notes_site(root: Path, notes: list[Note], members: dict[str, list[str]]) -> None:
    """A site folder like the repository's: its settings, its theme, the notes with YAML front matter."""
    for name in ("pelicanconf.py", "publishconf.py", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'\nNOTES_TODAY = "{TODAY}"\n')
    (root / "theme").symlink_to(REPO / "theme", target_is_directory=True)
    content = root / "content"
    for author in sorted({a for team in members.values() for a in team}):
        write(content / "authors" / f"{author}.md", f"---\nname: Person {author[-3:]}\nrole: Civil servant\n---\nA bio.\n")
    since = min(n.when for n in notes if n.kind == "weeknote")
    for team, people in members.items():
        write(content / "teams" / f"{team}.md",
              f"---\nname: Team {team[-2:]}\ncadence: weekly\ndue: friday\nsince: {since}\n"
              f"members: [{', '.join(people)}]\n---\nWhat the team does.\n")
    for note in notes:
        front = [f"date: {note.when}", f"authors: [{', '.join(note.authors)}]",
                 f"tags: [{', '.join(note.tags)}]", f"summary: {note.summary}"]
        if note.kind == "post":
            front[:0] = [f"title: {note.title}"]
            front.append(f"category: {note.category}")
        write(content / note.path, "---\n" + "\n".join(front) + "\n---\n" + note.body)


BARE_SETTINGS = """\
SITENAME = "Bare Pelican"
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
SITEURL = ""
RELATIVE_URLS = True
FEED_DOMAIN = "https://blog.example.gov.uk"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
DEFAULT_PAGINATION = False
"""


def generate_bare_site(root: Path, notes: list[Note]) -> None:
    """The same notes for bare Pelican: its `Key: value` metadata, weeknotes in a category per team."""
    write(root / "pelicanconf.py", BARE_SETTINGS)
    for note in notes:
        slug = Path(note.path).stem if note.kind == "post" else f"{note.category}-{Path(note.path).stem}"
        meta = [f"Title: {note.title}", f"Date: {note.when}", f"Category: {note.category}",
                f"Tags: {', '.join(note.tags)}", f"Authors: {', '.join(note.authors)}",
                f"Slug: {slug}", f"Summary: {note.summary}"]
        write(root / "content" / note.path, "\n".join(meta) + "\n\n" + note.body)


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest process of the command: Pagefind's, in a notes build
    own_peak_mb: float  # the command's own process


def measure(command: list[str], cwd: Path) -> Run:
    """Wall time, and the peak resident memory of the command's own process and of its largest one."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    own_peak_kb = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        own_peak_kb = max(own_peak_kb, _high_water_kb(process.pid))  # the kernel's own running peak
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    process.stderr.close()
    return Run(seconds, usage.ru_maxrss / 1024, own_peak_kb / 1024)


def _high_water_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) if match else 0


def edit_one_note(root: Path, notes: list[Note], text: str) -> str:
    """Add a sentence to the newest post, as a writer fixing a typo would; the post's page, relative to the site."""
    post = max((n for n in notes if n.kind == "post"), key=lambda n: n.when)
    path = root / "content" / post.path
    path.write_text(path.read_text(encoding="utf-8").replace("\n## ", f"\n{text}\n\n## ", 1), encoding="utf-8")
    day = date.fromisoformat(post.when[:10])
    return f"{day:%Y/%m/%d}/{slugify(post.title)}/"


def serve_edit(root: Path, notes: list[Note], notes_cli: str, round_number: int) -> Run:
    """(d): start notes serve, wait for its first build, edit a note and time until the new text is served."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = root / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen([notes_cli, "serve", "--port", str(port)], cwd=root, stdout=output,
                                   stderr=subprocess.STDOUT)
        try:
            while "Serving http" not in log.read_text():
                if process.poll() is not None:
                    sys.exit(f"notes serve failed in {root}:\n{log.read_text()}")
                time.sleep(0.1)
            text = f"We met the team at the depot again, round {round_number}."
            page = edit_one_note(root, notes, text)
            started = time.perf_counter()
            while text not in _fetch(f"http://127.0.0.1:{port}/{page}"):
                time.sleep(0.005)
            seconds = time.perf_counter() - started
            while "Updated " not in log.read_text():  # the search bundle too, before the next round
                time.sleep(0.05)
            own_peak = _high_water_kb(process.pid)
        finally:
            process.terminate()
            process.wait()
    return Run(seconds, own_peak / 1024, own_peak / 1024)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def bench(size: int, workdir: Path, rounds: int) -> dict[str, Run]:
    notes, members = notes_for(size)
    ours, bare = workdir / f"notes-{size}", workdir / f"bare-{size}"
    ours.mkdir()
    bare.mkdir()
    generate_notes_site(ours, notes, members)
    generate_bare_site(bare, notes)
    notes_cli = str(BIN / "notes")
    print(f"\n{size:,} notes ({sum(len(n.body.split()) for n in notes):,} words), "
          f"{rounds} {'round' if rounds == 1 else 'rounds'}", flush=True)
    measured: dict[str, list[Run]] = {key: [] for key in "abcde"}
    for round_number in range(rounds):  # each round a to e side by side, so that a slower minute slows them all
        for folder in (bare / "output", ours / "output", ours / "output.previous", ours / "preview",
                       ours / ".notes-cache"):
            shutil.rmtree(folder, ignore_errors=True)  # every (a), (b) and (e) cold
        measured["a"].append(measure([str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
                                     bare))
        measured["b"].append(measure([notes_cli, "publish"], ours))
        edit_one_note(ours, notes, f"We also met the new team at the depot, round {round_number}.")
        measured["c"].append(measure([notes_cli, "publish"], ours))
        measured["d"].append(serve_edit(ours, notes, notes_cli, round_number))
        shutil.rmtree(ours / ".notes-cache", ignore_errors=True)
        measured["e"].append(measure([notes_cli, "lint"], ours))
    runs = {key: median(values) for key, values in measured.items()}
    labels = {"a": "bare Pelican", "b": "notes publish, empty caches", "c": "notes publish, warm caches",
              "d": "serve: edit to new text served", "e": "notes lint, cold"}
    for key, run in runs.items():
        spread = "" if rounds == 1 else f" (of {', '.join(f'{r.seconds:.2f}' for r in measured[key])})"
        print(f"  ({key}) {labels[key]:<32} {run.seconds:7.2f} s{spread}  peak {run.own_peak_mb:5.0f} MB "
              f"(largest process {run.peak_mb:5.0f} MB)", flush=True)
    a, b, c, d = (runs[k].seconds for k in "abcd")
    print(f"  b/a = {b / a:.2f} (target <= 1.15, goal 1.0)   c/a = {c / a:.2f} (target <= 0.8)   "
          f"d/c = {d / c:.3f}, d/b = {d / b:.3f} (target <= 0.2)   "
          f"per note: a {1000 * a / size:.1f} ms, b {1000 * b / size:.1f} ms", flush=True)
    return runs


def median(runs: list[Run]) -> Run:
    """The median time, with the highest memory of any round."""
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return Run(middle.seconds, max(run.peak_mb for run in runs), max(run.own_peak_mb for run in runs))


def table(results: dict[int, dict[str, Run]]) -> str:
    rows = ["| notes | (a) bare Pelican | (b) publish, empty caches | b/a | (c) publish, warm caches | c/a "
            "| (d) serve edit | d/c | (e) notes lint | b per note | peak memory (b): notes / largest process |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size, runs in results.items():
        a, b, c, d, e = (runs[k] for k in "abcde")
        rows.append(f"| {size:,} | {a.seconds:.1f} s | {b.seconds:.1f} s | **{b.seconds / a.seconds:.2f}** "
                    f"| {c.seconds:.1f} s | **{c.seconds / a.seconds:.2f}** | {d.seconds:.2f} s "
                    f"| **{d.seconds / c.seconds:.3f}** | {e.seconds:.1f} s "
                    f"| {1000 * b.seconds / size:.1f} ms | {b.own_peak_mb:.0f} MB / {b.peak_mb:.0f} MB |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds of (a)-(e) at each size, reporting medians (default: 5 up to 2,000 notes, else 1)")
    parser.add_argument("--write-readme", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    results: dict[int, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="build-speed-") as folder:
        for size in args.sizes:
            results[size] = bench(size, Path(folder), args.rounds or (5 if size <= 2000 else 1))
    if len(results) > 1:
        small, large = min(results), max(results)
        growth = (results[large]["b"].seconds / large) / (results[small]["b"].seconds / small)
        print(f"\ntime per note, {large:,} against {small:,}: {growth:.2f}x (target <= 1.2)")
    print("\n" + table(results))
    if args.write_readme:
        text = README.read_text(encoding="utf-8")
        block = f"{TABLE_START}\n{table(results)}\n{TABLE_END}"
        pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
        README.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


if __name__ == "__main__":
    main()
