"""Mask card numbers, resident registration numbers and account-like numbers in free text.

The report log is the customer's evidence and may be printed or copied; it must never carry the
numbers a thief needs. Masks keep at most the last four digits, which cards print anyway.
"""

from __future__ import annotations

import re

__all__ = ["luhn_valid", "redact"]

# Full-width digits and the dash look-alikes people type (or phones insert) count as plain ones.
_PLAIN = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, **dict.fromkeys("‐‑‒–—―－−", "-")})
# Digits in groups joined by up to three spaces, dashes, dots or slashes: how card numbers are typed.
_SPACED_RUN = re.compile(r"\d(?:[ \t\n.\-/]{0,3}\d)*")
# Digits joined by dashes or single spaces: account numbers. A date at the start is not one.
_ACCOUNT_RUN = re.compile(r"\d(?:[- ]?\d)*")
_DATE_START = re.compile(r"(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d)")
# YYMMDD-NNNNNNN as a group of its own inside a run (a run may hold several numbers).
_RRN = re.compile(r"(?<!\d)\d{6}\s{0,2}-\s{0,2}[1-8]\d{6}(?!\d)")
# Korean phone numbers look like account numbers; keep them, they are not secrets in a memo.
_PHONE = re.compile(r"0\d{1,2}[- ]\d{3,4}[- ]\d{4}|01[016789]\d{7,8}|1[5-9]\d\d[- ]\d{4}")
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
    digits = run.replace("-", "").replace(" ", "")
    if len(digits) < _ACCOUNT_MIN_DIGITS or _PHONE.fullmatch(run) or _DATE_START.match(run):
        return run
    if " " in run and any(len(group) < 2 for group in re.split(r"[- ]", run)):
        return run  # "2026 11 25 3 12" is more likely a date and time than an account
    return f"[계좌번호 가림 끝 {digits[-4:]}]"


def redact(text: str, *, accounts: bool = True) -> str:
    """Text with card numbers (Luhn), resident registration numbers and, unless ``accounts`` is
    False, account-like numbers (ten or more digits) replaced by masks."""
    masked = _SPACED_RUN.sub(_mask_cards_and_rrns, text.translate(_PLAIN))
    return _ACCOUNT_RUN.sub(_mask_accounts, masked) if accounts else masked
