"""Redirect pages at the old addresses of notes (`aliases:` in front matter).

A static site cannot answer with HTTP 301, so each alias gets a small page
(theme/templates/redirect.html) with a zero-second meta refresh, the note's
canonical address for search engines, and a link for people whose browser
does not follow the refresh. Only published notes get redirects: a draft has
no address to send anyone to.

Nothing here decides whether an alias may be written: M209 stops a build
whose alias would replace a page, and Pelican's writer refuses to write any
file twice. Redirect pages are not in the sitemap, which lists pages from
the generators' contexts. They carry no `noindex`: search engines treat an
immediate refresh as a permanent redirect, and a `noindex` beside the
canonical link would send them two different signals.
"""

from __future__ import annotations

from pelican.generators import Generator

from pipeline.content.aliases import output_file
from pipeline.content.loader import Site


class RedirectsGenerator(Generator):
    def generate_output(self, writer):
        site: Site = self.settings["NOTES_SITE"]
        for article in self.context.get("articles", []):
            note = site.note_at(article.source_path)
            for alias in note.aliases if note else ():
                # Asked for only here: a theme without redirect.html builds as long as no note has an alias.
                writer.write_file(
                    output_file(alias), self.get_template("redirect"), self.context,
                    relative_urls=self.settings["RELATIVE_URLS"], template_name="redirect", note=article,
                )


def get_generators(pelican):
    """For signals.get_generators."""
    return RedirectsGenerator
