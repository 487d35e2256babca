"""The metadata rules (M codes): what the loader checks in every file's front matter.

Every rule carries must-flag and must-pass examples. Each example is one file,
added to the small site in `EXAMPLE_SITE`, so examples can refer to its
authors (jane-doe, sam-lee), its team (data-platform) and its notes.
"""

from __future__ import annotations

from pipeline.findings import Example, Level, Rule

DOCS = "docs/content.md"
UNREADABLE = ("M001",)  # the input could not be read at all: `notes lint` exits 2, not 1

EXAMPLE_SITE = {
    "authors/jane-doe.md": "---\nname: Jane Doe\nrole: Chief Digital Officer\n---\nJane leads digital work.\n",
    "authors/sam-lee.md": "---\nname: Sam Lee\nrole: Lead developer\n---\nSam runs the data platform.\n",
    "teams/data-platform.md": (
        "---\nname: Data platform\ncadence: weekly\ndue: friday\nsince: 2026-11-02\nmembers: [sam-lee]\n---\n"
        "We run the shared data platform.\n"
    ),
    "posts/2026-11-20-roadmap.md": (
        "---\ntitle: Why we publish our roadmap\ndate: 2026-11-20 09:00\nauthors: [jane-doe]\n"
        "summary: What we plan, in the open.\n---\nWe publish it every quarter.\n"
    ),
    "weeknotes/data-platform/2026-W47.md": (
        "---\ndate: 2026-11-20\nauthors: [sam-lee]\nsummary: We moved the reporting tables.\n---\n## What went well\n\nIt worked.\n"
    ),
    "images/sam-lee.jpg": "\udcff\udcd8\udcff\udce0 a JPEG of Sam: its first bytes are all that is checked",
}

POST_OK = Example(
    "posts/2026-11-27-hiring.md",
    "---\ntitle: How we hire developers\ndate: 2026-11-27 09:00\nauthors: [jane-doe]\n"
    "summary: Our hiring process, step by step.\n---\nWe changed how we hire.\n",
)
WEEKNOTE_OK = Example(
    "weeknotes/data-platform/2026-W48.md",
    "---\ndate: 2026-11-27\nauthors: [sam-lee]\nsummary: Archive tables moved.\n---\n## What went well\n\nThe move.\n",
)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>\n'


def _post(front_matter: str, path: str = "posts/2026-11-27-hiring.md") -> Example:
    return Example(path, f"---\n{front_matter}\n---\nWe changed how we hire.\n")


def _weeknote(front_matter: str, path: str = "weeknotes/data-platform/2026-W48.md") -> Example:
    return Example(path, f"---\n{front_matter}\n---\n## What went well\n\nThe move.\n")


def rule(code, name, summary, why, must_flag, must_pass=(POST_OK,), level=Level.ERROR) -> Rule:
    return Rule(code, name, level, summary, why, f"{DOCS}#{code.lower()}", tuple(must_flag), tuple(must_pass))


RULES = (
    rule("M001", "unreadable-file", "The file cannot be read as UTF-8 text.",
         "Every tool in the pipeline reads UTF-8; other encodings turn letters into nonsense on the site.",
         [Example("posts/latin1.md", "---\ntitle: Caf\udce9\n---\n"), Example("posts/nul.md", "---\x00\n")]),
    rule("M002", "no-front-matter", "The file does not start with front matter between '---' lines.",
         "Without front matter a note has no title, date or authors.",
         [Example("posts/no-fm.md", "# How we hire\n\nWe changed how we hire.\n")]),
    rule("M003", "front-matter-not-closed", "The front matter has no closing '---' line.",
         "Without the closing line the whole note is read as front matter.",
         [Example("posts/open.md", "---\ntitle: How we hire\n")]),
    rule("M004", "invalid-yaml", "The front matter is not valid YAML, or uses YAML that front matter does not allow.",
         "A YAML mistake (a tab, an unclosed quote or bracket) makes every field unreadable; aliases can make a "
         "few lines expand to gigabytes, and tags like !!timestamp make values no field expects.",
         [_post("title: How we hire\nauthors: [jane-doe\nsummary: x"), _post("title: How we hire\n\tdate: 2026-11-27"),
          _post("title: &title How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: *title"),
          _post("title: How we hire\ndate: !!timestamp 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.")]),
    rule("M005", "front-matter-not-fields", "The front matter is not a set of 'name: value' fields.",
         "A list or a single value cannot say which field is which.",
         [_post("- How we hire\n- 2026-11-27")]),
    rule("M006", "duplicate-field", "A field is given twice.",
         "Only one of the two values could be used, and nobody could tell which one the writer meant.",
         [_post("title: How we hire\ntitle: How we hire developers\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.")]),
    rule("M101", "missing-field", "A required field is missing or empty.",
         "Titles, dates, authors and summaries are shown on every listing and feed.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]"),
          _post("title: ''\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.")]),
    rule("M102", "wrong-type", "A field has the wrong kind of value, such as a list where text belongs.",
         "The site and feeds cannot show a value of the wrong kind.",
         [_post("title: [How, we, hire]\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring."),
          _post("title: yes\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.")]),
    rule("M103", "invalid-date", "A date is not an ISO 8601 date, or not a real one.",
         "Dates order the site, place weeknotes in their week and schedule posts.",
         [_post("title: How we hire\ndate: 27/11/2026\nauthors: [jane-doe]\nsummary: Hiring."),
          _post("title: How we hire\ndate: 2026-02-30\nauthors: [jane-doe]\nsummary: Hiring."),
          _post("title: How we hire\ndate: 0001-01-01 00:00+01:00\nauthors: [jane-doe]\nsummary: Hiring."),
          _post("title: How we hire\ndate: 11-27\nauthors: [jane-doe]\nsummary: Hiring.")]),
    rule("M104", "unknown-field", "A field that notes does not know, often a misspelling.",
         "A misspelt field is silently ignored: 'autors' leaves the note without authors.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\nautor: jane-doe")],
         level=Level.WARNING),
    rule("M105", "value-not-allowed", "A field has a value outside the ones it allows.",
         "Only known values (draft or published, weekly or monthly) mean something to the pipeline.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\nstatus: finished"),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [Jane Doe]\nsummary: Hiring."),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "aliases: [https://old.example.gov.uk/how-we-hire/]")]),
    rule("M201", "misplaced-file", "A file is not where its kind of content belongs, or is badly named.",
         "The folder says what a file is; a weeknote's file name says which week it covers.",
         [Example("drafts/idea.md", POST_OK.text),
          _weeknote("date: 2026-11-27\nauthors: [sam-lee]\nsummary: Moved.", "weeknotes/data-platform/week-48.md"),
          _weeknote("date: 2026-11-27\nauthors: [sam-lee]\nsummary: Moved.", "weeknotes/data-platform/2026-W54.md")],
         [POST_OK, WEEKNOTE_OK]),
    rule("M202", "week-mismatch", "A weeknote's date is not in the ISO week its file name gives.",
         "The file name places the note in the team's calendar; the date must agree with it.",
         [_weeknote("date: 2026-11-30\nauthors: [sam-lee]\nsummary: Moved.")], [WEEKNOTE_OK]),
    rule("M203", "team-mismatch", "A weeknote's 'team' field names a team other than its folder.",
         "The folder decides the team; a different 'team' field is a copy-and-paste slip.",
         [_weeknote("date: 2026-11-27\nauthors: [sam-lee]\nsummary: Moved.\nteam: identity")], [WEEKNOTE_OK]),
    rule("M204", "unknown-team", "A weeknote's folder has no team file in content/teams/.",
         "Each team needs a name, a cadence and members before its notes can be published.",
         [_weeknote("date: 2026-11-27\nauthors: [sam-lee]\nsummary: Moved.", "weeknotes/data-platfrom/2026-W48.md")],
         [WEEKNOTE_OK]),
    rule("M205", "unknown-author", "An author or team member has no file in content/authors/.",
         "Every byline links to the author's page, with their name and role.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-do]\nsummary: Hiring.")]),
    rule("M206", "duplicate-week", "A team has two weeknotes for the same week.",
         "One week, one note: two would fight over the same web address.",
         [_weeknote("date: 2026-11-20\nauthors: [sam-lee]\nsummary: Moved.", "weeknotes/data-platform/2026-w47.md")],
         [WEEKNOTE_OK]),
    rule("M208", "unknown-related-post", "A post's 'related' list names a slug that no post has.",
         "Related posts are picked by slug; a mistyped one would silently leave the link out.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "related: [why-we-publish-our-roadmp]")],
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "related: [why-we-publish-our-roadmap]")]),
    rule("M207", "duplicate-slug", "Two posts have the same slug.",
         "The slug names a post in its web address; two posts must not share one.",
         [_post("title: Why we publish our roadmap\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Again.")]),
    rule("M209", "alias-collision", "An alias is the address of a page the site writes, or another note's alias.",
         "A redirect written there would replace a real page, or send one old address to two notes.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "aliases: [/2026/11/20/why-we-publish-our-roadmap/]"),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\naliases: [/tags/]"),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\naliases: [/robots.txt]"),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "aliases: [/2019/05/hiring/, /2019/05/hiring]")],
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\n"
                "aliases: [/2019/05/how-we-hire/, /how-we-hire.html]")]),
    rule("M210", "missing-photo", "An author's photo is not a file in content/.",
         "The author page and bylines would show a broken picture.",
         [Example("authors/priya-patel.md",
                  "---\nname: Priya Patel\nphoto: {file: images/priya-patel.jpg, alt: Priya at her desk}\n---\nPriya.\n")],
         [Example("authors/priya-patel.md",
                  "---\nname: Priya Patel\nphoto: {file: images/sam-lee.jpg, alt: Sam and Priya at a desk}\n---\nPriya.\n"),
          Example("authors/priya-patel.md", "---\nname: Priya Patel\n---\nPriya.\n")]),
    rule("M211", "unsupported-file", "A file in content/ that the site does not publish: not a note, or not an "
         "allowed type in a static folder.",
         "Pages in other formats would skip every check, files the site cannot serve safely (HTML, programs) "
         "would run from its address, and a file that is silently left out is a surprise on the day it is missed.",
         [Example("posts/hiring.MD", POST_OK.text),
          Example("pages/about.rst", "About\n=====\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"),
          Example("images/page.html", "<p>Our map</p><script>alert(1)</script>\n"),
          Example("images/setup.exe", "MZ\udc90\0\3\0"),
          Example("images/chart.png", "<html><script>alert(1)</script></html>\n")],
         [POST_OK, Example("images/chart.png", "\udc89PNG\r\n\x1a\n\0\0\0\rIHDR"),
          Example("images/visits.csv", "month,visits\n2026-11,1200\n")]),
    rule("M212", "unsafe-svg", "An SVG image with script, event handlers, HTML or references to other files.",
         "Opened on its own, an SVG runs its script with the site's address, as a page would; a reference to "
         "another site can track readers or change later.",
         [Example("images/chart.svg", SVG.format('<circle r="4" onload="alert(1)"/>')),
          Example("images/map.svg", SVG.format('<script>alert(1)</script>')),
          Example("images/logo.svg", SVG.format('<image href="https://tracker.example/pixel.png"/>')),
          Example("images/bomb.svg", '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n' + SVG.format("&a;"))],
         [POST_OK, Example("images/chart.svg", SVG.format('<defs><circle id="dot" r="4"/></defs><use href="#dot"/>'))]),
    rule("M213", "page-address-taken", "A page's slug is a folder the site writes itself, or another page's.",
         "The page would replace the site's own page there (the tag list, the search page), or one page would "
         "replace the other.",
         [Example("pages/search.md", "---\ntitle: Search\n---\nHow to find a note.\n"),
          Example("pages/our-tags.md", "---\ntitle: Our tags\nslug: tags\n---\nWhat each tag means.\n")],
         [POST_OK, Example("pages/about.md", "---\ntitle: About this blog\n---\nWho writes here.\n")]),
    rule("M214", "name-too-long", "A slug, tag or alias makes a file name longer than a file system allows.",
         "Most file systems take names of at most 255 bytes, and S3 keys of at most 1,024: the build would fail "
         "to write the page, or the upload to store it.",
         [_post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\nslug: " + "hiring-" * 40
                + "us"),
          _post("title: How we hire\ndate: 2026-11-27\nauthors: [jane-doe]\nsummary: Hiring.\ntags: [" + "x" * 250 + "]")]),
)
