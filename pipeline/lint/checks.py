"""How tone rules are declared: a Rule (code, docs, examples) plus a check function.

Most rules are data: a `WordList` of words or phrases, each with what to write
instead and, where a word is fine in some senses, the context that clears it.
The few rules that need code are functions over a `Context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from pipeline.findings import Example, Level, Rule

if TYPE_CHECKING:
    from pipeline.lint.prose import Prose

EXAMPLE_PATH = "posts/example.md"


class Hit(NamedTuple):
    start: int
    end: int
    message: str
    fix: str | None = None  # an exact, safe replacement for text[start:end]


@dataclass(frozen=True)
class Context:
    """What a check may look at for one file."""

    prose: Prose
    kind: str | None  # post | weeknote | page, or None outside content/
    title: str | None
    summary: str | None
    sections: tuple[str, ...]  # the team's required headings, for a weeknote
    body_offset: int
    options: dict = field(default_factory=dict)  # [tool.notes.lint] values
    lang: str = "en"  # the note's language: its `lang`, else the site's DEFAULT_LANG
    draft: bool = False  # `status: draft`: it may still hold what notes new put there


Check = Callable[[Context], Iterable[Hit]]


def example(body: str, title: str = "A plain title", summary: str = "A short summary.") -> Example:
    """A whole post around a Markdown snippet, so examples read like the rule's subject."""
    text = f"---\ntitle: {title}\nsummary: {summary}\n---\n{body}\n"
    plain = title == "A plain title" and summary == "A short summary."
    return Example(EXAMPLE_PATH, text, shown=body if plain else "")


def tone_rule(code: str, name: str, level: Level, summary: str, why: str, link: str,
              flag: Iterable[str | Example], passes: Iterable[str | Example], *,
              english: bool = True, source: str = "") -> Callable[[Check], Check]:
    """Declare a check function's rule; rules/__init__.py lists the checks that run.

    `english` rules read English words or grammar, so a note in another
    language (`lang: cy`) is not checked by them.
    """

    def as_examples(items) -> tuple[Example, ...]:
        return tuple(item if isinstance(item, Example) else example(item) for item in items)

    def decorate(check: Check) -> Check:
        check.rule = Rule(code, name, level, summary, why, link, as_examples(flag), as_examples(passes), source)
        check.english = english
        return check

    return decorate


# ---------------------------------------------------------------------------
# Word lists

class _Lazy:
    """A regex compiled on first use: most patterns never run in a given file,
    and compiling them all would cost a tenth of a second at every start."""

    __slots__ = ("source", "flags", "compiled")

    def __init__(self, source: str, flags: int = re.IGNORECASE):
        self.source, self.flags, self.compiled = source, flags, None

    def _regex(self) -> re.Pattern:
        if self.compiled is None:
            self.compiled = re.compile(self.source, self.flags)
        return self.compiled

    def search(self, text: str):
        return self._regex().search(text)

    def finditer(self, text: str):
        return self._regex().finditer(text)


@dataclass(frozen=True)
class Word:
    """A word or phrase to avoid, in all the forms it takes.

    `unless_before` / `unless_after` clear a match by the text just before or
    after it (the sense that is fine); `only_before` / `only_after` flag a
    match only when the text around it shows the problem sense (a verb after
    "to" or "will"; "drive" before "change" but not before "to the depot").
    Given both, either one showing the sense is enough ("deliver improvements",
    "the improvements we deliver").
    """

    forms: tuple[str, ...]
    advice: str
    unless_before: _Lazy | None = None
    unless_after: _Lazy | None = None
    only_before: _Lazy | None = None
    only_after: _Lazy | None = None
    fix: str | None = None  # exact replacement, for the base form only


def word(forms: str | Iterable[str], advice: str, *, unless_before: str | None = None,
         unless_after: str | None = None, only_before: str | None = None, only_after: str | None = None,
         fix: str | None = None) -> Word:
    forms = (forms,) if isinstance(forms, str) else tuple(forms)

    def before(pattern):
        return _Lazy(f"(?:{pattern})\\s*$") if pattern else None

    def after(pattern):
        return _Lazy(f"^\\s*(?:{pattern})") if pattern else None

    return Word(tuple(f.lower() for f in forms), advice, before(unless_before), after(unless_after),
                before(only_before), after(only_after), fix)


def verb(base: str, *, double: bool = False, also: Iterable[str] = ()) -> tuple[str, ...]:
    """A regular verb's forms: utilise, utilises, utilised, utilising (double: commit, committed).

    A phrasal verb inflects its first word: reach out, reaches out, reached out, reaching out.
    """
    head, _, rest = base.partition(" ")
    tail = " " + rest if rest else ""
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = (head, head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    else:
        stem = head[:-1] if head.endswith("e") and not head.endswith("ee") else head + (head[-1] if double else "")
        third = head + ("es" if head.endswith(("s", "sh", "ch", "x", "z")) else "s")
        forms = (head, third, stem + "ed", stem + "ing")
    return (*(form + tail for form in forms), *also)


def noun(base: str, *, also: Iterable[str] = ()) -> tuple[str, ...]:
    """A noun or noun phrase and its plural, inflecting the last word: deep dive, deep dives."""
    head, _, last = base.rpartition(" ")
    lead = head + " " if head else ""
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + ("es" if last.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return (base, lead + plural, *also)


class WordList:
    """Words and phrases to find, each matched across spaces and hyphens.

    A phrase matches across spaces and hyphens ("one-stop shop", "one stop
    shop"), never inside a longer word or a hyphenated one ("re-utilise").
    Most notes contain none of a list's words, so each form is filed under
    its longest word, and a set intersection with the note's words decides,
    at C speed, which forms are worth searching for at all.
    """

    def __init__(self, words: Iterable[Word]):
        self.words = list(words)
        self.by_key: dict[str, list[tuple[_Lazy, frozenset, Word]]] = {}
        for entry in self.words:
            for form in entry.forms:
                parts = _normal(form).split()
                # Searched in lower-cased text, so no IGNORECASE. The first word leads the pattern and the
                # "not inside a longer word" test looks back from its end: a pattern that starts with a literal
                # lets the regex engine skip ahead to it, where a leading look-behind is tried at every
                # character (50 times slower over a note).
                first = re.escape(parts[0])
                pattern = _Lazy(first + rf"(?<![\w'’-]{first})" + "".join(r"[\s-]+" + re.escape(p) for p in parts[1:])
                                + r"(?![\w'’]|-\w)", 0)
                self.by_key.setdefault(max(parts, key=len), []).append((pattern, frozenset(parts), entry))

    def hits(self, prose: Prose, message: Callable[[str, Word], str]) -> Iterable[Hit]:
        """Every use of a listed form in the writer's own words (not in quotations, titles or names)."""
        words = prose.words
        keys = self.by_key.keys() & words
        if not keys:
            return
        found = []
        for key in keys:
            for pattern, needed, entry in self.by_key[key]:
                if needed <= words:
                    found += [(m.start(), -m.end(), entry) for m in pattern.finditer(prose.lower)]
        masked, last_end = prose.masked, -1
        for start, negative_end, entry in sorted(found):  # leftmost, then longest
            end = -negative_end
            if start < last_end:
                continue
            last_end = end
            if prose.someone_elses(start):
                continue
            text = masked[start:end]
            before = masked[max(0, start - 80) : start]
            after = masked[end : end + 60]
            if entry.unless_before and entry.unless_before.search(before):
                continue
            if entry.unless_after and entry.unless_after.search(after):
                continue
            if (entry.only_before or entry.only_after) and not (
                    (entry.only_before and entry.only_before.search(before))
                    or (entry.only_after and entry.only_after.search(after))):
                continue
            fix = _same_case(text, entry.fix) if entry.fix and _normal(text) == entry.forms[0] else None
            yield Hit(start, end, message(text, entry), fix)


def _normal(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower())


def _same_case(original: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[:1].isupper() else replacement


def quoted(text: str) -> str:
    return "'" + re.sub(r"\s+", " ", text) + "'"
