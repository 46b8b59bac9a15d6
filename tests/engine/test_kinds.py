"""Kinds of lost items and situation flags come from the data (checklist.yml, section `situation`).

Runs on CPython and in Pyodide: the data is the bundle the browser receives, changed as a dict.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from lossguide.bundle import Bundle, load_bundle
from lossguide.errors import DataError
from lossguide.model import Situation
from lossguide.rules import all_situations, describe_situation, kinds_from_dict
from lossguide.widget import situation_form_html, situation_from_query, situation_query

BANKBOOK = {"id": "bankbook", "label": "통장"}


@pytest.fixture(scope="module")
def with_bankbook(bundle: dict[str, Any]) -> Bundle:
    """The real bundle plus a 통장 kind, its rule and a step: data only, no code."""
    raw = copy.deepcopy(bundle)
    checklist = raw["checklist"]
    checklist["situation"]["lost"].append(BANKBOOK)
    checklist["rules"]["bankbook_lost"] = {"description": "통장을 잃어버렸다", "when": {"lost": ["bankbook"]}}
    checklist["steps"].append(
        {"id": "report_bankbook", "title": "통장 분실 알리기", "phase": "today", "channel": None, "page": "lost/card.md", "rule": "bankbook_lost"}
    )
    return load_bundle(raw)


def test_a_new_kind_shows_in_the_form_the_plan_and_the_enumeration(with_bankbook: Bundle) -> None:
    kinds = with_bankbook.checklist.kinds
    form = situation_form_html(Situation(lost=("bankbook",)), kinds)
    assert 'id="lg-lost-bankbook" name="lost" value="bankbook" checked' in form
    assert ">통장</label>" in form
    plan = with_bankbook.plan(Situation(lost=("bankbook",)))
    assert "report_bankbook" in [step.id for step in plan.steps]
    assert describe_situation(plan.situation, kinds) == "통장 분실"
    assert len(list(all_situations(kinds))) == 2**9 - 1


@pytest.mark.parametrize(
    ("query", "lost", "flags"),
    [
        pytest.param("?lost=card&stolen=1", ("card",), {"stolen"}, id="card-stolen"),
        pytest.param("?lost=phone&lost=card", ("card", "phone"), set(), id="two-items-in-data-order"),
        pytest.param("?lost=id&abroad=1", ("id",), {"abroad"}, id="id-abroad"),
        pytest.param("?lost=account-info&suspicious=1", ("account-info",), {"suspicious"}, id="account-info-suspicious"),
        pytest.param("?lost=otp&stolen=1&suspicious=1&abroad=1", ("otp",), {"stolen", "suspicious", "abroad"}, id="every-flag"),
    ],
)
def test_saved_and_shared_addresses_of_existing_kinds_still_work(engine: Bundle, query: str, lost: tuple[str, ...], flags: set[str]) -> None:
    situation, ignored = situation_from_query(query, engine.checklist.kinds)
    assert situation == Situation(lost=lost, flags=flags)
    assert not ignored
    again, _ = situation_from_query(situation_query(situation, engine.checklist.kinds), engine.checklist.kinds)
    assert again == situation


def test_an_unknown_kind_in_an_address_is_ignored_and_said(engine: Bundle) -> None:
    situation, ignored = situation_from_query("?lost=card&lost=bankbook", engine.checklist.kinds)
    assert situation == Situation(lost=("card",))
    assert ignored


def test_each_label_is_written_once_and_read_by_form_and_plan(engine: Bundle) -> None:
    kinds = engine.checklist.kinds
    everything = Situation(lost=kinds.lost_ids, flags=kinds.flag_ids)
    form = situation_form_html(everything, kinds)
    heading = describe_situation(everything, kinds)
    for kind in kinds.lost:
        assert f">{kind.label}</label>" in form
        assert kind.label in heading
    for flag in kinds.flags:
        assert f">{flag.question}</label>" in form
        assert flag.label in heading


def situation_section(engine: Bundle) -> dict[str, Any]:
    kinds = engine.checklist.kinds
    return {
        "lost": [{"id": k.id, "label": k.label} for k in kinds.lost],
        "flags": [{"id": k.id, "label": k.label, "question": k.question} for k in kinds.flags],
    }


@pytest.mark.parametrize(
    ("change", "words"),
    [
        pytest.param(lambda s: s["lost"].append({"id": "card", "label": "또 카드"}), "두 번", id="repeated-lost-id"),
        pytest.param(lambda s: s["flags"].append({"id": "card", "label": "x", "question": "x"}), "두 번", id="flag-with-a-lost-id"),
        pytest.param(lambda s: s["flags"].append({"id": "lost", "label": "x", "question": "x"}), "쓸 수 없는 이름", id="reserved-flag-id"),
    ],
)
def test_kind_mistakes_are_korean_data_errors(engine: Bundle, change: Callable[[dict[str, Any]], None], words: str) -> None:
    section = situation_section(engine)
    change(section)
    with pytest.raises(DataError, match=words):
        kinds_from_dict(section)
