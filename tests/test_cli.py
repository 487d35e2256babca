"""The notes CLI, driven with CliRunner: exit codes and output asserted together."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from scripts import cli_docs
from tests.conftest import REPO, write

COMMANDS = ["build", "cadence", "deploy", "email", "import", "links", "lint", "new", "publish", "rules", "serve"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="notes")


def test_help_lists_every_command_and_the_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].strip().splitlines()[:len(COMMANDS)]]
    assert listed == COMMANDS
    assert "1  the content has errors, or the build failed" in result.output


@pytest.mark.parametrize("command", [[c] for c in COMMANDS if c != "new"] + [["new"], ["new", "post"], ["new", "weeknote"]])
def test_every_help_text_ends_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    description = result.output.split("Options:")[0].rstrip()
    example = description.rsplit("Example:", 1)[1]
    assert example.strip().splitlines()[0].startswith("notes ")


def test_python_dash_m_works_the_same(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # help is wrapped to the terminal's width
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    # Click wraps a real terminal's help two columns short of its width.
    in_process = CliRunner().invoke(cli, ["--help"], prog_name="notes", terminal_width=78)
    assert result.stdout == in_process.output


def test_new_post_writes_a_draft_that_passes_the_checks(site):
    result = run("new", "post", "--title", "How we hire: a guide", "--author", "jane-doe", "--date", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert result.output == "Created content/posts/2026-11-30-how-we-hire-a-guide.md\n"
    text = (site / "content/posts/2026-11-30-how-we-hire-a-guide.md").read_text()
    assert text.startswith(
        "---\ntitle: 'How we hire: a guide'\ndate: 2026-11-30 09:00\nauthors: [jane-doe]\n"
        "summary: One or two sentences for listings, feeds and email.\ntags: []\nstatus: draft\n---\n"
    )
    lint = run("lint")
    assert lint.exit_code == 0 and lint.output == "Checked 11 files: no problems found.\n"


def test_new_weeknote_has_the_team_sections_and_valid_front_matter(site):
    result = run("new", "weeknote", "--team", "data-platform", "--week", "2026-W44")
    assert result.exit_code == 0, result.output
    assert result.output == "Created content/weeknotes/data-platform/2026-W44.md\n"
    text = (site / "content/weeknotes/data-platform/2026-W44.md").read_text()
    # A past week's note is dated on the team's due day in that week.
    assert text == (
        "---\ndate: 2026-10-30\nauthors: [sam-lee, priya-patel]\n"
        "summary: 'One or two sentences: what changed this week.'\nstatus: draft\n---\n"
        "## What went well\n\n<!-- Write about this here. -->\n\n"
        "## What we learned\n\n<!-- Write about this here. -->\n\n"
        "## What's next\n\n<!-- Write about this here. -->\n"
    )
    assert run("lint").exit_code == 0


def test_a_new_note_published_before_it_is_written_is_an_error(site):
    run("new", "weeknote", "--team", "data-platform", "--week", "2026-W44")
    note = site / "content/weeknotes/data-platform/2026-W44.md"
    note.write_text(note.read_text().replace("status: draft", "status: published"))
    lint = run("lint")
    assert lint.exit_code == 1
    assert "content/weeknotes/data-platform/2026-W44.md:4:11: T511 summary is still the one notes new wrote" in lint.output
    assert lint.output.count("T511 section") == 3 and "T509" not in lint.output


def test_new_weeknote_defaults_to_this_week(site):
    result = run("new", "weeknote", "--team", "data-platform", "--author", "sam-lee")
    assert result.exit_code == 0, result.output
    assert (site / "content/weeknotes/data-platform/2026-W49.md").is_file()  # NOTES_TODAY: tests/conftest.py


def test_new_team_writes_a_team_whose_notes_are_expected_from_its_next_due_day(site):
    result = run("new", "team", "--name", "Benefits & pensions", "--member", "sam-lee", "--member", "jane-doe",
                 "--cadence", "fortnightly", "--due", "monday")
    assert (result.exit_code, result.output) == (0, "Created content/teams/benefits-pensions.md\n")
    assert (site / "content/teams/benefits-pensions.md").read_text() == (
        "---\nname: Benefits & pensions\ncadence: fortnightly\ndue: monday\n"
        "since: 2026-12-07\n"  # today is Monday 30 November 2026 (tests/conftest.py): the next Monday after it
        "members: [sam-lee, jane-doe]\nsections: [What went well, What we learned, What's next]\n---\n"
        "What the team does and who it works for, in two or three sentences. This is\n"
        "the description on the team's page.\n"
    )
    assert run("lint").output == "Checked 11 files: no problems found.\n"
    weeknote = run("new", "weeknote", "--team", "benefits-pensions", "--week", "2026-W50")
    assert weeknote.exit_code == 0, weeknote.output


def test_new_author_writes_an_author_file_the_checks_accept(site):
    result = run("new", "author", "--name", "Siân O'Brien", "--role", "Service owner")
    assert (result.exit_code, result.output) == (0, "Created content/authors/sian-obrien.md\n")
    assert (site / "content/authors/sian-obrien.md").read_text() == (
        "---\nname: Siân O'Brien\nrole: Service owner\n---\n"
        "A sentence or two about what you do and what you write about. This is the\nbio on your author page.\n"
    )
    assert run("lint").output == "Checked 11 files: no problems found.\n"
    post = run("new", "post", "--title", "Hello", "--author", "sian-obrien", "--date", "2026-12-01")
    assert post.exit_code == 0, post.output


def test_new_never_overwrites(site):
    result = run("new", "weeknote", "--team", "data-platform", "--week", "2026-W47")
    assert result.exit_code == 2
    assert result.output == (
        "notes: error: content/weeknotes/data-platform/2026-W47.md already exists; notes new never overwrites a note\n"
    )
    assert "Week 47 on the data platform" in (site / "content/weeknotes/data-platform/2026-W47.md").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["new", "weeknote", "--team", "data-platfrom"],
         "notes: error: unknown team 'data-platfrom': there is no content/teams/data-platfrom.md; did you mean 'data-platform'?\n"),
        (["new", "weeknote", "--team", "identity"],
         "notes: error: unknown team 'identity': there is no content/teams/identity.md; known teams: data-platform\n"),
        (["new", "post", "--title", "Hiring", "--author", "jane-do"],
         "notes: error: unknown author 'jane-do': there is no content/authors/jane-do.md; did you mean 'jane-doe'?\n"),
        (["new", "weeknote", "--team", "data-platform", "--week", "2026-W54"],
         "Usage: notes new weeknote [OPTIONS]\nTry 'notes new weeknote --help' for help.\n\n"
         "Error: Invalid value for '--week': '2026-W54' is not an ISO week; expected a week like 2026-W48\n"),
        (["new", "post", "--title", "Hiring"],
         "Usage: notes new post [OPTIONS]\nTry 'notes new post --help' for help.\n\nError: Missing option '--author'.\n"),
        (["new", "team", "--name", "Data platform", "--member", "sam-lee"],
         "notes: error: there is already a team 'data-platform' (content/teams/data-platform.md); pick another --slug\n"),
        (["new", "team", "--name", "Identity", "--member", "sam-le"],
         "notes: error: unknown author 'sam-le': there is no content/authors/sam-le.md; did you mean 'sam-lee'?\n"),
        (["new", "team", "--name", "Identity", "--member", "sam-lee", "--slug", "Sign In"],
         "notes: error: 'Sign In' is not a slug; use lower-case letters, digits and hyphens, like 'sign-in'\n"),
        (["new", "team", "--name", "Identity"],
         "Usage: notes new team [OPTIONS]\nTry 'notes new team --help' for help.\n\nError: Missing option '--member'.\n"),
        (["new", "author", "--name", "Jane Doe"],
         "notes: error: there is already an author 'jane-doe' (content/authors/jane-doe.md); pick another --slug\n"),
        (["new", "author", "--name", "!!!"],
         "notes: error: cannot make a file name from the name '!!!': use some letters or digits, or --slug\n"),
    ],
)
def test_new_rejects_bad_input_with_exit_2(site, args, message):
    result = run(*args)
    assert (result.exit_code, result.output) == (2, message)
    assert not list((site / "content").rglob("2026-W54.md"))


def test_lint_reports_and_exits_1_on_errors(site):
    write(site / "content/posts/bad.md", "---\ntitle: Bad\ndate: 2026-11-31\nauthors: [jane-doe]\nsummary: x\n---\n")
    write(site / "content/posts/odd.md", "---\ntitle: Odd\ndate: 2026-11-02\nauthors: [jane-doe]\nsummary: x\nautors: []\n---\n")
    result = run("lint")
    assert result.exit_code == 1
    assert result.output == (
        "content/posts/bad.md:3:7: M103 'date' must be an ISO 8601 date like 2026-11-27 or 2026-11-27 09:30; "
        "got '2026-11-31', which is not a real date or time (error)\n"
        "content/posts/odd.md:6:1: M104 unknown field 'autors' for a post; did you mean 'authors'? (warning)\n"
        "Checked 12 files: 1 error, 1 warning in 2 files.\n"
    )
    only_odd = run("lint", "content/posts/odd.md")
    assert only_odd.exit_code == 0  # a warning alone does not fail
    assert only_odd.output.splitlines()[-1] == "Checked 1 file: 1 warning in 1 file."


def test_lint_checks_any_markdown_file_for_tone_only(site, tmp_path):
    outside = write(tmp_path / "elsewhere.md", "# Hello\n\nWe will utilise it.\n")
    result = run("lint", str(outside))
    assert result.exit_code == 0
    assert result.output == (
        f"{outside}:3:9: T101 'utilise' is a word to avoid in GOV.UK style: write 'use' (warning)\n"
        "Checked 1 file: 1 warning in 1 file.\n"
    )


def test_missing_settings_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert (result.exit_code, result.output) == (
        2, "notes: error: pelicanconf.py: settings file not found; run notes in the folder that holds it, "
        "or pass --settings FILE\n",
    )


def test_broken_settings_file_names_its_line(site):
    (site / "pelicanconf.py").write_text('SITENAME = "x"\nTHEME = THEME_NAME\n')
    result = run("lint")
    assert (result.exit_code, result.output) == (
        2, "notes: error: pelicanconf.py:2:1: cannot use these settings: name 'THEME_NAME' is not defined\n",
    )


def test_cadence_shows_each_team_this_period(site):
    result = run("cadence", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Team           Cadence  Last note    This period                  Streak  Missed (last 12)\n"
        "Data platform  weekly   20 Nov 2026  2026-W48: due on Fri 27 Nov  3       0\n"
        "\n"
        "Posts: last on 20 Nov 2026, 7 days ago; next due by 11 Dec 2026; longest gap 14 days.\n"
    )
    late = run("cadence", "--today", "2026-11-28")
    assert late.output.splitlines()[1] == "Data platform  weekly   20 Nov 2026  2026-W48: overdue by 1 day  3       0"
    done = run("cadence", "--today", "2026-11-20")
    assert done.output.splitlines()[1] == "Data platform  weekly   20 Nov 2026  2026-W47: published  3       0"


def test_cadence_rejects_an_unknown_team(site):
    result = run("cadence", "--team", "nope")
    assert (result.exit_code, result.output) == (2, "notes: error: unknown team 'nope'; known teams: data-platform\n")


def test_rules_lists_and_explains():
    listing = run("rules")
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert "M001  error      unreadable-file            The file cannot be read as UTF-8 text." in lines
    assert "T101  warning    words-to-avoid             A word from GOV.UK's list of words to avoid, with what to write instead." in lines
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)
    explained = run("rules", "m202")
    assert explained.exit_code == 0
    assert explained.output.startswith(
        "M202 week-mismatch (error)\n\nA weeknote's date is not in the ISO week its file name gives.\n"
    )
    assert "Flagged: content/weeknotes/data-platform/2026-W48.md\n---\ndate: 2026-11-30\n" in explained.output
    unknown = run("rules", "X999")
    assert (unknown.exit_code, unknown.output) == (2, "notes: error: no rule 'X999'; run 'notes rules' to list them\n")



@pytest.mark.parametrize("command", cli_docs.COMMANDS, ids=lambda c: " ".join(c) or "notes")
def test_docs_show_the_current_help(command):
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert cli_docs.help_text(command) in docs, "docs/cli.md is out of date: run make docs"
