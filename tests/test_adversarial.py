"""Every case in tests/adversarial/ ends within its time and memory bounds, with its exact output.

The case format and how to add one: tests/adversarial/__init__.py.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest

from tests.adversarial import CASES, DEFAULT_MEGABYTES, bound, load, notes, prepare, run_steps, shown

CLASSES = {"formats", "static", "uri", "yaml", "collisions", "escaping"}


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    case = load(name)
    if "pending" in case:
        pytest.skip(case["pending"])
    site = prepare(case, tmp_path)
    for step in run_steps(case, site):
        assert not step.killed, f"a step took more than its {bound(case, ['step'])} s"
    seconds, megabytes = bound(case, case["command"]), case.get("megabytes", DEFAULT_MEGABYTES)
    run = notes(site, case["command"], seconds, case.get("env"))
    assert not run.killed, f"still running after {seconds} s"
    assert run.megabytes <= megabytes, f"peak memory {run.megabytes:.0f} MB, over the bound of {megabytes} MB"
    output = shown(run, site)
    assert "Traceback" not in output, output
    if os.environ.get("NOTES_UPDATE_ADVERSARIAL") and "output" in case:
        _update(name, run.exit, output)
        return
    assert run.exit == case["exit"], output
    if "output" in case:
        assert output == case["output"]
    for text in case.get("contains", []):
        assert text in output
    for text in case.get("forbid", []):
        assert text not in output, f"{text!r} in the output"
    for relative in case.get("absent", []):
        assert not (site / relative).exists() and not (site / relative).is_symlink(), f"{relative} was published"


def _update(name: str, exit_code: int, output: str) -> None:
    from tests.adversarial import CORPUS

    path = CORPUS / name / "case.toml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^exit = -?\d+$", f"exit = {exit_code}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^output = '''\n.*?'''$", lambda m: f"output = '''\n{output}'''", text, count=1,
                  flags=re.MULTILINE | re.DOTALL)
    path.write_text(text, encoding="utf-8")


def test_the_corpus_covers_every_class():
    classes = Counter(load(name)["class"] for name in CASES)
    assert set(classes) >= CLASSES, f"no case for {CLASSES - set(classes)}"
    assert all("description" in load(name) for name in CASES)
