"""`notes serve` for real: a preview on 127.0.0.1 of its own, brought up to date on every change.

The preview re-renders an edit to a note's text in memory, and builds whole
for anything else; either way it must be the very site `notes build` makes.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.preview import Preview
from tests.conftest import run_in, write

POST = "content/posts/2026-11-20-why-we-publish-our-roadmap.md"
WEEKNOTE = "content/weeknotes/data-platform/2026-W47.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(predicate, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("timed out waiting")


class Server:
    def __init__(self, site: Path, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.log = site / "serve.log"
        self._output = self.log.open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--port", str(port)], cwd=site,
                                        stdout=self._output, stderr=subprocess.STDOUT, text=True)

    def printed(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self._output.close()


@pytest.fixture
def server(site):
    served = Server(site, free_port())

    def up():
        try:
            return fetch(served.base + "/")[0] == 200
        except OSError:
            assert served.process.poll() is None, served.printed()
            return False

    try:
        wait_for(up, 60)
        yield served
    finally:
        served.stop()


def edit(site: Path, name: str, old: str, new: str) -> Path:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_serves_its_own_preview_and_shows_an_edit_at_once(site, server):
    assert (site / "preview/index.html").is_file() and not (site / "output").exists()
    url = server.base + "/weeknotes/data-platform/2026-w47/"
    status, page = fetch(url)
    assert status == 200 and "We moved the reporting tables in week 47." in page

    edit(site, WEEKNOTE, "reporting tables in week 47", "billing tables at last")
    wait_for(lambda: "billing tables at last" in fetch(url)[1])
    wait_for(lambda: "Updated content/weeknotes/data-platform/2026-W47.md: 1 page and" in server.printed())


def test_an_unknown_address_gets_the_sites_own_404_page(site, server):
    status, page = fetch(server.base + "/no/such/page/")
    assert status == 404
    assert page == (site / "preview/404.html").read_text(encoding="utf-8")
    assert "Unable to find" not in server.printed()


def test_keeps_serving_the_last_good_build_until_errors_are_fixed(site, server):
    url = server.base + "/weeknotes/data-platform/2026-w47/"
    write(site / "content/posts/broken.md", "---\ntitle: [\n---\n")
    wait_for(lambda: "Not rebuilt" in server.printed())
    edit(site, WEEKNOTE, "reporting tables in week 47", "billing tables at last")
    time.sleep(2)  # the watcher has seen the change and refused to build
    status, page = fetch(url)
    assert status == 200 and "reporting tables in week 47" in page
    printed = server.printed()
    assert "Not rebuilt: fix the errors above; the preview updates when you save. Still serving the last good build." \
        in printed
    assert "run the command again" not in printed

    (site / "content/posts/broken.md").unlink()
    wait_for(lambda: "billing tables at last" in fetch(url)[1])


def test_after_the_first_build_only_what_changed_is_printed(site):
    plan = write(site / "content/posts/2026-11-25-a-plan.md", "---\ntitle: A plan\ndate: 2026-11-25\n"
                 "authors: [jane-doe]\nsummary: A plan.\n---\nWe will utilise the new tool.\n")
    warning = "content/posts/2026-11-25-a-plan.md:7:9: T101 'utilise' is a word to avoid"
    served = Server(site, free_port())
    try:
        wait_for(lambda: "Serving http" in served.printed(), 60)
        first = served.printed()
        assert warning in first  # the first build reports every finding
        edit(site, WEEKNOTE, "reporting tables in week 47", "billing tables at last")
        wait_for(lambda: "Updated content/weeknotes" in served.printed())
        edit(site, POST, "title: Why we publish our roadmap in the open", "title: Why we publish our roadmap openly")
        wait_for(lambda: served.printed().count("Built ") == 2)
        plan.write_text(plan.read_text().replace("utilise", "use"))
        wait_for(lambda: "Updated content/posts/2026-11-25-a-plan.md" in served.printed())
        later = served.printed()[len(first):]
    finally:
        served.stop()
    assert warning not in later  # nothing is reported again
    assert "pelican: warning" not in later
    assert "(0 new findings, 1 fixed)." in later


def test_a_port_in_use_is_one_line_and_exit_2_before_any_build(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_in(site, "serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.output == (f"notes: error: port {port} on 127.0.0.1 is in use; "
                             "stop what uses it, or choose another with --port N\n")
    assert not (site / "preview").exists() and not (site / ".notes-cache").exists()


def test_notes_build_writes_a_preview_never_the_published_folder(site):
    result = run_in(site, "build")
    assert result.exit_code == 0, result.output
    assert (site / "preview/index.html").is_file() and not (site / "output").exists()
    assert not (site / "preview.previous").exists()
    refused = run_in(site, "build", "--output", "output")
    assert refused.exit_code == 2
    assert refused.output == ("notes: error: output/ is where notes publish puts the site; notes build and notes "
                              "serve write a preview elsewhere: leave out --output to use preview/, or run notes "
                              "publish\n")


def test_rollback_never_brings_back_a_development_build(site):
    assert run_in(site, "publish").exit_code == 0
    assert run_in(site, "build").exit_code == 0
    assert run_in(site, "build").exit_code == 0
    assert not (site / "output.previous").exists()  # only publish makes it
    assert run_in(site, "publish", "--rollback").exit_code == 2
    assert run_in(site, "publish").exit_code == 0
    assert run_in(site, "publish", "--rollback").exit_code == 0
    assert 'href="https://blog.example.gov.uk/' in (site / "output/index.html").read_text(encoding="utf-8")


# The equivalence of serve's edits with whole builds, over a sequence of edits of every kind.

def files(folder: Path) -> dict[str, str]:
    """Every file's digest: the pages, feeds and search bundles; a preview has no manifest."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".notes-manifest.json"}


def whole_build(site: Path) -> dict[str, str]:
    fresh = site.parent / "whole"
    shutil.rmtree(fresh, ignore_errors=True)
    result = run_in(site, "build", "--output", str(fresh))
    assert result.exit_code == 0, result.output
    return files(fresh)


def _body(site):
    return {edit(site, POST, "\n## ", "\nWe also met the team at the depot.\n\n## ")}


def _second_body(site):
    return {edit(site, WEEKNOTE, "reporting tables in week 47", "billing tables at last"),
            edit(site, POST, "met the team", "met the whole team")}


def _front_matter(site):
    return {edit(site, POST, "title: Why we publish our roadmap in the open", "title: Why we publish our plans")}


def _team_file(site):
    return {edit(site, "content/teams/data-platform.md", "name: Data platform", "name: Data and platforms")}


def _delete(site):
    path = site / "content/posts/2026-11-06-what-we-learned-from-moving-the-case-database.md"
    path.unlink()
    return {path}


def _rename(site):
    old = site / POST
    new = old.with_name("2026-11-20-our-roadmap.md")
    old.rename(new)
    return {old, new}


def _theme(site):
    template = site / "theme/templates/base.html"
    return {edit(site, "theme/templates/base.html", "</footer>", "<p>Preview footer</p></footer>")} | {template}


EDITS = [(_body, True), (_second_body, True), (_front_matter, False), (_team_file, False), (_delete, False),
         (_rename, False), (_theme, False)]


def test_serves_edits_give_the_site_a_whole_build_gives_byte_for_byte(site):
    # A theme of the site's own, to edit (the fixture's is a link to the repository's).
    theme = site / "theme"
    target = theme.resolve()
    theme.unlink()
    shutil.copytree(target, theme, ignore=shutil.ignore_patterns("node_modules"))
    preview = Preview(Path("pelicanconf.py"), site / "preview", None)
    assert preview.build().built
    assert files(site / "preview") == whole_build(site)
    for change, in_memory in EDITS:
        outcome = preview.update(change(site))
        assert outcome.built, change.__name__
        assert bool(outcome.notes) is in_memory, change.__name__
        assert files(site / "preview") == whole_build(site), change.__name__
