"""Exit codes and the errors that carry them to the CLI."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What `notes` exits with; documented in `notes --help` and README.md."""

    OK = 0
    #: The content has errors (lint or metadata errors, overdue teams with
    #: --strict), or the build failed.
    CONTENT = 1
    #: Bad usage, bad configuration, input that cannot be read, or a folder
    #: that cannot be written (read-only, full).
    USAGE = 2


class NotesError(Exception):
    """A problem the user can fix; the CLI prints the message, never a traceback."""

    exit_code = ExitCode.USAGE


class ConfigError(NotesError):
    exit_code = ExitCode.USAGE


class BuildFailed(NotesError):
    exit_code = ExitCode.CONTENT


class CannotWrite(NotesError):
    """A read-only or full disk, or a folder notes may not write: the machine's to fix, not the content's."""

    exit_code = ExitCode.USAGE
