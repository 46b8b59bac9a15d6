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


def test_hours_only_reported_give_open_null_and_the_next_opening_they_imply() -> None:
    out = plan("--lost", "account-info", "--at", "2026-12-25T23:45:00+09:00")
    stop = next(c for c in out["channels"] if c["id"] == "account_bulk_stop")
    assert stop["hours"] == "reported"
    assert stop["open"] is None and stop["expected_open"] is False
    assert stop["next_open"] == "2026-12-26T00:30:00+09:00"


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


def test_broken_data_exits_1_naming_the_file(tmp_path: Path) -> None:
    data = tmp_path / "docs" / "data"
    data.mkdir(parents=True)
    (data / "contacts.yml").write_text("hotline: [\n", encoding="utf-8")
    result = run("plan", "--lost", "card", "--json", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1
    assert "contacts.yml" in result.stderr


def test_the_bundle_command_prints_the_browser_data() -> None:
    result = run("bundle", "--years", "2026", "2027")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"contacts", "checklist", "holidays"} <= set(data)
    assert data["holidays"]["dates"]["2027-02-09"]
