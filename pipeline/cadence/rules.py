"""The cadence rules (C codes): checks of content against the publishing rhythm.

These depend on the content and [tool.notes.cadence] only, never on today's
date, so `notes lint` and `notes build` give the same answer every day.
Where a team stands today (overdue, missed periods, the gap since the last
post) is the report's business: `notes cadence`.

Each rule's examples are single files added to `EXAMPLE_SITE`, checked with
the [tool.notes.cadence] table in the example's `config` (tests/test_cadence_rules.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from pipeline.cadence.options import CadenceOptions, Freeze
from pipeline.cadence.periods import long_date
from pipeline.cadence.posts import bunches
from pipeline.cadence.teams import Exemptions, Timeline, duplicates, late_notes, local_day
from pipeline.content.loader import SCHEMAS, Site
from pipeline.content.model import POST, WEEKNOTE, Note
from pipeline.content import rules as content_rules
from pipeline.findings import Example, Finding, Level, Rule

DOCS = "docs/cadence.md"
UNITS = {"weekly": "week", "fortnightly": "fortnight", "monthly": "month"}


@dataclass(frozen=True)
class CadenceExample(Example):
    """An example file, checked with this [tool.notes.cadence] table (TOML, without the header)."""

    config: str = ""


def _post(name: str, front_matter: str, config: str = "") -> CadenceExample:
    return CadenceExample(f"posts/{name}.md", f"---\n{front_matter}\n---\nWe changed how we hire.\n", config=config)


def _weeknote(path: str, front_matter: str, config: str = "") -> CadenceExample:
    return CadenceExample(f"weeknotes/{path}.md", f"---\n{front_matter}\n---\n## What went well\n\nThe move.\n", config=config)


# The metadata rules' example people and team, plus a fortnightly team and reviewed notes.
EXAMPLE_SITE = {
    **{path: text for path, text in content_rules.EXAMPLE_SITE.items() if path.startswith(("authors/", "teams/"))},
    "teams/publishing.md": (
        "---\nname: Publishing\ncadence: fortnightly\ndue: friday\nsince: 2026-11-02\nmembers: [jane-doe]\n---\n"
        "We run the publishing platform.\n"
    ),
    "posts/2026-11-20-roadmap.md": (
        "---\ntitle: Why we publish our roadmap\ndate: 2026-11-20 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\n"
        "summary: What we plan, in the open.\n---\nWe publish it every quarter.\n"
    ),
    "weeknotes/data-platform/2026-W47.md": (
        "---\ndate: 2026-11-20\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: We moved the reporting tables.\n---\n"
        "## What went well\n\nIt worked.\n"
    ),
    "weeknotes/publishing/2026-W45.md": (
        "---\ndate: 2026-11-06\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: We moved 200 pages.\n---\n"
        "## What went well\n\nThe move.\n"
    ),
}

FREEZE = 'freeze = [{from = 2027-04-01, to = 2027-05-07, reason = "pre-election period"}]'
POST_OK = _post("2026-11-24-hiring", "title: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: Hiring.")


def rule(code, name, summary, why, must_flag, must_pass, level=Level.ERROR) -> Rule:
    return Rule(code, name, level, summary, why, f"{DOCS}#{code.lower()}", tuple(must_flag), tuple(must_pass))


RULES = (
    rule("C101", "duplicate-period", "A team has more than one note in one of its periods.",
         "One note a period is the rhythm readers rely on; a second one splits the news and breaks the calendar.",
         [_weeknote("publishing/2026-W46", "date: 2026-11-13\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: More pages.")],
         [_weeknote("publishing/2026-W48", "date: 2026-11-27\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: More pages.")]),
    rule("C102", "publishing-freeze", "A note is dated inside a publishing freeze set in [tool.notes.cadence] freeze.",
         "During a freeze, such as a pre-election period, civil servants publish only what is essential and approved.",
         [_post("2027-04-14-hiring", "title: How we hire\ndate: 2027-04-14 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: Hiring.", FREEZE),
          _weeknote("data-platform/2027-W15", "date: 2027-04-16\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: Moved.", FREEZE)],
         [_post("2027-04-14-hiring", "title: How we hire\ndate: 2027-04-14 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\n"
                "summary: Hiring.\nfreeze_exempt: Agreed with the propriety team on 2 April", FREEZE),
          _post("2027-05-10-hiring", "title: How we hire\ndate: 2027-05-10 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: Hiring.", FREEZE)]),
    rule("C103", "late-note", "A weeknote is dated after its team's due day, plus [tool.notes.cadence] grace_days.",
         "Readers learn when to expect a team's note; a late one looks like a team that has gone quiet.",
         [_weeknote("data-platform/2026-W48", "date: 2026-11-28\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: Moved.")],
         [_weeknote("data-platform/2026-W48", "date: 2026-11-27\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: Moved."),
          _weeknote("data-platform/2026-W48", "date: 2026-11-28\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: Moved.",
                    "grace_days = 1")],
         level=Level.WARNING),
    rule("C104", "review-missing", "A note has no 'reviewed_by' while [tool.notes.cadence] require_review is true.",
         "A second pair of eyes catches what the writer cannot see, before the public does.",
         [_post("2026-11-24-hiring", "title: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: Hiring.",
                "require_review = true")],
         [_post("2026-11-24-hiring", "title: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\n"
                "summary: Hiring.", "require_review = true")]),
    rule("C105", "invalid-reviewer", "A note's 'reviewed_by' names one of its authors, or nobody in content/authors/.",
         "A review by the writer is no review, and a reviewer must be someone readers and the team can find.",
         [_post("2026-11-24-hiring", "title: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nreviewed_by: jane-doe\nsummary: Hiring."),
          _post("2026-11-24-hiring", "title: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nreviewed_by: sam-le\nsummary: Hiring.")],
         [POST_OK]),
    rule("C106", "bunched-posts", "More than one post is dated on the same day.",
         "GDS publishes at most one post a day, so that each one gets its day of attention.",
         [_post("2026-11-20-hiring", "title: How we hire\ndate: 2026-11-20 14:00\nauthors: [jane-doe]\nreviewed_by: sam-lee\nsummary: Hiring.")],
         [POST_OK],
         level=Level.WARNING),
)


def front_matter(note: Note, name: str):
    """An optional field the Note does not carry, read through the schema (the loader has checked it)."""
    raw = note.doc.meta.get(name)
    spec = SCHEMAS[note.kind].get(name)
    return spec.convert(raw) if raw is not None and spec is not None else None


def check(site: Site, options: CadenceOptions) -> list[Finding]:
    """Every cadence finding about the site's published notes (scheduled ones included, drafts not)."""
    notes = [n for n in site.published if n.kind in (POST, WEEKNOTE) and n.date is not None]
    exemptions = Exemptions.site_wide(options)
    findings = []
    for note in notes:
        day = local_day(note, site.timezone)
        findings += _freeze(note, day, exemptions.freeze_on(day))
        findings += _review(note, site, options)

    by_team: dict[str, list[Note]] = {slug: [] for slug in site.teams}
    for note in notes:
        if note.kind == WEEKNOTE and note.team in by_team:
            by_team[note.team].append(note)
    for slug, weeknotes in by_team.items():
        timeline = Timeline(site.teams[slug], weeknotes, site.timezone, exemptions, options.grace_days)
        findings += _duplicates(timeline)
        findings += _late(timeline)

    posts = [(local_day(n, site.timezone), n) for n in notes if n.kind == POST]
    for bunch in bunches(posts, options.freeze):
        first = bunch.notes[0]
        for note, day in zip(bunch.notes[1:], bunch.suggested):
            line, col = note.doc.where("date")
            findings.append(Finding(
                note.source, line, col, "C106",
                f"a second post on {long_date(bunch.day)}, after {first.source}: "
                f"move it to {long_date(day)}, the next free working day",
                Level.WARNING,
            ))
    return findings


def _freeze(note: Note, day: date, freeze: Freeze | None) -> list[Finding]:
    if freeze is None or (front_matter(note, "freeze_exempt") or "").strip():
        return []
    line, col = note.doc.where("date")
    return [Finding(
        note.source, line, col, "C102",
        f"dated {day}, inside {freeze.describe()}: date it after {freeze.end}, "
        "or add freeze_exempt: \"<why it must go out now>\"",
    )]


def _review(note: Note, site: Site, options: CadenceOptions) -> list[Finding]:
    reviewer = front_matter(note, "reviewed_by")
    if reviewer is None:
        if not options.require_review:
            return []
        return [Finding(note.source, 1, 1, "C104",
                        "no 'reviewed_by': [tool.notes.cadence] require_review is true, so add "
                        "reviewed_by: <the slug of the person who reviewed it>")]
    line, col = note.doc.where("reviewed_by")
    if reviewer in note.authors:
        return [Finding(note.source, line, col, "C105",
                        f"'{reviewer}' is an author of this note; reviewed_by must name someone else")]
    if reviewer not in site.authors:
        close = difflib.get_close_matches(reviewer, list(site.authors), n=1)
        hint = f", or did you mean '{close[0]}'?" if close else ""
        return [Finding(note.source, line, col, "C105",
                        f"unknown reviewer '{reviewer}': add content/authors/{reviewer}.md{hint}")]
    return []


def _duplicates(timeline: Timeline) -> list[Finding]:
    findings = []
    unit = UNITS[timeline.team.cadence]
    for duplicate in duplicates(timeline):
        first = duplicate.notes[0]
        for note in duplicate.notes[1:]:
            if note.week == first.week:
                continue  # two files for one week: M206 reports it
            line, col = note.doc.where("date")
            findings.append(Finding(
                note.source, line, col, "C101",
                f"a second {timeline.team.slug} note in {duplicate.period.in_sentence} ({duplicate.period.days}); "
                f"the first is {first.source}: a {timeline.team.cadence} team publishes one note a {unit}, "
                "so merge the two",
            ))
    return findings


def _late(timeline: Timeline) -> list[Finding]:
    findings = []
    grace = timeline.grace_days
    for late in late_notes(timeline):
        line, col = late.note.doc.where("date")
        allowance = f" and {grace} {'day' if grace == 1 else 'days'}{chr(39)}{'s' if grace == 1 else ''} grace" if grace else ""
        findings.append(Finding(
            late.note.source, line, col, "C103",
            f"published on {long_date(late.day)}, {late.days_late} day{'' if late.days_late == 1 else 's'} after "
            f"it was due on {long_date(late.period.due)}{allowance}: publish by the due day, "
            f"or change 'due' in content/teams/{timeline.team.slug}.md if {late.period.due:%A} no longer fits",
            Level.WARNING,
        ))
    return findings
