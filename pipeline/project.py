"""A project: its settings files, its [tool.notes] config, and its loaded content.

Every command starts here, so each reads settings, config and content the
same way, and every check's findings pass through the same policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import config as notes_config
from pipeline.content import rules as _metadata_rules  # noqa: F401 - registers the M rules
from pipeline.content.loader import Site, load_site
from pipeline.findings import Finding
from pipeline.lint import policy
from pipeline import settings as settings_files


@dataclass(frozen=True)
class Project:
    root: Path
    settings_path: Path
    settings: dict
    config: notes_config.Config
    site: Site

    @property
    def content_dir(self) -> Path:
        return self.site.content_dir


def open_project(settings_path: Path, *, for_build: bool = False) -> Project:
    """Read the settings file, the config beside it, and every file of content.

    Only a build needs Pelican's full settings; checks need the content path.
    """
    settings = (settings_files.load if for_build else settings_files.read)(settings_path)
    root = settings_path.resolve().parent
    config = notes_config.load(root)
    site = load_site(Path(settings["PATH"]), settings["TIMEZONE"])
    return Project(root, settings_path, settings, config, site)


def check(project: Project) -> list[Finding]:
    """Every finding about the project's content, after the lint policy."""
    findings = list(project.site.findings)
    return sorted(policy.apply(findings, project.config.section("lint")))
