"""Regenerate docs/cli.md from the commands' --help texts: `make docs`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli

COMMANDS = [[], ["new", "post"], ["new", "weeknote"], ["lint"], ["cadence"], ["rules"], ["build"], ["publish"], ["deploy"], ["email"], ["serve"], ["import"]]
HEAD = """\
# The notes command line

Every command, as `notes COMMAND --help` shows it (this page is made from
those texts by `make docs`). Run `notes` from the folder that holds
`pelicanconf.py`; `python -m pipeline` works the same.

Exit codes: `0` success; `1` the content has errors, or the build failed;
`2` bad usage or configuration, unreadable input, or a disk notes cannot write (full, read-only).
"""


def help_text(command: list[str]) -> str:
    return CliRunner().invoke(cli, [*command, "--help"], prog_name="notes", terminal_width=78).output.rstrip()


def main() -> None:
    sections = [HEAD]
    for command in COMMANDS:
        sections.append(f"## `{' '.join(['notes', *command])}`\n\n```text\n{help_text(command)}\n```\n")
    Path(__file__).resolve().parent.parent.joinpath("docs", "cli.md").write_text("\n".join(sections), encoding="utf-8")


if __name__ == "__main__":
    main()
