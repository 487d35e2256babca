"""Links between notes: previous and next post, related posts, the team's
other notes; and reading time and publication day.

Set on each article once Pelican has read them all (article_generator_finalized),
so that the article templates only display them. Related posts are the ones
hand-picked with `related:` in front matter, then those sharing the most tags.
"""

from __future__ import annotations

import math
import re

from pelican import signals

from pipeline.content.loader import Site

RELATED_LIMIT = 3
TEAM_NOTES_LIMIT = 5
WORDS_PER_MINUTE = 200  # a common figure for reading on screen
TAG = re.compile(r"<[^>]+>")  # only to count words in our own rendered HTML


def reading_minutes(html: str) -> int:
    return max(1, math.ceil(len(TAG.sub(" ", html).split()) / WORDS_PER_MINUTE))


def related_posts(post, posts: list, picked: list[str], limit: int = RELATED_LIMIT) -> list:
    """Hand-picked posts first (by slug, in the order given), then by tags shared, newest first."""
    by_slug = {p.slug: p for p in posts}
    chosen = [by_slug[s] for s in picked if s in by_slug and s != post.slug]
    tags = set(getattr(post, "tags", []) or [])
    scored = [
        (len(tags & set(getattr(other, "tags", []) or [])), other)
        for other in posts if other is not post and other not in chosen
    ]
    # Python's sort is stable and posts are newest first, so ties stay newest first.
    scored.sort(key=lambda pair: -pair[0])
    chosen += [other for shared, other in scored if shared]
    return chosen[:limit]


def _link_notes(generator) -> None:
    site: Site = generator.settings["NOTES_SITE"]
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    posts = [a for a in articles if a.kind == "post"]
    for index, post in enumerate(posts):
        # posts are newest first: the next post is the newer one
        post.newer_post = posts[index - 1] if index > 0 else None
        post.older_post = posts[index + 1] if index + 1 < len(posts) else None
        note = site.note_at(post.source_path)
        picked = list(note.doc.meta.get("related") or []) if note else []
        post.related_posts = related_posts(post, posts, picked)
    for article in articles:
        article.reading_minutes = reading_minutes(article.content)
        article.date_day = article.date.date()  # the home page matches notes to teams' periods by day
        if article.kind == "weeknote":
            article.team_notes = [
                other for other in articles
                if other.kind == "weeknote" and other.team == article.team and other is not article
            ][:TEAM_NOTES_LIMIT]


def register() -> None:
    signals.article_generator_finalized.connect(_link_notes)
