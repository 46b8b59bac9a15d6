"""Checks on the checklist rules that also run in the browser (no file lines there)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from lossguide.bundle import Bundle
from lossguide.errors import DataError
from lossguide.model import Situation
from lossguide.rules import all_situations, checklist_from_dict, describe_situation


def first_step(raw: dict[str, Any]) -> dict[str, Any]:
    return raw["steps"][0]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        pytest.param(lambda r: r["steps"].append(dict(first_step(r))), "두 번", id="duplicate-step-id"),
        pytest.param(lambda r: first_step(r).update(rule="no_such_rule"), "rules에 없는 규칙", id="step-without-rule"),
        pytest.param(lambda r: r["rules"].update(orphan={"description": "x", "when": {"abroad": True}}), "쓰는 단계가 없습니다", id="rule-without-step"),
        pytest.param(lambda r: first_step(r).update(channel="nowhere"), "채널 id", id="unknown-channel"),
        pytest.param(lambda r: first_step(r).update(title="1522-1000으로 전화"), "숫자", id="number-in-title"),
        pytest.param(lambda r: first_step(r).update(channel="kbank_counsel_phone"), "24시간", id="first-step-not-always-open"),
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
