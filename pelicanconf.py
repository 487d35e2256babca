"""Pelican settings for building the site locally (`notes build`, `notes serve`).

Production overrides live in publishconf.py, which imports this file.
Editorial rules (tone, cadence) live under [tool.notes] in pyproject.toml.
"""

SITENAME = "Department for Local Services blog"
SITESUBTITLE = "Leadership posts and team weeknotes"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGINS = ["pipeline.pelican"]

TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_CATEGORY = "blog"
USE_FOLDER_AS_CATEGORY = False

# Content folders: posts and weeknotes are articles, pages are pages.
# teams/ and authors/ are read by the notes plugin and get pages of their own.
ARTICLE_PATHS = ["posts", "weeknotes"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]

# GDS blog style URLs (see docs/content.md).
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
WEEKNOTE_URL = "weeknotes/{team}/{week}/"
WEEKNOTE_SAVE_AS = "weeknotes/{team}/{week}/index.html"
WEEKNOTE_CATEGORY = "Weeknotes"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TEAM_URL = "teams/{slug}/"
TEAM_SAVE_AS = "teams/{slug}/index.html"
TEAMS_URL = "teams/"
TEAMS_SAVE_AS = "teams/index.html"
AUTHOR_URL = "authors/{slug}/"
# Pelican writes pages only for authors who have notes; the notes plugin
# writes one for every file in content/authors/, at PROFILE_SAVE_AS.
AUTHOR_SAVE_AS = ""
PROFILE_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# The home page is the notes plugin's: its posts are paged apart from the weeknotes.
DIRECT_TEMPLATES = ["tags", "categories", "archives"]
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# The home page's posts come 10 to a page, as on the GDS blog ("tag" and "category" may be paged too).
DEFAULT_PAGINATION = False
PAGINATED_TEMPLATES = {"index": 10, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# A future date means scheduled: such notes are held back as drafts.
WITH_FUTURE_DATES = False

# Feeds are built by the notes feeds plugin with feedgen, never by Pelican.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feed readers need absolute addresses, even from a development build, so
# feeds link to FEED_DOMAIN (publishconf.py sets it to SITEURL), and entry IDs
# (tag: URIs) are made from its domain. See docs/feeds.md for every setting.
FEED_DOMAIN = "https://blog.example.gov.uk"
NOTES_FEED_MAX_ITEMS = 20  # the site-wide feeds and the digest: the newest 20
NOTES_FEED_TOPIC_MAX_ITEMS = 500  # team, author, tag and category feeds: complete up to this cap
NOTES_FEED_RSS = ["all"]  # kinds of feed that also get RSS 2.0: all posts weeknotes digest team author tag category
NOTES_PUBLISHER = "Department for Local Services"  # the author of weekly digest entries

# The site's own pages (docs/site.md): the organisation named in the footer and
# accessibility statement, the header's text (both SITENAME when empty), and
# where to report accessibility problems.
NOTES_ORGANISATION = ""
NOTES_LOGO_TEXT = ""
NOTES_ACCESSIBILITY_CONTACT = "digital@example.gov.uk"
# When the accessibility statement was prepared and last reviewed (GOV.UK's model statement gives both).
NOTES_ACCESSIBILITY_PREPARED = "2026-11-12"
NOTES_ACCESSIBILITY_REVIEWED = "2026-11-30"
# How much of each team's cadence the site shows: "full" (late and missed periods too),
# "published" (only the notes published) or "off". `notes cadence` always shows everything.
NOTES_PUBLIC_CADENCE = "full"

# Escape every value in templates; the theme marks rendered Markdown with |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
