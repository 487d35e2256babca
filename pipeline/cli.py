"""The `notes` command line: parsing arguments and printing results, nothing more."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import click

from pipeline import scaffold
from pipeline.cadence.status import team_statuses
from pipeline.content.loader import display_path
from pipeline.content.model import IsoWeek
from pipeline.errors import ExitCode, NotesError
from pipeline.findings import RULES, has_errors
from pipeline.report import echo_findings
from pipeline.project import check, open_project
from pipeline.settings import DEVELOPMENT, PRODUCTION

EXIT_CODES = """\b
Exit codes:
  0  success
  1  the content has errors, or the build failed
  2  bad usage or configuration, or unreadable input
"""


class NotesGroup(click.Group):
    """Turns the errors a user can fix into one clear line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NotesError as err:
            if os.environ.get("NOTES_DEBUG"):
                raise
            click.echo(f"notes: error: {err}", err=True)
            ctx.exit(err.exit_code)


settings_option = click.option(
    "--settings",
    type=click.Path(dir_okay=False, path_type=Path),
    default=str(DEVELOPMENT),
    show_default=True,
    help="Pelican settings file; its PATH setting names the content folder.",
)


@click.group(cls=NotesGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="notes", prog_name="notes")
def cli():
    """Check and publish leadership posts and team weeknotes.

    Notes are Markdown files with YAML front matter in content/. notes checks
    them against the content contract, then builds the site with Pelican.

    \b
    Example:
      notes new weeknote --team data-platform
      notes lint
      notes publish
    """


def _load_site(settings: Path):
    return open_project(settings).site


@cli.group()
def new():
    """Start a new post or weeknote from a template.

    New notes are drafts (status: draft): set status: published when ready.

    \b
    Example:
      notes new post --title "Why we publish our roadmap" --author jane-doe
      notes new weeknote --team data-platform --week 2026-W48
    """


@new.command("post")
@click.option("--title", required=True, help="The post's title, in sentence case.")
@click.option("--author", "authors", multiple=True, required=True, help="Author slug (a file in content/authors/); repeat for several.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD.  [default: today]")
@click.option("--summary", default="One or two sentences for listings, feeds and email.", help="The post's summary.")
@settings_option
def new_post(title, authors, day, summary, settings):
    """Write content/posts/<date>-<slug>.md with front matter filled in.

    \b
    Example:
      notes new post --title "What we learned from moving the case database" --author jane-doe --author sam-lee
    """
    site = _load_site(settings)
    when = day.date() if day else scaffold.today_in(site)
    path = scaffold.new_post(site, title, authors, when, summary)
    click.echo(f"Created {display_path(path)}")


def _iso_week(ctx, param, value):
    if value is None:
        return None
    try:
        return IsoWeek.parse(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO week; expected a week like 2026-W48") from None


@new.command("weeknote")
@click.option("--team", required=True, help="Team slug (a file in content/teams/).")
@click.option("--week", callback=_iso_week, help="ISO week, like 2026-W48.  [default: this week]")
@click.option("--author", "authors", multiple=True, help="Author slug; repeat for several.  [default: the team's members]")
@click.option("--summary", default="One or two sentences: what changed this week.", help="The note's summary.")
@settings_option
def new_weeknote(team, week, authors, summary, settings):
    """Write content/weeknotes/<team>/<week>.md with the team's section headings.

    \b
    Example:
      notes new weeknote --team data-platform
      notes new weeknote --team identity --week 2026-W47 --author sam-lee
    """
    site = _load_site(settings)
    today = scaffold.today_in(site)
    path = scaffold.new_weeknote(site, team, week or IsoWeek.of(today), today, authors, summary)
    click.echo(f"Created {display_path(path)}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@settings_option
def lint(paths, settings):
    """Check all content and report every problem.

    Checks front matter (required fields, types, dates), file names, the
    ISO week of weeknotes, and references to teams and authors. Reports one
    line per problem: path:line:col: CODE message. With PATHS, reports only
    problems in those files or folders.

    \b
    Example:
      notes lint
      notes lint content/weeknotes/data-platform/
    """
    project = open_project(settings)
    site = project.site
    findings = check(project)
    if paths:
        content = site.content_dir.resolve()
        wanted = [p.resolve() for p in paths]
        for path in wanted:
            if path != content and content not in path.parents:
                raise NotesError(f"{path} is outside the content folder {display_path(content)}")
        findings = [f for f in findings if any(p == Path(f.path).resolve() or p in Path(f.path).resolve().parents for p in wanted)]
    echo_findings(findings, site.files_checked)
    if has_errors(findings):
        raise click.exceptions.Exit(ExitCode.CONTENT)


@cli.command()
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Report as of this day, YYYY-MM-DD.  [default: today]")
@click.option("--team", "teams", multiple=True, help="Only this team's slug; repeat for several.")
@settings_option
def cadence(today, teams, settings):
    """Show which teams have published for the current period.

    Weekly teams publish in each ISO week, fortnightly teams in each
    fortnight from their `since` date, monthly teams in each month; a note
    is due on the team's `due` day, the last such day of its period.

    \b
    Example:
      notes cadence
      notes cadence --today 2026-11-27 --team data-platform
    """
    site = _load_site(settings)
    unknown = [t for t in teams if t not in site.teams]
    if unknown:
        raise NotesError(f"unknown team '{unknown[0]}'; known teams: {', '.join(sorted(site.teams))}")
    day = today.date() if today else scaffold.today_in(site)
    statuses = [s for s in team_statuses(site, day) if not teams or s.team.slug in teams]
    rows = [("Team", "Cadence", "Last note", "This period")] + [
        (s.team.name, s.team.cadence, f"{s.last.date:%-d %b %Y}" if s.last else "none", f"{s.period.label}: {s.describe}")
        for s in statuses
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])


@cli.command()
@click.argument("code", required=False)
def rules(code):
    """List every rule, or explain one rule with its examples.

    \b
    Example:
      notes rules
      notes rules M202
    """
    if code is None:
        for rule in RULES.values():
            click.echo(f"{rule.code}  {str(rule.level):<10} {rule.name:<26} {rule.summary}")
        return
    rule = RULES.get(code.upper())
    if rule is None:
        raise NotesError(f"no rule '{code}'; run 'notes rules' to list them")
    click.echo(f"{rule.code} {rule.name} ({rule.level})\n\n{rule.summary}\n\nWhy: {rule.why}\nGuidance: {rule.link}")
    for heading, examples in (("Flagged", rule.must_flag), ("Passes", rule.must_pass)):
        for example in examples:
            text = example.text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            click.echo(f"\n{heading}: content/{example.path}\n" + click.style(text.rstrip("\n"), dim=True))


def _check_and_build(settings: Path, output: Path | None) -> None:
    from pipeline import build as site_build  # imports Pelican: only building pays for it

    prepared = site_build.prepare(settings, output)
    site = prepared.project.site
    click.echo(f"Checking {site.files_checked} files in {display_path(site.content_dir)}…")
    if prepared.findings:
        echo_findings(prepared.findings, site.files_checked)
    if has_errors(prepared.findings):
        click.echo("Not built: fix the errors above, then run the command again.", err=True)
        raise click.exceptions.Exit(ExitCode.CONTENT)
    click.echo(f"Building the site with {settings}…")
    built = site_build.render(prepared)
    for warning in built.warnings:
        click.echo(f"pelican: warning: {warning}", err=True)
    click.echo(f"Built {built.pages} pages into {display_path(built.output)}/ in {built.seconds:.1f} s.")


output_option = click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to build into.  [default: OUTPUT_PATH in the settings, output/]",
)


@cli.command()
@settings_option
@output_option
def build(settings, output):
    """Check all content, then build the site with Pelican.

    Errors block the build. The site is built beside the output folder and
    swapped in only when complete; the old one is kept as output.previous/.

    \b
    Example:
      notes build
      notes build --settings publishconf.py --output /tmp/site
    """
    _check_and_build(settings, output)


@cli.command()
@output_option
def publish(output):
    """Check all content, then build for production with publishconf.py.

    \b
    Example:
      notes publish
    """
    _check_and_build(PRODUCTION, output)


@cli.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port on 127.0.0.1.")
@settings_option
@output_option
def serve(port, settings, output):
    """Preview the site on 127.0.0.1, rebuilding on every change.

    Rebuilds when content, the theme or the settings change; while the
    content has errors, the last good build stays up.

    \b
    Example:
      notes serve
      notes serve --port 8080
    """
    from pipeline import build as site_build
    from pipeline import serve as site_serve

    prepared = site_build.prepare(settings, output)
    config = prepared.settings

    def rebuild(changed: set[str]) -> None:
        if changed:
            click.echo(f"{len(changed)} file(s) changed; rebuilding…")
        try:
            _check_and_build(settings, prepared.output)
        except click.exceptions.Exit:
            click.echo("Still serving the last good build.", err=True)
        except NotesError as err:
            click.echo(f"notes: error: {err}", err=True)

    rebuild(set())
    httpd = site_serve.start_server(prepared.output, "127.0.0.1", port)
    click.echo(f"Serving http://127.0.0.1:{port}/ (press Ctrl-C to stop)")
    try:
        site_serve.watch([Path(config["PATH"]), Path(config["THEME"]), settings], rebuild, threading.Event())
    finally:
        httpd.shutdown()


def main() -> None:
    cli(prog_name="notes")
