"""Free text loses card numbers (Luhn), resident registration numbers and account-like numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.redact import luhn_valid, redact

RUN = re.compile(r"\d(?:[\s.\-/]{0,3}\d)*")


def luhn_complete(body: str) -> str:
    """Append the check digit that makes ``body`` Luhn-valid."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        pytest.param("4111111111111111", True, id="visa-test-number"),
        pytest.param("5555555555554444", True, id="mastercard-test-number"),
        pytest.param("378282246310005", True, id="amex-test-number"),
        pytest.param("4111111111111112", False, id="wrong-check-digit"),
        pytest.param("", False, id="empty"),
        pytest.param("4111-1111", False, id="not-only-digits"),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("카드 4111 1111 1111 1111 분실", "카드 [카드번호 가림 끝 1111] 분실", id="card-with-spaces"),
        pytest.param("4111-1111-1111-1111", "[카드번호 가림 끝 1111]", id="card-with-dashes"),
        pytest.param("번호4111111111111111입니다", "번호[카드번호 가림 끝 1111]입니다", id="card-glued-to-words"),
        pytest.param("주민번호 900101-1234567", "주민번호 [주민등록번호 가림]", id="resident-number"),
        pytest.param("9001011234567", "[주민등록번호 가림]", id="resident-number-without-dash"),
        pytest.param("계좌 100-123-456789", "계좌 [계좌번호 가림 끝 6789]", id="account-with-dashes"),
        pytest.param("3333012345678", "[계좌번호 가림 끝 5678]", id="account-without-dashes"),
        pytest.param("상담 1522-1000, 010-1234-5678", "상담 1522-1000, 010-1234-5678", id="phone-numbers-stay"),
        pytest.param("2026-12-25 03:00 통화, 접수 12345", "2026-12-25 03:00 통화, 접수 12345", id="dates-and-short-numbers-stay"),
        pytest.param("", "", id="empty"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("4111  1111  1111  1111", "[카드번호 가림 끝 1111]", id="card-double-spaces"),
        pytest.param("4111 - 1111 - 1111 - 1111", "[카드번호 가림 끝 1111]", id="card-spaced-dashes"),
        pytest.param("4111.1111.1111.1111", "[카드번호 가림 끝 1111]", id="card-dots"),
        pytest.param("4111/1111/1111/1111", "[카드번호 가림 끝 1111]", id="card-slashes"),
        pytest.param("900101 - 1234567", "[주민등록번호 가림]", id="resident-number-spaced-dash"),
        pytest.param("900101–1234567", "[주민등록번호 가림]", id="resident-number-en-dash"),
        pytest.param("９００１０１－１２３４５６７", "[주민등록번호 가림]", id="resident-number-full-width"),
        pytest.param("110 123 456789", "[계좌번호 가림 끝 6789]", id="account-with-spaces"),
        pytest.param("010 1234 5678", "010 1234 5678", id="phone-with-spaces-stays"),
    ],
)
def test_numbers_typed_in_other_ways_are_masked_too(text: str, expected: str) -> None:
    assert redact(text) == expected


cards = st.integers(min_value=12, max_value=18).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n).map(luhn_complete)
)
separators = st.sampled_from(["", " ", "-", "  ", " - ", ".", "/", "–", "\n"])
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def formatted(card: str, separator: str, group: int) -> str:
    return separator.join(card[i : i + group] for i in range(0, len(card), group))


@given(card=cards, separator=separators, group=st.integers(1, 6), before=text, after=text)
def test_no_luhn_valid_card_number_survives_redaction(card: str, separator: str, group: int, before: str, after: str) -> None:
    out = redact(before + formatted(card, separator, group) + after)
    for run in RUN.findall(out):
        digits = "".join(ch for ch in run if ch.isdigit())
        assert card not in digits
        windows = (digits[i : i + n] for n in range(13, 20) for i in range(len(digits) - n + 1))
        assert not any(luhn_valid(w) for w in windows)


@given(st.text(max_size=80))
def test_redaction_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once
