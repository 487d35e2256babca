"""`notes import` from a WordPress export: the files it writes, whole, and what it reports."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import REPO, make_site, run_in, write

FIXTURES = REPO / "tests" / "fixtures" / "import"
EXPORT = "old/wordpress/export.xml"

CAFE = """\
---
title: 'Café conversations: how we meet users'
date: 2019-05-14 10:30+01:00
authors: [jane-doe]
summary: What people told us at our café mornings, and what we changed.
tags: [User research]
category: Leadership
status: published
slug: cafe-conversations
id: https://blog.example.gov.uk/?p=101
aliases: [/2019/05/cafe-conversations/]
---
Every month we hold a café morning in a library.
People tell us what works for them.

## What we heard

- Forms ask for the same thing twice.
- Letters arrive after the deadline.

We fixed the **letters** first. Read [how we rewrote them](https://blog.example.gov.uk/2019/04/02/letters/).
"""

# The old address is the new one (/2019/11/20/naive-roadmaps/): no alias is needed.
ROADMAPS = """\
---
title: Naïve roadmaps, and what replaced them
date: 2019-11-20 09:00+00:00
authors: [sian-evans]
# notes import took this summary from the first paragraph: check it
summary: Our first roadmap was a list of dates. Nobody believed it, and we stopped reading it ourselves.
tags: [roadmap]
status: published
slug: naive-roadmaps
id: https://blog.example.gov.uk/?p=102
---
Our first roadmap was a list of dates. Nobody believed it, and we stopped reading it ourselves.

![The roadmap as three columns: now, next and later](https://blog.example.gov.uk/wp-content/uploads/2019/11/roadmap.png)

[caption id="attachment\\_7" align="alignnone"]![](https://blog.example.gov.uk/wp-content/uploads/2019/11/wall.jpg) The wall in our office[/caption]

[gallery ids="7,8"]

[Embedded content from www.youtube.com](https://www.youtube.com/embed/abc123)
"""

# Never published: no GMT date, so its date is read in the site's time zone, and its ?p= link is no alias.
DRAFT = """\
---
title: Ce qui vient ensuite
date: 2020-01-06 14:00
authors: [jane-doe]
# notes import took this summary from the first paragraph: check it
summary: A draft about our plans for next year.
status: draft
id: https://blog.example.gov.uk/?p=103
---
A draft about our plans for next year.
"""

REPORT = """\
Detected wordpress: old/wordpress/export.xml
Created content/authors/sian-evans.md: new author Siân Evans; add their role and a bio
Created content/posts/2019-05-14-cafe-conversations.md from old/wordpress/export.xml post 101 (Café conversations: how we meet users)
Created content/posts/2019-11-20-naive-roadmaps.md from old/wordpress/export.xml post 102 (Naïve roadmaps, and what replaced them)
Created content/posts/2020-01-06-ce-qui-vient-ensuite.md from old/wordpress/export.xml post 103 (Ce qui vient ensuite)
Skipped old/wordpress/export.xml post 104 (roadmap.png): a media file, not a post
Skipped old/wordpress/export.xml post 2 (About this blog): a WordPress page, not a post

Needs attention:
  content/posts/2019-11-20-naive-roadmaps.md
    summary taken from the first paragraph: check it says what the note is about
    WordPress shortcode [caption]: rewrite it in Markdown or remove it
    WordPress shortcode [gallery]: rewrite it in Markdown or remove it
    embedded media replaced by a link: https://www.youtube.com/embed/abc123
    image still on the old site: https://blog.example.gov.uk/wp-content/uploads/2019/11/roadmap.png
    image still on the old site: https://blog.example.gov.uk/wp-content/uploads/2019/11/wall.jpg
    image without alt text: https://blog.example.gov.uk/wp-content/uploads/2019/11/wall.jpg
    checks: T507 image-alt-text (error) ×1
  content/posts/2020-01-06-ce-qui-vient-ensuite.md
    summary taken from the first paragraph: check it says what the note is about

Imported 3 notes and 1 new author (0 unchanged, 2 skipped, 2 need attention).
Errors in the checks stop notes build until they are fixed: notes lint shows where.
"""


@pytest.fixture
def root(tmp_path):
    root = make_site(tmp_path / "site")
    shutil.copytree(FIXTURES, root / "old")
    return root


def _content(root) -> dict[str, str]:
    content = root / "content"
    return {str(p.relative_to(content)): p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))}


def test_import_writes_posts_and_new_authors_whole(root):
    before = _content(root)
    result = run_in(root, "import", EXPORT)
    assert (result.exit_code, result.output) == (0, REPORT)
    added = {path: text for path, text in _content(root).items() if path not in before}
    assert added == {
        "authors/sian-evans.md": "---\nname: Siân Evans\n---\n",
        "posts/2019-05-14-cafe-conversations.md": CAFE,
        "posts/2019-11-20-naive-roadmaps.md": ROADMAPS,
        "posts/2020-01-06-ce-qui-vient-ensuite.md": DRAFT,
    }


def test_importing_twice_creates_nothing(root):
    assert run_in(root, "import", EXPORT).exit_code == 0
    before = _content(root)
    again = run_in(root, "import", EXPORT, "--from", "wordpress")
    assert again.exit_code == 0
    assert _content(root) == before
    assert again.output.splitlines()[:3] == [
        "Unchanged content/posts/2019-05-14-cafe-conversations.md from old/wordpress/export.xml post 101 "
        "(Café conversations: how we meet users)",
        "Unchanged content/posts/2019-11-20-naive-roadmaps.md from old/wordpress/export.xml post 102 "
        "(Naïve roadmaps, and what replaced them)",
        "Unchanged content/posts/2020-01-06-ce-qui-vient-ensuite.md from old/wordpress/export.xml post 103 "
        "(Ce qui vient ensuite)",
    ]
    assert again.output.endswith("Imported 0 notes (3 unchanged, 2 skipped, 0 need attention).\n")


def test_a_note_imported_before_is_found_by_its_guid_after_it_was_edited_and_renamed(root):
    assert run_in(root, "import", EXPORT).exit_code == 0
    old = root / "content/posts/2019-05-14-cafe-conversations.md"
    old.rename(root / "content/posts/2019-05-14-cafe-mornings.md")
    again = run_in(root, "import", EXPORT)
    assert "Unchanged content/posts/2019-05-14-cafe-mornings.md from old/wordpress/export.xml post 101" in again.output
    assert not old.exists()


def test_dry_run_writes_nothing_and_prints_the_plan(root):
    before = _content(root)
    result = run_in(root, "import", EXPORT, "--dry-run")
    assert result.exit_code == 0
    assert _content(root) == before
    lines = result.output.splitlines()
    assert lines[1] == "Would create content/authors/sian-evans.md: new author Siân Evans; add their role and a bio"
    assert "checks:" not in result.output  # nothing written, so nothing checked
    assert lines[-1] == (
        "Dry run: would import 3 notes and 1 new author (0 unchanged, 2 skipped, 2 need attention); nothing was written."
    )


def test_a_different_note_at_the_same_file_is_a_collision_and_is_kept(root):
    mine = "---\ntitle: Our café mornings\ndate: 2019-05-14 09:00\nauthors: [jane-doe]\nsummary: Mine.\n---\nMine.\n"
    write(root / "content/posts/2019-05-14-cafe-conversations.md", mine)
    result = run_in(root, "import", EXPORT)
    assert result.exit_code == 0
    assert (
        "Skipped old/wordpress/export.xml post 101 (Café conversations: how we meet users): "
        "content/posts/2019-05-14-cafe-conversations.md already exists and holds another note; "
        "notes import never overwrites\n"
    ) in result.output
    assert (root / "content/posts/2019-05-14-cafe-conversations.md").read_text() == mine


@pytest.mark.parametrize(
    "text, message",
    [
        ("<rss><channel><item>", "old/bad.xml:1:21: not well-formed XML, so not a WordPress export: no element found"),
        ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>x</title></channel></rss>',
         "old/bad.xml: not a WordPress export (WXR): it has no <wp:wxr_version>; export from Tools → Export in WordPress"),
        ('<!DOCTYPE rss [<!ENTITY lol "lol">]><rss>&lol;</rss>',
         "old/bad.xml: the export declares XML entities or external files, which notes refuses to read: "
         "WordPress never writes them"),
    ],
    ids=["malformed", "not-wxr", "entities"],
)
def test_a_bad_export_is_one_clear_message_and_exit_2(root, text, message):
    write(root / "old/bad.xml", text)
    before = _content(root)
    result = run_in(root, "import", "old/bad.xml", "--from", "wordpress")
    assert (result.exit_code, result.output) == (2, f"notes: error: {message}\n")
    assert _content(root) == before
