"""Property tests: whatever the front matter and Markdown, the loader, the linter and the build
raise nothing but the project's own errors, which the CLI turns into one line and an exit code.

Example counts are modest so the whole suite stays fast; raise them locally with
`--hypothesis-seed` and a profile when hunting a bug.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.content.frontmatter import DocumentError, decode, parse
from pipeline.content.loader import load_site
from pipeline.lint.engine import lint_target, target_from_bytes
from tests.conftest import make_site, run_in, write

# Text that stresses parsers: YAML and Markdown syntax, HTML, control characters, right-to-left marks.
NASTY = st.sampled_from([
    "---", ":", "- ", "\t", "\r\n", "\n", "'", '"', "{", "}", "[", "]", "&", "*", "!", "|", ">", "#", "`", "```",
    "<script>", "</p>", "<!--", "javascript:", "\0", "\ufeff", "\u202e", "é", "🎉", "2026-02-30", "2026-W53",
    "[x](y)", "](", "***", "    ", "\\", "%", "@", "?", "{{", "}}",
])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=25).map("".join)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT,
                   st.dates().map(str), st.datetimes().map(str))
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
FIELD_NAMES = st.sampled_from(["title", "date", "authors", "summary", "tags", "status", "slug", "category", "team",
                               "id", "lint", "related", "name", "cadence", "due", "since", "members", "quiet"]) | TEXT
FRONT_MATTER = st.dictionaries(FIELD_NAMES, VALUE, max_size=8)


def as_file(front_matter: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n" + body


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_parse_or_raise_a_document_error(raw):
    try:
        parse(decode(raw, "posts/p.md"), Path("posts/p.md"), "posts/p.md")
    except DocumentError as err:
        assert err.finding.path == "posts/p.md" and err.finding.line >= 1 and err.finding.col >= 1


@settings(max_examples=150, deadline=None)
@given(FRONT_MATTER, TEXT)
def test_any_front_matter_and_body_lint_to_findings(front_matter, body):
    text = as_file(front_matter, body)
    try:
        target = target_from_bytes(text.encode("utf-8", "surrogatepass"), "content/posts/p.md")
    except DocumentError:
        return  # unreadable (a NUL byte): reported as M001, never linted
    findings = lint_target(target, {})
    assert all(f.line >= 1 and f.col >= 1 for f in findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["posts/a.md", "posts/b.md", "weeknotes/data-platform/2026-W47.md",
                                        "teams/data-platform.md", "authors/sam-lee.md", "pages/about.md"]),
                       st.tuples(FRONT_MATTER, TEXT), min_size=1, max_size=4))
def test_any_site_loads_to_findings(tmp_path_factory, files):
    content = tmp_path_factory.mktemp("content")
    for relative, (front_matter, body) in files.items():
        write(content / relative, as_file(front_matter, body).encode("utf-8", "surrogatepass"))
    site = load_site(content)
    assert all(f.path and f.line >= 1 for f in site.findings)


# Builds are slow, so their examples are steered towards notes that load (no NUL bytes, valid
# dates and authors): the point is to push odd text through Pelican, the sanitiser, templates and feeds.
LOADABLE = TEXT.map(lambda t: t.replace("\0", ""))
POST = st.fixed_dictionaries({
    "title": LOADABLE.filter(lambda t: t.strip()),
    "date": st.just("2026-11-24 09:00"),
    "authors": st.just(["jane-doe"]),
    "summary": LOADABLE.filter(lambda t: t.strip()),
}, optional={"tags": st.lists(LOADABLE, max_size=3)})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(POST, LOADABLE)
def test_any_post_builds_or_is_refused_with_a_clear_exit(tmp_path_factory, front_matter, body):
    site = make_site(tmp_path_factory.mktemp("build") / "site")
    write(site / "content/posts/2026-11-24-any.md", as_file(front_matter, body).encode("utf-8", "surrogatepass"))
    # Tone and security findings off: the build must cope with whatever they would have stopped.
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nlevels = {T = "off", S = "off"}\n', encoding="utf-8")
    result = run_in(site, "build")
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    shutil.rmtree(site)
