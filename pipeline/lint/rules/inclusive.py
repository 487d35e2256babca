"""T601-T602 inclusive language: gendered terms and ableist idioms, as suggestions.

Source: https://www.gov.uk/government/publications/inclusive-communication
"""

from __future__ import annotations

from pipeline.findings import Level
from pipeline.lint.checks import Context, WordList, quoted, tone_rule, word

LINK = "https://www.gov.uk/government/publications/inclusive-communication/inclusive-language-words-to-use-and-avoid-when-writing-about-disability"

GENDERED = WordList([
    word(("guys",), "write 'everyone', 'team' or 'all'"),
    word(("manpower",), "write 'staff', 'people' or 'workforce'"),
    word(("man-hours", "man hours", "man-days", "man days"), "write 'hours of work' or 'person-hours'"),
    word(("chairman", "chairmen"), "write 'chair'"),
    word(("mankind",), "write 'people' or 'humanity'"),
    word(("ladies and gentlemen",), "write 'everyone'"),
    word(("manned", "unmanned"), "write 'staffed' or 'unstaffed'"),
])

ABLEIST = WordList([
    word(("crazy", "insane"), "write 'surprising', 'unexpected' or 'very'"),
    word(("lame",), "write 'weak' or 'poor'"),
    word(("blind spot", "blind spots", "turn a blind eye", "turned a blind eye"), "write 'gap' or 'ignore'"),
    word(("sanity check", "sanity checks", "sanity-check"), "write 'quick check' or 'confidence check'"),
    word(("dumb",), "write 'basic' or 'simple'"),
    word(("tone-deaf", "tone deaf"), "write 'insensitive'"),
    word(("crippled", "crippling", "cripple"), "write 'slowed', 'stopped' or 'severe'"),
    word(("fall on deaf ears", "fell on deaf ears"), "write 'was ignored'"),
])


@tone_rule("T601", "gendered-terms", Level.SUGGESTION, "Gendered words where a neutral one is clearer.",
           "Gendered words leave people out; neutral words include everyone reading.", LINK,
           flag=["Thanks, guys.", "We lack the manpower.", "The chairman opened the meeting."],
           passes=["Thanks, everyone.", "We need more staff.", "The chair opened the meeting."],
           source="GOV.UK 'Inclusive language: words to use and avoid', and the GOV.UK style guide on gender-neutral words.")
def gendered(context: Context):
    yield from GENDERED.hits(context.prose, lambda found, e: f"{quoted(found)} is gendered: {e.advice}")


@tone_rule("T602", "ableist-language", Level.SUGGESTION, "Idioms that use disability as a metaphor.",
           "Phrases like 'blind spot' and 'sanity check' use disability to mean a fault.", LINK,
           flag=["We did a sanity check.", "This was our blind spot.", "The queue was crazy."],
           passes=["We did a quick check.", "This was a gap in our testing.", "The queue was very long."],
           source="GOV.UK 'Inclusive language: words to use and avoid when writing about disability': idioms that use disability as a metaphor.")
def ableist(context: Context):
    yield from ABLEIST.hits(context.prose, lambda found, e: f"{quoted(found)} uses disability as a metaphor: {e.advice}")
