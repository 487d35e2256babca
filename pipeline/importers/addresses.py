"""Addresses from permalink patterns: a note's old address on each generator, and its new one on this site.

Each generator writes permalinks its own way; each is read here as that
generator reads it, from the note's values:

    Jekyll     /:categories/:year/:month/:day/:title:output_ext      (and the styles date, pretty, ordinal, none)
    Hugo       /:year/:month/:slug/, /:section/:filename/, /:contentbasename/
    Pelican    {date:%Y}/{date:%m}/{slug}.html                        (Python's str.format, as ARTICLE_URL)
    Eleventy, Lume   /weeknotes/{{ page.fileSlug }}/, /{{ page.date | date: "%Y" }}/{{ title | slugify }}/
    --old-url  /week/{date}/, /{date:%Y}/{slug}/                      (like Pelican's)

A pattern notes cannot read (a template with logic in it, a field it does
not know) gives no address, and the caller reports it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.content.model import IsoWeek
from pipeline.importers.text import slug_of

# Jekyll's named permalink styles (jekyllrb.com/docs/permalinks/).
JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
PLACEHOLDER = re.compile(r":([a-z_]+)(?:\[[^\]]*\])?")
# Liquid or Nunjucks output in an Eleventy or Lume permalink: {{ name }} or {{ name | filter: "arg" }}.
TEMPLATE_OUTPUT = re.compile(r"\{\{-?\s*([\w.]+)\s*((?:\|\s*[\w]+(?:\s*[:(]\s*[^|}]*?\)?)?\s*)*)-?\}\}")
TEMPLATE_FILTER = re.compile(r"\|\s*(\w+)(?:\s*[:(]\s*['\"]?([^'\"|)}]*)['\"]?\)?)?")


@dataclass(frozen=True)
class Values:
    """What a permalink pattern may use of a note."""

    day: datetime
    slug: str  # the note's slug on the old site
    title: str
    stem: str = ""  # the file name without its extension (and, for Eleventy's fileSlug, without a date prefix)
    path: str = ""  # the file's path from the site's content folder, without extension, with '/'
    section: str = ""  # Hugo's section: the first folder under content/
    categories: tuple[str, ...] = ()


def moment(day: datetime | date) -> datetime:
    return day if isinstance(day, datetime) else datetime(day.year, day.month, day.day)


def rooted(address: str) -> str:
    """An address from the site's root: generators let a pattern leave out the leading slash."""
    return address if "://" in address or address.startswith("/") else "/" + address


def jekyll(pattern: str, values: Values) -> str:
    pattern = JEKYLL_STYLES.get(pattern, pattern)
    day = values.day
    known = {
        "categories": "/".join(dict.fromkeys(c.lower() for c in values.categories)),
        "year": f"{day:%Y}", "short_year": f"{day:%y}", "month": f"{day:%m}", "i_month": str(day.month),
        "short_month": f"{day:%b}", "long_month": f"{day:%B}", "day": f"{day:%d}", "i_day": str(day.day),
        "y_day": f"{day:%j}", "week": f"{day:%V}", "short_day": f"{day:%a}", "long_day": f"{day:%A}",
        "hour": f"{day:%H}", "minute": f"{day:%M}", "second": f"{day:%S}",
        "title": values.slug, "slug": slug_of(values.slug), "name": values.stem, "path": values.path,
        "output_ext": ".html",
    }
    return _tokens(pattern, known)


def hugo(pattern: str, values: Values) -> str:
    day = values.day
    known = {
        "year": f"{day:%Y}", "month": f"{day:%m}", "monthname": f"{day:%B}".lower(), "day": f"{day:%d}",
        "weekday": str(day.isoweekday() % 7), "weekdayname": f"{day:%A}".lower(), "yearday": str(day.timetuple().tm_yday),
        "section": values.section, "sections": values.path.rsplit("/", 1)[0] if "/" in values.path else "",
        "title": slug_of(values.title), "slug": values.slug, "filename": values.stem,
        "contentbasename": values.stem, "slugorfilename": values.slug or values.stem,
        "slugorcontentbasename": values.slug or values.stem,
    }
    return _tokens(pattern, known)


def _tokens(pattern: str, known: dict[str, str]) -> str:
    unknown = [name for name in PLACEHOLDER.findall(pattern) if name not in known]
    if unknown:
        raise ValueError(f":{unknown[0]}")
    address = PLACEHOLDER.sub(lambda m: known[m[1]], pattern)
    return "/" + re.sub(r"/{2,}", "/", address).lstrip("/")


class _Formatter(string.Formatter):
    """str.format for patterns from files and the command line: fields by name only, no attributes or indexes."""

    def get_field(self, field_name, args, kwargs):
        if not re.fullmatch(r"\w+", field_name):
            raise ValueError(f"{{{field_name}}}")
        return self.get_value(field_name, args, kwargs), field_name

    def get_value(self, key, args, kwargs):
        if key not in kwargs:
            raise ValueError(f"{{{key}}}")
        return kwargs[key]


def python(pattern: str, values: Values) -> str:
    """Pelican's ARTICLE_URL and --old-url: `{date:%Y}`, `{slug}`, `{category}`; `{date}` alone is 2019-06-03."""
    day = values.day
    known = {
        "date": _Day(day), "slug": values.slug, "category": slug_of(values.categories[0]) if values.categories else "",
        "year": f"{day:%Y}", "month": f"{day:%m}", "day": f"{day:%d}", "week": str(IsoWeek.of(day.date())),
        "stem": values.stem, "path": values.path, "title": slug_of(values.title), "lang": "en",
    }
    try:
        return rooted(_Formatter().format(pattern, **known))
    except (IndexError, KeyError) as err:
        raise ValueError(str(err)) from None


class _Day(datetime):
    """A datetime that prints as its ISO day, so that `{date}` alone is 2019-06-03."""

    def __new__(cls, day: datetime):
        return super().__new__(cls, day.year, day.month, day.day, day.hour, day.minute, day.second)

    def __format__(self, spec: str) -> str:
        return super().__format__(spec) if spec else self.date().isoformat()


def template(pattern: str, values: Values) -> str:
    """An Eleventy or Lume permalink written as a Liquid or Nunjucks template, if it only outputs known values."""
    known = {
        "page.fileSlug": values.stem, "page.filePathStem": "/" + values.path, "page.date": values.day,
        "date": values.day, "title": values.title, "slug": values.slug, "page.slug": values.slug,
    }

    def output(match: re.Match) -> str:
        name, filters = match[1], match[2] or ""
        if name not in known:
            raise ValueError(f"{{{{ {name} }}}}")
        value = known[name]
        for filter_name, argument in TEMPLATE_FILTER.findall(filters):
            if filter_name in ("slug", "slugify"):
                value = slug_of(str(value))
            elif filter_name == "date" and isinstance(value, datetime):
                value = _strftime(value, argument)
            elif filter_name != "url":
                raise ValueError(f"| {filter_name}")
        if isinstance(value, datetime):
            raise ValueError(f"{{{{ {name} }}}} without a date format")
        return str(value)

    if "{%" in pattern:
        raise ValueError("{% … %}")
    address = TEMPLATE_OUTPUT.sub(output, pattern)
    if "{{" in address:
        raise ValueError(address)
    address = rooted(address)
    return address[: -len("index.html")] if address.endswith("/index.html") else address


def _strftime(day: datetime, spec: str) -> str:
    """A date filter's format: strftime's (Liquid, Nunjucks' date filters) or Luxon's common tokens (Eleventy)."""
    if "%" in spec:
        return day.strftime(spec)
    luxon = {"yyyy": "%Y", "yy": "%y", "LL": "%m", "MM": "%m", "dd": "%d", "LLL": "%b", "LLLL": "%B"}
    tokens = re.split(r"(yyyy|yy|LLLL|LLL|LL|MM|dd)", spec)
    return "".join(day.strftime(luxon[token]) if token in luxon else token for token in tokens)


class SiteUrls:
    """Addresses on this site, from its Pelican settings (ARTICLE_URL, WEEKNOTE_URL, TAG_URL…), from the root."""

    def __init__(self, settings: dict):
        self.settings = settings

    def post(self, day: datetime | date, slug: str, category: str | None) -> str:
        category = slug_of(category or str(self.settings.get("DEFAULT_CATEGORY") or "blog"))
        return self._format("ARTICLE_URL", date=moment(day), slug=slug, category=category,
                            lang=self.settings.get("DEFAULT_LANG", "en"))

    def weeknote(self, team: str, week: IsoWeek) -> str:
        return self._format("WEEKNOTE_URL", team=team, week=week.slug)

    def term(self, kind: str, name: str) -> str | None:
        """The page of a tag, category or author; None for a kind the site has no pages for."""
        setting = {"tag": "TAG_URL", "category": "CATEGORY_URL", "author": "AUTHOR_URL"}.get(kind)
        return self._format(setting, slug=slug_of(name)) if setting and self.settings.get(setting) else None

    def _format(self, setting: str, **values) -> str:
        return "/" + str(self.settings[setting]).format(**values).lstrip("/")
