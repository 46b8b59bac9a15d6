"""Checks on the checklist rules that also run in the browser (no file lines there)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from lossguide.bundle import Bundle, load_bundle
from lossguide.data import directory_from_dict
from lossguide.errors import DataError
from lossguide.model import Situation
from lossguide.rules import all_situations, checklist_from_dict, describe_situation

NIGHT = datetime(2026, 12, 25, 3, 0, tzinfo=timezone(timedelta(hours=9)))


def first_step(raw: dict[str, Any]) -> dict[str, Any]:
    return raw["steps"][0]


def step(raw: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(item for item in raw["steps"] if item["id"] == step_id)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        pytest.param(lambda r: r["steps"].append(dict(first_step(r))), "두 번", id="duplicate-step-id"),
        pytest.param(lambda r: first_step(r).update(rule="no_such_rule"), "rules에 없는 규칙", id="step-without-rule"),
        pytest.param(lambda r: r["rules"].update(orphan={"description": "x", "when": {"abroad": True}}), "쓰는 단계가 없습니다", id="rule-without-step"),
        pytest.param(lambda r: first_step(r).update(channel="nowhere"), "채널 id", id="unknown-channel"),
        pytest.param(lambda r: first_step(r).update(title="1522-1000으로 전화"), "숫자", id="number-in-title"),
        pytest.param(lambda r: step(r, "call_loss_line").update(channel="kbank_counsel_phone"), "24시간", id="first-step-not-always-open"),
        pytest.param(lambda r: step(r, "call_loss_line").update(channel=None), "채널", id="first-step-without-channel"),
        pytest.param(lambda r: step(r, "contact_from_abroad").update(channel="kbank_loss_phone"), "domestic_only", id="abroad-first-step-domestic-only"),
        pytest.param(lambda r: r["rules"]["abroad"].update(when={"abroad": True}, unless={"lost": ["card", "phone", "id", "otp", "account-info"]}), "해외", id="abroad-left-on-a-domestic-number"),
        pytest.param(lambda r: r["rules"]["phone_in_hand"].update(when={"abroad": True}), "첫 단계", id="situation-left-without-first-call"),
    ],
)
def test_rule_mistakes_are_korean_data_errors(bundle: dict[str, Any], engine: Bundle, change: Callable[[dict[str, Any]], None], words: str) -> None:
    raw = copy.deepcopy(bundle["checklist"])
    change(raw)
    with pytest.raises(DataError, match=words):
        checklist_from_dict(raw, engine.directory)


def test_unknown_pages_are_caught_when_pages_are_known(bundle: dict[str, Any], engine: Bundle) -> None:
    with pytest.raises(DataError, match="안내 문서"):
        checklist_from_dict(bundle["checklist"], engine.directory, pages={"index.md"})


def test_there_are_255_situations_to_check(engine: Bundle) -> None:
    assert len(list(all_situations(engine.checklist.kinds))) == 2**8 - 1


def test_situations_are_described_in_korean_with_the_data_labels(engine: Bundle) -> None:
    described = describe_situation(Situation(lost=("phone", "card"), flags={"stolen"}), engine.checklist.kinds)
    assert described == "체크카드, 휴대폰(케이뱅크 앱) 분실 · 도난"


# --- Hours: checked, only reported, or unknown (contacts.yml hours / hours_claim) ------------------


def _hotline_variant(bundle: dict[str, Any], *, verified: bool, hours: Any, claim: str | None) -> dict[str, Any]:
    contacts = copy.deepcopy(bundle["contacts"])
    channel = contacts["channels"]["kbank_loss_phone"]
    for key in ("verified_on", "unverified", "check_at", "hours_claim"):
        channel.pop(key, None)
    channel["hours"] = hours
    channel.pop("source", None)
    if verified:
        channel.update(verified_on="2026-11-25", source={"url": "https://www.fsc.go.kr/", "says": "시험"})
    else:
        channel["source"] = "시험"
        channel.update(unverified=True, check_at="kbank_web")
    if claim is not None:
        channel["hours_claim"] = claim
    return contacts


WEEKLY = {"weekdays": "09:00-18:00"}


@pytest.mark.parametrize(
    ("verified", "hours", "claim", "outcome"),
    [
        pytest.param(True, "always", None, "ok", id="checked-24h-is-a-first-step"),
        pytest.param(False, "always", "reported", "ok", id="reported-24h-is-a-first-step"),
        pytest.param(True, "always", "reported", "ok", id="verified-channel-with-reported-hours"),
        pytest.param(False, "always", None, "hours_claim: reported를 함께", id="unchecked-24h-must-say-reported"),
        pytest.param(False, WEEKLY, None, "hours_claim: reported를 함께", id="unchecked-weekly-must-say-reported"),
        pytest.param(False, "unknown", "reported", "hours_claim을 적지 않습니다", id="unknown-hours-claim-nothing"),
        pytest.param(False, "always", "checked", "reported만", id="unknown-claim-word"),
        pytest.param(True, WEEKLY, None, "24시간으로 알려짐", id="weekly-first-step-names-both-accepted-kinds"),
    ],
)
def test_the_first_step_rests_on_checked_or_explicitly_reported_24_hours(
    bundle: dict[str, Any], verified: bool, hours: Any, claim: str | None, outcome: str
) -> None:
    contacts = _hotline_variant(bundle, verified=verified, hours=hours, claim=claim)
    if hours != "always":  # the hotline itself must be 24 h: point it elsewhere to test the plan check
        contacts["hotline"] = "police"
    try:
        directory = directory_from_dict(contacts)
        checklist_from_dict(bundle["checklist"], directory)
    except DataError as error:
        assert outcome != "ok", str(error)
        assert outcome in str(error)
    else:
        assert outcome == "ok"


@pytest.mark.parametrize(
    ("verified", "claim", "hours", "open_at_night"),
    [
        pytest.param(True, None, "verified", True, id="checked"),
        pytest.param(False, "reported", "reported", None, id="reported"),
        pytest.param(True, "reported", "reported", None, id="verified-channel-reported-hours"),
    ],
)
def test_only_checked_hours_say_open(bundle: dict[str, Any], verified: bool, claim: str | None, hours: str, open_at_night: bool | None) -> None:
    contacts = _hotline_variant(bundle, verified=verified, hours="always", claim=claim)
    engine = load_bundle({**bundle, "contacts": contacts})
    status = next(c for c in engine.plan(Situation(lost=("card",), at=NIGHT)).channels if c.id == "kbank_loss_phone")
    assert (status.hours, status.open, status.expected_open, status.always_open) == (hours, open_at_night, True, True)


# --- Abroad: routes that work from abroad first, local police for theft, warnings before domestic numbers -


@pytest.mark.parametrize(
    ("situation", "first", "present", "absent"),
    [
        pytest.param(Situation(lost=("card",)), "call_loss_line", ["report_all_cards", "call_loss_line"], ["report_in_app_abroad", "report_all_cards_abroad", "contact_from_abroad"], id="card-at-home"),
        pytest.param(Situation(lost=("card",), flags=frozenset({"abroad"})), "report_in_app_abroad", ["report_all_cards_abroad", "contact_from_abroad"], ["report_all_cards"], id="card-abroad"),
        pytest.param(Situation(lost=("phone",)), "call_loss_line_from_other_phone", [], ["contact_from_abroad"], id="phone-at-home"),
        pytest.param(Situation(lost=("phone",), flags=frozenset({"abroad"})), "contact_from_abroad", [], ["report_in_app_abroad", "check_report_in_app"], id="phone-abroad"),
        pytest.param(Situation(lost=("card", "phone"), flags=frozenset({"abroad"})), "report_all_cards_abroad", ["contact_from_abroad"], ["report_in_app_abroad"], id="card-and-phone-abroad"),
        pytest.param(Situation(lost=("card",), flags=frozenset({"stolen"})), "call_loss_line", ["report_to_police"], ["report_theft_to_local_police"], id="theft-at-home-112"),
        pytest.param(Situation(lost=("card",), flags=frozenset({"stolen", "abroad"})), "report_in_app_abroad", ["report_theft_to_local_police"], ["report_to_police"], id="theft-abroad-local-police"),
        pytest.param(Situation(flags=frozenset({"suspicious", "abroad"})), "report_in_app_abroad", ["report_to_police", "contact_from_abroad"], ["report_theft_to_local_police"], id="suspicious-abroad"),
        pytest.param(Situation(flags=frozenset({"abroad"})), "report_in_app_abroad", ["contact_from_abroad"], [], id="only-abroad"),
    ],
)
def test_abroad_plans_start_with_routes_that_work_from_abroad(
    engine: Bundle, situation: Situation, first: str, present: list[str], absent: list[str]
) -> None:
    plan = engine.plan(situation)
    got = [step.id for step in plan.steps]
    assert got[0] == first
    assert set(present) <= set(got)
    assert not set(absent) & set(got)
    channel = engine.directory.channels[plan.steps[0].channel]
    contact = engine.directory.contact_of(channel)
    assert contact is not None and not ("abroad" in situation.flags and contact.domestic_only)

