"""The cadence rules (C codes): complete, documented, flag what they must and pass the rest.

Each example is one file added to the rules' example site and checked with
the example's [tool.notes.cadence] table; messages are pinned, as user interface.
"""

from __future__ import annotations

import re

import pytest

from pipeline import tables
from pipeline.cadence import rules as cadence_rules
from pipeline.cadence.options import CadenceOptions
from pipeline.content.loader import load_site
from pipeline.errors import ConfigError
from pipeline.catalogue import RULES
from pipeline.findings import Level
from pipeline.lint import policy
from tests.conftest import REPO, write

C_RULES = [rule for code, rule in RULES.items() if code.startswith("C")]


def check_with(tmp_path, monkeypatch, example=None, cadence_config=""):
    for relative, text in cadence_rules.EXAMPLE_SITE.items():
        write(tmp_path / "content" / relative, text)
    if example is not None:
        write(tmp_path / "content" / example.path, example.text)
        cadence_config = example.config
    (tmp_path / "pyproject.toml").write_text(f"[tool.notes.cadence]\n{cadence_config}\n")
    monkeypatch.chdir(tmp_path)
    site = load_site(tmp_path / "content")
    options = CadenceOptions.from_config(tables.load(tmp_path).section("cadence"))
    return site.findings + cadence_rules.check(site, options)


def test_there_are_cadence_rules():
    assert [r.code for r in C_RULES] == ["C101", "C102", "C103", "C104", "C105", "C106"]


@pytest.mark.parametrize("rule", C_RULES, ids=lambda r: r.code)
def test_rule_is_documented_completely(rule):
    assert re.fullmatch(r"C\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert isinstance(rule.level, Level)
    assert rule.summary.endswith(".") and rule.why.endswith(".")
    assert rule.link == f"docs/cadence.md#{rule.code.lower()}"
    assert rule.must_flag and rule.must_pass
    docs = (REPO / "docs" / "cadence.md").read_text(encoding="utf-8")
    assert f'<a id="{rule.code.lower()}"></a>{rule.code} {rule.name} ({rule.level})' in docs


@pytest.mark.parametrize(
    "rule, example", [(r, e) for r in C_RULES for e in r.must_flag],
    ids=lambda v: getattr(v, "code", None) or getattr(v, "path", ""),
)
def test_must_flag(rule, example, tmp_path, monkeypatch):
    findings = check_with(tmp_path, monkeypatch, example)
    assert rule.code in [f.code for f in findings if f.path == f"content/{example.path}"]


@pytest.mark.parametrize(
    "rule, example", [(r, e) for r in C_RULES for e in r.must_pass],
    ids=lambda v: getattr(v, "code", None) or getattr(v, "path", ""),
)
def test_must_pass(rule, example, tmp_path, monkeypatch):
    assert [str(f) for f in check_with(tmp_path, monkeypatch, example)] == []


@pytest.mark.parametrize("cadence_config", sorted({e.config for r in C_RULES for e in (*r.must_flag, *r.must_pass)}))
def test_example_site_alone_is_clean(cadence_config, tmp_path, monkeypatch):
    """The control: with each example's config, the site alone produces nothing."""
    assert check_with(tmp_path, monkeypatch, cadence_config=cadence_config) == []


MESSAGES = [
    ("C101", 0, "content/weeknotes/publishing/2026-W46.md:2:7: C101 a second publishing note in weeks 45 and 46, 2026 "
     "(2 to 15 November 2026); the first is content/weeknotes/publishing/2026-W45.md: a fortnightly team publishes "
     "one note a fortnight, so merge the two"),
    ("C102", 0, "content/posts/2027-04-14-hiring.md:3:7: C102 dated 2027-04-14, inside the publishing freeze from "
     "2027-04-01 to 2027-05-07 (pre-election period): date it after 2027-05-07, or add "
     "freeze_exempt: \"<why it must go out now>\""),
    ("C103", 0, "content/weeknotes/data-platform/2026-W48.md:2:7: C103 published on Saturday 28 November 2026, 1 day "
     "after it was due on Friday 27 November 2026: publish by the due day, or change 'due' in "
     "content/teams/data-platform.md if Friday no longer fits"),
    ("C104", 0, "content/posts/2026-11-24-hiring.md:1:1: C104 no 'reviewed_by': [tool.notes.cadence] require_review "
     "is true, so add reviewed_by: <the slug of the person who reviewed it>"),
    ("C105", 0, "content/posts/2026-11-24-hiring.md:5:14: C105 'jane-doe' is an author of this note; reviewed_by "
     "must name someone else"),
    ("C105", 1, "content/posts/2026-11-24-hiring.md:5:14: C105 unknown reviewer 'sam-le': add "
     "content/authors/sam-le.md, or did you mean 'sam-lee'?"),
    ("C106", 0, "content/posts/2026-11-20-hiring.md:3:7: C106 a second post on Friday 20 November 2026, after "
     "content/posts/2026-11-20-roadmap.md: move it to Monday 23 November 2026, the next free working day"),
]


@pytest.mark.parametrize("code, number, message", MESSAGES, ids=[f"{c}-{n}" for c, n, _ in MESSAGES])
def test_messages_say_what_to_do(code, number, message, tmp_path, monkeypatch):
    findings = check_with(tmp_path, monkeypatch, RULES[code].must_flag[number])
    assert [str(f) for f in findings] == [message]
    assert findings[0].level == RULES[code].level


def test_late_message_names_the_grace(tmp_path, monkeypatch):
    example = RULES["C103"].must_flag[0]
    late = example.text.replace("2026-11-28", "2026-11-29")
    findings = check_with(tmp_path, monkeypatch, cadence_rules.CadenceExample(example.path, late, config="grace_days = 1"))
    assert [f.message.split(":")[0] for f in findings] == [
        "published on Sunday 29 November 2026, 2 days after it was due on Friday 27 November 2026 and 1 day's grace"
    ]


def test_two_weeknote_files_for_one_week_are_m206_not_c101(tmp_path, monkeypatch):
    twin = cadence_rules.CadenceExample(
        "weeknotes/data-platform/2026-w47.md",
        "---\ndate: 2026-11-19\nauthors: [sam-lee]\nreviewed_by: jane-doe\nsummary: Again.\n---\nBody.\n",
    )
    assert sorted({f.code for f in check_with(tmp_path, monkeypatch, twin)}) == ["M206"]


def test_drafts_are_not_checked(tmp_path, monkeypatch):
    example = RULES["C102"].must_flag[0]
    draft = cadence_rules.CadenceExample(example.path, example.text.replace("summary:", "status: draft\nsummary:"), config=example.config)
    assert check_with(tmp_path, monkeypatch, draft) == []


@pytest.mark.parametrize(
    "levels, expected",
    [
        ("", "warning"),
        ('levels = {C103 = "error"}', "error"),
        ('levels = {C1 = "off"}', None),
    ],
)
def test_levels_are_set_by_the_lint_policy(levels, expected, tmp_path, monkeypatch):
    findings = check_with(tmp_path, monkeypatch, RULES["C103"].must_flag[0])
    (tmp_path / "pyproject.toml").write_text(f"[tool.notes.lint]\n{levels}\n")
    kept = policy.apply(findings, tables.load(tmp_path).section("lint"))
    assert [str(f.level) for f in kept] == ([expected] if expected else [])


def test_config_defaults(tmp_path):
    assert CadenceOptions.from_config(tables.load(tmp_path).section("cadence")) == CadenceOptions(
        grace_days=0, max_post_gap_days=21, quiet=(), freeze=(), require_review=False,
    )


def test_config_reads_freezes_as_toml_dates(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.notes.cadence]\ngrace_days = 1\nquiet = ["2026-w52", "2026-08"]\nrequire_review = true\n'
        'freeze = [{from = 2027-04-01, to = 2027-05-07, reason = "pre-election period"}]\n'
    )
    options = CadenceOptions.from_config(tables.load(tmp_path).section("cadence"))
    assert (options.grace_days, options.quiet, options.require_review) == (1, ("2026-W52", "2026-08"), True)
    assert [(str(f.start), str(f.end), f.reason) for f in options.freeze] == [("2027-04-01", "2027-05-07", "pre-election period")]


def test_every_config_problem_is_reported_with_its_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.notes.cadence]\n"
        "grace_days = -1\n"
        "max_post_gap = 21\n"
        'quiet = ["2026-W54"]\n'
        'freeze = [{from = "2027-04-01", to = 2027-05-07, reason = "x"}]\n'
        "require_review = \"yes\"\n"
    )
    with pytest.raises(ConfigError) as err:
        tables.load(tmp_path)
    path = tmp_path / "pyproject.toml"
    assert str(err.value).splitlines() == [
        f"{path}:2: 'grace_days' in [tool.notes.cadence] must be a whole number of days, 0 or more; got -1",
        f"{path}:3: unknown key 'max_post_gap' in [tool.notes.cadence]; did you mean 'max_post_gap_days'?",
        f"{path}:4: 'quiet' in [tool.notes.cadence] must be a list of weeks or months like [\"2026-W52\", \"2026-08\"]; "
        "got '2026-W54', which is not a week like 2026-W52 or a month like 2026-12",
        f"{path}:5: 'freeze' in [tool.notes.cadence] must be a list of tables like [{{from = 2027-04-01, to = 2027-05-07, "
        "reason = \"pre-election period\"}]; got '2027-04-01' for 'from' (write a bare date like 2027-04-01, without quotes)",
        f"{path}:6: 'require_review' in [tool.notes.cadence] must be true or false; got 'yes'",
    ]


@pytest.mark.parametrize(
    "freeze, got",
    [
        ('[{from = 2027-05-07, to = 2027-04-01, reason = "x"}]', "a freeze that ends (2027-04-01) before it starts (2027-05-07)"),
        ("[{from = 2027-04-01, to = 2027-05-07}]", "a freeze from 2027-04-01 without a 'reason'"),
        ('[{from = 2027-04-01, to = 2027-05-07, reason = "x", why = "y"}]', "a freeze with the unknown key 'why'"),
        ('[{from = 2027-04-01T09:00:00, to = 2027-05-07, reason = "x"}]',
         "2027-04-01 09:00:00 for 'from' (write a bare date like 2027-04-01, without quotes)"),
        ('"2027-04-01"', "'2027-04-01'"),
    ],
)
def test_bad_freezes(freeze, got, tmp_path):
    (tmp_path / "pyproject.toml").write_text(f"[tool.notes.cadence]\nfreeze = {freeze}\n")
    with pytest.raises(ConfigError) as err:
        tables.load(tmp_path)
    assert str(err.value).endswith(f"; got {got}")
