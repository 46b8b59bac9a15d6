"""Mask card numbers, resident registration numbers and account-like numbers in free text.

The report log is the customer's evidence and may be printed or copied; it must never carry the
numbers a thief needs. Masks keep at most the last four digits, which cards print anyway.
"""

from __future__ import annotations

import re

__all__ = ["luhn_valid", "redact"]

# Digits joined by single spaces (or line breaks) or dashes: how people type card numbers.
_SPACED_RUN = re.compile(r"\d(?:[\s-]?\d)*")
# Digits joined by dashes only: account numbers; spaces are left out so "2026-12-25 03" stays a date.
_DASHED_RUN = re.compile(r"\d(?:-?\d)*")
# YYMMDD-NNNNNNN as a group of its own inside a run (a run may hold several numbers).
_RRN = re.compile(r"(?<!\d)\d{6}-\d{7}(?!\d)")
# Korean phone numbers look like account numbers; keep them, they are not secrets in a memo.
_PHONE = re.compile(r"0\d{1,2}-\d{3,4}-\d{4}|01[016789]\d{7,8}")
_CARD_LENGTHS = range(13, 20)
_ACCOUNT_MIN_DIGITS = 10


def luhn_valid(digits: str) -> bool:
    """The Luhn check every payment card number passes; ``digits`` holds digits only."""
    if not digits or not digits.isdecimal():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_in(digits: str) -> str | None:
    """The first Luhn-valid 13-19 digit stretch inside a run of digits, if any."""
    for start in range(len(digits)):
        for length in _CARD_LENGTHS:
            window = digits[start : start + length]
            if len(window) == length and luhn_valid(window):
                return window
    return None


def _looks_like_rrn(run: str, digits: str) -> bool:
    # With its dash anywhere in the run; without it only alone and with a plausible birth date.
    if _RRN.search(run):
        return True
    if len(digits) != 13:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31 and digits[6] in "12345678"


def _mask_cards_and_rrns(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = "".join(ch for ch in run if ch.isdigit())
    if _looks_like_rrn(run, digits):
        return "[주민등록번호 가림]"
    card = _card_in(digits) if len(digits) >= _CARD_LENGTHS.start else None
    if card is not None:
        return f"[카드번호 가림 끝 {card[-4:]}]"
    return run


def _mask_accounts(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = run.replace("-", "")
    if len(digits) < _ACCOUNT_MIN_DIGITS or _PHONE.fullmatch(run):
        return run
    return f"[계좌번호 가림 끝 {digits[-4:]}]"


def redact(text: str, *, accounts: bool = True) -> str:
    """Text with card numbers (Luhn), resident registration numbers and, unless ``accounts`` is
    False, account-like numbers (ten or more digits) replaced by masks."""
    masked = _SPACED_RUN.sub(_mask_cards_and_rrns, text)
    return _DASHED_RUN.sub(_mask_accounts, masked) if accounts else masked
