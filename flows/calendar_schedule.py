"""The calibration calendar in configuration, as RRule schedules. Pure: no Prefect import.

Runs are scheduled `days_before` each calibration date at `run_time` local time in
`timezone`: one RRule string with a DTSTART and explicit RDATEs, written as local wall
time (no trailing Z) because Prefect reads RDATEs in the schedule's time zone. An
optional weekly refresh is a second rule (`FREQ=WEEKLY;BYDAY=MO` at the same time).
(Not named calendar.py: a module shadowing the standard library's is a trap.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from transforms.config import Calendar, ConfigError

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# DTSTART of the weekly rule: any past Monday works, a fixed one keeps the rule reproducible.
WEEKLY_ANCHOR = datetime(2024, 1, 1)


@dataclass(frozen=True)
class ScheduleSpec:
    """One deployment schedule: an RRule string in a time zone, and why it runs."""

    slug: str
    rrule: str
    timezone: str


def _ical(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def run_time_of_day(calendar: Calendar, source: str = "config") -> time:
    """`run_time` ("HH:MM") as a time of day."""
    try:
        hours, minutes = (int(part) for part in calendar.run_time.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ConfigError(
            f"{source}: [calendar] run_time {calendar.run_time!r} is not HH:MM; write it like \"06:00\""
        ) from None


def check_timezone(calendar: Calendar, source: str = "config") -> str:
    try:
        ZoneInfo(calendar.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{source}: [calendar] timezone {calendar.timezone!r} is unknown; use an IANA name like \"Europe/Berlin\""
        ) from None
    return calendar.timezone


def calibration_run_times(calendar: Calendar, source: str = "config") -> list[datetime]:
    """Local wall-clock times of the runs: `days_before` each calibration date at `run_time`."""
    at = run_time_of_day(calendar, source)
    return sorted({datetime.combine(d - timedelta(days=calendar.days_before), at) for d in calendar.dates})


def calibration_rrule(calendar: Calendar, source: str = "config") -> str | None:
    """The calibration runs as one RRule string (DTSTART + RDATEs), None when no dates are configured."""
    runs = calibration_run_times(calendar, source)
    if not runs:
        return None
    return f"DTSTART:{_ical(runs[0])}\nRDATE:" + ",".join(_ical(r) for r in runs)


def weekly_refresh_rrule(calendar: Calendar, source: str = "config") -> str | None:
    """The weekly refresh (e.g. "MO" or "MO,TH") at `run_time`, None when it is off."""
    days = [d.strip().upper() for d in calendar.weekly_refresh.split(",") if d.strip()]
    if not days:
        return None
    unknown = [d for d in days if d not in WEEKDAYS]
    if unknown:
        raise ConfigError(
            f"{source}: [calendar] weekly_refresh {calendar.weekly_refresh!r} names no weekday; "
            f"use two-letter days like \"MO\" or \"MO,TH\", or \"\" for off"
        )
    start = datetime.combine(WEEKLY_ANCHOR.date(), run_time_of_day(calendar, source))
    return f"DTSTART:{_ical(start)}\nRRULE:FREQ=WEEKLY;BYDAY={','.join(days)}"


def schedule_specs(calendar: Calendar, source: str = "config") -> list[ScheduleSpec]:
    """Every schedule the calendar asks for (calibration runs, weekly refresh), in that order."""
    tz = check_timezone(calendar, source)
    specs = []
    if rule := calibration_rrule(calendar, source):
        specs.append(ScheduleSpec("calibration", rule, tz))
    if rule := weekly_refresh_rrule(calendar, source):
        specs.append(ScheduleSpec("weekly-refresh", rule, tz))
    return specs
