"""The example CI workflow (docs/ci/notes.yml) and the pre-commit hook (.pre-commit-hooks.yaml).

Both run `notes` in other people's repositories, where a renamed option would
fail silently until someone's pull request: so every command they run is
parsed here by the real command line.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import click
import pytest
import yaml

from pipeline.cli import cli
from tests.conftest import REPO, write

WORKFLOW = REPO / "docs" / "ci" / "notes.yml"
EMAIL_WORKFLOW = REPO / "docs" / "ci" / "email.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
EXPRESSION = re.compile(r"\$\{\{[^}]*\}\}")
SEPARATORS = {"&&", "||", ";", "|", "&"}


def workflow(path=WORKFLOW) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def notes_commands(script: str) -> list[list[str]]:
    """Every `notes ...` command in a step's shell script, as argument lists.

    GitHub expressions stand for a value the user configures: they become
    `example`, which is a valid bucket name, distribution ID and path.
    """
    commands = []
    for line in EXPRESSION.sub("example", script).splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        for token in [*lexer, ";"]:
            if token in SEPARATORS:
                if command and command[0].rsplit("/", 1)[-1] == "notes":
                    commands.append(command[1:])
                command = []
            elif command and command[-1] in (">", ">>", "<"):
                command.pop()  # a redirection and its file are the shell's, not arguments
            else:
                command.append(token)
    return commands


def all_notes_commands(path=WORKFLOW) -> list[list[str]]:
    jobs = workflow(path)["jobs"]
    return [args for job in jobs.values() for step in job["steps"] if "run" in step
            for args in notes_commands(step["run"])]


def test_the_script_parser_finds_notes_commands():
    assert notes_commands('notes lint --format sarif > notes.sarif || test $? -eq 1\nmake css && notes publish') == [
        ["lint", "--format", "sarif"], ["publish"]]


def check_command(args: list[str]) -> None:
    """Fail unless `notes ARGS` names a real command and parses with its real options."""
    # With the group's settings, as `notes` itself starts: Click keeps the first help option it makes.
    context = click.Context(cli, info_name="notes", **cli.context_settings)
    command: click.Command = cli
    rest = list(args)
    while isinstance(command, click.Group):
        assert rest and not rest[0].startswith("-"), f"{args}: the workflow gives no group options"
        name = rest.pop(0)
        command = command.get_command(context, name)
        assert command is not None, f"no command 'notes {name}'"
        context = click.Context(command, info_name=name, parent=context)
    known = {opt for param in command.params for opt in param.opts + param.secondary_opts}
    used = {arg.split("=", 1)[0] for arg in rest if arg.startswith("-")}
    assert used <= known, f"notes {context.command_path} has no option {sorted(used - known)}"
    # Parsing for real checks each value too: choices, the s3:// address, required options.
    command.make_context(context.info_name, rest, parent=context.parent)


@pytest.mark.parametrize("args", all_notes_commands() + all_notes_commands(EMAIL_WORKFLOW), ids=" ".join)
def test_every_notes_command_in_the_workflow_exists_with_its_options(args):
    check_command(args)


@pytest.mark.parametrize("args", [["depoly"], ["deploy", "--to", "s3://example", "--bucket", "x"],
                                  ["deploy", "--to", "example"], ["deploy", "--delete"],
                                  ["lint", "--format", "junit"]])
def test_the_check_catches_a_wrong_command(args):
    with pytest.raises((AssertionError, click.UsageError)):
        check_command(args)


def test_the_workflow_runs_what_the_readme_promises():
    assert [" ".join(args[:3]) for args in all_notes_commands()] == [
        "lint --format github", "lint --format sarif", "publish", "deploy --to s3://example"]
    on = workflow()["on"]
    assert "pull_request" in on and on["push"] == {"branches": ["main"]}

    lint = workflow()["jobs"]["lint"]
    assert lint["if"] == "github.event_name == 'pull_request'"
    upload = [step for step in lint["steps"] if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(upload) == 1 and upload[0]["if"] == "always()" and upload[0]["with"]["sarif_file"] == "notes.sarif"
    assert lint["permissions"]["security-events"] == "write"

    deploy = workflow()["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["concurrency"] == {"group": "deploy", "cancel-in-progress": False}
    assert deploy["permissions"]["id-token"] == "write"
    names = [step.get("uses", "").split("@")[0] or step["run"] for step in deploy["steps"]]
    credentials = names.index("aws-actions/configure-aws-credentials")
    assert names.index("notes publish") < credentials < len(names) - 1  # keys exist only for the deploy step
    assert "role-to-assume" in deploy["steps"][credentials]["with"]
    assert names[-1].startswith("notes deploy --to")


def test_the_email_workflow_sends_on_monday_morning_after_publishing_and_keeps_the_send_log():
    """docs/ci/email.yml: publish and deploy, then email with the SMTP secrets, then commit the send log."""
    email = workflow(EMAIL_WORKFLOW)
    assert email["on"]["schedule"] == [{"cron": "0 7 * * 1"}] and "workflow_dispatch" in email["on"]
    assert [" ".join(args[:2]) for args in all_notes_commands(EMAIL_WORKFLOW)] == [
        "publish", "deploy --to", "email"]
    job = email["jobs"]["email"]
    assert job["concurrency"] == workflow()["jobs"]["deploy"]["concurrency"]  # never two publishes at once
    assert job["permissions"]["contents"] == "write"
    names = [step.get("uses", "").split("@")[0] or step["run"] for step in job["steps"]]
    sending = names.index("notes email")
    assert names.index("notes publish") < sending and names[sending - 1].startswith("notes deploy")
    assert job["steps"][sending]["env"] == {"NOTES_SMTP_USERNAME": "${{ secrets.NOTES_SMTP_USERNAME }}",
                                           "NOTES_SMTP_PASSWORD": "${{ secrets.NOTES_SMTP_PASSWORD }}"}
    commit = job["steps"][sending + 1]
    assert commit["if"] == "always()" and "git add email-log.json" in commit["run"] and "git push" in commit["run"]
    # The log it commits is the one notes email writes by default.
    from pipeline.email.options import SECTION

    assert SECTION.options["send_log"].default == "email-log.json"


def test_the_hook_manifest_has_what_pre_commit_requires():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hooks == [{
        "id": "notes-lint", "name": "notes lint",
        "description": "Check notes in content/ for plain English in GOV.UK style and against the content contract.",
        "entry": "notes lint", "language": "python", "types": ["markdown"], "files": "^content/",
        "pass_filenames": True,
    }]


def test_the_hook_takes_notes_and_leaves_other_markdown_alone():
    """pre-commit passes a hook the staged files whose path `re.search`es its `files` pattern.

    Tried on this repository, a hook without one failed on docs/rules.md's examples and test fixtures.
    """
    pattern = re.compile(yaml.safe_load(HOOKS.read_text(encoding="utf-8"))[0]["files"])
    staged = ["content/posts/2026-11-20-roadmap.md", "content/weeknotes/identity/2026-W48.md", "docs/rules.md",
              "README.md", "tests/fixtures/site/content/posts/x.md", "tests/prose/clean/plain.md"]
    assert [path for path in staged if pattern.search(path)] == staged[:2]


def test_pre_commit_accepts_the_hook_manifest():
    program = os.path.join(os.path.dirname(sys.executable), "pre-commit")  # a test dependency
    result = subprocess.run([program, "validate-manifest", str(HOOKS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_entry_lints_the_files_pre_commit_passes(site, tmp_path):
    """pre-commit runs `entry` from the repository's root with the staged Markdown files' paths."""
    entry = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))[0]["entry"]
    program = os.path.join(os.path.dirname(sys.executable), entry.split()[0])
    clean = write(tmp_path / "docs/clean.md", "# Our plans\n\nWe will use the new service.\n")
    note = "content/weeknotes/data-platform/2026-W47.md"

    passing = subprocess.run([program, *entry.split()[1:], str(clean), note], cwd=site,
                             capture_output=True, text=True, check=False)
    assert (passing.returncode, passing.stdout) == (0, "Checked 2 files: no problems found.\n")

    write(site / "content/posts/bad.md", "---\ntitle: Bad\ndate: 2026-11-31\nauthors: [jane-doe]\nsummary: x\n---\n")
    failing = subprocess.run([program, *entry.split()[1:], str(clean), "content/posts/bad.md"], cwd=site,
                             capture_output=True, text=True, check=False)
    assert failing.returncode == 1
    assert failing.stdout.splitlines()[0].startswith("content/posts/bad.md:3:7: M103 'date' must be an ISO 8601 date")
