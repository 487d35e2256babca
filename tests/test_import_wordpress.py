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

# The old address is the new one (/2019/11/20/naive-roadmaps/): no alias is needed. The uploaded roadmap.png is
# beside the export (wp-content/uploads/), so it is copied in; wall.jpg is not, so it is left out and reported. The
# [caption] keeps its image and caption, and the [gallery] is left out.
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

![The roadmap as three columns: now, next and later](/images/2019/11/roadmap.png)

The wall in our office

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
Read 1 file (1 wordpress, detected).
Imported 3 notes (1 draft) and 1 new author; 0 unchanged, 2 skipped.
Images and files copied: 1; old addresses kept as redirects: 1; template tags converted: 1, left out: 1.

Needs a person:

Missing images and files (1)
  content/posts/2019-11-20-naive-roadmaps.md:16: https://blog.example.gov.uk/wp-content/uploads/2019/11/wall.jpg \
was not found in old/wordpress: left out; copy the file into content/images/ and add it back

Template tags left out (1)
  content/posts/2019-11-20-naive-roadmaps.md: WordPress shortcode [gallery] left out: Python-Markdown would show it \
as text

Imported as drafts (1)
  content/posts/2020-01-06-ce-qui-vient-ensuite.md: draft on WordPress

Summaries to check (2)
  content/posts/2019-11-20-naive-roadmaps.md: summary taken from the first paragraph: check it says what the note \
is about
  content/posts/2020-01-06-ce-qui-vient-ensuite.md: summary taken from the first paragraph: check it says what the \
note is about

Embedded media replaced by a link (1)
  content/posts/2019-11-20-naive-roadmaps.md: embedded media replaced by a link: https://www.youtube.com/embed/abc123

New authors: add their role and a bio (1)
  content/authors/sian-evans.md: Siân Evans

Skipped (2)
  old/wordpress/export.xml post 104 (roadmap.png): a media file, not a post
  old/wordpress/export.xml post 2 (About this blog): a WordPress page, not a post
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
    assert (root / "content/images/2019/11/roadmap.png").read_bytes() == (
        FIXTURES / "wordpress/wp-content/uploads/2019/11/roadmap.png").read_bytes()


def test_importing_twice_creates_nothing(root):
    assert run_in(root, "import", EXPORT).exit_code == 0
    before = _content(root)
    again = run_in(root, "import", EXPORT, "--from", "wordpress")
    assert again.exit_code == 0
    assert _content(root) == before
    assert again.output.splitlines()[1] == "Imported 0 notes (0 drafts); 3 unchanged, 2 skipped."
    dry = run_in(root, "import", EXPORT, "--dry-run").output.splitlines()
    assert dry[1:4] == [
        "Unchanged content/posts/2019-05-14-cafe-conversations.md from old/wordpress/export.xml post 101 "
        "(Café conversations: how we meet users)",
        "Unchanged content/posts/2019-11-20-naive-roadmaps.md from old/wordpress/export.xml post 102 "
        "(Naïve roadmaps, and what replaced them)",
        "Unchanged content/posts/2020-01-06-ce-qui-vient-ensuite.md from old/wordpress/export.xml post 103 "
        "(Ce qui vient ensuite)",
    ]


def test_a_note_imported_before_is_found_by_its_guid_after_it_was_edited_and_renamed(root):
    assert run_in(root, "import", EXPORT).exit_code == 0
    old = root / "content/posts/2019-05-14-cafe-conversations.md"
    old.rename(root / "content/posts/2019-05-14-cafe-mornings.md")
    again = run_in(root, "import", EXPORT, "--dry-run")
    assert "Unchanged content/posts/2019-05-14-cafe-mornings.md from old/wordpress/export.xml post 101" in again.output
    assert run_in(root, "import", EXPORT).exit_code == 0
    assert not old.exists()


def test_dry_run_writes_nothing_and_prints_the_plan(root):
    before = _content(root)
    result = run_in(root, "import", EXPORT, "--dry-run")
    assert result.exit_code == 0
    assert _content(root) == before
    lines = result.output.splitlines()
    assert lines[1:6] == [
        "Would create content/authors/sian-evans.md: new author Siân Evans",
        "Would create content/posts/2019-05-14-cafe-conversations.md from old/wordpress/export.xml post 101 "
        "(Café conversations: how we meet users)",
        "Would create content/posts/2019-11-20-naive-roadmaps.md from old/wordpress/export.xml post 102 "
        "(Naïve roadmaps, and what replaced them)",
        "Would create content/posts/2020-01-06-ce-qui-vient-ensuite.md from old/wordpress/export.xml post 103 "
        "(Ce qui vient ensuite)",
        "Would copy old/wordpress/wp-content/uploads/2019/11/roadmap.png to content/images/2019/11/roadmap.png",
    ]
    assert lines[6] == "Would import 3 notes (1 draft) and 1 new author; 0 unchanged, 2 skipped."
    assert "Baseline" not in result.output  # nothing written, so nothing checked
    assert lines[-1] == "Dry run: nothing was written."
    assert not (root / "content/images").exists()


def test_a_different_note_at_the_same_file_is_a_collision_and_is_kept(root):
    mine = "---\ntitle: Our café mornings\ndate: 2019-05-14 09:00\nauthors: [jane-doe]\nsummary: Mine.\n---\nMine.\n"
    write(root / "content/posts/2019-05-14-cafe-conversations.md", mine)
    result = run_in(root, "import", EXPORT)
    assert result.exit_code == 0
    assert (
        "  old/wordpress/export.xml post 101 (Café conversations: how we meet users): "
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
