"""`notes serve` for real: a server on 127.0.0.1 that rebuilds when content changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


def wait_for(predicate, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail("timed out waiting")


@pytest.fixture
def server(site):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--port", str(port)],
        cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return fetch(base + "/")[0] == 200
        except OSError:
            return False

    try:
        wait_for(up)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serves_the_site_and_rebuilds_on_change(site, server):
    status, page = fetch(server + "/weeknotes/data-platform/2026-w47/")
    assert status == 200 and "We moved the reporting tables in week 47." in page
    assert fetch(server + "/no/such/page/")[0] == 404

    note = site / "content/weeknotes/data-platform/2026-W47.md"
    note.write_text(note.read_text().replace("reporting tables in week 47", "billing tables at last"))
    wait_for(lambda: "billing tables at last" in fetch(server + "/weeknotes/data-platform/2026-w47/")[1])


def test_keeps_serving_the_last_good_build_until_errors_are_fixed(site, server):
    url = server + "/weeknotes/data-platform/2026-w47/"
    broken = site / "content/posts/broken.md"
    broken.write_text("---\ntitle: [\n---\n")
    note = site / "content/weeknotes/data-platform/2026-W47.md"
    note.write_text(note.read_text().replace("reporting tables in week 47", "billing tables at last"))
    time.sleep(3)  # the watcher has seen both changes and refused to build
    status, page = fetch(url)
    assert status == 200 and "reporting tables in week 47" in page

    broken.unlink()
    wait_for(lambda: "billing tables at last" in fetch(url)[1])
