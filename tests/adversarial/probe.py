"""Run every hostile case through `notes lint` and `notes build`, and count tracebacks.

    python -m tests.adversarial.probe [--code DIR] [--seconds N] [--only NAME]... [--skip NAME]... [CORPUS]...

Each case of tests/adversarial/ and tests/bad_input/ (or of the CORPUS
folders given) is laid out as its test lays it out, with its steps run
first, then given to both commands, whatever command the case itself names.
A line per case and command gives the exit code, the time, the peak memory
and whether the output held a Python traceback; the totals follow. Pending
cases are run too: they are the tracebacks and bounds still to mend.

`--code DIR` runs another checkout of notes (say, `git worktree add
/tmp/before main`) with this Python, for figures before and after a change.
The bounds are ten times the suite's, so that a case that hangs is seen as
killed rather than stalling the probe.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.adversarial import CORPUS, load, notes, prepare, run_steps

REPO = CORPUS.parent.parent
DEFAULT_CORPORA = (CORPUS, REPO / "tests" / "bad_input")
COMMANDS = (["lint"], ["build"])
SECONDS = {"lint": 300, "build": 900}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--code", type=Path, help="a checkout of notes to run instead of this one")
    parser.add_argument("--only", action="append", default=[], help="run only this case (repeatable)")
    parser.add_argument("--skip", action="append", default=[], help="leave this case out (repeatable)")
    parser.add_argument("--seconds", type=float, help="one bound for every run, instead of ten times the suite's")
    args = parser.parse_args()
    tracebacks, killed, runs = [], [], 0
    print(f"{'case':<44} {'command':<7} {'exit':>4} {'seconds':>8} {'MB':>6}  traceback")
    for corpus in args.corpora:
        for name in sorted(p.name for p in corpus.iterdir() if (p / "case.toml").is_file()):
            if (args.only and name not in args.only) or name in args.skip:
                continue
            case = load(name, corpus)
            for command in COMMANDS:
                with tempfile.TemporaryDirectory() as tmp:
                    site = prepare(case, Path(tmp))
                    run_steps(case, site, args.code)
                    run = notes(site, command, args.seconds or SECONDS[command[0]], case.get("env"), args.code)
                runs += 1
                crashed = "Traceback (most recent call last)" in run.output
                if crashed:
                    tracebacks.append(f"{name} ({command[0]}): {_last_line(run.output)}")
                if run.killed:
                    killed.append(f"{name} ({command[0]})")
                print(f"{name[:44]:<44} {command[0]:<7} {run.exit:>4} {run.seconds:>8.2f} {run.megabytes:>6.0f}  "
                      f"{'yes' if crashed else ''}{' (pending)' if 'pending' in case else ''}", flush=True)
    print(f"\n{runs} runs: {len(tracebacks)} tracebacks, {len(killed)} killed at their bound")
    for line in tracebacks + [f"killed: {k}" for k in killed]:
        print(f"  {line}")


def _last_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


if __name__ == "__main__":
    main()
