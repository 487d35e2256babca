"""The weekly digest by email: message sizes for the demo week, and 50 teams' digests sent to a local server.

    .venv/bin/python benchmarks/email_send.py [--teams 50] [--rounds 3]

1. The demo content's week 48, 2026 (`notes email --dry-run`, its lists as in
   pyproject.toml): the size of each message's HTML and plain-text parts, and
   of the whole message as sent (MIME, quoted-printable).
2. A generated site of `--teams` weekly teams, each with a weeknote in week 48
   and a year of weeknotes before it, and 40 posts; one site-wide list and one
   list per team, so `--teams` + 1 messages. `notes email` runs as a process,
   as CI runs it, against aiosmtpd on 127.0.0.1 with STARTTLS and a login
   (the test suite's server, tests/smtpserver.py). Each round starts with an
   empty send log. Printed: the whole run's wall-clock time, and, from a
   run in this process, the part spent building (loading and checking the
   content, making and rendering every digest) and the part spent sending.
   A second run with the log full is timed too: it must send nothing.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import make_site, run_in, write  # noqa: E402
from tests.smtpserver import PASSWORD, USERNAME, Authority, smtp_server, write_config  # noqa: E402

WEEK_48_MONDAY = date(2026, 11, 23)


def demo_sizes(folder: Path) -> None:
    root = make_site(folder / "demo", REPO / "content")
    (root / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_in(root, "email", "--week", "2026-W48", "--dry-run", "--out", str(folder / "preview"))
    assert result.exit_code == 0, result.output
    print("Demo week 48, 2026 (bytes, UTF-8):")
    print(f"  {'message':<38} {'HTML part':>10} {'text part':>10} {'as sent':>10}")
    for eml in sorted((folder / "preview").glob("*.eml")):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        html = message.get_body(("html",)).get_content().encode("utf-8")
        text = message.get_body(("plain",)).get_content().encode("utf-8")
        print(f"  {eml.name:<38} {len(html):>10,} {len(text):>10,} {eml.stat().st_size:>10,}")


def generated_site(root: Path, teams: int) -> Path:
    content: dict[str, str] = {
        "authors/sam-lee.md": "---\nname: Sam Lee\nrole: Delivery manager\n---\nSam.\n",
    }
    for number in range(teams):
        slug = f"team-{number:02d}"
        content[f"teams/{slug}.md"] = (f"---\nname: Team {number:02d}\ncadence: weekly\ndue: friday\n"
                                       f"since: 2025-12-01\nmembers: [sam-lee]\n---\nTeam {number}.\n")
        for weeks_back in range(52):
            friday = WEEK_48_MONDAY + timedelta(days=4) - timedelta(weeks=weeks_back)
            year, week, _ = friday.isocalendar()
            content[f"weeknotes/{slug}/{year}-W{week:02d}.md"] = (
                f"---\ndate: {friday}\nauthors: [sam-lee]\nsummary: Team {number} moved the case database, "
                f"tested the sign-in service with 12 caseworkers and fixed 3 problems in week {week}.\n---\n"
                "## What went well\n\nWe moved the case database.\n")
    for number in range(40):
        day = WEEK_48_MONDAY - timedelta(days=7 * number) + timedelta(days=2)
        content[f"posts/{day}-post-{number}.md"] = (
            f"---\ntitle: What we learned in week {number}\ndate: {day} 09:00\nauthors: [sam-lee]\n"
            "summary: An honest update on what went well and what slipped.\n---\nText.\n")
    return make_site(root, content)


def run_notes(root: Path, authority: Authority) -> subprocess.CompletedProcess:
    env = {**os.environ, "SSL_CERT_FILE": str(authority.ca_file),
           "NOTES_SMTP_USERNAME": USERNAME, "NOTES_SMTP_PASSWORD": PASSWORD}
    return subprocess.run([sys.executable, "-m", "pipeline", "email", "--week", "2026-W48"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def in_process(root: Path, authority: Authority, port: int) -> tuple[float, float]:
    """(build, send) seconds, timed around the same calls `notes email` makes."""
    from pipeline.content.model import IsoWeek
    from pipeline.email import run, sendlog, smtp
    from pipeline.project import open_project

    cwd = os.getcwd()
    os.chdir(root)
    os.environ["SSL_CERT_FILE"] = str(authority.ca_file)
    try:
        started = time.perf_counter()
        prepared = run.prepare(open_project(root / "publishconf.py"), IsoWeek(2026, 48))
        built = time.perf_counter()
        log = sendlog.SendLog.read(root / "bench-log.json")
        server = smtp.Server("127.0.0.1", port, "starttls")
        with smtp.Connection(server, (USERNAME, PASSWORD)) as connection:
            sent = run.send(prepared, connection, log, False, lambda line: None)
        assert sent == len(prepared.mailings)
        return built - started, time.perf_counter() - built
    finally:
        os.chdir(cwd)
        (root / "bench-log.json").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo_sizes(folder)
        authority = Authority.make(folder)
        root = generated_site(folder / "teams", args.teams)
        lists = {"all-staff": {"to": "all-staff@example.gov.uk"},
                 **{f"team-{n:02d}": {"to": f"team-{n:02d}@example.gov.uk", "team": f"team-{n:02d}"}
                    for n in range(args.teams)}}
        print(f"\n{args.teams} teams ({args.teams * 52} weeknotes, 40 posts), {args.teams + 1} lists, "
              "aiosmtpd on 127.0.0.1 with STARTTLS and a login:")
        with smtp_server("starttls", authority) as (port, server):
            write_config(root, lists, smtp_host="127.0.0.1", smtp_port=port)
            run_in(root, "lint")  # warm the lint cache once, as `notes publish` before it would in CI
            for round_number in range(1, args.rounds + 1):
                (root / "email-log.json").unlink(missing_ok=True)
                before = len(server.received)
                started = time.perf_counter()
                done = run_notes(root, authority)
                whole = time.perf_counter() - started
                assert done.returncode == 0, done.stderr
                assert len(server.received) - before == args.teams + 1, done.stdout
                started = time.perf_counter()
                again = run_notes(root, authority)
                second = time.perf_counter() - started
                assert again.returncode == 0 and len(server.received) - before == args.teams + 1
                build, send = in_process(root, authority, port)
                print(f"  round {round_number}: notes email {whole:.2f} s for {args.teams + 1} messages "
                      f"({whole / (args.teams + 1) * 1000:.0f} ms a message); second run {second:.2f} s, sent 0; "
                      f"in process: build {build:.2f} s, send {send:.2f} s")
            sizes = [len(m.message.as_bytes()) for m in server.received[-(args.teams + 1):]]
            print(f"  messages as received: {min(sizes):,} to {max(sizes):,} bytes")


if __name__ == "__main__":
    main()
