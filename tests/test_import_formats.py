"""`notes import` from Jekyll, Hugo and Pelican, as weeknotes, and with bad input: files asserted whole."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.content.loader import load_site
from pipeline.importers.detect import detect
from tests.conftest import REPO, make_site, run_in, write

FIXTURES = REPO / "tests" / "fixtures" / "import"

JEKYLL = {
    # The offset in the date is kept; the old address is Jekyll's default, from _config.yml's `permalink: date`.
    # {{ site.baseurl }} goes, as addresses start at the root; {% include %} is left out (and reported).
    "posts/2019-06-03-moving-the-case-database.md": """\
---
title: Moving the case database
date: 2019-06-03 09:15+01:00
authors: [sam-lee]
summary: We moved the case database to the new platform over one weekend.
tags: [migration, databases]
category: Engineering
status: published
aliases: [/engineering/2019/06/03/moving-the-case-database.html]
---
We moved the case database over one weekend.

Read the [runbook](/runbook/) we followed.
""",
    # No offset: read in the site's time zone. `published: false` is a draft; permalink and redirect_from are aliases.
    "posts/2019-06-10-weekly-update.md": """\
---
title: Weekly update
date: 2019-06-10 16:00
authors: [priya-patel]
# notes import took this summary from the first paragraph: check it
summary: This week we tested the backups.
status: draft
aliases: [/updates/weekly/, /old/weekly.html]
---
This week we tested the backups.
""",
}

HUGO = {
    "posts/2019-07-01-quarterly-review.md": """\
---
title: 'Our quarterly review: April to June'
date: 2019-07-01 10:00+01:00
authors: [jane-doe]
summary: What we delivered from April to June, and what slipped.
tags: [reviews]
category: Leadership
status: published
slug: quarterly-review
aliases: [/posts/quarterly-review/, /2019/q2-review/]
---
We delivered four of the six things we planned.

## What slipped

The new search, because we found more content than we expected.
""",
    # TOML front matter, a page bundle named by its folder, a draft, and an explicit id kept for feeds. The figure
    # shortcode becomes an image; plan.png is not beside the note in the fixture, so it is reported and left out.
    "posts/2019-09-30-next-quarter.md": """\
---
title: Plans for the next quarter
date: 2019-09-30 09:00+00:00
authors: [priya-patel]
summary: Three things we will do before December.
status: draft
slug: next-quarter
id: tag:weeknotes.example.org,2019-09-30:next-quarter
aliases: [/posts/next-quarter/, /old/next-quarter]
---
We will finish the new search first.
""",
}

PELICAN = {
    # {filename}/standards-list.md names a note that was not imported: the link goes, its text stays (reported).
    "posts/2019-08-01-open-standards.md": """\
---
title: Why we use open standards
date: 2019-08-01 11:00
authors: [jane-doe, priya-patel]
summary: Open standards let us change suppliers without rewriting our services.
tags: [standards, open source]
category: Technology
status: published
slug: open-standards
aliases: [/open-standards.html]
---
Open standards let us change suppliers. See our list.
""",
    "posts/2019-08-05-testing-our-backups.md": """\
---
title: Testing our backups
date: 2019-08-05
authors: [sam-lee]
# notes import took this summary from the first paragraph: check it
summary: We restored last week's backup to a fresh server. It took forty minutes.
status: draft
aliases: [/testing-our-backups.html]
---
We restored last week's backup to a fresh server. It took forty minutes.
""",
}


@pytest.fixture
def root(tmp_path):
    root = make_site(tmp_path / "site")
    shutil.copytree(FIXTURES, root / "old")
    return root


def _added(root, before: set[Path]) -> dict[str, str]:
    content = root / "content"
    return {str(p.relative_to(content)): p.read_text(encoding="utf-8")
            for p in sorted(content.rglob("*.md")) if p not in before}


@pytest.mark.parametrize("args, expected", [
    (["old/jekyll", "--from", "jekyll"], JEKYLL),
    (["old/hugo", "--from", "hugo"], HUGO),
    (["old/pelican", "--from", "pelican"], PELICAN),
], ids=["jekyll", "hugo", "pelican"])
def test_each_format_writes_its_notes_whole(root, args, expected):
    before = set((root / "content").rglob("*.md"))
    result = run_in(root, "import", *args)
    assert result.exit_code == 0, result.output
    assert _added(root, before) == expected


def test_the_report_counts_first_then_groups_what_needs_a_person(root):
    result = run_in(root, "import", "old/jekyll", "old/hugo")
    assert result.exit_code == 0
    assert result.output == """\
Read 4 files (2 hugo, 2 jekyll, detected).
old/jekyll/_config.yml: permalink
Hugo site old/hugo: no hugo.toml found, so Hugo's defaults are used
Imported 4 notes (2 drafts); 0 unchanged, 0 skipped.
Images and files copied: 0; old addresses kept as redirects: 7; template tags converted: 2, left out: 1.
Baseline: 2 findings of the checks in the imported notes added to .notes-baseline.json; notes build does not stop \
on them, and notes lint --no-baseline shows them.

Needs a person:

Missing images and files (2)
  content/posts/2019-06-10-weekly-update.md:12: /assets/backup-chart.png was not found in old/jekyll: left out; copy \
the file into content/images/ and add it back
  content/posts/2019-09-30-next-quarter.md:13: plan.png was not found in old/hugo: left out; copy the file into \
content/images/ and add it back

Template tags left out (1)
  content/posts/2019-06-03-moving-the-case-database.md:11: Liquid tag {% include %} left out: Python-Markdown \
would show it as text

Imported as drafts (2)
  content/posts/2019-06-10-weekly-update.md: not published on the old Jekyll site (published: false)
  content/posts/2019-09-30-next-quarter.md: a draft on the old Hugo site

Summaries to check (1)
  content/posts/2019-06-10-weekly-update.md: summary taken from the first paragraph: check it says what the note \
is about

Errors that stop notes build until they are fixed (1)
  content/posts/2019-06-03-moving-the-case-database.md:13:10: L101 link '/runbook/' leads to no page or file on the \
site (error)
"""


def test_without_the_baseline_the_report_counts_findings_by_rule_and_names_the_errors(root):
    result = run_in(root, "import", "old/jekyll", "old/hugo", "--no-baseline")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # A link to a page of the old site that did not come in is an error the baseline never holds.
    assert "Checks: T101 words-to-avoid ×2 (not baselined: --no-baseline)." in lines
    assert lines[-2:] == [
        "Errors that stop notes build until they are fixed (1)",
        "  content/posts/2019-06-03-moving-the-case-database.md:13:10: L101 link '/runbook/' leads to no page or file "
        "on the site (error)",
    ]
    assert not (root / ".notes-baseline.json").exists()


def test_imported_notes_pass_the_content_contract(root, monkeypatch):
    monkeypatch.chdir(root)
    before = len(load_site(root / "content").notes)
    assert run_in(root, "import", "old").exit_code == 0
    site = load_site(root / "content")
    assert [str(f) for f in site.findings] == []
    assert len(site.notes) == before + 9


def test_dates_keep_their_offset_or_are_read_in_the_site_time_zone(root, monkeypatch):
    assert run_in(root, "import", "old/jekyll").exit_code == 0
    monkeypatch.chdir(root)
    notes = {n.slug: n for n in load_site(root / "content", "America/New_York").notes}
    assert notes["moving-the-case-database"].date.utcoffset() == timedelta(hours=1)  # +0100 in the source
    assert notes["weekly-update"].date.utcoffset() == timedelta(hours=-4)  # the site's zone, in June


@pytest.mark.parametrize("name, text, fmt", [
    ("_posts/2019-01-02-a.md", "---\ntitle: A\n---\n", "jekyll"),
    ("blog/2019-01-02-a.md", "---\ntitle: A\n---\n", "jekyll"),
    ("blog/a.md", "---\ntitle: A\npermalink: /a/\n---\n", "jekyll"),
    ("blog/a.md", "---\ntitle: A\ndraft: true\n---\n", "hugo"),
    ("blog/a.md", "---\ntitle: A\n---\n", "hugo"),
    ("blog/a.md", "+++\ntitle = 'A'\n+++\n", "hugo"),
    ("blog/a.md", "Title: A\nDate: 2019-01-02\n\nText.\n", "pelican"),
    ("blog/a.rst", "A\n#\n", "pelican"),
    ("blog/export.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/">', "wordpress"),
    ("blog/feed.xml", "<rss></rss>", None),
    ("blog/README.md", "# Read me\n", None),
])
def test_auto_detection(tmp_path, name, text, fmt):
    assert detect(write(tmp_path / name, text)) == fmt


def test_weeknotes_take_the_team_and_the_iso_week_of_their_date(root):
    write(root / "old/weeknotes/2019-W23.md", "Title: Week 23\nDate: 2019-06-07\nAuthor: Sam Lee\n\nWe moved the tables.\n")
    result = run_in(root, "import", "old/weeknotes", "--from", "pelican", "--kind", "weeknote", "--team", "data-platform")
    assert result.exit_code == 0, result.output
    assert (root / "content/weeknotes/data-platform/2019-W23.md").read_text() == """\
---
title: Week 23
date: 2019-06-07
authors: [sam-lee]
# notes import took this summary from the first paragraph: check it
summary: We moved the tables.
status: published
aliases: [/week-23.html]
---
We moved the tables.
"""


def test_a_week_the_team_already_has_is_reported_and_never_overwritten(root):
    existing = root / "content/weeknotes/data-platform/2026-W47.md"
    before = existing.read_text()
    write(root / "old/w47.md", "Title: Another week 47\nDate: 2026-11-19\nAuthor: Sam Lee\n\nMore.\n")
    write(root / "old/w47-again.md", "Title: Week 47 again\nDate: 2026-11-18\nAuthor: Sam Lee\n\nAgain.\n")
    result = run_in(root, "import", "old/w47.md", "old/w47-again.md", "--from", "pelican",
                    "--kind", "weeknote", "--team", "data-platform")
    assert result.exit_code == 1  # nothing came in
    assert existing.read_text() == before
    lines = result.output.splitlines()
    assert lines[lines.index("Skipped (2)") + 1:] == [
        "  old/w47-again.md: team data-platform already has a weeknote for 2026-W47: "
        "content/weeknotes/data-platform/2026-W47.md",
        "  old/w47.md: team data-platform already has a weeknote for 2026-W47: "
        "content/weeknotes/data-platform/2026-W47.md",
        "notes: error: nothing imported from 2 files; the most common reason (2 of them): team data-platform already "
        "has a weeknote for 2026-W47: content/weeknotes/data-platform/2026-W47.md; content/ has notes at those weeks, "
        "slugs or files already, and notes import never overwrites",
    ]


def test_author_option_names_the_author_of_every_note(root):
    result = run_in(root, "import", "old/pelican/content/backups.md", "--author", "jane-doe")
    assert result.exit_code == 0
    assert "authors: [jane-doe]\n" in (root / "content/posts/2019-08-05-testing-our-backups.md").read_text()


@pytest.mark.parametrize("args, files, message", [
    (["old/nope.md"], {}, "old/nope.md: no such file or folder"),
    (["old/latin1.md", "--from", "jekyll"], {"old/latin1.md": "---\ntitle: Caf\udce9\n---\n"},
     "old/latin1.md:2:11: byte 0xE9 is not UTF-8; save the file as UTF-8"),
    (["old/bad.md", "--from", "hugo"], {"old/bad.md": "+++\ntitle = \n+++\n"},
     "old/bad.md: front matter is not valid TOML: Invalid value (at line 1, column 9)"),
    (["old/bad.md", "--from", "jekyll"], {"old/bad.md": "---\ntitle: [A\n---\n"},
     "old/bad.md:3:1: front matter is not valid YAML: did not find expected ',' or ']' "
     "(while parsing a flow sequence that starts at line 2, column 8)"),
    (["old/pelican", "--kind", "weeknote"], {},
     "--kind weeknote needs --team SLUG, the team whose weeknotes these are; known teams: data-platform"),
    (["old/pelican", "--kind", "weeknote", "--team", "data-platfrom"], {},
     "unknown team 'data-platfrom': there is no content/teams/data-platfrom.md; did you mean 'data-platform'?"),
    (["old/pelican", "--team", "data-platform"], {}, "--team is for weeknotes: add --kind weeknote"),
    (["old/pelican", "--author", "jane-do"], {},
     "unknown author 'jane-do': there is no content/authors/jane-do.md; did you mean 'jane-doe'?"),
], ids=["missing", "not-utf8", "bad-toml", "bad-yaml", "no-team", "unknown-team", "team-for-posts", "unknown-author"])
def test_bad_input_is_one_clear_message_and_exit_2(root, args, files, message):
    for name, text in files.items():
        write(root / name, text)
    before = set((root / "content").rglob("*"))
    result = run_in(root, "import", *args)
    assert (result.exit_code, result.output) == (2, f"notes: error: {message}\n")
    assert set((root / "content").rglob("*")) == before


ALIAS_BOMB = "---\ntitle: Boom\ndate: 2019-01-02\nauthor: Sam Lee\n" + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9 if previous else ["xxxxxxxxxx"] * 9) + "]\n"
    for previous, name in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")) + "tags: *h\n---\nText.\n"


@pytest.mark.parametrize("files, links, reason", [
    ({"archive/bomb.md": ALIAS_BOMB}, {},
     "its front matter's YAML aliases expand to more than the 4 MB a note may be"),
    ({"archive/big.md": "---\ntitle: Big\ndate: 2019-01-02\nauthor: Sam Lee\n---\n" + "word " * 900_000}, {},
     "it is larger than the 4 MB a note may be"),
    ({"secret/2019-01-02-secret.md": "---\ntitle: Secret\nauthor: Sam Lee\n---\nPrivate.\n"},
     {"archive/2019-01-02-link.md": "secret/2019-01-02-secret.md"},
     "a symlink to a file outside the folder being imported: notes reads only what is inside it"),
    ({"secret/notes/2019-01-02-secret.md": "---\ntitle: Secret\nauthor: Sam Lee\n---\nPrivate.\n"},
     {"archive/linked": "secret/notes"},
     "a folder symlink to outside the folder being imported: notes reads only what is inside it"),
], ids=["alias-bomb", "over-4-mb", "file-symlink-out", "folder-symlink-out"])
def test_sources_obey_the_limits_of_notes_and_never_read_outside(root, files, links, reason):
    for name, text in files.items():
        write(root / name, text)
    for name, target in links.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(root / target)
    write(root / "archive/2019-03-04-fine.md", "---\ntitle: Fine\nauthor: Sam Lee\n---\nA note that comes in.\n")
    result = run_in(root, "import", "archive", "--from", "markdown")
    assert result.exit_code == 0, result.output
    assert f"  {next(iter(links or files))}: {reason}" in result.output.splitlines()
    assert [p.name for p in (root / "content/posts").glob("2019-*")] == ["2019-03-04-fine.md"]


def test_a_folder_of_markdown_with_field_mapping_and_old_addresses(root):
    write(root / "old/notes/2024-W19.md", "---\nheadline: Sorting the backlog\nby: Priya and Sam\n"
                                          "blurb: We sorted the backlog.\n---\nWe sorted it by what users need.\n")
    write(root / "old/notes/week-20.md", "# Testing the new form\n\nFive people tried it.\n")
    result = run_in(root, "import", "old/notes", "--from", "markdown", "--field", "title=headline",
                    "--field", "authors=by", "--field", "summary=blurb", "--old-url", "/week/{date}/",
                    "--author", "jane-doe")
    assert result.exit_code == 0, result.output
    assert (root / "content/posts/2024-05-06-sorting-the-backlog.md").read_text() == """\
---
title: Sorting the backlog
date: 2024-05-06
authors: [jane-doe]
summary: We sorted the backlog.
status: published
aliases: [/week/2024-05-06/]
---
We sorted it by what users need.
"""
    skipped = [line for line in result.output.splitlines() if "week-20.md" in line]
    assert skipped == ["  old/notes/week-20.md: it has no 'date', and its file name has none: give --date-field NAME "
                       "if another field holds its date, or name the file YYYY-MM-DD-slug.md"]


@pytest.mark.parametrize("args, message", [
    (["--field", "summary"], "Invalid value for '--field': 'summary' is not NOTE_FIELD=SOURCE_FIELD, like "
                             "summary=description; NOTE_FIELD is one of title, date, authors, summary, tags, category, slug"),
    (["--field", "colour=hue"], "Invalid value for '--field': 'colour=hue' is not NOTE_FIELD=SOURCE_FIELD, like "
                                "summary=description; NOTE_FIELD is one of title, date, authors, summary, tags, category, slug"),
    (["--old-url", "/week/{team}/"], "Invalid value for '--old-url': '/week/{team}/' uses {team}: use {date}, "
                                     "{date:%Y}, {year}, {month}, {day}, {week}, {slug}, {stem}, {path} or {title}"),
])
def test_bad_field_mappings_and_patterns_are_usage_errors(root, args, message):
    result = run_in(root, "import", "old/pelican", *args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: {message}"


@pytest.mark.parametrize("text, expected, alone", [
    ('---json\n{"title": "From JSON", "date": "2019-02-03", "author": "Sam Lee"}\n---\nText.\n', "imported", 0),
    ("---js\n{ title: 'Code', date: new Date() }\n---\nText.\n",
     "its front matter is js code (---js), which notes does not run: write it as YAML", 1),
    ("---\ntitle: [broken\n---\nText.\n", "cannot be read: 3:1: front matter is not valid YAML: did not find "
                                         "expected ',' or ']' (while parsing a flow sequence that starts at line 2, "
                                         "column 8)", 2),
], ids=["json", "javascript", "broken-yaml"])
def test_eleventy_front_matter_in_json_is_read_and_a_bad_file_in_a_folder_is_skipped(root, text, expected, alone):
    write(root / "archive/2019-02-03-one.md", text)
    write(root / "archive/2019-03-04-fine.md", "---\ntitle: Fine\nauthor: Sam Lee\n---\nA note that comes in.\n")
    result = run_in(root, "import", "archive", "--from", "eleventy")
    assert result.exit_code == 0, result.output
    assert (root / "content/posts/2019-03-04-fine.md").exists()
    if expected == "imported":
        assert "title: From JSON\n" in (root / "content/posts/2019-02-03-one.md").read_text()
    else:
        assert f"  archive/2019-02-03-one.md: {expected}" in result.output.splitlines()
    # Named on its own, a file that cannot be read stops the import (exit 2); one refused is nothing imported (1).
    assert run_in(root, "import", "archive/2019-02-03-one.md", "--from", "eleventy").exit_code == alone
