"""The report log: evidence of when and where a loss was reported, without secrets in it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.bundle import Bundle
from lossguide.errors import DataError
from lossguide.reportlog import entry_from_dict, entry_to_dict, export_text, new_entry

KST = timezone(timedelta(hours=9))
AT = datetime(2026, 12, 25, 3, 5, tzinfo=KST)


def test_free_text_is_redacted_before_it_is_stored() -> None:
    entry = new_entry("kbank_loss_phone", AT, receipt_number="A-2026-001", agent="김상담", memo="카드 4111-1111-1111-1111, 주민번호 900101-1234567")
    stored = str(entry_to_dict(entry))
    assert "4111-1111" not in stored and "1234567" not in stored
    assert entry.receipt_number == "A-2026-001"


def test_a_naive_report_time_is_kst() -> None:
    assert new_entry("police", datetime(2026, 12, 25, 3, 5)).reported_at == "2026-12-25T03:05:00+09:00"


def test_overlong_text_is_cut_without_leaving_part_of_a_card_number() -> None:
    memo = "가" * 990 + " 4111 1111 1111 1111"
    entry = new_entry("police", AT, memo=memo)
    assert "4111 1111" not in entry.memo


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({"reported_at": "2026-12-25T03:05:00+09:00"}, id="no-channel"),
        pytest.param({"channel": "x", "reported_at": "soon"}, id="bad-time"),
        pytest.param({"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "memo": 5}, id="memo-not-text"),
        pytest.param({"channel": "x", "reported_at": "2026-12-25T03:05:00+09:00", "memo": "가" * 5000}, id="memo-far-too-long"),
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
    assert "2026년 12월 25일 03:05 (한국 시간)" in text
    assert engine.directory.channels["kbank_loss_phone"].name in text
    assert "재발급은 내일" in text
    assert "<" not in text


def test_an_empty_log_exports_a_sentence() -> None:
    assert "아직" in export_text([])


@given(receipt=st.text(alphabet="0123456789", min_size=13, max_size=20), dash=st.booleans())
def test_a_receipt_number_is_kept_exactly_as_typed(receipt: str, dash: bool) -> None:
    typed = f"{receipt[:8]}-{receipt[8:]}" if dash else receipt
    entry = new_entry("kbank_loss_phone", datetime(2026, 11, 25, 3, 0), receipt_number=typed)
    assert entry.receipt_number == typed
