"""Layers point down: `notes lint` and the modules under it never load Pelican, Jinja, feedgen or Pagefind.

Content, lint and cadence know nothing of the site generator, so
`notes lint` starts fast and runs where Pelican is broken. Each check runs in a
fresh interpreter, as a user's `notes lint` does, and reads sys.modules at its end.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO, make_site

FORBIDDEN = ("pelican", "jinja2", "feedgen", "pagefind")
REPORT = (
    "\nimport sys\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r} or m.startswith('pipeline.pelican'))\n"
    "print('LOADED', loaded)\n"
)


def loaded_after(code: str, cwd) -> tuple[list[str], str]:
    out = subprocess.run([sys.executable, "-c", code + REPORT.format(forbidden=FORBIDDEN)], cwd=cwd,
                         capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("LOADED ")
    return eval(last.removeprefix("LOADED ")), out.stdout  # a list literal we printed ourselves


def test_notes_lint_runs_without_loading_pelican_jinja_feedgen_or_pagefind(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "content/posts/2026-11-02-draft.md").write_text(
        "---\ntitle: A draft\ndate: 2026-11-02\nauthors: [jane-doe]\nsummary: x\n---\nWe will utilise it.\n")
    code = ("from pipeline.cli import cli\n"
            "try:\n    cli(['lint', '--no-cache', '--min-level', 'suggestion'], prog_name='notes')\n"
            "except SystemExit:\n    pass\n")
    loaded, output = loaded_after(code, site)
    assert "T101 'utilise'" in output  # the lint really ran, over the site's notes
    assert loaded == []


def test_content_lint_and_cadence_modules_import_none_of_them(tmp_path):
    code = ("import pkgutil, importlib, pipeline.content, pipeline.lint, pipeline.cadence\n"
            "for package in (pipeline.content, pipeline.lint, pipeline.cadence):\n"
            "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
            "        importlib.import_module(module.name)\n"
            "import pipeline.catalogue, pipeline.sanitise\n")
    loaded, _ = loaded_after(code, tmp_path)
    assert loaded == []
