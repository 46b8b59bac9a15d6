"""Opening hours in KST with Korean public holidays; unknown stays unknown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.bundle import Bundle
from lossguide.hours import KST, HolidayCalendar, is_open, next_open, to_kst
from lossguide.model import Channel, Schedule, TimeRange, Verification

UNVERIFIED = Verification(verified=False, source="test", check_at="x")
NINE_TO_SIX = (TimeRange(9 * 60, 18 * 60),)
OFFICE = Channel(
    id="office",
    name="평일 상담",
    contact=None,
    schedule=Schedule("weekly", (("weekdays", NINE_TO_SIX), ("saturday", ()), ("sunday", ()), ("holidays", ()))),
    verification=UNVERIFIED,
)
SPLIT = Channel(
    id="split",
    name="오전 오후",
    contact=None,
    schedule=Schedule("weekly", (("weekdays", (TimeRange(540, 720), TimeRange(780, 1080))), ("saturday", (TimeRange(600, 720),)))),
    verification=UNVERIFIED,
)
ALWAYS = Channel(id="always", name="24시간", contact=None, schedule=Schedule("always"), verification=UNVERIFIED)
UNKNOWN = Channel(id="unknown", name="모름", contact=None, schedule=Schedule("unknown"), verification=UNVERIFIED)


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)  # type: ignore[misc]


@pytest.fixture(scope="module")
def calendar(engine: Bundle) -> HolidayCalendar:
    return engine.calendar


@pytest.mark.parametrize(
    ("channel", "at", "expected"),
    [
        pytest.param(OFFICE, kst(2026, 11, 25, 10, 0), True, id="weekday-morning"),
        pytest.param(OFFICE, kst(2026, 11, 25, 18, 0), False, id="closing-minute-is-closed"),
        pytest.param(OFFICE, kst(2026, 11, 25, 8, 59), False, id="before-opening"),
        pytest.param(OFFICE, kst(2026, 11, 28, 10, 0), False, id="saturday"),
        pytest.param(OFFICE, kst(2026, 12, 25, 10, 0), False, id="christmas-holiday"),
        pytest.param(OFFICE, kst(2027, 2, 9, 10, 0), False, id="substitute-holiday-seollal"),
        pytest.param(OFFICE, kst(2026, 10, 5, 10, 0), False, id="substitute-holiday-gaecheonjeol"),
        pytest.param(OFFICE, kst(2027, 2, 10, 10, 0), True, id="day-after-substitute-holiday"),
        pytest.param(OFFICE, datetime(2026, 11, 25, 0, 30, tzinfo=UTC), True, id="utc-converted-to-kst"),
        pytest.param(OFFICE, datetime(2026, 11, 25, 10, 0), True, id="naive-taken-as-kst"),
        pytest.param(SPLIT, kst(2026, 11, 25, 12, 30), False, id="lunch-break"),
        pytest.param(SPLIT, kst(2026, 11, 28, 11, 0), True, id="saturday-morning"),
        pytest.param(SPLIT, kst(2026, 11, 29, 11, 0), False, id="unlisted-sunday-is-closed"),
        pytest.param(ALWAYS, kst(2030, 1, 1, 3, 0), True, id="always-even-outside-calendar"),
        pytest.param(UNKNOWN, kst(2026, 11, 25, 10, 0), None, id="unknown-hours"),
        pytest.param(OFFICE, kst(2030, 11, 25, 10, 0), None, id="outside-calendar-years"),
        pytest.param(OFFICE, kst(2025, 12, 31, 10, 0), None, id="before-calendar-years"),
    ],
)
def test_is_open(calendar: HolidayCalendar, channel: Channel, at: datetime, expected: bool | None) -> None:
    assert is_open(channel, at, calendar) is expected


@pytest.mark.parametrize(
    ("channel", "at", "expected"),
    [
        pytest.param(OFFICE, kst(2026, 11, 25, 20, 0), kst(2026, 11, 26, 9, 0), id="evening-to-next-morning"),
        pytest.param(OFFICE, kst(2026, 11, 27, 19, 0), kst(2026, 11, 30, 9, 0), id="friday-night-to-monday"),
        pytest.param(OFFICE, kst(2026, 12, 24, 19, 0), kst(2026, 12, 28, 9, 0), id="over-christmas-weekend"),
        pytest.param(OFFICE, kst(2027, 2, 5, 19, 0), kst(2027, 2, 10, 9, 0), id="over-seollal-and-substitute"),
        pytest.param(SPLIT, kst(2026, 11, 25, 12, 0), kst(2026, 11, 25, 13, 0), id="after-lunch"),
        pytest.param(OFFICE, kst(2026, 11, 25, 10, 0), None, id="open-now-has-none"),
        pytest.param(ALWAYS, kst(2026, 11, 25, 10, 0), None, id="always-open-has-none"),
        pytest.param(UNKNOWN, kst(2026, 11, 25, 10, 0), None, id="unknown-hours-has-none"),
        pytest.param(OFFICE, kst(2027, 12, 31, 19, 0), None, id="next-day-outside-calendar"),
    ],
)
def test_next_open(calendar: HolidayCalendar, channel: Channel, at: datetime, expected: datetime | None) -> None:
    assert next_open(channel, at, calendar) == expected


def test_a_schedule_the_same_every_day_is_known_even_outside_the_calendar(engine: Bundle) -> None:
    daily = engine.directory.channels["account_bulk_stop"]
    assert is_open(daily, kst(2030, 5, 5, 12, 0), engine.calendar) is True
    assert next_open(daily, kst(2030, 5, 5, 23, 45), engine.calendar) == kst(2030, 5, 6, 0, 30)


offsets = st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


@given(moment=moments, offset=offsets)
def test_to_kst_keeps_the_instant_and_shows_it_at_plus_nine(moment: datetime, offset: timedelta) -> None:
    aware = moment.replace(tzinfo=timezone(offset))
    converted = to_kst(aware)
    assert converted == aware  # the same instant
    assert converted.utcoffset() == timedelta(hours=9)
    assert converted.replace(tzinfo=None) == (aware - offset).replace(tzinfo=None) + timedelta(hours=9)


@given(moment=moments)
def test_a_naive_time_is_read_as_kst(moment: datetime) -> None:
    assert to_kst(moment).replace(tzinfo=None) == moment and to_kst(moment).utcoffset() == timedelta(hours=9)


def test_the_calendar_knows_which_years_it_covers() -> None:
    calendar = HolidayCalendar(2026, 2027, {date(2026, 1, 1): "신정"})
    assert calendar.is_holiday(date(2026, 1, 1)) is True
    assert calendar.is_holiday(date(2026, 1, 2)) is False
    assert calendar.is_holiday(date(2028, 1, 1)) is None


instants = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31, 23, 59), timezones=st.just(KST))


@given(at=instants, channel=st.sampled_from([OFFICE, SPLIT]))
def test_next_open_is_after_at_and_the_channel_is_open_then(calendar: HolidayCalendar, at: datetime, channel: Channel) -> None:
    opening = next_open(channel, at, calendar)
    if opening is None:
        # Only when open already, or when the search had to leave the calendar's years.
        assert is_open(channel, at, calendar) is True or (at + timedelta(days=15)).year > calendar.last_year
        return
    assert opening > at
    assert is_open(channel, opening, calendar) is True
    assert is_open(channel, opening - timedelta(minutes=1), calendar) is False
