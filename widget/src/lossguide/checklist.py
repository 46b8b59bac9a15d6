"""The customer's checklist state: ticked steps with times, and their report log.

Saved as versioned JSON (localStorage in the browser). Older versions are migrated; corrupt or
foreign data gives a fresh state plus a Korean message, never an exception at the page.

Versions:
  1  {"version": 1, "done": [step ids]}  (first draft: no times, no log)
  2  {"version": 2, "ticks": {step id: ISO time | null}, "log": [report entries]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from .errors import DataError
from .hours import to_kst
from .plan import Plan
from .reportlog import ReportEntry, entry_from_dict, entry_to_dict

__all__ = [
    "STATE_VERSION",
    "ChecklistState",
    "Restored",
    "Tick",
    "add_report",
    "migrate",
    "progress",
    "restore",
    "save",
    "state_from_dict",
    "tick",
    "untick",
]

STATE_VERSION = 2
_STEP_ID = re.compile(r"[a-z][a-z0-9_]*")
_UNREADABLE = "저장된 체크리스트를 읽을 수 없어 빈 체크리스트로 새로 시작합니다."
_TOO_NEW = "더 새로운 버전의 사이트에서 저장된 체크리스트라 읽을 수 없습니다. 빈 체크리스트로 새로 시작합니다."


@dataclass(frozen=True, slots=True)
class Tick:
    """A step marked done; ``at`` is ISO-8601 KST, or None when an old save had no time."""

    step_id: str
    at: str | None


@dataclass(frozen=True, slots=True)
class ChecklistState:
    """Ticks in the order they were made, and the report log."""

    ticks: tuple[Tick, ...] = ()
    log: tuple[ReportEntry, ...] = ()

    def ticked(self, step_id: str) -> Tick | None:
        return next((t for t in self.ticks if t.step_id == step_id), None)


@dataclass(frozen=True, slots=True)
class Restored:
    """What ``restore`` gives the page: a usable state and, if something was lost, why."""

    state: ChecklistState
    message: str | None = None


def tick(state: ChecklistState, step_id: str, at: datetime) -> ChecklistState:
    """Mark a step done at ``at`` (naive = KST); ticking again updates the time."""
    kept = tuple(t for t in state.ticks if t.step_id != step_id)
    return replace(state, ticks=kept + (Tick(step_id, to_kst(at).isoformat(timespec="seconds")),))


def untick(state: ChecklistState, step_id: str) -> ChecklistState:
    return replace(state, ticks=tuple(t for t in state.ticks if t.step_id != step_id))


def add_report(state: ChecklistState, entry: ReportEntry) -> ChecklistState:
    return replace(state, log=state.log + (entry,))


def progress(state: ChecklistState, plan: Plan) -> tuple[int, int]:
    """(done, total) over the plan's steps; ticks of steps not in this plan do not count."""
    done = sum(1 for step in plan.steps if state.ticked(step.id) is not None)
    return done, len(plan.steps)


def save(state: ChecklistState) -> dict[str, Any]:
    """The current-version JSON-able form."""
    return {
        "version": STATE_VERSION,
        "ticks": {t.step_id: t.at for t in state.ticks},
        "log": [entry_to_dict(entry) for entry in state.log],
    }


def _from_v1(raw: Mapping[str, Any]) -> dict[str, Any]:
    done = raw.get("done")
    if not isinstance(done, list):
        raise DataError(_UNREADABLE)
    return {"version": 2, "ticks": {step_id: None for step_id in done}, "log": []}


# Each function lifts a save by one version; migrate() chains them.
_MIGRATIONS = {1: _from_v1}


def migrate(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Any known older save -> the current version's dict; DataError if it is not a save of ours."""
    if not isinstance(raw, Mapping):
        raise DataError(_UNREADABLE)
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(_UNREADABLE)
    if version > STATE_VERSION:
        raise DataError(_TOO_NEW)
    current = dict(raw)
    while current["version"] < STATE_VERSION:
        current = _MIGRATIONS[current["version"]](current)
    return current


def _tick_from(step_id: Any, at: Any) -> Tick:
    if not isinstance(step_id, str) or not _STEP_ID.fullmatch(step_id):
        raise DataError(_UNREADABLE)
    if at is None:
        return Tick(step_id, None)
    if not isinstance(at, str):
        raise DataError(_UNREADABLE)
    try:
        return Tick(step_id, to_kst(datetime.fromisoformat(at)).isoformat(timespec="seconds"))
    except (ValueError, OverflowError):
        raise DataError(_UNREADABLE) from None


def state_from_dict(raw: Mapping[str, Any]) -> ChecklistState:
    """A current-version dict -> state; DataError if anything in it is malformed."""
    ticks, log = raw.get("ticks"), raw.get("log")
    if not isinstance(ticks, Mapping) or not isinstance(log, list):
        raise DataError(_UNREADABLE)
    return ChecklistState(
        ticks=tuple(_tick_from(step_id, at) for step_id, at in ticks.items()),
        log=tuple(entry_from_dict(entry) for entry in log),
    )


# A saved checklist is small and flat; anything far bigger or deeper is not ours. Deep nesting must be
# refused before json.loads: on Pyodide a deep recursion overflows the WebAssembly stack and kills
# the runtime instead of raising RecursionError.
_MAX_STORED = 2_000_000
_MAX_DEPTH = 32


def _nesting(text: str) -> int:
    """Deepest bracket nesting outside JSON strings, found without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def restore(stored: str | Mapping[str, Any] | None) -> Restored:
    """Whatever localStorage held -> a usable state; never raises."""
    if stored is None or stored == "":
        return Restored(ChecklistState())
    if isinstance(stored, str) and (len(stored) > _MAX_STORED or _nesting(stored) > _MAX_DEPTH):
        return Restored(ChecklistState(), _UNREADABLE)
    try:
        raw = json.loads(stored) if isinstance(stored, str) else stored
        return Restored(state_from_dict(migrate(raw)))
    except DataError as exc:
        return Restored(ChecklistState(), exc.message if exc.message == _TOO_NEW else _UNREADABLE)
    # The page must keep working whatever was stored, so every failure becomes a fresh start.
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError):
        return Restored(ChecklistState(), _UNREADABLE)
