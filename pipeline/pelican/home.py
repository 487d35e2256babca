"""The home page: the latest posts, paged as the GDS blog pages its lists, beside each team's latest weeknote.

Pelican's own home page (the `index` direct template) pages every article,
posts and weeknotes together. This one pages the posts alone, so the plugin
takes `index` out of DIRECT_TEMPLATES and writes the home page here, with
Pelican's writer and paginator: PAGINATED_TEMPLATES["index"] posts to a page,
at the addresses PAGINATION_PATTERNS gives (`page/2/`). A featured post
(`featured: true`, the newest if several) stands above the list on the first
page and is left out of the list, so that it is not shown twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from pelican.generators import Generator

from pipeline.content.model import POST, WEEKNOTE


@dataclass(frozen=True)
class TeamLatest:
    """A team in the home page's weeknotes column."""

    team: object  # generators.TeamPage
    note: object | None  # Pelican's article: the team's newest published weeknote, if any
    rhythm: object | None  # cadence_pages.TeamCadence: where the team stands now, if the site shows cadence


@dataclass(frozen=True)
class Home:
    featured: object | None  # Pelican's article
    posts: list  # newest first, without the featured post
    teams: tuple[TeamLatest, ...]  # by name


def home_of(context: dict) -> Home:
    articles = context.get("articles", [])  # Pelican's published articles, newest first
    posts = [article for article in articles if article.kind == POST]
    featured = next((post for post in posts if getattr(post, "featured", False)), None)
    latest: dict[str, object] = {}
    for article in articles:
        if article.kind == WEEKNOTE:
            latest.setdefault(article.team, article)
    cadence = context.get("cadence")
    teams = tuple(
        TeamLatest(team, latest.get(slug), cadence.teams.get(slug) if cadence else None)
        for slug, team in context.get("teams", {}).items()
    )
    return Home(featured, [post for post in posts if post is not featured], teams)


class HomeGenerator(Generator):
    def generate_context(self):
        self.context["home"] = home_of(self.context)

    def generate_output(self, writer):
        save_as = self.settings.get("INDEX_SAVE_AS", "index.html")
        if not save_as:
            return
        home: Home = self.context["home"]
        writer.write_file(
            save_as, self.get_template("index"), self.context, relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"posts": home.posts} if home.posts else {}, template_name="index", url="",
            posts=home.posts,
        )


def without_pelicans_home(settings: dict) -> None:
    """Pelican's `index` direct template would write the same file: this module writes the home page."""
    settings["DIRECT_TEMPLATES"] = [name for name in settings["DIRECT_TEMPLATES"] if name != "index"]


def get_generators(pelican):
    """For signals.get_generators."""
    return HomeGenerator
