"""Pages every public blog needs besides its notes: search, 404, accessibility
statement, and the files crawlers read, sitemap.xml and robots.txt.

The HTML pages come from theme templates, like every other page. The sitemap
lists every page Pelican and our generators write, with absolute addresses
(SITEURL, or FEED_DOMAIN in a development build where SITEURL is empty), and
is written with ElementTree so that it is always well-formed XML.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from pelican.generators import Generator
from pelican.paginator import Paginator

from pipeline import search
from pipeline.errors import ConfigError

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

# (template, URL setting, SAVE_AS setting) of the pages written from a template alone.
TEMPLATE_PAGES = (
    ("search", "SEARCH_URL", "SEARCH_SAVE_AS"),
    ("accessibility", "ACCESSIBILITY_URL", "ACCESSIBILITY_SAVE_AS"),
)


def site_address(settings: dict) -> str:
    """The absolute address of the site's root, without a trailing slash."""
    return (settings.get("SITEURL") or settings.get("FEED_DOMAIN") or "").rstrip("/")


def in_sentence(site_name: str) -> str:
    """'the Department for Local Services blog': a site's name as the middle of a sentence says it."""
    return site_name if site_name.lower().startswith("the ") else f"the {site_name}"


def _day(settings: dict, key: str) -> date | None:
    value = settings.get(key) or ""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        raise ConfigError(f"{key} in the settings file must be a date like \"2026-11-12\"; got {value!r}") from None


class SitePagesGenerator(Generator):
    def generate_context(self):
        self.context["SITE_ADDRESS"] = site_address(self.settings)
        self.context["site_in_sentence"] = in_sentence(self.settings.get("SITENAME", ""))
        self.context["accessibility_dates"] = {
            which: _day(self.settings, f"NOTES_ACCESSIBILITY_{which.upper()}") for which in ("prepared", "reviewed")
        }
        # Known before any page is written: the search page lists the bundles it merges.
        self.context["search_shards"] = search.plan(self.context.get("articles", []))

    def generate_output(self, writer):
        for template, url_key, save_as_key in TEMPLATE_PAGES:
            if self.settings[save_as_key]:
                writer.write_file(
                    self.settings[save_as_key], self.get_template(template), self.context,
                    relative_urls=self.settings["RELATIVE_URLS"], template_name=template,
                    url=self.settings[url_key],
                )
        if self.settings["NOT_FOUND_SAVE_AS"]:
            # A web server serves 404.html at any depth, so its links must be absolute.
            writer.write_file(
                self.settings["NOT_FOUND_SAVE_AS"], self.get_template("404"), self.context,
                relative_urls=False, template_name="404", url="404.html",
            )
        output = Path(self.output_path)
        address = site_address(self.settings)
        write_sitemap(output / "sitemap.xml", address, sorted(set(self._page_urls())))
        (output / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {address}/sitemap.xml\n", encoding="utf-8",
        )

    def _page_urls(self):
        """The URL of every HTML page in the site, relative to its root."""
        context, settings = self.context, self.settings
        home = context.get("home")
        if settings.get("INDEX_SAVE_AS", "index.html"):
            yield from self._paged("index", settings.get("INDEX_SAVE_AS", "index.html"), "", home.posts if home else [])
        for key in ("TEAMS_URL", "AUTHORS_URL", "TAGS_URL", "CATEGORIES_URL", "ARCHIVES_URL",
                    "SUBSCRIBE_URL", "SEARCH_URL", "ACCESSIBILITY_URL"):
            if settings.get(key):
                yield settings[key]
        cadence = context.get("cadence")
        if cadence is not None and cadence.save_as:
            yield cadence.url
        for article in context.get("articles", []):
            yield article.url
        for page in context.get("pages", []):
            yield page.url
        for tag, articles in context.get("tags", []):
            yield from self._paged("tag", tag.save_as, tag.url, articles)
        for category, articles in context.get("categories", []):
            yield from self._paged("category", category.save_as, category.url, articles)
        for group in ("teams", "profiles"):
            for item in context.get(group, {}).values():
                yield item.url


    def _paged(self, template: str, save_as: str, url: str, items: list):
        """The URL of each page of a list, as Pelican's writer pages it (PAGINATED_TEMPLATES)."""
        paged = self.settings["PAGINATED_TEMPLATES"]
        if template not in paged or not items:
            yield url
            return
        paginator = Paginator(save_as, url, items, self.settings, paged[template] or self.settings["DEFAULT_PAGINATION"])
        for number in range(1, paginator.num_pages + 1):
            yield paginator.page(number).url


def write_sitemap(path: Path, address: str, urls: list[str]) -> None:
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for url in urls:
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = f"{address}/{url}"
    ElementTree.indent(urlset)
    ElementTree.ElementTree(urlset).write(path, encoding="utf-8", xml_declaration=True)


def get_generators(pelican):
    """For signals.get_generators."""
    return SitePagesGenerator
