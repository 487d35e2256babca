"""The send log: which digest went to which list, and when, with its Message-ID.

`notes email` reads it before sending and records each message as soon as
the server has accepted it, writing the whole file anew each time
(pipeline/atomic.py), so a run killed at any moment leaves the log as it was
after the last message accepted. The next run sends only what is missing.
The one gap no log can close is between the server's acceptance and the
write, a few milliseconds: a run killed there sends that message again, with
the same Message-ID (message.py), which mail systems use to drop the copy.

The file is JSON, one record per message, meant to be committed with the
content (docs/ci/email.yml does), so the next run on a fresh checkout knows
what was sent. A lock on its folder keeps two runs on one machine from
sending the same digest at once.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.atomic import write_whole
from pipeline.errors import ConfigError, NotesError

VERSION = 1


@dataclass(frozen=True)
class Sent:
    digest: str  # '2026-W49', or '2026-W49/data-platform' for a team's digest
    to: str  # the list's address
    list: str  # its name in [tool.notes.email.lists]
    message_id: str
    sent_at: str  # ISO 8601, UTC


class SendLogBusy(NotesError):
    """Another `notes email` is sending from this folder."""


class SendLog:
    def __init__(self, path: Path, records: list[Sent]):
        self.path = path
        self.records = records

    @classmethod
    def read(cls, path: Path) -> SendLog:
        """The log at `path`, or an empty one; a file that is not a send log is a ConfigError."""
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return cls(path, [])
        except (OSError, ValueError) as err:
            raise ConfigError(f"{path}: cannot read the send log: {err}") from None
        try:
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
            records = [Sent(**record) for record in data["sent"]]
        except (AttributeError, KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{path}: not a notes send log ({err}); move it aside to start a new one") from None
        return cls(path, records)

    def sendings(self, digest: str, to: str) -> list[Sent]:
        """Every time `digest` was sent to the address `to`, oldest first."""
        return [record for record in self.records if record.digest == digest and record.to == to]

    def record(self, sent: Sent) -> None:
        """Add `sent` and write the whole log in place of the old one."""
        self.records.append(sent)
        data = {"version": VERSION, "sent": [asdict(record) for record in self.records]}
        write_whole(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the send log's folder for one run; another run on this machine stops at once instead of waiting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SendLogBusy(f"{path}: another notes email is sending; wait for it to finish") from None
        yield
    finally:
        os.close(folder)  # closing the descriptor releases the lock
