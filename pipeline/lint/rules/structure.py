"""T501-T509 links and structure: link text, headings, title, summary, images, weeknote sections.

Sources: https://www.gov.uk/guidance/content-design/links,
https://www.gov.uk/guidance/content-design/writing-for-gov-uk#titles,
https://www.gov.uk/guidance/content-design/images
"""

from __future__ import annotations

import re

from pipeline.content import placeholders
from pipeline.content.model import WEEKNOTE
from pipeline.findings import Example, Level
from pipeline.lint.checks import Context, Hit, example, quoted, tone_rule
from pipeline.lint.rules.readability import count_words

DESIGN = "https://www.gov.uk/guidance/content-design/"
# Link text that says nothing of where it goes (GOV.UK content design: links; WCAG 2.4.4 link purpose).
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "this link", "link", "click", "this page", "find out more",
                   "on this page", "this", "page", "click this link", "follow this link", "see here", "go here",
                   "learn more", "more information", "more info", "read this", "continue reading", "this website",
                   "website", "this document", "document", "link here", "here.", "details"}
PLACEHOLDER_ALT = {"image", "picture", "photo", "photograph", "alt text", "alt", "screenshot", "graphic", "img", "chart"}
IMAGE_FILE = re.compile(r"\S+\.(?:png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "are", "of", "on", "or", "our",
               "the", "to", "we", "with", "what", "why", "how", "you", "your", "it", "its", "this", "that", "be"}


def _weeknote(body: str) -> Example:
    return Example("weeknotes/data-platform/2026-W48.md",
                   f"---\ndate: 2026-11-27\nauthors: [sam-lee]\nsummary: A week of work.\n---\n{body}\n")


@tone_rule("T501", "link-text", Level.WARNING,
           "Link text that does not say where it goes: 'click here', 'here', 'read more', or a bare URL.",
           "Screen reader users jump from link to link; each link's text must make sense on its own.",
           DESIGN + "links",
           flag=["To apply, [click here](https://example.gov.uk/apply).", "[Read more](/2026/11/20/roadmap/)",
                 "See https://example.gov.uk/apply for details."],
           passes=["[Apply for a parking permit](https://example.gov.uk/apply).",
                   "Run `curl https://example.gov.uk/status` to check."],
           source="GOV.UK content design guidance on links and WCAG 2.4.4 (link purpose): link text such as 'click here', 'read more', 'this page'.")
def link_text(context: Context):
    for link in context.prose.links:
        text = re.sub(r"\s+", " ", re.sub(r"<[^<>]*>", "", link.text).strip(" *_`")).lower().rstrip(".")
        if text in VAGUE_LINK_TEXT:
            yield Hit(link.text_start, link.text_end,
                      f"link text {quoted(link.text)} does not say where it goes: describe the destination")
        elif re.fullmatch(r"(?:https?://|www\.)\S+", text) and not link.html:
            yield Hit(link.text_start, link.text_end,
                      "link text is a web address: describe the destination instead")
    for start, end in context.prose.urls:
        if context.prose.someone_elses(start) or context.prose.in_link_text(start):
            continue  # a quoted example (‘For example, https://www.example.com’), or already a link
        yield Hit(start, end, "bare web address: make it a link whose text describes the destination")


@tone_rule("T502", "question-heading", Level.WARNING, "A heading written as a question.",
           "Headings should tell people what the section says, not ask them to guess.", DESIGN + "writing-for-gov-uk",
           flag=["## What did we learn?"], passes=["## What we learned"])
def question_heading(context: Context):
    for block in context.prose.headings:
        text = context.prose.block_text(block).rstrip()
        if text.endswith("?"):
            yield Hit(block.start, block.start + len(text), "heading is a question: say what the section tells people")


@tone_rule("T503", "heading-case", Level.WARNING, "A heading or title in title case rather than sentence case.",
           "GOV.UK uses sentence case: only the first word and proper nouns start with a capital letter.",
           "https://www.gov.uk/guidance/style-guide/a-to-z#capitalisation",
           flag=["## What We Learned This Week", example("Body.", title="Why We Publish Our Roadmap"),
                 "## 2. What We Learned"],
           passes=["## What we learned this week", "## Working with Sheffield City Council", "## Our API and the NHS",
                   "## 1. We got to know each other", "## Scenario 2: The user signs in",
                   "## Hypothesis: Our users cannot find the filters"])
def heading_case(context: Context):
    for block in context.prose.blocks:
        if block.kind not in ("heading", "title"):
            continue
        capitalised_small = [w for part in _heading_parts(context.prose.block_text(block)) for w in part[1:]
                             if w[:1].isupper() and w.lower().strip(",:") in SMALL_WORDS]
        if capitalised_small:
            yield Hit(block.start, block.end,
                      f"{'title' if block.kind == 'title' else 'heading'} is in title case ({quoted(capitalised_small[0])}): "
                      "use sentence case, with a capital only for the first word and names")


# "1.", "Step 2:", "Scenario 2:" and the like number a heading; the words after them start it.
NUMBERING = re.compile(r"^(?:\d+[.)]?|[A-Za-z]+ \d+[.:)]?|[IVX]+\.)\s+")
HEADING_BREAK = re.compile(r"[:?!–—]\s+|\s+-\s+|\.\s+")


def _heading_parts(text: str) -> list[list[str]]:
    """The heading's words in parts that each start like a sentence: after numbering, a colon or a dash."""
    text = NUMBERING.sub("", text.strip())
    return [part.split() for part in HEADING_BREAK.split(text) if part.strip()]


@tone_rule("T504", "long-title", Level.WARNING, "A title longer than 65 characters.",
           "Search results and feeds cut titles at about 65 characters.", DESIGN + "writing-for-gov-uk#titles",
           flag=[example("Body.", title="What we learned from moving our case management database to a new platform")],
           passes=[example("Body.", title="What we learned from moving the case database")], english=False)
def long_title(context: Context):
    block = next((b for b in context.prose.blocks if b.kind == "title"), None)
    if block and context.title and len(context.title) > 65:
        yield Hit(block.start, block.end, f"title is {len(context.title)} characters: keep it to 65 or fewer")


@tone_rule("T505", "title-full-stop", Level.WARNING, "A title that ends with a full stop.",
           "Titles are not sentences; GOV.UK titles have no full stop.", DESIGN + "writing-for-gov-uk#titles",
           flag=[example("Body.", title="Why we publish our roadmap.")],
           passes=[example("Body.", title="Why we publish our roadmap")], english=False)
def title_full_stop(context: Context):
    block = next((b for b in context.prose.blocks if b.kind == "title"), None)
    if block and context.title and context.title.rstrip().endswith(".") and not context.title.rstrip().endswith("..."):
        yield Hit(block.end - 1, block.end, "title ends with a full stop: remove it", "")


@tone_rule("T506", "long-summary", Level.WARNING, "A summary longer than 50 words.",
           "The summary is shown in listings, feeds and email, where it must be read at a glance.",
           DESIGN + "writing-for-gov-uk#summaries",
           flag=[example("Body.", summary=" ".join(["word"] * 51))], passes=[example("Body.", summary="A short summary.")], english=False)
def long_summary(context: Context):
    block = next((b for b in context.prose.blocks if b.kind == "summary"), None)
    if block and context.summary:
        words = count_words(context.summary)
        if words > 50:
            yield Hit(block.start, block.end, f"summary is {words} words: keep it to 50 or fewer")


@tone_rule("T507", "image-alt-text", Level.ERROR,
           "An image with no alt text, or alt text that is a placeholder or a file name.",
           "People who cannot see the image rely on its alt text (WCAG 2.2, 1.1.1).", DESIGN + "images",
           flag=["![](chart.png)", "![image](chart.png)", "![IMG_2044.jpg](IMG_2044.jpg)", '<img src="chart.png">'],
           passes=["![A line chart: weekly sign-ins rose from 200 to 900 in October](chart.png)",
                   '<img src="chart.png" alt="A line chart: weekly sign-ins rose from 200 to 900">',
                   '<img src="divider.png" alt="">'], english=False,
           source="GOV.UK content design guidance on images and WCAG 1.1.1: placeholder alt text such as 'image', 'photo', a file name.")
def image_alt_text(context: Context):
    for image in context.prose.images:
        if image.alt is None:
            yield Hit(image.start, image.end, "image has no alt attribute: add alt=\"…\" describing what it shows")
            continue
        alt = image.alt.strip(" *_`").lower()
        if not alt and image.html:
            continue  # alt="" written out marks an image as decoration, which screen readers skip (WCAG H67)
        if not alt:
            yield Hit(image.start, image.end, "image has no alt text: describe what it shows, or why it is there")
        elif alt in PLACEHOLDER_ALT or IMAGE_FILE.fullmatch(alt):
            yield Hit(image.start, image.end, f"alt text {quoted(image.alt)} is a placeholder: describe what the image shows")


def _section_headings(context: Context):
    return [(b, context.prose.block_text(b).strip()) for b in context.prose.headings if b.level == 2]


def normal_heading(text: str) -> str:
    return re.sub(r"[’']", "'", text).strip().lower()


@tone_rule("T508", "missing-section", Level.WARNING, "A weeknote without one of its team's section headings.",
           "Readers compare weeks by the same headings; a missing one reads as something hidden.",
           "docs/rules.md#t508",
           flag=[_weeknote("## What went well\n\nWe moved.\n\n## What's next\n\nMore.")],
           passes=[_weeknote("## What went well\n\nWe moved.\n\n## What we learned\n\nA lot.\n\n## What's next\n\nMore.")], english=False)
def missing_section(context: Context):
    if context.kind != WEEKNOTE or not context.sections:
        return
    present = {normal_heading(text) for _, text in _section_headings(context)}
    for section in context.sections:
        if normal_heading(section) not in present:
            yield Hit(context.body_offset, context.body_offset,
                      f"weeknote has no {quoted(section)} section: add '## {section}', even to say nothing changed")


def empty_sections(context: Context):
    """Each weeknote section with no prose under it: (heading block, heading text, still holds notes new's prompt)."""
    prose = context.prose
    blocks = prose.blocks
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level != 2:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and not (following.kind == "heading" and following.level <= 2):
            continue  # the section has prose
        untouched = placeholders.SECTION_PROMPT in prose.text[block.end:following.start if following else None]
        yield block, prose.block_text(block).strip(), untouched


@tone_rule("T509", "empty-section", Level.WARNING, "A weeknote section heading with nothing under it.",
           "An empty section looks like a note published before it was finished.", "docs/rules.md#t509",
           flag=[_weeknote("## Risks\n\n## What went well\n\nWe moved.")],
           passes=[_weeknote("## What went well\n\nWe moved.\n\n## What we learned\n\nA lot.\n\n## What's next\n\nMore.")], english=False)
def empty_section(context: Context):
    if context.kind != WEEKNOTE:
        return
    # A section still holding notes new's prompt is expected in a draft, and an unfinished note (T511, an error)
    # once published, as is an empty section the team requires.
    required = set() if context.draft else {normal_heading(s) for s in context.sections}
    for block, heading, untouched in empty_sections(context):
        if not untouched and normal_heading(heading) not in required:
            yield Hit(block.start, block.end, f"section {quoted(heading)} is empty: write what happened, or remove the heading")


@tone_rule("T510", "skipped-heading-level", Level.WARNING, "A heading more than one level below the one before it.",
           "Screen reader users move through a page by its headings; a skipped level (h2, then h4) reads as "
           "something missing (WCAG 1.3.1).", DESIGN + "writing-for-gov-uk#headings",
           flag=["## What we did\n\nWe moved.\n\n#### The tables\n\nThey moved."],
           passes=["## What we did\n\nWe moved.\n\n### The tables\n\nThey moved.\n\n## Next\n\nMore."], english=False)
def skipped_heading_level(context: Context):
    previous = 1  # the note's title is the page's h1
    for block in context.prose.headings:
        if block.level > previous + 1:
            yield Hit(block.start, block.end, f"heading level {block.level} follows level {previous}: "
                      f"use level {previous + 1} (" + "#" * (previous + 1) + "), or a heading above it")
        previous = block.level
