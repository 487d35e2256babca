"""T301-T305 voice and tone: hype, buzzwords, pompous phrases, condescension, passive voice.

Source: https://www.gov.uk/guidance/content-design/writing-for-gov-uk ("plain English", "avoid
jargon", "be concise"). These lists are ours, not GOV.UK's words-to-avoid list (that is T101 and
T102): hype and buzzwords that guidance and the GDS blog warn against, and the wordy phrases of
the Plain English Campaign's A to Z of alternative words ("in order to", "prior to", "in excess of").
Messages say "hype" or "buzzword", never "a word to avoid in GOV.UK style".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.findings import Level
from pipeline.lint.checks import Context, Hit, WordList, noun, quoted, tone_rule, verb, word
from pipeline.lint.rules.readability import sentences

LINK = "https://www.gov.uk/guidance/content-design/writing-for-gov-uk"

HYPE = WordList([
    word(("world-class", "world-leading", "industry-leading", "market-leading", "best-in-class", "best of breed"),
         "say what is good about it, with evidence"),
    word(("cutting-edge", "cutting edge", "bleeding-edge", "state-of-the-art", "next-generation", "next generation"),
         "say what is new about it"),
    word(("game-changing", "game changer", "game-changer", "groundbreaking", "ground-breaking", "revolutionary",
          "revolutionise", "revolutionize", "paradigm shift"), "say what changed, and for whom"),
    # "Not as seamless as we would have liked" admits a problem: no claim, no hype.
    word(("seamless", "seamlessly"), "say what the person no longer has to do",
         unless_before=r"\b(?:not|never|less|isn't|wasn't|aren't|weren't)(?:\s+(?:as|so|very|quite|entirely|always))?"),
    word("unprecedented", "say what happened and compare it with before"),
    word(("unparalleled", "unrivalled", "unrivaled", "second to none"), "say what is good about it, with evidence"),
])

BUZZWORDS = WordList([
    word(("synergy", "synergies"), "say how the work fits together"),
    word(("deep dive", "deep dives", "deep-dive"), "write 'detailed look' or 'review'"),
    word("bandwidth", "write 'time' or 'capacity'",
         unless_before=r"\b(?:network|internet|broadband|connection|upload|download|memory|more|extra|enough|limited)"),
    word(("low-hanging fruit", "quick wins"), "say which tasks are easy and why they matter"),
    word(("paradigm", "paradigms"), "write 'model' or 'way of working'"),
    word(("move the needle", "thought leadership", "blue-sky thinking", "think outside the box",
          "boil the ocean", "win-win"), "say plainly what you mean"),
    word(("learnings",), "write 'lessons' or 'what we learned'"),
    word(("actionable",), "write 'practical' or say what someone can do"),
    word(verb("reach out"), "write 'contact' or 'get in touch'"),
    word(verb("onboard") + ("onboarded",), "write 'join', 'start' or 'set up', or say what happens"),
    word(verb("ideate") + ("ideation",), "write 'come up with ideas' or 'think of'"),
    word(noun("buy-in"), "write 'support' or 'agreement'", only_after=r"(?:from|of|for)\b"),
    word(verb("touch base"), "write 'talk' or 'meet'"),
    word(verb("circle back"), "write 'come back to' or 'follow up'"),
])

POMPOUS = WordList([
    word(("as previously stated", "as stated previously", "as mentioned previously", "as previously mentioned"),
         "leave it out: say it once, clearly"),
    word(("it should be noted that", "it should be noted", "it is important to note that", "it is worth noting that",
          "it's worth noting that", "it’s worth noting that", "it is worth noting", "it's worth noting",
          "it’s worth noting", "it's important to note that", "it’s important to note that", "worth noting that",
          "please note that", "please note", "needless to say"), "leave it out and state the point"),
    word("in order to", "write 'to'", fix="to"),
    # Defensive disclaimers: they protect the writer, not the reader.
    word(("every effort has been made", "every effort was made", "every effort is made", "every effort will be made",
          "we have made every effort", "we made every effort"), "say what you did, or leave it out"),
    word(("cannot accept liability", "cannot accept any liability", "cannot accept responsibility",
          "cannot accept any responsibility", "accept no liability", "accept no responsibility",
          "accepts no liability", "accepts no responsibility", "no liability is accepted",
          "no responsibility is accepted", "can't accept liability", "can’t accept liability",
          "cannot be held responsible", "cannot be held liable", "will not be held responsible",
          "will not be held liable"), "say plainly what you are and are not responsible for, or leave it out"),
    word(("with regard to", "with regards to", "in regard to"), "write 'about'"),
    word(("at this moment in time", "at this point in time"), "write 'now'"),
    word(("for the avoidance of doubt",), "leave it out and say it plainly"),
    word(("in the event that",), "write 'if'"),
    word(("prior to",), "write 'before'"),
    word(("in excess of",), "write 'more than'"),
    word(("commence", "commences", "commenced", "commencing"), "write 'start'"),
    word(("endeavour", "endeavours", "endeavoured", "endeavouring"), "write 'try'"),
])

# "Simply" and "just" talk down to people only in instructions: before an instruction verb.
INSTRUCTION_VERBS = (
    r"click|enter|select|choose|type|go|fill|add|open|use|press|sign|visit|call|email|follow|read|check|download|"
    r"upload|run|install|copy|paste|apply|contact|send|tell|log|create|update|change|ask|pick|tick|scroll|search"
)
CONDESCENDING = WordList([
    word(("simply", "just", "merely"), "leave it out: it can sound like the task is easy for everyone",
         only_before=r"(?:^|[.!?:]\s*|\b(?:you|then|and|to|can|could|please))",
         unless_after=rf"^(?!\s*(?:{INSTRUCTION_VERBS})\b)"),
    word(("obviously", "needless to say"), "leave it out: what is obvious to you may not be to the reader"),
    # "Of course" as an aside, not "name of course or training".
    word("of course", "leave it out: what is obvious to you may not be to the reader",
         only_before=r"^|[.!?:;,(]|\b(?:and|but|so|which|we|they|you|it|is|are|was|were|will|can|would|could|this|that)"),
    # "Label it clearly" is fine; "Clearly, we were right" is not: flag it only before a comma.
    word("clearly", "leave it out, or show the evidence", unless_after=r"[^,]|$"),
])


def _list_message(kind: str):
    return lambda found, entry: f"{quoted(found)} is {kind}: {entry.advice}"


@tone_rule("T301", "hype", Level.WARNING, "Hype and spin: claims like 'world-class' or 'seamless'.",
           "Hype makes readers doubt the rest; plain facts are more convincing.", LINK,
           flag=["We built a world-class service.", "The new form is seamless.", "This is a game-changing release.",
                 "The support we offer is unparalleled."],
           passes=["We built a service that 9 in 10 people finish without help.", "The new form has 4 questions.",
                   "The move was not as seamless as we would have liked."],
           source="Ours, from 'Writing for GOV.UK' (be specific, avoid spin): common hype in public-sector writing, such as world-class, seamless and unprecedented. Not GOV.UK's words-to-avoid list, and the message never says it is.")
def hype(context: Context):
    yield from HYPE.hits(context.prose, _list_message("hype"))


@tone_rule("T302", "buzzwords", Level.WARNING, "Business buzzwords like 'synergy', 'deep dive' and 'bandwidth'.",
           "Buzzwords exclude readers who do not share the jargon, and often hide a vaguer point.", LINK,
           flag=["We did a deep dive on the backlog.", "We do not have the bandwidth to do this.", "These are our learnings.",
                 "Reach out to the team if you need help.", "We onboarded 3 new councils.", "We need buy-in from directors."],
           passes=["We looked at the backlog in detail.", "We do not have time to do this.",
                   "The office broadband bandwidth doubled."],
           source="Ours, from 'Writing for GOV.UK' (avoid jargon): business buzzwords such as synergy, deep dive, reach out, onboard and buy-in.")
def buzzwords(context: Context):
    yield from BUZZWORDS.hits(context.prose, _list_message("a buzzword"))


@tone_rule("T303", "pompous-phrases", Level.WARNING, "Defensive or pompous phrases like 'please note' or 'prior to'.",
           "They add words without meaning and put distance between you and the reader.", LINK,
           flag=["Please note that the office is closed.", "Prior to the move, we tested twice.",
                 "It should be noted that we were late.", "We did this in order to save money.",
                 "Every effort has been made to keep this page up to date.",
                 "The council cannot accept liability for errors on other websites."],
           passes=["The office is closed on Friday.", "Before the move, we tested twice.", "We did this to save money."],
           source="The Plain English Campaign's A to Z of alternative words (in order to, prior to, in excess of, commence, endeavour), 'Writing for GOV.UK' (no 'please note'), and defensive disclaimers ('every effort has been made', 'cannot accept liability').")
def pompous(context: Context):
    yield from POMPOUS.hits(context.prose, _list_message("a wordy or defensive phrase"))


@tone_rule("T304", "condescending", Level.WARNING,
           "Words that talk down to readers: 'simply' or 'just' in instructions, 'obviously', 'clearly'.",
           "What is simple or obvious to the writer may not be to the reader, who then feels at fault.", LINK,
           flag=["Simply click the button.", "You just enter your postcode.", "Obviously, this took longer.",
                 "Clearly, we were wrong."],
           passes=["Click the button.", "We just missed the deadline.", "Label each box clearly.",
                   "Add the name of course or training provider."],
           source="'Writing for GOV.UK': do not tell readers something is easy or obvious (simply, just, obviously, of course, clearly) in instructions and asides.")
def condescending(context: Context):
    yield from CONDESCENDING.hits(context.prose, _list_message("condescending"))


# am, is, are, was, were, be, been, being, each starting a word: the word boundary is tested after the first letter,
# so the regex engine skips ahead to an a, i, w or b, where a leading \b was tried at every character.
BE = r"(?:a(?<!\wa)(?:m|re)|i(?<!\wi)s|w(?<!\ww)(?:as|ere)|b(?<!\wb)e(?:en|ing)?)"
IRREGULAR = (
    "built|done|made|given|taken|seen|written|known|shown|found|held|kept|left|lost|met|paid|put|read|run|said|"
    "sent|set|sold|spent|told|thought|brought|bought|caught|taught|won|chosen|spoken|broken|driven|eaten|"
    "fallen|forgotten|hidden|ridden|risen|shaken|stolen|sworn|torn|worn|woken|begun|drawn|grown|thrown|flown|cut|hit|shut"
)
PASSIVE = re.compile(rf"{BE}\s+(?:\w+ly\s+)?(?:\w+ed|{IRREGULAR})\b")  # searched in lower-cased text


@tone_rule("T305", "passive-voice", Level.SUGGESTION,
           "More than a quarter of a note's sentences are in the passive voice (a per-note figure, not every use).",
           "Active sentences say who does what; a note full of passive ones hides who did the work.", LINK,
           flag=["The server was moved. The tables were copied. The tests were run. Mistakes were made."],
           passes=["We moved the server. We copied the tables. The tests were run by the supplier. We made mistakes."])
def passive_voice(context: Context):
    threshold = context.options.get("passive_threshold", 0.25)
    found = list(sentences(context.prose, ("paragraph", "item")))
    if len(found) < 4:
        return  # too few sentences for a density to mean anything
    # One search over the whole text; each match counts for the sentence it starts in.
    starts = [s.start for s in found]
    passive_at = set()
    for match in PASSIVE.finditer(context.prose.lower):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < found[index].end:
            passive_at.add(index)
    passive = [found[i] for i in sorted(passive_at)]
    share = len(passive) / len(found)
    if share > threshold:
        first = passive[0]
        yield Hit(first.start, first.end,
                  f"{len(passive)} of {len(found)} sentences ({share:.0%}) are passive, above {threshold:.0%}; "
                  "say who did what, starting here")
