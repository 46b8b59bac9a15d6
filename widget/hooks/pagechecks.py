"""What the editors' checks look for in a page's source text (pure functions; editors.py reports them).

Every function takes the page's whole source as written (front matter included) so lines are the
lines of the file the editor opens. Code spans and fences are blanked first: the editors' guide
shows shortcodes and examples there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CODE = re.compile(r"^(```|~~~).*?^\1|(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)", re.M | re.S)
# Korean phone numbers as people write them: 1522-1000, 1522 1000, 15221000, 02-123-4567, 010-1234-5678.
PHONE = re.compile(r"(?<![\d-])(?:1[5-9]\d{2}[- ]?\d{4}|0\d{1,2}[- ]\d{3,4}[- ]\d{4})(?![\d-])")


def blank_code(text: str) -> str:
    """The text with code spans and fences replaced by spaces (same length, same line breaks)."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def hand_written_facts(text: str, contact_values: Iterable[str]) -> list[tuple[int, str]]:
    """(line, as written) of phone numbers and known contact values typed instead of a shortcode."""
    text = blank_code(text)
    hits = [(m.start(), m.group(0)) for m in PHONE.finditer(text)]
    for value in contact_values:
        literal = value.removeprefix("https://").removeprefix("http://")
        pattern = rf"(?<![\w.-]){re.escape(literal)}(?![\w-])"
        hits += [(m.start(), m.group(0)) for m in re.finditer(pattern, text)]
    return sorted((line_of(text, i), value) for i, value in hits)
