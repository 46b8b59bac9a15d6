"""Editors' mistakes stop the build with a Korean message naming file and line; stale facts only warn."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest

from lossguide.sources import load_directory
from site_copy import copy_site, insert_line
from support import REPO, mkdocs_build


def _editors_hook():
    spec = importlib.util.spec_from_file_location("editors_hook", REPO / "widget/hooks/editors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return copy_site(REPO, tmp_path / "repo")


def _build(copy: Path):
    return mkdocs_build(copy, copy / "site")


def _append_to_checklist_rules(copy: Path, text: str) -> int:
    """Add a rule right after 'rules:' and return its line."""
    path = copy / "docs/data/checklist.yml"
    line = path.read_text(encoding="utf-8").splitlines().index("rules:") + 2
    insert_line(path, line, text)
    return line


MISTAKES = [
    pytest.param(
        "lost/card.md", 5, "{{ step no_such_step }}", "알 수 없는 체크리스트 단계 id 'no_such_step'", id="unknown-step-id"
    ),
    pytest.param("lost/card.md", 5, "{{ contact no_such_fact }}", "알 수 없는 연락처 id 'no_such_fact'", id="unknown-fact-id"),
    pytest.param("lost/card.md", 5, "전화: 1588-0000", "전화번호나 주소를 본문에 직접 적으면 안 됩니다", id="phone-in-markdown"),
    pytest.param(
        "lost/card.md", 5, "[전화](../report/phone.md#없는-제목)", "docs/report/phone.md에 '#없는-제목' 제목이 없습니다",
        id="broken-anchor-to-another-page",
    ),
    # A page with front matter: the line is still the line in the file the editor opens.
    pytest.param("app/security.md", 10, "[위로](#없는-제목)", "'#없는-제목' 제목이 없습니다", id="broken-anchor-after-front-matter"),
]


@pytest.mark.parametrize(("page", "line", "text", "message"), MISTAKES)
def test_a_mistake_in_a_page_stops_the_build_naming_file_and_line(
    copy: Path, page: str, line: int, text: str, message: str
) -> None:
    insert_line(copy / "docs" / page, line, text)
    result = _build(copy)
    assert result.returncode != 0
    assert f"docs/{page}:{line}" in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def test_a_page_missing_from_the_navigation_stops_the_build_in_korean(copy: Path) -> None:
    (copy / "docs/lost/wallet.md").write_text("# 지갑을 잃어버렸을 때\n", encoding="utf-8")
    result = _build(copy)
    assert result.returncode != 0
    assert "메뉴(nav)에 빠진 페이지가 있습니다" in result.stderr
    assert "docs/lost/wallet.md" in result.stderr


def test_a_rule_without_a_step_stops_the_build_naming_its_line(copy: Path) -> None:
    line = _append_to_checklist_rules(copy, "  orphan_rule:\n    description: 쓰는 단계가 없는 규칙\n    when: always")
    result = _build(copy)
    assert result.returncode != 0
    assert f"docs/data/checklist.yml:{line}" in result.stderr, result.stderr
    assert "쓰는 단계가 없습니다" in result.stderr


def test_a_step_without_a_rule_stops_the_build_naming_its_line(copy: Path) -> None:
    path = copy / "docs/data/checklist.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("rule: ") and i > lines.index("steps:"))
    lines[line - 1] = re.sub(r"rule: \w+", "rule: no_such_rule", lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(copy)
    assert result.returncode != 0
    assert f"docs/data/checklist.yml:{line}" in result.stderr, result.stderr
    assert "rules에 없는 규칙 'no_such_rule'" in result.stderr


def _checked_fact_verified_on() -> dt.date:
    directory, _ = load_directory(REPO / "docs/data/contacts.yml")
    return dt.date.fromisoformat(directory.contacts["accountinfo_web"].verification.verified_on)


def test_facts_older_than_180_days_are_reported_but_do_not_fail_a_strict_build(copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("LOSSGUIDE_BUILD_DATE", (_checked_fact_verified_on() + dt.timedelta(days=181)).isoformat())
    result = _build(copy)
    assert result.returncode == 0, result.stderr
    contacts = (copy / "docs/data/contacts.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, t in enumerate(contacts, 1) if t.startswith("  accountinfo_web:"))
    fact_line = next(i for i, t in enumerate(contacts, 1) if i > start and t.strip().startswith("verified_on:"))
    assert f"[다시 확인할 사실] docs/data/contacts.yml:{fact_line}: 'accountinfo_web'" in result.stderr
    recheck = (copy / "site/editors/recheck/index.html").read_text(encoding="utf-8")
    assert "contacts.accountinfo_web" in recheck and "channels.account_bulk_stop" in recheck


def test_the_recheck_page_says_nothing_is_due_when_every_fact_is_fresh(copy: Path, monkeypatch) -> None:
    directory, _ = load_directory(REPO / "docs/data/contacts.yml")
    dates = [f.verification.verified_on for f in [*directory.contacts.values(), *directory.channels.values()]]
    oldest = min(dt.date.fromisoformat(d) for d in dates if d)
    monkeypatch.setenv("LOSSGUIDE_BUILD_DATE", (oldest + dt.timedelta(days=1)).isoformat())
    result = _build(copy)
    assert result.returncode == 0, result.stderr
    assert "[다시 확인할 사실]" not in result.stderr
    assert "지난 사실이 없습니다" in (copy / "site/editors/recheck/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("days", "stale"),
    [pytest.param(180, False, id="180-days-is-still-fresh"), pytest.param(181, True, id="181-days-is-stale")],
)
def test_a_fact_is_stale_after_180_days(days: int, stale: bool) -> None:
    directory, _ = load_directory(REPO / "docs/data/contacts.yml")
    today = _checked_fact_verified_on() + dt.timedelta(days=days)
    found = {f["id"] for f in _editors_hook().stale_facts(directory, today)}
    assert ("accountinfo_web" in found) is stale
