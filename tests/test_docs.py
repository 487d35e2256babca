"""README.md and docs/ agree with the repository: every relative link leads to a file and heading that exist.

A rule's "Guidance" link in docs/rules.md once pointed at docs/docs/reliability.md,
and comments cited an ARCHITECTURE.md that the repository does not have.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")  # [text](target), not images
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def anchors_of(page: Path) -> set[str]:
    """GitHub's heading anchors, and explicit <a id="…"> ones."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, re.M)
    slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower().replace("`", "")).replace(" ", "-") for h in headings}
    return slugs | set(re.findall(r'<a id="([^"]+)"', text))


def links_of(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # code spans and indented examples show syntax, not links
    text = re.sub(r"^(    |\t).*$", "", text, flags=re.M)
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(page):
    broken = []
    for target in links_of(page):
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in anchors_of(destination):
            broken.append(f"{target}: no heading '{anchor}'")
    assert not broken, broken


def test_no_file_cites_a_page_the_repository_does_not_have():
    cited = [str(p.relative_to(REPO)) for p in [*REPO.glob("pipeline/**/*.py"), *REPO.glob("tests/**/*.py"), *PAGES,
                                                  *REPO.glob("*.py")]
             if p.name != "test_docs.py" and "ARCHITECTURE.md" in p.read_text(encoding="utf-8")]  # this file names it
    assert (REPO / "ARCHITECTURE.md").exists() or not cited, cited
