"""No Markdown page contains a phone number or a known address written by hand."""

from __future__ import annotations

import re
from pathlib import Path

from lossguide.sources import load_directory

# Any Korean phone shape: 4-4 service numbers, area/mobile numbers, and 3-4 digit short numbers
# that appear in the data file (112, 1332) when written as standalone words.
PHONE_SHAPES = re.compile(r"(?<![\d-])(?:1[5-9]\d{2}-?\d{4}|0\d{1,2}-\d{3,4}-\d{4})(?![\d-])")


def _pages(repo: Path) -> list[Path]:
    return [p for p in (repo / "docs").rglob("*.md") if "overrides" not in p.parts]


def test_pages_exist(repo: Path) -> None:
    assert len(_pages(repo)) >= 30


def test_no_page_contains_a_phone_number_written_by_hand(repo: Path) -> None:
    directory, _ = load_directory(repo / "docs/data/contacts.yml")
    short_numbers = [c.value for c in directory.contacts.values() if c.kind == "phone" and c.value]
    short = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, short_numbers)) + r")(?![\w-])")
    hits = []
    for page in _pages(repo):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for match in [*PHONE_SHAPES.finditer(line), *short.finditer(line)]:
                hits.append(f"{page.relative_to(repo)}:{number}: {match.group(0)}")
    assert hits == []


def test_no_page_contains_an_address_written_by_hand(repo: Path) -> None:
    hits = []
    for page in _pages(repo):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"https?://|www\.|\.(?:com|or\.kr|go\.kr|co\.kr)\b", line):
                hits.append(f"{page.relative_to(repo)}:{number}: {line.strip()}")
    assert hits == []


def test_numbers_of_another_bank_never_appear(repo: Path) -> None:
    # 1588-9999 and 1599-9999 belong to KB Kookmin Bank and are often mis-copied by blogs.
    everything = [*_pages(repo), *(repo / "docs/data").glob("*.yml")]
    for path in everything:
        text = path.read_text(encoding="utf-8")
        assert "1588-9999" not in text and "1599-9999" not in text, path
