"""The browser boundary: one JSON request in, one JSON response out (Pyodide worker <-> page).

The page's JavaScript only records raw events and passes them here with what localStorage held;
every rule (what a tick means, redaction, URLs, messages) is applied in Python.

Request:  {"op": "init"|"events"|"refresh"|"location", "stored": str|null, "stored_situation": str|null,
           "events": [{"type": "tick"|"situation"|"report"|"reset", ...}], "query": "?lost=card",
           "now": ISO-8601, "view": "full"|"compact", "base": "../"}
Response: {"regions": {name: html}, "state": str, "situation": str, "query": "?...", "push": bool,
           "export": str, "message": str|null, "progress": [done, total]}
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from .bundle import Bundle, load_bundle
from .checklist import ChecklistState, add_report, progress, restore, save, tick, untick
from .hours import to_kst
from .model import Situation
from .reportlog import export_text, new_entry
from .widget import DEFAULT_SITUATION, situation_from_query, situation_query, widget_regions

__all__ = ["Session", "respond"]

_IGNORED = "주소에 있던 알 수 없는 항목은 무시했습니다."
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def _now(raw: Any) -> datetime:
    try:
        return to_kst(datetime.fromisoformat(str(raw).replace("Z", "+00:00")))
    except (ValueError, OverflowError):
        return to_kst(datetime.now(UTC))


def _event_time(event: dict[str, Any], now: datetime) -> datetime:
    return _now(event["at"]) if "at" in event else now


class _Turn:
    """One request being answered: the state and situation as events change them."""

    def __init__(self, bundle: Bundle, request: dict[str, Any], now: datetime) -> None:
        self.bundle = bundle
        self.now = now
        restored = restore(request.get("stored"))
        self.state: ChecklistState = restored.state
        self.messages: list[str] = [restored.message] if restored.message else []
        self.push = False
        self.log_changed = False
        self.situation = self._initial_situation(request)

    def _initial_situation(self, request: dict[str, Any]) -> Situation:
        kinds = self.bundle.checklist.kinds
        from_url, ignored = situation_from_query(str(request.get("query") or ""), kinds)
        if ignored:
            self.messages.append(_IGNORED)
        if from_url is not None:
            return from_url
        # No situation in the URL: the one the customer chose last time on this device, or the default.
        stored, _ = situation_from_query(str(request.get("stored_situation") or ""), kinds)
        return stored or DEFAULT_SITUATION

    def apply(self, event: Any) -> None:
        kind = event.get("type") if isinstance(event, dict) else None
        if kind == "tick":
            self._tick(event)
        elif kind == "situation":
            chosen, _ = situation_from_query(str(event.get("query", "")), self.bundle.checklist.kinds)
            if chosen is None:
                self.messages.append("하나 이상 골라 주세요. 고르기 전까지는 이전 계획을 보여 줍니다.")
            else:
                self.situation, self.push = chosen, True
        elif kind == "report":
            self._report(event)
        elif kind == "reset":
            self.state, self.log_changed = ChecklistState(), True
            self.messages.append("체크 표시와 신고 기록을 모두 지웠습니다.")
        else:
            self.messages.append("알 수 없는 입력은 건너뛰었습니다.")

    def _tick(self, event: dict[str, Any]) -> None:
        step = str(event.get("step", ""))
        if not any(s.id == step for s in self.bundle.checklist.steps):
            self.messages.append("이 사이트의 새 버전에 없는 단계라 체크 표시를 건너뛰었습니다.")
        elif event.get("checked") is True:
            self.state = tick(self.state, step, _event_time(event, self.now))
        else:
            self.state = untick(self.state, step)

    def _report(self, event: dict[str, Any]) -> None:
        fields = event.get("fields")
        if not isinstance(fields, dict):
            self.messages.append("기록할 내용을 읽을 수 없어 건너뛰었습니다.")
            return
        typed = str(fields.get("reported_at") or "")
        try:
            reported_at = to_kst(datetime.fromisoformat(typed)) if typed else _event_time(event, self.now)
        except (ValueError, OverflowError):
            reported_at = None
        # A report is made at a real moment: not before this century, not in the future.
        if reported_at is None or not (_EARLIEST <= reported_at <= self.now + timedelta(days=1)):
            self.messages.append("신고 시각을 읽을 수 없거나 맞지 않아 지금 시각으로 적었습니다. 기록에서 확인해 주세요.")
            reported_at = _event_time(event, self.now)
        entry = new_entry(
            channel=str(fields.get("channel") or ""),
            reported_at=reported_at,
            receipt_number=str(fields.get("receipt_number") or ""),
            agent=str(fields.get("agent") or ""),
            memo=str(fields.get("memo") or ""),
        )
        self.state, self.log_changed = add_report(self.state, entry), True
        self.messages.append("신고 기록을 추가했습니다.")


def respond(bundle: Bundle, request: dict[str, Any]) -> dict[str, Any]:
    """Apply the request's events to what was stored and render the regions that changed."""
    op = request.get("op")
    now = _now(request.get("now"))
    turn = _Turn(bundle, request, now)
    events = request.get("events") if isinstance(request.get("events"), list) else []
    for event in events:
        turn.apply(event)
    plan = bundle.plan(replace(turn.situation, at=now))
    view = "full" if request.get("view") == "full" else "compact"
    regions = widget_regions(
        bundle, plan, turn.state, base=str(request.get("base") or ""), now=now, live=True, with_log=view == "full"
    )
    # Re-render the report form only when needed, so text being typed into it is never wiped.
    if not (turn.log_changed or op == "init"):
        regions.pop("log", None)
    if op not in ("init", "location") and not turn.push:
        regions.pop("situation")
    query = situation_query(turn.situation, bundle.checklist.kinds)
    return {
        "regions": regions,
        "state": json.dumps(save(turn.state), ensure_ascii=False),
        "situation": query,
        "query": "?" + query,
        "push": turn.push,
        "export": export_text(turn.state.log, bundle.directory),
        "message": " ".join(turn.messages) or None,
        "progress": list(progress(turn.state, plan)),
    }


class Session:
    """Lives in the worker: the bundle is parsed once, then every request is one call."""

    def __init__(self, bundle_json: str) -> None:
        self.bundle = load_bundle(json.loads(bundle_json))

    def handle(self, request_json: str) -> str:
        try:
            request = json.loads(request_json)
            if not isinstance(request, dict):
                raise TypeError("request is not an object")
        except (ValueError, TypeError):
            request = {"op": "init"}
        return json.dumps(respond(self.bundle, request), ensure_ascii=False)
