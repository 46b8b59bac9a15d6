"""What the site says about the law and the advice given on several pages, checked on the built pages.

Each claim about liability must name its article and condition and never promise more than the
article (여신전문금융업법 제16조, 전자금융거래법 제9조·제10조); advice that appears on several pages
comes from one snippet, so the pages cannot contradict each other.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SNIPPETS = REPO / "docs/snippets"

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def page_text(site: Path, page: str) -> str:
    """The reader's text of a built page's main content, tags removed and spaces collapsed."""
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    found = _ARTICLE.search(raw)
    assert found, f"/{page} has no article"
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))))


def customer_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if "editors" not in p.relative_to(site).parts and (p.parent / "index.html").exists()
        and _ARTICLE.search(p.read_text(encoding="utf-8"))
    )


# Phrases that promised more than the law or gave a second, different answer (issue 10).
FORBIDDEN = [
    pytest.param("법적 보호는 신고한 시각부터", id="protection-starts-at-the-report"),
    pytest.param("두 법 모두", id="both-laws-split-at-the-report"),
    pytest.param("보호는 신고를 접수한 뒤부터", id="protection-only-after-the-report"),
    pytest.param("신고한 시각이 책임을 나눕니다", id="the-report-time-splits-liability"),
    pytest.param("책임을 가르는 기준", id="the-report-time-is-the-criterion"),
    pytest.param("이 시각부터의 부정 사용에 대해", id="liability-starts-with-the-app-report"),
    pytest.param("고의나 중대한 과실이 있는 경우에는 본인이 책임을 지도록", id="credit-card-only-gross-negligence"),
    pytest.param("카드 주인의 고의나 중대한 과실", id="credit-card-holder-gross-negligence"),
    pytest.param("신고는 나중에 해제할 수 있지만", id="a-report-can-always-be-lifted"),
    pytest.param("바로 지우고", id="delete-the-remote-app-now"),
    pytest.param("그 앱을 지우세요", id="delete-the-remote-app"),
    pytest.param("앱에서 먼저 분실 신고를 시도", id="app-before-the-call"),
    pytest.param("내계좌 일괄지급정지", id="old-name-of-the-bulk-stop"),
]


@pytest.mark.parametrize("phrase", FORBIDDEN)
def test_no_customer_page_over_promises_or_contradicts(site: Path, phrase: str) -> None:
    offending = [page or "/" for page in customer_pages(site) if phrase in page_text(site, page)]
    assert not offending, f"'{phrase}' on {offending}"


# page -> phrases it must carry: the article, its condition, and what to ask the bank.
REQUIRED = [
    pytest.param(
        "rights/rights/",
        ["제16조 제1항", "제16조 제2항", "60일", "고의 또는 과실", "고의 또는 중대한 과실", "전자금융거래법",
         "제9조", "신고했는지와 관계없이", "미리 약정", "제10조", "체크카드에서 확실한 것", "케이뱅크에 직접 물어보세요",
         "법이 아니라 카드 약관", "법률 자문이 아닙니다"],
        id="rights",
    ),
    pytest.param(
        "rights/duties/",
        ["미서명", "관리 소홀", "대여·양도", "정당한 사유 없이", "고의 또는 과실", "고의나 중대한 과실",
         "여신전문금융업법 제16조", "전자금융거래법 제9조", "전자금융거래법 제10조", "법률 자문이 아닙니다"],
        id="duties",
    ),
    pytest.param("rights/", ["제16조", "제9조", "제10조", "법률 자문이 아닙니다"], id="rights-index"),
    pytest.param(
        "lost/card/",
        ["제16조 제1항", "60일", "고의 또는 과실", "체크카드에서 확실한 것", "법이 아니라 카드 약관",
         "첫 단계는 분실·사고 신고 전화", "법률 자문이 아닙니다"],
        id="card",
    ),
    pytest.param("lost/otp/", ["제9조", "제10조", "신고했는지와 관계없이", "중대한 과실", "법률 자문이 아닙니다"], id="otp"),
    pytest.param(
        "lost/fraud/", ["지급정지", "피해구제 신청", "제9조", "자율배상", "확인 필요", "법률 자문이 아닙니다"], id="fraud"
    ),
    pytest.param("report/", ["제16조 제1항", "제10조", "제9조", "법률 자문이 아닙니다"], id="report"),
    pytest.param("report/phone/", ["카드 약관", "제10조", "법률 자문이 아닙니다"], id="report-phone"),
    pytest.param("after/transactions/", ["제16조 제2항", "제9조", "법률 자문이 아닙니다"], id="transactions"),
    pytest.param("more/sources/", ["제16조", "제9조", "제10조", "표준약관", "법률 자문이 아닙니다"], id="sources"),
]


@pytest.mark.parametrize(("page", "phrases"), REQUIRED)
def test_each_law_page_names_article_condition_and_limits(site: Path, page: str, phrases: list[str]) -> None:
    text = page_text(site, page)
    missing = [p for p in phrases if p not in text]
    assert not missing, f"/{page} lacks {missing}"


# One answer per question: the sentence that settles it, and every page that gives that advice.
ONE_ANSWER = [
    pytest.param("첫 단계는 분실·사고 신고 전화", ["lost/card/", "report/online/"], id="first-step-for-a-lost-card"),
    pytest.param(
        "앱을 지우는 것은 신고한 뒤 은행이나 경찰의 안내에 따라",
        ["lost/fraud/", "more/phishing/", "app/security/"],
        id="remote-control-app",
    ),
    pytest.param(
        "분실 신고는 되돌릴 수 있나요?", ["lost/found/", "lost/card/", "rights/duties/", "after/"], id="lifting-a-card-report"
    ),
    pytest.param("영업점을 방문", ["more/system/", "lost/account-info/"], id="lifting-the-bulk-stop"),
    pytest.param("사기이용계좌", ["lost/fraud/", "more/phishing/"], id="stop-payment-for-money-sent"),
    pytest.param("자율배상", ["lost/fraud/", "more/phishing/", "rights/rights/"], id="voluntary-compensation"),
    pytest.param("유심(USIM) 정지", ["lost/phone/"], id="usim-and-small-payments"),
]


@pytest.mark.parametrize(("sentence", "pages"), ONE_ANSWER)
def test_advice_given_on_several_pages_is_the_same_answer(site: Path, sentence: str, pages: list[str]) -> None:
    missing = [page for page in pages if sentence not in page_text(site, page)]
    assert not missing, f"'{sentence}' missing on {missing}"


@pytest.mark.parametrize("snippet", sorted(p.name for p in SNIPPETS.glob("*.md")))
def test_a_snippet_holds_no_shortcode_number_address_or_relative_link(snippet: str) -> None:
    # Snippets are inserted after the facts hook: a shortcode would stay unexpanded, a number would
    # escape the hand-written-number check, and a relative link would depend on the including page.
    text = (SNIPPETS / snippet).read_text(encoding="utf-8")
    assert "{{" not in text
    assert "://" not in text
    assert "](" not in text
    assert not re.search(r"\d{3,4}-\d{4}", text)
