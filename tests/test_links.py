"""Links and images writers type (L101): resolved against the site before the build, and again in what it made."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import pytest

from pipeline.content import links
from pipeline.content import rules as metadata_rules
from tests.conftest import make_site, run_in, write

ROADMAP = "posts/2026-11-20-why-we-publish-our-roadmap.md"
PLAN = "posts/2026-11-25-our-plan.md"


def _plan(body: str, status: str = "published", date: str = "2026-11-25") -> str:
    return (f"---\ntitle: Our plan\ndate: {date}\nauthors: [jane-doe]\nsummary: What we plan next.\n"
            f"status: {status}\n---\n{body}\n")


@pytest.fixture
def example_site(tmp_path, monkeypatch):
    def with_example(example):
        root = make_site(tmp_path / "site", {**metadata_rules.EXAMPLE_SITE, example.path: example.text})
        monkeypatch.chdir(root)
        return run_in(root, "lint")
    return with_example


@pytest.mark.parametrize("example", links.RULE.must_flag, ids=lambda e: e.shown[:40])
def test_must_flag(example_site, example):
    result = example_site(example)
    assert result.exit_code == 1
    assert [line.split(" ")[1] for line in result.output.splitlines()[:-1]] == ["L101"]


@pytest.mark.parametrize("example", links.RULE.must_pass, ids=lambda e: e.shown[:40])
def test_must_pass(example_site, example):
    result = example_site(example)
    assert result.output == "Checked 7 files: no problems found.\n"


def test_placeholders_and_relative_links_resolve_in_pages_and_feeds(site):
    write(site / "content" / PLAN, _plan(
        "Read [our roadmap]({filename}2026-11-20-why-we-publish-our-roadmap.md), "
        "[the same](/2026/11/20/why-we-publish-our-roadmap-in-the-open/) and [once more](../../20/why-we-publish-our-roadmap-in-the-open/).\n\n"
        "![Sam at the whiteboard]({static}/images/sam-lee.jpg)"))
    write(site / "content/images/sam-lee.jpg", b"\xff\xd8\xff\xe0 a JPEG")
    result = run_in(site, "build")
    assert result.exit_code == 0, result.output
    page = (site / "preview/2026/11/25/our-plan/index.html").read_text()
    # notes build makes a preview with relative addresses (RELATIVE_URLS); the self-check found each one's file.
    assert 'href="../../../../2026/11/20/why-we-publish-our-roadmap-in-the-open/"' in page
    assert 'src="../../../../images/sam-lee.jpg"' in page
    assert "{filename}" not in page and "{static}" not in page
    feed = (site / "preview/feeds/all.atom.xml").read_text()
    assert "{filename}" not in feed and "{static}" not in feed
    entry = next(e for e in feedparser.parse(feed).entries if e.title == "Our plan")
    assert "/2026/11/20/why-we-publish-our-roadmap-in-the-open/" in entry.content[0].value


@pytest.mark.parametrize("status, date, problem", [
    ("draft", "2026-11-10", "a draft that readers cannot see: publish it first, or remove the link"),
    ("published", "2026-12-04", "which is scheduled for 4 December 2026: readers would find no page until then"),
])
def test_a_link_to_a_note_readers_cannot_see_yet_is_an_error(site, status, date, problem):
    write(site / "content/posts/2026-11-10-later.md", _plan("Soon.", status, date).replace("Our plan", "Later"))
    slug = f"/{date.replace('-', '/')}/later/"
    write(site / "content" / PLAN, _plan(f"See [what comes later]({slug}) and [again]({{filename}}2026-11-10-later.md)."))
    result = run_in(site, "lint")
    assert result.exit_code == 1
    assert [line.split(" ", 2)[2] for line in result.output.splitlines()[:-1]] == [
        f"link '{slug}' leads to content/posts/2026-11-10-later.md, {problem} (error)",
        f"link '{{filename}}2026-11-10-later.md' leads to content/posts/2026-11-10-later.md, {problem} (error)",
    ]


def test_a_draft_may_link_to_another_draft(site):
    write(site / "content/posts/2026-11-10-later.md", _plan("Soon.", "draft", "2026-11-10").replace("Our plan", "Later"))
    write(site / "content" / PLAN, _plan("See [what comes later]({filename}2026-11-10-later.md).", "draft"))
    assert run_in(site, "lint").exit_code == 0


def test_a_fixed_link_is_checked_again_from_the_cache(site):
    """The links a file holds are kept with its findings; what they lead to is resolved on every run."""
    write(site / "content" / PLAN, _plan("Read [our roadmap](/2026/11/20/why-we-publish-our-roadmap-in-the-open/)."))
    assert run_in(site, "lint").exit_code == 0
    (site / "content" / ROADMAP).unlink()  # the plan's text is unchanged, and its link now leads nowhere
    result = run_in(site, "lint")
    assert result.exit_code == 1 and "L101 link '/2026/11/20/why-we-publish-our-roadmap-in-the-open/'" in result.output


class _Answers(BaseHTTPRequestHandler):
    """A real web server on this machine, answering as sites do: a page, a gone page, a slow one, one refusing HEAD."""

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def _answer(self, with_body):
        if self.path == "/slow":
            time.sleep(2)
        code = {"/gone": 404, "/head-refused": 405 if not with_body else 200}.get(self.path, 200)
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_links_external_fetches_each_address_once_and_names_every_note_that_links_to_a_broken_one(site, web):
    body = f"See [a]({web}/ok), [b]({web}/gone), [c]({web}/slow) and [d]({web}/head-refused)."
    write(site / "content" / PLAN, _plan(body))
    write(site / "content/posts/2026-11-26-again.md",
          _plan(f"Again, [b]({web}/gone).\n\n`[not a link]({web}/gone)`").replace("Our plan", "Again"))
    assert run_in(site, "links").exit_code == 0  # other sites are fetched only on request
    result = run_in(site, "links", "--external", "--timeout", "0.5")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Fetching 4 addresses on other sites…",
        f"content/posts/2026-11-25-our-plan.md:8:{body.index('[b]') + 1}: L102 link '{web}/gone' answered 404 Not Found (error)",
        f"content/posts/2026-11-25-our-plan.md:8:{body.index('[c]') + 1}: L102 link '{web}/slow' did not answer within 0.5 s (error)",
        f"content/posts/2026-11-26-again.md:8:8: L102 link '{web}/gone' answered 404 Not Found (error)",
        "Checked 12 files: 3 errors in 2 files.",
    ]


def test_addresses_follow_the_sites_own_layout(site):
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nTEAM_URL = "people/{slug}/"\nTEAM_SAVE_AS = "people/{slug}/index.html"\n')
    write(site / "content" / PLAN, _plan("Ask [the data platform team](/people/data-platform/), not [the old team page](/teams/data-platform/)."))
    result = run_in(site, "lint")
    assert [line.split(" ", 2)[2] for line in result.output.splitlines()[:-1]] == [
        "link '/teams/data-platform/' leads to no page or file on the site: did you mean '/people/data-platform/'? (error)"]


def test_a_tag_page_only_a_draft_names_does_not_exist(site):
    write(site / "content/posts/2026-11-10-later.md",
          _plan("Soon.", "draft", "2026-11-10").replace("Our plan", "Later").replace("status:", "tags: [hiring]\nstatus:"))
    write(site / "content" / PLAN, _plan("See [every post about hiring](/tags/hiring/)."))
    result = run_in(site, "lint")
    assert "L101 link '/tags/hiring/' leads to no page or file on the site" in result.output
