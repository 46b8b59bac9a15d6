"""The browser's data bundle: JSON in, the same plans out; a wrong bundle is a Korean DataError."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from lossguide.bundle import Bundle, load_bundle
from lossguide.errors import DataError
from lossguide.model import Situation

KST = timezone(timedelta(hours=9))


def test_a_bundle_survives_json_unchanged(bundle: dict[str, Any], engine: Bundle) -> None:
    again = load_bundle(json.loads(json.dumps(bundle, ensure_ascii=False)))
    situation = Situation(lost=("card", "phone"), flags={"stolen"}, at=datetime(2026, 12, 25, 3, 0, tzinfo=KST))
    assert again.plan(situation) == engine.plan(situation)


def test_the_calendar_covers_two_years_with_substitute_holidays(engine: Bundle) -> None:
    assert (engine.calendar.first_year, engine.calendar.last_year) == (2026, 2027)
    assert engine.calendar.is_holiday(date(2027, 2, 9)) is True
    assert engine.calendar.holiday_name(date(2027, 2, 9))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda b: b.update(version=99), id="wrong-version"),
        pytest.param(lambda b: b.pop("contacts"), id="no-contacts"),
        pytest.param(lambda b: b["holidays"].update(first_year="soon"), id="bad-holidays"),
        pytest.param(lambda b: b["checklist"]["steps"][0].update(channel="nowhere"), id="unknown-channel"),
    ],
)
def test_a_wrong_bundle_is_a_data_error(bundle: dict[str, Any], change: Any) -> None:
    broken = copy.deepcopy(bundle)
    change(broken)
    with pytest.raises(DataError):
        load_bundle(broken)


def test_a_non_dict_is_a_data_error() -> None:
    with pytest.raises(DataError):
        load_bundle([])  # type: ignore[arg-type]
