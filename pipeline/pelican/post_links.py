"""Links between notes: previous and next post, related posts, the team's
other notes; and reading time and publication day.

Set on each article once Pelican has read them all (article_generator_finalized),
so that the article templates only display them. Related posts are the ones
hand-picked with `related:` in front matter, then those sharing the most tags.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pelican import signals

from pipeline.content.loader import Site

RELATED_LIMIT = 3
TEAM_NOTES_LIMIT = 5
WORDS_PER_MINUTE = 200  # a common figure for reading on screen
TAG = re.compile(r"<[^>]+>")  # only to count words in our own rendered HTML


def reading_minutes(html: str) -> int:
    return max(1, math.ceil(len(TAG.sub(" ", html).split()) / WORDS_PER_MINUTE))


class RelatedPosts:
    """Related posts for every post, from an index of tags to posts built once.

    Comparing each post's tags with every other post's would take a time that
    grows with the square of the number of posts; through the index, each post
    meets only the posts it shares a tag with.
    """

    def __init__(self, posts: list):
        self._posts = posts  # newest first
        self._by_slug = {p.slug: p for p in posts}
        self._order = {id(p): index for index, p in enumerate(posts)}
        self._tagged: dict[str, list] = defaultdict(list)
        for post in posts:
            for tag in set(getattr(post, "tags", []) or []):
                self._tagged[tag].append(post)

    def of(self, post, picked: list[str], limit: int = RELATED_LIMIT) -> list:
        """Hand-picked posts first (by slug, in the order given), then by tags shared, newest first."""
        chosen = [self._by_slug[s] for s in picked if s in self._by_slug and s != post.slug]
        shared: Counter = Counter()
        for tag in set(getattr(post, "tags", []) or []):
            shared.update(id(other) for other in self._tagged[tag])
        excluded = {id(post), *(id(p) for p in chosen)}
        scored = sorted((key for key in shared if key not in excluded),
                        key=lambda key: (-shared[key], self._order[key]))
        chosen += [self._posts[self._order[key]] for key in scored[: max(0, limit - len(chosen))]]
        return chosen[:limit]


def related_posts(post, posts: list, picked: list[str], limit: int = RELATED_LIMIT) -> list:
    return RelatedPosts(posts).of(post, picked, limit)


def _link_notes(generator) -> None:
    site: Site = generator.settings["NOTES_SITE"]
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    posts = [a for a in articles if a.kind == "post"]
    related = RelatedPosts(posts)
    for index, post in enumerate(posts):
        # posts are newest first: the next post is the newer one
        post.newer_post = posts[index - 1] if index > 0 else None
        post.older_post = posts[index + 1] if index + 1 < len(posts) else None
        note = site.note_at(post.source_path)
        picked = list(note.doc.meta.get("related") or []) if note else []
        post.related_posts = related.of(post, picked)
    by_team: dict[str, list] = defaultdict(list)
    for article in articles:
        if article.kind == "weeknote":
            by_team[article.team].append(article)
    for article in articles:
        article.reading_minutes = reading_minutes(article.content)
        article.date_day = article.date.date()  # the home page matches notes to teams' periods by day
        if article.kind == "weeknote":
            # One more than the limit, in case the article itself is among them.
            newest = by_team[article.team][: TEAM_NOTES_LIMIT + 1]
            article.team_notes = [other for other in newest if other is not article][:TEAM_NOTES_LIMIT]


def register() -> None:
    signals.article_generator_finalized.connect(_link_notes)
