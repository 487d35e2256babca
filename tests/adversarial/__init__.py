"""The adversarial corpus: hostile inputs end in bounded time and memory, with their exact one-line errors.

Each case is a folder here with a `case.toml`, laid out over the same small
site as tests/bad_input/ (`files`, `encoded`, `generate`, `symlinks`,
`outside`, `keep_settings`: see tests/test_bad_input.py), plus:

    class        the promise of docs/reliability.md it tries: formats, static,
                 uri, yaml, collisions, escaping, ...
    command      the notes command, like ["lint"] or ["build"]
    exit, output as in bad_input: the exit code and every line printed (a
                 build's time is written "in … s"); or, where the output is
                 too long to pin (JSON, SARIF), `contains` and `forbid`: lists
                 of text that must and must not appear in it
    seconds      the wall-clock bound (default: 30 s for lint, 90 s for the
                 others), a generous multiple of the 0.5 s and 2 s they take on
                 a loaded two-core machine, so that it never flakes
    megabytes    the bound on peak memory, the largest resident set of any
                 process of the command (default: 500)
    fifos        paths of named pipes to make (a pipe named like a note)
    settings     lines added to the end of pelicanconf.py, like "TIMEZONE = 5"
    [[steps]]    run first, in order, each bounded the same way:
                 command = [...] (any notes command; its output is not checked)
                 or flip = "path" (one byte in the middle of that file, from
                 the site's root, is inverted: a damaged cache; a pattern
                 like ".notes-cache/jinja/*" flips the first file it matches)
    absent       paths, from the site's root, that must not exist afterwards:
                 what the site must never publish
    env          more environment for every command, like {LANG = "de_DE.UTF-8"}
    pending      why the case cannot pass yet, and which issue makes it pass:
                 the suite skips it and the probe still runs it

Unlike bad_input, every command runs in a process of its own
(`python -m pipeline`), so that a runaway case is killed at its bound instead
of stalling the suite, and its memory can be measured.

To add a case: make the folder and its case.toml with `exit = 0` and
`output = '''\n'''`, run `NOTES_UPDATE_ADVERSARIAL=1 pytest
tests/test_adversarial.py -k <name>`, and review what it wrote.
`python -m tests.adversarial.probe` runs every case here and in
tests/bad_input/ through `notes lint` and `notes build` and counts the
tracebacks (docs/reliability.md#hostile-input).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.test_bad_input import lay_out

CORPUS = Path(__file__).parent
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.toml").is_file())
SECONDS = {"lint": 30}
DEFAULT_SECONDS = 90
DEFAULT_MEGABYTES = 500


# Runs `notes` and, as it exits, writes to the pipe NOTES_TEST_PEAK_FD its own peak resident memory (VmHWM) and that of
# the children it waited for. The parent cannot measure it: Linux counts a child's pages before exec in its
# maximum, so a child of a large process (pytest) would seem as large as its parent. Forked workers exit
# through the same os._exit and report too.
LAUNCHER = """
import atexit, os, resource, sys
PEAK_FD = int(os.environ.pop("NOTES_TEST_PEAK_FD"))
sys.argv[0] = "notes"
def peak():
    try:
        with open("/proc/self/status") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
def report():
    try:
        os.write(PEAK_FD, f"{peak()}\\n".encode())
    except OSError:
        pass
def exit_reporting(code, _exit=os._exit):
    report()
    _exit(code)
os._exit = exit_reporting
atexit.register(report)
from pipeline.cli import main
main()
"""


@dataclass(frozen=True)
class Run:
    exit: int
    output: str
    seconds: float
    megabytes: float  # peak resident memory of the largest process of the command (0 if it was killed)

    @property
    def killed(self) -> bool:
        return self.exit == -signal.SIGKILL


def load(name: str, corpus: Path = CORPUS) -> dict:
    return tomllib.loads((corpus / name / "case.toml").read_text(encoding="utf-8"))


def prepare(case: dict, tmp_path: Path) -> Path:
    """The case's site, with its pipes made."""
    site = lay_out(case, tmp_path)
    if "settings" in case:
        with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            settings.write("\n" + case["settings"])
    for relative in case.get("fifos", []):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(site / relative)
    return site


def bound(case: dict, command: list[str]) -> float:
    return case.get("seconds", SECONDS.get(command[0], DEFAULT_SECONDS))


def notes(site: Path, command: list[str], seconds: float, env: dict | None = None, code: Path | None = None) -> Run:
    """`notes COMMAND` in `site`, in a process of its own, killed with everything it started after `seconds`.

    `code` runs another checkout of notes (the probe's before-and-after)."""
    environment = {key: value for key, value in os.environ.items() if key != "NOTES_DEBUG"}
    environment.update({"PYTHONUNBUFFERED": "1", "TZ": "UTC", **(env or {})})  # unbuffered: lines in order
    if code is not None:
        environment["PYTHONPATH"] = str(code)
    started = time.monotonic()
    peaks, report = os.pipe()
    environment["NOTES_TEST_PEAK_FD"] = str(report)
    with os.fdopen(peaks, "rb") as peaks_file:
        process = subprocess.Popen([sys.executable, "-c", LAUNCHER, *command], cwd=site, env=environment,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True, pass_fds=(report,))
        os.close(report)
        timer = threading.Timer(seconds, _kill_group, (process.pid,))
        timer.start()
        try:
            output = process.stdout.read()
            process.wait()
        finally:
            timer.cancel()
            _kill_group(process.pid)  # anything the command left running
            process.stdout.close()
        kilobytes = [int(line) for line in peaks_file.read().split()]
    return Run(process.returncode, output.decode("utf-8", "replace"), time.monotonic() - started,
               max(kilobytes, default=0) / 1024)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_steps(case: dict, site: Path, code: Path | None = None) -> list[Run]:
    runs = []
    for step in case.get("steps", []):
        if "flip" in step:
            path = sorted(site.glob(step["flip"]))[0]
            data = bytearray(path.read_bytes())
            data[len(data) // 2] ^= 0xFF
            path.write_bytes(bytes(data))
        else:
            runs.append(notes(site, step["command"], bound(case, step["command"]), case.get("env"), code))
    return runs


def shown(run: Run, site: Path) -> str:
    """The output as a case pins it: the site's own folder and a build's time left out."""
    output = run.output.replace(f"{site.resolve()}/", "").replace(f"{site}/", "")
    return re.sub(r" in \d+\.\d s:", " in … s:", output)
