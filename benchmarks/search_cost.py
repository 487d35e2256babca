"""What one search costs a reader: requests and bytes, at 1,000 and 10,000 notes.

    .venv/bin/python benchmarks/search_cost.py [--sizes 1000 10000]

For each size it generates build_speed.py's corpus (50 weekly teams, 80%
weeknotes, 300 to 800 words a note), builds it with `notes build`, serves the
site on 127.0.0.1 and drives Debian's Chromium through the real /search/ page
(theme/static/js/search.js), counting every request and the bytes of every
response body:

- a reader's first search: opening /search/ (the page, its script, and what
  Pagefind loads for any query: its script, worker and WebAssembly, and each
  bundle's entry and metadata files), then the query, to the results on
  screen (index chunks for its words, and the fragments of the ten results
  shown);
- the same query as a later search, after another one on the same page:
  only what this query adds.

It does it twice in this one run: with the index as the build writes it
(pipeline/search.py: one Pagefind bundle per quarter, per month in the newest
quarter) and with all the notes in a single Pagefind bundle, made by running
Pagefind once over the same pages, so that the two layouts compare side by
side. The search page is the same in both; only the bundles it lists differ.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build_speed import BIN, generate_notes_site, notes_for  # noqa: E402 - after the path

CHROMIUM = "/usr/bin/chromium"
# A word in one note in six, a place in one sentence in five, two words together, and a word in no note.
QUERIES = ["payments", "Sheffield", "booking tool", "harpsichord"]
WARM_UP = "depot"  # the search before, for a later query's cost
SINGLE = "pagefind-single"


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site, and notes the size of every file it sends: what crossed the wire, uncompressed."""

    sent: list[int]

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def copyfile(self, source, outputfile):
        size = os.fstat(source.fileno()).st_size
        super().copyfile(source, outputfile)
        self.sent.append(size)


def serve(folder: Path, sent: list[int]):
    handler = type("Handler", (_Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def single_bundle(site: Path) -> None:
    """Index every note into one bundle, and a copy of the search page that loads only it."""
    from pagefind_bin import get_executable

    subprocess.run([str(get_executable()), "--site", str(site), "--output-subdir", SINGLE, "--silent"], check=True)
    page = (site / "search/index.html").read_text(encoding="utf-8")
    page = re.sub(r'data-pagefind-bundles="[^"]*"', f'data-pagefind-bundles="../{SINGLE}/"', page)
    (site / "search-single").mkdir(exist_ok=True)
    (site / "search-single/index.html").write_text(page, encoding="utf-8")


@dataclass
class Cost:
    requests: int
    bytes: int


def counted(sent: list[int], since: int) -> Cost:
    return Cost(len(sent) - since, sum(sent[since:]))


def search(page, query: str) -> float:
    """Run `query` on the open search page; the seconds until its results are shown."""
    page.evaluate("document.getElementById('search-status').textContent = ''")
    page.fill("#search-query", query)
    started = time.perf_counter()
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    return seconds


def measure(browser, url: str, query: str, sent: list[int]) -> tuple[Cost, Cost, float]:
    """A reader's first search (opening the page, then `query`), and `query` as a later search of theirs (after
    another one, WARM_UP, which loads what every query needs), each in a fresh browser; and its seconds, later."""
    context = browser.new_context()
    page = context.new_page()
    start = len(sent)
    page.goto(url)
    search(page, query)
    first = counted(sent, start)
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    search(page, WARM_UP)
    start = len(sent)
    seconds = search(page, query)
    later = counted(sent, start)
    context.close()
    return first, later, seconds


def kb(count: int) -> str:
    return f"{count / 1024:,.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for size in args.sizes:
            root = Path(scratch, f"site-{size}")
            root.mkdir()
            notes, members = notes_for(size)
            generate_notes_site(root, notes, members)
            print(f"building {size:,} notes…", file=sys.stderr)
            subprocess.run([str(BIN / "notes"), "build"], cwd=root, check=True, stdout=subprocess.DEVNULL)
            site = root / "output"
            single_bundle(site)
            bundles = len(list((site / "pagefind").iterdir()))
            sent: list[int] = []
            server = serve(site, sent)
            base = f"http://127.0.0.1:{server.server_address[1]}"
            try:
                for layout, path, count in (("by quarter", "/search/", bundles), ("one bundle", "/search-single/", 1)):
                    for query in QUERIES:
                        first, later, seconds = measure(browser, base + path, query, sent)
                        rows.append((size, f"{layout} ({count})", query, first, later, seconds))
                        print(f"{size:>6,} {layout:<11} {query!r:<14} first {first.requests:>3} requests "
                              f"{kb(first.bytes):>9}, later {later.requests:>3} requests "
                              f"{kb(later.bytes):>9} in {seconds:.2f} s", file=sys.stderr)
            finally:
                server.shutdown()
        browser.close()
    print("| notes | bundles | query | first search (opening the page, then the query) | as a later search | later search's time |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size, layout, query, first, later, seconds in rows:
        print(f"| {size:,} | {layout} | {query} | {first.requests} requests, {kb(first.bytes)} | "
              f"{later.requests} requests, {kb(later.bytes)} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
