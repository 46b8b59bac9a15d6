"""Every topic of the source document, and the topics we added beyond it, has its page and heading."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# topic -> (built page, heading text). The seed's topics first, then what a customer also needs.
TOPICS = [
    ("분실 신고의 중요성", "report/", "분실 신고의 중요성"),
    ("온라인(웹·앱) 신고 절차", "report/online/", "온라인 신고 절차"),
    ("신고 후 확인 사항", "report/after/", "신고 후 확인 사항"),
    ("고객센터 기본 정보: 전화", "contact/", "전화"),
    ("고객센터 기본 정보: 카카오톡 상담", "contact/", "카카오톡 상담"),
    ("고객센터 기본 정보: 홈페이지", "contact/", "홈페이지"),
    ("운영 시간: 평일", "contact/hours/", "평일"),
    ("운영 시간: 주말·공휴일", "contact/hours/", "주말·공휴일"),
    ("고객센터 이용 시 유의 사항", "contact/tips/", "고객센터 이용 시 유의 사항"),
    ("앱의 분실 신고 기능", "app/report/", "앱의 분실 신고 기능"),
    ("앱 사용 중 문제가 생겼을 때", "app/problems/", "앱 사용 중 문제가 생겼을 때"),
    ("앱 보안 기능: 생체 인증", "app/security/", "생체 인증"),
    ("앱 보안 기능: OTP", "app/security/", "OTP"),
    ("신고 이후 예방법: 비밀번호·PIN 변경", "after/prevention/", "비밀번호와 PIN 바꾸기"),
    ("정기적인 거래 내역 확인: 자동이체·정기 결제", "after/transactions/", "자동이체와 정기 결제 확인하기"),
    ("재발급", "after/reissue/", "재발급 신청"),
    ("카드 활성화", "after/reissue/", "새 카드 활성화"),
    ("고객의 권리", "rights/rights/", "고객의 권리"),
    ("고객의 의무", "rights/duties/", "고객의 의무"),
    ("고객과 은행의 협력", "rights/cooperation/", "고객과 은행의 협력"),
    ("요약표", "more/summary/", "요약표"),
    # Beyond the seed
    ("체크카드 분실", "lost/card/", "체크카드를 잃어버렸을 때"),
    ("휴대폰(앱) 분실", "lost/phone/", "휴대폰(케이뱅크 앱)을 잃어버렸을 때"),
    ("신분증 분실", "lost/id-card/", "신분증을 잃어버렸을 때"),
    ("OTP·보안매체 분실", "lost/otp/", "OTP·보안매체를 잃어버렸을 때"),
    ("계좌·비밀번호 정보 노출", "lost/account-info/", "계좌·비밀번호 정보가 노출되었을 때"),
    ("해외에서 분실", "lost/abroad/", "해외에서 잃어버렸을 때"),
    ("보이스피싱·도난 의심: 지급정지, 경찰 신고", "lost/fraud/", "지금 바로 지급정지와 경찰 신고"),
    ("전화하기 전 준비할 것", "report/phone/", "전화하기 전 준비할 것"),
    ("접수번호 받아 적기", "report/phone/", "접수번호 받아 적기"),
    ("카드를 되찾았을 때: 분실 신고 해제와 그 한계", "lost/found/", "분실 신고 해제와 그 한계"),
    ("카드분실 일괄신고", "more/system/", "카드분실 일괄신고"),
    ("본인계좌 일괄지급정지", "more/system/", "본인계좌 일괄지급정지"),
    ("개인정보노출자 사고예방시스템", "more/system/", "개인정보노출자 사고예방시스템"),
    ("M-Safer", "more/system/", "명의도용방지서비스(M-Safer)"),
    ("피싱 주의: 은행은 비밀번호를 묻지 않음", "more/phishing/", "은행은 비밀번호를 묻지 않습니다"),
    ("정보의 출처와 확인 상태", "more/sources/", "정보의 출처와 확인 상태"),
    # Answers people ask for (issue 10)
    ("피해구제 신청과 책임", "lost/fraud/", "책임과 보상"),
    ("은행의 자율배상", "rights/rights/", "보이스피싱 피해와 은행의 자율배상"),
    ("소액결제 차단, 유심 정지, 인증서 폐기", "lost/phone/", "통신사에 함께 요청할 것"),
    ("고객이 책임을 지는 조건과 법 조항", "rights/duties/", "고객이 책임을 지는 경우: 법 조항과 조건"),
    ("해외: 해외에서 쓸 수 있는 경로", "lost/abroad/", "해외에서 쓸 수 있는 경로 (이 순서로)"),
    ("해외: 도난은 현지 경찰에", "lost/abroad/", "도난이라면 현지 경찰에"),
]


class _Headings(HTMLParser):
    """Collects the text of h1-h3, without the permalink symbol."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._depth = 0
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._depth += 1
            self.headings.append("")
        elif tag == "a" and ("class", "headerlink") in attrs:
            self._in_link = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3"):
            self._depth -= 1
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._depth and not self._in_link:
            self.headings[-1] += data


def headings(site: Path, page: str) -> list[str]:
    parser = _Headings()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return [re.sub(r"\s+", " ", h).strip() for h in parser.headings]


@pytest.mark.parametrize(("topic", "page", "heading"), TOPICS, ids=[t[0] for t in TOPICS])
def test_topic_has_its_heading_on_its_page(site: Path, topic: str, page: str, heading: str) -> None:
    assert heading in headings(site, page), f"{topic}: '{heading}' not among the headings of /{page}"


def test_rights_cite_the_law(site: Path) -> None:
    text = (site / "rights/rights/index.html").read_text(encoding="utf-8")
    for law in ("여신전문금융업법", "제16조", "전자금융거래법", "제9조", "제10조"):
        assert law in text, law


def test_the_60_day_cover_is_only_ever_tied_to_credit_cards(repo: Path) -> None:
    # The law covers use in the 60 days before the report for credit cards only: no paragraph may
    # mention that cover without saying it is about credit cards.
    for page in (repo / "docs").rglob("*.md"):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if "60일" in line:
                assert "신용카드" in line, f"{page.relative_to(repo)}:{number}: {line}"
