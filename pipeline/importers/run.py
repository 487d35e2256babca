"""`notes import` as one function: read the sources, plan, write, check what was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.content.model import WEEKNOTE
from pipeline.errors import NotesError
from pipeline.findings import Finding
from pipeline.importers.plan import Choices, Plan, make_plan
from pipeline.importers.records import Reading
from pipeline.importers.sources import read_sources
from pipeline.importers.write import write
from pipeline.project import Project, lint_options, open_project
from pipeline.scaffold import require_known


@dataclass
class Outcome:
    reading: Reading
    plan: Plan
    dry_run: bool
    findings: list[Finding] = field(default_factory=list)  # the checks of the files written


def import_notes(project: Project, sources: list[Path], fmt: str, choices: Choices, dry_run: bool) -> Outcome:
    site = project.site
    if choices.kind == WEEKNOTE and not choices.team:
        raise NotesError(f"--kind weeknote needs --team SLUG, the team whose weeknotes these are; "
                         f"known teams: {', '.join(sorted(site.teams)) or 'none'}")
    if choices.team and choices.kind != WEEKNOTE:
        raise NotesError("--team is for weeknotes: add --kind weeknote")
    if choices.team:
        require_known(site, "team", [choices.team], site.teams)
    if choices.author:
        require_known(site, "author", [choices.author], site.authors)
    reading = read_sources(sources, fmt)
    plan = make_plan(site, reading.notes, choices)
    outcome = Outcome(reading, plan, dry_run)
    if not dry_run:
        written = write(plan)
        outcome.findings = check_files(project.settings_path, written) if written else []
    return outcome


def check_files(settings_path: Path, paths: list[Path]) -> list[Finding]:
    """The checks `notes lint` makes (metadata and tone, after the lint policy), for these files only."""
    from pipeline.lint.run import LintRun, findings_for, site_targets  # the tone rules load only when checking

    project = open_project(settings_path)  # the content has changed: read it again
    wanted = {path.resolve() for path in paths}
    run = LintRun(scope=sorted(wanted))
    targets = [t for t in site_targets(project.site) if t.doc.path.resolve() in wanted]
    return findings_for(project, targets, dict(lint_options(project), cache=False), run)
