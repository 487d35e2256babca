"""The one "today" that everything depending on the date uses.

Scheduled notes, the cadence report and page, the weekly digest, "this
week" on the home page and the lint cache all ask this module, so a build
never publishes a note that its own cadence page calls scheduled. Today is
the real date in the site's time zone unless `--today` or the NOTES_TODAY
setting pins it; the build says which (`Today.source`).

A note is scheduled while its day, in the site's time zone, is after today.
The time of day orders notes but does not hold one back within its day:
every date-dependent part of notes counts in days, and a static site changes
only when it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pipeline.errors import ConfigError

SETTING = "NOTES_TODAY"


@dataclass(frozen=True)
class Today:
    day: date
    source: str  # what set it, as the build reports it: "--today", "NOTES_TODAY", "the system clock"

    def holds_back(self, when: datetime | None, timezone: ZoneInfo) -> bool:
        """Whether a note dated `when` is scheduled: its day is after today."""
        return when is not None and when.astimezone(timezone).date() > self.day

    @property
    def pinned(self) -> bool:
        return self.source != SYSTEM_CLOCK


SYSTEM_CLOCK = "the system clock"


def resolve(settings: dict, timezone: ZoneInfo, override: date | None = None) -> Today:
    """`override` (the --today option), else the NOTES_TODAY setting, else the real date in `timezone`."""
    if override is not None:
        return Today(override, "--today")
    pinned = settings.get(SETTING)
    if pinned is None:
        return Today(datetime.now(timezone).date(), SYSTEM_CLOCK)
    return Today(parse_setting(pinned), SETTING)


def parse_setting(value: object) -> date:
    """NOTES_TODAY as a date: a date, or text like "2026-11-29"."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f'{SETTING} must be a date like "2026-11-29"; got {value!r}')
