"""Every metadata rule is complete, flags its must-flag examples and passes its must-pass ones."""

from __future__ import annotations

import re

import pytest

from pipeline.content import rules as metadata_rules
from pipeline.content.loader import load_site
from pipeline.catalogue import RULES
from pipeline.findings import Level
from tests.conftest import write

M_RULES = [rule for code, rule in RULES.items() if code.startswith("M")]


def _load_with(tmp_path, monkeypatch, example):
    for relative, text in metadata_rules.EXAMPLE_SITE.items():
        write(tmp_path / relative, text)
    write(tmp_path / example.path, example.text)
    monkeypatch.chdir(tmp_path)
    return load_site(tmp_path)


@pytest.mark.parametrize("rule", M_RULES, ids=lambda r: r.code)
def test_rule_is_documented_completely(rule):
    assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert isinstance(rule.level, Level)
    assert rule.summary.endswith(".") and rule.why.endswith(".")
    assert rule.link.endswith(f"#{rule.code.lower()}")
    assert rule.must_flag, "a rule needs at least one must-flag example"
    assert rule.must_pass, "a rule needs at least one must-pass example"


def test_every_rule_is_documented_in_docs():
    from tests.conftest import REPO

    docs = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    for rule in M_RULES:
        assert f'<a id="{rule.code.lower()}"></a>' in docs, f"{rule.code} has no section in docs/content.md"


@pytest.mark.parametrize(
    "rule, example",
    [(rule, example) for rule in M_RULES for example in rule.must_flag],
    ids=lambda value: getattr(value, "code", None) or getattr(value, "path", ""),
)
def test_must_flag(rule, example, tmp_path, monkeypatch):
    site = _load_with(tmp_path, monkeypatch, example)
    codes = [f.code for f in site.findings if f.path == example.path]
    assert rule.code in codes


@pytest.mark.parametrize(
    "rule, example",
    [(rule, example) for rule in M_RULES for example in rule.must_pass],
    ids=lambda value: getattr(value, "code", None) or getattr(value, "path", ""),
)
def test_must_pass(rule, example, tmp_path, monkeypatch):
    site = _load_with(tmp_path, monkeypatch, example)
    assert [str(f) for f in site.findings] == []


def test_example_site_alone_is_clean(tmp_path, monkeypatch):
    """The control: the example site must produce nothing, so every flag above is the example's doing."""
    for relative, text in metadata_rules.EXAMPLE_SITE.items():
        write(tmp_path / relative, text)
    monkeypatch.chdir(tmp_path)
    site = load_site(tmp_path)
    assert site.findings == []
    assert len(site.notes) == 2 and len(site.teams) == 1 and len(site.authors) == 2
