"""`notes import` as one function: read the sources, plan, write, check what was written, baseline it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.content.model import WEEKNOTE
from pipeline.errors import ExitCode, NotesError
from pipeline.findings import Finding
from pipeline.importers.addresses import SiteUrls
from pipeline.importers.plan import Choices, Plan, make_plan
from pipeline.importers.reading import Options
from pipeline.importers.records import Reading, Skipped
from pipeline.importers.sources import read_sources
from pipeline.importers.write import write
from pipeline.lint.baseline import can_hold
from pipeline.project import Project, lint_options, open_project
from pipeline.scaffold import require_known

# For each common reason nothing came in, the option that helps (matched against the skip reasons).
HELP = (
    ("which is not a date", "give --date-field NAME for the field that holds each note's date"),
    ("and its file name has none", "give --date-field NAME for the field that holds each note's date"),
    ("names no author", "give --author SLUG to name one author for every note"),
    ("has no title", "give --field title=NAME for the field that holds each note's title"),
    ("tell the format of", "give --from FORMAT; --from markdown reads any folder of Markdown files"),
    ("YYYY-MM-DD-slug.md", "point at the site's _posts folder, or give --from markdown"),
    ("already", "content/ has notes at those weeks, slugs or files already, and notes import never overwrites"),
)


class NothingImported(NotesError):
    """Files were read and none became a note (exit 1): the message says why, and what would help."""

    exit_code = ExitCode.CONTENT


@dataclass
class Outcome:
    reading: Reading
    plan: Plan
    dry_run: bool
    findings: list[Finding] = field(default_factory=list)  # the checks of the files written
    baselined: int = 0  # of those findings, how many the baseline now holds
    baseline: Path | None = None


def import_notes(project: Project, sources: list[Path], fmt: str, choices: Choices, dry_run: bool,
                 options: Options = Options(), baseline: bool = True) -> Outcome:
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
    options = replace(options, stop=project.root, timezone=project.settings["TIMEZONE"])
    reading = read_sources(sources, fmt, options)
    urls = site_urls(project)
    plan = make_plan(site, reading.notes, choices, urls, str((urls.settings.get("STATIC_PATHS") or ["images"])[0]))
    outcome = Outcome(reading, plan, dry_run)
    if not dry_run and plan.create:
        written = write(plan)
        outcome.findings = check_files(project.settings_path, written)
        if baseline:
            outcome.baselined, outcome.baseline = add_to_baseline(project, outcome.findings, written)
    return outcome


def nothing_imported(outcome: Outcome) -> NothingImported | None:
    """Why no note came in from the files read, as one line with the option that helps; None if one did."""
    plan, reading = outcome.plan, outcome.reading
    if plan.create or plan.unchanged:
        return None
    skipped = reading.skipped + plan.skipped
    if reading.files == 0 and not skipped:
        return NothingImported("nothing imported: no note files in the sources (notes reads .md, .markdown, "
                               ".html in Jekyll's _posts, and WordPress .xml exports)")
    reason, count = Counter(_gist(s) for s in skipped).most_common(1)[0] if skipped else ("", 0)
    hint = next((advice for needle, advice in HELP if needle in reason), "see the reasons above")
    files = f"{reading.files} file{'' if reading.files == 1 else 's'}"
    return NothingImported(f"nothing imported from {files}; the most common reason ({count} of them): {reason}; {hint}")


def _gist(skipped: Skipped) -> str:
    """A skip reason without the note's own values, so that alike reasons count together."""
    return skipped.reason.split(": give", 1)[0].split(", and its file name", 1)[0] + (
        ", and its file name has none" if ", and its file name has none" in skipped.reason else "")


def site_urls(project: Project) -> SiteUrls:
    """This site's address patterns, as Pelican and the notes plugin read them from its settings."""
    from pipeline.settings import load  # imports Pelican: importing pays for it, as building does

    return SiteUrls(load(project.settings_path))  # with notes' defaults filled in (pipeline/site_settings.py)


def check_files(settings_path: Path, paths: list[Path]) -> list[Finding]:
    """The checks `notes lint` makes (metadata and tone, after the lint policy), for these files only."""
    from pipeline.lint.run import LintRun, findings_for, site_targets  # the tone rules load only when checking

    project = open_project(settings_path)  # the content has changed: read it again
    wanted = {path.resolve() for path in paths}
    run = LintRun(scope=sorted(wanted))
    targets = [t for t in site_targets(project.site) if t.doc.path.resolve() in wanted]
    return findings_for(project, targets, dict(lint_options(project), cache=False), run)


def add_to_baseline(project: Project, findings: list[Finding], written: list[Path]) -> tuple[int, Path]:
    """Record the tone and cadence findings of the files written in .notes-baseline.json, so that the archive
    builds; metadata and security findings stay, as they would stop a correct build."""
    held = [f for f in findings if can_hold(f)]
    files = [project.baseline.relative(str(path)) for path in written]
    recorded = project.baseline.recorded(held, replacing=[f for f in files if f])
    if held or recorded.entries != project.baseline.entries:
        recorded.save()
    return len(held), recorded.path
