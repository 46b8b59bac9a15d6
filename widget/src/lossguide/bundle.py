"""The one JSON-able dict the browser receives -> checked engine objects (runtime, no dependencies).

``sources.build_bundle`` makes the dict at build time from the YAML files and the holidays library;
here it is turned back into a Directory, a Checklist and a HolidayCalendar, with the same checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .data import directory_from_dict
from .errors import DataError
from .hours import HolidayCalendar
from .model import Checklist, Directory, Situation
from .plan import Plan, make_plan
from .rules import checklist_from_dict

__all__ = ["BUNDLE_VERSION", "Bundle", "load_bundle"]

BUNDLE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Bundle:
    """Contacts, checklist rules and the holiday calendar: all the engine needs to make a plan."""

    directory: Directory
    checklist: Checklist
    calendar: HolidayCalendar
    page_titles: Mapping[str, str] = field(default_factory=dict)  # guide page -> its title (link text)

    def plan(self, situation: Situation) -> Plan:
        return make_plan(self.directory, self.checklist, self.calendar, situation)


def _calendar(raw: Mapping[str, Any]) -> HolidayCalendar:
    try:
        dates = {date.fromisoformat(day): str(name) for day, name in raw["dates"].items()}
        return HolidayCalendar(int(raw["first_year"]), int(raw["last_year"]), dates)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"공휴일 데이터를 읽을 수 없습니다 ({exc})") from None


def load_bundle(raw: Mapping[str, Any]) -> Bundle:
    """Check and convert a bundle dict; raise DataError (Korean) if it is not one."""
    if not isinstance(raw, Mapping) or raw.get("version") != BUNDLE_VERSION:
        raise DataError(f"엔진 데이터 묶음의 버전이 맞지 않습니다 (필요한 버전: {BUNDLE_VERSION})")
    try:
        directory = directory_from_dict(raw["contacts"])
        # The build already tried all 255 situations (sources.load_checklist); a bundle is only ever
        # made from checked data, so the browser's start-up skips that work.
        checklist = checklist_from_dict(raw["checklist"], directory, check_every_situation=False)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"엔진 데이터 묶음의 형식이 맞지 않습니다 ({exc!r})") from None
    titles = raw.get("pages") or {}
    if not isinstance(titles, Mapping):
        raise DataError("엔진 데이터 묶음의 형식이 맞지 않습니다 (pages)")
    return Bundle(directory=directory, checklist=checklist, calendar=_calendar(raw["holidays"]), page_titles=dict(titles))
