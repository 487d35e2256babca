"""`notes email` without a server: the digest it sends is the digest feed's, its links are the site's,
hostile text cannot break a header or the HTML, and bad configuration is reported by file and line."""

from __future__ import annotations

import email
import email.policy
import sys
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from pipeline.content.model import IsoWeek
from pipeline.email import run
from pipeline.feeds import settings as feed_settings
from pipeline.project import open_project
from pipeline.settings import PRODUCTION
from pipeline.urls import DEFAULTS, SiteUrls
from tests.conftest import REPO, build_in, make_site, run_in, write
from tests.smtpserver import write_config

ATOM = "{http://www.w3.org/2005/Atom}"
LISTS = {"all-staff": {"to": "all-staff@example.gov.uk"},
         "data-platform": {"to": "data-platform-news@example.gov.uk", "team": "data-platform"}}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo content, as of Monday 30 November 2026, with email lists, built with Pelican for production."""
    root = make_site(tmp_path_factory.mktemp("email") / "site", REPO / "content")
    write_config(root, LISTS)
    build_in(root, "publish")
    return root


def test_every_week_of_the_digest_feed_is_the_weeknotes_part_of_that_weeks_email(demo, monkeypatch):
    monkeypatch.chdir(demo)
    feed = etree.parse(str(demo / "output/feeds/digest.atom.xml")).getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 12  # weeks 37 to 48
    project = open_project(PRODUCTION)
    settings = feed_settings.read(project.settings, project.today.day)
    for entry in entries:
        week = IsoWeek.parse(entry.findtext(f"{ATOM}id").rsplit("digest-", 1)[1])
        prepared = run.prepare(project, week)
        ours = prepared.mailings[0].digest.as_entry(settings, project.settings["ARCHIVES_URL"])
        # Whole values, not fragments: titles, links and summaries, by team, in order.
        assert (ours.id, ours.title, ours.content) == (
            entry.findtext(f"{ATOM}id"), entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}content"))


def test_every_note_links_to_the_page_pelican_wrote(demo, monkeypatch):
    monkeypatch.chdir(demo)
    project = open_project(PRODUCTION)
    urls = SiteUrls(project.settings)
    published = [note for note in project.site.notes if note.kind != "page" and note.status == "published"]
    assert len(published) == 40
    for note in published:
        assert (demo / "output" / urls.note(note) / "index.html").is_file(), note.source


def test_url_defaults_are_pelicans_and_the_plugins():
    from pelican.settings import DEFAULT_CONFIG

    from pipeline import site_settings

    for key in ("WEEKNOTE_URL", "TEAM_URL", "SUBSCRIBE_URL"):
        assert DEFAULTS[key] == site_settings.DEFAULTS[key], key
    for key in ("ARTICLE_URL", "DEFAULT_LANG", "MARKDOWN"):
        assert DEFAULTS[key] == DEFAULT_CONFIG[key], key


def test_notes_email_does_not_load_pelican(demo, tmp_path):
    import subprocess

    script = ("import sys; from pipeline.cli import main; sys.argv = ['notes', 'email', '--dry-run', '--out', "
              f"{str(tmp_path)!r}]; import atexit; atexit.register(lambda: None)\n"
              "from click.testing import CliRunner; from pipeline.cli import cli\n"
              f"result = CliRunner().invoke(cli, sys.argv[1:])\n"
              "assert result.exit_code == 0, result.output\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pelican', 'feedgen')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=demo, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr


def test_a_build_warns_when_email_would_link_elsewhere_than_pelican(tmp_path):
    root = make_site(tmp_path / "site")
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nARTICLE_URL = "{category}/{slug}/"\nARTICLE_SAVE_AS = "{category}/{slug}/index.html"\n')
    write_config(root, LISTS)
    result = run_in(root, "build")
    assert result.exit_code == 0, result.output
    assert ("pelican: warning: notes email cannot link to notes: ARTICLE_URL '{category}/{slug}/' cannot be "
            "filled in without Pelican ('category'): notes email knows {slug}, {date}, {lang} and {author}"
            ) in result.output


# Preview, and the week

def test_dry_run_writes_each_message_and_its_html_and_sends_nothing(demo, tmp_path):
    result = run_in(demo, "email", "--dry-run", "--out", str(tmp_path / "preview"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "preview").iterdir()) == [
        "digest-2026-w48-all-staff.eml", "digest-2026-w48-all-staff.html",
        "digest-2026-w48-data-platform.eml", "digest-2026-w48-data-platform.html"]
    message = email.message_from_bytes((tmp_path / "preview/digest-2026-w48-all-staff.eml").read_bytes(),
                                       policy=email.policy.default)
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert html.rstrip("\n") == (tmp_path / "preview/digest-2026-w48-all-staff.html").read_text().rstrip("\n")
    assert not (demo / "email-log.json").exists()
    assert result.output.splitlines()[-1].startswith("Previewed 2 messages in ")


def test_the_html_part_has_its_css_inline_a_language_and_no_images(demo, tmp_path):
    run_in(demo, "email", "--dry-run", "--out", str(tmp_path))
    page = lxml_html.parse(str(tmp_path / "digest-2026-w48-all-staff.html")).getroot()
    assert page.get("lang") == "en-GB"
    assert page.findall(".//style") == [] and page.findall(".//img") == []
    assert "font-family: Helvetica, Arial, sans-serif" in page.find("body").get("style")
    assert [h.text_content() for h in page.iter("h1", "h2", "h3")] == [
        "Weeknotes and posts for week 48, 2026", "Weeknotes", "Data platform", "Identity", "Service design",
        "Posts", "What we have done since August and what has slipped"]
    links = [a.text_content() for a in page.iter("a")]
    assert "Identity weeknote: week 48, 2026" in links and "the weekly digest feed" in links


def test_a_week_not_over_is_refused(demo):
    result = run_in(demo, "email", "--week", "2026-W49", "--dry-run")
    assert (result.exit_code, result.output) == (2, (
        "notes: error: week 2026-W49 is not over until the end of Sunday 6 December 2026 (today is "
        "30 November 2026, from NOTES_TODAY): a digest is sent for a closed week\n"))


def test_a_week_without_notes_has_nothing_to_send(demo, tmp_path):
    result = run_in(demo, "email", "--week", "2026-W30", "--dry-run", "--out", str(tmp_path))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        0, "Week 30, 2026 (20 July to 26 July 2026): nothing was published, so there is no digest to send.")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_list_is_refused(demo):
    result = run_in(demo, "email", "--list", "everyone", "--dry-run")
    assert (result.exit_code, result.output) == (
        2, "notes: error: no list 'everyone' in [tool.notes.email.lists]; the lists are: all-staff, data-platform\n")


# Configuration, reported by file and line

@pytest.fixture
def fixture_site(tmp_path) -> Path:
    return make_site(tmp_path / "site")


@pytest.mark.parametrize("toml, line, message", [
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>"\n', 1,
     '[tool.notes.email] has no recipients: add a list like [tool.notes.email.lists.all-staff] with '
     'to = "all-staff@example.gov.uk"'),
    ('[tool.notes.email.lists.all-staff]\nto = "all-staff@example.gov.uk"\n', None,
     '[tool.notes.email] needs \'from\', the sender\'s address, like "Weeknotes <weeknotes@blog.example.gov.uk>"'),
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>"\n\n[tool.notes.email.lists.all-staff]\n'
     'to = "all staff@example"\n', 5,
     '\'to\' in [tool.notes.email.lists.all-staff] must be the list\'s address, like "all-staff@example.gov.uk"; '
     "got 'all staff@example'"),
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>\\r\\nBcc: x@example.gov.uk"\n', 2,
     "'from' in [tool.notes.email] must be an address like \"Weeknotes <weeknotes@blog.example.gov.uk>\"; "
     "got 'Blog <blog@example.gov.uk>\\r\\nBcc: x@example.gov.uk'"),
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>"\n\n[tool.notes.email.lists.data]\n'
     'to = "data@example.gov.uk"\nteam = "data-platfrom"\n', 6,
     "'team' in [tool.notes.email.lists.data] must be a team's slug (a file in content/teams/); "
     "got 'data-platfrom'; did you mean 'data-platform'?"),
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>"\n\n[tool.notes.email.lists.all-staff]\n'
     'to = "all-staff@example.gov.uk"\nunsubscribe = "http://lists.example.gov.uk/leave"\n', 6,
     "'unsubscribe' in [tool.notes.email.lists.all-staff] must be how to leave the list: https:// (one-click, "
     "RFC 8058) and/or mailto: addresses; got 'http://lists.example.gov.uk/leave'"),
    ('[tool.notes.email]\nfrom = "Blog <blog@example.gov.uk>"\nsmtp_tls = "ssl"\n', 3,
     "'smtp_tls' in [tool.notes.email] must be starttls or implicit; got 'ssl'"),
])
def test_bad_configuration_is_reported_by_file_and_line(fixture_site, toml, line, message):
    (fixture_site / "pyproject.toml").write_text(toml, encoding="utf-8")
    result = run_in(fixture_site, "email", "--dry-run")
    path = fixture_site / "pyproject.toml"
    place = f"{path}:{line}" if line else str(path)
    assert (result.exit_code, result.output) == (2, f"notes: error: {place}: {message}\n")


def test_every_command_reports_a_malformed_email_setting(fixture_site):
    (fixture_site / "pyproject.toml").write_text(
        '[tool.notes.email.lists.all-staff]\nto = "nobody"\ncolour = "red"\n', encoding="utf-8")
    result = run_in(fixture_site, "lint")
    path = fixture_site / "pyproject.toml"
    assert (result.exit_code, result.output) == (2, (
        f"notes: error: {path}:3: unknown key 'colour' in [tool.notes.email.lists.all-staff]; expected one of: "
        "to, team, unsubscribe, signup\n"
        f"{path}:2: 'to' in [tool.notes.email.lists.all-staff] must be the list's address, like "
        "\"all-staff@example.gov.uk\"; got 'nobody'\n"))


def test_content_with_errors_is_not_emailed(fixture_site):
    write_config(fixture_site, LISTS)
    write(fixture_site / "content/posts/2026-11-18-broken.md", "---\ntitle: Broken\n---\nNo date or authors.\n")
    result = run_in(fixture_site, "email", "--week", "2026-W47", "--dry-run")
    assert (result.exit_code, result.output) == (1, (
        "notes: error: the content has errors, so notes publish would not publish it and the email would link "
        "to pages that are not there: run notes lint to see them\n"))


# Hostile text

HOSTILE_TEAM = "Data <script>alert(1)</script>\r\nBcc: evil@example.com \u202egnp.exe 🎉 مرحبا"
HOSTILE_TITLE = "Week <b>47</b> & \"quotes\"\nX-Injected: yes 🎉 שלום \u202eright to left"
HOSTILE_SUMMARY = "Done <script>alert(2)</script> & <img src=x onerror=alert(3)> مرحبا 🎉."


def _escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii").replace('"', '\\"')


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = make_site(tmp_path / "site")
    team = (REPO / "tests/fixtures/site/content/teams/data-platform.md").read_text(encoding="utf-8")
    write(root / "content/teams/data-platform.md",
          team.replace("name: Data platform", f'name: "{_escaped(HOSTILE_TEAM)}"', 1))
    write(root / "content/weeknotes/data-platform/2026-W47.md", (
        f'---\ndate: 2026-11-20\nauthors: [sam-lee]\ntitle: "{_escaped(HOSTILE_TITLE)}"\n'
        f'summary: "{_escaped(HOSTILE_SUMMARY)}"\n---\n## What went well\n\nFine.\n'))
    write_config(root, {"data": {"to": "data@example.gov.uk", "team": "data-platform"}})
    with (root / "pyproject.toml").open("a") as config:
        config.write('\n[tool.notes.lint]\nlevels = {S1 = "warning"}\n')
    return root


def test_hostile_titles_and_names_cannot_add_headers_and_are_escaped_in_html(hostile, tmp_path):
    result = run_in(hostile, "email", "--week", "2026-W47", "--dry-run", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "digest-2026-w47-data.eml").read_bytes()
    assert raw.isascii()  # every header encoded (RFC 2047), every part quoted-printable or base64
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.keys() == ["From", "To", "Subject", "Date", "Message-ID", "List-Id", "Auto-Submitted",
                              "MIME-Version", "Content-Type"]
    assert message["Subject"] == ("Data <script>alert(1)</script> Bcc: evil@example.com gnp.exe 🎉 مرحبا weeknotes "
                                  "for week 47, 2026 – Department for Local Services blog")
    assert message["To"] == "data@example.gov.uk"
    page = lxml_html.fromstring(message.get_body(("html",)).get_content())
    assert page.findall(".//script") == []
    assert not [e for e in page.iter() if any(name.startswith("on") for name in e.keys())]
    # The summary's image stays, as in the feed, without its handler and with an absolute address.
    assert [img.attrib for img in page.iter("img")] == [{"src": "https://blog.example.gov.uk/weeknotes/data-platform/2026-w47/x"}]
    title = next(a for a in page.iter("a") if "Week" in a.text_content())
    assert title.text_content() == HOSTILE_TITLE
    assert title.getparent().get("dir") == "auto"
    text = message.get_body(("plain",)).get_content()
    assert "Week <b>47</b> & \"quotes\" X-Injected: yes 🎉 שלום" in text


# The sign-up address on the site

def _signup_links(page: Path) -> list[tuple[str, str]]:
    found = lxml_html.parse(str(page)).getroot().find_class("notes-email-signup")
    return [(a.get("href"), a.text_content()) for paragraph in found for a in paragraph.iter("a")]


def test_the_sign_up_address_is_on_the_subscribe_page_the_home_page_and_team_pages(fixture_site):
    write_config(fixture_site, {"data": {"to": "data@example.gov.uk", "team": "data-platform",
                                         "signup": "https://lists.example.gov.uk/data/"}},
                 signup="https://lists.example.gov.uk/weeknotes/")
    output = build_in(fixture_site)
    digest = ("https://lists.example.gov.uk/weeknotes/", "Get the weekly digest by email")
    assert _signup_links(output / "subscribe/index.html") == [digest]
    assert _signup_links(output / "index.html") == [digest]
    assert _signup_links(output / "teams/data-platform/index.html") == [
        ("https://lists.example.gov.uk/data/", "Get Data platform weeknotes by email"),
        ("https://lists.example.gov.uk/weeknotes/", "the weekly digest of every team")]


def test_without_a_sign_up_address_the_site_shows_none(fixture_site):
    output = build_in(fixture_site)
    assert "notes-email-signup" not in (output / "subscribe/index.html").read_text()
