"""Real Pelican builds of the fixture site, through the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import write

EXPECTED_PAGES = [
    "index.html",
    "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html",
    "2026/11/06/what-we-learned-from-moving-the-case-database/index.html",
    "weeknotes/data-platform/2026-w45/index.html",
    "weeknotes/data-platform/2026-w46/index.html",
    "weeknotes/data-platform/2026-w47/index.html",
    "teams/index.html",
    "teams/data-platform/index.html",
    "authors/index.html",
    "authors/jane-doe/index.html",
    "authors/sam-lee/index.html",
    "authors/priya-patel/index.html",
    "tags/index.html",
    "tags/data/index.html",
    "tags/migration/index.html",
    "tags/roadmap/index.html",
    "tags/working-in-the-open/index.html",
    "categories/index.html",
    "categories/leadership/index.html",
    "categories/blog/index.html",
    "categories/weeknotes/index.html",
    "archives/index.html",
    "about-this-blog/index.html",
    "subscribe/index.html",
    "cadence/index.html",
    "search/index.html",
    "accessibility/index.html",
    "404.html",
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def html_pages(output: Path) -> list[str]:
    return sorted(str(p.relative_to(output)) for p in output.rglob("*.html"))


def test_build_writes_every_page_at_its_gds_style_url(site):
    result = run("build")
    assert result.exit_code == 0, result.output
    assert sorted(EXPECTED_PAGES) == html_pages(site / "preview")
    assert result.output.splitlines()[:3] == ["Loading notes from content…", "Checking 10 files in content…",
                                               "Building the site with pelicanconf.py as of Monday 30 November 2026"
                                               " (NOTES_TODAY)…"]
    assert result.output.splitlines()[-1].startswith("Built 28 pages and 16 feeds from 6 notes into preview/ in ")
    assert result.output.splitlines()[-1].endswith(" s: 0 warnings, 0 errors.")


def test_pages_carry_their_content(site):
    assert run("build").exit_code == 0
    weeknote = (site / "preview/weeknotes/data-platform/2026-w46/index.html").read_text()
    assert "<h1" in weeknote and "Data platform weeknote: week 46, 2026" in weeknote
    assert "We moved the reporting tables in week 46." in weeknote
    assert 'href="../../../teams/data-platform/"' in weeknote  # relative links in development
    author = (site / "preview/authors/priya-patel/index.html").read_text()
    assert "Priya runs the data platform team&#39;s planning." in author or "Priya runs the data platform team's planning." in author
    assert "Data platform weeknote: week 47, 2026" in author
    assert "Why we publish our roadmap" not in author


def test_publish_uses_publishconf_with_absolute_urls(site):
    result = run("publish")
    assert result.exit_code == 0, result.output
    assert "Building the site with publishconf.py as of Monday 30 November 2026 (NOTES_TODAY)…" in result.output
    home = (site / "output/index.html").read_text()
    assert 'href="https://blog.example.gov.uk/2026/11/20/why-we-publish-our-roadmap-in-the-open/"' in home


def test_output_option_overrides_the_settings(site, tmp_path):
    result = run("build", "--output", str(tmp_path / "elsewhere"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere/index.html").is_file()
    assert not (site / "preview").exists()


def test_drafts_and_future_notes_stay_off_the_published_site(site):
    write(site / "content/posts/draft.md",
          "---\ntitle: Not ready yet\ndate: 2026-11-25\nauthors: [jane-doe]\nsummary: Draft.\nstatus: draft\n---\nSoon.\n")
    write(site / "content/posts/future.md",
          "---\ntitle: Scheduled for later\ndate: 2099-01-01\nauthors: [jane-doe]\nsummary: Later.\n---\nLater.\n")
    assert run("publish").exit_code == 0
    everything = "".join(p.read_text() for p in (site / "preview").rglob("*.html"))
    assert "Not ready yet" not in everything and "Scheduled for later" not in everything


def test_errors_block_the_build_and_leave_the_old_site_alone(site):
    assert run("build").exit_code == 0
    before = {p: p.read_bytes() for p in (site / "preview").rglob("*") if p.is_file()}
    write(site / "content/weeknotes/data-platform/2026-W48.md",
          "---\ndate: 2026-12-04\nauthors: [sam-lee]\nsummary: x\n---\nBody\n")
    write(site / "content/posts/bad.md", "---\ntitle: [oops\n---\n")
    result = run("build")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Loading notes from content…",
        "Checking 12 files in content…",
        "content/posts/bad.md:3:1: M004 front matter is not valid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2, column 8) (error)",
        "content/weeknotes/data-platform/2026-W48.md:2:7: M202 date 2026-12-04 is in 2026-W49, but the file name "
        "says 2026-W48: use a date from 2026-11-23 to 2026-11-29, or rename the file (error)",
        "Checked 12 files: 2 errors in 2 files.",
        "Not built: fix the errors above, then run the command again.",
    ]
    after = {p: p.read_bytes() for p in (site / "preview").rglob("*") if p.is_file()}
    assert after == before


def test_a_failing_pelican_build_changes_nothing(site):
    assert run("build").exit_code == 0
    before = html_pages(site / "preview")
    # A theme that cannot render: the build must fail whole, with the old site kept.
    broken = site / "broken-theme/templates"
    broken.mkdir(parents=True)
    (broken / "index.html").write_text("{% for %}")
    settings = (site / "pelicanconf.py").read_text().replace('THEME = "theme"', 'THEME = "broken-theme"')
    (site / "pelicanconf.py").write_text(settings)
    result = run("build")
    assert result.exit_code == 1
    assert "notes: error: the build failed; the site was not changed:" in result.output
    assert html_pages(site / "preview") == before
    assert not list(site.glob(".preview-build-*"))


def test_previous_site_is_kept_for_rollback(site):
    assert run("publish").exit_code == 0
    (site / "output/marker").write_text("first publish")
    assert run("publish").exit_code == 0
    assert (site / "output.previous/marker").read_text() == "first publish"
    assert not (site / "output/marker").exists()


def test_checks_in_a_worker_block_the_swap_on_errors_and_report_warnings_after(site, monkeypatch):
    """On large sites the tone checks run in a worker while the site builds (forced here)."""
    from pipeline import parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    assert run("build").exit_code == 0
    before = {p: p.read_bytes() for p in (site / "preview").rglob("*") if p.is_file()}
    write(site / "content/posts/2026-11-24-hiring.md",
          "---\ntitle: We are hiring\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: Join us.\n---\n"
          "We are hiring.\n\n<script>alert(1)</script>\n")
    result = run("build")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "content/posts/2026-11-24-hiring.md:9:1: S101 <script> is removed from the site and may run script: " \
           "link to the page instead (error)" in lines
    assert lines[-1] == "Not built: fix the errors above, then run the command again."
    assert {p: p.read_bytes() for p in (site / "preview").rglob("*") if p.is_file()} == before
    assert not list(site.glob(".preview-build-*"))

    (site / "content/posts/2026-11-24-hiring.md").write_text(
        "---\ntitle: We are hiring\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: Join us.\n---\n"
        "We are hiring. We will utilise the new budget.\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    warning = next(i for i, line in enumerate(lines) if ": T101 " in line)
    assert lines[-1].startswith("Built ") and lines[-1].endswith(" s: 1 warning, 0 errors.")
    assert warning > lines.index("Swapping the new site into preview/…")  # reported once the checks were done


def test_a_draft_with_a_new_tag_and_category_still_builds(site):
    """Its preview links no tag or category page: only published notes make those (Pelican writes none for drafts)."""
    write(site / "content/posts/2026-11-02-an-idea.md",
          "---\ntitle: An idea\ndate: 2026-11-02 09:00\nauthors: [jane-doe]\nsummary: Not yet.\n"
          "tags: [brand-new-tag]\ncategory: brand-new\nstatus: draft\n---\nBody.\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    preview = (site / "preview/drafts/an-idea.html").read_text(encoding="utf-8")
    assert "Category: Brand-new</li>" in preview and "brand-new-tag" in preview  # named in sentence case
    assert "tags/brand-new-tag" not in preview and "categories/brand-new" not in preview
    assert not (site / "preview/tags/brand-new-tag").exists()
