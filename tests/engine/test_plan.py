"""Situation -> plan: the rules in checklist.yml, node by node, and properties over all situations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.bundle import Bundle
from lossguide.model import LOST_ITEMS, PHASES, Situation
from lossguide.rules import all_situations

KST = timezone(timedelta(hours=9))
CHRISTMAS_3AM = datetime(2026, 12, 25, 3, 0, tzinfo=KST)

situations = st.builds(
    Situation,
    lost=st.lists(st.sampled_from(LOST_ITEMS), unique=True).map(tuple),
    stolen=st.booleans(),
    suspicious=st.booleans(),
    abroad=st.booleans(),
    at=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(KST)),
).filter(lambda s: not s.is_empty())


def ids(engine: Bundle, situation: Situation) -> list[str]:
    return [step.id for step in engine.plan(situation).steps]


@pytest.mark.parametrize(
    ("situation", "present", "absent"),
    [
        pytest.param(Situation(lost=("card",)), ["call_loss_line", "reissue_card", "activate_new_card", "update_autopay", "check_card_pin", "report_all_cards"], ["call_loss_line_from_other_phone", "report_to_police"], id="card"),
        pytest.param(Situation(lost=("phone",)), ["call_loss_line_from_other_phone", "report_phone_to_carrier", "set_up_app_on_new_phone"], ["call_loss_line", "check_report_in_app"], id="phone"),
        pytest.param(Situation(lost=("id",)), ["register_exposed_personal_data", "report_id_card", "block_new_phone_lines"], ["reissue_card"], id="id-card"),
        pytest.param(Situation(lost=("otp",)), ["reissue_otp"], ["reissue_card"], id="otp"),
        pytest.param(Situation(lost=("account-info",)), ["change_passwords", "stop_all_account_payments"], ["search_lost_items"], id="account-info"),
        pytest.param(Situation(stolen=True), ["request_payment_stop", "report_to_police"], [], id="stolen"),
        pytest.param(Situation(suspicious=True), ["request_payment_stop", "report_to_police", "stop_all_account_payments"], [], id="suspicious"),
        pytest.param(Situation(abroad=True), ["contact_from_abroad"], [], id="abroad"),
    ],
)
def test_each_situation_gets_the_steps_its_rules_promise(engine: Bundle, situation: Situation, present: list[str], absent: list[str]) -> None:
    got = ids(engine, situation)
    assert set(present) <= set(got)
    assert not set(absent) & set(got)


@pytest.mark.parametrize("flag", ["stolen", "suspicious"])
def test_theft_or_suspicious_transactions_lead_to_payment_stop_and_police_now(engine: Bundle, flag: str) -> None:
    plan = engine.plan(Situation(lost=("card",), **{flag: True}))
    now = {step.id: step for step in plan.phase("now")}
    assert {"request_payment_stop", "report_to_police"} <= set(now)
    assert now["report_to_police"].channel == "police"


def test_a_lost_phone_never_sends_the_customer_to_the_app_first(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("phone",)))
    assert plan.steps[0].channel != "kbank_app_report"
    assert plan.steps[0].id == "call_loss_line_from_other_phone"
    assert all(step.channel != "kbank_app_report" for step in plan.phase("now"))


def test_abroad_shows_the_overseas_route_flagged_as_unverified(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",), abroad=True, at=CHRISTMAS_3AM))
    overseas = next(c for c in plan.channels if c.id == "kbank_overseas")
    assert overseas.verified is False


def test_card_follow_ups_come_later_in_the_plan(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",)))
    later = {step.id for step in plan.phase("later")}
    assert {"reissue_card", "activate_new_card", "update_autopay", "check_card_pin"} <= later


def test_steps_come_in_phase_order(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=LOST_ITEMS, stolen=True, suspicious=True, abroad=True))
    phases = [PHASES.index(step.phase) for step in plan.steps]
    assert phases == sorted(phases)


def test_every_rule_has_a_step_and_every_step_a_rule(engine: Bundle) -> None:
    assert {step.rule for step in engine.checklist.steps} == set(engine.checklist.rules)


def test_channels_are_listed_once_in_the_order_steps_use_them(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("phone", "card"), stolen=True, at=CHRISTMAS_3AM))
    used = list(dict.fromkeys(step.channel for step in plan.steps if step.channel))
    assert [c.id for c in plan.channels] == used


@pytest.mark.parametrize("situation", list(all_situations()), ids=lambda s: "+".join(s.lost) + "|" + ",".join(sorted(s.flags())))
def test_every_situation_starts_now_with_a_step_that_can_be_taken(engine: Bundle, situation: Situation) -> None:
    plan = engine.plan(situation)
    first = plan.steps[0]
    channel = engine.directory.channels[first.channel]
    contact = engine.directory.contact_of(channel)
    assert first.phase == "now"
    if situation.abroad:  # a route that works from abroad
        assert contact is not None and not contact.domestic_only
    else:  # 24 hours, checked or explicitly only reported
        assert channel.schedule.kind == "always"


@given(situation=situations)
def test_any_non_empty_situation_gives_a_plan_without_duplicate_ids(engine: Bundle, situation: Situation) -> None:
    plan = engine.plan(situation)
    step_ids = [step.id for step in plan.steps]
    assert step_ids
    assert len(step_ids) == len(set(step_ids))
    first_channel = next(c for c in plan.channels if c.id == plan.steps[0].channel)
    # Hours nobody checked never count as open; abroad the first route need not be a 24-hour line.
    assert first_channel.open is None or first_channel.hours == "verified"
    if not situation.abroad:
        assert first_channel.always_open and first_channel.expected_open
