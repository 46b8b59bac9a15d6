"""Mask card, resident registration (and alien registration) and account numbers in free text.

The report log is the customer's evidence and may be printed or copied: it must never carry the
numbers a thief needs, and it must keep, exactly as typed, what proves the report (phone numbers
called, dates, times, amounts, receipt and case numbers). Masks keep at most the last four digits,
which cards print anyway.

How: the text is read through a *normalised view* (NFKC; every Unicode space, line break, dash and
middle dot folded to one ASCII character; zero-width and direction marks dropped), with each view
character remembering its original index, so a mask replaces exactly the characters that were typed.
In the view, digit groups joined by a short separator (spaces, ``- . / ,``) are read by their own
shape, never by a regular expression over the whole run:

1. every shape that may start at each group is listed: resident and alien registration numbers
   (YYMMDD + [1-8]xxxxxx, with or without separator), card layouts (4-4-4-4, 4-6-5, ...; other
   groupings and digits glued on only when the Luhn check passes), account layouts of Korean banks
   (10-14 digits in 1-5 groups), and what is kept: domestic and +82 phone numbers, dates, times,
   amounts, receipt and case numbers after their labels (접수번호, 사건번호, ...) or after a date;
2. the best tiling of the groups by those shapes is chosen (each covers its groups, the more
   specific shape wins a tie), so "010-1234-5678 / 010-9876-5432" is two phone numbers and not a
   card inside both, and "100-234-567890 5만원" an account and an amount;
3. what is left is checked once more: Luhn-valid stretches in runs of 15+ digits, any run of 15+
   digits, and the birth date and seven back digits typed apart (생년월일 900101 뒷자리 1234567).

A shape only takes groups joined by one kind of separator. Work is linear in the length of the
text, which is first cut to :data:`MAX_REDACT_CHARS`.

Libraries looked at (issue 11): Presidio, scrubadub and the small Korean PII packages use one
regular expression per entity over the raw text with checksums and nearby keywords; none
normalises invisible separators, reads Korean phone/receipt layouts against account layouts, or
runs dependency-free in Pyodide, so this module stays hand-written and small.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["MAX_REDACT_CHARS", "luhn_valid", "redact", "sensitive_kind"]

# Longest text read, in characters: at least the longest report field (memo, 2,000) with room for
# stored masks. Longer text is cut here, back to before any number the cut would split, so no part
# of a number escapes the masks; fields refuse longer input with a message before it gets here.
MAX_REDACT_CHARS = 4_096

# words: masks written in place of a number ({last4}: its last four digits).
CARD_MASK = "[카드번호 가림 끝 {last4}]"
RRN_MASK = "[주민등록번호 가림]"
ACCOUNT_MASK = "[계좌번호 가림 끝 {last4}]"

_GROUP = re.compile(r"\d+", re.ASCII)
# What may join two digit groups of one number: up to three spaces, or one of - . / , with spaces.
_JOIN = re.compile(r" {1,3}| {0,2}[-./,] {0,2}")
_DASHES = frozenset("‐‑‒–—―⁃−﹘﹣－ー")
_DOTS = frozenset("·・･‧∙")
_CARD_LAYOUTS = ((4, 4, 4, 4, 3), (4, 4, 4, 4), (4, 6, 5), (4, 6, 4))
_CARD_FIRST = "23456789"  # 0 and 1 (airlines) are not payment cards issued here; 15xx/18xx are phones
_PHONE_PREFIX = re.compile(r"01[016789]|02|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])|050[2-8]|0[678]0")
_PHONE_WHOLE = re.compile(r"0(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|50[2-8]|[678]0)\d{7,8}")
_INTL_PREFIX = re.compile(r"0?(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|50[2-8]|[78]0)")
_INTL_WHOLE = re.compile(r"0?(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|50[2-8]|[78]0)\d{7,8}")
_SERVICE = re.compile(r"1[5689]\d\d")  # 1588-xxxx, 1600-xxxx, 1899-xxxx ...
_SERVICE_WHOLE = re.compile(r"1[5689]\d{6}")
# A receipt or case number's label right before it (a letter prefix such as A2026... may follow).
_RECEIPT_LABEL = re.compile(
    r"(?:접수|사건|신고|처리|민원|상담|사고|조회|승인|예약|주문)\s?번호\s?(?:는|은|:)?\s?[:#]?\s?[A-Za-z]{0,4}-?$"
)
_BACK_DIGITS_LABEL = re.compile(r"(?:뒷|뒤)\s?(?:7\s?)?(?:자리|번호)\s?(?:는|은|:)?\s?$")
# Words glued after a count, a day or a time ("3번", "25일", "10시"); particles such as 에, 로 are not.
_COUNTERS = "번회건일시분초개월년명장차원만천억호층"
_AMOUNT_AFTER = ("원", "만", "천", "억", "달러", "엔", "불")
_RRN_SPLIT_GAP = 16  # most characters between a birth date and the seven back digits typed apart


def luhn_valid(digits: str) -> bool:
    """The Luhn check every payment card number passes; ``digits`` holds ASCII digits only."""
    if not digits or not digits.isdecimal() or not digits.isascii():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# ------------------------------------------------------------------ the normalised view

_FOLDED: dict[str, str] = {}


def _fold(char: str) -> str:
    """What one typed character is in the view ('' for invisible marks)."""
    folded = _FOLDED.get(char)
    if folded is None:
        if unicodedata.category(char) == "Cf":  # zero-width, direction marks, soft hyphen, BOM
            folded = ""
        else:
            parts = []
            for c in unicodedata.normalize("NFKC", char):
                if c.isspace():
                    c = " "
                elif c in _DASHES or unicodedata.category(c) == "Pd":
                    c = "-"
                elif c in _DOTS:
                    c = "."
                elif c.isdecimal():
                    c = str(unicodedata.decimal(c))
                parts.append(c)
            folded = "".join(parts)
        if len(_FOLDED) < 4096:
            _FOLDED[char] = folded
    return folded


class _FoldTable(dict[int, str]):
    """str.translate table: each character to its view; ``uneven`` maps those whose view is not
    exactly one character (dropped or expanded) to "x", the others to ""."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = (" " if char.isspace() else char) if code < 0x80 else _fold(char)
        if len(self) < 4096:
            self[code] = folded
            _UNEVEN[code] = "" if len(folded) == 1 else "x"
        return folded


class _UnevenTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        return "" if len(_FOLD_TABLE[code]) == 1 else "x"


_FOLD_TABLE = _FoldTable()
_UNEVEN = _UnevenTable()


def _view(text: str) -> tuple[str, Sequence[int]]:
    """The normalised view of ``text`` and, per view character, its index in ``text``."""
    view = text.translate(_FOLD_TABLE)
    if not text.translate(_UNEVEN):
        return view, range(len(text))  # one view character per typed character (the usual case)
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FOLD_TABLE[ord(char)]))
    return view, origin


# ------------------------------------------------------------------ finding numbers


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # view indices
    end: int
    kind: str  # card, rrn, account
    last4: str


class _Groups:
    """The digit groups of a view and how each joins the one before it."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.spans = [(m.start(), m.end()) for m in _GROUP.finditer(view)]
        self.digits = [view[s:e] for s, e in self.spans]
        # link[k]: the separator kind (" ", "-", ".", "/", ",") joining group k-1 to group k, or None.
        self.link: list[str | None] = [None]
        for (_, end), (start, _) in zip(self.spans, self.spans[1:], strict=False):
            sep = view[end:start]
            self.link.append((sep.strip() or " ") if _JOIN.fullmatch(sep) else None)
        count = len(self.spans)
        self.used: list[str | None] = [None] * count
        self.size = [len(d) for d in self.digits]
        self.cum = [0]  # cum[k]: digits in groups before k
        for size in self.size:
            self.cum.append(self.cum[-1] + size)
        # left[k]: digits in the groups joined to group k from the left by one kind of separator, k included.
        self.left = list(self.size)
        for k in range(1, count):
            if self.link[k] is not None:
                self.left[k] += self.left[k - 1] if self.link[k - 1] == self.link[k] else self.size[k - 1]
        # reach[i]: the last group joined to group i through separators of one kind.
        self.reach = list(range(count))
        for i in range(count - 2, -1, -1):
            if self.link[i + 1] is not None:
                same = i + 2 < count and self.link[i + 2] == self.link[i + 1]
                self.reach[i] = self.reach[i + 1] if same else i + 1

    def __len__(self) -> int:
        return len(self.spans)

    def free(self, i: int, j: int) -> bool:
        """Groups i..j exist, are unused and joined by one kind of separator."""
        return j < len(self.spans) and j <= self.reach[i] and not any(self.used[i : j + 1])

    def tight(self, k: int) -> bool:
        """Group k is glued to group k-1 by a dash, dot or comma without spaces (a slash lists)."""
        return 0 < k < len(self.spans) and self.link[k] in ("-", ".", ",") and " " not in self.sep(k)

    def sep(self, k: int) -> str:
        """The characters between group k-1 and group k."""
        return self.view[self.spans[k - 1][1] : self.spans[k][0]]

    def joined(self, i: int, j: int) -> str:
        return "".join(self.digits[i : j + 1])

    def sizes(self, i: int, j: int) -> tuple[int, ...]:
        return tuple(self.size[i : j + 1])

    def _calm(self, i: int) -> bool:
        start = self.spans[i][0]
        return (
            self.size[i] < 6
            and self.left[i] + self.reachable_digits(i) - self.size[i] < 10
            and self.view[start - 1 : start] != "+"  # +82 10-1234-5678 mixes separators
        )

    def quiet(self, i: int) -> bool:
        """No number of ten digits or more can run through group i or the groups a shape starting
        there could cover, and it is too short to be half of a resident number: nothing to read."""
        return all(self._calm(k) for k in range(i, min(self.reach[i], i + 4) + 1))

    def reachable_digits(self, i: int) -> int:
        """Digits from group i to the last group joined to it by one kind of separator."""
        return self.cum[self.reach[i] + 1] - self.cum[i]

    def before(self, i: int, width: int = 24) -> str:
        """View text before group i, back to the previous group (at most ``width`` characters)."""
        start = self.spans[i][0]
        floor = self.spans[i - 1][1] if i else 0
        return self.view[max(floor, start - width) : start]

    def after(self, i: int, width: int = 2) -> str:
        end = self.spans[i][1]
        return self.view[end : end + width]

    def latin_glued(self, i: int) -> bool:
        start, end = self.spans[i]
        near = self.view[start - 1 : start] + self.view[end : end + 1]
        return any("a" <= c.lower() <= "z" for c in near)


def _is_date(year: int, month: int, day: int) -> bool:
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def _rrn_like(digits: str) -> bool:
    """Six birth-date digits and seven back digits, the first of them 1-8 (5-8: 외국인등록번호).
    The check digit is not tested: numbers issued since October 2020 do not carry one."""
    return len(digits) == 13 and 1 <= int(digits[2:4]) <= 12 and 1 <= int(digits[4:6]) <= 31 and digits[6] in "12345678"


def _birth_like(digits: str) -> bool:
    return len(digits) == 6 and 1 <= int(digits[2:4]) <= 12 and 1 <= int(digits[4:6]) <= 31


def _luhn_windows(digits: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every Luhn-valid stretch of 13-19 digits, in O(len) per length."""
    values = [int(c) for c in digits]
    doubled = [v * 2 - 9 if v > 4 else v * 2 for v in values]
    # prefix[p][k]: sum of plain (p=0) or doubled (p=1) values at even/odd positions (k parity) before k.
    plain_even, plain_odd, dbl_even, dbl_odd = [0], [0], [0], [0]
    for k, (v, d) in enumerate(zip(values, doubled, strict=True)):
        plain_even.append(plain_even[-1] + (v if k % 2 == 0 else 0))
        plain_odd.append(plain_odd[-1] + (v if k % 2 else 0))
        dbl_even.append(dbl_even[-1] + (d if k % 2 == 0 else 0))
        dbl_odd.append(dbl_odd[-1] + (d if k % 2 else 0))
    for length in range(13, 20):
        for start in range(len(digits) - length + 1):
            end = start + length
            # Counting from the right, the last digit is not doubled, the one before it is, ...
            if (end - 1) % 2 == 0:
                total = plain_even[end] - plain_even[start] + dbl_odd[end] - dbl_odd[start]
            else:
                total = plain_odd[end] - plain_odd[start] + dbl_even[end] - dbl_even[start]
            if total % 10 == 0:
                yield start, end


def _found(groups: _Groups, i: int, j: int, kind: str) -> _Found:
    for k in range(i, j + 1):
        groups.used[k] = kind
    digits = groups.joined(i, j)
    return _Found(groups.spans[i][0], groups.spans[j][1], kind, digits[-4:])


def _strong(groups: _Groups, i: int) -> Iterator[tuple[int, str]]:
    """(groups, kind) of a resident number or a card layout starting at group i."""
    if groups.size[i] == 6 and groups.free(i, i + 1) and groups.size[i + 1] == 7 and _rrn_like(groups.joined(i, i + 1)):
        yield 2, "rrn"
    if groups.size[i] == 13 and _rrn_like(groups.digits[i]):
        yield 1, "rrn"
    # A card starts a number: not the last group of one joined by other separators (010-2000-2000 4000 ...).
    if (
        groups.reachable_digits(i) >= 15
        and groups.digits[i][0] in _CARD_FIRST
        and (not groups.tight(i) or groups.link[i] == groups.link[min(i + 1, len(groups) - 1)])
        and not groups.before(i).endswith("+")  # +8210 2345 6789: a phone number
    ):
        for layout in _CARD_LAYOUTS:
            j = i + len(layout) - 1
            if groups.free(i, j) and groups.sizes(i, j) == layout and _ends_number(groups, i, j):
                if len(layout) == 5 and not (
                    luhn_valid(groups.joined(i, j)) and not luhn_valid(groups.joined(i, j - 1))
                ):
                    continue  # 19 digits only when the check says so: "... 5268 932만원" is a card and an amount
                yield len(layout), "card"
        # Other groupings (3-5-4-4, 5-5-6 ...) when the Luhn check passes.
        total = 0
        for j in range(i, min(i + 8, len(groups))):
            total += len(groups.digits[j])
            if total > 19 or not groups.free(i, j):
                break
            if (
                total >= 15
                and j > i
                and not _count_at_edge(groups, i, j)
                and _ends_number(groups, i, j)
                and luhn_valid(groups.joined(i, j))
            ):
                yield j - i + 1, "card~"
    if len(groups.digits[i]) >= 15 and next(_luhn_windows(groups.digits[i]), None):
        yield 1, "card"


def _phone(groups: _Groups, i: int) -> int:
    """How many groups from i make a domestic or +82 phone number (0: none)."""
    first = groups.digits[i]
    if first == "82" and groups.view[groups.spans[i][0] - 1 : groups.spans[i][0]] == "+":
        # +82 10-1234-5678 (the link after 82 may differ from the rest), +82 1012345678
        if i + 1 < len(groups) and groups.link[i + 1] and not groups.used[i + 1]:
            if _INTL_WHOLE.fullmatch(groups.digits[i + 1]):
                return 2
            if (
                _INTL_PREFIX.fullmatch(groups.digits[i + 1])
                and groups.free(i + 1, i + 3)
                and groups.sizes(i + 2, i + 3) in ((3, 4), (4, 4))
            ):
                return 4
        return 0
    if first.startswith("82") and groups.view[groups.spans[i][0] - 1 : groups.spans[i][0]] == "+":
        if _INTL_WHOLE.fullmatch(first[2:]):
            return 1  # +821012345678
        if (
            _INTL_PREFIX.fullmatch(first[2:])
            and groups.free(i, i + 2)
            and groups.sizes(i + 1, i + 2) in ((3, 4), (4, 4))
        ):
            return 3  # +8210-1234-5678
        return 0
    if _PHONE_WHOLE.fullmatch(first) or _SERVICE_WHOLE.fullmatch(first):
        return 1
    if _PHONE_PREFIX.fullmatch(first):
        if groups.free(i, i + 2) and groups.sizes(i + 1, i + 2) in ((3, 4), (4, 4)):
            return 3
        if groups.free(i, i + 1) and len(groups.digits[i + 1]) in (7, 8):
            return 2
    if _SERVICE.fullmatch(first) and groups.free(i, i + 1) and len(groups.digits[i + 1]) == 4:
        return 2
    return 0


def _date(groups: _Groups, i: int) -> int:
    """How many groups from i make a date (2026-11-25, 2026. 11. 25, 20261125, 26.11.25)."""
    if groups.free(i, i + 2) and groups.link[i + 1] != ",":
        y, m, d = (int(x) for x in groups.digits[i : i + 3])
        size = len(groups.digits[i])
        plausible = (size == 4 and _is_date(y, m, d)) or (size == 2 and _is_date(2000 + y, m, d))
        if plausible and all(len(x) <= 2 for x in groups.digits[i + 1 : i + 3]):
            return 3
    first = groups.digits[i]
    if len(first) == 8 and _is_date(int(first[:4]), int(first[4:6]), int(first[6:])):
        # 20261125-000123: a date-prefixed receipt number; no bank account starts with a date
        if groups.free(i, i + 1) and groups.link[i + 1] == "-" and len(groups.digits[i + 1]) <= 7:
            return 2
        return 1
    return 0


def _receipt(groups: _Groups, i: int) -> int:
    """Groups from i that make a receipt or case number right after its label."""
    if not _RECEIPT_LABEL.search(groups.before(i)):
        return 0
    j = i
    while groups.free(i, j + 1) and groups.link[j + 1] == "-":
        j += 1
    digits = groups.joined(i, j)
    if len(digits) in (15, 16) and luhn_valid(digits):
        return 0  # a card number typed after the label is still a card number
    return j - i + 1


def _amount(groups: _Groups, i: int) -> int:
    """Groups from i that make an amount: 1,250,000 or any number followed by 원/만/..."""
    j = i
    while groups.free(i, j + 1) and groups.sep(j + 1) == "," and len(groups.digits[j + 1]) == 3:
        j += 1
    if j > i and len(groups.digits[i]) <= 3 and not groups.digits[i].startswith("0"):
        return j - i + 1
    if groups.after(i).startswith(_AMOUNT_AFTER) or groups.view[groups.spans[i][0] - 1 : groups.spans[i][0]] in (
        "₩",
        "$",
    ):
        return 1
    return 0


def _kept(groups: _Groups, i: int) -> Iterator[tuple[int, str]]:
    """(groups, "kept") of a phone number, date, receipt number or amount starting at group i."""
    for rule in (_phone, _date, _receipt, _amount):
        count = rule(groups, i)
        if count > 1 and not groups.used[i - 1] and groups.tight(i) and groups.link[i] != groups.link[i + 1]:
            continue  # 1000-0000-1500 0502: the 1500 ends an account, it starts no 1500-0502
        if count:
            # A number with its unit glued on (186만원) is an amount whatever precedes it.
            yield (
                count,
                "kept!" if rule is _amount and groups.after(i + count - 1).startswith(_AMOUNT_AFTER) else "kept",
            )


def _times(groups: _Groups) -> None:
    """Mark 09:30 and 10:59:12 as kept: a colon never joins the groups of a sensitive number."""
    for i in range(1, len(groups)):
        colon = groups.sep(i) == ":"
        if colon and len(groups.digits[i]) <= 2 and len(groups.digits[i - 1]) <= 2:
            groups.used[i - 1] = groups.used[i] = "kept"


# Ties go to the more specific reading; a card guessed from a letter-prefixed code only beats nothing.
_WEIGHT = {"card": 0.5, "rrn": 0.5, "kept!": 0.6, "kept": 0.3, "card~": 0.1, "account": -0.15, "card?": -0.2}


def _shapes(groups: _Groups, accounts: bool) -> Iterator[_Found]:
    """Card, resident and account numbers and the numbers kept as typed, read as the best tiling
    of the groups: each shape scores the groups it covers, plus a little for how specific it is
    (card and resident numbers, then kept numbers, then account layouts), so
    "010 2000 0000 4000 0000 0000 0002" is a phone number and a card, not a card inside both."""
    count = len(groups)
    best = [0.0] * (count + 1)
    choice: list[tuple[int, str] | None] = [None] * (count + 1)
    for i in range(count - 1, -1, -1):
        best[i] = best[i + 1]
        if groups.used[i] or groups.quiet(i):
            continue
        shapes = [*_strong(groups, i), *_kept(groups, i), *(_account_shapes(groups, i) if accounts else ())]
        for size, kind in shapes:
            score = size + _WEIGHT[kind] + best[i + size]
            if score > best[i]:
                best[i], choice[i] = score, (size, kind)
    i = 0
    while i < count:
        picked = choice[i]
        if picked is None:
            i += 1
            continue
        size, kind = picked
        if kind.startswith("kept"):
            for k in range(i, i + size):
                groups.used[k] = "kept"
        else:
            yield _found(groups, i, i + size - 1, kind.rstrip("?~"))
        i += size


def _runs(groups: _Groups) -> Iterator[tuple[int, int]]:
    """Maximal stretches of unused groups joined by one kind of separator."""
    i = 0
    while i < len(groups):
        if groups.used[i]:
            i += 1
            continue
        j = i
        while groups.free(i, j + 1):
            j += 1
        yield i, j
        i = j + 1


def _cards_in_runs(groups: _Groups) -> Iterator[_Found]:
    """Card numbers (Luhn, 15-19 digits) typed in odd groups, or glued to other digits in one group."""
    for i, j in list(_runs(groups)):
        if sum(groups.sizes(i, j)) < 15:
            continue
        for a in range(i, j + 1):
            if groups.used[a]:
                continue
            if len(groups.digits[a]) >= 15 and next(_luhn_windows(groups.digits[a]), None):
                yield _found(groups, a, a, "card")
                continue
            total = 0
            for b in range(a, j + 1):
                total += len(groups.digits[b])
                if total > 19 or groups.used[b]:
                    break
                if total >= 15 and b > a and not _count_at_edge(groups, a, b) and luhn_valid(groups.joined(a, b)):
                    yield _found(groups, a, b, "card")
                    break


def _count_at_edge(groups: _Groups, i: int, j: int) -> bool:
    """Groups i..j joined by spaces, commas or slashes end (or start) with a count, a time or a day:
    "... 8번", "..., 10:59"."""
    if groups.link[j] in (None, "-", "."):
        return False
    if len(groups.digits[i]) <= 2:
        return True
    follows = groups.after(j, 1)
    return len(groups.digits[j]) <= 2 and (follows == ":" or (follows != "" and follows in _COUNTERS))


def _account_shapes(groups: _Groups, i: int) -> Iterator[tuple[int, str]]:
    """(groups, kind) of account layouts (10-14 digits in 1-5 groups) starting at group i, longest
    first; a single group of 15+ digits is masked as one too."""
    if groups.reachable_digits(i) < 10:
        return
    for j in range(min(i + 4, len(groups) - 1), i - 1, -1):
        if not groups.free(i, j):
            continue
        sizes = groups.sizes(i, j)
        total = sum(sizes)
        if j == i:
            if total >= 15 or (total >= 10 and not groups.latin_glued(i)):
                yield 1, "account"
            elif total >= 13 and luhn_valid(groups.digits[i]):
                yield 1, "card?"  # a code such as A2026112500123, unless the check says card
            return
        if not 10 <= total <= 14 or min(sizes[:-1]) < 2 or not _ends_number(groups, i, j):
            continue
        if _count_at_edge(groups, i, j) or (sizes[-1] < 2 and groups.link[j] not in ("-", ".")):
            continue  # "110 123 456789 1번": the 1 is a count
        yield j - i + 1, "account"


def _ends_number(groups: _Groups, i: int, j: int) -> bool:
    """Groups i..j are not followed by a group glued on with a tighter separator of another kind
    (300 00 000000 0502-1000-0000: the 0502 starts a phone number)."""
    return not groups.tight(j + 1) or (j > i and groups.link[j + 1] == groups.link[j])


def _accounts(groups: _Groups) -> Iterator[_Found]:
    """What the tiling left: account layouts and runs of 15+ digits."""
    for i in range(len(groups)):
        if not groups.used[i]:
            for size, kind in _account_shapes(groups, i):
                yield _found(groups, i, i + size - 1, kind.rstrip("?~"))
                break


def _split_rrns(groups: _Groups) -> Iterator[_Found]:
    """Seven back digits typed apart from the birth date, or after a 뒷자리 label."""
    for i in range(len(groups)):
        digits = groups.digits[i]
        if groups.used[i] or len(digits) != 7 or digits[0] not in "12345678":
            continue
        if _BACK_DIGITS_LABEL.search(groups.before(i, 12)):
            yield _found(groups, i, i, "rrn")
        if i and not groups.used[i - 1] and _birth_like(groups.digits[i - 1]):
            gap = groups.spans[i][0] - groups.spans[i - 1][1]
            if gap <= _RRN_SPLIT_GAP:
                yield _found(groups, i - 1, i - 1, "rrn")
                if not groups.used[i]:
                    yield _found(groups, i, i, "rrn")


def _find(view: str, accounts: bool = True) -> list[_Found]:
    groups = _Groups(view)
    _times(groups)
    found = list(_shapes(groups, accounts))
    found += _cards_in_runs(groups)
    if accounts:
        found += _accounts(groups)
    found += _split_rrns(groups)
    return sorted(found, key=lambda f: f.start)


def _capped(text: str) -> str:
    if len(text) <= MAX_REDACT_CHARS:
        return text
    cut = text[:MAX_REDACT_CHARS]
    # Back off over a number the cut splits (digits and what joins them), so none of it stays.
    end = len(cut)
    while end:
        char = cut[end - 1]
        folded = (" " if char.isspace() else char) if char < "\x80" else _fold(char)
        if not all(c.isdigit() or c in " -./,+" for c in folded):
            break
        end -= 1
    return cut[:end]


def _mask(found: _Found) -> str:
    if found.kind == "card":
        return CARD_MASK.format(last4=found.last4)
    if found.kind == "rrn":
        return RRN_MASK
    return ACCOUNT_MASK.format(last4=found.last4)


def redact(text: str, *, accounts: bool = True) -> str:
    """``text`` with card numbers, resident/alien registration numbers and (unless ``accounts`` is
    False) account numbers replaced by masks; every other character stays exactly as typed.

    Text longer than :data:`MAX_REDACT_CHARS` characters is first cut to that length (before any
    number the cut would split). Linear time.
    """
    text = _capped(text)
    view, origin = _view(text)
    out, pos = [], 0
    for found in _find(view, accounts):
        start, end = origin[found.start], origin[found.end - 1] + 1
        out.append(text[pos:start])
        out.append(_mask(found))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def sensitive_kind(text: str, *, accounts: bool = True) -> str | None:
    """The kind of the first number in ``text`` that :func:`redact` would mask: ``"card"``,
    ``"rrn"`` (resident or alien registration number) or ``"account"``; None if there is none.
    For warning a customer who typed such a number where it does not belong (접수번호 field)."""
    found = _find(_view(_capped(text))[0], accounts)
    return found[0].kind if found else None
