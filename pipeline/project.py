"""A project: its settings files, its [tool.notes] config, and its loaded content.

Every command starts here, so each reads settings, config and content the
same way, and every check's findings pass through the same policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline import clock, tables
from pipeline import config as notes_config
from pipeline.cadence import rules as cadence_rules
from pipeline.cadence.options import CadenceOptions
from pipeline.content.files import DEFAULT_STATIC_PATHS, static_html_setting
from pipeline.content.frontmatter import ParsedCache
from pipeline.content.layout import Layout
from pipeline.content.loader import Site, load_site
from pipeline.errors import ConfigError
from pipeline.findings import Finding
from pipeline.lint import policy
from pipeline.cache import FOLDER
from pipeline.lint.baseline import Baseline
from pipeline import settings as settings_files


@dataclass
class Project:
    root: Path
    settings_path: Path
    settings: dict
    config: notes_config.Config
    today: clock.Today

    @cached_property
    def site(self) -> Site:
        """Every file of content, read and checked on first use (a cached lint run needs none)."""
        parsed = ParsedCache(self.root / FOLDER / "frontmatter.marshal")
        site = load_site(self.content_dir, self.settings["TIMEZONE"], parsed, self.static_paths, self.static_html,
                         Layout.of(self.settings))
        parsed.save()
        # Cadence findings join the loader's, so every check (lint, build) reports them through the policy.
        site.findings += cadence_rules.check(site, CadenceOptions.from_config(self.config.section("cadence")))
        site.findings.sort()
        return site

    @property
    def content_dir(self) -> Path:
        return Path(self.settings["PATH"])

    @property
    def static_paths(self) -> tuple[str, ...]:
        """Pelican's STATIC_PATHS: the folders under content/ whose files are published as they are."""
        return tuple(self.settings.get("STATIC_PATHS", DEFAULT_STATIC_PATHS))

    @property
    def static_html(self) -> tuple[str, ...]:
        return static_html_setting(self.settings.get("NOTES_STATIC_HTML", []))

    @cached_property
    def baseline(self) -> Baseline:
        """The findings `.notes-baseline.json` holds, which never stop a build (pipeline/lint/baseline.py)."""
        return Baseline.load(self.root)


@dataclass(frozen=True)
class Checked:
    """What the checks found: the findings that count, and how many more the baseline holds."""

    findings: list[Finding]
    baselined: int = 0


def open_project(settings_path: Path, *, for_build: bool = False, today: date | None = None) -> Project:
    """Read the settings file and the config beside it; content is read when first needed.

    Only a build needs Pelican's full settings; checks need the content path.
    `today` (the --today option) overrides NOTES_TODAY and the system clock.
    """
    settings = (settings_files.load if for_build else settings_files.read)(settings_path)
    root = settings_path.resolve().parent
    try:
        now = clock.resolve(settings, _timezone(settings["TIMEZONE"]), today)
    except ConfigError as err:
        raise ConfigError(f"{settings_path}: {err}") from None
    return Project(root, settings_path, settings, tables.load(root), now)


def _timezone(name: object) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ConfigError(f"TIMEZONE must be a time zone name like \"Europe/London\"; got {name!r}") from None


def lint_options(project: Project | None, **overrides) -> dict:
    """[tool.notes.lint] as a plain dict (it goes to worker processes), with command-line overrides."""
    options = dict(project.config.section("lint") if project else tables.load(Path.cwd()).section("lint"))
    options.update({k: v for k, v in overrides.items() if v})
    return options


def check(project: Project, options: dict | None = None, *, jobs: int | None = None) -> list[Finding]:
    """Every finding about the project's content (metadata, cadence, tone), after the lint policy and baseline."""
    return checked(project, options, jobs=jobs).findings


def checked(project: Project, options: dict | None = None, *, jobs: int | None = None) -> Checked:
    """`check`, and how many findings the baseline held back, for a build to say."""
    from pipeline.lint.run import LintRun, lint_project  # the tone rules load only when checking

    found = lint_project(project, options if options is not None else lint_options(project), LintRun(), jobs=jobs)
    split = project.baseline.split(found)
    return Checked(split.new, len(split.baselined))


def loader_findings(project: Project) -> list[Finding]:
    """The metadata and cadence findings, known as soon as the content is loaded, after the lint policy and baseline."""
    return project.baseline.split(sorted(policy.apply(list(project.site.findings), lint_options(project)))).new
