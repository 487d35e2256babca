"""T101 words to avoid and T102 metaphors, from the GOV.UK A to Z style guide.

Source: https://www.gov.uk/guidance/style-guide/a-to-z#words-to-avoid — every
word and phrase here is on that list, and nothing else is (the custom `avoid`
table in [tool.notes.lint] adds a site's own). Each entry lists the word's
forms (verb(): utilise, utilises, utilised, utilising) and the sense GOV.UK
objects to: "deliver" improvements, not parcels, training or a service;
"focus on" work, not keyboard focus; a "key" issue, not a key card or the
Esc key; an "agenda" for change, not a meeting's.
"""

from __future__ import annotations

from pipeline.findings import Level
from pipeline.lint.checks import Context, WordList, noun, quoted, tone_rule, verb, word

LINK = "https://www.gov.uk/guidance/style-guide/a-to-z#words-to-avoid"

# Words before a verb that show it is used as a verb ("to land", "will impact").
VERB_CONTEXT = (
    r"\b(?:to|will|would|could|can|should|must|may|might|shall|did|does|do|not|we|they|you|i|"
    r"helps?|helped|also|cannot|won't|didn't|doesn't)"
)
# Nouns that make "deliver" literal.
PHYSICAL = (
    r"(?:them|it|one|ones)\b|(?:on|to|by|every|each|weekly|daily|within|free|twice|once)\b|"
    r"(?:[\w,.%£]+\s+){0,3}?(?:food|parcels?|letters?|post|mail|leaflets?|goods|packages?|meals?|newspapers?|"
    r"equipment|laptops?|boxes|furniture|medicines?|prescriptions?|bins?|bags?|keys|supplies|books|cards?)\b"
)
# What GOV.UK says is delivered besides post: services, and the sessions and training that make them up.
SERVICES = r"services?|training|sessions?|courses?|workshops?|talks?|lessons?|presentations?|classes|care|support"
SOFTWARE = (
    r"(?:\w+\s+){0,3}?(?:code|app|apps|application|release|releases|software|version|changes?|fix|fixes|"
    r"update|updates|patch|patches|containers?|servers?|build|site|service|to (?:production|staging|live))\b"
)
# What "drive" drives when it is a metaphor.
ABSTRACT_OBJECTS = (
    r"change|changes|improvements?|growth|innovation|efficienc(?:y|ies)|adoption|value|behaviours?|demand|uptake|"
    r"engagement|performance|outcomes?|results|transformation|forward|down (?:the )?costs?|up (?:the )?standards|agenda|"
    r"culture|standards|savings|productivity|action|decisions|success|force|momentum|reform|modernisation"
)
# Nouns after "key" that make a compound noun, not the adjective.
KEY_COMPOUNDS = (
    r"card|cards|safe|safes|fob|fobs|ring|rings|holder|holders|worker|workers|stage|stages|code|codes|box|boxes|"
    r"cutting|pad|chain|chains|stroke|strokes|signing|word|words|date|dates|cabinets?|cupboards?|locks?|itself|"
    r"press|presses|pressed|board|boards|binding|bindings|value|values|pair|pairs"
)
# "Key" after these is a thing that opens or presses: "the tab key", "a spare key".
KEY_AS_OBJECT_BEFORE = (
    r"\b(?:tab|enter|return|escape|esc|shift|control|ctrl|alt|space|arrow|delete|backspace|function|spare|door|"
    r"front door|car|house|master|physical|digital|security|encryption|api|public|private|office|new|old|single)['’\"]?"
)
# What follows "key" when it is a noun ("the key to", "a spare key.", "key and lock").
KEY_AS_NOUN = (
    r"(?:to|for|of|and|or|in|on|was|is|are|were|has|had|with|from|at|that|which|will|can|should|must|"
    r"would|could)\b|[^\w\s]|$"
)

WORDS = WordList([
    word(noun("agenda"), "write 'plan', unless it is a meeting's agenda",
         unless_after=r"items?\b|points?\b|(?:\w+\s+){0,4}?(?:meetings?|workshops?|sessions?|calls?|events?|"
                      r"conferences?|days?|stand-?ups?|retros?|show and tells?)\b",
         unless_before=r"(?:meeting|workshop|session|event|conference|call|day)(?:'s|’s)?|\ban|\bon the|"
                       r"\b(?:send|sends|sent|sending|share|shares|shared|circulate|circulated|read|follow|followed|"
                       r"draft|drafted|write|wrote|written) (?:the|an|out the|our|your)"),
    word(("advance", "advances", "advancing"), "write 'improve'", unless_before=r"\bin|\bpay|\bcash|\bsalary",
         unless_after=r"notice|booking|payments?|warning|of\b|tickets?|equality"),  # "advance equality": the Equality Act
    word("advanced", "write 'improved'", only_before=r"\b(?:we|they|has|have|had|it|this|that|which|and)"),
    word(verb("collaborate"), "write 'work with'"),
    word(verb("combat", also=("combatted", "combatting")), "write 'solve', 'fix' or 'stop'"),
    word(verb("commit", double=True), "write 'plan to' or 'will'",
         unless_after=r"(?:the |our |your |a |this |these |those )?(?:code|changes?|fix|files?)\b", unless_before=r"\bgit"),
    word(verb("pledge"), "write 'plan to' or 'will'"),
    word(("counter", "counters", "countered", "countering"), "write 'prevent' or 'stop'", only_before=VERB_CONTEXT),
    # GOV.UK: "pizzas, post and services are delivered – not abstract concepts like 'improvements' or 'priorities'".
    word(verb("deliver"), "say what you will make, create or provide: 'deliver' is for things and services, "
         "not improvements or priorities",
         unless_after=rf"(?:{PHYSICAL})|(?:\w+\s+){{0,3}}?(?:{SERVICES})\b",
         unless_before=rf"\b(?:{SERVICES})(?:\s+\w+){{0,4}}"),
    word(verb("deploy"), "write 'use', 'build' or 'put into place'", unless_after=SOFTWARE),
    word(("dialogue", "dialogues"), "write 'discussion'"),
    word(verb("disincentivise", also=verb("disincentivize")), "write 'discourage'"),
    word(verb("empower"), "write 'allow' or 'give permission'"),
    word(verb("facilitate"), "say what you did: ran, organised, helped"),
    # GOV.UK lists "focusing": the verb, "focus on" work. Keyboard focus (a focus state, moving focus, the
    # focused link) and the noun ("lose focus") are other senses.
    word(("focus", "focuses", "focused", "focusing", "focussed", "focussing", "focusses"), "write 'work on' or 'concentrate on'",
         only_after=r"(?:\w+ly\s+|first\s+|more\s+|less\s+|only\s+|instead\s+|mainly\s+|solely\s+)?(?:on|upon)\b",
         unless_before=r"\b(?:keyboard|visible|visual|input|initial|the|its|their|a)"),
    word(verb("foster"), "write 'encourage'",
         unless_after=r"(?:care|carers?|parents?|famil(?:y|ies)|child|children|placements?|homes?)\b",
         unless_before=r"\bto be a|\bcould|\bwho"),
    word(("impacted", "impacting"), "write 'affected' or 'affecting'"),
    word(("impact", "impacts"), "write 'affect'", only_before=VERB_CONTEXT),
    word(verb("incentivise", also=verb("incentivize")), "write 'encourage'"),
    word(verb("initiate"), "write 'start'"),
    word("key", "write 'important', or say why it matters", unless_after=rf"(?:{KEY_COMPOUNDS})\b|{KEY_AS_NOUN}",
         unless_before=KEY_AS_OBJECT_BEFORE),
    word(("land", "landed", "landing"), "write 'get' or 'achieve'", only_before=VERB_CONTEXT + r"|\b(?:successfully|finally|we've|they've|have|has)",
         unless_after=r"pages?\b|strips?\b|registry|use\b"),
    word(verb("leverage"), "write 'use' or 'influence'"),
    word(verb("liaise"), "write 'work with'"),
    word("overarching", "write 'encompassing', or leave it out"),
    word(("progress", "progresses", "progressed", "progressing"), "write 'work on' or 'develop'", only_before=VERB_CONTEXT,
         unless_after=r"(?:on\s+)?(?:to|through|from|beyond)\b"),  # "progress to the next page" is moving on
    # GOV.UK: "unless you're talking about an ad campaign or some other marketing promotion".
    word(verb("promote"), "write 'recommend' or 'support'",
         unless_after=r"to\b|(?:\w+\s+){0,3}?(?:products?|services?|business(?:es)?|tourism|brands?|events?|"
                      r"campaigns?|sales?|goods|offers?)\b"),
    word(("robust", "robustly"), "write 'well thought out', or say how"),
    word(("slim down", "slims down", "slimmed down", "slimming down"), "write 'reduce'"),
    word(verb("streamline"), "write 'simplify'"),
    word("strengthening", "say how you are making it stronger", unless_after=r"(?:the )?(?:bridges?|walls?|structures?|foundations?|roofs?)\b"),
    word(verb("tackle"), "write 'solve' or 'deal with'"),
    word(verb("transform", also=("transformation", "transformational", "transformative")), "describe the change you are making"),
    word(verb("utilise", also=verb("utilize")) + ("utilisation", "utilization"), "write 'use'", fix="use"),
])

METAPHORS = WordList([
    # Only the metaphor: "drive change", never "drive to the depot" or "a hard drive".
    word(("drive", "drives", "driving", "drove", "driven"), "write 'create', 'cause' or 'encourage'",
         only_after=rf"(?:the |our |real |better |more |further |lasting )?(?:{ABSTRACT_OBJECTS})\b"),
    word(("drive out", "drives out", "driving out", "drove out", "driven out"), "write 'stop', 'prevent' or 'remove'",
         unless_after=r"to\b"),
    # "Moving forward to an interview" is moving on, not a metaphor for the future.
    word(("going forward", "going forwards", "moving forward", "moving forwards"), "write 'from now on' or 'in future'",
         unless_after=r"(?:to|with|into)\b"),
    word(("one-stop shop", "one-stop shops"), "write 'website' or 'service'"),
    word(("ring fencing", "ring fence", "ring fenced", "ring fences"), "write 'separate' or 'protect'"),
])


def _message(found: str, entry) -> str:
    return f"{quoted(found)} is a word to avoid in GOV.UK style: {entry.advice}"


def _metaphor(found: str, entry) -> str:
    return f"{quoted(found)} is a metaphor to avoid in GOV.UK style: {entry.advice}"


@tone_rule(
    "T101", "words-to-avoid", Level.WARNING,
    "A word from GOV.UK's list of words to avoid, with what to write instead.",
    "These words are vague or jargon; plain words say what is actually happening.",
    LINK,
    flag=["We utilised the old server.", "Teams will leverage the platform.", "We will deliver improvements.",
          "This is a key issue for us.", "The change impacted 300 people.", "We want to land the deal this year.",
          "We need to tackle the backlog.", "We focused on the backlog.", "This will empower teams.",
          "The agenda for next year is ambitious.", "These are the improvements we delivered.",
          "We delivered four of the six things we planned.",
          "The team focuses first on the backlog."],
    passes=["We used the old server.", "We deliver food parcels to 300 homes.", "Ask for a key card at reception.",
            "Keep the spare key in the key safe.", "The key to the store room is lost.", "The land registry data is open.",
            "We made good progress this week.", "Ask at the library counter.", "Book in advance.",
            "We ran a focus group with 8 caseworkers.", "Foster carers can apply online.", "We deployed the code on Tuesday.",
            "The impact on residents was small.", "Read the agenda for the meeting.",
            "The focus indicator is a yellow outline.", "Move keyboard focus to the error summary.",
            "When links are focused, they have a yellow background.", "We deliver training to 40 caseworkers.",
            "Councils deliver the service.", "We sent an agenda before the workshop.", "Press the 'esc' key to leave.",
            "Do not use it to promote a product.", "Users progress to the next page."],
    source="GOV.UK style guide A to Z, 'Words to avoid' (every entry, nothing added), each word with its forms and the senses GOV.UK allows (deliver a service, a key card, a meeting's agenda, keyboard focus); plus the site's own [tool.notes.lint] avoid table.")
def words_to_avoid(context: Context):
    yield from WORDS.hits(context.prose, _message)
    extra = context.options.get("avoid") or {}
    if extra:
        custom = WordList(word(form, f"write '{use}'") for form, use in extra.items())
        yield from custom.hits(context.prose, _message)


@tone_rule(
    "T102", "metaphors", Level.WARNING,
    "A metaphor GOV.UK asks us not to use, with the plain word to use instead.",
    "Metaphors like 'drive' and 'going forward' hide what is really happening and can be hard to translate.",
    LINK,
    flag=["This will drive change across the council.", "Going forward, we will publish monthly.",
          "Moving forwards, we will publish monthly.", "The new site is a one-stop shop for residents.",
          "The money is ring fenced for repairs.", "We want to drive out fraud."],
    passes=["Staff drive to the depot each morning.", "Save it on the shared drive.",
            "From now on, we will publish monthly.", "We did this to save money.", "The bus hub reopens on Monday.",
            "The Housing Hub portal opens on Monday.", "Candidates moving forward to an interview get an email."],
    source="GOV.UK style guide A to Z, 'Words to avoid': its metaphors (drive, drive out, going forward, one-stop shop, ring fencing), with variants such as 'moving forwards'.")
def metaphors(context: Context):
    yield from METAPHORS.hits(context.prose, _metaphor)

