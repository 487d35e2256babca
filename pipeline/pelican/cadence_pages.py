"""The /cadence/ page, and the calendar, streak and next due date on each team page.

How much of it the public site shows is NOTES_PUBLIC_CADENCE: `full` (the
default: late and missed periods, streaks, what is overdue), `published`
(which periods have a note, and nothing about those without) or `off` (no
cadence page, and no calendar on team pages). `notes cadence` tells the comms
team everything, whatever the site shows.

The build's "today" is the one every date-dependent part uses
(pipeline/clock.py): tests and golden files pin it with NOTES_TODAY so that
a build is the same on every day. Calendar cells link only to notes
Pelican publishes, so a scheduled note is never linked before its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pelican.generators import Generator

from pipeline import clock
from pipeline.cadence import calendar
from pipeline.cadence.calendar import FULL, OFF, PUBLIC_CADENCE, Calendar, build_calendar, shared_axis
from pipeline.cadence.options import CadenceOptions
from pipeline.cadence.periods import long_date
from pipeline.cadence.posts import Bunch
from pipeline.cadence.report import Report, build_report
from pipeline.cadence.teams import TeamReport
from pipeline.content.loader import Site
from pipeline.errors import ConfigError
from pipeline.site_settings import DEFAULTS


@dataclass(frozen=True)
class TeamCadence:
    """A team's rhythm as its page shows it."""

    report: TeamReport
    calendar: Calendar  # from the team's own first period, for its page
    aligned: Calendar  # on the axis every team shares, for /cadence/
    state: str
    streak: str
    next_due: str
    now: str  # "This week: due on Friday 11 December 2026", for the home page; "" unless the site shows it all


@dataclass(frozen=True)
class CadencePage:
    today: date
    report: Report
    teams: dict[str, TeamCadence]  # by slug
    by_name: tuple[TeamCadence, ...]
    last_post_url: str | None
    bunched: tuple[Bunch, ...]  # days up to today with more than one post
    url: str
    save_as: str
    shows: str  # NOTES_PUBLIC_CADENCE: "full" or "published" ("off" makes no page)

    @property
    def full(self) -> bool:
        return self.shows == FULL

    @property
    def today_text(self) -> str:
        return long_date(self.today)


def public_cadence(settings: dict) -> str:
    """NOTES_PUBLIC_CADENCE, checked: a wrong value is reported, never taken for the default."""
    shows = settings.get("NOTES_PUBLIC_CADENCE", DEFAULTS["NOTES_PUBLIC_CADENCE"])  # a plain `pelican` run checks here
    if shows not in PUBLIC_CADENCE:
        raise ConfigError(f"NOTES_PUBLIC_CADENCE in the settings file must be 'full', 'published' or 'off' "
                          f"(how much of each team's cadence the site shows); got {shows!r}")
    return shows


def build_today(settings: dict, site: Site) -> date:
    """The build's one today (pipeline/clock.py): NOTES_TODAY, which `notes build` always sets, else the clock."""
    return clock.resolve(settings, site.timezone).day


class CadenceGenerator(Generator):
    def generate_context(self):
        shows = public_cadence(self.settings)
        if shows == OFF:
            self.context["cadence"] = None
            return
        site: Site = self.settings["NOTES_SITE"]
        options = CadenceOptions.from_config(self.settings["NOTES_CONFIG"].section("cadence"))
        today = build_today(self.settings, site)
        report = build_report(site.notes, site.teams.values(), today, options, site.timezone)

        # Only notes Pelican publishes have pages: drafts and scheduled notes get no link.
        urls = {a.source_path: a.url for a in self.context.get("articles", [])}

        def url_for(note):
            return urls.get(str(note.path))  # Pelican's source paths are the loader's absolute paths

        # One axis for every team, so that calendars line up on the cadence page.
        axis = shared_axis(report.teams) if report.teams else None
        teams = {
            r.team.slug: TeamCadence(
                report=r,
                calendar=build_calendar(r, url_for, shows=shows),
                aligned=build_calendar(r, url_for, axis, shows),
                state=calendar.state_text(r),
                streak=calendar.streak_text(r),
                next_due=calendar.next_due_text(r),
                now=calendar.this_period_text(r) if shows == FULL else "",
            )
            for r in report.teams
        }
        posts = report.posts
        self.context["cadence"] = CadencePage(
            today=today,
            report=report,
            teams=teams,
            by_name=tuple(sorted(teams.values(), key=lambda t: (t.report.team.name.casefold(), t.report.team.slug))),
            last_post_url=url_for(posts.last) if posts.last else None,
            bunched=tuple(b for b in posts.bunched if b.day <= today),
            url=self.settings["CADENCE_URL"],
            save_as=self.settings["CADENCE_SAVE_AS"],
            shows=shows,
        )

    def generate_output(self, writer):
        page: CadencePage | None = self.context["cadence"]
        if page is None or not page.save_as:
            return
        writer.write_file(
            page.save_as, self.get_template("cadence"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name="cadence", url=page.url,
        )


def get_generators(pelican):
    """For signals.get_generators."""
    return CadenceGenerator
