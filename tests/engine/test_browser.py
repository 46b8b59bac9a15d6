"""The browser boundary: a JSON request in, a JSON response out; nothing the page sends can break it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lossguide.browser import Session

NOW = "2026-11-25T18:00:00Z"  # 2026-11-26 03:00 KST, a Thursday night


@pytest.fixture(scope="module")
def session(bundle: dict[str, Any]) -> Session:
    return Session(json.dumps(bundle))


def ask(session: Session, **request: Any) -> dict[str, Any]:
    return json.loads(session.handle(json.dumps({"op": "events", "now": NOW, "view": "full", "base": "../", **request})))


def test_init_renders_every_region_and_a_fresh_state(session: Session) -> None:
    response = ask(session, op="init")
    assert set(response["regions"]) == {"situation", "plan", "log"}
    assert json.loads(response["state"])["ticks"] == {}
    assert response["query"] == "?lost=card"  # the default situation, made visible in the URL
    assert response["message"] is None


def test_a_tick_is_applied_with_its_time_and_the_report_form_is_left_alone(session: Session) -> None:
    response = ask(session, events=[{"type": "tick", "step": "call_loss_line", "checked": True, "at": NOW}])
    assert json.loads(response["state"])["ticks"] == {"call_loss_line": "2026-11-26T03:00:00+09:00"}
    assert "log" not in response["regions"]  # text being typed into the report form survives a tick
    assert response["progress"][0] == 1


@pytest.mark.parametrize(
    ("query", "lost", "stolen"),
    [
        pytest.param("?lost=phone&stolen=1", ("phone",), True, id="phone-stolen"),
        pytest.param("?lost=card&stolen=0", ("card",), False, id="flag-zero-is-false"),
        pytest.param("?lost=id&h=%EB%B6%84%EC%8B%A4", ("id",), False, id="theme-search-highlight-ignored"),
    ],
)
def test_the_situation_comes_from_the_url(session: Session, query: str, lost: tuple[str, ...], stolen: bool) -> None:
    response = ask(session, op="init", query=query)
    assert response["situation"].count("lost=") == len(lost)
    assert all(f"lost={item}" in response["situation"] for item in lost)
    assert ("stolen=1" in response["situation"]) is stolen
    assert response["message"] is None


def test_unknown_things_in_the_url_are_ignored_with_a_message(session: Session) -> None:
    response = ask(session, op="init", query="?lost=wallet&lost=card&evil=<script>")
    assert response["query"] == "?lost=card"
    assert "무시" in response["message"]


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("{not json", id="not-json"),
        pytest.param('{"version": 99}', id="from-the-future"),
        pytest.param("[" * 5000 + "]" * 5000, id="deeply-nested"),
        pytest.param('{"version": 2, "ticks": {"call_loss_line": "0001-01-01T00:00:00+14:00"}, "log": []}', id="year-one"),
    ],
)
def test_corrupt_saved_state_starts_fresh_with_a_korean_message(session: Session, stored: str) -> None:
    response = ask(session, op="init", stored=stored)
    assert json.loads(response["state"])["ticks"] == {}
    assert "새로 시작" in response["message"]


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({"type": "explode"}, id="unknown-type"),
        pytest.param("tick", id="not-an-object"),
        pytest.param({"type": "tick", "step": "no_such_step", "checked": True}, id="unknown-step"),
        pytest.param({"type": "report", "fields": None}, id="report-without-fields"),
    ],
)
def test_odd_events_are_skipped_with_a_message(session: Session, event: Any) -> None:
    response = ask(session, events=[event])
    assert json.loads(response["state"])["log"] == []
    assert response["message"]


def test_a_report_is_redacted_escaped_and_exported(session: Session) -> None:
    fields = {
        "channel": "kbank_loss_phone",
        "reported_at": "2026-11-26T03:05",
        "receipt_number": "2611251000123",
        "agent": "<b>김상담</b>",
        "memo": "카드 4111 1111 1111 1111, 주민번호 900101-1234567",
    }
    response = ask(session, events=[{"type": "report", "fields": fields, "at": NOW}])
    entry = json.loads(response["state"])["log"][0]
    assert entry["receipt_number"] == "2611251000123"  # evidence is kept exactly
    assert "4111" not in entry["memo"].replace("끝 1111", "") and "1234567" not in entry["memo"]
    assert "<b>" not in response["regions"]["log"] and "&lt;b&gt;" in response["regions"]["log"]
    assert "접수번호: 2611251000123" in response["export"]


@pytest.mark.parametrize("typed", ["0001-01-01T03:00", "2999-01-01T00:00", "어제 새벽"])
def test_an_impossible_report_time_becomes_now_and_the_widget_keeps_working(session: Session, typed: str) -> None:
    fields = {"channel": "kbank_loss_phone", "reported_at": typed}
    response = ask(session, events=[{"type": "report", "fields": fields, "at": NOW}])
    assert json.loads(response["state"])["log"][0]["reported_at"] == "2026-11-26T03:00:00+09:00"
    assert "지금 시각" in response["message"]
    again = ask(session, op="refresh", stored=response["state"])  # the saved state still loads
    assert again["message"] is None


def test_reset_clears_ticks_and_log(session: Session) -> None:
    first = ask(session, events=[{"type": "tick", "step": "call_loss_line", "checked": True}])
    response = ask(session, stored=first["state"], events=[{"type": "reset"}])
    assert json.loads(response["state"]) == {"version": 2, "ticks": {}, "log": []}
    assert "log" in response["regions"]


def test_a_malformed_request_still_gets_an_answer(session: Session) -> None:
    assert "regions" in json.loads(session.handle("not json"))
    assert "regions" in json.loads(session.handle("[1, 2]"))
