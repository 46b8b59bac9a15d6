"""Checklist state: ticks with times, versioned saves, migration, and never a crash on bad data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide import texts
from lossguide.bundle import Bundle
from lossguide.checklist import (
    STATE_VERSION,
    ChecklistState,
    Tick,
    add_report,
    merge,
    migrate,
    progress,
    restore,
    save,
    state_from_dict,
    tick,
    untick,
)
from lossguide.model import Situation
from lossguide.reportlog import new_entry, revise

KST = timezone(timedelta(hours=9))
AT = datetime(2026, 12, 25, 3, 5, tzinfo=KST)


def test_ticking_records_the_time_in_kst() -> None:
    state = tick(ChecklistState(), "call_loss_line", datetime(2026, 12, 24, 18, 5, tzinfo=UTC))
    assert state.ticked("call_loss_line") == Tick("call_loss_line", "2026-12-25T03:05:00+09:00")


def test_ticking_again_updates_the_time_and_unticking_removes_it() -> None:
    state = tick(tick(ChecklistState(), "a", AT), "a", AT + timedelta(hours=1))
    assert len(state.ticks) == 1 and state.ticks[0].at == "2026-12-25T04:05:00+09:00"
    assert untick(state, "a").ticked("a") is None


def test_progress_counts_only_this_plans_steps(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",)))
    state = tick(tick(ChecklistState(), plan.steps[0].id, AT), "someone_elses_step", AT)
    assert progress(state, plan) == (1, len(plan.steps))


def test_version_1_saves_are_migrated_without_losing_ticks() -> None:
    restored = restore(json.dumps({"version": 1, "done": ["call_loss_line", "record_receipt"]}))
    assert restored.message is None
    assert [t.step_id for t in restored.state.ticks] == ["call_loss_line", "record_receipt"]
    assert all(t.at is None for t in restored.state.ticks)


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("{not json", id="corrupt-json"),
        pytest.param("[1, 2, 3]", id="json-array"),
        pytest.param('"hello"', id="json-string"),
        pytest.param({"version": "2"}, id="version-as-text"),
        pytest.param({"version": True, "done": []}, id="version-as-bool"),
        pytest.param({"version": 0}, id="version-zero"),
        pytest.param({"ticks": {}}, id="no-version"),
        pytest.param({"version": 1, "done": "all"}, id="v1-done-not-a-list"),
        pytest.param({"version": 2, "ticks": [], "log": []}, id="ticks-not-a-mapping"),
        pytest.param({"version": 3, "ticks": {}, "unticked": {"a": None}, "log": []}, id="untick-without-time"),
        pytest.param({"version": 3, "ticks": {"a": "0001-01-01T00:00:00+00:00"}, "unticked": {}, "log": []}, id="tick-year-one"),
        pytest.param({"version": 3, "ticks": {}, "unticked": {}, "log": [{"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "id": "BAD ID"}]}, id="entry-bad-id"),
        pytest.param({"version": 3, "ticks": {}, "unticked": {}, "log": [{"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "rev": 0}]}, id="entry-rev-zero"),
        pytest.param({"version": 2, "ticks": {"BAD ID": None}, "log": []}, id="bad-step-id"),
        pytest.param({"version": 2, "ticks": {"a": "yesterday"}, "log": []}, id="bad-tick-time"),
        pytest.param({"version": 2, "ticks": {"a": 5}, "log": []}, id="tick-time-not-text"),
        pytest.param({"version": 2, "ticks": {}, "log": [{"channel": "x"}]}, id="log-entry-without-time"),
        pytest.param({"version": 2, "ticks": {}, "log": ["x"]}, id="log-entry-not-a-mapping"),
        pytest.param("[" * 5000 + "]" * 5000, id="deeply-nested"),
    ],
)
def test_corrupt_or_foreign_saves_give_a_fresh_state_and_a_korean_message(stored: Any) -> None:
    restored = restore(stored)
    assert restored.state == ChecklistState()
    assert restored.message and "새로 시작" in restored.message


@pytest.mark.parametrize("version", [STATE_VERSION + 1, 10**6], ids=["next", "far-future"])
def test_saves_from_a_newer_site_are_marked_so_they_are_never_overwritten(version: int) -> None:
    restored = restore({"version": version, "anything": True})
    assert restored.too_new is True
    assert restored.message == texts.MSG_NEWER_VERSION


@pytest.mark.parametrize("stored", [None, ""], ids=["nothing-stored", "empty-string"])
def test_nothing_stored_is_a_fresh_start_without_a_message(stored: str | None) -> None:
    restored = restore(stored)
    assert restored.state.ticks == () and restored.state.log == () and restored.state.unticks == ()
    assert restored.message is None and restored.too_new is False


def test_version_2_saves_are_migrated_keeping_every_entry_with_an_id() -> None:
    v2 = {"version": 2, "ticks": {"a": "2026-12-25T03:05:00+09:00"}, "log": [
        {"channel": "police", "reported_at": "2026-12-25T03:05:00+09:00", "memo": "하나"},
        {"channel": "police", "reported_at": "2026-12-25T04:05:00+09:00", "memo": "둘"},
    ]}
    restored = restore(json.dumps(v2))
    assert restored.message is None
    assert [e.memo for e in restored.state.log] == ["하나", "둘"]
    assert len({e.id for e in restored.state.log}) == 2
    assert restored.state.ticked("a") is not None


def test_merge_keeps_both_tabs_entries_and_the_later_of_tick_and_untick() -> None:
    one = new_entry("police", AT, memo="A")
    two = new_entry("police", AT, memo="B")
    mine = add_report(untick(tick(ChecklistState(), "a", AT), "a", AT + timedelta(minutes=5)), one)
    stored = add_report(tick(tick(ChecklistState(), "a", AT + timedelta(minutes=1)), "b", AT), two)
    merged = merge(stored, mine)
    assert {e.memo for e in merged.log} == {"A", "B"}
    assert merged.ticked("a") is None and merged.ticked("b") is not None


step_ids = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
instants = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(KST))
entries = st.builds(new_entry, channel=st.text(max_size=20), reported_at=instants, receipt_number=st.text(max_size=20), agent=st.text(max_size=20), memo=st.text(max_size=60))
deletions = st.booleans()


@st.composite
def states(draw: st.DrawFn) -> ChecklistState:
    state = ChecklistState()
    for step_id, at in draw(st.lists(st.tuples(step_ids, instants), max_size=8)):
        state = tick(state, step_id, at)
    for step_id, at in draw(st.lists(st.tuples(step_ids, instants), max_size=3)):
        state = untick(state, step_id, at)
    for entry, deleted in draw(st.lists(st.tuples(entries, deletions), max_size=3)):
        state = add_report(state, revise(entry, deleted=True) if deleted else entry)
    return state


@given(state=states())
def test_migrate_of_save_round_trips(state: ChecklistState) -> None:
    assert state_from_dict(migrate(save(state))) == state


@given(state=states())
def test_a_save_survives_json_and_restore(state: ChecklistState) -> None:
    assert restore(json.dumps(save(state), ensure_ascii=False)).state == state


@given(state=states(), other=states())
def test_merge_loses_no_entry_and_no_typed_words_of_either_side(state: ChecklistState, other: ChecklistState) -> None:
    merged = merge(other, state)
    by_id = {e.id: e for e in merged.log}
    assert {e.id for e in state.log} | {e.id for e in other.log} <= set(by_id)
    kept = {e.content() for e in merged.log if not e.deleted}
    for entry in [*state.log, *other.log]:
        # A live version is kept unless the same entry has a later revision (an edit or a deletion after it).
        assert entry.deleted or entry.content() in kept or by_id[entry.id].rev > entry.rev
    assert set(merge(state, other).log) == set(merged.log)
    assert merge(state, state) == state


def test_stored_log_text_is_redacted_again_on_load() -> None:
    raw = {"version": 2, "ticks": {}, "log": [{"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "memo": "4111 1111 1111 1111"}]}
    assert "4111" not in restore(raw).state.log[0].memo.replace("끝 1111", "")
