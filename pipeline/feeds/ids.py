"""Entry IDs that never change: `tag:` URIs (RFC 4151).

A feed reader knows an entry by its ID alone. If the ID changes, readers show
the note again as new; if two notes share one, readers drop one of them. So
the ID is made from what does not change once a note is published: the site's
domain, the day the note was first published, and a slug written once.

    tag:blog.example.gov.uk,2026-10-15:why-we-publish-our-roadmap-in-the-open
    tag:blog.example.gov.uk,2026-11-27:data-platform-2026-w48

A weeknote's slug is its team and week, from its place in content/. A post's
slug comes from its title, so it changes when the title is edited (and the
page moves with it); the slug in the ID is therefore the post's *file name*,
without its leading date, which `notes new post` writes once from the first
title and nothing renames. A post whose file must be renamed or redated
keeps its old identity with an `id:` in its front matter.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.content.model import WEEKNOTE, Note

LEADING_DATE = re.compile(r"\d{4}-\d{2}-\d{2}-")


def tag_uri(authority: str, day: date, specific: str) -> str:
    """`tag:<authority>,<YYYY-MM-DD>:<specific>`; `specific` is a slug, which needs no escaping."""
    return f"tag:{authority},{day.isoformat()}:{specific}"


def note_specific(note: Note) -> str:
    """The slug written once: a weeknote's `<team>-<yyyy>-w<ww>`, a post's file name without its date.

    2026-11-20-why-we-publish-our-roadmap.md -> why-we-publish-our-roadmap
    """
    if note.kind == WEEKNOTE:
        return note.slug
    # Pelican's own slugify, so that IDs match the slugs Pelican makes; imported here, not at the top,
    # so that the digest's IDs (and `notes email`, which needs no post's ID) do not load Pelican.
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    stem = LEADING_DATE.sub("", note.path.stem, count=1) or note.path.stem
    return slugify(stem, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]) or note.slug


def note_id(note: Note, authority: str) -> str:
    """The note's `id:` from its front matter, or its tag: URI."""
    if note.id:
        return note.id
    return tag_uri(authority, note.date.date(), note_specific(note))


def digest_specific(week_slug: str) -> str:
    """The specific part of a digest entry's ID: `digest-2026-w47`."""
    return f"digest-{week_slug}"
