"""Reading Pelican settings files (pelicanconf.py, publishconf.py) with clear errors."""

from __future__ import annotations

import traceback
from pathlib import Path

from pelican.settings import read_settings

from pipeline.errors import ConfigError

DEVELOPMENT = Path("pelicanconf.py")
PRODUCTION = Path("publishconf.py")


def load(path: Path, overrides: dict | None = None) -> dict:
    """Pelican's settings from `path`, as Pelican itself reads them."""
    if not path.is_file():
        raise ConfigError(
            f"{path}: settings file not found; run notes in the folder that holds it, or pass --settings FILE"
        )
    try:
        return read_settings(str(path), override=dict(overrides or {}))
    except SyntaxError as err:
        raise ConfigError(f"{err.filename}:{err.lineno}:{err.offset or 1}: settings file is not valid Python: {err.msg}") from None
    # A settings file is the user's own Python: whatever it raises is a
    # configuration mistake to report with its place, not a crash of ours.
    except Exception as err:  # noqa: BLE001
        line = next(
            (frame.lineno for frame in reversed(traceback.extract_tb(err.__traceback__))
             if Path(frame.filename).resolve() == path.resolve()),
            1,
        )
        raise ConfigError(f"{path}:{line}:1: cannot use these settings: {err}") from None
