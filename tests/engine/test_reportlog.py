"""The report log: evidence of when and where a loss was reported, without secrets in it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide import texts
from lossguide.bundle import Bundle
from lossguide.errors import DataError
from lossguide.redact import redact
from lossguide.reportlog import (
    EntryError,
    entry_from_dict,
    entry_from_form,
    entry_to_dict,
    export_text,
    merge_logs,
    needs_confirmation,
    new_entry,
    revise,
)

KST = timezone(timedelta(hours=9))
AT = datetime(2026, 12, 25, 3, 5, tzinfo=KST)


def test_free_text_is_redacted_before_it_is_stored() -> None:
    entry = new_entry("kbank_loss_phone", AT, receipt_number="A-2026-001", agent="김상담", memo="카드 4111-1111-1111-1111, 주민번호 900101-1234567")
    stored = str(entry_to_dict(entry))
    assert "4111-1111" not in stored and "1234567" not in stored
    assert entry.receipt_number == "A-2026-001"


def test_a_naive_report_time_is_kst() -> None:
    assert new_entry("police", datetime(2026, 12, 25, 3, 5)).reported_at == "2026-12-25T03:05:00+09:00"


@pytest.mark.parametrize("field", list(texts.FIELD_LIMITS))
def test_overlong_text_is_refused_never_cut(field: str) -> None:
    limit = texts.FIELD_LIMITS[field]
    with pytest.raises(EntryError) as refused:
        entry_from_form({"channel": "police", "reported_at": "2026-12-25T03:05", field: "4" * (limit + 1)})
    assert f"{limit:,}자" in refused.value.message
    entry, _ = entry_from_form({"channel": "police", "reported_at": "2026-12-25T03:05", field: "가" * limit})
    assert getattr(entry, field) == "가" * limit


@pytest.mark.parametrize(
    "typed",
    ["2026-12-25T03:05", "2026-12-25 03:05", "2001-01-01T00:00", "2099-12-31T23:59"],
)
def test_the_report_time_is_stored_as_typed(typed: str) -> None:
    entry, _ = entry_from_form({"channel": "police", "reported_at": typed})
    assert entry.reported_at.startswith(typed.replace(" ", "T"))


@pytest.mark.parametrize("typed", ["", "0001-01-01T03:00", "1999-12-31T23:59", "9999-01-01T00:00", "2026-13-01T00:00", "어제"])
def test_an_impossible_report_time_is_refused(typed: str) -> None:
    with pytest.raises(EntryError):
        entry_from_form({"channel": "police", "reported_at": typed})


@pytest.mark.parametrize(
    ("typed", "device", "ask"),
    [
        pytest.param("2026-12-25T03:05", AT, False, id="same-moment"),
        pytest.param("2026-12-24T03:06", AT, False, id="just-under-a-day-before"),
        pytest.param("2026-12-24T03:04", AT, True, id="just-over-a-day-before"),
        pytest.param("2027-12-25T03:05", AT, True, id="device-clock-a-year-behind"),
        pytest.param("2025-12-25T03:05", AT, True, id="device-clock-a-year-ahead"),
    ],
)
def test_a_time_far_from_the_device_clock_needs_confirmation(typed: str, device: datetime, ask: bool) -> None:
    entry, _ = entry_from_form({"channel": "police", "reported_at": typed})
    assert needs_confirmation(entry, device) is ask


def test_merge_by_id_keeps_the_later_revision_and_a_deletion_on_a_tie() -> None:
    entry = new_entry("police", AT, memo="하나")
    edited = revise(entry, memo="하나 (고침)")
    deleted = revise(entry, deleted=True)
    assert merge_logs([entry], [edited]) == (edited,)
    assert merge_logs([edited], [entry]) == (edited,)
    assert merge_logs([deleted], [entry]) == (deleted,)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param({"memo": "하나 (1번 창)"}, {"memo": "하나 (2번 창)"}, id="both-edited"),
        pytest.param({"receipt_number": "A-1"}, {"deleted": True}, id="edited-and-deleted"),
        pytest.param({"agent": "김상담"}, {"memo": "둘"}, id="different-fields"),
    ],
)
def test_an_entry_changed_in_two_tabs_at_once_keeps_both_versions_the_same_in_every_tab(
    one: dict[str, object], other: dict[str, object]
) -> None:
    """Evidence is never dropped by a merge: the version that loses the id is kept as its own entry."""
    entry = new_entry("police", AT, memo="하나")
    first, second = revise(entry, **one), revise(entry, **other)
    merged = merge_logs([first], [second])
    assert set(merged) == set(merge_logs([second], [first]))  # every tab converges
    live = {e.content() for e in merged if not e.deleted}
    assert {e.content() for e in (first, second) if not e.deleted} <= live
    assert set(merge_logs(merged, [first], [second])) == set(merged)  # merging again adds nothing


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({"reported_at": "2026-12-25T03:05:00+09:00"}, id="no-channel"),
        pytest.param({"channel": "x", "reported_at": "soon"}, id="bad-time"),
        pytest.param({"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "memo": 5}, id="memo-not-text"),
        pytest.param({"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "memo": "가" * (texts.FIELD_LIMITS["memo"] * 3 + 1)}, id="memo-far-too-long"),
    ],
)
def test_malformed_stored_entries_are_rejected(raw: dict[str, object]) -> None:
    with pytest.raises(DataError):
        entry_from_dict(raw)


def test_export_is_korean_plain_text_oldest_first_with_channel_names(engine: Bundle) -> None:
    later = new_entry("police", AT + timedelta(minutes=30), receipt_number="P-7")
    first = new_entry("kbank_loss_phone", AT, receipt_number="K-1", agent="김상담", memo="카드 정지 완료\n재발급은 내일")
    text = export_text([later, first], engine.directory)
    assert text.index("K-1") < text.index("P-7")
    assert "2026년 12월 25일(금) 03:05 (한국 시간)" in text
    assert engine.directory.channels["kbank_loss_phone"].name in text
    assert "재발급은 내일" in text
    assert "<" not in text


def test_an_empty_log_exports_a_sentence() -> None:
    assert "아직" in export_text([])


@given(receipt=st.text(alphabet="0123456789-", min_size=1, max_size=30))
def test_a_receipt_number_is_kept_as_typed_unless_it_hides_a_secret_and_then_the_reader_is_told(receipt: str) -> None:
    # Account-shaped receipt numbers are kept (receipts often look like accounts); cards and resident
    # numbers never are, and then the reader is told.
    entry, notes = entry_from_form({"channel": "police", "reported_at": "2026-11-25T03:00", "receipt_number": receipt})
    masked = redact(receipt, accounts=False)
    if masked == receipt:
        assert entry.receipt_number == receipt and notes == []
    else:
        assert entry.receipt_number == masked and notes == [texts.MSG_RECEIPT_MASKED]


@pytest.mark.parametrize(
    ("receipt", "kept"),
    [
        pytest.param("123-456-789012", True, id="account-shaped-receipt-kept"),
        pytest.param("20261125-000123", True, id="dated-receipt-kept"),
        pytest.param("4111 1111 1111 1111", False, id="card-masked"),
        pytest.param("900101-1234567", False, id="resident-number-masked"),
    ],
)
def test_the_receipt_field_keeps_receipts_and_masks_cards_and_resident_numbers(receipt: str, kept: bool) -> None:
    entry, notes = entry_from_form({"channel": "police", "reported_at": "2026-11-25T03:00", "receipt_number": receipt})
    assert (entry.receipt_number == receipt) is kept
    assert (notes == [texts.MSG_RECEIPT_MASKED]) is not kept


def test_the_export_says_every_field_is_masked_and_it_is_true() -> None:
    secret = "4111 1111 1111 1111"
    entry = new_entry(secret, AT, receipt_number=secret, agent=secret, memo=secret)
    text = export_text([entry])
    assert texts.EXPORT_NOTE in text and secret not in text


def test_the_export_leaves_out_deleted_entries_and_shows_years() -> None:
    kept = new_entry("police", AT, memo="남김")
    gone = revise(new_entry("police", AT, memo="지움"), deleted=True)
    text = export_text([kept, gone])
    assert "남김" in text and "지움" not in text and "2026년 12월 25일(금) 03:05" in text


_changes = st.one_of(
    st.fixed_dictionaries({"memo": st.text(max_size=12)}),
    st.fixed_dictionaries({"receipt_number": st.text(alphabet="0123456789-AB", max_size=10)}),
    st.just({"deleted": True}),
    st.just({"deleted": False}),
)


@given(st.lists(st.lists(_changes, max_size=3), min_size=2, max_size=4))
def test_tabs_changing_one_entry_at_once_lose_no_version_that_was_not_revised_later(histories: list[list[dict]]) -> None:
    """Each tab revises the same saved entry its own way; the merged log keeps every live version unless
    a later revision of that entry replaced it or another tab deleted exactly those words, and two tabs
    merging the same pair agree."""
    entry = new_entry("police", AT, memo="처음")
    versions = []
    for changes in histories:
        version = entry
        for change in changes:
            version = revise(version, **change)
        versions.append(version)
    merged = merge_logs(*[[v] for v in versions])
    by_id = {e.id: e for e in merged}
    kept = {e.content() for e in merged if not e.deleted}
    for version in versions:
        final = by_id[version.id]
        replaced = final.rev > version.rev  # a later revision of the entry, made after this one
        deleted_as_is = final.deleted and final.rev == version.rev and final.content() == version.content()
        assert version.deleted or version.content() in kept or replaced or deleted_as_is
    assert set(merge_logs([versions[0]], [versions[1]])) == set(merge_logs([versions[1]], [versions[0]]))
