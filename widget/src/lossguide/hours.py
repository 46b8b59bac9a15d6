"""Is a channel open at an instant, and when does it open next, in Korean time with public holidays.

KST is a fixed UTC+9 (no daylight saving), so no tz database is needed in the browser. Holidays
come in as data for a range of years; a day outside that range is unknown, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from .model import Channel, Schedule, TimeRange

__all__ = ["KST", "HolidayCalendar", "is_open", "next_open", "to_kst"]

KST = timezone(timedelta(hours=9), "KST")

# How far ahead next_open looks; longer than any closure a weekly schedule can express.
_LOOKAHEAD_DAYS = 15
_WEEKDAY_KINDS = ("weekdays",) * 5 + ("saturday", "sunday")


def to_kst(at: datetime) -> datetime:
    """An aware time converted to KST; a naive time is taken to be KST already."""
    return at.replace(tzinfo=KST) if at.tzinfo is None else at.astimezone(KST)


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Korean public holidays (substitute holidays included) known for first_year..last_year."""

    first_year: int
    last_year: int
    dates: Mapping[date, str] = field(default_factory=dict)  # date -> Korean name

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_holiday(self, day: date) -> bool | None:
        """True/False inside the known years, None outside them."""
        return (day in self.dates) if self.covers(day) else None

    def holiday_name(self, day: date) -> str | None:
        return self.dates.get(day)


def _day_kind(day: date) -> str:
    return _WEEKDAY_KINDS[day.weekday()]


def _ranges_on(schedule: Schedule, day: date, calendar: HolidayCalendar) -> tuple[TimeRange, ...] | None:
    """The day's opening ranges, or None when it depends on a holiday we do not know about."""
    ordinary = schedule.ranges(_day_kind(day))
    holiday = calendar.is_holiday(day)
    if holiday is None:
        # Outside the calendar we can still answer when a holiday would change nothing.
        return ordinary if ordinary == schedule.ranges("holidays") else None
    return schedule.ranges("holidays") if holiday else ordinary


def _minute_of(at: datetime) -> int:
    return at.hour * 60 + at.minute


def is_open(channel: Channel, at: datetime, calendar: HolidayCalendar) -> bool | None:
    """True/False if known; None when the hours are unknown or the day is outside the calendar."""
    schedule = channel.schedule
    if schedule.kind == "always":
        return True
    if schedule.kind != "weekly":
        return None
    local = to_kst(at)
    ranges = _ranges_on(schedule, local.date(), calendar)
    if ranges is None:
        return None
    minute = _minute_of(local)
    return any(r.contains(minute) for r in ranges)


def next_open(channel: Channel, at: datetime, calendar: HolidayCalendar) -> datetime | None:
    """The first instant after ``at`` when a closed channel opens (KST).

    None when the channel is open at ``at``, is always open, has unknown hours, never opens within
    the look-ahead, or the answer would need a day outside the calendar.
    """
    if is_open(channel, at, calendar) is not False:
        return None
    local = to_kst(at)
    for offset in range(_LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        ranges = _ranges_on(channel.schedule, day, calendar)
        if ranges is None:
            return None
        for r in sorted(ranges, key=lambda r: r.start):
            start = datetime.combine(day, time(), KST) + timedelta(minutes=r.start)
            if start > local:
                return start
    return None
