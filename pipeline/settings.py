"""Reading Pelican settings files (pelicanconf.py, publishconf.py) with clear errors.

Checking content needs only a few paths from the settings, and importing
Pelican costs a fifth of a second, so `read()` runs the file itself and
resolves those paths as Pelican does. Building uses Pelican's own reader.
"""

from __future__ import annotations

import re
import runpy
import sys
import traceback
from pathlib import Path

from pipeline import site_settings
from pipeline.feeds import settings as feed_settings
from pipeline.errors import ConfigError
from pipeline.language import use_site_language

DEVELOPMENT = Path("pelicanconf.py")
PRODUCTION = Path("publishconf.py")
PREVIEW = "preview"  # where notes build and notes serve write, beside the settings file
DEFAULT_TIMEZONE = "Europe/London"  # the content contract's default; Pelican's would be UTC
PATH_SETTINGS = {"PATH": ".", "OUTPUT_PATH": "output", "THEME": "theme"}
OWN_PLUGIN = "pipeline.pelican"


def read(path: Path) -> dict:
    """The settings file's own values, with PATH, OUTPUT_PATH and THEME made absolute."""
    if not path.is_file():
        raise ConfigError(
            f"{path}: settings file not found; run notes in the folder that holds it, or pass --settings FILE"
        )
    _forget_imported_settings(path)
    with _as_config_errors(path):
        values = {k: v for k, v in runpy.run_path(str(path)).items() if k.isupper()}
    base = path.resolve().parent
    for key, default in PATH_SETTINGS.items():
        values[key] = str((base / values.get(key, default)).resolve())
    values.setdefault("TIMEZONE", DEFAULT_TIMEZONE)
    return values


def load(path: Path, overrides: dict | None = None) -> dict:
    """Pelican's settings from `path`, as Pelican itself reads them, for building."""
    from pelican.settings import read_settings  # only builds pay for importing Pelican

    timezone = read(path)["TIMEZONE"]
    _forget_imported_settings(path)
    with _as_config_errors(path):
        settings = read_settings(str(path), override={"TIMEZONE": timezone, **(overrides or {})})
    problems = list(dict.fromkeys(site_settings.check(settings) + feed_settings.problems(settings)))
    if problems:
        raise ConfigError("\n".join(f"{_place(path, name)}: {problem}" for name, problem in problems))
    use_site_language(settings)  # reading them set the machine's locale; dates are in the site's language
    return settings


def _place(path: Path, name: str) -> str:
    """`path:line` of the last line that sets `name` in the settings file (the one that counts), or `path` (it
    may come from a file it imports)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(path)
    setting = re.compile(rf"\s*{re.escape(name)}\s*=")
    found = [number for number, line in enumerate(lines, start=1) if setting.match(line)]
    return f"{path}:{found[-1]}" if found else str(path)


def preview_path(settings_path: Path, chosen: Path | None = None) -> Path:
    """Where `notes build` and `notes serve` write: `chosen` (--output), else preview/ beside the settings.

    Never the folder `notes publish` swaps the site into (OUTPUT_PATH): a
    development build there (drafts, relative links) could be deployed, or
    brought back by `notes publish --rollback`, as the live site.
    """
    folder = (chosen or settings_path.resolve().parent / PREVIEW).resolve()
    published = settings_path.resolve().parent / PRODUCTION
    live = Path(read(published if published.is_file() else settings_path)["OUTPUT_PATH"])
    if folder == live:
        raise ConfigError(f"{folder.name}/ is where notes publish puts the site; notes build and notes serve write "
                          f"a preview elsewhere: leave out --output to use {PREVIEW}/, or run notes publish")
    return folder


def other_plugins(settings: dict) -> list[str]:
    """The Pelican plugins PLUGINS enables besides notes' own, by module name.

    notes renders pages once Pelican has asked for them all
    (pipeline/pelican/writer.py), and `notes serve` re-renders an edited note
    without running Pelican (pipeline/serve.py). Somebody else's plugin may
    read or change any page at any of Pelican's signals, so while one is
    enabled a build writes every page as Pelican itself would, and serve
    rebuilds whole.
    """
    names = [getattr(plugin, "__name__", str(plugin)) for plugin in settings.get("PLUGINS") or ()]
    return [name for name in names if name != OWN_PLUGIN]


def _forget_imported_settings(path: Path) -> None:
    """Forget modules named like the Python files beside the settings file (publishconf.py imports pelicanconf).

    Python keeps an imported module for the life of the process, so without
    this a second build in one process (`notes serve`, tests) would go on
    using the pelicanconf.py it imported first, perhaps another site's.
    """
    for sibling in path.resolve().parent.glob("*.py"):
        sys.modules.pop(sibling.stem, None)


class _as_config_errors:
    """A settings file is the user's own Python: whatever it raises is a
    configuration mistake to report with its place, not a crash of ours."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        if err is None or not isinstance(err, Exception) or isinstance(err, ConfigError):
            return False
        if isinstance(err, SyntaxError):
            raise ConfigError(
                f"{err.filename}:{err.lineno}:{err.offset or 1}: settings file is not valid Python: {err.msg}"
            ) from None
        line = next(
            (frame.lineno for frame in reversed(traceback.extract_tb(tb))
             if Path(frame.filename).resolve() == self.path.resolve()),
            1,
        )
        raise ConfigError(f"{self.path}:{line}:1: cannot use these settings: {err}") from None
