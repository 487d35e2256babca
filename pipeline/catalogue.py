"""Every rule notes checks, by code: one explicit list, as proselint's registry is, not filled by imports.

Metadata rules (M) come from the content contract, the link rule (L) from
the site-wide link check, cadence rules (C) from the cadence analysis, and tone and security rules (T, S) from the lint
checks; `notes rules`, the lint policy and every output format read them here.
"""

from __future__ import annotations

from pipeline.cadence import rules as cadence_rules
from pipeline import external_links
from pipeline.content import links
from pipeline.content import rules as metadata_rules
from pipeline.findings import Rule
from pipeline.lint.rules import CHECKS


def _by_code(*rules: Rule) -> dict[str, Rule]:
    codes: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in codes:
            raise ValueError(f"rule code {rule.code} is declared twice")
        codes[rule.code] = rule
    return codes


RULES: dict[str, Rule] = _by_code(*metadata_rules.RULES, links.RULE, external_links.RULE, *cadence_rules.RULES,
                                  *(check.rule for check in CHECKS.values()))
