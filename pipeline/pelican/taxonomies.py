"""Tag, category and author pages without Pelican's quadratic scan.

Pelican's ArticlesGenerator gives each tag, category and author page its
articles in date order by scanning: `[a for a in self.dates if a in articles]`,
a walk of that tag's list for every article of the site. Over 10,000 notes
the scans took 7.3 of a full build's 62 s (benchmarks/README.md). Once
Pelican has made the lists (article_generator_finalized), each becomes a
`Members` list, whose `in` looks the article up in a set instead. Pelican's
articles compare by identity (Content has no __eq__), so a set of ids gives
the very answers the walk gave.
"""

from __future__ import annotations

from pelican import signals


class Members(list):
    """A list of articles whose `in` takes one set lookup, not a walk of the list."""

    def __contains__(self, item) -> bool:
        # Made at the first lookup, when Pelican writes the pages, and again if a plugin added or removed one since.
        if getattr(self, "_size", None) != len(self):
            self._ids, self._size = frozenset(map(id, self)), len(self)
        return id(item) in self._ids


def _index_members(generator) -> None:
    for tag, articles in generator.tags.items():
        generator.tags[tag] = Members(articles)
    for taxonomy in (generator.categories, generator.authors):  # lists of (category or author, articles)
        taxonomy[:] = [(name, Members(articles)) for name, articles in taxonomy]


def register() -> None:
    signals.article_generator_finalized.connect(_index_members)
