"""`notes lint`: which files, from where, with what options; cached and in parallel.

Files under the content folder are checked against the content contract (the
metadata rules) and by the tone rules; any other Markdown file, or standard
input, by the tone rules alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.content.frontmatter import MAX_BYTES, DocumentError, read_bytes, within_limit
from pipeline.content.files import MARKDOWN_SUFFIXES, inventory
from pipeline.content import links
from pipeline.content.layout import Layout
from pipeline.content.loader import Site, display_path
from pipeline.findings import Finding
from pipeline.lint.cache import Cache
from pipeline.lint.engine import Target, lint_and_links, prose_of, target_from_bytes
from pipeline.parallel import map_shares

if TYPE_CHECKING:
    from pipeline.lint.rules.readability import Stats


@dataclass
class LintRun:
    findings: list[Finding] = field(default_factory=list)  # tone findings and unreadable files
    files: int = 0
    stats: dict[str, Stats] = field(default_factory=dict)
    scope: list[Path] | None = None  # content paths whose metadata findings count; None for all
    written: dict[str, list] = field(default_factory=dict)  # links and images that may lead inside the site


def with_site(options: dict, project) -> dict:
    """The site's own names (teams, authors, tags) added to [tool.notes.lint] names, and its language."""
    if project is None:
        return options
    site = project.site
    names = {team.name for team in site.teams.values()} | {author.name for author in site.authors.values()}
    names |= {tag for note in site.notes for tag in note.tags}
    return {**options, "names": tuple(sorted(names | set(options.get("names", ())))),
            "lang": str(project.settings.get("DEFAULT_LANG") or "en")}


def site_targets(site: Site) -> list[Target]:
    """Every note, team and author the loader read, with what the contract knows of it."""
    targets = []
    for note in site.notes:
        team = site.teams.get(note.team) if note.team else None
        targets.append(Target(note.source, note.doc.text, note.kind, team.sections if team else (), note.doc))
    for kind, items in (("team", site.teams.values()), ("author", site.authors.values())):
        targets += [Target(item.source, item.doc.text, kind, (), item.doc) for item in items]
    return sorted(targets, key=lambda t: t.source)


def markdown_paths(paths: Iterable[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in MARKDOWN_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def outside_targets(paths: Iterable[Path], run: LintRun) -> list[Target]:
    """Targets for files outside content/; unreadable ones become findings."""
    targets = []
    for path in paths:
        source = display_path(path)
        try:
            targets.append(target_from_bytes(read_bytes(path, source), source))
        except DocumentError as err:
            run.findings.append(err.finding)
    return targets


def stdin_target(raw: bytes, name: str, run: LintRun) -> list[Target]:
    try:
        return [target_from_bytes(within_limit(raw, name), name)]
    except DocumentError as err:
        run.findings.append(err.finding)
        return []


def lint_targets(targets: list[Target], options: dict, root: Path | None, run: LintRun, *,
                 want_stats: bool = False, jobs: int | None = None, cache: Cache | None = None) -> None:
    """Tone-lint every target, from the cache where the text is unchanged.

    With a `cache` of the caller's, saving it is the caller's job.
    """
    own_cache = cache is None
    cache = cache or Cache(root if options.get("cache", True) else None, options)
    misses: list[tuple[str, Target]] = []
    site = (options.get("names", ()), options.get("lang", "en"))  # names and language change findings too
    for target in targets:
        key = cache.key(target.text, target.kind, (target.sections, site))
        cached = cache.get(key, target.source)
        if cached is None:
            misses.append((key, target))
        else:
            run.findings += cached[0]
            run.written[target.source] = cached[1]
    for (key, target), (findings, written) in zip(misses, _lint_all([t for _, t in misses], options, jobs),
                                                  strict=True):
        cache.put(key, findings, written)
        run.findings += findings
        run.written[target.source] = written
    if own_cache:
        cache.save()
    if want_stats:
        from pipeline.lint.rules.readability import stats

        for target in targets:
            run.stats[target.source] = stats(prose_of(target, options))


def _lint_all(targets: list[Target], options: dict, jobs: int | None) -> list[tuple[list[Finding], list]]:
    """Lint in this process and, for many files, in forked workers at the same time."""
    if targets:  # the rules load here, once, before any worker forks; a run the cache answers never loads them
        from pipeline.lint import rules  # noqa: F401
    return map_shares(_lint_share, targets, options, jobs=jobs)


def _lint_share(targets: list[Target], options: dict) -> list[tuple[list[Finding], list]]:
    return [lint_and_links(t, options) for t in targets]


def gather(project, paths: Iterable[Path], run: LintRun, *, stdin=None, stdin_name: str | None = None) -> list[Target]:
    """The targets for `notes lint [PATHS]`; records which content files' metadata findings to show."""
    from pipeline.errors import NotesError

    paths = list(paths)
    if not paths:
        if project is None:
            raise NotesError("no pelicanconf.py here: run notes lint in the site's folder, or name the files to lint")
        run.scope = None
        return site_targets(project.site)
    by_path = {Path(t.doc.path).resolve(): t for t in site_targets(project.site)} if project else {}
    content = project.content_dir.resolve() if project else None
    targets: list[Target] = []
    outside: list[Path] = []
    run.scope = []
    for path in paths:
        if str(path) == "-":
            if stdin is not None:
                targets += stdin_target(stdin.read(MAX_BYTES + 1), stdin_name or "-", run)
                run.files += 1
            continue
        resolved = path.resolve()
        # A file is where it stands, not where a link leads: one leading out of content/ is refused, never read.
        located = resolved if path.is_dir() else path.absolute().parent.resolve() / path.name
        if content and (located == content or content in located.parents):
            run.scope.append(located)
            targets += [t for p, t in by_path.items() if p == resolved or resolved in p.parents]
            # Files that failed to load have no target but are checked all the same.
            run.files += inventory(resolved).files if resolved.is_dir() else 1
        else:
            outside += markdown_paths([path])
    run.files += len(outside)
    return targets + outside_targets(outside, run)


def lint_project(project, options: dict, run: LintRun, *, jobs: int | None = None) -> list[Finding]:
    """Every finding for the whole project; straight from the cache when nothing has changed."""
    cache = Cache(project.root if options.get("cache", True) else None, options)
    key = project_key(project, cache.fingerprint) if cache.enabled else None
    hit = cache.get_run(key) if key else None
    if hit:
        run.files, findings = hit
        return findings
    run.scope = None
    findings = findings_for(project, site_targets(project.site), options, run, cache=cache, jobs=jobs)
    if key:
        cache.put_run(key, run.files, findings)
        cache.save()
    return findings


def project_key(project, fingerprint: str) -> str:
    """What a whole-project result depends on: content bytes, settings, config and the day."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(repr((project.settings["PATH"], project.settings["TIMEZONE"], project.today.day.isoformat())).encode())
    if project.config.path:
        digest.update(project.config.path.read_bytes())
    content = project.content_dir
    found = inventory(content, project.static_paths, project.static_html)
    for path in found.notes:
        digest.update(str(path.relative_to(content)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes())
    # The static files' checks, by their outcome: which are published, and what is wrong with the others.
    digest.update(repr(([str(p) for p in found.static], [str(f) for f in found.findings])).encode())
    return digest.hexdigest()


def findings_for(project, targets: list[Target], options: dict, run: LintRun, *, want_stats: bool = False,
                 cache: Cache | None = None, jobs: int | None = None) -> list[Finding]:
    """Metadata findings in scope, plus tone findings for `targets`, after the lint policy."""
    from pipeline.lint import policy

    findings = []
    options = with_site(options, project)
    if project is not None:
        scope = run.scope
        findings = [f for f in project.site.findings if scope is None or _in_scope(f.path, scope)]
        if scope is None:
            run.files = project.site.files_checked  # files that failed to load count too
    lint_targets(targets, options, project.root if project else None, run, want_stats=want_stats, cache=cache,
                 jobs=jobs)
    if project is not None:  # links resolve against the whole site, so they are checked after every file is read
        findings += links.check(project.site, run.written, project.today, Layout.of(project.settings))
    return sorted(policy.apply(findings + run.findings, options))


def _in_scope(path: str, scope: list[Path]) -> bool:
    # The folder resolved, not the file: a symlink leading out of content/ is reported where it stands.
    resolved = Path(path).absolute().parent.resolve() / Path(path).name
    return any(resolved == p or p in resolved.parents for p in scope)
