"""The browser boundary (lossguide.browser.Session): a JSON request in, a JSON response out.

The fault matrix of the report log as evidence: nothing the page sends can break it, nothing saved is
lost or overwritten, nothing typed is cut or re-dated. ``Tab`` plays the page's loader (queue, post,
apply, compare-and-set persist) over a shared dict standing in for localStorage.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from lossguide import browser, texts
from lossguide.browser import Session
from lossguide.bundle import Bundle
from lossguide.checklist import STATE_VERSION, restore
from lossguide.redact import redact

NOW = "2026-11-25T18:00:00Z"  # 2026-11-26 03:00 KST, a Thursday night
STATE = "lossguide:state"


class Tab:
    """One open tab: a Session plus what loader.js does with its answers."""

    def __init__(self, bundle: dict[str, Any], storage: dict[str, str], now: str = NOW) -> None:
        self.session = Session(json.dumps(bundle))
        self.storage = storage
        self.now = now
        self.next_id = 0
        self.halted = False
        self.last: dict[str, Any] = {}

    def ask(self, op: str = "events", events: list[Any] | None = None, meanwhile: Any = None, **extra: Any) -> dict[str, Any]:
        self.next_id += 1
        stored = self.storage.get(STATE)
        request = {"id": self.next_id, "op": op, "events": events or [], "now": self.now,
                   "view": "full", "base": "../", "query": "", **extra}
        answer = json.loads(self.session.handle(json.dumps(request), stored))
        assert answer["id"] == self.next_id
        if meanwhile is not None:
            meanwhile()  # e.g. another tab writes while this tab's answer is on its way
        self.halted = self.halted or answer["halt"]
        persist = answer["persist"]
        if persist and persist["state"] is not None and not self.halted:
            if self.storage.get(STATE) == stored:
                self.storage[STATE] = persist["state"]
            else:  # another tab wrote meanwhile: the loader asks Python to merge first
                return self.ask("sync")
        self.last = answer
        return answer

    def report(self, confirmed: bool = False, meanwhile: Any = None, **fields: Any) -> dict[str, Any]:
        event = {"type": "report", "fields": {"channel": "police", "reported_at": "2026-11-26T02:50", **fields}}
        answer = self.ask(events=[event], meanwhile=meanwhile)
        return self.ask(events=[{"type": "confirm"}]) if confirmed else answer


def saved(storage: dict[str, str]) -> dict[str, Any]:
    return json.loads(storage[STATE])


def live_log(storage: dict[str, str]) -> list[dict[str, Any]]:
    return [e for e in saved(storage)["log"] if not e.get("deleted")]


@pytest.fixture
def storage() -> dict[str, str]:
    return {}


@pytest.fixture
def tab(bundle: dict[str, Any], storage: dict[str, str]) -> Tab:
    tab = Tab(bundle, storage)
    tab.ask("init")
    return tab


@pytest.fixture
def first_step(engine: Bundle) -> str:
    from lossguide.widget import DEFAULT_SITUATION

    return engine.plan(DEFAULT_SITUATION).steps[0].id


# --- start and regions ------------------------------------------------------------------------------

def test_init_renders_every_region_and_answers_with_its_id(bundle: dict[str, Any], storage: dict[str, str]) -> None:
    answer = Tab(bundle, storage).ask("init")
    assert set(answer["regions"]) == {"situation", "plan", "log", "form", "notice"}
    assert json.loads(answer["persist"]["state"])["version"] == STATE_VERSION
    assert answer["history"]["query"].startswith("?lost=")
    assert answer["message"] is None and answer["halt"] is False


def test_only_changed_regions_are_sent_and_a_tick_leaves_the_form_alone(tab: Tab, storage: dict[str, str], first_step: str) -> None:
    assert tab.ask("refresh")["regions"] == {}
    answer = tab.ask(events=[{"type": "tick", "step": first_step, "checked": True, "at": NOW}])
    assert set(answer["regions"]) == {"plan"}  # text being typed into the report form survives a tick
    assert saved(storage)["ticks"] == {first_step: "2026-11-26T03:00:00+09:00"}
    assert answer["progress"][0] == 1


def test_a_situation_chosen_is_not_sent_back_to_the_form_the_reader_is_clicking(tab: Tab) -> None:
    answer = tab.ask(events=[{"type": "situation", "query": "lost=phone&stolen=1"}])
    assert "situation" not in answer["regions"] and answer["history"] == {"query": "?lost=phone&stolen=1", "push": True}
    answer = tab.ask(events=[{"type": "situation", "query": ""}])  # nothing chosen for a moment
    assert "situation" not in answer["regions"] and answer["message"] == texts.MSG_NOTHING_CHOSEN
    assert answer["history"]["query"] == "?lost=phone&stolen=1"  # the plan stays the last one chosen
    assert "situation" in tab.ask("location", query="?lost=id")["regions"]  # Back/Forward: the URL wins


def test_the_form_is_never_replaced_while_the_reader_may_be_typing(tab: Tab) -> None:
    tab.now = "2026-11-25T19:07:00Z"  # an hour later: the form's default time differs
    assert "form" not in tab.ask("refresh")["regions"]
    assert "form" not in tab.report(reported_at="0001-01-01T00:00")["regions"]


def test_the_state_is_read_from_storage_only_when_another_tab_changed_it(tab: Tab, storage: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(browser, "restore", lambda text: calls.append(text) or restore(text))
    tab.ask("refresh")
    tab.report(memo="하나")
    assert calls == []  # its own writes are not re-read: adding N entries costs O(N), not O(N^2)


# --- nothing saved is ever lost -----------------------------------------------------------------------

def test_a_state_from_a_newer_version_is_never_overwritten(bundle: dict[str, Any], storage: dict[str, str], first_step: str) -> None:
    newer = json.dumps({"version": STATE_VERSION + 1, "entries": ["something we cannot read"]})
    storage[STATE] = newer
    old_tab = Tab(bundle, storage)
    answer = old_tab.ask("init")
    assert answer["halt"] is True and answer["persist"]["state"] is None
    assert texts.MSG_NEWER_VERSION in answer["message"]
    assert 'data-lg-action="reload"' in answer["regions"]["notice"]
    for events in ([{"type": "tick", "step": first_step, "checked": True}], [{"type": "reset"}]):
        answer = old_tab.ask(events=events)
        assert answer["persist"]["state"] is None and answer["message"]
    old_tab.report(memo="쓰면 안 됨")
    assert storage[STATE] == newer


def test_a_newer_version_saved_by_another_tab_stops_this_tab_writing(tab: Tab, storage: dict[str, str]) -> None:
    tab.report(memo="먼저")
    newer = json.dumps({"version": STATE_VERSION + 1})
    storage[STATE] = newer
    assert tab.ask("sync")["halt"] is True
    tab.report(memo="나중")
    assert storage[STATE] == newer


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("{not json", id="not-json"),
        pytest.param("[" * 5000 + "]" * 5000, id="deeply-nested"),
        pytest.param("[1]" + " " * 2_100_000, id="huge"),
        pytest.param('{"version": 3, "ticks": {"a_step": "0001-01-01T00:00:00+14:00"}, "unticked": {}, "log": []}', id="tick-year-one"),
        pytest.param('{"version": 3, "ticks": {}, "unticked": {}, "log": [{"channel": "x", "reported_at": "9999-12-31T23:59:00"}]}', id="report-year-9999"),
    ],
)
def test_unreadable_saved_state_starts_fresh_with_a_korean_message(bundle: dict[str, Any], storage: dict[str, str], stored: str) -> None:
    storage[STATE] = stored
    answer = Tab(bundle, storage).ask("init")
    assert answer["halt"] is False
    assert json.loads(answer["persist"]["state"])["log"] == []
    assert answer["message"] == texts.MSG_UNREADABLE_STATE


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({"type": "explode"}, id="unknown-type"),
        pytest.param("tick", id="not-an-object"),
        pytest.param({"type": "tick", "step": "no_such_step", "checked": True}, id="unknown-step"),
        pytest.param({"type": "tick", "step": "FIRST", "checked": True, "at": "0001-01-01T00:00:00Z"}, id="tick-year-1"),
        pytest.param({"type": "tick", "step": "FIRST", "checked": True, "at": "9999-12-31T23:59:59Z"}, id="tick-year-9999"),
        pytest.param({"type": "tick", "step": "FIRST", "checked": True, "at": "soon"}, id="tick-not-a-date"),
        pytest.param({"type": "report", "fields": None}, id="report-without-fields"),
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": "0001-01-01T03:00"}}, id="report-year-1"),
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": "9999-12-31T23:59"}}, id="report-year-9999"),
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": "어제 새벽"}}, id="report-not-a-date"),
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": ""}}, id="report-no-time"),
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": "2026-02-30T03:00"}}, id="report-february-30"),
        pytest.param({"type": "edit", "id": "no-such-entry"}, id="edit-unknown-entry"),
        pytest.param({"type": "delete", "id": "no-such-entry"}, id="delete-unknown-entry"),
        pytest.param({"type": "undo", "id": "no-such-entry"}, id="undo-unknown-entry"),
    ],
)
def test_impossible_events_are_refused_with_a_message_and_nothing_is_stored(tab: Tab, storage: dict[str, str], first_step: str, event: Any) -> None:
    if isinstance(event, dict) and event.get("step") == "FIRST":
        event = {**event, "step": first_step}
    before = storage[STATE]
    answer = tab.ask(events=[event])
    assert answer["message"] and "form" not in answer["regions"]  # the form keeps what was typed
    assert storage[STATE] == before
    assert tab.ask("refresh")["message"] is None  # and the widget keeps working


@pytest.mark.parametrize("now", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "yesterday", None])
def test_any_device_clock_gets_an_answer(tab: Tab, now: Any) -> None:
    tab.now = now
    assert "regions" in tab.ask("refresh")


@pytest.mark.parametrize(
    ("now", "shown", "told"),
    [
        ("2026-11-25T18:00:00Z", "2026년 11월 26일(목) 03:00", False),  # inside the holiday years
        ("2027-12-31T14:59:00Z", "2027년 12월 31일(금) 23:59", False),  # the last minute they cover
        ("2027-12-31T15:00:00Z", "2028년 1월 1일(토) 00:00", True),  # a year after the data's last
        ("2025-11-25T18:00:00Z", "2025년 11월 26일(수) 03:00", True),  # a clock a year behind
        ("2125-11-25T18:00:00Z", "2125년 11월 26일(월) 03:00", True),
    ],
)
def test_the_plan_says_which_clock_it_used_with_the_year_and_warns_when_the_date_is_implausible(
    tab: Tab, now: str, shown: str, told: bool
) -> None:
    """The open-now marks come from the device clock: a clock a year off must show, and be said."""
    tab.now = now
    plan = tab.ask("init")["regions"]["plan"]
    assert texts.PLAN_AT.format(when=shown) in plan
    day = shown.split("(")[0]
    assert (texts.CLOCK_OUTSIDE_CALENDAR.format(date=day) in plan) is told


@pytest.mark.parametrize(
    "request_text",
    [
        pytest.param("not json", id="not-json"),
        pytest.param("[1, 2]", id="not-an-object"),
        pytest.param('{"op": "events", "events": ' + "[" * 100_000 + "]" * 100_000 + "}", id="deep-events"),
        pytest.param('{"op": "init", "query": "' + "x" * 3_100_000 + '"}', id="huge"),
        pytest.param('{"op": "events", "events": [{"type": "report", "fields": ' + '{"a":' * 50 + "1" + "}" * 50 + "}]}", id="deep-fields"),
    ],
)
def test_malformed_deep_or_huge_requests_are_answered_without_recursion(session: Session, request_text: str) -> None:
    answer = json.loads(session.handle(request_text))
    assert answer["message"] and answer["regions"] == {} and answer["persist"] is None


@pytest.fixture
def session(bundle: dict[str, Any]) -> Session:
    return Session(json.dumps(bundle))


def test_an_engine_error_is_answered_and_the_typed_report_stays_pending(tab: Tab, storage: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = storage[STATE]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr(browser, "entry_from_form", broken)
    answer = tab.report(memo="적던 내용")
    assert answer["message"] == texts.MSG_ENGINE_ERROR
    assert "form" not in answer["regions"] and storage[STATE] == before  # nothing lost, nothing half-stored
    monkeypatch.undo()
    tab.report(memo="적던 내용")  # the same report, sent again, is stored
    assert [e["memo"] for e in live_log(storage)] == ["적던 내용"]


def test_an_engine_error_while_rendering_keeps_the_state_and_says_so(tab: Tab, storage: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = storage[STATE]
    monkeypatch.setattr(browser, "widget_regions", lambda *a, **k: 1 / 0)
    answer = tab.report(memo="적던 내용")
    assert answer["message"] == texts.MSG_ENGINE_ERROR and answer["persist"] is None
    assert storage[STATE] == before


def test_the_log_refuses_new_input_before_the_state_could_become_unreadable(tab: Tab, storage: dict[str, str]) -> None:
    memo = "카드 정지 요청, 재발급은 지점 없이 앱에서. " * 45
    for number in range(texts.MAX_LOG_ENTRIES + 5):
        answer = tab.report(memo=f"{number} {memo}"[: texts.FIELD_LIMITS["memo"]])
        if answer["message"] == texts.MSG_LOG_FULL:
            break
    else:
        pytest.fail("the log never refused new input")
    assert len(storage[STATE]) <= texts.MAX_STATE_CHARS
    restored = restore(storage[STATE])
    assert restored.message is None and len(restored.state.log) == number


# --- evidence kept as typed ---------------------------------------------------------------------------

def test_a_report_is_redacted_escaped_exported_and_every_field_is_masked(tab: Tab, storage: dict[str, str]) -> None:
    answer = tab.report(
        channel="kbank_loss_phone",
        receipt_number="A-2026-0001",
        agent="<b>김상담</b> 900101-1234567",
        memo="카드 4111 1111 1111 1111, 주민번호 900101-1234567",
    )
    entry = live_log(storage)[0]
    assert entry["receipt_number"] == "A-2026-0001"  # evidence is kept exactly
    assert all(redact(entry[f]) == entry[f] for f in ("channel", "receipt_number", "agent", "memo"))
    assert "1234567" not in storage[STATE] and "4111 1111" not in storage[STATE]
    assert "<b>" not in answer["regions"]["log"] and "&lt;b&gt;" in answer["regions"]["log"]
    assert "접수번호: A-2026-0001" in answer["export"] and "2026년 11월 26일" in answer["export"]


@pytest.mark.parametrize("receipt", ["4111 1111 1111 1111", "4111-1111-1111-1111", "900101-1234567"])
def test_a_card_or_resident_number_in_the_receipt_field_is_masked_with_a_warning(tab: Tab, storage: dict[str, str], receipt: str) -> None:
    answer = tab.report(receipt_number=receipt)
    assert texts.MSG_RECEIPT_MASKED in answer["message"]
    assert receipt not in storage[STATE] and receipt not in answer["export"]


@pytest.mark.parametrize("field", ["memo", "agent", "receipt_number", "channel"])
def test_text_over_the_limit_is_refused_never_cut(tab: Tab, storage: dict[str, str], field: str) -> None:
    limit = texts.FIELD_LIMITS[field]
    answer = tab.report(**{field: "가" * (limit + 1)})
    assert f"{limit:,}자" in answer["message"] and live_log(storage) == []
    tab.report(**{field: "가" * limit})
    assert live_log(storage)[0][field] == "가" * limit


@pytest.mark.parametrize("field", ["memo", "agent", "receipt_number"])
def test_the_forms_maxlength_is_the_engines_limit(tab: Tab, field: str) -> None:
    form = tab.ask("init")["regions"]["form"]
    assert f'name="{field}" maxlength="{texts.FIELD_LIMITS[field]}"' in form or (
        f'name="{field}" rows="3" maxlength="{texts.FIELD_LIMITS[field]}"' in form
    )
    assert f"0/{texts.FIELD_LIMITS[field]:,}" in form  # the visible counter


def test_a_repeated_identical_submission_is_stored_once(tab: Tab, storage: dict[str, str]) -> None:
    tab.report(receipt_number="K-1", memo="같은 신고")
    answer = tab.report(receipt_number="K-1", memo="같은 신고")
    assert answer["message"] == texts.MSG_DUPLICATE
    assert len(live_log(storage)) == 1


@pytest.mark.parametrize("typed", ["2025-11-26T03:05", "2027-11-26T03:05", "2026-11-28T03:05"])
def test_a_time_far_from_the_device_clock_is_confirmed_and_then_kept_as_typed(tab: Tab, storage: dict[str, str], typed: str) -> None:
    answer = tab.report(reported_at=typed)
    assert live_log(storage) == [] and 'data-lg-action="confirm"' in answer["regions"]["notice"]
    assert "form" not in answer["regions"]
    answer = tab.ask(events=[{"type": "confirm"}])
    assert [e["reported_at"] for e in live_log(storage)] == [typed + ":00+09:00"]  # never overruled
    assert answer["regions"]["notice"] == ""


def test_a_far_time_can_be_fixed_instead(tab: Tab, storage: dict[str, str]) -> None:
    tab.report(reported_at="2025-11-26T03:05")
    answer = tab.ask(events=[{"type": "cancel"}])
    assert answer["regions"]["notice"] == "" and live_log(storage) == []
    tab.report(reported_at="2026-11-26T02:05")
    assert [e["reported_at"] for e in live_log(storage)] == ["2026-11-26T02:05:00+09:00"]


def test_one_entry_is_edited_deleted_and_undone_on_its_own(tab: Tab, storage: dict[str, str]) -> None:
    tab.report(memo="첫째")
    tab.report(memo="둘째", reported_at="2026-11-26T02:55")
    first, second = live_log(storage)
    answer = tab.ask(events=[{"type": "edit", "id": first["id"]}])
    assert f'value="{first["id"]}"' in answer["regions"]["form"] and "첫째</textarea>" in answer["regions"]["form"]
    tab.report(memo="첫째 (고침)", entry_id=first["id"])
    edited = {e["id"]: e for e in live_log(storage)}
    assert edited[first["id"]]["memo"] == "첫째 (고침)" and edited[first["id"]]["rev"] == 2
    assert edited[second["id"]] == second
    answer = tab.ask(events=[{"type": "delete", "id": second["id"]}])
    assert [e["id"] for e in live_log(storage)] == [first["id"]]
    assert f'data-lg-entry="{second["id"]}"' in answer["regions"]["notice"]  # the undo button
    assert "둘째" not in answer["export"]
    tab.ask(events=[{"type": "undo", "id": second["id"]}])
    assert {e["id"] for e in live_log(storage)} == {first["id"], second["id"]}


def test_delete_asks_first_in_the_readers_words(tab: Tab) -> None:
    log = tab.report(memo="하나")["regions"]["log"]
    assert f'data-lg-confirm="{texts.LOG_DELETE_CONFIRM}"' in log


def test_the_table_and_the_export_show_the_year(tab: Tab) -> None:
    answer = tab.report(reported_at="2026-11-26T02:50")
    assert "2026년 11월 26일(목) 02:50" in answer["regions"]["log"]
    assert "2026년 11월 26일(목) 02:50" in answer["export"]


def test_reset_clears_ticks_and_log(tab: Tab, storage: dict[str, str], first_step: str) -> None:
    tab.ask(events=[{"type": "tick", "step": first_step, "checked": True}])
    tab.report(memo="하나")
    answer = tab.ask(events=[{"type": "reset"}])
    assert saved(storage)["ticks"] == {} and live_log(storage) == []
    assert "log" in answer["regions"]


def test_reset_leaves_nothing_typed_in_storage(tab: Tab, storage: dict[str, str]) -> None:
    # "모두 지우기" on a shared computer: what was typed must be gone from storage, not only hidden.
    tab.report(receipt_number="RCPT-77", agent="김상담", memo="메모 비밀")
    tab.report(receipt_number="RCPT-78", memo="둘째")
    tab.ask(events=[{"type": "delete", "id": saved(storage)["log"][1]["id"]}])
    tab.ask(events=[{"type": "reset"}])
    text = storage[STATE]
    assert not any(word in text for word in ("RCPT-77", "RCPT-78", "김상담", "메모 비밀", "둘째"))


# --- several tabs, one log ------------------------------------------------------------------------------

def test_two_tabs_adding_entries_at_once_lose_nothing(bundle: dict[str, Any], storage: dict[str, str]) -> None:
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    b.ask("init")
    a.report(memo="A의 기록")
    b.report(memo="B의 기록")  # B's request carried what it read before A wrote: it merges, then writes
    a.ask("sync")  # the storage event in A
    memos = sorted(e["memo"] for e in live_log(storage))
    assert memos == ["A의 기록", "B의 기록"]
    assert "A의 기록" in b.last["export"] and "B의 기록" in a.last["export"]


def test_a_write_racing_another_tab_is_merged_not_overwritten(bundle: dict[str, Any], storage: dict[str, str]) -> None:
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    b.ask("init")
    # A writes after B's request read the storage and before B's answer is written.
    b.report(memo="B", meanwhile=lambda: a.report(memo="A"))
    assert sorted(e["memo"] for e in live_log(storage)) == ["A", "B"]
    a.ask("sync")
    assert "B" in a.last["export"]


def test_one_entry_edited_in_two_tabs_at_once_keeps_both_versions_and_says_so(bundle: dict[str, Any], storage: dict[str, str]) -> None:
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    a.report(memo="처음")
    b.ask("init")
    [entry] = live_log(storage)
    # B saves its edit after A's edit request read the storage and before A's answer is written.
    a.report(memo="A에서 고침", entry_id=entry["id"], meanwhile=lambda: b.report(memo="B에서 고침", entry_id=entry["id"]))
    assert sorted(e["memo"] for e in live_log(storage)) == ["A에서 고침", "B에서 고침"]
    assert a.last["message"] == texts.MSG_BOTH_VERSIONS_KEPT
    b.ask("sync")
    assert "A에서 고침" in b.last["export"] and "B에서 고침" in b.last["export"]
    assert b.last["message"] == texts.MSG_BOTH_VERSIONS_KEPT  # told in both tabs
    assert Tab(bundle, storage).ask("init")["message"] != texts.MSG_BOTH_VERSIONS_KEPT  # a later tab just shows both


@pytest.mark.parametrize(
    "meanwhile",
    [
        pytest.param({"type": "report", "fields": {"channel": "police", "reported_at": "2026-11-26T02:50", "receipt_number": "R-111", "entry_id": "{id}", "entry_rev": "1"}}, id="edited"),
        pytest.param({"type": "delete", "id": "{id}"}, id="deleted"),
        pytest.param({"type": "reset"}, id="all-cleared"),
    ],
)
def test_saving_a_form_opened_before_another_tab_changed_the_entry_keeps_both(
    bundle: dict[str, Any], storage: dict[str, str], meanwhile: dict[str, Any]
) -> None:
    """Tab B opened the edit form at revision 1; tab A then changed, deleted or cleared the entry, and
    B's storage event came in: B's save is kept as an entry of its own, never over A's change."""
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    a.report(receipt_number="R-100")
    [entry] = live_log(storage)
    b.ask("init")
    b.ask(events=[{"type": "edit", "id": entry["id"]}])
    a.ask(events=[json.loads(json.dumps(meanwhile).replace("{id}", entry["id"]))])
    b.ask("sync")
    answer = b.report(memo="B에서 고침", receipt_number="R-100", entry_id=entry["id"], entry_rev="1")
    assert texts.MSG_CHANGED_ELSEWHERE in answer["message"]
    log = live_log(storage)
    assert [e["memo"] for e in log if e["id"] != entry["id"]] == ["B에서 고침"]
    if meanwhile["type"] == "report":
        assert {e["receipt_number"] for e in log} == {"R-111", "R-100"}  # A's change is still there
    else:
        assert entry["id"] not in {e["id"] for e in log}  # what A deleted stays deleted


@pytest.mark.parametrize("typed", ["R-\u200b100", "\u200eR-100\u200f", "R-100\ufeff", "R\u2060-100"])
def test_invisible_characters_are_taken_out_of_a_receipt_number(tab: Tab, storage: dict[str, str], typed: str) -> None:
    tab.report(receipt_number=typed)
    assert [e["receipt_number"] for e in live_log(storage)] == ["R-100"]


def test_a_delete_in_one_tab_is_not_undone_by_the_other(bundle: dict[str, Any], storage: dict[str, str]) -> None:
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    a.report(memo="지울 것")
    b.ask("init")
    entry = live_log(storage)[0]
    a.ask(events=[{"type": "delete", "id": entry["id"]}])
    b.report(memo="다른 것")
    a.ask("sync")
    assert [e["memo"] for e in live_log(storage)] == ["다른 것"]


def test_an_untick_in_one_tab_is_not_undone_by_the_other(bundle: dict[str, Any], storage: dict[str, str], first_step: str) -> None:
    a, b = Tab(bundle, storage), Tab(bundle, storage)
    a.ask("init")
    a.ask(events=[{"type": "tick", "step": first_step, "checked": True, "at": "2026-11-25T17:00:00Z"}])
    b.ask("init")
    a.ask(events=[{"type": "tick", "step": first_step, "checked": False, "at": "2026-11-25T17:30:00Z"}])
    b.report(memo="B")
    assert saved(storage)["ticks"] == {}


def test_older_saves_get_stable_ids_the_same_in_every_tab(bundle: dict[str, Any]) -> None:
    v2 = json.dumps({"version": 2, "ticks": {}, "log": [{"channel": "police", "reported_at": "2026-11-26T02:50:00+09:00", "memo": "옛 기록"}]})
    ids = []
    for _ in range(2):
        storage = {STATE: v2}
        Tab(bundle, storage).ask("init")
        ids.append(live_log(storage)[0]["id"])
    assert ids[0] == ids[1] and ids[0]
