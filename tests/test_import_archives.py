"""Whole archives laid out as real sites of each generator come in with `notes import` and build at once.

Each fixture in tests/fixtures/archives/ is a small site as its generator
lays one out (settings file, file names, permalinks, images, a template tag,
a multi-author byline, a placeholder draft); see tests/fixtures/archives/README.md
for the public sites each is modelled on. The test imports it into a new
site, runs `notes build`, and reads the built site: the note's date, its
authors, the redirect at its old address, and its images.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from tests.conftest import REPO, make_site, run_in

ARCHIVES = REPO / "tests" / "fixtures" / "archives"


@dataclass(frozen=True)
class Archive:
    name: str
    args: tuple[str, ...]  # after `notes import old`
    page: str  # one note's page in the built site
    day: str  # its date, as the page gives it
    authors: tuple[str, ...]  # its byline
    old: str  # its old address, which must redirect to the page
    files: dict[str, str]  # files copied into the site: output path -> the file in the archive
    draft: str  # the placeholder note, imported as a draft
    title: str  # the note's title, in the feed


ARCHIVES_UNDER_TEST = [
    Archive("pelican", (), "2021/03/05/first-weeknote-of-the-beta/index.html", "2021-03-05",
            ("Priya Patel", "Sam Lee", "Owain"), "weeknotes/2021/03/first-weeknote-of-the-beta/",
            {"images/2021/standup-board.png": "content/images/2021/standup-board.png",
             "images/downloads/pilot-findings.pdf": "content/downloads/pilot-findings.pdf"},
            "posts/2021-03-19-week-three.md", "First weeknote of the beta"),
    Archive("jekyll", (), "2020/02/07/weeknote-sprint-1/index.html", "2020-02-07",
            ("Owain Rhys", "Samantha", "Lucinda", "Laura"), "weeknotes/sprint-1/",
            {"images/2020/journey-map.png": "assets/images/2020/journey-map.png"},
            "posts/2020-02-21-weeknote-sprint-3.md", "Weeknote: sprint 1"),
    Archive("hugo", (), "2022/05/06/sprint-12/index.html", "2022-05-06",
            ("Priya Patel", "Sam Lee", "Owain Rhys"), "2022/05/06/2022-05-06-sprint-12/",
            {"images/sprint-12/burndown.png": "content/posts/2022-05-06-sprint-12/burndown.png",
             "images/roadmap-may.png": "static/images/roadmap-may.png"},
            "posts/2022-05-20-sprint-14.md", "Sprint 12: the new claims form"),
    Archive("eleventy", (), "2023/11/10/week-45/index.html", "2023-11-10",
            ("Priya Patel", "Sam Lee", "Owain"), "weeknotes/week-45/",
            {"images/whiteboard.png": "public/images/whiteboard.png",
             "images/reports/q3-summary.pdf": "public/reports/q3-summary.pdf"},
            "posts/2023-11-24-week-47.md", "Week 45: mapping the service"),
    Archive("lume", ("--date-field", "week_ending", "--kind", "weeknote", "--team", "data-platform"),
            "weeknotes/data-platform/2023-w02/index.html", "2023-01-13",
            ("Owain", "Samantha", "Lucinda", "Laura"), "weeknotes/2023-01-13/",
            {"images/tiles-map.png": "src/assets/uploads/tiles-map.png"},
            "weeknotes/data-platform/2023-W03.md", "Weeknotes #2"),
    Archive("wordpress", (), "2019/09/06/sprint-notes-week-one/index.html", "2019-09-06",
            ("Priya Patel", "Sam Lee", "Lucinda Morgan"), "blog/2019/09/sprint-notes-week-one/",
            {"images/2019/09/repairs-journey-1024x576.png": "wp-content/uploads/2019/09/repairs-journey-1024x576.png",
             "images/2019/09/round-two-findings.pdf": "wp-content/uploads/2019/09/round-two-findings.pdf"},
            "posts/2019-09-20-sprint-notes-week-three.md", "Sprint notes: week one of repairs alpha"),
]
DRAFT_DAY = 1582286400  # 2020-02-21 at noon UTC: the Jekyll draft's last change, which dates it


class _Page(HTMLParser):
    """A built note's date and authors (a post's byline, a weeknote's summary list), and every link target."""

    def __init__(self):
        super().__init__()
        self.authors: list[str] = []
        self.day = ""
        self.targets: list[str] = []
        self._in_authors = self._in_link = self._in_key = False
        self._key = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "notes-byline" in (attrs.get("class") or ""):
            self._in_authors = True
        elif tag == "dt":
            self._in_key, self._key = True, ""
        elif tag == "dd" and self._key.strip() in ("Author", "Authors"):
            self._in_authors = True
        elif tag == "a" and self._in_authors:
            self._in_link = True
        if tag == "time" and not self.day:
            self.day = attrs.get("datetime", "")
        if tag == "img" or (tag == "a" and attrs.get("href")):
            self.targets.append(attrs.get("src") or attrs.get("href"))

    def handle_endtag(self, tag):
        if tag in ("p", "dd"):
            self._in_authors = False
        elif tag == "dt":
            self._in_key = False
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data):
        if self._in_link:
            self.authors.append(data.strip())
        if self._in_key:
            self._key += data


def imported(archive: Archive, root: Path):
    shutil.copytree(ARCHIVES / archive.name, root / "old")
    draft = root / "old/_drafts/weeknote-sprint-3.md"
    if draft.exists():
        os.utime(draft, (DRAFT_DAY, DRAFT_DAY))  # Jekyll dates a draft by its file's last change
    return run_in(root, "import", "old", *archive.args)


@pytest.fixture(scope="module", params=ARCHIVES_UNDER_TEST, ids=[a.name for a in ARCHIVES_UNDER_TEST])
def site(request, tmp_path_factory):
    archive = request.param
    root = make_site(tmp_path_factory.mktemp(archive.name) / "site")
    result = imported(archive, root)
    assert result.exit_code == 0, result.output
    built = run_in(root, "build")
    assert built.exit_code == 0, built.output
    return archive, root, result.output


def _page(root: Path, archive: Archive) -> _Page:
    page = _Page()
    page.feed((root / "preview" / archive.page).read_text(encoding="utf-8"))
    return page


def test_the_note_keeps_its_date_and_every_author_of_its_byline(site):
    archive, root, _ = site
    page = _page(root, archive)
    assert (page.day, tuple(page.authors)) == (archive.day, archive.authors)


def test_the_old_address_redirects_to_the_note(site):
    archive, root, _ = site
    redirect = (root / "preview" / archive.old / "index.html").read_text(encoding="utf-8")
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect)[1]
    assert posixpath.normpath(posixpath.join(archive.old, target)) + "/index.html" == archive.page


def test_images_and_attachments_are_copied_and_the_page_links_to_the_copies(site):
    archive, root, _ = site
    folder = posixpath.dirname(archive.page)
    linked = {posixpath.normpath(posixpath.join(folder, t)).lstrip("/") for t in _page(root, archive).targets}
    for output, source in archive.files.items():
        assert (root / "preview" / output).read_bytes() == (ARCHIVES / archive.name / source).read_bytes()
        assert (root / "content" / output).is_file()
    assert set(archive.files) & linked  # at least the note under test links to what was copied for it


def test_no_template_tag_reaches_a_page(site):
    archive, root, _ = site
    for page in (root / "preview").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\{%|\{\{|\{(?:filename|static|attach)\}|\[caption", text), page


def test_the_placeholder_note_came_in_as_a_draft_and_is_not_published(site):
    archive, root, _ = site
    text = (root / "content" / archive.draft).read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in text
    feed = feedparser.parse((root / "preview/feeds/all.atom.xml").read_bytes())
    assert archive.title in {entry.title for entry in feed.entries}
    title = re.search(r"^title: (.+)$", text, re.MULTILINE)
    assert not title or title[1].strip("'") not in {entry.title for entry in feed.entries}


def test_the_report_counts_first_and_says_what_the_baseline_took(site):
    archive, root, output = site
    lines = output.splitlines()
    assert lines[0].startswith("Read ")
    assert any(line.startswith("Imported ") for line in lines[:4])
    baselined = root / ".notes-baseline.json"
    assert baselined.exists() == any(line.startswith("Baseline: ") for line in lines)


def test_a_new_problem_in_an_imported_note_fails_the_build_alone(tmp_path):
    archive = ARCHIVES_UNDER_TEST[0]  # Pelican: its imported notes hold baselined findings
    root = make_site(tmp_path / "site")
    assert imported(archive, root).exit_code == 0
    assert run_in(root, "build").exit_code == 0
    note = root / "content/posts/2021-03-05-first-weeknote-of-the-beta.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The first council went live on Wednesday, a day early.",
        "The first council went live on Wednesday, a day early.\n\n![](/images/2021/standup-board.png)"),
        encoding="utf-8")
    failed = run_in(root, "build")
    assert failed.exit_code == 1
    errors = [line for line in failed.output.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert errors == ["content/posts/2021-03-05-first-weeknote-of-the-beta.md:19:1: T507 image has no alt text: "
                      "describe what it shows, or why it is there (error)"]


def test_nothing_imported_is_exit_1_with_the_option_that_helps(tmp_path):
    root = make_site(tmp_path / "site")
    notes = root / "old/src/weeknotes"
    notes.mkdir(parents=True)
    for week in ("a", "b", "c"):  # dated only by week_ending, in files named without a date
        (notes / f"week-{week}.md").write_text(f"---\nweek_ending: 2023-01-13\ntitle: Week {week}\nauthor: Sam Lee\n---\nText.\n")
    result = run_in(root, "import", "old", "--from", "lume")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "notes: error: nothing imported from 3 files; the most common reason (3 of them): it has no 'date', and its "
        "file name has none; give --date-field NAME for the field that holds each note's date")
    assert run_in(root, "import", "old", "--from", "lume", "--date-field", "week_ending").exit_code == 0
