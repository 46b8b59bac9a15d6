"""The browser boundary: one JSON request in, one JSON response out (Pyodide worker <-> page).

The page's JavaScript records raw events, queues them, posts one request at a time and applies the
answer; every rule (what a tick means, redaction, limits, merging tabs, messages) is applied here.
``Session`` keeps the state in memory between requests; it re-reads what the page stored only when
that changed (another tab wrote it), and then merges instead of overwriting.

Request:  {"id": int, "op": "init"|"events"|"refresh"|"location"|"sync",
           "stored": str|null (localStorage now; the page passes it as handle's second argument),
           "stored_situation": str|null,
           "events": [{"type": "tick"|"situation"|"report"|"reset"|"edit"|"cancel-edit"|"delete"|"undo"
                       |"confirm"|"cancel", ...}],
           "query": "?lost=card", "now": ISO-8601 (device clock), "view": "full"|"compact", "base": "../"}
Response: {"id": int (the request's), "regions": {name: html} (only regions whose HTML changed),
           "persist": {"state": str|null (null: write nothing), "situation": str},
           "history": {"query": "?...", "push": bool}|null, "halt": bool (a newer version saved: stop
           writing), "export": str, "message": str|null, "progress": [done, total]}

Events: tick {step, checked, at}; situation {query}; report {fields: {channel, reported_at,
receipt_number, agent, memo, entry_id?}, at}; edit/delete/undo {id}; confirm/cancel (the typed report
time that is far from the device clock); reset. Nothing raises out of ``Session.handle``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from . import texts
from .bundle import load_bundle
from .checklist import (
    ChecklistState,
    add_report,
    json_nesting,
    merge,
    progress,
    restore,
    save_text,
    size_problem,
    tick,
    untick,
)
from .model import Situation
from .reportlog import (
    EntryError,
    ReportEntry,
    device_now,
    entry_from_form,
    export_text,
    is_kept_copy,
    needs_confirmation,
    revise,
    when_label,
)
from .widget import (
    DEFAULT_SITUATION,
    log_form_html,
    notice_html,
    situation_from_query,
    situation_query,
    widget_regions,
)

__all__ = ["Session"]

_OPS = ("init", "events", "refresh", "location", "sync")
_BLANK = {"channel": "", "receipt_number": "", "agent": "", "memo": ""}


def _event_time(event: dict[str, Any], now: datetime) -> datetime | None:
    """The device time of an event; None when it is not a real moment (year 1, 9999, not a date)."""
    if "at" not in event:
        return now
    try:
        at = datetime.fromisoformat(str(event["at"]).replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return None
    if not 2000 <= at.year <= 2099:
        return None
    return device_now(at.isoformat())


class Session:
    """Lives in the worker: the bundle is parsed once, the state is kept in memory between requests."""

    def __init__(self, bundle_json: str) -> None:
        self.bundle = load_bundle(json.loads(bundle_json))
        self.state = ChecklistState()
        self.persisted: str | None = None  # the stored text this session last read or asked to write
        self.halted = False  # a newer version of the site saved the state: never write again
        self.situation = DEFAULT_SITUATION
        self.shown: dict[str, str] = {}  # region -> HTML the page shows
        self.awaiting: tuple[ReportEntry, list[str]] | None = None  # a report waiting for the reader's yes
        self.editing: str | None = None  # id of the entry the form is editing
        self.undoable: str | None = None  # id of the entry just deleted

    # --- the boundary ---------------------------------------------------------------------------
    def handle(self, request_json: str, stored: str | None = None) -> str:
        """One request (JSON text) -> one response (JSON text). Never raises.

        ``stored`` is what localStorage holds now; the page passes it beside the request so the
        request stays small (it is checked for depth on every call, the stored state only when it
        changed). A "stored" key inside the request is used when ``stored`` is not given.
        """
        request: Any = None
        if not isinstance(request_json, str) or len(request_json) > texts.MAX_REQUEST_CHARS or (
            json_nesting(request_json) > texts.MAX_JSON_DEPTH
        ):
            return self._refused(None, texts.MSG_REQUEST_REFUSED)
        try:
            request = json.loads(request_json)
        except (ValueError, RecursionError):
            request = None
        if not isinstance(request, dict):
            return self._refused(None, texts.MSG_REQUEST_REFUSED)
        if stored is not None:
            request["stored"] = stored
        try:
            return json.dumps(self._respond(request), ensure_ascii=False)
        except Exception:  # the engine's own fault: answer, keep the state as it was, never kill the worker
            return self._refused(request.get("id"), texts.MSG_ENGINE_ERROR)

    def _refused(self, request_id: Any, message: str) -> str:
        answer = {
            "id": request_id if isinstance(request_id, int) else None,
            "regions": {},
            "persist": None,
            "history": None,
            "halt": self.halted,
            "export": None,
            "message": message,
            "progress": None,
            "error": True,
        }
        return json.dumps(answer, ensure_ascii=False)

    # --- one request ------------------------------------------------------------------------------
    def _respond(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op") if request.get("op") in _OPS else "refresh"
        now = device_now(request.get("now"))
        turn = _Turn(self, now)
        if op == "init":
            self.shown, self.persisted, self.state = {}, None, ChecklistState()
            self.awaiting = self.editing = self.undoable = None
            turn.situation = self._initial_situation(request, turn)
        elif op == "location":
            from_url, _ = situation_from_query(str(request.get("query") or ""), self.bundle.checklist.kinds)
            turn.situation = from_url or self.situation
        turn.read_stored(request.get("stored"))
        events = request.get("events") if isinstance(request.get("events"), list) else []
        for event in events:
            turn.apply(event)
        return turn.answer(request, op)

    def _initial_situation(self, request: dict[str, Any], turn: _Turn) -> Situation:
        from_url, ignored = situation_from_query(str(request.get("query") or ""), self.bundle.checklist.kinds)
        if ignored:
            turn.messages.append(texts.MSG_URL_IGNORED)
        if from_url is not None:
            return from_url
        # No situation in the URL: the one the customer chose last time on this device, or the default.
        stored, _ = situation_from_query(str(request.get("stored_situation") or ""), self.bundle.checklist.kinds)
        return stored or DEFAULT_SITUATION


class _Turn:
    """One request being answered; changes reach the session only through ``commit``."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.s = session
        self.now = now
        self.state = session.state
        self.situation = session.situation
        self.messages: list[str] = []
        self.push = False
        self.force: set[str] = set()  # regions to send even when unchanged (e.g. a form to clear)
        self.keep: set[str] = set()  # regions the page already shows as they now are: never sent

    def read_stored(self, stored: Any) -> None:
        text = stored if isinstance(stored, str) else None
        if text == self.s.persisted and self.s.persisted is not None:
            return  # nothing new from another tab: the state in memory is current
        restored = restore(text)
        if restored.too_new:
            self.s.halted = True
        elif restored.message is None:
            had = {e.id for e in self.state.log}
            first_read = self.s.persisted is None and not had
            self.state = merge(restored.state, self.state)
            # An entry changed in two tabs at once was kept twice: every tab that sees it happen is told
            # (a tab opened later just shows both entries).
            if not first_read and any(is_kept_copy(e.id) and e.id not in had for e in self.state.log):
                self.messages.append(texts.MSG_BOTH_VERSIONS_KEPT)
        if restored.message:
            self.messages.append(restored.message)
        self.s.persisted = text

    # --- events ---------------------------------------------------------------------------------
    def apply(self, event: Any) -> None:
        kind = event.get("type") if isinstance(event, dict) else None
        handler = {
            "tick": self._tick,
            "situation": self._situation,
            "report": self._report,
            "confirm": self._confirm,
            "cancel": self._cancel,
            "edit": self._edit,
            "cancel-edit": self._cancel_edit,
            "delete": self._delete,
            "undo": self._undo,
            "reset": self._reset,
        }.get(kind)  # type: ignore[arg-type]
        if handler is None:
            self.messages.append(texts.MSG_UNKNOWN_EVENT)
            return
        if self.s.halted and kind != "situation":
            self.messages.append(texts.MSG_NEWER_VERSION_DETAIL)
            return
        try:
            handler(event)
        except Exception:  # one bad event is answered; the others of the request still apply
            self.messages.append(texts.MSG_ENGINE_ERROR)

    def _change(self, state: ChecklistState) -> bool:
        """Take ``state`` unless it would be too big to save; then say so and keep the old one."""
        problem = size_problem(state)
        if problem is not None and len(save_text(state)) >= len(save_text(self.state)):
            self.messages.append(problem)
            return False
        self.state = state
        return True

    def _situation(self, event: dict[str, Any]) -> None:
        chosen, _ = situation_from_query(str(event.get("query", "")), self.s.bundle.checklist.kinds)
        # The form already shows what the reader chose, and may have changed again since this event:
        # replacing it now would undo a click made while Python was answering (also when nothing is
        # chosen for a moment, between unticking one box and ticking another).
        self.keep.add("situation")
        if chosen is None:
            self.messages.append(texts.MSG_NOTHING_CHOSEN)
        else:
            self.situation, self.push = chosen, True

    def _tick(self, event: dict[str, Any]) -> None:
        step = str(event.get("step", ""))
        at = _event_time(event, self.now)
        self.force.add("plan")  # the checkbox shows what the reader clicked: show what was kept
        if not any(s.id == step for s in self.s.bundle.checklist.steps):
            self.messages.append(texts.MSG_UNKNOWN_STEP)
        elif at is None:
            self.messages.append(texts.MSG_BAD_TICK_TIME)
        elif event.get("checked") is True:
            self._change(tick(self.state, step, at))
        else:
            self._change(untick(self.state, step, at))

    def _report(self, event: dict[str, Any]) -> None:
        fields = event.get("fields")
        if not isinstance(fields, dict):
            self.messages.append(texts.MSG_UNREADABLE_FIELDS)
            return
        editing = self.state.entry(str(fields.get("entry_id") or "")) if fields.get("entry_id") else None
        if editing is not None and (editing.deleted or str(fields.get("entry_rev", editing.rev)) != str(editing.rev)):
            # Another tab changed or deleted this entry after the form was opened: saving over it would
            # drop that tab's words (or bring back what it deleted), so this version becomes an entry
            # of its own, and the reader is told.
            editing = None
            split = [texts.MSG_CHANGED_ELSEWHERE]
        else:
            split = []
        try:
            if editing is not None:
                entry, notes = entry_from_form(fields, entry_id=editing.id, rev=editing.rev + 1)
            else:
                entry, notes = entry_from_form(fields)
        except EntryError as exc:
            self.messages.append(exc.message)  # nothing stored; the form keeps what was typed
            return
        notes = [*split, *notes]
        if needs_confirmation(entry, self.now):
            self.s.awaiting = (entry, notes)
            self.messages.append(self._confirm_text(entry))
            return
        self._store(entry, notes)

    def _confirm_text(self, entry: ReportEntry) -> str:
        return texts.CONFIRM_TIME.format(typed=when_label(entry.reported_at), device=when_label(self.now.isoformat()))

    def _store(self, entry: ReportEntry, notes: list[str]) -> None:
        self.s.awaiting = None
        edited = self.state.entry(entry.id) is not None
        same = next((e for e in self.state.log if not e.deleted and e.id != entry.id and e.content() == entry.content()), None)
        if same is not None:
            self.messages.append(texts.MSG_DUPLICATE)
            self.s.editing = None
            self.force.add("form")  # it is saved: the form may be cleared
            return
        if not self._change(add_report(self.state, entry)):
            return
        self.s.editing = None
        self.force.add("form")
        self.messages += [texts.MSG_EDITED if edited else texts.MSG_ADDED, *notes]

    def _confirm(self, event: dict[str, Any]) -> None:
        if self.s.awaiting is not None:
            self._store(*self.s.awaiting)

    def _cancel(self, event: dict[str, Any]) -> None:
        self.s.awaiting = None

    def _edit(self, event: dict[str, Any]) -> None:
        entry = self.state.entry(str(event.get("id", "")))
        if entry is None or entry.deleted:
            self.messages.append(texts.MSG_NO_ENTRY)
            return
        self.s.editing, self.s.awaiting = entry.id, None
        self.messages.append(texts.FORM_EDITING)
        self.force.add("form")

    def _cancel_edit(self, event: dict[str, Any]) -> None:
        self.s.editing = None
        self.force.add("form")

    def _delete(self, event: dict[str, Any]) -> None:
        entry = self.state.entry(str(event.get("id", "")))
        if entry is None or entry.deleted:
            self.messages.append(texts.MSG_NO_ENTRY)
            return
        self.state = add_report(self.state, revise(entry, deleted=True))  # smaller or equal: always fits
        self.s.undoable = entry.id
        if self.s.editing == entry.id:
            self.s.editing = None
            self.force.add("form")
        self.messages.append(texts.MSG_DELETED)

    def _undo(self, event: dict[str, Any]) -> None:
        entry = self.state.entry(str(event.get("id", "")))
        if entry is None or not entry.deleted:
            self.messages.append(texts.MSG_NO_ENTRY)
            return
        if self._change(add_report(self.state, revise(entry, deleted=False))):
            self.s.undoable = None
            self.messages.append(texts.MSG_UNDONE)

    def _reset(self, event: dict[str, Any]) -> None:
        # Everything becomes an untick or a tombstone, so another tab's merge cannot bring it back.
        state = self.state
        for t in state.ticks:
            state = untick(state, t.step_id, self.now)
        for entry in state.log:
            # "모두 지우기" is what a reader on a shared computer presses: keep only the tombstone (id,
            # revision, time) so other tabs cannot bring the entry back, never its receipt, agent or memo.
            if not entry.deleted or entry.content() != revise(entry, deleted=True, **_BLANK).content():
                state = add_report(state, revise(entry, deleted=True, **_BLANK))
        self.state = state
        self.s.awaiting = self.s.editing = self.s.undoable = None
        self.force.add("form")
        self.messages.append(texts.MSG_RESET)

    # --- the answer -------------------------------------------------------------------------------
    def answer(self, request: dict[str, Any], op: str) -> dict[str, Any]:
        s = self.s
        plan = s.bundle.plan(replace(self.situation, at=self.now))
        full = request.get("view") == "full"
        base = str(request.get("base") or "")
        regions = widget_regions(s.bundle, plan, self.state, base=base, now=self.now, live=True, with_log=full)
        if full:
            editing = self.state.entry(s.editing) if s.editing else None
            regions["form"] = log_form_html(s.bundle, self.now, True, editing=editing)
        regions["notice"] = notice_html(
            halted=s.halted,
            confirm=self._confirm_text(s.awaiting[0]) if s.awaiting else None,
            undo=s.undoable if s.undoable and (e := self.state.entry(s.undoable)) and e.deleted else None,
        )
        # The form is replaced only when asked (cleared after a save, filled for an edit): its default
        # time changes every minute, and replacing it would wipe what the reader is typing.
        changed = {
            name: html
            for name, html in regions.items()
            if name in self.force or name not in s.shown or (name != "form" and s.shown[name] != html)
        }
        for name in self.keep - self.force:
            changed.pop(name, None)
        s.shown.update({name: regions[name] for name in self.keep if name in regions})
        s.shown.update(changed)
        text = save_text(self.state)
        write = None if s.halted or text == s.persisted else text
        s.state, s.situation = self.state, self.situation
        if write is not None:
            s.persisted = write
        query = "?" + situation_query(self.situation, s.bundle.checklist.kinds)
        history = {"query": query, "push": self.push} if op != "sync" else None
        return {
            "id": request.get("id") if isinstance(request.get("id"), int) else None,
            "regions": changed,
            "persist": {"state": write, "situation": situation_query(self.situation, s.bundle.checklist.kinds)},
            "history": history,
            "halt": s.halted,
            "export": export_text(self.state.log, s.bundle.directory),
            "message": " ".join(dict.fromkeys(self.messages)) or None,
            "progress": list(progress(self.state, plan)),
        }

