"""Build time: editors' mistakes in checklist.yml stop the build with a Korean message, file and line.

CPython only: needs lossguide.sources (PyYAML, jsonschema, holidays).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lossguide.errors import DataError
from lossguide.model import Directory
from lossguide.sources import build_bundle, guide_pages, korean_holidays, load_checklist, load_directory

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "docs" / "data"
PAGES = frozenset({"report/phone.md", "lost/phone.md"})

GOOD = """\
# 주석
rules:
  anyone:
    description: 모든 상황
    when: always
    unless: {abroad: true}
  phone:
    description: 휴대폰 분실
    when: {lost: [phone]}
  abroad:
    description: 해외
    when: {abroad: true}
steps:
  - id: call
    title: 신고 전화 걸기
    phase: now
    channel: kbank_loss_phone
    page: report/phone.md
    rule: anyone
  - id: carrier
    title: 통신사에 신고하기
    phase: today
    channel: carrier_report
    page: lost/phone.md
    rule: phone
  - id: app_abroad
    title: 앱에서 신고하기
    phase: now
    channel: kbank_app_report
    page: report/phone.md
    rule: abroad
situation:
  lost:
    - {id: card, label: 체크카드}
    - {id: phone, label: 휴대폰}
  flags:
    - {id: abroad, label: 해외, question: 지금 해외에 있어요}
"""


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(DATA / "contacts.yml")[0]


def load(tmp_path: Path, text: str, directory: Directory) -> None:
    path = tmp_path / "checklist.yml"
    path.write_text(text, encoding="utf-8")
    load_checklist(path, directory, "docs/data/checklist.yml", PAGES)


def test_a_good_file_loads(tmp_path: Path, directory: Directory) -> None:
    load(tmp_path, GOOD, directory)


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        pytest.param("channel: carrier_report", "channel: carrier", 23, "채널 id", id="unknown-channel"),
        pytest.param("page: lost/phone.md", "page: lost/telephone.md", 24, "안내 문서", id="unknown-page"),
        pytest.param("rule: phone\n", "rule: phon\n", 25, "rules에 없는 규칙", id="step-without-rule"),
        pytest.param("  - id: carrier", "  - id: call", 20, "두 번", id="duplicate-step-id"),
        pytest.param("    when: {lost: [phone]}", "    when: {lost: [phone]}\n  spare:\n    description: x\n    when: {abroad: true}", 10, "쓰는 단계가 없습니다", id="rule-without-step"),
        pytest.param("phase: today", "phase: tomorrow", 22, "tomorrow", id="unknown-phase"),
        pytest.param("when: {lost: [phone]}", "when: {lost: [wallet]}", 9, "wallet", id="unknown-lost-item"),
        pytest.param("title: 통신사에 신고하기", "title: 통신사 114에 신고하기", 21, "숫자", id="number-in-title"),
        pytest.param("    title: 통신사에 신고하기\n", "", 20, "title", id="missing-title"),
        pytest.param("    rule: anyone\n", "    rule: anyone\n   broken: [\n", 20, "YAML 문법", id="yaml-syntax"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path: Path, directory: Directory, old: str, new: str, line: int, words: str) -> None:
    assert old in GOOD
    with pytest.raises(DataError, match=words) as caught:
        load(tmp_path, GOOD.replace(old, new, 1), directory)
    assert caught.value.file == "docs/data/checklist.yml"
    assert caught.value.line == line, str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        pytest.param("phase: today", "phase: tomorrow", "'steps의 2번째 항목의 phase'의 값 'tomorrow'", id="list-items-count-from-1"),
        pytest.param("when: {lost: [phone]}", "when: sometimes", "쓸 수 있는 것: always, 또는 {lost, abroad} 중 하나 이상", id="bad-when-lists-the-choices"),
        pytest.param("when: {lost: [phone]}", "when: {lost: [wallet]}", "쓸 수 있는 값: card, phone", id="bad-lost-item-lists-the-kinds"),
        pytest.param("unless: {abroad: true}", "unless: {abroad: 1}", "쓸 수 있는 값: true", id="a-flag-takes-true-as-written-in-yaml"),
    ],
)
def test_a_wrong_value_is_named_as_editors_count_and_lists_what_is_allowed(
    tmp_path: Path, directory: Directory, old: str, new: str, words: str
) -> None:
    with pytest.raises(DataError) as caught:
        load(tmp_path, GOOD.replace(old, new, 1), directory)
    assert words in str(caught.value)


def test_the_real_checklist_loads_against_the_real_pages(directory: Directory) -> None:
    checklist, _ = load_checklist(DATA / "checklist.yml", directory, pages=guide_pages(REPO / "docs"))
    assert checklist.steps


def test_holidays_include_substitute_holidays_with_korean_names() -> None:
    data = korean_holidays((2026, 2027))
    assert (data["first_year"], data["last_year"]) == (2026, 2027)
    assert "대체" in data["dates"]["2027-02-09"]
    assert data["dates"]["2026-12-25"]
    assert all(day[:4] in ("2026", "2027") for day in data["dates"])


def test_the_bundle_is_plain_json_data() -> None:
    import json

    data = build_bundle(REPO / "docs", years=(2026, 2027))
    assert json.loads(json.dumps(data)) == data


def test_a_broken_contacts_file_stops_the_bundle_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "contacts.yml").write_text("hotline: x\ncontacts: {}\nchannels: {}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_bundle(tmp_path, years=(2026, 2027))
    assert caught.value.file and caught.value.file.endswith("contacts.yml")
