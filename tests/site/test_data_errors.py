"""Editors' mistakes in data files and pages stop the build with a Korean message naming file and line."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from lossguide import DataError
from lossguide.data import is_official_url
from lossguide.sources import load_directory
from site_copy import copy_site
from support import mkdocs_build

GOOD = """\
hotline: loss
contacts:
  bank:
    name: 은행
    kind: phone
    value: "1500-0000"
    unverified: true
    source: 시험
    check_at: web
  web:
    name: 홈페이지
    kind: web
    value: "https://example.invalid"
    verified_on: 2026-11-25
    source:
      url: https://www.fsc.go.kr/no040101
      says: 시험
channels:
  loss:
    name: 분실 신고
    contact: bank
    hours: always
    hours_claim: reported
    unverified: true
    source: 시험
    check_at: web
  counsel:
    name: 상담
    contact: bank
    hours:
      weekdays: "09:00-18:00"
      holidays: closed
    verified_on: 2026-11-25
    source:
      url: https://www.kbanknow.com/
      says: 시험
"""
WEB_CHECKED = "    verified_on: 2026-11-25\n    source:\n      url: https://www.fsc.go.kr/no040101\n      says: 시험\n"
BANK_FLAGGED = "    unverified: true\n    source: 시험\n    check_at: web\n  web:"


def _load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    load_directory(path, "docs/data/contacts.yml")


def test_a_valid_file_loads(tmp_path: Path) -> None:
    _load(tmp_path, GOOD)


BROKEN = [
    pytest.param(GOOD.replace('    kind: phone\n', '    kind: phone\n   oops: [\n'), 6, "YAML 문법 오류", id="malformed-yaml"),
    pytest.param(GOOD.replace("    name: 은행\n", ""), 3, "'name'", id="missing-required-field"),
    pytest.param(GOOD.replace("    kind: phone\n", "    kind: 3\n"), 5, "값 3은(는) 쓸 수 없습니다", id="wrong-enum-type"),
    pytest.param(GOOD.replace('    name: 분실 신고\n', '    name: [분실]\n'), 20, "글자(문자열)", id="wrong-type"),
    pytest.param(GOOD.replace(WEB_CHECKED, WEB_CHECKED.replace("2026-11-25", "2026-13-45")), 14, "YYYY-MM-DD", id="bad-date"),
    pytest.param(GOOD.replace("      says: 시험\nchannels", "      says: 시험\n    phone: x\nchannels"), 18, "알 수 없는 항목 'phone'", id="unknown-field"),
    pytest.param(GOOD.replace('"09:00-18:00"', '"9시-18시"'), 31, "시간 '9시-18시'", id="bad-time"),
    pytest.param(GOOD.replace('"09:00-18:00"', '"18:00-09:00"'), 31, "시작이 끝보다 앞선", id="time-backwards"),
    pytest.param(GOOD.replace("    contact: bank\n    hours: always", "    contact: bnak\n    hours: always"), 21, "'bnak'", id="unknown-contact-id"),
    pytest.param(GOOD.replace("hotline: loss", "hotline: lost"), 1, "'lost'", id="unknown-hotline"),
    pytest.param(GOOD.replace("hotline: loss", "hotline: counsel"), 1, "24시간", id="hotline-not-24h"),
    pytest.param(GOOD.replace("    hours_claim: reported\n", ""), 22, "hours_claim: reported", id="unchecked-hours-not-marked-reported"),
    pytest.param(GOOD.replace("    hours_claim: reported\n", "    hours_claim: sure\n"), 23, "hours_claim", id="unknown-hours-claim"),
    pytest.param(GOOD.replace(BANK_FLAGGED, "    source: 시험\n  web:"), 3, "확인 여부", id="neither-verified-nor-flagged"),
    pytest.param(GOOD.replace("    check_at: web\n  web:", "  web:"), 3, "check_at", id="unverified-without-pointer"),
    pytest.param(GOOD + "  loss:\n    name: x\n", 37, "두 번", id="duplicate-id"),
    pytest.param("", 1, "비어 있습니다", id="empty-file"),
    pytest.param(GOOD.replace(WEB_CHECKED, WEB_CHECKED.replace("2026-11-25", "2999-01-01")), 14, "오늘", id="checked-in-the-future"),
    # Contract C6: "verified" means read on an official page of the body that runs the service.
    pytest.param(
        GOOD.replace(WEB_CHECKED, "    verified_on: 2026-11-25\n    source: 여러 블로그에 같은 주소가 나옴\n"),
        15, "공식 페이지의 주소(url)", id="verified-with-a-sentence-instead-of-a-page",
    ),
    pytest.param(GOOD.replace("https://www.fsc.go.kr/no040101", "https://blog.example.com/kbank"), 16, "공식 주소가 아닙니다", id="verified-from-a-blog"),
    pytest.param(GOOD.replace("https://www.fsc.go.kr/no040101", "https://fsc.go.kr.example.com/"), 16, "공식 주소가 아닙니다", id="verified-from-a-lookalike-host"),
    pytest.param(GOOD.replace("https://www.fsc.go.kr/no040101", "https://notfsc.go.kr/"), 16, "공식 주소가 아닙니다", id="verified-from-a-lookalike-suffix"),
    pytest.param(GOOD.replace("https://www.kbanknow.com/", "ftp://www.kbanknow.com/"), 35, "공식 주소가 아닙니다", id="verified-from-a-non-web-address"),
    pytest.param(GOOD.replace(WEB_CHECKED, WEB_CHECKED.replace("      says: 시험\n", "")), 15, "'says'", id="verified-without-what-the-page-says"),
    pytest.param(GOOD.replace(WEB_CHECKED, WEB_CHECKED + "      copy: 2026-12-01\n"), 18, "보관본", id="stored-copy-newer-than-the-check"),
    pytest.param(
        GOOD.replace(BANK_FLAGGED, "    unverified: true\n    source:\n      url: https://www.fsc.go.kr/\n      says: 시험\n    check_at: web\n  web:"),
        8, "설명 한 문장", id="unverified-with-a-page-mapping",
    ),
]


@pytest.mark.parametrize(("text", "line", "words"), BROKEN)
def test_a_mistake_is_reported_in_korean_with_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    error = caught.value
    assert error.file == "docs/data/contacts.yml"
    assert error.line == line, str(error)
    assert words in str(error)
    assert str(error).startswith(f"docs/data/contacts.yml:{line}: ")


def test_several_schema_mistakes_are_all_listed(tmp_path: Path) -> None:
    text = GOOD.replace("    kind: phone\n", "    kind: fax\n").replace("    name: 상담\n", "")
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    assert "2개의 문제" in str(caught.value)
    assert "docs/data/contacts.yml:5:" in str(caught.value)
    assert "docs/data/contacts.yml:27:" in str(caught.value)


@pytest.mark.parametrize(
    ("url", "official"),
    [
        pytest.param("https://www.fsc.go.kr/no040101?cnId=1612", True, id="subdomain-of-an-official-domain"),
        pytest.param("https://fss.or.kr/", True, id="the-official-domain-itself"),
        pytest.param("http://pd.fss.or.kr", True, id="plain-http-still-names-the-body"),
        pytest.param("https://WWW.KBANKNOW.COM/", True, id="host-case-does-not-matter"),
        pytest.param("https://blog.naver.com/kbank", False, id="a-blog"),
        pytest.param("https://kbanknow.com.example.net/", False, id="official-name-as-a-prefix"),
        pytest.param("https://fakekbanknow.com/", False, id="official-name-as-a-suffix"),
        pytest.param("javascript:alert(1)", False, id="not-a-web-address"),
        pytest.param("www.kbanknow.com", False, id="no-scheme"),
        pytest.param("", False, id="empty"),
    ],
)
def test_only_addresses_of_the_bodies_running_the_services_count_as_official(url: str, official: bool) -> None:
    assert is_official_url(url) is official


def test_the_build_stops_when_a_fact_is_marked_checked_without_an_official_page(repo: Path, tmp_path: Path) -> None:
    copy = copy_site(repo, tmp_path / "repo")
    data = copy / "docs/data/contacts.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, text in enumerate(lines) if text.startswith("  kbank_web:"))
    flag = next(i for i in range(start, len(lines)) if lines[i].strip() == "unverified: true")
    source = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("source:"))
    lines[flag] = "    verified_on: 2026-11-25\n"
    lines[source] = "    source: 많은 블로그에 같은 주소가 나옵니다\n"
    lines = [t for i, t in enumerate(lines) if not (i > start and t.strip().startswith("check_at:") and i < source + 2)]
    data.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/data/contacts.yml:{source + 1}:" in result.stderr, result.stderr[-2000:]
    assert "공식 페이지의 주소(url)" in result.stderr


def test_the_build_stops_on_a_broken_data_file(repo: Path, tmp_path: Path) -> None:
    copy = copy_site(repo, tmp_path / "repo")
    data = copy / "docs/data/contacts.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, text in enumerate(lines) if text.strip() == "kind: phone")
    lines[number] = lines[number].replace("phone", "telephone")
    data.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/data/contacts.yml:{number + 1}:" in result.stderr
    assert "데이터 파일 오류" in result.stderr


@pytest.mark.parametrize(
    ("snippet", "words"),
    [
        pytest.param("{{ contact no_such_contact }}", "알 수 없는 연락처 id 'no_such_contact'", id="unknown-contact"),
        pytest.param("{{ channel nope }}", "알 수 없는 채널 id 'nope'", id="unknown-channel"),
        pytest.param("{{ phonebook }}", "알 수 없는 단축코드", id="unknown-shortcode"),
        pytest.param("{{ Channel kbank_loss_phone }}", "읽을 수 없습니다", id="mistyped-shortcode"),
        pytest.param("{{ contact kbank-phone }}", "읽을 수 없습니다", id="shortcode-id-with-dash"),
        pytest.param("전화 1522 1000 으로", "직접 적으면 안 됩니다", id="hand-written-phone-with-space"),
        pytest.param("전화 1522-1000 으로", "직접 적으면 안 됩니다", id="hand-written-phone"),
        pytest.param("주소 www.kbanknow.com 에서", "직접 적으면 안 됩니다", id="hand-written-address"),
    ],
)
def test_the_build_stops_on_a_page_mistake_naming_page_and_line(
    repo: Path, tmp_path: Path, snippet: str, words: str
) -> None:
    copy = copy_site(repo, tmp_path / "repo")
    page = copy / "docs/more/summary.md"
    text = page.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    page.write_text(text + "\n" + snippet + "\n", encoding="utf-8")
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/more/summary.md:{line}" in result.stderr
    assert words in result.stderr


def test_line_numbers_count_the_front_matter_of_a_page(repo: Path, tmp_path: Path) -> None:
    copy = copy_site(repo, tmp_path / "repo")
    page = copy / "docs/after/prevention.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), "this test needs a page with front matter"
    lines = text.splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines.insert(heading + 1, "\n전화 1588-0000 으로\n")
    page.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/after/prevention.md:{heading + 3}: 전화번호나 주소 '1588-0000'" in result.stderr, result.stderr[-2000:]


def test_the_sources_page_shows_each_checked_fact_with_its_official_page_and_dates(repo: Path, site: Path) -> None:
    directory, _ = load_directory(repo / "docs/data/contacts.yml")
    facts = [f.verification for f in [*directory.contacts.values(), *directory.channels.values()]]
    checked = [v for v in facts if v.verified]
    assert checked, "this test needs at least one checked fact"
    page = (site / "more/sources/index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="lg-sources"') : page.index("</table>", page.index('<table class="lg-sources"'))]
    text = html.unescape(re.sub(r"<[^>]+>", "", table))  # what a reader reads (dates sit in their own spans)
    for v in checked:
        assert f'href="{html.escape(v.source_url, quote=True)}"' in table, v.source_url
        assert v.source in text and f"{v.verified_on}에 읽음" in text
        if v.source_copy:
            assert f"보관본({v.source_copy})" in text
    # "확인함" appears once per checked fact and never for an unchecked one.
    assert text.count("확인함") == len(checked)
    assert table.count("lg-badge--unverified") == len(facts) - len(checked)
