"""Pelican's date-order scan for tag, category and author pages: plain lists against Members.

    .venv/bin/python benchmarks/taxonomy_scan.py [--notes 10000] [--rounds 3]

Pelican's ArticlesGenerator gives every tag, category and author page its
articles with `[a for a in self.dates if a in articles]`. This makes the
taxonomy of build_speed.py's corpus in memory (300 tags, three a note; 200
authors, one or two a note; 6 categories), with objects that compare by
identity as Pelican's articles do, and times that very expression over every
tag, category and author, with Pelican's plain lists and with
pipeline/pelican/taxonomies.py's Members, alternately in this one run. It
prints the best of each and the ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.pelican.taxonomies import Members  # noqa: E402 - after the path to the repository


class Article:  # like Pelican's Content: no __eq__, so `in` compares by identity
    pass


def taxonomy(notes: int) -> tuple[list, list[list]]:
    chance = random.Random(8)
    dates = [Article() for _ in range(notes)]
    groups: dict[tuple[str, int], list] = {}
    for article in dates:
        names = [("tag", t) for t in chance.sample(range(300), 3)]
        names += [("author", a) for a in chance.sample(range(200), chance.choice((1, 2)))]
        names.append(("category", chance.randrange(6)))
        for name in names:
            groups.setdefault(name, []).append(article)
    return dates, list(groups.values())


def scan(dates: list, groups: list) -> float:
    started = time.perf_counter()
    for articles in groups:
        [article for article in dates if article in articles]  # Pelican's own expression
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    dates, groups = taxonomy(options.notes)
    print(f"{options.notes:,} notes; {len(groups)} tags, authors and categories; "
          f"{sum(map(len, groups)):,} memberships")
    times: dict[str, list[float]] = {"list": [], "Members": []}
    for _ in range(options.rounds):
        for kind in (list, Members):
            times[kind.__name__].append(scan(dates, [kind(articles) for articles in groups]))
    best = {name: min(values) for name, values in times.items()}
    print(f"  Pelican's lists  {best['list']:.2f} s")
    print(f"  Members          {best['Members']:.2f} s")
    print(f"  Members / lists  {best['Members'] / best['list']:.2f}")


if __name__ == "__main__":
    main()
