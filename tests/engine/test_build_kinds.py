"""A new kind of lost item by data alone (통장), end to end at build time; and the kinds' schema errors.

CPython only: needs lossguide.sources (PyYAML, jsonschema). The fixture rulebook
tests/engine/fixtures/bankbook.yml is merged into a copy of the real docs/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from lossguide.bundle import load_bundle
from lossguide.checklist import ChecklistState
from lossguide.errors import DataError
from lossguide.model import Situation
from lossguide.sources import build_bundle, load_checklist, load_directory
from lossguide.widget import widget_html

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bankbook.yml"
KST = timezone(timedelta(hours=9))


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of docs/ where an editor added 통장: a line in `situation`, a rule, a step and a page."""
    root = tmp_path_factory.mktemp("bankbook") / "docs"
    shutil.copytree(REPO / "docs", root)
    extra = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    path = root / "data" / "checklist.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["situation"]["lost"] += extra["lost"]
    data["rules"].update(extra["rules"])
    data["steps"] += extra["steps"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "lost" / "bankbook.md").write_text(extra["page"], encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def raw_bundle(docs: Path) -> dict[str, Any]:
    return build_bundle(docs, years=(2026, 2027))


def test_the_bundle_carries_the_new_kind_to_the_browser(raw_bundle: dict[str, Any]) -> None:
    assert {"id": "bankbook", "label": "통장"} in raw_bundle["checklist"]["situation"]["lost"]
    assert "bankbook" in load_bundle(raw_bundle).checklist.kinds.lost_ids


def test_the_page_form_and_plan_offer_the_new_kind(raw_bundle: dict[str, Any]) -> None:
    bundle = load_bundle(raw_bundle)
    at = datetime(2026, 12, 1, 10, 0, tzinfo=KST)
    plan = bundle.plan(Situation(lost=("bankbook",), at=at))
    html = widget_html(bundle, plan, ChecklistState(), view="full", base="../", now=at, live=False)
    assert 'value="bankbook" checked' in html
    assert "통장 분실일 때의 계획" in html
    assert "통장 분실을 케이뱅크에 알리기" in html


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossguide", *args], capture_output=True, text=True, check=False, cwd=REPO)


def test_the_command_line_knows_the_new_kind(docs: Path) -> None:
    data = str(docs / "data")
    result = run("plan", "--lost", "bankbook", "--at", "2026-12-01T10:00:00+09:00", "--json", "--data", data)
    assert result.returncode == 0, result.stderr
    assert "report_bankbook" in result.stdout
    wrong = run("plan", "--lost", "wallet", "--data", data)
    assert wrong.returncode == 2
    assert "bankbook(통장)" in wrong.stderr
    assert "bankbook" in run("plan", "--help", "--data", data).stdout


def test_flags_are_command_line_options_from_the_data() -> None:
    result = run("plan", "--lost", "card", "--stolen", "--abroad", "--at", "2026-12-01T10:00:00+09:00", "--json")
    assert result.returncode == 0, result.stderr
    assert "report_theft_to_local_police" in result.stdout  # both flags reached the plan: theft abroad
    assert "도난당한 것 같아요" in run("plan", "--help").stdout


SITUATION = """\
situation:
  lost:
    - {id: card, label: 체크카드}
    - {id: phone, label: 휴대폰}
  flags:
    - {id: abroad, label: 해외, question: 지금 해외에 있어요}
rules:
  anyone:
    description: 모든 상황
    when: always
  phone:
    description: 휴대폰 분실
    when: {lost: [phone]}
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
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        pytest.param("when: {lost: [phone]}", "when: {lost: [bankbook]}", 13, "쓸 수 있는 값: card, phone", id="unknown-lost-id-in-when"),
        pytest.param("when: {lost: [phone]}", "when: {stolen: true}", 13, "쓸 수 있는 값: lost, abroad", id="unknown-flag-in-when"),
        pytest.param("when: {lost: [phone]}", "when: {lost: [phone]}\n    unless: {abrod: true}", 14, "abrod", id="unknown-flag-in-unless"),
        pytest.param("when: {lost: [phone]}", "when: {abroad: yes please}", 13, "abroad", id="flag-not-true"),
        pytest.param("    - {id: phone, label: 휴대폰}\n", "    - {id: phone, label: 휴대폰}\n    - {id: phone, label: 폰}\n", 5, "두 번", id="repeated-id"),
        pytest.param("{id: abroad, label: 해외, ", "{id: at, label: 해외, ", 6, "쓸 수 없는 이름", id="reserved-flag-id"),
        pytest.param("{id: phone, label: 휴대폰}", "{id: Phone, label: 휴대폰}", 4, "영어 소문자", id="bad-id"),
        pytest.param("{id: phone, label: 휴대폰}", "{id: phone}", 4, "label", id="missing-label"),
        pytest.param("{id: abroad, label: 해외, question: 지금 해외에 있어요}", "{id: abroad, label: 해외}", 6, "question", id="flag-without-question"),
    ],
)
def test_kind_mistakes_name_file_and_line_and_the_allowed_ids(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    assert old in SITUATION
    path = tmp_path / "checklist.yml"
    path.write_text(SITUATION.replace(old, new, 1), encoding="utf-8")
    directory, _ = load_directory(REPO / "docs" / "data" / "contacts.yml")
    with pytest.raises(DataError, match=words) as caught:
        load_checklist(path, directory, "docs/data/checklist.yml", frozenset({"report/phone.md", "lost/phone.md"}))
    assert caught.value.file == "docs/data/checklist.yml"
    assert caught.value.line == line, str(caught.value)
