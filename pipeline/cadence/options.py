"""[tool.notes.cadence] in pyproject.toml: grace, gaps, site-wide quiet periods, freezes, review.

```toml
[tool.notes.cadence]
grace_days = 1
max_post_gap_days = 21
quiet = ["2026-W52", "2026-W53"]
freeze = [{from = 2027-04-01, to = 2027-05-07, reason = "pre-election period"}]
require_review = true
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipeline import config
from pipeline.content import schema


@dataclass(frozen=True)
class Freeze:
    """Days on which nothing may be published, such as a pre-election period."""

    start: date
    end: date  # inclusive
    reason: str

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def describe(self) -> str:
        return f"the publishing freeze from {self.start} to {self.end} ({self.reason})"


def _quiet(value: Any) -> tuple[str, ...]:
    labels = config.string_list(value)
    for label in labels:
        try:
            schema.period(label)
        except schema.Invalid:
            raise config.Invalid(f"'{label}', which is not a week like 2026-W52 or a month like 2026-12") from None
    return tuple(label.upper() for label in labels)


def _day(entry: dict, key: str) -> date:
    value = entry.get(key)
    # TOML reads a bare 2027-04-01 as a date; a date-time or a quoted string is a mistake.
    if not isinstance(value, date) or isinstance(value, datetime):
        got = "nothing" if value is None else config.describe(value)
        raise config.Invalid(f"{got} for '{key}' (write a bare date like 2027-04-01, without quotes)")
    return value


def _freezes(value: Any) -> tuple[Freeze, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise config.Invalid(config.describe(value))
    freezes = []
    for entry in value:
        unknown = set(entry) - {"from", "to", "reason"}
        if unknown:
            raise config.Invalid(f"a freeze with the unknown key '{min(unknown)}'")
        start, end = _day(entry, "from"), _day(entry, "to")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise config.Invalid(f"a freeze from {start} without a 'reason'")
        if end < start:
            raise config.Invalid(f"a freeze that ends ({end}) before it starts ({start})")
        freezes.append(Freeze(start, end, reason.strip()))
    return tuple(sorted(freezes, key=lambda f: f.start))


SECTION = config.section(
    "cadence",
    "When notes are due, and when they may not be published.",
    config.Option("grace_days", config.integer(minimum=0), 0, "a whole number of days, 0 or more",
                  "Days after the due day on which a note is still on time."),
    config.Option("max_post_gap_days", config.integer(minimum=1), 21, "a whole number of days, 1 or more",
                  "The longest the leadership blog should go without a post."),
    config.Option("quiet", _quiet, (), "a list of weeks or months like [\"2026-W52\", \"2026-08\"]",
                  "Periods in which no team is expected to publish."),
    config.Option("freeze", _freezes, (),
                  "a list of tables like [{from = 2027-04-01, to = 2027-05-07, reason = \"pre-election period\"}]",
                  "Publishing freezes: no note may be dated inside one without 'freeze_exempt'."),
    config.Option("require_review", config.boolean, False, "true or false",
                  "Every published note needs 'reviewed_by': someone other than its authors."),
)


@dataclass(frozen=True)
class CadenceOptions:
    grace_days: int = 0
    max_post_gap_days: int = 21
    quiet: tuple[str, ...] = ()
    freeze: tuple[Freeze, ...] = ()
    require_review: bool = False

    @classmethod
    def from_config(cls, values: Mapping[str, Any]) -> CadenceOptions:
        """From `Config.section("cadence")`, which has already checked every value."""
        return cls(**{name: values[name] for name in SECTION.options})

    def freeze_on(self, day: date) -> Freeze | None:
        return next((f for f in self.freeze if day in f), None)
