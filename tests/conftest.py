"""Shared fixtures: real sites in temporary folders, built with the real settings and theme."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "site" / "content"
# The day test sites count as today (NOTES_TODAY), so that no test depends on the day it runs: CI runs the
# suite under faketime at other dates (.ci/run). Monday of week 49, 2026, the week after the fixture's notes.
TODAY = "2026-11-30"


def make_site(root: Path, content: Path | dict[str, str | bytes] | None = FIXTURE_CONTENT,
              today: str | None = TODAY) -> Path:
    """A site folder like the repository's: its settings files, its theme, and `content`.

    `content` is a folder to copy, or a mapping of paths (relative to content/)
    to file text or bytes. `today` is pinned in pelicanconf.py; None leaves
    the build to the system clock.
    """
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    if today is not None:
        with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            settings.write(f'\nNOTES_TODAY = "{today}"  # tests/conftest.py: no test depends on the day it runs\n')
    (root / "theme").symlink_to(REPO / "theme", target_is_directory=True)
    target = root / "content"
    if isinstance(content, Path):
        shutil.copytree(content, target)
    else:
        target.mkdir()
        for relative, text in (content or {}).items():
            write(target / relative, text)
    return root


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        # Surrogate escapes stand for raw bytes, so examples can hold non-UTF-8 bytes.
        text = text.encode("utf-8", "surrogateescape")
    path.write_bytes(text)
    return path


def run_in(root: Path, *args: str):
    """`notes ARGS` with `root` as the working folder, as a user would run it there."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    cwd = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(cwd)


def build_in(root: Path, *args: str) -> Path:
    """Build the site in `root` (`notes build`, or ARGS) and return the folder it wrote: preview/, or output/."""
    args = args or ("build",)
    result = run_in(root, *args)
    assert result.exit_code == 0, result.output
    return root / ("output" if args[0] == "publish" else "preview")


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """The fixture site in a temporary folder, which is also the working folder."""
    root = make_site(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("NOTES_DEBUG", raising=False)


def pytest_configure(config):
    os.environ.setdefault("TZ", "UTC")
