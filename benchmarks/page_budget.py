"""Page weight per page type of a built site, against the issue's budgets.

Not a test: run it by hand after a theme change and record the figures in
benchmarks/README.md.

    .venv/bin/python benchmarks/page_budget.py [SITE_FOLDER]

SITE_FOLDER is a built site (default: build the demo content into a temporary
folder). For one page of each type it reports the HTML, the CSS it links and
the scripts it loads, all uncompressed, and checks that a post's HTML + CSS is
under 100 KB and that only /search/ loads a script.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

POST_BUDGET = 100 * 1024
# The first page of each type in the demo site, by the glob that finds it.
PAGE_TYPES = {
    "home": "index.html",
    "post": "[0-9]*/*/*/*/index.html",
    "weeknote": "weeknotes/*/*/index.html",
    "team": "teams/*/index.html",
    "author": "authors/*/index.html",
    "tag": "tags/*/index.html",
    "archives": "archives/index.html",
    "cadence": "cadence/index.html",
    "subscribe": "subscribe/index.html",
    "search": "search/index.html",
    "accessibility": "accessibility/index.html",
    "404": "404.html",
}
# Only our own generated markup is read: these find the stylesheets and scripts it links.
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r'<script[^>]* src="([^"]+)"')


def _local(page: Path, site: Path, href: str) -> Path:
    return (site / href.lstrip("/")) if href.startswith("/") else (page.parent / href).resolve()


def weigh(site: Path, page: Path) -> tuple[int, int, int]:
    html = page.read_text(encoding="utf-8")
    css = sum(_local(page, site, href).stat().st_size for href in STYLESHEET.findall(html))
    scripts = sum(_local(page, site, href).stat().st_size for href in SCRIPT.findall(html))
    return page.stat().st_size, css, scripts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="notes-budget-")) / "site"
        notes = Path(sys.executable).with_name("notes")
        subprocess.run([str(notes), "build", "--output", str(site)], check=True, capture_output=True)
    failures = []
    sys.stdout.write("| page type | HTML | CSS | HTML + CSS | scripts |\n| --- | --- | --- | --- | --- |\n")
    for kind, pattern in PAGE_TYPES.items():
        page = sorted(site.glob(pattern))[0]
        html, css, scripts = weigh(site, page)
        sys.stdout.write(f"| {kind} | {html / 1024:.1f} KB | {css / 1024:.1f} KB | {(html + css) / 1024:.1f} KB | "
                         f"{scripts / 1024:.1f} KB |\n")
        if kind == "post" and html + css >= POST_BUDGET:
            failures.append(f"a post page is {(html + css) / 1024:.1f} KB of HTML + CSS; the budget is 100 KB")
        if scripts and kind != "search":
            failures.append(f"the {kind} page loads a script; only /search/ may")
    for failure in failures:
        sys.stderr.write(f"over budget: {failure}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
