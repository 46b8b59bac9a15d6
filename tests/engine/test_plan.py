"""Situation -> plan: the rules in checklist.yml, node by node, and properties over all situations."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.bundle import Bundle, load_bundle
from lossguide.model import PHASES, Situation
from lossguide.rules import all_situations

KST = timezone(timedelta(hours=9))
CHRISTMAS_3AM = datetime(2026, 12, 25, 3, 0, tzinfo=KST)



def situations(engine: Bundle) -> st.SearchStrategy[Situation]:
    """Any non-empty situation the data's kinds allow, at any time in 2025-2028 (KST)."""
    kinds = engine.checklist.kinds
    return st.builds(
        Situation,
        lost=st.lists(st.sampled_from(kinds.lost_ids), unique=True).map(tuple),
        flags=st.frozensets(st.sampled_from(kinds.flag_ids)),
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
        pytest.param(Situation(flags={"stolen"}), ["request_payment_stop", "report_to_police"], [], id="stolen"),
        pytest.param(Situation(flags={"suspicious"}), ["request_payment_stop", "report_to_police", "stop_all_account_payments"], [], id="suspicious"),
        pytest.param(Situation(flags={"abroad"}), ["contact_from_abroad"], [], id="abroad"),
    ],
)
def test_each_situation_gets_the_steps_its_rules_promise(engine: Bundle, situation: Situation, present: list[str], absent: list[str]) -> None:
    got = ids(engine, situation)
    assert set(present) <= set(got)
    assert not set(absent) & set(got)


@pytest.mark.parametrize("flag", ["stolen", "suspicious"])
def test_theft_or_suspicious_transactions_lead_to_payment_stop_and_police_now(engine: Bundle, flag: str) -> None:
    plan = engine.plan(Situation(lost=("card",), flags={flag}))
    now = {step.id: step for step in plan.phase("now")}
    assert {"request_payment_stop", "report_to_police"} <= set(now)
    assert now["report_to_police"].channel == "police"


def test_a_lost_phone_never_sends_the_customer_to_the_app_first(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("phone",)))
    assert plan.steps[0].channel != "kbank_app_report"
    assert plan.steps[0].id == "call_loss_line_from_other_phone"
    assert all(step.channel != "kbank_app_report" for step in plan.phase("now"))


def test_abroad_shows_the_overseas_route_flagged_as_unverified(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",), flags={"abroad"}, at=CHRISTMAS_3AM))
    overseas = next(c for c in plan.channels if c.id == "kbank_overseas")
    assert overseas.verified is False


def test_card_follow_ups_come_later_in_the_plan(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",)))
    later = {step.id for step in plan.phase("later")}
    assert {"reissue_card", "activate_new_card", "update_autopay", "check_card_pin"} <= later


def test_steps_come_in_phase_order(engine: Bundle) -> None:
    kinds = engine.checklist.kinds
    plan = engine.plan(Situation(lost=kinds.lost_ids, flags=kinds.flag_ids))
    phases = [PHASES.index(step.phase) for step in plan.steps]
    assert phases == sorted(phases)


def test_every_rule_has_a_step_and_every_step_a_rule(engine: Bundle) -> None:
    assert {step.rule for step in engine.checklist.steps} == set(engine.checklist.rules)


def test_channels_are_listed_once_in_the_order_steps_use_them(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("phone", "card"), flags={"stolen"}, at=CHRISTMAS_3AM))
    used = list(dict.fromkeys(step.channel for step in plan.steps if step.channel))
    assert [c.id for c in plan.channels] == used


def first_steps(engine: Bundle) -> dict[str, str]:
    """Situation -> the first step of its plan, over every situation, with the violations of
    'starts now on a channel open around the clock' marked."""
    out = {}
    for situation in all_situations(engine.checklist.kinds):
        first = engine.plan(situation).steps[0]
        channel = engine.directory.channels.get(first.channel or "")
        fine = first.phase == "now" and channel is not None and channel.schedule.kind == "always"
        out["+".join(situation.lost) + "|" + ",".join(sorted(situation.flags))] = first.id if fine else f"BAD {first.id}"
    return out


def test_every_situation_of_a_rulebook_the_build_never_checked_starts_now_around_the_clock(small: Bundle) -> None:
    # The small rulebook is loaded as the browser loads a bundle (no check of every situation), so this
    # property is the only thing that can catch a broken plan here.
    assert [key for key, first in first_steps(small).items() if first.startswith("BAD")] == []


def test_the_property_finds_a_plan_that_starts_later(small_raw: dict) -> None:
    broken = copy.deepcopy(small_raw)
    broken["checklist"]["steps"][0]["phase"] = "later"
    bad = [key for key, first in first_steps(load_bundle(broken)).items() if first.startswith("BAD")]
    assert len(bad) == sum(1 for _ in all_situations(load_bundle(broken).checklist.kinds))


def test_the_small_rulebooks_plans_follow_its_rules(small: Bundle) -> None:
    assert ids(small, Situation(lost=("card",))) == ["call_line", "new_card"]
    assert ids(small, Situation(lost=("id",), flags=frozenset({"stolen"}))) == ["call_line", "police"]


@given(data=st.data())
def test_any_non_empty_situation_gives_a_plan_without_duplicate_ids(engine: Bundle, data: st.DataObject) -> None:
    situation = data.draw(situations(engine))
    plan = engine.plan(situation)
    step_ids = [step.id for step in plan.steps]
    assert step_ids
    assert len(step_ids) == len(set(step_ids))
    first_channel = next(c for c in plan.channels if c.id == plan.steps[0].channel)
    # Hours nobody checked never count as open; abroad the first route need not be a 24-hour line.
    assert first_channel.open is None or first_channel.hours == "verified"
    if "abroad" not in situation.flags:
        assert first_channel.always_open and first_channel.expected_open
