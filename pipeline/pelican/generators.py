"""Pages for teams and authors: every one in content/, with or without notes.

Pelican writes author pages only for authors who have articles, and knows
nothing of teams, so this generator writes both, with the same writer and
templates as the rest of the site.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pelican.generators import Generator

from pipeline.content.loader import Site
from pipeline.content.model import WEEKNOTE, Author, Photo, Team
from pipeline.pelican.markup import Renderer, renderer_for

WEEKDAY_NAMES = {
    "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
    "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
}


@dataclass(frozen=True)
class Profile:
    """An author as templates see them."""

    slug: str
    name: str
    role: str
    bio: str
    url: str
    save_as: str
    photo: Photo | None = None  # its file is served at the same path as in content/: {{ SITEURL }}/{{ photo.file }}


@dataclass(frozen=True)
class TeamPage:
    """A team as templates see it."""

    slug: str
    name: str
    cadence: str
    due: str
    members: tuple[Profile, ...]
    description: str
    url: str
    save_as: str

    @property
    def due_day(self) -> str:
        return WEEKDAY_NAMES[self.due]


class ProfilesGenerator(Generator):
    def generate_context(self):
        site: Site = self.settings["NOTES_SITE"]
        renderer = renderer_for(self.settings)
        profiles = {
            author.slug: self._profile(author, renderer)
            for author in sorted(site.authors.values(), key=lambda a: a.name)
        }
        teams = {
            team.slug: self._team(team, profiles, renderer)
            for team in sorted(site.teams.values(), key=lambda t: t.name)
        }
        self.context["profiles"] = profiles
        self.context["teams"] = teams

    def _profile(self, author: Author, renderer: Renderer) -> Profile:
        return Profile(
            slug=author.slug,
            name=author.name,
            role=author.role,
            bio=renderer.block(author.bio),
            url=self.settings["AUTHOR_URL"].format(slug=author.slug),
            save_as=self.settings["PROFILE_SAVE_AS"].format(slug=author.slug),
            photo=author.photo,
        )

    def _team(self, team: Team, profiles: dict[str, Profile], renderer: Renderer) -> TeamPage:
        return TeamPage(
            slug=team.slug,
            name=team.name,
            cadence=team.cadence,
            due=team.due,
            members=tuple(profiles[m] for m in team.members if m in profiles),
            description=renderer.block(team.description),
            url=self.settings["TEAM_URL"].format(slug=team.slug),
            save_as=self.settings["TEAM_SAVE_AS"].format(slug=team.slug),
        )

    def generate_output(self, writer):
        articles = self.context.get("articles", [])
        write = lambda save_as, template, **kwargs: writer.write_file(  # noqa: E731
            save_as, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name=template, **kwargs,
        )
        by_team, by_author = defaultdict(list), defaultdict(list)  # one pass, not one per team and author
        for article in articles:
            if article.kind == WEEKNOTE:
                by_team[article.team].append(article)
            for slug in dict.fromkeys(author.slug for author in article.authors):
                by_author[slug].append(article)
        for team in self.context["teams"].values():
            write(team.save_as, "team", team=team, articles=by_team[team.slug], url=team.url)
        for profile in self.context["profiles"].values():
            write(profile.save_as, "author", profile=profile, articles=by_author[profile.slug], url=profile.url)
        write(self.settings["TEAMS_SAVE_AS"], "teams", url=self.settings["TEAMS_URL"])
        write(self.settings["AUTHORS_SAVE_AS"], "authors", url=self.settings["AUTHORS_URL"])
