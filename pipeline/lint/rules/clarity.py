"""T401-T407 clarity: acronyms, eg/ie/etc, ampersands, negative contractions, capitals, ! and ;

Source: https://www.gov.uk/guidance/style-guide/a-to-z
"""

from __future__ import annotations

import re

from pipeline.findings import Level
from pipeline.lint.checks import Context, Hit, quoted, tone_rule

LINK = "https://www.gov.uk/guidance/style-guide/a-to-z"

# Acronyms GOV.UK writes without spelling out ("well known, like UK, DVLA, US, EU, VAT and MP"), and file
# formats and web standards named by their letters; [tool.notes.lint] acronyms adds a site's own.
KNOWN_ACRONYMS = frozenset(
    "AI AM API BBC CCTV COVID CV DIY DVD EU FAQ GB GCSE GMT GP HIV HM HR HTML ID IT MOT MP NHS NI OK PC PDF PIN PM "
    "QR SMS TV UK UN UNESCO UNICEF URL US USA USB UTC VAT VPN WHO "
    "CSS CSV DOC DOCX GIF HTTP HTTPS IP JPEG JPG JSON MP3 MP4 ODS ODT PNG PPT SVG TIF TIFF TXT XLS XLSX XML ZIP "
    "AA AAA".split()  # WCAG's conformance levels are named by their letters
)
# Names written in capitals that are not abbreviations of anything a reader needs spelled out.
NAMES = frozenset("CAPTCHA JAWS NVDA PHP README WAVE".split())
# Block-capital words that shout rather than abbreviate.
SHOUTING = frozenset(
    "IMPORTANT NOTE WARNING URGENT NEVER ALWAYS MUST NOT NOW FREE NEW PLEASE ONLY ALL NO YES STOP DO DONT "
    "CANNOT REQUIRED MANDATORY ATTENTION DEADLINE READ THIS YOU YOUR WILL BEFORE AFTER TODAY "
    "IF THEN AND OR WHEN GIVEN ELSE BUT".split()
)
ROMAN = re.compile(r"[IVXLC]+")
# A run of capitals and digits (two capitals at least, checked after), not followed by more of a word: a ".UK"
# (GOV.UK), a zero-width joiner or a hyphen. The run is possessive (*+): a long run cannot backtrack, so one
# line of capitals costs its length, not its cube. What may not come before the run is tested after its first
# capital, not in a look-behind ahead of it: a pattern that starts with a character class lets the regex engine
# skip to the next capital, where a leading assertion is tried at every character (four times slower).
ACRONYM = re.compile(r"([A-Z](?<![\w.\u200c\u200d-][A-Z])[A-Z0-9]*+)(s)?(?!\w|[.\u200c\u200d]+\w|-\w)")
SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
TITLE_WORD = re.compile(r"[A-Z][a-z]")
CAPITAL_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+(?:['’][A-Z]+)?\b")  # \b[A-Z]{2,}…, starting at a capital, as above
EG_IE_ETC = re.compile(r"(?<![\w.])(e\.?\s?g\.?|i\.?\s?e\.?|etc\.?)(?=[\s,;:)]|$)", re.IGNORECASE)
AMPERSAND = re.compile(r"(?<=\s)&(?=\s)")
CONTRACTIONS = {
    "can't": "cannot", "won't": "will not", "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "isn't": "is not", "aren't": "are not", "wasn't": "was not", "weren't": "were not", "haven't": "have not",
    "hasn't": "has not", "hadn't": "had not", "couldn't": "could not", "shouldn't": "should not",
    "wouldn't": "would not", "mustn't": "must not", "needn't": "need not", "shan't": "shall not",
}
CONTRACTION = re.compile(r"\b(" + "|".join(c.replace("'", "['’]") for c in CONTRACTIONS) + r")\b", re.IGNORECASE)


@tone_rule("T401", "unexpanded-acronym", Level.WARNING,
           "An acronym used without being spelled out the first time, as in 'Government Digital Service (GDS)'.",
           "Readers cannot look up what an acronym means; spelling it out once costs a few words.",
           LINK + "#abbreviations-and-acronyms",
           flag=["The DWP will publish the data.", "We met the GDS team. The Government Digital Service (GDS) helped.",
                 "We released the MVP in March."],
           passes=["The Department for Work and Pensions (DWP) will publish the data. DWP will also publish the code.",
                   "The BBC and the NHS use the same approach.", "We moved the APIs (application programming interfaces).",
                   "Send it to SW1A 2AA, or upload a CSV file.", "Pages must use the GDS Transport typeface.",
                   "Ask the Senior Leadership Team SLT first.", "Meet level AA of the standard.",
                   "Do not write ‘NINO’ in the question.", "Read about it on GOV.\u200cUK today.",
                   "Roles need SEND experience (special educational needs and disabilities)."],
           source="GOV.UK style guide A to Z, 'Abbreviations and acronyms'; the acronyms GOV.UK writes without spelling out, file formats, and [tool.notes.lint] acronyms are allowed.")
def unexpanded_acronym(context: Context):
    allowed = KNOWN_ACRONYMS | {a.upper() for a in context.options.get("acronyms", ())}
    masked = context.prose.masked
    # An acronym spelled out in the title, "… the applicant tracking system (ATS) …", is spelled out for the page.
    seen: set[str] = {m.group(1) for b in context.prose.blocks if b.kind == "title"
                      for m in re.finditer(r"\(([A-Z][A-Za-z]*[A-Z])s?\)", masked[b.start : b.end])}
    for block in context.prose.blocks:
        if block.kind == "title":
            continue  # titles are short; the acronym is spelled out where the text starts
        for match in ACRONYM.finditer(masked, block.start, block.end):
            acronym = match.group(1)
            if sum(c.isupper() for c in acronym) < 2:
                continue
            if acronym in seen or acronym in allowed or acronym in SHOUTING or acronym in NAMES or ROMAN.fullmatch(acronym):
                continue
            if any(c.isdigit() for c in acronym) and acronym.rstrip("0123456789") in allowed | {""}:
                continue  # HTML5, MP3
            before = masked[max(0, match.start() - 1) : match.start()]
            after = masked[match.end() : match.end() + 2]
            if before == "(" or after.startswith(" ("):
                seen.add(acronym)
                continue  # "Full Name (ACR)" or "ACR (Full Name)", even in a quoted question
            if _not_an_acronym(context, masked, match, block):
                continue
            seen.add(acronym)
            if _spelled_out_nearby(masked, acronym, match.start(), match.end()):
                continue  # "the Senior Leadership Team SLT", "SEND (special educational needs and disabilities)"
            yield Hit(match.start(), match.end(),
                      f"{quoted(acronym)} is not spelled out: write it in full the first time, "
                      f"then the acronym in brackets")


def _not_an_acronym(context: Context, masked: str, match: re.Match, block) -> bool:
    """Capitals that are someone else's words, part of a name, a code, or a run of shouting (T405's)."""
    start, end = match.span()
    if context.prose.someone_elses(start):
        return True  # quoted interface text or a title in link text: 'The selected file must be a CSV'
    if any(c.isdigit() for c in match.group(1)) or re.match(r" \d", masked[end : end + 2]):
        return True  # a postcode or a reference (SW1A, ABC12345678), or a format like 'QQ 12 34 56 C'
    before_words = masked[max(block.start, start - 60) : start].split()
    after_words = masked[end : min(block.end, end + 60)].split()
    previous = before_words[-1] if before_words else ""
    following = after_words[0] if after_words else ""
    if re.search(r"\b(?:known as|called|named|termed)(?: the| a| an)?\s*['‘\"“]?$", masked[max(block.start, start - 40) : start]):
        return True  # "sometimes known as the SWIFT code": the writer is naming the term, not using it
    if previous.lower() in ("level", "levels") or any(w.lower().strip(",.") in ("level", "levels") for w in after_words[:3]):
        return True  # WCAG conformance level AA; the AS level qualification, "GCSE, AS and A level"
    if CAPITAL_WORD.fullmatch(previous.strip(",;:")) or CAPITAL_WORD.fullmatch(following.strip(",;:.")):
        if not (previous.strip(",;:") in KNOWN_ACRONYMS or following.strip(",;:.") in KNOWN_ACRONYMS):
            return True  # part of a run of capitals: shouting, which T405 reports once
    starts_sentence = len(before_words) < 2 or before_words[-2][-1:] in ".!?:"
    if TITLE_WORD.match(following) or (TITLE_WORD.match(previous) and previous[-1:] not in ".!?:"
                                       and not starts_sentence):
        return True  # part of a name: GDS Transport, Mac OS VoiceOver, DWP Authenticate
    return False


def _spelled_out_nearby(masked: str, acronym: str, start: int, end: int) -> bool:
    """Whether words whose initials spell the acronym stand just before it or in brackets after it."""
    letters = acronym.upper()
    before = [w for w in re.findall(r"[A-Za-z]+", masked[max(0, start - 120) : start]) if w.lower() not in SMALL_WORDS]
    if "".join(w[0] for w in before[-len(letters):]).upper() == letters:
        return True
    bracket = re.search(r"\(([^()]{3,150})\)", masked[end : end + 200])
    if bracket:
        inside = [w for w in re.findall(r"[A-Za-z]+", bracket.group(1)) if w.lower() not in SMALL_WORDS]
        return "".join(w[0] for w in inside).upper().startswith(letters)
    return False


@tone_rule("T402", "eg-ie-etc", Level.WARNING, "The abbreviations eg, ie and etc.",
           "Screen readers and many readers stumble on them; plain words are clearer.", LINK + "#eg-etc-and-ie",
           flag=["Bring ID, eg a passport.", "Use the new form, ie the online one.", "Forms, letters etc."],
           passes=["Bring ID, for example a passport.", "Use the new form, that is the online one."],
           source="GOV.UK style guide A to Z, 'eg, etc and ie'.")
def eg_ie_etc(context: Context):
    if not context.prose.words & {"eg", "e", "ie", "i", "etc"}:
        return
    advice = {"e": "'for example' or 'like'", "i": "'that is', or rewrite the sentence", "t": "'and so on', or list everything"}
    for match in EG_IE_ETC.finditer(context.prose.masked):
        if context.prose.someone_elses(match.start()):
            continue
        key = match.group(1).lower()[0] if not match.group(1).lower().startswith("etc") else "t"
        yield Hit(match.start(1), match.end(1), f"{quoted(match.group(1))}: write {advice[key]} instead")


@tone_rule("T403", "ampersand", Level.WARNING, "An ampersand (&) in prose.",
           "GOV.UK uses 'and' unless '&' is part of a name, such as a company's.", LINK + "#ampersand",
           flag=["Housing & repairs.", "We moved towns & cities first."],
           passes=["Housing and repairs.", "We met M&S and the council.", "We met Marks & Spencer.",
                   "Ask HM Revenue & Customs.", "The ‘Terms & conditions’ link moved."])
def ampersand(context: Context):
    masked = context.prose.masked
    if "&" not in masked:
        return
    for match in AMPERSAND.finditer(masked):
        before = masked[max(0, match.start() - 40) : match.start()].split()
        after = masked[match.end() : match.end() + 40].split()
        if before and after and TITLE_WORD.match(before[-1]) and TITLE_WORD.match(after[0]):
            continue  # part of a name: Marks & Spencer, HM Courts & Tribunals Service
        if context.prose.someone_elses(match.start()):
            continue
        yield Hit(match.start(), match.end(), "'&' in prose: write 'and'", "and")


@tone_rule("T404", "negative-contraction", Level.WARNING, "A negative contraction like can't, don't or won't.",
           "Negative contractions are harder to read, especially for people whose first language is not English.",
           LINK + "#contractions",
           flag=["You can't apply by post.", "We didn’t meet the target."],
           passes=["You cannot apply by post.", "We're pleased with the result.", "It's ready.",
                   "One caseworker said “I don't know where to click.”"],
           source="GOV.UK style guide A to Z, 'Contractions': negative contractions (can't, don't, won't and the rest).")
def negative_contraction(context: Context):
    masked = context.prose.masked
    if "n't" not in masked and "n’t" not in masked:
        return  # most notes have none: skip the regex
    for match in CONTRACTION.finditer(masked):
        if context.prose.someone_elses(match.start()):
            continue  # a quotation keeps its speaker's words
        found = match.group(1)
        full = CONTRACTIONS[found.lower().replace("’", "'")]
        if found[0].isupper():
            full = full[0].upper() + full[1:]
        yield Hit(match.start(), match.end(), f"{quoted(found)}: write {quoted(full)}", full)


@tone_rule("T405", "block-capitals", Level.WARNING, "Words in block capitals, which read as shouting.",
           "Capitals are harder to read and sound like shouting; use bold or a clear sentence instead.",
           LINK + "#capitalisation",
           flag=["You MUST apply by Friday.", "PLEASE READ THIS FIRST."],
           passes=["You must apply by Friday.", "The NHS and the BBC.", "Ask the DVLA (Driver and Vehicle Licensing Agency).",
                   "Job titles like ‘TEACHER OF ENGLISH’ are changed to sentence case."],
           source="GOV.UK style guide A to Z, 'Capitalisation'; the shouted words list (MUST, NOT, IMPORTANT…) is ours.")
def block_capitals(context: Context):
    masked = context.prose.masked
    # Capital words found in one pass, then grouped into runs separated only by spaces.
    runs: list[list[re.Match]] = []
    for match in CAPITAL_WORD.finditer(masked):
        if runs and not masked[runs[-1][-1].end() : match.start()].strip(" \t"):
            runs[-1].append(match)
        else:
            runs.append([match])
    for run in runs:
        words = [m.group().strip("'’") for m in run]
        start, end = run[0].start(), run[-1].end()
        if context.prose.someone_elses(start):
            continue  # quoted data or a quoted sign: ‘TEACHER OF ENGLISH’ becomes ‘Teacher of English’
        if len(run) >= 2 and (len(run) >= 3 or any(w in SHOUTING for w in words)):
            yield Hit(start, end, f"{quoted(masked[start:end])} is in block capitals: write it in sentence case")
        elif len(run) == 1 and words[0] in SHOUTING:
            yield Hit(start, end, f"{quoted(words[0])} is in block capitals: write it in lower case")


@tone_rule("T406", "exclamation-mark", Level.WARNING, "An exclamation mark.",
           "GOV.UK avoids exclamation marks: they can read as shouting or as not serious.", LINK + "#exclamation-marks",
           flag=["We launched the service!"], passes=["We launched the service.", "![A chart of weekly visits](chart.png)"])
def exclamation_mark(context: Context):
    if "!" not in context.prose.masked:
        return
    for match in re.finditer(r"!+", context.prose.masked):
        if context.prose.someone_elses(match.start()):
            continue
        yield Hit(match.start(), match.end(), "exclamation mark: end the sentence with a full stop")


@tone_rule("T407", "semicolon", Level.SUGGESTION, "A semicolon in prose.",
           "Semicolons are often misread; two sentences are clearer.", LINK + "#semicolons",
           flag=["We moved the tables; it took a day."], passes=["We moved the tables. It took a day.", "Use &amp; in HTML."])
def semicolon(context: Context):
    if ";" not in context.prose.masked:
        return
    for match in re.finditer(";", context.prose.masked):
        if context.prose.someone_elses(match.start()):
            continue
        yield Hit(match.start(), match.end(), "semicolon: split the sentence in two, or use a comma or 'and'")

