"""Calibration calendar -> RRule schedules (pure; Prefect only to read the rule back)."""

from datetime import date, datetime, timezone

import pytest

from flows.calendar_schedule import calibration_run_times, schedule_specs
from transforms.config import Calendar, ConfigError


def calendar(**changes):
    base = dict(
        timezone="Europe/Berlin", run_time="06:00", days_before=14,
        dates=(date(2027, 9, 15), date(2027, 3, 15)), weekly_refresh="",
    )
    base.update(changes)
    return Calendar(**base)


def test_calendar_dates_become_rrule_in_time_zone():
    specs = schedule_specs(calendar())
    # 14 days before 15 March and 15 September, 06:00 local, sorted; RDATEs in local time (no Z)
    assert [(s.slug, s.rrule, s.timezone) for s in specs] == [
        ("calibration", "DTSTART:20270301T060000\nRDATE:20270301T060000,20270901T060000", "Europe/Berlin")
    ]
    # Read back the way the Prefect server does: 06:00 Berlin is 05:00 UTC in winter
    # (CET, +1) and 04:00 UTC in summer (CEST, +2).
    from prefect.server.schemas.schedules import RRuleSchedule

    runs = list(RRuleSchedule(rrule=specs[0].rrule, timezone=specs[0].timezone).to_rrule())
    assert [r.astimezone(timezone.utc).replace(tzinfo=None) for r in runs] == [
        datetime(2027, 3, 1, 5, 0), datetime(2027, 9, 1, 4, 0),
    ]


def test_weekly_refresh_is_a_second_rule():
    specs = schedule_specs(calendar(weekly_refresh="mo,th", run_time="07:30"))
    assert [s.slug for s in specs] == ["calibration", "weekly-refresh"]
    # anchored on Monday 2024-01-01 at run_time, every Monday and Thursday
    assert specs[1].rrule == "DTSTART:20240101T073000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH"
    from prefect.server.schemas.schedules import RRuleSchedule

    rule = RRuleSchedule(rrule=specs[1].rrule, timezone="Europe/Berlin").to_rrule()
    # Thursday 2026-11-26 (CET): the next runs are Thu 26 Nov 07:30 and Mon 30 Nov 07:30 local
    after = datetime(2026, 11, 26, 0, 0, tzinfo=timezone.utc)
    first = rule.after(after)
    second = rule.after(first)
    assert [first.strftime("%a %Y-%m-%d %H:%M %z"), second.strftime("%a %Y-%m-%d %H:%M %z")] == [
        "Thu 2026-11-26 07:30 +0100", "Mon 2026-11-30 07:30 +0100",
    ]


def test_no_dates_and_no_refresh_means_no_schedule():
    assert schedule_specs(calendar(dates=())) == []


def test_days_before_crossing_a_month_and_duplicate_dates():
    # 3 days before 2 March 2027 is 27 February; the same date twice is one run
    runs = calibration_run_times(calendar(days_before=3, dates=(date(2027, 3, 2), date(2027, 3, 2))))
    assert runs == [datetime(2027, 2, 27, 6, 0)]


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"weekly_refresh": "monday"}, "weekly_refresh"),
        ({"run_time": "6am"}, "run_time"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_calendar_mistakes_are_one_line_config_errors(changes, named):
    with pytest.raises(ConfigError, match=named) as err:
        schedule_specs(calendar(**changes), "my.toml")
    assert str(err.value).startswith("my.toml: [calendar]") and "\n" not in str(err.value)
