"""The digest's two parts: HTML with its CSS inlined, and plain text that reads well on its own.

Both come from Jinja templates in templates/. The HTML template autoescapes
(titles and team names are text; summaries are sanitised HTML, the same as
the feed's). Many mail clients drop <style>, so css-inline, a maintained
inliner, copies digest.css into style attributes. No part needs an image.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import css_inline
import lxml.html
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.cadence.periods import long_date
from pipeline.email.mailing import Mailing
from pipeline.email.week import Site

TEMPLATES = Path(__file__).with_name("templates")
WIDTH = 72  # plain-text lines, as RFC 3676 suggests; addresses are never broken


@dataclass(frozen=True)
class Parts:
    subject: str
    html: str
    text: str


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, break_long_words=False, break_on_hyphens=False)


def _underline(text: str, mark: str) -> str:
    return f"{text}\n{mark * len(text)}"


def as_text(html: str) -> str:
    """A summary's HTML as the words a reader sees."""
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content()


def _environment(autoescape: bool) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=autoescape, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(wrap=_wrap, underline=_underline, as_text=as_text, long_date=long_date)
    return env


_HTML = _environment(autoescape=True).get_template("digest.html")
_TEXT = _environment(autoescape=False).get_template("digest.txt")
_INLINER = css_inline.CSSInliner(extra_css=(TEMPLATES / "digest.css").read_text(encoding="utf-8"),
                                 load_remote_stylesheets=False)
BLANK_LINES = re.compile(r"\n{3,}")


def render(mailing: Mailing, site: Site, signup: str | None = None) -> Parts:
    """The message's subject and parts; `signup` is the site-wide sign-up address, for lists without their own."""
    subject = f"{mailing.heading} – {site.name}" if site.name else mailing.heading
    team = mailing.to.team
    unsubscribe = mailing.to.unsubscribe
    context = {
        "lang": site.language,
        "subject": subject,
        "heading": mailing.heading,
        "lede": mailing.lede,
        "teams": mailing.digest.teams,
        "posts": mailing.digest.posts,
        "site_name": site.name or site.absolute(""),
        "site_url": site.absolute(""),
        "team_name": mailing.team_name,
        "team_page": site.absolute(site.urls.team(team)) if team else None,
        "feed_url": site.team_feed(team) if team else site.digest_feed,
        "feed_text": f"the {mailing.team_name} feed" if team else "the weekly digest feed",
        "subscribe_url": site.absolute(site.urls.subscribe),
        "to": mailing.to.to,
        "unsubscribe_url": next((u for u in unsubscribe if u.startswith("https:")), None),
        "unsubscribe_mail": next((u[len("mailto:"):] for u in unsubscribe if u.startswith("mailto:")), None),
        "signup": mailing.to.signup or signup,
        "signup_text": (f"Sign up for {mailing.team_name} weeknotes" if mailing.to.signup and team
                        else "Sign up for the weekly digest"),
    }
    html = _INLINER.inline(_HTML.render(context))
    text = BLANK_LINES.sub("\n\n", _TEXT.render(context)).strip() + "\n"
    return Parts(subject, html, text)
