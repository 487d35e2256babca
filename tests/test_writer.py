"""Pages rendered on every core are the pages Pelican would render, with or without other plugins."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_in, write
from test_publish import search_is_complete
from pipeline import parallel

POST = "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
POST_PAGE = "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html"


def files(output: Path) -> dict[str, str]:
    """Every file's digest, but the publish manifest."""
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(output).parts and p.name != ".notes-manifest.json"
    }


def build(site: Path, *args: str) -> str:
    result = run_in(site, "build", *args)
    assert result.exit_code == 0, result.output
    return result.output


def edit(site: Path, old: str, new: str) -> None:
    path = site / POST
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_rendered_in_forked_workers_are_the_pages_rendered_here(site, monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    build(site)
    serial = files(site / "preview")
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # the fixture site is small: fork anyway
    build(site, "--output", str(site / "forked"))
    assert files(site / "forked") == serial


def test_a_plain_pelican_run_writes_whole_pages(site):
    """The writer renders its pages when Pelican finishes, without `notes build` around it."""
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "plain", "-q"],
                   cwd=site, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    page = (site / "plain" / POST_PAGE).read_text(encoding="utf-8")
    assert "Why we publish our roadmap" in page and "</html>" in page


STAMP_PLUGIN = '''"""Stamps every page once Pelican has finished, in place, as minifiers and other post-processors do."""
from pathlib import Path

from pelican import signals


def stamp(pelican):
    for page in Path(pelican.output_path).rglob("*.html"):
        with page.open("a", encoding="utf-8") as file:
            file.write("<!-- stamped -->\\n")


def register():
    signals.finalized.connect(stamp)
'''


def test_with_another_plugin_every_page_is_written_as_pelican_writes_it(site):
    """Somebody else's plugin may change any page: every page is written in time for it."""
    write(site / "plugins/stamp.py", STAMP_PLUGIN)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nPLUGIN_PATHS = ["plugins"]\nPLUGINS = ["pipeline.pelican", "stamp"]\n')

    def notes_build() -> str:  # in its own process: the plugin's receiver stays connected for the process's life
        result = subprocess.run([sys.executable, "-m", "pipeline", "build"], cwd=site, capture_output=True, text=True,
                                env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    notes_build()
    edit(site, "\n## ", "\nWe also met the team at the depot.\n\n## ")
    notes_build()
    for page in (POST_PAGE, "tags/roadmap/index.html", "index.html", "search/index.html"):
        assert (site / "preview" / page).read_text(encoding="utf-8").count("<!-- stamped -->") == 1, page
    assert "We also met the team at the depot." in (site / "preview" / POST_PAGE).read_text(encoding="utf-8")
    assert search_is_complete(site / "preview")
