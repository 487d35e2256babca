"""Cadence periods: ISO weeks across year ends, fortnights from `since`, months and their due days."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.cadence.periods import Period, Rhythm, span_of


@pytest.mark.parametrize(
    "cadence, due, since, day, expected",
    [
        # Weekly: ISO weeks, due on the week's due day.
        ("weekly", "friday", "2026-09-11", "2026-11-27", Period(date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 27), "2026-W48")),
        # 2026 has 53 ISO weeks: W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
        ("weekly", "friday", "2026-09-11", "2026-12-31", Period(date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 1), "2026-W53")),
        ("weekly", "friday", "2026-09-11", "2027-01-03", Period(date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 1), "2026-W53")),
        ("weekly", "friday", "2026-09-11", "2027-01-04", Period(date(2027, 1, 4), date(2027, 1, 10), date(2027, 1, 8), "2027-W01")),
        # A week spanning 31 December belongs to the ISO year of its Thursday: 31 Dec 2024 is in 2025-W01.
        ("weekly", "monday", "2024-06-03", "2024-12-31", Period(date(2024, 12, 30), date(2025, 1, 5), date(2024, 12, 30), "2025-W01")),
        ("weekly", "sunday", "2024-06-03", "2024-12-29", Period(date(2024, 12, 23), date(2024, 12, 29), date(2024, 12, 29), "2024-W52")),
        # Fortnightly: pairs of weeks from the Monday of since's week; due in the second week.
        ("fortnightly", "friday", "2026-09-11", "2026-09-07", Period(date(2026, 9, 7), date(2026, 9, 20), date(2026, 9, 18), "2026-W37")),
        ("fortnightly", "friday", "2026-09-11", "2026-09-21", Period(date(2026, 9, 21), date(2026, 10, 4), date(2026, 10, 2), "2026-W39")),
        ("fortnightly", "monday", "2026-09-11", "2026-11-29", Period(date(2026, 11, 16), date(2026, 11, 29), date(2026, 11, 23), "2026-W47")),
        # A fortnight across the year end, named by its first week (W53).
        ("fortnightly", "friday", "2026-09-11", "2027-01-08", Period(date(2026, 12, 28), date(2027, 1, 10), date(2027, 1, 8), "2026-W53")),
        # Monthly: calendar months, due on the month's last such weekday.
        ("monthly", "friday", "2026-09-25", "2026-11-02", Period(date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 27), "2026-11")),
        ("monthly", "monday", "2026-09-25", "2026-11-30", Period(date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30), "2026-11")),
        ("monthly", "thursday", "2026-09-25", "2027-02-01", Period(date(2027, 2, 1), date(2027, 2, 28), date(2027, 2, 25), "2027-02")),
        ("monthly", "thursday", "2026-09-25", "2028-02-29", Period(date(2028, 2, 1), date(2028, 2, 29), date(2028, 2, 24), "2028-02")),
    ],
)
def test_period_of_a_day(cadence, due, since, day, expected):
    rhythm = Rhythm(cadence, due, date.fromisoformat(since))
    index = rhythm.index_of(date.fromisoformat(day))
    assert rhythm.period(index) == expected
    assert rhythm.due(index) == expected.due
    assert date.fromisoformat(day) in expected


@pytest.mark.parametrize(
    "cadence, since, day, index",
    [
        ("weekly", "2026-09-10", "2026-09-07", 0),  # the period that holds `since` is number 0
        ("weekly", "2026-09-10", "2026-09-06", -1),
        ("weekly", "2026-09-10", "2027-09-09", 52),
        ("fortnightly", "2026-09-10", "2026-09-20", 0),
        ("fortnightly", "2026-09-10", "2026-09-21", 1),
        ("monthly", "2026-09-25", "2026-09-01", 0),
        ("monthly", "2026-09-25", "2027-01-31", 4),
        ("monthly", "2026-09-25", "2026-08-31", -1),
    ],
)
def test_periods_are_numbered_from_since(cadence, since, day, index):
    assert Rhythm(cadence, "friday", date.fromisoformat(since)).index_of(date.fromisoformat(day)) == index


@pytest.mark.parametrize(
    "period, title, days",
    [
        (Period(date(2026, 11, 9), date(2026, 11, 15), date(2026, 11, 12), "2026-W46"), "Week 46, 2026", "9 to 15 November 2026"),
        (Period(date(2026, 11, 16), date(2026, 11, 29), date(2026, 11, 27), "2026-W47"), "Weeks 47 and 48, 2026", "16 to 29 November 2026"),
        (Period(date(2026, 12, 28), date(2027, 1, 10), date(2027, 1, 8), "2026-W53"),
         "Week 53, 2026 and week 1, 2027", "28 December 2026 to 10 January 2027"),
        (Period(date(2026, 9, 28), date(2026, 10, 4), date(2026, 10, 2), "2026-W40"), "Week 40, 2026", "28 September to 4 October 2026"),
        (Period(date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 27), "2026-11"), "November 2026", "1 to 30 November 2026"),
    ],
)
def test_periods_in_words(period, title, days):
    assert (period.title, period.days) == (title, days)


@pytest.mark.parametrize(
    "label, span",
    [
        ("2026-W53", (date(2026, 12, 28), date(2027, 1, 3))),
        ("2026-w01", (date(2025, 12, 29), date(2026, 1, 4))),
        ("2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
        ("2028-02", (date(2028, 2, 1), date(2028, 2, 29))),
    ],
)
def test_quiet_labels_name_spans_of_days(label, span):
    assert span_of(label) == span
