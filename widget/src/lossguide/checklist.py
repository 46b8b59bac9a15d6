"""The customer's checklist state: ticked steps with times, and their report log.

Saved as versioned JSON (localStorage in the browser). Older versions are migrated; corrupt or
foreign data gives a fresh state plus a Korean message, never an exception at the page.

Versions:
  1  {"version": 1, "done": [step ids]}  (first draft: no times, no log)
  2  {"version": 2, "ticks": {step id: ISO time | null}, "log": [report entries]}
  3  {"version": 3, "ticks": {step id: ISO time | null}, "unticked": {step id: ISO time},
      "log": [report entries with "id", "rev" and, when deleted, "deleted": true]}

A save from a newer version is never overwritten: ``restore`` says so (``Restored.too_new``) and the
page stops writing. Two tabs' states merge (``merge``): per step the later of tick and untick wins,
report entries merge by id (``reportlog.merge_logs``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from . import texts
from .errors import DataError
from .hours import to_kst
from .plan import Plan
from .reportlog import ReportEntry, entry_from_dict, entry_to_dict, merge_logs

__all__ = [
    "STATE_VERSION",
    "ChecklistState",
    "Restored",
    "Tick",
    "add_report",
    "json_nesting",
    "merge",
    "migrate",
    "progress",
    "restore",
    "save",
    "save_text",
    "size_problem",
    "state_from_dict",
    "tick",
    "untick",
]

STATE_VERSION = 3
_STEP_ID = re.compile(r"[a-z][a-z0-9_]*")
_UNREADABLE = texts.MSG_UNREADABLE_STATE


@dataclass(frozen=True, slots=True)
class Tick:
    """A step marked done (or, in ``unticks``, undone); ``at`` is ISO-8601 KST, None when an old save had no time."""

    step_id: str
    at: str | None


@dataclass(frozen=True, slots=True)
class ChecklistState:
    """Ticks in the order they were made, unticks (kept so another tab's merge cannot undo them), the log."""

    ticks: tuple[Tick, ...] = ()
    log: tuple[ReportEntry, ...] = ()
    unticks: tuple[Tick, ...] = ()

    def ticked(self, step_id: str) -> Tick | None:
        return next((t for t in self.ticks if t.step_id == step_id), None)

    def entry(self, entry_id: str) -> ReportEntry | None:
        return next((e for e in self.log if e.id == entry_id), None)


@dataclass(frozen=True, slots=True)
class Restored:
    """What ``restore`` gives the page: a usable state and, if something was lost, why.

    ``too_new``: the save is from a newer version of the site; it must not be overwritten.
    """

    state: ChecklistState
    message: str | None = None
    too_new: bool = False


def tick(state: ChecklistState, step_id: str, at: datetime) -> ChecklistState:
    """Mark a step done at ``at`` (naive = KST); ticking again updates the time."""
    kept = tuple(t for t in state.ticks if t.step_id != step_id)
    undone = tuple(t for t in state.unticks if t.step_id != step_id)
    return replace(state, ticks=kept + (Tick(step_id, to_kst(at).isoformat(timespec="seconds")),), unticks=undone)


def untick(state: ChecklistState, step_id: str, at: datetime | None = None) -> ChecklistState:
    """Mark a step not done; with ``at`` the untick is remembered so a merge keeps it."""
    kept = tuple(t for t in state.ticks if t.step_id != step_id)
    undone = tuple(t for t in state.unticks if t.step_id != step_id)
    if at is not None:
        undone += (Tick(step_id, to_kst(at).isoformat(timespec="seconds")),)
    return replace(state, ticks=kept, unticks=undone)


def add_report(state: ChecklistState, entry: ReportEntry) -> ChecklistState:
    """The state with ``entry`` added, or replacing the entry with the same id (an edit, delete or undo)."""
    if state.entry(entry.id) is None:
        return replace(state, log=state.log + (entry,))
    return replace(state, log=tuple(entry if e.id == entry.id else e for e in state.log))


def _moment(t: Tick) -> datetime | None:
    return datetime.fromisoformat(t.at) if t.at is not None else None


def merge(stored: ChecklistState, mine: ChecklistState) -> ChecklistState:
    """Two tabs' states as one: per step the later of tick and untick wins (a tick with no time is the
    oldest; on a tie the stored one wins), report entries merge by id. Nothing either tab added is lost."""
    latest: dict[str, tuple[Tick, bool]] = {}
    for source in (mine, stored):  # stored last: it wins ties
        for t, done in [(t, True) for t in source.ticks] + [(t, False) for t in source.unticks]:
            seen = latest.get(t.step_id)
            if seen is None or _later_or_equal(t, seen[0]):
                latest[t.step_id] = (t, done)
    ticks = tuple(t for t, done in latest.values() if done)
    unticks = tuple(t for t, done in latest.values() if not done)
    return ChecklistState(ticks=ticks, log=merge_logs(stored.log, mine.log), unticks=unticks)


def _later_or_equal(a: Tick, b: Tick) -> bool:
    ma, mb = _moment(a), _moment(b)
    if ma is None:
        return mb is None
    return mb is None or ma >= mb


def progress(state: ChecklistState, plan: Plan) -> tuple[int, int]:
    """(done, total) over the plan's steps; ticks of steps not in this plan do not count."""
    done = sum(1 for step in plan.steps if state.ticked(step.id) is not None)
    return done, len(plan.steps)


def save(state: ChecklistState) -> dict[str, Any]:
    """The current-version JSON-able form."""
    return {
        "version": STATE_VERSION,
        "ticks": {t.step_id: t.at for t in state.ticks},
        "unticked": {t.step_id: t.at for t in state.unticks},
        "log": [entry_to_dict(entry) for entry in state.log],
    }


def save_text(state: ChecklistState) -> str:
    """The saved state as the text stored in localStorage."""
    return json.dumps(save(state), ensure_ascii=False, separators=(",", ":"))


def size_problem(state: ChecklistState) -> str | None:
    """A Korean message when the state is too big to save safely (new input is refused), else None."""
    if sum(1 for e in state.log if not e.deleted) > texts.MAX_LOG_ENTRIES or len(save_text(state)) > texts.MAX_STATE_CHARS:
        return texts.MSG_LOG_FULL
    return None


def _from_v1(raw: Mapping[str, Any]) -> dict[str, Any]:
    done = raw.get("done")
    if not isinstance(done, list):
        raise DataError(_UNREADABLE)
    return {"version": 2, "ticks": {step_id: None for step_id in done}, "log": []}


def _from_v2(raw: Mapping[str, Any]) -> dict[str, Any]:
    # Entries get their ids from their content when read (entry_from_dict): the same in every tab.
    return {**raw, "version": 3, "unticked": {}}


# Each function lifts a save by one version; migrate() chains them.
_MIGRATIONS = {1: _from_v1, 2: _from_v2}


class _TooNew(DataError):
    pass


def migrate(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Any known older save -> the current version's dict; DataError if it is not a save of ours."""
    if not isinstance(raw, Mapping):
        raise DataError(_UNREADABLE)
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(_UNREADABLE)
    if version > STATE_VERSION:
        raise _TooNew(texts.MSG_NEWER_VERSION)
    current = dict(raw)
    while current["version"] < STATE_VERSION:
        current = _MIGRATIONS[current["version"]](current)
    return current


def _tick_from(step_id: Any, at: Any, *, timed: bool = False) -> Tick:
    if not isinstance(step_id, str) or not _STEP_ID.fullmatch(step_id):
        raise DataError(_UNREADABLE)
    if at is None and not timed:
        return Tick(step_id, None)
    if not isinstance(at, str):
        raise DataError(_UNREADABLE)
    try:
        moment = to_kst(datetime.fromisoformat(at))
    except (ValueError, OverflowError):
        raise DataError(_UNREADABLE) from None
    if not 2000 <= moment.year <= 2099:
        raise DataError(_UNREADABLE)
    return Tick(step_id, moment.isoformat(timespec="seconds"))


def state_from_dict(raw: Mapping[str, Any]) -> ChecklistState:
    """A current-version dict -> state; DataError if anything in it is malformed."""
    ticks, unticked, log = raw.get("ticks"), raw.get("unticked", {}), raw.get("log")
    if not isinstance(ticks, Mapping) or not isinstance(unticked, Mapping) or not isinstance(log, list):
        raise DataError(_UNREADABLE)
    entries = tuple(entry_from_dict(entry) for entry in log)
    return ChecklistState(
        ticks=tuple(_tick_from(step_id, at) for step_id, at in ticks.items()),
        log=merge_logs(entries),  # the same id twice (a hand-edited save) becomes one entry
        unticks=tuple(_tick_from(step_id, at, timed=True) for step_id, at in unticked.items()),
    )


# A saved checklist is small and flat; anything far bigger or deeper is not ours. Deep nesting must be
# refused before json.loads: on Pyodide a deep recursion overflows the WebAssembly stack and kills
# the runtime instead of raising RecursionError.
_MAX_STORED = 2_000_000


# Brackets, and whole JSON strings (skipped in one step by the regex engine, so long texts cost little).
_JSON_TOKEN = re.compile(r'[\[\]{}]|"[^"\\]*(?:\\.[^"\\]*)*"?')


def json_nesting(text: str, limit: int = texts.MAX_JSON_DEPTH) -> int:
    """Deepest bracket nesting outside JSON strings, found without recursion (stops early past ``limit``)."""
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(text):
        ch = token.group()
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def restore(stored: str | Mapping[str, Any] | None) -> Restored:
    """Whatever localStorage held -> a usable state; never raises."""
    if stored is None or stored == "":
        return Restored(ChecklistState())
    if isinstance(stored, str) and (len(stored) > _MAX_STORED or json_nesting(stored) > texts.MAX_JSON_DEPTH):
        return Restored(ChecklistState(), _UNREADABLE)
    try:
        raw = json.loads(stored) if isinstance(stored, str) else stored
        return Restored(state_from_dict(migrate(raw)))
    except _TooNew:
        return Restored(ChecklistState(), texts.MSG_NEWER_VERSION, too_new=True)
    except DataError:
        return Restored(ChecklistState(), _UNREADABLE)
    # The page must keep working whatever was stored, so every failure becomes a fresh start.
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError):
        return Restored(ChecklistState(), _UNREADABLE)
