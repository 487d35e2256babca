"""Scheduled and draft weeknotes stay off the site until their day, like posts.

The reader turns a note dated after the build's today into a draft (as
Pelican's WITH_FUTURE_DATES = False would by the system clock), and Pelican
writes drafts at DRAFT_SAVE_AS, which publishconf.py empties. But
the reader gives each weeknote its own `url` and `save_as` (WEEKNOTE_URL),
and Pelican honours those even for drafts, so a scheduled weeknote would be
written at its final address before its day. Dropping them for drafts sends
draft weeknotes where draft posts go.
"""

from __future__ import annotations

from pelican import signals


def _drafts_follow_draft_settings(generator) -> None:
    for draft in [*generator.drafts, *generator.drafts_translations]:
        for attribute in ("override_save_as", "override_url"):
            if hasattr(draft, attribute):
                delattr(draft, attribute)


def register() -> None:
    # Before taxonomies and output: drafts are sorted out by then, and nothing has been written.
    signals.article_generator_pretaxonomy.connect(_drafts_follow_draft_settings)
