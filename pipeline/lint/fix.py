"""`notes lint --fix`: exact, safe swaps only (utilise to use, & to and, in order to to to).

A fix comes from a rule's hit only when the rule knows the replacement means
the same thing; text in code, URLs and HTML is never touched because rules
only see prose.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pipeline.content.frontmatter import UTF8_BOM
from pipeline.lint.engine import Target, fixes


def fixed_text(target: Target, options: dict) -> tuple[str, int]:
    """The target's text with every safe fix applied, and how many there were."""
    text = target.text
    hits = fixes(target, options)
    for hit in reversed(hits):
        text = text[: hit.start] + hit.fix + text[hit.end :]
    return text, len(hits)


def unified_diff(source: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{source}", f"b/{source}"))


def write_back(path: Path, new_text: str) -> None:
    """Write fixed text with the file's own byte-order mark and line endings."""
    raw = path.read_bytes()
    if b"\r\n" in raw:
        new_text = new_text.replace("\n", "\r\n")
    if raw.startswith(UTF8_BOM.encode("utf-8")):
        new_text = UTF8_BOM + new_text
    path.write_bytes(new_text.encode("utf-8"))
