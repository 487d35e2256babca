"""A fixture site for search, pagination and calendars: 117 notes over five quarters, with words planted where
the tests look for them.

Three teams (weekly since November 2025, fortnightly, monthly) and 28 posts.
The prose is made of a few sentences, so that which note holds which word is
known exactly (`Note.words`), and the words searched for are planted: one in
a single old note, some in many notes of every quarter, some only in titles,
summaries, tags or bylines, and bait for Pagefind's prefix matching ("road"
beside "roadmap", "we" beside "Welsh", "applications" beside "apple",
"councillor" beside "council").
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 29)  # Sunday of week 48
AUTHORS = {
    "ada-featherstone": "Ada Featherstone",  # a surname only in bylines: search must not find it
    "ben-osei": "Ben Osei",
    "cara-lind": "Cara Lind",
}
TEAMS = {  # slug: (name, cadence, due, since)
    "data-platform": ("Data platform", "weekly", "friday", date(2025, 11, 3)),
    "identity": ("Identity", "fortnightly", "thursday", date(2026, 2, 2)),
    "research": ("User research", "monthly", "friday", date(2026, 1, 5)),
}
FILLER = [
    "The team met on Tuesday to plan the next piece of work.",
    "We tested the new form with staff from the contact centre.",
    "Residents told us the page was hard to find, so we changed it.",
    "We fixed small problems and wrote down what we learned.",
    "Next week we will share the findings with other teams.",
    "The supplier sent the files late, which held up our testing.",
    "We went on the road to visit two libraries and the depot.",
    "Caseworkers asked for clearer messages when a session ends.",
    "We reviewed the applications from residents.",
    "The changes were applied on Friday without any downtime.",
    "A councillor visited the team and asked good questions.",
]
PLANTED = {
    "welsh": "We checked the Welsh language version of the page.",
    "welsh-guidance": "We read the Welsh guidance again.",
    "roadmap": "We updated the roadmap for next year.",
    "migration": "The data migration ran overnight.",
    "migrations": "Two migrations are left to run.",
    "council": "The council asked for a weekly update.",
    "councils": "Three councils joined the pilot.",
    "payments": "We fixed the payments page.",
    "harpsichord": "Someone played the harpsichord at the leaving party.",
}
POST_TITLES = ["How we plan our work", "What we learned from testing", "Why we talk to residents",
               "How we choose suppliers", "What changed this month", "How we run a pilot", "Why we share findings"]


@dataclass
class Note:
    path: str  # relative to content/
    url: str  # the page's path on the site
    title: str
    summary: str
    body: str
    front: str  # front matter lines
    kind: str
    day: date

    @property
    def words(self) -> set[str]:
        """Every word of what the note says (title, summary, text), lowercased."""
        return set(re.findall(r"[a-z]+", f"{self.title} {self.summary} {self.body}".lower()))

    @property
    def text(self) -> str:
        return " ".join(f"{self.title} {self.summary} {self.body}".lower().split())


def _periods(cadence: str, since: date):
    """The day each note of a team is published, from `since` to TODAY."""
    day = since
    while day <= TODAY:
        if cadence == "monthly":
            yield day.replace(day=20)
            day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        else:
            yield day + timedelta(days=3)  # Thursday
            day += timedelta(weeks=2 if cadence == "fortnightly" else 1)


def notes(seed: int = 18) -> list[Note]:
    rng = random.Random(seed)
    made: list[Note] = []
    for team, (name, cadence, _, since) in TEAMS.items():
        for day in _periods(cadence, since):
            if day > TODAY:
                break
            year, week, _ = day.isocalendar()
            made.append(Note(
                path=f"weeknotes/{team}/{year}-W{week:02d}.md", url=f"/weeknotes/{team}/{year}-w{week:02d}/",
                title=f"{name} weeknote: week {week}, {year}", summary="What the team did this week.", body="",
                front=f"date: {day}\nauthors: [{rng.choice(list(AUTHORS))}]\n", kind="weeknote", day=day))
    for number in range(28):
        day = TODAY - timedelta(days=5 + number * 12)
        title = f"{POST_TITLES[number % len(POST_TITLES)]}, part {number + 1}"
        slug = f"post-{number + 1}"
        made.append(Note(
            path=f"posts/{day}-{slug}.md", url=f"/{day:%Y/%m/%d}/{slug}/", title=title,
            summary="A post about our work.", body="",
            front=f"title: {title}\ndate: {day} 09:00\nslug: {slug}\nauthors: [{rng.choice(list(AUTHORS))}]\n",
            kind="post", day=day))
    made.sort(key=lambda note: (note.day, note.path))
    for note in made:
        note.body = " ".join(rng.sample(FILLER, 4))
    _plant(made, rng)
    return made


def _plant(made: list[Note], rng: random.Random) -> None:
    """Put the searched-for words where the tests expect them, spread over the quarters."""
    def add(note: Note, key: str) -> None:
        note.body += " " + PLANTED[key]

    add(made[2], "harpsichord")  # one note of November 2025, the oldest quarter
    for index in range(5, len(made), 15):
        add(made[index], "welsh")
    add(made[40], "welsh-guidance")
    for index in range(8, len(made), 21):
        add(made[index], "roadmap")
    for index in range(1, len(made), 3):
        add(made[index], "migration" if index % 2 else "migrations")
    for index in range(4, len(made), 7):
        add(made[index], "council" if index % 2 else "councils")
    for index in (12, 35, 61, 88):
        add(made[index], "payments")
    for index in (20, 65):  # both Welsh and council
        add(made[index], "welsh")
        add(made[index], "council")
    # Words only in a title, only in a summary, only in a tag: the first two are what a note says.
    posts = [note for note in made if note.kind == "post"]
    for number, note in enumerate(posts[3:5], 1):
        note.title = f"A new timetable for the bin rounds, part {number}"
        note.front = re.sub(r"title: .*", f"title: {note.title}", note.front)
    for note in made[30:33]:
        note.summary = "Our quarterly look back."
    for note in made[50:54]:
        note.front += "tags: [procurement]\n"


def write_site(content: Path) -> list[Note]:
    """The notes, teams and authors in `content` (a site folder's content/); the notes written."""
    made = notes()
    for slug, name in AUTHORS.items():
        _write(content / "authors" / f"{slug}.md", f"---\nname: {name}\nrole: Civil servant\n---\n{name.split()[0]} writes here.\n")
    for slug, (name, cadence, due, since) in TEAMS.items():
        _write(content / "teams" / f"{slug}.md",
               f"---\nname: {name}\ncadence: {cadence}\ndue: {due}\nsince: {since}\nmembers: [{', '.join(AUTHORS)}]\n---\n"
               f"The {name.lower()} team.\n")
    for note in made:
        _write(content / note.path, f"---\n{note.front}summary: {note.summary}\n---\n{note.body}\n")
    return made


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
