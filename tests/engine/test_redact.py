"""Free text loses card, resident/alien registration and account numbers, and keeps, exactly as typed,
the phone numbers, dates, times, amounts and receipt numbers that make it evidence."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lossguide.redact import MAX_REDACT_CHARS, luhn_valid, redact, sensitive_kind

CARD = "[카드번호 가림 끝 {}]"
RRN = "[주민등록번호 가림]"
ACCOUNT = "[계좌번호 가림 끝 {}]"


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
        pytest.param("４１１１１１１１１１１１１１１１", False, id="full-width-digits"),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


# One row per way a number is typed; the leaks are ids starting with "issue-".
MASKED = [
    # cards
    ("카드 4111 1111 1111 1111 분실", f"카드 {CARD.format(1111)} 분실", "card-spaces"),
    ("4111-1111-1111-1111", CARD.format(1111), "card-dashes"),
    ("번호4111111111111111입니다", f"번호{CARD.format(1111)}입니다", "card-glued-to-words"),
    ("카드 4111\u30001111\u30001111\u30001111 분실", f"카드 {CARD.format(1111)} 분실", "issue-card-full-width-space"),
    ("카드 4111\u00a01111\u00a01111\u00a01111", f"카드 {CARD.format(1111)}", "issue-card-no-break-space"),
    ("카드 5555 5555\n5555 4444 불러줌", f"카드 {CARD.format(4444)} 불러줌", "issue-card-line-break"),
    ("4111\r\n1111\r\n1111\r\n1111", CARD.format(1111), "card-crlf"),
    ("4111,1111,1111,1111 결제", f"{CARD.format(1111)} 결제", "issue-card-commas"),
    ("4111\u200b1111\u200b1111\u200b1111", CARD.format(1111), "issue-card-zero-width"),
    ("4111\u200e-1111\u200f-1111-1111", CARD.format(1111), "card-direction-marks"),
    ("４１１１ １１１１ １１１１ １１１１", CARD.format(1111), "card-full-width-digits"),
    ("4111 – 1111 – 1111 – 1111", CARD.format(1111), "card-en-dashes"),
    ("4111.1111.1111.1111", CARD.format(1111), "card-dots"),
    ("4111/1111/1111/1111", CARD.format(1111), "card-slashes"),
    ("5310-1234-5678-9012", CARD.format(9012), "issue-card-last-four-of-a-mistyped-number"),
    ("3782 822463 10005", CARD.format("0005"), "card-amex-layout"),
    ("카드 4111 1111 1111 1111 3번 결제 3만원", f"카드 {CARD.format(1111)} 3번 결제 3만원", "card-then-count"),
    ("카드 4575123456789012 12:30", f"카드 {CARD.format(9012)} 12:30", "card-then-time"),
    # resident and alien registration numbers
    ("주민번호 900101-1234567", f"주민번호 {RRN}", "rrn-dash"),
    ("9001011234567", RRN, "rrn-no-dash"),
    ("주민번호 9001011234567 1번 불러줌", f"주민번호 {RRN} 1번 불러줌", "issue-rrn-then-count"),
    ("900101 1234567 1번", f"{RRN} 1번", "issue-rrn-space-then-count"),
    ("생년월일 900101 뒷자리 1234567", f"생년월일 {RRN} 뒷자리 {RRN}", "issue-rrn-split"),
    ("주민번호 뒷자리 1234567 불러줌", f"주민번호 뒷자리 {RRN} 불러줌", "rrn-back-digits-label"),
    ("900101 - 1234567", RRN, "rrn-spaced-dash"),
    ("900101–1234567", RRN, "rrn-en-dash"),
    ("９００１０１－１２３４５６７", RRN, "rrn-full-width"),
    ("외국인등록번호 950720-5123456", f"외국인등록번호 {RRN}", "alien-registration-number"),
    ("접수번호 900101-1234567", f"접수번호 {RRN}", "rrn-after-a-receipt-label"),
    # accounts
    ("계좌 100-123-456789", f"계좌 {ACCOUNT.format(6789)}", "account-kbank-layout"),
    ("100-234-567890 5만원", f"{ACCOUNT.format(7890)} 5만원", "issue-account-then-amount"),
    ("입금 계좌 100.123.456789", f"입금 계좌 {ACCOUNT.format(6789)}", "issue-account-dots"),
    ("3333012345678", ACCOUNT.format(5678), "account-plain-run"),
    ("110 123 456789", ACCOUNT.format(6789), "account-spaces"),
    ("123456-78-901234 정지", f"{ACCOUNT.format(1234)} 정지", "account-6-2-6"),
    ("301-1234-5678-91", ACCOUNT.format(7891), "account-3-4-4-2"),
    ("3561-02-4709736", ACCOUNT.format(9736), "account-holding-a-phone-like-tail"),
    ("010-123456-01-011", ACCOUNT.format(1011), "account-starting-010"),
    ("출금 계좌 680 17 724588 10:59:12 통화", f"출금 계좌 {ACCOUNT.format(4588)} 10:59:12 통화", "account-then-time"),
    ("20261125 100234567890", f"20261125 {ACCOUNT.format(7890)}", "date-then-account"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in MASKED])
def test_sensitive_numbers_are_masked(text: str, expected: str) -> None:
    assert redact(text) == expected


KEPT = [
    ("콜백 010-2345-6789 09:30", "issue-phone-then-time"),
    ("010-1234-5678 / 010-9876-5432", "issue-two-phones"),
    ("+82-10-2345-6789", "issue-phone-plus-82"),
    ("+82 10 9876 5432, +821012345678, +8210-2967-1305", "phone-plus-82-forms"),
    ("안심번호 0505-123-4567", "issue-phone-0505"),
    ("0504-1234-5678", "issue-phone-0504"),
    ("1588-8900 1522-1000", "issue-two-service-numbers"),
    ("02-729-7114 031-123-4567 064-987-6543", "phone-area-codes"),
    ("070-1234-5678 080-123-4567", "phone-070-080"),
    ("010 1234 5678, 01098765432", "phone-spaces-and-plain"),
    ("접수번호 20261125-000123", "issue-receipt-date-serial"),
    ("접수번호 A2026112500123", "issue-receipt-letter-prefix"),
    ("사건번호 2026-01234, 신고번호 R202611250017", "case-and-report-numbers"),
    ("민원번호: KR20261125001", "receipt-after-colon"),
    ("2026-11-25 09:30 12,000원", "date-time-amount"),
    ("2026.11.25, 2026. 11. 25., 2026/11/25, 20261125 기준", "date-forms"),
    ("1,250,000원 5만원 5만 3천원 1000000원", "amounts"),
    ("2025-02-21 19:34:26 016 2284 4757", "date-time-then-phone"),
    ("4116-7183-4733 070 7094 3058", "phone-after-an-account"),
    ("2026-12-25 03:00 통화, 접수 12345", "dates-and-short-numbers"),
    ("경찰 112 신고 23:40", "short-numbers"),
    ("", "empty"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for t, i in KEPT])
def test_evidence_numbers_stay_as_typed(text: str) -> None:
    out = redact(text)
    # Only a sensitive number beside them may change (the after-an-account row).
    assert re.sub(r"\[계좌번호 가림 끝 \d{4}\]", "", out) == re.sub(r"4116-7183-4733", "", text)


def test_the_masks_replace_exactly_the_typed_characters() -> None:
    text = "２０２６년 카드\u3000４１１１\u200b１１１１ 1111 1111 끝, ０１０-１２３４-５６７８"
    assert redact(text) == f"２０２６년 카드\u3000{CARD.format(1111)} 끝, ０１０-１２３４-５６７８"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("4111 1111 1111 1111", "card", id="card"),
        pytest.param("900101-1234567", "rrn", id="rrn"),
        pytest.param("100-123-456789", "account", id="account"),
        pytest.param("20261125-000123", None, id="receipt"),
        pytest.param("A2026112500123", None, id="letter-receipt"),
        pytest.param("010-1234-5678", None, id="phone"),
    ],
)
def test_sensitive_kind(text: str, kind: str | None) -> None:
    assert sensitive_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind", "stored"),
    [
        pytest.param("4111 1111 1111 1111", "card", CARD.format(1111), id="card"),
        pytest.param("900101-1234567", "rrn", RRN, id="rrn"),
        pytest.param("100-123-456789", None, "100-123-456789", id="account-shaped-receipt-stays"),
        pytest.param("20261125-000123", None, "20261125-000123", id="receipt"),
        pytest.param("A2026112500123", None, "A2026112500123", id="letter-receipt"),
    ],
)
def test_the_receipt_number_field_reads_cards_and_resident_numbers_only(
    text: str, kind: str | None, stored: str
) -> None:
    """The 접수번호 field holds long numbers by nature: only card and resident numbers are secrets there."""
    assert sensitive_kind(text, accounts=False) == kind
    assert redact(text, accounts=False) == stored


def test_long_input_is_cut_before_masking_and_no_part_of_a_cut_number_survives() -> None:
    text = "가" * (MAX_REDACT_CHARS - 10) + " 4111 1111 1111 1111 " + "나" * 1_000_000
    out = redact(text)
    assert len(out) <= MAX_REDACT_CHARS
    assert not re.search(r"\d", out)


# ---------------------------------------------------------------------- generated lines

card_bodies = st.one_of(
    st.tuples(st.sampled_from("4569"), st.text("0123456789", min_size=14, max_size=14)).map(
        lambda t: luhn_complete("".join(t))
    ),
    st.tuples(st.sampled_from(["34", "37"]), st.text("0123456789", min_size=12, max_size=12)).map(
        lambda t: luhn_complete("".join(t))
    ),
)
card_separators = st.sampled_from(
    ["", " ", "-", "  ", " - ", ".", "/", "–", "\n", "\r\n", "\u3000", "\u00a0", ",", "\u200b", "－", "\u2011"]
)
account_separators = st.sampled_from(["", "-", ".", " ", "\u2010", "－", " - "])
rrn_separators = st.sampled_from(["", "-", " ", " - ", "–", "\u00a0", "\u3000", "－"])
digits = st.text("0123456789", min_size=1, max_size=1)


def grouped(number: str, layout: tuple[int, ...], separator: str) -> str:
    out, pos = [], 0
    for size in layout:
        out.append(number[pos : pos + size])
        pos += size
    return separator.join(out)


@st.composite
def cards(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(card_bodies)
    layout = (4, 6, 5) if len(number) == 15 else draw(st.sampled_from([(4, 4, 4, 4), (16,), (3, 5, 4, 4), (5, 5, 6)]))
    return grouped(number, layout, draw(card_separators)), "card"


@st.composite
def rrns(draw: st.DrawFn) -> tuple[str, str]:
    birth = f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 31)):02d}"
    back = draw(st.sampled_from("12345678")) + draw(st.text("0123456789", min_size=6, max_size=6))
    return birth + draw(rrn_separators) + back, "rrn"


@st.composite
def accounts(draw: st.DrawFn) -> tuple[str, str]:
    layout = draw(
        st.sampled_from(
            [(3, 3, 6), (3, 2, 6), (6, 2, 6), (4, 3, 6), (3, 6, 5), (3, 4, 4, 2), (4, 2, 7), (4, 4, 4), (3, 6, 2, 3)]
        )
    )
    first = draw(st.sampled_from("123456789")) + draw(
        st.text("0123456789", min_size=layout[0] - 1, max_size=layout[0] - 1)
    )
    if layout[0] == 4 and first[:2] in ("15", "16", "18", "19"):
        first = "3" + first[1:]  # a 4-digit first group 15xx-19xx is a service phone number
    rest = draw(st.text("0123456789", min_size=sum(layout) - layout[0], max_size=sum(layout) - layout[0]))
    return grouped(first + rest, layout, draw(account_separators)), "account"


def _n(draw: st.DrawFn, size: int) -> str:
    return draw(st.text("0123456789", min_size=size, max_size=size))


@st.composite
def kept_numbers(draw: st.DrawFn) -> str:
    sep = draw(st.sampled_from(["-", " ", "", "."]))
    kind = draw(
        st.sampled_from(
            ["mobile", "seoul", "050", "070", "service", "intl", "date", "time", "amount", "receipt", "count"]
        )
    )
    if kind == "mobile":
        return sep.join(
            [
                draw(st.sampled_from(["010", "011", "016", "019"])),
                draw(st.sampled_from("23456789")) + _n(draw, 3),
                _n(draw, 4),
            ]
        )
    if kind == "seoul":
        return sep.join(["02", draw(st.sampled_from("23456789")) + _n(draw, draw(st.integers(2, 3))), _n(draw, 4)])
    if kind == "050":
        return sep.join(
            [
                draw(st.sampled_from(["0502", "0504", "0505", "0507"])),
                draw(st.sampled_from("123456789")) + _n(draw, 3),
                _n(draw, 4),
            ]
        )
    if kind == "070":
        return sep.join(
            [draw(st.sampled_from(["070", "080"])), draw(st.sampled_from("23456789")) + _n(draw, 3), _n(draw, 4)]
        )
    if kind == "service":
        return (
            draw(st.sampled_from(["1588", "1522", "1600", "1899", "1544"]))
            + draw(st.sampled_from(["-", " ", ""]))
            + _n(draw, 4)
        )
    if kind == "intl":
        return draw(st.sampled_from(["+82-", "+82 ", "+82"])) + (sep or "-").join(
            ["10", draw(st.sampled_from("23456789")) + _n(draw, 3), _n(draw, 4)]
        )
    if kind == "date":
        y, m, d = draw(st.integers(2020, 2029)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
        return draw(
            st.sampled_from([f"{y}-{m:02d}-{d:02d}", f"{y}.{m:02d}.{d:02d}", f"{y}. {m}. {d}.", f"{y}{m:02d}{d:02d}"])
        )
    if kind == "time":
        return f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if kind == "amount":
        return draw(st.sampled_from([f"{draw(st.integers(1, 9999)) * 1000:,}원", f"{draw(st.integers(1, 999))}만원"]))
    if kind == "receipt":
        return draw(st.sampled_from(["접수번호 ", "사건번호 ", "신고번호: "])) + draw(
            st.sampled_from([f"2026{_n(draw, 4)}-{_n(draw, 6)}", f"A2026{_n(draw, 9)}", _n(draw, 8)])
        )
    return f"{draw(st.integers(1, 12))}번"


glue = st.sampled_from([" ", "  ", ", ", " / ", "\n", "\u3000", " 그리고 ", "에 ", " 통화 ", "; "])
words = st.sampled_from(["", "카드 ", "계좌 ", "주민번호 ", "메모: ", "콜백 ", "오늘 "])


@st.composite
def memo_lines(draw: st.DrawFn) -> tuple[list[tuple[str, str | None]], str]:
    """Pieces of a memo line: (text, kind) with kind None for glue and kept numbers."""
    items: list[tuple[str, str | None]] = [draw(st.one_of(cards(), rrns(), accounts()))]
    items += [(draw(kept_numbers()), None) for _ in range(draw(st.integers(1, 3)))]
    order = draw(st.permutations(items))
    pieces: list[tuple[str, str | None]] = [(draw(words), None)]
    for index, item in enumerate(order):
        if index:
            pieces.append((draw(glue), None))
        pieces.append(item)
    return pieces, "".join(text for text, _ in pieces)


def expected_output(pieces: list[tuple[str, str | None]]) -> str:
    out = []
    for text, kind in pieces:
        if kind is None:
            out.append(text)
        else:
            last4 = "".join(c for c in text if c.isdigit())[-4:]
            out.append({"card": CARD.format(last4), "rrn": RRN, "account": ACCOUNT.format(last4)}[kind])
    return "".join(out)


ANY_MASK = re.compile(r"\[(?:카드번호|주민등록번호|계좌번호) 가림(?: 끝 \d{4})?\]")


@given(memo_lines())
def test_sensitive_numbers_among_kept_numbers_are_masked_and_the_rest_stays(line: tuple[list, str]) -> None:
    pieces, text = line
    out = redact(text)
    # Which mask a number gets may differ (a 13-digit account can read as a resident number);
    # that it is masked whole, and that nothing else changes, may not.
    assert ANY_MASK.sub("#", out) == ANY_MASK.sub("#", expected_output(pieces))
    card_pieces = [p for p in pieces if p[1] == "card"]
    if card_pieces:
        assert expected_output(card_pieces) in out


text_strategy = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(card=card_bodies, separator=card_separators, before=text_strategy, after=text_strategy)
def test_no_card_number_survives_whatever_surrounds_it(card: str, separator: str, before: str, after: str) -> None:
    layout = (4, 6, 5) if len(card) == 15 else (4, 4, 4, 4)
    out = redact(before + " " + grouped(card, layout, separator) + " " + after)
    assert card[:-4] not in re.sub(r"\D", "", ANY_MASK.sub("#", out))


@given(st.text(max_size=80))
def test_redaction_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once
