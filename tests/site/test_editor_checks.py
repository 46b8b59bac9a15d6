"""Editors' mistakes stop the build with a Korean message naming file and line; stale facts only warn."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lossguide.sources import load_directory
from site_copy import copy_site, insert_line
from support import REPO, mkdocs_build


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
    pytest.param("lost/card.md", 5, "전화: 1588-0000", "'1588-0000'를 본문에 직접 적으면 안 됩니다", id="phone-in-markdown"),
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


def test_mkdocs_own_link_and_nav_checks_speak_korean_with_file_and_line(copy: Path) -> None:
    # One build, several of MkDocs' own checks: each message is Korean and names the file and line.
    insert_line(copy / "docs/lost/card.md", 5, "[없는 문서](../report/nosuch.md)")
    insert_line(copy / "docs/lost/card.md", 7, "[확장자 없이](../report/phone)")
    insert_line(copy / "docs/lost/phone.md", 6, "[절대 경로](/report/phone/)")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      - lost/found.md\n", "      - lost/found.md\n      - lost/ghost.md\n"), encoding="utf-8")
    ghost_line = config.read_text(encoding="utf-8").splitlines().index("      - lost/ghost.md") + 1
    result = _build(copy)
    assert result.returncode != 0
    expected = [
        "docs/lost/card.md:5: 링크 '../report/nosuch.md'가 가리키는 문서 docs/report/nosuch.md이(가) 없습니다",
        "docs/lost/card.md:7: 링크 '../report/phone'를 이해할 수 없습니다",
        "'../report/phone.md'을(를) 쓰려던 것인가요?",
        "docs/lost/phone.md:6: 링크 '/report/phone/'가 /로 시작합니다",
        f"mkdocs.yml:{ghost_line}: nav에 적은 'lost/ghost.md'이(가) docs/에 없습니다",
    ]
    assert [m for m in expected if m not in result.stderr] == [], result.stderr
    assert "Doc file" not in result.stderr and "A reference to" not in result.stderr


@pytest.mark.parametrize(
    ("english", "korean"),
    [
        pytest.param("Config value 'nav': Expected nav to be a list, got a str", "mkdocs.yml:", id="config-value"),
        pytest.param(
            "MkDocs encountered an error parsing the configuration file: while parsing a block mapping\n  in \"mkdocs.yml\", line 3, column 1",
            "mkdocs.yml:3: mkdocs.yml의 YAML 문법 오류입니다",
            id="config-yaml",
        ),
        pytest.param("Error reading page 'lost/card.md':", "docs/lost/card.md: 이 페이지를 만들지 못했습니다", id="page-failed"),
        pytest.param("Something MkDocs says that editors never meet", None, id="unknown-passes-unchanged"),
    ],
)
def test_mkdocs_messages_about_the_configuration_are_translated(hooks, english: str, korean: str | None) -> None:
    said = hooks.korean_log.Translator(REPO, REPO / "docs", REPO / "mkdocs.yml")(english)
    assert (said is None) if korean is None else (said is not None and said.startswith(korean)), said


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
def test_a_fact_is_stale_after_180_days(hooks, days: int, stale: bool) -> None:
    directory, _ = load_directory(REPO / "docs/data/contacts.yml")
    today = _checked_fact_verified_on() + dt.timedelta(days=days)
    found = {f["id"] for f in hooks.sitedata.stale_facts(directory, today)}
    assert ("accountinfo_web" in found) is stale


# --- Mistakes that used to publish silently --------------------------------------------------------

CONTACT_VALUES = ["1522-1000", "https://www.kbanknow.com", "112"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("전화 1522-1000", "1522-1000", id="service-number"),
        pytest.param("전화 +82 2 2222 3333", "+82 2 2222 3333", id="international-with-spaces"),
        pytest.param("전화 +82-10-1234-5678", "+82-10-1234-5678", id="international-mobile"),
        pytest.param("전화 １５２２－１０００", "１５２２－１０００", id="full-width-digits-and-hyphen"),
        pytest.param("전화 1522－1000", "1522－1000", id="full-width-hyphen"),
        pytest.param("전화 1522–1000", "1522–1000", id="en-dash"),
        pytest.param("☎1522.1000", "1522.1000", id="telephone-sign-and-dots"),
        pytest.param("전화 1522\u00a01000", "1522\u00a01000", id="no-break-space"),
        pytest.param("02-123-4567로", "02-123-4567", id="seoul-number"),
        pytest.param("WWW.KBANKNOW.COM 에서", "WWW.KBANKNOW.COM", id="address-in-capitals"),
        pytest.param("ｗｗｗ．ｋｂａｎｋｎｏｗ．ｃｏｍ", "ｗｗｗ．ｋｂａｎｋｎｏｗ．ｃｏｍ", id="full-width-address"),
        pytest.param("kbanknow.com 에서", "kbanknow.com", id="address-without-www"),
        pytest.param("[홈페이지](https://kbank-login.example.net/reset)", "https://kbank-login.example.net/reset", id="a-link-to-any-site"),
        pytest.param("www.kbanknow-secure.com 에 접속", "www.kbanknow-secure.com", id="a-look-alike-address"),
        pytest.param("2026-11-25에 확인", None, id="a-date-is-no-phone"),
        pytest.param("접수번호 20261125-000123", None, id="a-receipt-number-is-no-phone"),
        pytest.param("112에 신고", None, id="a-short-number-as-a-word-is-left-to-shortcodes"),
        pytest.param("`1522-1000`", None, id="inside-code-is-shown-as-written"),
    ],
)
def test_phone_numbers_and_addresses_are_found_in_any_width_or_notation(hooks, text: str, found: str | None) -> None:
    hits = hooks.pagechecks.facts_in_any_notation("# 제목\n\n" + text + "\n", CONTACT_VALUES)
    assert hits == ([(3, found)] if found else [])


@pytest.mark.parametrize(
    ("title", "found"),
    [
        pytest.param("평일 9시까지 전화하기", "9시", id="hour"),
        pytest.param("오전 9시 이후 전화하기", "9시", id="morning-hour"),
        pytest.param("9시~18시 사이 방문하기", "9시", id="hour-range"),
        pytest.param("09:00 이후 전화하기", "09:00", id="clock-time"),
        pytest.param("９시에 전화하기", "9시", id="full-width-hour"),
        pytest.param("3 pm 이후 전화하기", "3 pm", id="english-hour"),
        pytest.param("1522-1000으로 전화하기", "1522", id="phone-number"),
        pytest.param("24시간 신고 전화로 신고하기", None, id="a-duration-is-no-clock-time"),
        pytest.param("정부24에서 신고하기", None, id="a-service-name"),
    ],
)
def test_times_in_step_titles_are_found(hooks, title: str, found: str | None) -> None:
    assert hooks.pagechecks.time_or_number(title) == found


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("---\nsearch_keywords: [핸드폰, 폰 분실\n---\n# 제목\n", 3, id="unclosed-list"),
        pytest.param("---\nsearch_keywords:[핸드폰]\ntitle: x: y\n---\n# 제목\n", 3, id="colon-without-space"),
        pytest.param("---\n- 핸드폰\n---\n# 제목\n", 2, id="a-list-instead-of-names"),
        pytest.param("---\nsearch_keywords: [핸드폰]\n# 제목\n", 1, id="never-closed"),
        pytest.param("---\nsearch_keywords: [핸드폰, 폰 분실]\n---\n# 제목\n", None, id="good"),
        pytest.param("# 제목\n\n---\n\n본문\n", None, id="a-rule-inside-the-page-is-no-front-matter"),
    ],
)
def test_front_matter_that_does_not_parse_is_found(hooks, text: str, line: int | None) -> None:
    problem = hooks.pagechecks.front_matter_problem(text)
    assert (problem[0] if problem else None) == line


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param('!!! dangr "조심"\n    본문\n', [(1, "dangr")], id="typo"),
        pytest.param("??? warnig\n    본문\n", [(1, "warnig")], id="collapsible-typo"),
        pytest.param("!!! Danger\n    본문\n", [], id="capitals-are-the-same-type"),
        pytest.param('!!! note "참고"\n    본문\n', [], id="known-type"),
        pytest.param("```\n!!! dangr\n```\n", [], id="inside-code"),
    ],
)
def test_unknown_admonition_types_are_found(hooks, text: str, found: list) -> None:
    assert hooks.pagechecks.unknown_admonitions(text, {"note", "danger", "warning"}) == found


def test_a_page_no_start_page_links_to_is_found(hooks) -> None:
    sources = {
        "index.md": "[카드](lost/card.md)",
        "lost/index.md": "[휴대폰](phone.md) [목차](#top)",
        "lost/card.md": "",
        "lost/phone.md": "",
        "lost/wallet.md": "[카드](card.md)",
    }
    sections = [("잃어버린 것", ["lost/index.md", "lost/card.md", "lost/phone.md", "lost/wallet.md"])]
    assert hooks.pagechecks.unreachable_pages(sections, "index.md", sources) == ["lost/wallet.md"]


def test_silent_mistakes_stop_the_build_each_with_file_and_line(copy: Path) -> None:
    # One real build for the wiring: each check reports through MkDocs with the file's own line.
    insert_line(copy / "docs/lost/card.md", 5, "☎１５２２．１０００")
    insert_line(copy / "docs/lost/card.md", 7, '!!! dangr "조심"\n    본문')
    checklist = copy / "docs/data/checklist.yml"
    text = checklist.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    checklist.write_text(text.replace(title, title.rstrip() + " (평일 9시)", 1), encoding="utf-8")
    title_line = text.splitlines().index(title) + 1
    (copy / "docs/lost/wallet.md").write_text("# 지갑\n", encoding="utf-8")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - lost/found.md\n", "      - lost/found.md\n      - lost/wallet.md\n"), encoding="utf-8")
    front = copy / "docs/more/summary.md"
    front.write_text("---\nsearch_keywords: [요약, 정리\n---\n" + front.read_text(encoding="utf-8"), encoding="utf-8")
    snippet = copy / "docs/snippets/lifting.md"  # pasted into pages: checked as its own file
    snippet.write_text("해제는 1588-1234로 문의하세요.\n\n" + snippet.read_text(encoding="utf-8"), encoding="utf-8")
    rules_text = checklist.read_text(encoding="utf-8")
    description = next(line for line in rules_text.splitlines() if line.strip().startswith("description:"))
    checklist.write_text(rules_text.replace(description, description.rstrip() + " (1588-1234)", 1), encoding="utf-8")
    description_line = rules_text.splitlines().index(description) + 1
    result = _build(copy)
    assert result.returncode != 0
    expected = [
        f"docs/data/checklist.yml:{title_line}: 단계",
        "시간이나 번호처럼 보이는 '9시'",
        "docs/lost/wallet.md:1: 메뉴에는 있지만 홈(docs/index.md)과",
        "docs/lost/card.md:5: 전화번호나 주소 '１５２２．１０００'",
        "docs/lost/card.md:7: 알림 상자 종류 'dangr'은(는) 없습니다. 쓸 수 있는 종류: abstract, bug, danger",
        "docs/more/summary.md:3: 맨 위 설정(front matter)의 YAML 문법 오류",
        "docs/snippets/lifting.md:1: 전화번호나 주소 '1588-1234'",
        f"docs/data/checklist.yml:{description_line}: 규칙",
    ]
    assert [m for m in expected if m not in result.stderr] == [], result.stderr
