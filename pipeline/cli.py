"""The `notes` command line: parsing arguments and printing results, nothing more."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from pipeline import scaffold
from pipeline.cadence import text as cadence_text
from pipeline.cadence.options import CadenceOptions
from pipeline.cadence.periods import long_date
from pipeline.cadence.report import as_json, build_report
from pipeline.content.loader import display_path
from pipeline.content import placeholders
from pipeline.content.model import IsoWeek
from pipeline.content.schema import WEEKDAYS
from pipeline.errors import ExitCode, NotesError
from pipeline.findings import Level, has_errors, printable
from pipeline.report import echo_findings, finding_line, plural
from pipeline.lint import formats
from pipeline.lint.formats import FORMATS
from pipeline.lint.policy import LEVELS
from pipeline.content.rules import UNREADABLE
from pipeline.project import lint_options, open_project
from pipeline.settings import DEVELOPMENT, PRODUCTION

EXIT_CODES = """\b
Exit codes:
  0  success
  1  the content has errors, or the build failed
  2  bad usage or configuration, unreadable input, or a disk notes cannot write
"""


class NotesGroup(click.Group):
    """Turns the errors a user can fix into one clear line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NotesError as err:
            if os.environ.get("NOTES_DEBUG"):
                raise
            click.echo(f"notes: error: {printable(str(err), keep_lines=True)}", err=True)
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


def _day(ctx, param, value):
    return value.date() if value else None


@cli.group()
def new():
    """Start a new post, weeknote, team or author from a template.

    New notes are drafts (status: draft): set status: published when ready.
    Nothing is ever overwritten.

    \b
    Example:
      notes new post --title "Why we publish our roadmap" --author jane-doe
      notes new weeknote --team data-platform --week 2026-W48
      notes new author --name "Sam Lee" --role "Lead developer"
      notes new team --name "Data platform" --due friday --member sam-lee
    """


@new.command("post")
@click.option("--title", required=True, help="The post's title, in sentence case.")
@click.option("--author", "authors", multiple=True, required=True, help="Author slug (a file in content/authors/); repeat for several.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD.  [default: today]")
@click.option("--summary", default=placeholders.POST_SUMMARY, help="The post's summary.")
@settings_option
def new_post(title, authors, day, summary, settings):
    """Write content/posts/<date>-<slug>.md with front matter filled in.

    \b
    Example:
      notes new post --title "What we learned from moving the case database" --author jane-doe --author sam-lee
    """
    project = open_project(settings)
    when = day.date() if day else project.today.day
    path = scaffold.new_post(project.site, title, authors, when, summary)
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
@click.option("--summary", default=placeholders.WEEKNOTE_SUMMARY, help="The note's summary.")
@settings_option
def new_weeknote(team, week, authors, summary, settings):
    """Write content/weeknotes/<team>/<week>.md with the team's section headings.

    \b
    Example:
      notes new weeknote --team data-platform
      notes new weeknote --team identity --week 2026-W47 --author sam-lee
    """
    project = open_project(settings)
    today = project.today.day
    path = scaffold.new_weeknote(project.site, team, week or IsoWeek.of(today), today, authors, summary)
    click.echo(f"Created {display_path(path)}")


@new.command("team")
@click.option("--name", required=True, help="The team's name, as its page and weeknote titles show it.")
@click.option("--slug", help="The file name and web address part.  [default: made from --name]")
@click.option("--cadence", type=click.Choice(["weekly", "fortnightly", "monthly"]), default="weekly",
              show_default=True, help="How often the team publishes a weeknote.")
@click.option("--due", type=click.Choice(WEEKDAYS), default="friday", show_default=True,
              help="The day a note is due, the last such day of each period.")
@click.option("--member", "members", multiple=True, required=True,
              help="Author slug of a member (a file in content/authors/); repeat for several.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_day,
              help="The first day notes are expected, YYYY-MM-DD.  [default: the first due day after today]")
@settings_option
def new_team(name, slug, cadence, due, members, since, settings):
    """Write content/teams/<slug>.md, with the team's rhythm and a description to fill in.

    \b
    Example:
      notes new team --name "Data platform" --member sam-lee --member priya-patel
      notes new team --name Identity --cadence fortnightly --due thursday --member sam-lee --since 2027-01-07
    """
    project = open_project(settings)
    path = scaffold.new_team(project.site, name, slug, cadence, due, members, since, project.today.day)
    click.echo(f"Created {display_path(path)}")


@new.command("author")
@click.option("--name", required=True, help="The person's name, as bylines show it.")
@click.option("--role", default="", help="Their job title.")
@click.option("--slug", help="The file name and web address part.  [default: made from --name]")
@settings_option
def new_author(name, role, slug, settings):
    """Write content/authors/<slug>.md, with a bio to fill in.

    \b
    Example:
      notes new author --name "Jane Doe" --role "Chief Digital Officer"
    """
    path = scaffold.new_author(open_project(settings).site, name, slug, role)
    click.echo(f"Created {display_path(path)}")


def _fields(ctx, param, value):
    from pipeline.importers.reading import FIELDS

    mapping = {}
    for item in value:
        name, equals, source = item.partition("=")
        if not equals or name.strip() not in FIELDS or not source.strip():
            raise click.BadParameter(f"'{item}' is not NOTE_FIELD=SOURCE_FIELD, like summary=description; "
                                     f"NOTE_FIELD is one of {', '.join(FIELDS)}")
        mapping[name.strip()] = source.strip()
    return mapping


def _old_url(ctx, param, value):
    from datetime import datetime

    from pipeline.importers.addresses import Values, python

    if value is not None:
        try:
            python(value, Values(datetime(2019, 6, 3), "a-slug", "A title", "a-slug", "a-slug"))
        except ValueError as err:
            raise click.BadParameter(f"'{value}' uses {err}: use {{date}}, {{date:%Y}}, {{year}}, {{month}}, {{day}}, "
                                     "{week}, {slug}, {stem}, {path} or {title}") from None
    return value


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from", "fmt", default="auto", show_default=True,
              type=click.Choice(["wordpress", "jekyll", "hugo", "pelican", "eleventy", "lume", "markdown", "auto"]),
              help="The format of the sources; auto tells from each site's settings file, or each file.")
@click.option("--kind", type=click.Choice(["post", "weeknote"]), default="post", show_default=True,
              help="Import as posts, or as weeknotes of --team.")
@click.option("--team", help="Team slug (a file in content/teams/) for --kind weeknote.")
@click.option("--author", help="Author slug for every imported note, instead of the authors the sources name.")
@click.option("--date-field", metavar="NAME", help="The front-matter field that holds each note's date, like week_ending.")
@click.option("--field", "fields", multiple=True, callback=_fields, metavar="NOTE=SOURCE",
              help="Read a note's field from another source field, like summary=description; repeat for several.")
@click.option("--old-url", callback=_old_url, metavar="PATTERN",
              help="Each note's address on the old site, like '/week/{date}/' or '/{date:%Y}/{slug}/', for a redirect.")
@click.option("--no-baseline", is_flag=True, help="Do not add the imported notes' findings to .notes-baseline.json.")
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing.")
@settings_option
def import_(sources, fmt, kind, team, author, date_field, fields, old_url, no_baseline, dry_run, settings):
    """Bring an archive in from WordPress, Jekyll, Hugo, Pelican, Eleventy, Lume or a folder of Markdown.

    SOURCES are WordPress export (WXR) files, note files, or folders: a whole
    site's folder is best, as its settings file (pelicanconf.py, _config.yml,
    hugo.toml…) says where its dates, addresses and images are. Authors are
    matched to content/authors/ by slug or name, or created. Old addresses
    become aliases with redirect pages; images and files the notes link to
    are copied into content/images/; template tags are converted or left out
    and reported. Nothing is overwritten. The imported notes' tone findings
    go into the baseline, so the archive builds at once. The report counts
    first, then lists what needs a person. Nothing imported exits 1; a source
    that cannot be read exits 2. Formats and options: docs/import.md.

    \b
    Example:
      notes import export.xml --dry-run
      notes import ~/old-blog --from jekyll --author jane-doe
      notes import ~/weeknotes/src --from lume --date-field week_ending --kind weeknote --team data-platform
      notes import ~/notes --from markdown --field summary=description --old-url '/week/{date}/'
    """
    from pipeline.importers import report
    from pipeline.importers.plan import Choices
    from pipeline.importers.reading import Options
    from pipeline.importers.run import import_notes, nothing_imported

    if date_field:
        fields = {**fields, "date": date_field}
    options = Options(fields=fields, old_url=old_url)
    outcome = import_notes(open_project(settings), list(sources), fmt, Choices(kind, team, author), dry_run, options,
                           baseline=not no_baseline)
    for line in report.lines(outcome):
        click.echo(line)
    failure = nothing_imported(outcome)
    if failure is not None:
        click.echo(f"notes: error: {failure}", err=True)
        raise click.exceptions.Exit(failure.exit_code)


def _codes(ctx, param, value):
    return tuple(code.strip().upper() for part in value for code in part.split(",") if code.strip())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, callback=_codes, help="Only these rule codes or prefixes, like T1,M.")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these rule codes or prefixes, like T407.")
@click.option("--min-level", type=click.Choice(["suggestion", "warning", "error"]), default="warning",
              show_default=True, help="Show findings at this level and above.")
@click.option("--stats", "want_stats", is_flag=True, help="Add readability figures for each note.")
@click.option("--fix", is_flag=True, help="Apply exact, safe swaps (utilise to use, & to and) to the files.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the safe swaps as a diff; change nothing.")
@click.option("--stdin-filename", help="The name to report standard input (-) under.")
@click.option("--no-cache", is_flag=True, help="Lint every file again, ignoring .notes-cache/.")
@click.option("--baseline", "record", is_flag=True,
              help="Record today's tone and cadence findings in .notes-baseline.json; from then on only new ones count.")
@click.option("--no-baseline", is_flag=True, help="Show the findings .notes-baseline.json holds as well.")
@settings_option
def lint(paths, fmt, select, ignore, min_level, want_stats, fix, show_diff, stdin_filename, no_cache, record,
         no_baseline, settings):
    """Check notes for plain English in GOV.UK style, and content against the contract.

    With no PATHS, checks everything in the content folder. PATHS may be files
    or folders anywhere: files under content/ are also checked against the
    content contract; - reads standard input. One line per problem:
    path:line:col: CODE message. Errors exit 1; unreadable input exits 2.
    Rules: notes rules. Config: [tool.notes.lint] in pyproject.toml.
    Findings held in .notes-baseline.json are counted as baselined and never
    fail (docs/lint.md#the-baseline).

    \b
    Example:
      notes lint
      notes lint content/weeknotes/identity/ --format github
      notes lint draft.md --select T1,T2 --min-level suggestion
      cat draft.md | notes lint - --stats
      notes lint --baseline
    """
    from pipeline.lint import run as lint_run

    project = open_project(settings) if settings.is_file() else None
    if record and (paths or select or ignore or no_baseline or project is None):
        raise NotesError("--baseline records every finding of the whole site: run 'notes lint --baseline' "
                         "in the site's folder, without PATHS, --select, --ignore or --no-baseline")
    options = lint_options(project, select=select)
    options["ignore"] = tuple(options["ignore"]) + ignore  # --ignore adds to the config's list
    if no_cache:
        options["cache"] = False
    result = lint_run.LintRun()
    if fix or show_diff:
        _fix(lint_run.gather(project, paths, lint_run.LintRun(), stdin=None), options, write=fix)
        if show_diff and not fix:
            return
        if project and fix:
            project = open_project(settings)  # the content has changed
    if not paths and not want_stats and project:
        findings = lint_run.lint_project(project, options, result)
    else:
        targets = lint_run.gather(project, paths, result, stdin=sys.stdin.buffer, stdin_name=stdin_filename)
        findings = lint_run.findings_for(project, targets, options, result, want_stats=want_stats)
    baseline = project.baseline if project and not no_baseline else None
    if record:
        baseline = project.baseline.recorded(findings)
        baseline.save()
        click.echo(f"Recorded {plural(len(baseline.entries), 'finding')} in {display_path(baseline.path)}.", err=True)
    held = formats.Baselined()
    if baseline is not None:
        split = baseline.split(findings)
        whole = not (paths or select or ignore)  # else entries for what was not checked would look stale
        findings, held = split.new, formats.Baselined(tuple(split.baselined), tuple(split.stale) if whole else ())
    shown = [f for f in findings if f.level >= LEVELS[min_level]]
    hidden = [f for f in findings if f.level < LEVELS[min_level]]
    formats.echo(formats.render(fmt, shown, result.files, result.stats, held, hidden))
    if any(f.code in UNREADABLE for f in findings):
        raise click.exceptions.Exit(ExitCode.USAGE)
    if has_errors(findings):
        raise click.exceptions.Exit(ExitCode.CONTENT)


@cli.command()
@click.option("--external", is_flag=True, help="Also fetch every link to another site, once each.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10, show_default=True, metavar="SECONDS",
              help="How long to wait for each site.")
@settings_option
def links(external, timeout, settings):
    """Check the links and images in notes.

    Links inside the site are resolved against its pages and files, as every
    lint and build does (L101). With --external, each address on another site
    is fetched once, eight at a time, and every link to one that is gone,
    refuses or takes longer than --timeout is reported (L102). Builds never
    fetch other sites: their answers change without any change here. Broken
    links exit 1.

    \b
    Example:
      notes links
      notes links --external --timeout 5
    """
    from pipeline import external_links
    from pipeline.lint import run as lint_run

    project = open_project(settings)
    result = lint_run.LintRun()
    findings = lint_run.findings_for(project, lint_run.site_targets(project.site),
                                     dict(lint_options(project), select=("L101",), ignore=()), result)
    if external:
        addresses = external_links.collect(lint_run.site_targets(project.site))
        click.echo(f"Fetching {len(addresses)} address{'' if len(addresses) == 1 else 'es'} on other sites…", err=True)
        findings += external_links.check(addresses, timeout)
    formats.echo(formats.render("text", findings, result.files, {}, formats.Baselined(), []))
    if has_errors(findings):
        raise click.exceptions.Exit(ExitCode.CONTENT)


def _fix(targets, options, *, write: bool) -> None:
    from pipeline.lint import fix as lint_fix

    for target in targets:
        if target.source == "-" or not Path(target.source).is_file():
            continue
        text, count = lint_fix.fixed_text(target, options)
        if not count:
            continue
        if write:
            lint_fix.write_back(Path(target.source), text)
            click.echo(f"Fixed {count} in {target.source}", err=True)
        else:
            click.echo(lint_fix.unified_diff(target.source, target.text, text), nl=False)


today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), callback=_day,
    help="Count this day, YYYY-MM-DD, as today.  [default: NOTES_TODAY in the settings, else today in TIMEZONE]")


@cli.command()
@today_option
@click.option("--team", "teams", multiple=True, help="Only this team's slug; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for people, or JSON (schema in docs/cadence.md).")
@click.option("--strict", is_flag=True, help="Exit 1 when a team is overdue or missed a period in its last 12.")
@settings_option
def cadence(today, teams, fmt, strict, settings):
    """Show which teams publish on their rhythm, and which are late.

    Weekly teams publish in each ISO week, fortnightly teams in each
    fortnight from their `since` date, monthly teams in each month; a note
    is due on the team's `due` day, the last such day of its period. Lists
    each team's state, streak and missed periods (overdue teams first), the
    gap since the last leadership post, and notes scheduled for later.

    \b
    Example:
      notes cadence
      notes cadence --today 2026-11-27 --team data-platform
      notes cadence --format json --strict
    """
    project = open_project(settings, today=today)
    site = project.site
    unknown = [t for t in teams if t not in site.teams]
    if unknown:
        raise NotesError(f"unknown team '{unknown[0]}'; known teams: {', '.join(sorted(site.teams))}")
    chosen = [site.teams[slug] for slug in dict.fromkeys(teams)] if teams else list(site.teams.values())
    options = CadenceOptions.from_config(project.config.section("cadence"))
    report = build_report(site.notes, chosen, project.today.day, options, site.timezone)
    if fmt == "json":
        click.echo(json.dumps(as_json(report), indent=2, ensure_ascii=False))
    else:
        for line in cadence_text.lines(report):
            click.echo(line)
    if strict and report.failing:
        raise click.exceptions.Exit(ExitCode.CONTENT)


@cli.command()
@click.argument("code", required=False)
def rules(code):
    """List every rule, or explain one rule with its examples.

    \b
    Example:
      notes rules
      notes rules M202
    """
    from pipeline.catalogue import RULES

    if code is None:
        for rule in sorted(RULES.values(), key=lambda r: r.code):
            click.echo(f"{rule.code}  {str(rule.level):<10} {rule.name:<26} {rule.summary}")
        return
    rule = RULES.get(code.upper())
    if rule is None:
        raise NotesError(f"no rule '{code}'; run 'notes rules' to list them")
    click.echo(f"{rule.code} {rule.name} ({rule.level})\n\n{rule.summary}\n\nWhy: {rule.why}\nGuidance: {rule.link}")
    for heading, examples in (("Flagged", rule.must_flag), ("Passes", rule.must_pass)):
        for example in examples:
            if example.shown:
                click.echo(f"\n{heading}: " + click.style(example.shown, dim=True))
                continue
            text = example.text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            click.echo(f"\n{heading}: content/{example.path}\n" + click.style(text.rstrip("\n"), dim=True))


def _check_and_build(settings: Path, output: Path | None, today: date | None = None, *, publishing: bool) -> None:
    from pipeline import build as site_build  # imports Pelican: only building pays for it
    from pipeline.progress import Progress

    # Stages go to standard error (a live display on a terminal), findings and the summary to standard output.
    with Progress() as progress:
        prepared = site_build.prepare(settings, output, progress, today)
        site = prepared.project.site
        if prepared.checked and has_errors(prepared.findings):  # small sites, and metadata errors: known now
            _not_built(prepared.findings, site.files_checked, progress, prepared.baselined)
        now = prepared.project.today
        click.echo(f"Building the site with {settings} as of {long_date(now.day)} ({now.source})…")
        try:
            built = site_build.render(prepared, progress, keep_previous=publishing)
        except site_build.NotBuilt as failed:
            _not_built(failed.findings, site.files_checked, progress, prepared.baselined)
    if prepared.findings:
        echo_findings(prepared.findings, site.files_checked, prepared.baselined)
    for warning in built.warnings:
        click.echo(f"pelican: warning: {printable(warning)}", err=True)
    click.echo(
        f"Built {built.pages} pages and {built.feeds} feeds from {len(site.notes)} notes into {display_path(built.output)}/"
        f" in {built.seconds:.1f} s: {plural(_count(prepared.findings, Level.WARNING) + len(built.warnings), 'warning')},"
        " 0 errors" + (f", {prepared.baselined} baselined." if prepared.baselined else ".")
    )


def _not_built(findings, files: int, progress, baselined: int) -> NoReturn:
    progress.done()
    echo_findings(findings, files, baselined)
    click.echo("Not built: fix the errors above, then run the command again.", err=True)
    raise click.exceptions.Exit(ExitCode.CONTENT)


def _count(findings, level) -> int:
    return sum(1 for f in findings if f.level == level)


preview_option = click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the preview into; never the one notes publish writes.  [default: preview/]",
)


@cli.command()
@settings_option
@preview_option
@today_option
def build(settings, output, today):
    """Check all content, then build a preview of the site with Pelican.

    Errors block the build. The preview, with drafts and relative links, goes
    into preview/ (open preview/index.html, or run notes serve), never into
    output/, which only notes publish writes. It is built beside its folder
    and swapped in only when complete.

    \b
    Example:
      notes build
      notes build --settings publishconf.py --output /tmp/site
      notes build --today 2026-12-01
    """
    from pipeline.settings import preview_path

    _check_and_build(settings, preview_path(settings, output), today, publishing=False)


@cli.command()
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to publish into.  [default: OUTPUT_PATH in publishconf.py, output/]",
)
@click.option("--rollback", is_flag=True, help="Swap output/ and output.previous/ back; build nothing.")
@today_option
def publish(output, rollback, today):
    """Check all content, then build for production with publishconf.py.

    The new site is swapped in only after the build, feeds, search index and a
    final check (internal links resolve, feeds parse). The old site is kept as
    output.previous/; --rollback swaps it back (run it again to undo).

    \b
    Example:
      notes publish
      notes publish --rollback
    """
    if rollback:
        from pipeline import publish as site_publish
        from pipeline.settings import read as read_settings

        target = (output or Path(read_settings(PRODUCTION)["OUTPUT_PATH"])).resolve()
        try:
            site_publish.rollback(target)
        except OSError as err:  # a read-only folder: one line, and the sites are where they were
            raise site_publish.one_line(err, target) from None
        click.echo(f"Rolled back: {display_path(target)}/ is the previous site again; "
                   f"run 'notes publish --rollback' again to undo.")
        return
    _check_and_build(PRODUCTION, output, today, publishing=True)


def _deploy_target(ctx, param, value):
    from pipeline.deploy import target

    try:
        return target.parse(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


def _endpoint_url(ctx, param, value):
    from urllib.parse import urlsplit

    if value is not None and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc):
        raise click.BadParameter(f"'{value}' is not an http:// or https:// address, like https://minio.example:9000")
    return value


DEPLOY_EXIT_CODES = """\b
Exit codes:
  0  deployed, or nothing to do
  2  bad usage; output/ not from a successful notes publish; missing or
     refused credentials; an unknown bucket or distribution; a failed upload
"""


@cli.command(epilog=DEPLOY_EXIT_CODES)
@click.option("--to", "target", required=True, callback=_deploy_target, metavar="s3://BUCKET[/PREFIX]",
              help="The bucket, and optionally a prefix, to upload the site to.")
@click.option("--endpoint-url", metavar="URL", callback=_endpoint_url,
              help="An S3-compatible service's address.  [default: AWS S3]")
@click.option("--region", help="The bucket's region.  [default: from the AWS configuration]")
@click.option("--delete", is_flag=True, help="Delete objects under the prefix that the site no longer has (last).")
@click.option("--dry-run", is_flag=True, help="Show what would be uploaded, deleted and invalidated; change nothing.")
@click.option("--invalidate", "distribution", metavar="DISTRIBUTION_ID",
              help="Invalidate the changed pages and feeds in this CloudFront distribution.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="The published site to upload.  [default: OUTPUT_PATH in publishconf.py, output/]")
def deploy(target, endpoint_url, region, delete, dry_run, distribution, output):
    """Upload the site notes publish built to S3-compatible object storage.

    Only files whose content changed are uploaded: assets first, then pages,
    then feeds, sitemap and OPML, so no page ever links to a missing file;
    deletions come last, with --delete. Credentials come from the standard
    AWS chain (environment, AWS_PROFILE, a role) and are never shown. See
    docs/deploy.md.

    \b
    Example:
      notes deploy --to s3://blog-example-gov-uk --dry-run
      notes deploy --to s3://sites/blog --delete --invalidate E2EXAMPLE
      notes deploy --to s3://blog --endpoint-url https://minio.example:9000
    """
    from pipeline.deploy import report
    from pipeline.deploy.run import Deployment, Request
    from pipeline.settings import read as read_settings

    site = (output or Path(read_settings(PRODUCTION)["OUTPUT_PATH"])).resolve()
    deployment = Deployment(Request(site, target, endpoint_url, region, delete, distribution))
    if dry_run:
        for line in report.plan_lines(deployment.plan, deployment.invalidated):
            click.echo(line)
        return
    with report.reporter() as progress:
        result = deployment.apply(progress)
    for line in report.summary_lines(result, str(target)):
        click.echo(line)


EMAIL_EXIT_CODES = """\b
Exit codes:
  0  sent, previewed, or nothing to send
  1  the content has errors (notes publish would not publish it)
  2  bad usage or configuration; the server unreachable, its certificate
     untrusted, or the login or a message refused (the send log keeps
     what was sent: run again to send the rest)
"""


@cli.command(epilog=EMAIL_EXIT_CODES)
@click.option("--week", callback=_iso_week, help="A closed ISO week, like 2026-W49.  [default: last week]")
@click.option("--dry-run", is_flag=True, help="Write each message to --out as .eml and .html; send nothing.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="email-preview", show_default=True,
              help="Folder for --dry-run's messages.")
@click.option("--list", "lists", multiple=True, metavar="NAME",
              help="Only this list of [tool.notes.email.lists]; repeat for several.  [default: every list]")
@click.option("--resend", is_flag=True, help="Send again to lists the send log says have the digest, on purpose.")
@click.option("--insecure", is_flag=True, help="Send without TLS, to a relay on this machine; never with a password.")
@click.option("--settings", type=click.Path(dir_okay=False, path_type=Path), default=str(PRODUCTION),
              show_default=True, help="Pelican settings file; the email links to its SITEURL or FEED_DOMAIN.")
@today_option
def email(week, dry_run, out, lists, resend, insecure, settings, today):
    """Send last week's digest by email, once, to the lists in [tool.notes.email].

    Builds the digest of a closed ISO week from the same model as the
    digest feed: a site-wide message for lists without a team, and a team's
    own for lists with one (only in weeks the team published). Each message
    has an HTML part and a plain-text part. The send log (send_log, commit
    it) records every message the server accepted, so running again sends
    nothing twice and finishes what a failed or killed run left. SMTP
    credentials come from NOTES_SMTP_USERNAME and NOTES_SMTP_PASSWORD only.
    See docs/email.md.

    \b
    Example:
      notes email --dry-run --out /tmp/digest
      notes email
      notes email --week 2026-W49 --list all-staff --resend
    """
    from pipeline.email import run, sendlog, smtp

    project = open_project(settings, today=today)
    prepared = run.prepare(project, week, lists)
    click.echo(run.describe(prepared))
    log_path = prepared.options.send_log
    if dry_run:
        run.preview(prepared, out, sendlog.SendLog.read(log_path), click.echo)
        click.echo(f"Previewed {plural(len(prepared.mailings), 'message')} in {display_path(out.resolve())}/; "
                   "sent nothing.")
        return
    options = prepared.options
    server = smtp.Server(options.smtp_host, options.smtp_port, options.smtp_tls, insecure)
    with sendlog.locked(log_path), smtp.Connection(server, smtp.credentials()) as connection:
        log = sendlog.SendLog.read(log_path)
        sent = run.send(prepared, connection, log, resend, click.echo)
    waiting = len(prepared.mailings) - sent
    click.echo(f"Sent {plural(sent, 'message')}" + (f" through {server}" if sent else "")
               + (f"; {waiting} already sent" if waiting else "") + f". Send log: {display_path(log_path)}")


@cli.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port on 127.0.0.1.")
@settings_option
@preview_option
@today_option
def serve(port, settings, output, today):
    """Preview the site on 127.0.0.1, bringing it up to date on every change.

    Builds the site into preview/ (never output/), serves it, and watches the
    content, the theme, the settings and pyproject.toml. An edit to a note's
    text is re-rendered in a moment; anything else rebuilds the whole site.
    After the first build only what changed is printed. While the content
    has errors, the last good build stays up.

    \b
    Example:
      notes serve
      notes serve --port 8080
    """
    from pipeline import publish as site_publish
    from pipeline import serve as site_serve
    from pipeline.preview import Preview
    from pipeline.progress import Progress
    from pipeline.settings import preview_path

    config = open_project(settings).settings
    folder = preview_path(settings, output)
    server = site_serve.bind(folder, port)  # a port in use stops serve before any build
    with site_publish.lock(folder):  # the preview is serve's own while it runs
        preview = Preview(settings, folder, today)

        def update(make, first: bool = False) -> None:
            try:
                outcome = make()
            except NotesError as err:  # a failed build: reported, and the last good one stays up
                click.echo(f"notes: error: {err}", err=True)
                return
            if outcome is not None:
                _report(outcome, first=first)

        with Progress() as progress:
            update(lambda: preview.build(progress), first=True)
        site_serve.start(server)
        click.echo(f"Serving http://{site_serve.HOST}:{port}/ (press Ctrl-C to stop)")

        def changed(paths: set[Path]) -> None:
            update(lambda: preview.update(paths))

        watched = [Path(config["PATH"]), Path(config["THEME"]), settings, settings.resolve().parent / "pyproject.toml"]
        try:
            site_serve.watch(watched, changed, threading.Event())
        finally:
            server.shutdown()


def _report(outcome, *, first: bool = False) -> None:
    """What a serve build or edit did: every finding and warning the first time, then only new ones."""
    if not first:
        click.echo(f"{', '.join(outcome.changed)} changed:")
    for finding in outcome.findings:
        click.echo(finding_line(finding))
    for warning in outcome.warnings:
        click.echo(f"pelican: warning: {warning}", err=True)
    fixed = f", {outcome.fixed} fixed" if outcome.fixed else ""
    if not outcome.built:
        click.echo("Not rebuilt: fix the errors above; the preview updates when you save. "
                   "Still serving the last good build.", err=True)
    elif outcome.notes:
        click.echo(f"Updated {', '.join(outcome.notes)}: {plural(outcome.pages, 'page')} and "
                   f"{plural(outcome.feeds, 'feed')} in {outcome.seconds:.1f} s"
                   f" ({plural(len(outcome.findings), 'new finding')}{fixed}).")
    else:
        counts = f"{plural(len(outcome.findings), 'finding' if first else 'new finding')}{fixed}"
        click.echo(f"Built {outcome.pages} pages and {outcome.feeds} feeds from {plural(outcome.files, 'file')} "
                   f"in {outcome.seconds:.1f} s ({counts}).")


def main() -> NoReturn:
    """Run the command, then leave without tearing Python down.

    A build holds a whole site and Pelican's context in memory, and letting
    Python free it object by object at exit took 0.2 s of a 2 s rebuild
    (benchmarks/README.md), for nothing: the process ends anyway. So the
    streams are flushed and logging is shut down here, and the process exits
    at once, as mypy does.
    """
    try:
        cli(prog_name="notes")  # Click's standalone mode always ends in SystemExit
        status = 0
    except SystemExit as done:
        status = done.code
    if not isinstance(status, int):
        if status is not None:
            click.echo(status, err=True)
        status = 0 if status is None else 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a closed pipe (notes lint | head): nothing more to say
            pass
    os._exit(status)
