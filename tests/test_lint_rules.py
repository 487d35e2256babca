"""Every tone rule is complete, flags its must-flag examples and passes its must-pass ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.content.frontmatter import parse
from pipeline.catalogue import RULES
from pipeline.findings import Level
from pipeline.lint.engine import Target, lint_target
from tests.conftest import REPO

T_RULES = [rule for code, rule in sorted(RULES.items()) if code.startswith("T")]
SECTIONS = ("What went well", "What we learned", "What's next")

# proselint keeps a control text that must produce nothing; this is ours.
CONTROL = """---
title: What we learned from moving the case database
summary: The move took three attempts. Here is what went wrong, and what we changed.
---
We moved the case database to a new platform on Saturday. Caseworkers were back by 12:40pm.

## What went well

The Department for Work and Pensions (DWP) sent us test data in advance. DWP staff also joined the rehearsal.
Keep the spare key in the key safe. We deliver food parcels on Tuesdays.

## What we learned

Read [the migration plan](https://example.gov.uk/plan) before you start. Run `utilise --all` to check.

```
We utilise code blocks, and nothing in them is checked!
```

> A resident said: "It's crazy how fast it is now!"
"""


def lint(example) -> list:
    doc = parse(example.text, Path(example.path), example.path)
    kind = "weeknote" if example.path.startswith("weeknotes/") else "post"
    target = Target(example.path, example.text, kind, SECTIONS if kind == "weeknote" else (), doc)
    return lint_target(target, {})


@pytest.mark.parametrize("rule", T_RULES, ids=lambda r: r.code)
def test_rule_is_documented_completely(rule):
    assert re.fullmatch(r"T\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert isinstance(rule.level, Level)
    assert rule.summary.endswith(".") and rule.why.endswith(".")
    assert rule.link.startswith(("https://www.gov.uk/", "docs/rules.md#"))
    assert rule.must_flag and rule.must_pass


def test_every_rule_has_a_section_in_docs():
    docs = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in T_RULES:
        assert f'<a id="{rule.code.lower()}"></a>' in docs, f"{rule.code} is missing from docs/rules.md"


@pytest.mark.parametrize("rule, example", [(r, e) for r in T_RULES for e in r.must_flag],
                         ids=lambda v: getattr(v, "code", None) or "")
def test_must_flag(rule, example):
    assert rule.code in [f.code for f in lint(example)]


@pytest.mark.parametrize("rule, example", [(r, e) for r in T_RULES for e in r.must_pass],
                         ids=lambda v: getattr(v, "code", None) or "")
def test_must_pass_and_flags_nothing_else(rule, example):
    assert [str(f) for f in lint(example)] == []


def test_control_text_produces_nothing():
    from pipeline.findings import Example

    assert [str(f) for f in lint(Example("posts/control.md", CONTROL))] == []
