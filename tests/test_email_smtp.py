"""`notes email` against a real SMTP server on 127.0.0.1 (aiosmtpd), run as users run it: a process.

The demo content as of Monday 30 November 2026 (week 49), so last week, 48,
has weeknotes from three teams and one post; publishing-platform, which
publishes fortnightly, has none that week.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from tests.conftest import REPO, make_site
from tests.smtpserver import PASSWORD, USERNAME, Authority, Handler, free_port, smtp_server, write_config

BASE = "https://blog.example.gov.uk"
SITE_LISTS = {
    "all-staff": {"to": "all-staff@example.gov.uk",
                  "unsubscribe": ["https://lists.example.gov.uk/all-staff/unsubscribe",
                                  "mailto:all-staff-leave@lists.example.gov.uk"]},
    "data-platform": {"to": "data-platform-news@example.gov.uk", "team": "data-platform",
                      "unsubscribe": "mailto:data-platform-leave@lists.example.gov.uk"},
    "identity": {"to": "identity-news@example.gov.uk", "team": "identity"},
    "publishing-platform": {"to": "publishing-news@example.gov.uk", "team": "publishing-platform"},
}


@pytest.fixture(scope="module")
def authority(tmp_path_factory) -> Authority:
    return Authority.make(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "site", REPO / "content")


def notes_email(root: Path, *args: str, authority: Authority | None = None, login: bool = True,
                password: str = PASSWORD, wait: bool = True):
    """`notes email ARGS` in `root`, as a process, trusting `authority`'s certificates."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOTES_SMTP_")}
    if authority is not None:
        env["SSL_CERT_FILE"] = str(authority.ca_file)
    if login:
        env.update(NOTES_SMTP_USERNAME=USERNAME, NOTES_SMTP_PASSWORD=password)
    command = [sys.executable, "-m", "pipeline", "email", *args]
    if not wait:
        return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert password not in done.stdout + done.stderr
    return done


def log_of(root: Path) -> list[dict]:
    return json.loads((root / "email-log.json").read_text())["sent"]


def test_each_list_gets_its_digest_once_with_both_parts_and_list_headers(site, authority):
    with smtp_server("starttls", authority) as (port, server):
        write_config(site, SITE_LISTS, smtp_host="127.0.0.1", smtp_port=port)
        first = notes_email(site, authority=authority)
        assert first.returncode == 0, first.stderr
        second = notes_email(site, authority=authority)

    assert [(m.sender, m.recipients) for m in server.received] == [
        ("weeknotes@blog.example.gov.uk", ["all-staff@example.gov.uk"]),
        ("weeknotes@blog.example.gov.uk", ["data-platform-news@example.gov.uk"]),
        ("weeknotes@blog.example.gov.uk", ["identity-news@example.gov.uk"]),
    ]
    everyone, data_platform, identity = (m.message for m in server.received)
    assert everyone["Subject"] == "Weeknotes and posts for week 48, 2026 – Department for Local Services blog"
    assert everyone["Message-ID"] == "<digest-2026-w48.all-staff@blog.example.gov.uk>"
    assert everyone["List-Id"] == "Weekly digest from Department for Local Services blog <all-staff.blog.example.gov.uk>"
    assert everyone["List-Unsubscribe"] == ("<https://lists.example.gov.uk/all-staff/unsubscribe>, "
                                            "<mailto:all-staff-leave@lists.example.gov.uk>")
    assert everyone["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert everyone["Auto-Submitted"] == "auto-generated"
    assert parsedate_to_datetime(everyone["Date"]).tzinfo is not None
    # A mailto: address alone cannot take a one-click POST (RFC 8058), and a list without one has neither.
    assert data_platform["List-Unsubscribe"] == "<mailto:data-platform-leave@lists.example.gov.uk>"
    assert data_platform["List-Unsubscribe-Post"] is None
    assert identity["List-Unsubscribe"] is None
    assert data_platform["Subject"] == "Data platform weeknotes for week 48, 2026 – Department for Local Services blog"

    assert everyone.get_content_type() == "multipart/alternative"
    text = everyone.get_body(("plain",)).get_content()
    html = everyone.get_body(("html",)).get_content()
    for team in ("Data platform", "Identity", "Service design"):
        assert f"{team} weeknote: week 48, 2026" in text and f"{team} weeknote: week 48, 2026</a>" in html
    assert f"{BASE}/weeknotes/identity/2026-w48/" in text
    assert f'href="{BASE}/2026/11/26/what-we-have-done-since-august-and-what-has-slipped/"' in html
    assert "What we have done since August and what has slipped" in text
    team_text = data_platform.get_body(("plain",)).get_content()
    assert "Identity" not in team_text and f"{BASE}/feeds/teams/data-platform.atom.xml" in team_text

    assert first.stdout.splitlines()[0] == "Week 48, 2026 (23 November to 29 November 2026): 3 messages for 4 lists."
    assert "  skipped  publishing-news@example.gov.uk: Publishing platform published no weeknote in week 48" in first.stdout
    assert [(r["digest"], r["to"], r["message_id"]) for r in log_of(site)] == [
        ("2026-W48", "all-staff@example.gov.uk", "<digest-2026-w48.all-staff@blog.example.gov.uk>"),
        ("2026-W48/data-platform", "data-platform-news@example.gov.uk",
         "<digest-2026-w48-data-platform.data-platform@blog.example.gov.uk>"),
        ("2026-W48/identity", "identity-news@example.gov.uk",
         "<digest-2026-w48-identity.identity@blog.example.gov.uk>"),
    ]
    # The second run sends nothing, and says so.
    assert second.returncode == 0, second.stderr
    assert len(server.received) == 3
    assert second.stdout.splitlines()[-1] == "Sent 0 messages; 3 already sent. Send log: email-log.json"
    assert "  already  all-staff@example.gov.uk: sent on " in second.stdout


def test_a_killed_run_resumes_without_sending_anything_twice(site, authority):
    lists = {f"staff-{n}": {"to": f"staff-{n}@example.gov.uk"} for n in range(1, 7)}
    handler = Handler(hold_at=3)  # the server holds the third message at DATA...
    with smtp_server("starttls", authority, handler) as (port, server):
        write_config(site, lists, smtp_host="127.0.0.1", smtp_port=port)
        running = notes_email(site, authority=authority, wait=False)
        try:
            assert handler.arrived.wait(60), "the third message never reached the server"
            os.kill(running.pid, signal.SIGKILL)  # ...and the sender is killed while it waits
            running.wait(30)
        finally:
            running.kill()
            running.communicate()
        assert running.returncode == -signal.SIGKILL
        handler.released.set()
        assert [r["to"] for r in log_of(site)] == ["staff-1@example.gov.uk", "staff-2@example.gov.uk"]

        handler.hold_at = None
        resumed = notes_email(site, authority=authority)

    assert resumed.returncode == 0, resumed.stderr
    assert [m.recipients for m in server.received] == [[f"staff-{n}@example.gov.uk"] for n in range(1, 7)]
    assert [r["to"] for r in log_of(site)] == [f"staff-{n}@example.gov.uk" for n in range(1, 7)]
    assert resumed.stdout.splitlines()[-1].startswith("Sent 4 messages through 127.0.0.1:")


def test_resend_sends_again_on_purpose_with_a_new_message_id(site, authority):
    with smtp_server("starttls", authority) as (port, server):
        write_config(site, {"all-staff": SITE_LISTS["all-staff"]}, smtp_host="127.0.0.1", smtp_port=port)
        assert notes_email(site, authority=authority).returncode == 0
        again = notes_email(site, "--resend", authority=authority)
    assert again.returncode == 0, again.stderr
    assert [m.message["Message-ID"] for m in server.received] == [
        "<digest-2026-w48.all-staff@blog.example.gov.uk>", "<digest-2026-w48.all-staff.2@blog.example.gov.uk>"]
    assert len(log_of(site)) == 2


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # aiosmtpd cannot see implicit TLS
def test_implicit_tls(site, authority):
    with smtp_server("implicit", authority) as (port, server):
        write_config(site, {"all-staff": SITE_LISTS["all-staff"]}, smtp_host="127.0.0.1", smtp_port=port,
                     smtp_tls="implicit")
        done = notes_email(site, authority=authority)
    assert done.returncode == 0, done.stderr
    assert "(TLS)" in done.stdout and len(server.received) == 1


def test_tls_is_required_unless_insecure_is_given(site):
    with smtp_server(None, login=False) as (port, server):
        write_config(site, {"all-staff": SITE_LISTS["all-staff"]}, smtp_host="127.0.0.1", smtp_port=port)
        refused = notes_email(site, login=False)
        with_password = notes_email(site, "--insecure")
        insecure = notes_email(site, "--insecure", login=False)

    assert (refused.returncode, refused.stderr) == (2, (
        f"notes: error: 127.0.0.1:{port} (STARTTLS) does not offer STARTTLS, and notes sends only over TLS: "
        'set smtp_tls = "implicit" for a TLS port, or give --insecure for a relay on this machine\n'))
    assert (with_password.returncode, with_password.stderr) == (2, (
        "notes: error: --insecure sends without TLS, so notes will not send a password: "
        "unset NOTES_SMTP_USERNAME and NOTES_SMTP_PASSWORD for a relay on this machine\n"))
    assert insecure.returncode == 0, insecure.stderr
    assert [m.recipients for m in server.received] == [["all-staff@example.gov.uk"]]
    assert f"through 127.0.0.1:{port} (without TLS (--insecure))" in insecure.stdout


def test_an_untrusted_certificate_is_refused(site, authority):
    with smtp_server("starttls", authority) as (port, server):
        write_config(site, {"all-staff": SITE_LISTS["all-staff"]}, smtp_host="127.0.0.1", smtp_port=port)
        done = notes_email(site)  # the test's certificate authority is not trusted
    assert (done.returncode, done.stderr) == (
        2, f"notes: error: 127.0.0.1:{port} (STARTTLS): the server's certificate is not trusted: "
           "unable to get local issuer certificate\n")
    assert server.received == [] and not (site / "email-log.json").exists()


def _log_bytes(site: Path) -> bytes:
    return (site / "email-log.json").read_bytes()


def test_a_refused_login_stops_with_one_line_and_leaves_the_log_alone(site, authority):
    with smtp_server("starttls", authority) as (port, server):
        write_config(site, SITE_LISTS, smtp_host="127.0.0.1", smtp_port=port)
        assert notes_email(site, "--list", "all-staff", authority=authority).returncode == 0
        before = _log_bytes(site)
        done = notes_email(site, authority=authority, password="wrong password")
    assert (done.returncode, done.stderr) == (2, (
        f"notes: error: 127.0.0.1:{port} (STARTTLS) refused the login of NOTES_SMTP_USERNAME: "
        "535 5.7.8 Authentication credentials invalid\n"))
    assert len(server.received) == 1 and _log_bytes(site) == before


def test_an_unreachable_server_stops_with_one_line_and_leaves_the_log_alone(site, authority):
    with smtp_server("starttls", authority) as (port, server):
        write_config(site, SITE_LISTS, smtp_host="127.0.0.1", smtp_port=port)
        assert notes_email(site, "--list", "all-staff", authority=authority).returncode == 0
    before = _log_bytes(site)
    closed = free_port()
    write_config(site, SITE_LISTS, smtp_host="127.0.0.1", smtp_port=closed)
    done = notes_email(site, authority=authority)
    assert (done.returncode, done.stderr) == (
        2, f"notes: error: cannot reach the SMTP server 127.0.0.1:{closed} (STARTTLS): Connection refused\n")
    assert _log_bytes(site) == before


def test_a_second_run_needs_no_server(site, authority):
    with smtp_server("starttls", authority) as (port, _):
        write_config(site, {"all-staff": SITE_LISTS["all-staff"]}, smtp_host="127.0.0.1", smtp_port=port)
        assert notes_email(site, authority=authority).returncode == 0
    done = notes_email(site, authority=authority)  # the server has gone: nothing is left to send
    assert done.returncode == 0, done.stderr
