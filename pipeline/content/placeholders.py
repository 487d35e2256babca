"""The text `notes new` puts in a note for the writer to replace.

One place, because two parts read it: the templates write it (scaffold.py),
and the unfinished-note rule (T511) refuses to publish a note that still
holds it. A draft may hold it; a published note may not.
"""

from __future__ import annotations

POST_SUMMARY = "One or two sentences for listings, feeds and email."
WEEKNOTE_SUMMARY = "One or two sentences: what changed this week."
SUMMARIES = (POST_SUMMARY, WEEKNOTE_SUMMARY)

POST_OPENING = "Start with what happened and why it matters to the people reading."
POST_HEADING = "A heading in sentence case"
POST_CLOSING = "Say what you did, what went wrong and what you will do next."
POST_BODY = f"{POST_OPENING}\n\n## {POST_HEADING}\n\n{POST_CLOSING}\n"
# Text of the post template that a finished post would not keep, as it stands on its line.
BODY_LINES = (POST_OPENING, f"## {POST_HEADING}", POST_CLOSING)

# Each weeknote section starts as this comment, which the page does not show.
SECTION_PROMPT = "<!-- Write about this here. -->"
DEFAULT_SECTIONS = ("What went well", "What we learned", "What's next")
