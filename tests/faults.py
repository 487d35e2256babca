"""Fault injection: a real `notes` process frozen at a named point, for a test to kill it there.

The production code has no test hooks. `python -m tests.faults POINT ARGS...`
runs `notes ARGS...` with one function of the pipeline wrapped, so that the
process writes POINT into the file NOTES_TEST_PAUSE_FILE names when it gets
there, and sleeps until it is killed (tests/test_publish.py `kill_at`).
"""

from __future__ import annotations

import os
import sys
import time
from functools import wraps
from pathlib import Path

from pipeline import manifest, publish, selfcheck
from pipeline.deploy.plan import PHASES
from pipeline.deploy.s3 import Bucket

# The points of a build or publish, in the order it passes them.
BUILD_POINTS = ("locked", "built", "checked", "exchanged", "swapped")
# After each phase of a deploy's uploads.
DEPLOY_POINTS = tuple(f"deploy-{phase}" for phase in PHASES)


def _pause(point: str) -> None:
    Path(os.environ["NOTES_TEST_PAUSE_FILE"]).write_text(point, encoding="utf-8")
    while True:
        time.sleep(60)


def _before(owner, name: str, point: str) -> None:
    original = getattr(owner, name)

    @wraps(original)
    def paused(*args, **kwargs):
        _pause(point)
        return original(*args, **kwargs)

    setattr(owner, name, paused)


def _after(owner, name: str, point: str, when=lambda result, *args: True) -> None:
    original = getattr(owner, name)

    @wraps(original)
    def paused(*args, **kwargs):
        result = original(*args, **kwargs)
        if when(result, *args):
            _pause(point)
        return result

    setattr(owner, name, paused)


def install(point: str) -> None:
    """Wrap the function that marks `point`."""
    if point == "locked":
        _before(publish, "recover", point)  # the first thing a build does under the lock
    elif point == "built":
        _before(selfcheck, "check_site", point)  # Pelican has written every page and feed
    elif point == "checked":
        _before(manifest, "write", point)  # the site passed its self-check; nothing is swapped yet
    elif point == "exchanged":
        _after(publish, "_exchange", point, lambda exchanged, *args: exchanged)  # output/ is the new site
    elif point == "swapped":
        _after(publish, "swap_in", point)
    elif point in DEPLOY_POINTS:
        phase = point.removeprefix("deploy-")
        _after(Bucket, "upload_phase", point, lambda result, bucket, site, uploads, *rest: uploads[0].phase == phase)
    else:
        raise SystemExit(f"unknown point {point!r}; expected one of {', '.join(BUILD_POINTS + DEPLOY_POINTS)}")


if __name__ == "__main__":
    install(sys.argv[1])
    sys.argv = ["notes", *sys.argv[2:]]
    from pipeline.cli import main

    main()
