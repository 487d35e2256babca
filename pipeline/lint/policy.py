"""What gets reported, and at which level: [tool.notes.lint] select, ignore, levels, overrides.

Every family of rules (metadata M, tone T, cadence C) reports through this
policy, so one configuration governs them all. Codes are matched by prefix,
as in flake8 and Ruff: `T1` means every rule from T100 to T199.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from typing import Any

from pipeline import config
from pipeline.findings import Finding, Level

LEVELS = {"error": Level.ERROR, "warning": Level.WARNING, "suggestion": Level.SUGGESTION, "off": None}


def _codes(value: Any) -> tuple[str, ...]:
    from pipeline.catalogue import RULES  # loaded only when a config names codes

    prefixes = config.string_list(value)
    for prefix in prefixes:
        if not any(code.startswith(prefix.upper()) for code in RULES):
            raise config.Invalid(f"'{prefix}', which matches no rule (run 'notes rules')")
    return tuple(p.upper() for p in prefixes)


def _levels(value: Any) -> dict[str, Level | None]:
    table = config.string_table(value)
    out = {}
    for code, level in table.items():
        _codes([code])
        if level not in LEVELS:
            raise config.Invalid(f"'{level}' for {code}")
        out[code.upper()] = LEVELS[level]
    return out


def _share(value: Any) -> float:
    share = config.number(value)
    if not 0 <= share <= 1:
        raise config.Invalid(config.describe(value))
    return share


def _https_prefixes(value: Any) -> tuple[str, ...]:
    prefixes = config.string_list(value)
    for prefix in prefixes:
        # A bare "https://" would admit every site; a prefix must name a host and a path.
        if not prefix.lower().startswith("https://") or "/" not in prefix[len("https://"):]:
            raise config.Invalid(f"'{prefix}', which is not an https:// address ending in a path like /embed/")
    return tuple(prefixes)


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    levels: dict[str, Level | None]


def _overrides(value: Any) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise config.Invalid(config.describe(value))
    out = []
    for entry in value:
        unknown = set(entry) - {"paths", "select", "ignore", "levels"}
        if unknown or "paths" not in entry:
            raise config.Invalid(f"an override with keys {', '.join(sorted(entry))}")
        out.append(Override(
            paths=config.string_list(entry["paths"]),
            select=_codes(entry.get("select", [])),
            ignore=_codes(entry.get("ignore", [])),
            levels=_levels(entry.get("levels", {})),
        ))
    return tuple(out)


SECTION = config.section(
    "lint",
    "Which rules run, and how much each matters.",
    config.Option("select", _codes, (), "a list of rule codes or prefixes like [\"T1\", \"M\"]",
                  "Report only rules matching these prefixes (default: all)."),
    config.Option("ignore", _codes, (), "a list of rule codes or prefixes like [\"T203\"]",
                  "Never report rules matching these prefixes."),
    config.Option("levels", _levels, {}, "a table of rule code to error, warning, suggestion or off",
                  "Change a rule's level, e.g. {T301 = \"error\"}."),
    config.Option("overrides", _overrides, (), "a list of tables with paths and select, ignore or levels",
                  "Per-path policy, e.g. [[tool.notes.lint.overrides]] paths = [\"content/weeknotes/**\"]."),
    config.Option("avoid", config.string_table, {}, "a table of word to replacement, like {synergise = \"work together\"}",
                  "More words to avoid (T101), each with what to write instead."),
    config.Option("acronyms", config.string_list, (), "a list of acronyms like [\"DfE\", \"HMRC\"]",
                  "Acronyms readers know, which need no spelling out (T401)."),
    config.Option("names", config.string_list, (), "a list of names like [\"Marks & Spencer\", \"Housing Hub\"]",
                  "Names of organisations, products and pages: word, hype, capitals and ampersand rules stay quiet "
                  "inside them, and --fix never edits them. The site's teams, authors and tags are names already."),
    config.Option("passive_threshold", _share, 0.25, "a number from 0 to 1, like 0.25",
                  "The share of passive sentences above which T305 reports a note."),
    config.Option("block_quotes", config.boolean, False, "true or false",
                  "Lint block quotes too; by default they are someone else's words and skipped."),
    config.Option("cache", config.boolean, True, "true or false",
                  "Keep tone findings of unchanged files in .notes-cache/ between runs."),
    config.Option("allowed_embeds", _https_prefixes, (), "a list of https:// URL prefixes like [\"https://www.youtube-nocookie.com/embed/\"]",
                  "Frames (<iframe src=...>) from these addresses pass S101 and stay in pages and feeds."),
)


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def _level_for(code: str, levels: dict[str, Level | None], default: Level | None) -> Level | None:
    # The longest matching prefix wins, so T1 = "off" with T101 = "error" keeps T101.
    matching = sorted((p for p in levels if code.startswith(p)), key=len)
    return levels[matching[-1]] if matching else default


def apply(findings: list[Finding], settings) -> list[Finding]:
    """Filter findings and set their levels by the [tool.notes.lint] policy."""
    kept = []
    for finding in findings:
        select, ignore, levels = settings["select"], settings["ignore"], dict(settings["levels"])
        for override in settings["overrides"]:
            if any(fnmatch.fnmatch(finding.path, pattern) for pattern in override.paths):
                select = override.select or select
                ignore = ignore + override.ignore
                levels.update(override.levels)
        if select and not _matches(finding.code, select):
            continue
        if _matches(finding.code, ignore):
            continue
        level = _level_for(finding.code, levels, finding.level)
        if level is not None:
            kept.append(replace(finding, level=level) if level != finding.level else finding)
    return kept
