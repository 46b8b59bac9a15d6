"""The command-line contract (architecture.md), run as a real process. CPython only (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
STEP_KEYS = {"id", "title", "phase", "channel", "page"}
CHANNEL_KEYS = {"id", "name", "open", "always_open", "next_open", "verified", "hours", "expected_open"}


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossguide", *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False)


def plan(*args: str) -> dict[str, Any]:
    result = run("plan", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_issue_example_answers_with_the_contract_shape() -> None:
    out = plan("--lost", "card", "--lost", "phone", "--stolen", "--suspicious", "--abroad", "--at", "2026-12-25T03:00:00+09:00")
    assert out["contract"] == 2
    assert out["at"] == "2026-12-25T03:00:00+09:00"
    assert out["steps"] and out["channels"]
    for step in out["steps"]:
        assert set(step) >= STEP_KEYS
        assert step["phase"] in ("now", "today", "later")
        assert isinstance(step["channel"], (str, type(None)))
    for channel in out["channels"]:
        assert set(channel) >= CHANNEL_KEYS
        assert channel["open"] in (True, False, None) and isinstance(channel["verified"], bool)
        assert channel["hours"] in ("verified", "reported", "unknown")
        # Only checked hours may say open or closed; the rest is null (contract 2).
        assert (channel["open"] is not None) <= (channel["hours"] == "verified")
        assert channel["next_open"] is None or channel["next_open"].endswith("+09:00")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param("2026-12-25T03:00:00", "2026-12-25T03:00:00+09:00", id="naive-is-kst"),
        pytest.param("2026-12-24T18:00:00+00:00", "2026-12-25T03:00:00+09:00", id="utc-converted"),
        pytest.param("2026-12-25T03:00:00+09:00", "2026-12-25T03:00:00+09:00", id="kst-kept"),
    ],
)
def test_times_are_reported_in_kst(at: str, expected: str) -> None:
    assert plan("--lost", "card", "--at", at)["at"] == expected


def test_the_first_step_is_on_a_24_hour_channel_whose_unchecked_hours_say_null() -> None:
    out = plan("--lost", "phone", "--at", "2027-02-09T03:00:00+09:00")
    first = out["steps"][0]
    channel = next(c for c in out["channels"] if c["id"] == first["channel"])
    assert first["phase"] == "now" and channel["always_open"] and channel["expected_open"]
    assert channel["open"] is (True if channel["hours"] == "verified" else None)


def test_hours_only_reported_give_open_null_and_the_next_opening_they_imply(small_data: Path) -> None:
    result = run("plan", "--stolen", "--at", "2026-12-25T23:45:00+09:00", "--json", "--data", str(small_data))
    counsel = next(c for c in json.loads(result.stdout)["channels"] if c["id"] == "counsel")
    assert counsel["hours"] == "reported"
    assert counsel["open"] is None and counsel["expected_open"] is False
    assert counsel["next_open"] == "2026-12-28T09:00:00+09:00"  # 성탄절 on Friday, then the weekend


def test_without_at_the_plan_is_for_now() -> None:
    out = plan("--stolen")
    assert abs((datetime.fromisoformat(out["at"]) - datetime.now().astimezone()).total_seconds()) < 120


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["plan", "--lost", "wallet", "--json"], id="unknown-item"),
        pytest.param(["plan", "--lost", "card", "--at", "tomorrow", "--json"], id="unparsable-time"),
        pytest.param(["plan", "--json"], id="empty-situation"),
        pytest.param(["plan", "--lost"], id="missing-value"),
        pytest.param(["plan", "--lost", "card", "--colour"], id="unknown-option"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param([], id="no-command"),
    ],
)
def test_bad_input_exits_2_with_one_korean_line(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert any("\uac00" <= ch <= "\ud7a3" for ch in lines[0]), lines[0]


def test_the_data_folder_is_found_from_another_working_directory(tmp_path: Path) -> None:
    result = run("plan", "--lost", "card", "--at", "2026-12-25T03:00:00+09:00", "--json", "--data", str(REPO / "docs" / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def _data_folder(folder: Path, step_title: str) -> Path:
    """A copy of the real data files in ``folder``, with the first step renamed to ``step_title``."""
    folder.mkdir(parents=True)
    (folder / "contacts.yml").write_text((REPO / "docs/data/contacts.yml").read_text(encoding="utf-8"), encoding="utf-8")
    checklist = (REPO / "docs/data/checklist.yml").read_text(encoding="utf-8")
    # The first step of a lost card's plan at home: the loss line.
    lines = checklist.splitlines()
    first_title = lines[lines.index("  - id: call_loss_line") + 1]
    (folder / "checklist.yml").write_text(checklist.replace(first_title, f"    title: {step_title}", 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param("plain", id="a-folder-not-named-data"),
        pytest.param("beside-other-data", id="a-folder-whose-sibling-data-holds-other-files"),
    ],
)
def test_the_data_option_reads_exactly_the_folder_given(tmp_path: Path, layout: str) -> None:
    mine = _data_folder(tmp_path / "mine", "내 데이터의 첫 단계")
    if layout == "beside-other-data":
        _data_folder(tmp_path / "data", "옆 폴더의 첫 단계")
    result = run("plan", "--lost", "card", "--at", "2026-12-25T03:00:00+09:00", "--json", "--data", str(mine), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"][0]["title"] == "내 데이터의 첫 단계"


def test_broken_data_exits_1_naming_the_file(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    data.mkdir(parents=True)
    (data / "contacts.yml").write_text("hotline: [\n", encoding="utf-8")
    (data / "checklist.yml").write_text((REPO / "docs/data/checklist.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("plan", "--lost", "card", "--json", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1
    assert "mine/contacts.yml:" in result.stderr


@pytest.mark.parametrize(
    "at",
    [
        pytest.param("9999-12-31T23:00:00+09:00", id="year-9999"),
        pytest.param("9999-12-31T20:00:00+00:00", id="year-9999-utc-overflowing-into-kst"),
        pytest.param("0001-01-01T05:00:00", id="year-1"),
        pytest.param("1900-06-01T12:00:00+09:00", id="before-the-holiday-law"),
        pytest.param("2101-01-04T12:00:00+09:00", id="after-the-holiday-tables"),
    ],
)
def test_a_year_outside_the_holiday_range_exits_2_with_one_korean_line(at: str) -> None:
    result = run("plan", "--lost", "account-info", "--at", at, "--json")
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and any("\uac00" <= ch <= "\ud7a3" for ch in lines[0]), lines


SMALL_CONTACTS = """\
hotline: loss
contacts:
  bank: {name: 은행, kind: phone, value: "1500-0000", unverified: true, source: 시험, check_at: bank}
channels:
  loss: {name: 분실 신고, contact: bank, hours: always, hours_claim: reported, unverified: true, source: 시험, check_at: bank}
  counsel:
    name: 상담
    contact: bank
    hours: {weekdays: "09:00-18:00", saturday: closed, sunday: closed, holidays: closed}
    hours_claim: reported
    unverified: true
    source: 시험
    check_at: bank
"""
SMALL_CHECKLIST = """\
situation:
  lost:
    - {id: card, label: 체크카드}
  flags:
    - {id: stolen, label: 도난, question: 도난당한 것 같아요}
rules:
  anyone: {description: 모든 상황, when: always}
steps:
  - {id: call, title: 신고 전화 걸기, phase: now, channel: loss, page: a.md, rule: anyone}
  - {id: ask, title: 상담 받기, phase: today, channel: counsel, page: a.md, rule: anyone}
"""


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A two-channel rulebook: a 24-hour line and a weekday counter closed on public holidays."""
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "contacts.yml").write_text(SMALL_CONTACTS, encoding="utf-8")
    (folder / "checklist.yml").write_text(SMALL_CHECKLIST, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("at", "next_open"),
    [
        # 2030-02-04/05 (Mon/Tue) are 설날 다음날 and 대체 휴일 in the holidays library: open on Wednesday.
        pytest.param("2030-02-03T12:00:00+09:00", "2030-02-06T09:00:00+09:00", id="a-far-year-loads-its-own-holidays"),
        pytest.param("1990-12-24T19:00:00+09:00", "1990-12-26T09:00:00+09:00", id="a-past-year-loads-its-own-holidays"),
        # 2100 is the last year the library knows: the weekend runs into 2101, which is never guessed.
        pytest.param("2100-12-31T19:00:00+09:00", None, id="the-day-after-the-last-known-year-gives-null"),
    ],
)
def test_holidays_are_those_of_the_year_asked_for(small_data: Path, at: str, next_open: str | None) -> None:
    result = run("plan", "--stolen", "--at", at, "--json", "--data", str(small_data))
    assert result.returncode == 0, result.stderr
    counsel = next(c for c in json.loads(result.stdout)["channels"] if c["id"] == "counsel")
    assert counsel["open"] is None and counsel["expected_open"] is False  # its hours are only reported
    assert counsel["next_open"] == next_open
