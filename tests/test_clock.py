"""One "today" for everything that depends on the date (pipeline/clock.py).

Until 3 December 2026 Pelican held scheduled notes back by the system clock
while the cadence page, the digest and the tests used NOTES_TODAY: a build
pinned to 1 December published posts dated 2 to 7 December and put them in
the feeds, while /cadence/ said "as of 1 December". These tests pin a day on
either side of the real one, so each would fail with two clocks on any date.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import feedparser
import pytest

from pipeline import clock
from pipeline.errors import ConfigError
from tests.conftest import make_site, run_in, write

LONDON = ZoneInfo("Europe/London")
NEAR_FUTURE = "---\ntitle: Our plans for spring\ndate: 2099-01-02 09:00\nauthors: [jane-doe]\nsummary: A NOTE FROM 2099.\n---\nBody.\n"


def _site(tmp_path, today: str | None):
    root = make_site(tmp_path / "site", today=today)
    write(root / "content/posts/2099-01-02-our-plans-for-spring.md", NEAR_FUTURE)
    return root


def _everything(root) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in (root / "preview").rglob("*")
                   if p.is_file() and p.suffix in (".html", ".xml", ".json") and "drafts" not in p.parts)


def test_a_note_dated_after_the_pinned_day_is_held_back_from_pages_and_feeds(tmp_path):
    root = _site(tmp_path, "2099-01-01")
    result = run_in(root, "build")
    assert result.exit_code == 0, result.output
    assert "as of Thursday 1 January 2099 (NOTES_TODAY)" in result.output
    assert "A NOTE FROM 2099" not in _everything(root)
    assert not (root / "preview/2099/01/02/our-plans-for-spring").exists()


def test_a_note_dated_before_the_pinned_day_is_published_whatever_the_system_clock_says(tmp_path):
    root = _site(tmp_path, "2099-01-05")
    result = run_in(root, "build")
    assert result.exit_code == 0, result.output
    assert (root / "preview/2099/01/02/our-plans-for-spring/index.html").is_file()
    feed = feedparser.parse((root / "preview/feeds/all.atom.xml").read_bytes())
    assert [e.title for e in feed.entries][0] == "Our plans for spring"


def test_the_today_option_wins_over_the_setting_and_the_build_says_so(tmp_path):
    root = _site(tmp_path, "2099-01-01")
    result = run_in(root, "build", "--today", "2099-01-02")
    assert result.exit_code == 0, result.output
    assert "as of Friday 2 January 2099 (--today)" in result.output
    assert (root / "preview/2099/01/02/our-plans-for-spring/index.html").is_file()


def test_without_a_pinned_day_the_build_says_it_used_the_system_clock(tmp_path):
    root = _site(tmp_path, None)
    result = run_in(root, "build")
    assert result.exit_code == 0, result.output
    assert f"as of {datetime.now(LONDON):%A} " in result.output and "(the system clock)" in result.output
    assert "A NOTE FROM 2099" not in _everything(root)


def test_the_cadence_command_takes_the_same_day(tmp_path):
    root = _site(tmp_path, "2026-11-29")
    result = run_in(root, "cadence", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"today": "2026-11-29"' in result.output


@pytest.mark.parametrize(("today", "when", "held"), [
    ("2026-12-01", datetime(2026, 12, 1, 23, 59, tzinfo=LONDON), False),  # the day itself, whatever the hour
    ("2026-12-01", datetime(2026, 12, 2, 0, 0, tzinfo=LONDON), True),
    ("2026-12-01", datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc), False),  # 23:30 GMT: still 1 December
    ("2027-06-01", datetime(2027, 6, 1, 23, 30, tzinfo=timezone.utc), True),  # 00:30 BST on 2 June
    ("2027-03-28", datetime(2027, 3, 28, 23, 30, tzinfo=timezone.utc), True),  # the day the clocks go forward
    ("2026-12-01", None, False),
])
def test_a_note_is_scheduled_while_its_day_in_the_site_time_zone_is_after_today(today, when, held):
    assert clock.Today(date.fromisoformat(today), clock.SETTING).holds_back(when, LONDON) is held


def test_a_bad_pinned_day_is_a_configuration_error_naming_the_settings_file(tmp_path):
    root = _site(tmp_path, "29/11/2026")
    result = run_in(root, "build")
    assert result.exit_code == 2
    assert result.output == 'notes: error: pelicanconf.py: NOTES_TODAY must be a date like "2026-11-29"; got \'29/11/2026\'\n'


def test_a_bad_time_zone_is_a_configuration_error_not_a_traceback(tmp_path):
    root = _site(tmp_path, None)
    with (root / "pelicanconf.py").open("a") as settings:
        settings.write('\nTIMEZONE = "Europe/Atlantis"\n')
    result = run_in(root, "cadence")
    assert result.exit_code == 2
    assert result.output == 'notes: error: pelicanconf.py: TIMEZONE must be a time zone name like "Europe/London"; got \'Europe/Atlantis\'\n'


@pytest.mark.parametrize("value", ["29/11/2026", "", 20261129, datetime(2026, 11, 29, 9, 0)])
def test_a_pinned_day_must_be_a_date(value):
    with pytest.raises(ConfigError, match=r'^NOTES_TODAY must be a date like "2026-11-29"; got '):
        clock.resolve({"NOTES_TODAY": value}, LONDON)
