"""Bad front matter: each case gives one exact message, with file, line and column."""

from __future__ import annotations

import pytest

from pipeline.content.loader import load_site
from tests.conftest import write

BASE = {
    "authors/jane-doe.md": "---\nname: Jane Doe\n---\n",
    "authors/sam-lee.md": "---\nname: Sam Lee\n---\n",
    "teams/data-platform.md": "---\nname: Data platform\ncadence: weekly\ndue: friday\nsince: 2026-01-09\nmembers: [sam-lee]\n---\n",
    "weeknotes/data-platform/2026-W47.md": "---\ndate: 2026-11-20\nauthors: [sam-lee]\nsummary: Done.\n---\n",
}
POST = "posts/p.md"

CASES = [
    ("broken YAML", POST, "---\ntitle: 'How we hire\ndate: 2026-11-27\n---\n",
     "posts/p.md:4:1: M004 front matter is not valid YAML: found unexpected end of stream "
     "(while scanning a quoted scalar that starts at line 2, column 8)"),
    ("tab in YAML", POST, "---\ntitle: How we hire\n\tdate: 2026-11-27\n---\n",
     "posts/p.md:3:1: M004 front matter is not valid YAML: found a tab character that violates indentation "
     "(while scanning a plain scalar that starts at line 2, column 8)"),
    ("missing title", POST, "---\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n---\n",
     "posts/p.md:1:1: M101 missing required field 'title': the title as text, at most 65 characters"),
    ("bad date", POST, "---\ntitle: How we hire\ndate: 27 November 2026\nauthors: [jane-doe]\nsummary: Hiring.\n---\n",
     "posts/p.md:3:7: M103 'date' must be an ISO 8601 date like 2026-11-27 or 2026-11-27 09:30; got '27 November 2026'"),
    ("impossible date", POST, "---\ntitle: How we hire\ndate: 2026-13-01\nauthors: [jane-doe]\nsummary: Hiring.\n---\n",
     "posts/p.md:3:7: M103 'date' must be an ISO 8601 date like 2026-11-27 or 2026-11-27 09:30; "
     "got '2026-13-01', which is not a real date or time"),
    ("week mismatch", "weeknotes/data-platform/2026-W48.md",
     "---\ndate: 2026-11-20\nauthors: [sam-lee]\nsummary: Done.\n---\n",
     "weeknotes/data-platform/2026-W48.md:2:7: M202 date 2026-11-20 is in 2026-W47, but the file name says 2026-W48: "
     "use a date from 2026-11-23 to 2026-11-29, or rename the file"),
    ("unknown author", POST, "---\ntitle: How we hire\ndate: 2026-11-27\nauthors: [jane-doe, sam-le]\nsummary: Hiring.\n---\n",
     "posts/p.md:4:21: M205 unknown author 'sam-le': add content/authors/sam-le.md, or did you mean 'sam-lee'?"),
    ("unknown team", "weeknotes/identity/2026-W48.md", "---\ndate: 2026-11-27\nauthors: [sam-lee]\nsummary: Done.\n---\n",
     "weeknotes/identity/2026-W48.md:1:1: M204 team 'identity' has no team file: add content/teams/identity.md"),
    ("duplicate week", "weeknotes/data-platform/2026-w47.md", "---\ndate: 2026-11-19\nauthors: [sam-lee]\nsummary: Again.\n---\n",
     "weeknotes/data-platform/2026-w47.md:1:1: M206 a second data-platform weeknote for 2026-W47; "
     "the first is weeknotes/data-platform/2026-W47.md"),
    ("duplicate key", POST, "---\ntitle: A\ndate: 2026-11-27\ntitle: B\n---\n",
     "posts/p.md:4:1: M006 duplicate key 'title' (first given on line 2)"),
    ("not UTF-8", POST, b"---\ntitle: Caf\xe9 opening\n---\n",
     "posts/p.md:2:11: M001 byte 0xE9 is not UTF-8; save the file as UTF-8"),
    ("UTF-16", POST, "---\ntitle: x\n---\n".encode("utf-16"),
     "posts/p.md:1:1: M001 file is UTF-16; save it as UTF-8"),
    ("front matter not closed", POST, "---\ntitle: How we hire\ndate: 2026-11-27\n",
     "posts/p.md:1:1: M003 front matter is not closed: add a line '---' after the last field"),
    ("empty file", POST, "",
     "posts/p.md:1:1: M002 file must start with front matter: a line '---', YAML fields, then '---'"),
    ("team member unknown", "teams/identity.md",
     "---\nname: Identity\ncadence: weekly\ndue: thursday\nsince: 2026-01-08\nmembers:\n  - sam-lee\n  - jane-dough\n---\n",
     "teams/identity.md:8:5: M205 unknown author 'jane-dough': add content/authors/jane-dough.md, or did you mean 'jane-doe'?"),
    ("bad cadence", "teams/identity.md",
     "---\nname: Identity\ncadence: daily\ndue: thursday\nsince: 2026-01-08\nmembers: [sam-lee]\n---\n",
     "teams/identity.md:3:10: M105 'cadence' must be weekly, fortnightly or monthly; got 'daily'"),
]


@pytest.mark.parametrize("name, path, text, message", CASES, ids=[c[0] for c in CASES])
def test_exact_message(name, path, text, message, tmp_path, monkeypatch):
    for relative, base_text in BASE.items():
        write(tmp_path / relative, base_text)
    write(tmp_path / path, text)
    monkeypatch.chdir(tmp_path)
    assert [str(f) for f in load_site(tmp_path).findings] == [message]


def test_every_problem_in_every_file_is_reported(tmp_path, monkeypatch):
    write(tmp_path / "authors/jane-doe.md", "---\nname: Jane Doe\n---\n")
    write(tmp_path / "posts/a.md", "---\ntitle: A\ndate: 2026-02-30\nauthors: [jane-doe]\nsummary: x\nstatus: done\n---\n")
    write(tmp_path / "posts/b.md", "---\ntitle: [B]\ndate: 2026-11-27\nauthors: [nobody]\n---\n")
    monkeypatch.chdir(tmp_path)
    codes = [(f.path, f.code) for f in load_site(tmp_path).findings]
    assert codes == [
        ("posts/a.md", "M103"), ("posts/a.md", "M105"),
        ("posts/b.md", "M101"), ("posts/b.md", "M102"),
    ]


def test_crlf_and_bom_are_read_like_plain_utf8(tmp_path, monkeypatch):
    write(tmp_path / "authors/jane-doe.md", "---\nname: Jane Doe\n---\n")
    text = "\ufeff---\r\ntitle: How we hire\r\ndate: 2026-11-27 09:30\r\nauthors: [jane-doe]\r\nsummary: Hiring.\r\n---\r\nBody.\r\n"
    write(tmp_path / "posts/p.md", text)
    monkeypatch.chdir(tmp_path)
    site = load_site(tmp_path)
    assert site.findings == []
    (note,) = site.notes
    assert note.title == "How we hire"
    assert note.date.isoformat() == "2026-11-27T09:30:00+00:00"
    assert note.body == "Body.\n"
    assert note.doc.body_line == 7


def test_a_related_post_that_does_not_exist_is_named(tmp_path, monkeypatch):
    write(tmp_path / "authors/jane-doe.md", "---\nname: Jane Doe\n---\n")
    write(tmp_path / "posts/a.md", "---\ntitle: Our roadmap\ndate: 2026-11-20\nauthors: [jane-doe]\nsummary: x\n---\n")
    write(tmp_path / "posts/b.md", "---\ntitle: Hiring\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: x\n"
                                   "related: [our-roadmap, our-roadmp, nothing-like-it]\n---\n")
    monkeypatch.chdir(tmp_path)
    assert [str(f) for f in load_site(tmp_path).findings] == [
        "posts/b.md:6:24: M208 no post has the slug 'our-roadmp' in 'related': did you mean 'our-roadmap'?",
        "posts/b.md:6:36: M208 no post has the slug 'nothing-like-it' in 'related': "
        "use the slug at the end of the post's web address",
    ]
