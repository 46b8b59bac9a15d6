"""HTML fragments for the plan, checklist and channel status: escaped, grouped, honest."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any, ClassVar

import pytest

from lossguide.bundle import Bundle, load_bundle
from lossguide.checklist import ChecklistState, tick
from lossguide.model import Situation
from lossguide.render import channel_status_html, page_href, plan_html, report_log_html, when_text
from lossguide.reportlog import new_entry

KST = timezone(timedelta(hours=9))
NIGHT = datetime(2026, 12, 25, 23, 45, tzinfo=KST)


class Balanced(HTMLParser):
    """Counts open tags so a test can tell a fragment is well nested."""

    VOID: ClassVar[set[str]] = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag


def balanced(html: str) -> bool:
    parser = Balanced()
    parser.feed(html)
    return not parser.stack


@pytest.mark.parametrize(
    ("page", "base", "href"),
    [
        pytest.param("lost/phone.md", "", "lost/phone/", id="page"),
        pytest.param("report/index.md", "../", "../report/", id="section-index"),
        pytest.param("index.md", "", "./", id="home"),
        pytest.param("index.md", "../../", "../../", id="home-from-deep-page"),
    ],
)
def test_page_links_follow_mkdocs_directory_urls(page: str, base: str, href: str) -> None:
    assert page_href(page, base) == href


def test_the_plan_is_grouped_by_phase_with_ticks_and_times(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card",), at=NIGHT))
    state = tick(ChecklistState(), plan.steps[0].id, NIGHT)
    html = plan_html(engine.directory, plan, state, base="../")
    assert balanced(html)
    assert html.index("지금 바로") < html.index("오늘 안에") < html.index("며칠 안에")
    assert html.count('type="checkbox"') == len(plan.steps)
    assert html.count(" checked") == 1
    assert "12월 25일(금) 23:45 완료" in html
    assert f"{len(plan.steps)}단계 중 1단계 완료" in html


def _with_channel(bundle: dict[str, Any], channel_id: str, **fields: Any) -> Bundle:
    """The real data with one channel's hours/verification replaced (verified drops unverified/check_at)."""
    changed = copy.deepcopy(bundle)
    channel = changed["contacts"]["channels"][channel_id]
    for key in ("verified_on", "unverified", "check_at", "hours_claim", "source"):
        channel.pop(key, None)
    if "verified_on" in fields:
        channel["source"] = {"url": "https://www.fsc.go.kr/", "says": "시험"}
    else:  # unchecked: its hours are only reported
        channel.update(unverified=True, source="시험", check_at="kbank_web", hours_claim="reported")
    channel.update(fields)
    return load_bundle(changed)


def test_a_closed_channel_with_checked_hours_shows_when_it_opens(bundle: dict[str, Any]) -> None:
    engine = _with_channel(bundle, "account_bulk_stop", verified_on="2026-11-25")
    plan = engine.plan(Situation(lost=("account-info",), at=NIGHT))
    status = next(c for c in plan.channels if c.id == "account_bulk_stop")
    assert channel_status_html(engine.directory, status).endswith("지금 닫힘 · 다음 열림 12월 26일(토) 00:30</span>")


@pytest.mark.parametrize(
    ("channel", "at", "verified", "expected", "forbidden"),
    [
        pytest.param("kbank_loss_phone", NIGHT, False, "24시간 운영으로 알려짐", "lg-status--open", id="reported-24h-never-green"),
        pytest.param("kbank_loss_phone", NIGHT, True, "24시간 열림", "알려짐", id="checked-24h-green"),
        pytest.param("account_bulk_stop", NIGHT, False, "알려진 운영 시간 밖", "lg-status--open", id="reported-weekly-closed-says-may-be"),
        pytest.param("account_bulk_stop", NIGHT.replace(hour=12), False, "알려진 운영 시간: 매일 00:30~23:30", "lg-status--open", id="reported-weekly-open-not-green"),
        pytest.param("account_bulk_stop", NIGHT.replace(hour=12), True, "지금 열림", "알려짐", id="checked-weekly-open-green"),
    ],
)
def test_hours_nobody_checked_are_said_as_known_never_as_open(
    bundle: dict[str, Any], channel: str, at: datetime, verified: bool, expected: str, forbidden: str
) -> None:
    engine = _with_channel(bundle, channel, verified_on="2026-11-25") if verified else _with_channel(bundle, channel)
    situation = Situation(lost=("account-info", "card"), at=at)
    html = plan_html(engine.directory, engine.plan(situation))
    item = html[html.index(f'<div class="lg-step__channel"><span class="lg-channel"><strong>{engine.directory.channels[channel].name}') :]
    item = item[: item.index("</li>")]
    assert expected in item
    assert forbidden not in item


@pytest.mark.parametrize(
    "situation",
    [
        pytest.param(Situation(lost=("card", "id", "phone"), at=NIGHT), id="wallet-and-phone"),
        pytest.param(Situation(lost=("card", "id"), at=NIGHT, flags=frozenset({"stolen"})), id="wallet-stolen"),
        pytest.param(Situation(lost=("card", "id"), at=NIGHT, flags=frozenset({"abroad"})), id="wallet-abroad"),
        pytest.param(Situation(lost=("card", "id")), id="wallet-no-time"),
    ],
)
def test_a_plan_explains_unverified_once_and_marks_only_what_the_reader_acts_on(engine: Bundle, situation: Situation) -> None:
    plan = engine.plan(situation)
    html = plan_html(engine.directory, plan, titles=engine.page_titles)
    assert balanced(html)
    assert html.count('class="lg-plan__note"') == 1
    assert "운영 시간 확인 필요" not in html  # said once in the note, not per step
    lines = html.split('<div class="lg-step__channel">')[1:]
    for line in lines:
        line = line[: line.index("</div>")]
        assert line.count("확인 필요") <= 1, line  # one mark per line at most
        assert "lg-check" not in line  # where to check is in the note
    assert "lg-status--open" not in html or any(c.hours == "verified" for c in plan.channels)


@pytest.mark.parametrize(
    ("situation", "dial_link"),
    [
        pytest.param(Situation(lost=("card",), at=NIGHT), True, id="at-home-tel-link"),
        pytest.param(Situation(lost=("card",), at=NIGHT, flags=frozenset({"abroad"})), False, id="abroad-warning-no-tel-link"),
        pytest.param(Situation(lost=("phone",), flags=frozenset({"stolen", "abroad"})), False, id="abroad-phone-stolen"),
    ],
)
def test_abroad_a_domestic_only_number_comes_after_a_warning_and_is_not_a_tel_link(engine: Bundle, situation: Situation, dial_link: bool) -> None:
    html = plan_html(engine.directory, engine.plan(situation))
    domestic = [c for c in engine.directory.contacts.values() if c.domestic_only and c.value and f">{c.value}<" in html]
    assert domestic, "the plan shows a domestic-only number"
    for contact in domestic:
        digits = "".join(ch for ch in contact.value if ch.isdigit())
        assert (f'href="tel:{digits}"' in html) == dial_link
        if not dial_link:
            at = html.index(f">{contact.value}<")
            assert "lg-warning--domestic" in html[max(0, at - 300) : at]


def test_step_links_say_where_they_go(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("card", "id", "phone"), flags=frozenset({"stolen"})))
    html = plan_html(engine.directory, plan, titles=engine.page_titles)
    assert "자세한 안내" not in html
    for step in plan.steps:
        assert f">{engine.page_titles[step.page]}</a>" in html


def test_unknown_hours_status_is_said_plainly(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("id",), at=NIGHT))
    status = next(c for c in plan.channels if c.id == "pd_register")
    assert "운영 시간 확인 필요" in channel_status_html(engine.directory, status)


def test_text_from_the_data_file_is_escaped(bundle: dict[str, Any]) -> None:
    hostile = copy.deepcopy(bundle)
    next(s for s in hostile["checklist"]["steps"] if s["id"] == "call_loss_line")["title"] = '<script>alert("x")</script>'
    engine = load_bundle(hostile)
    html = plan_html(engine.directory, engine.plan(Situation(lost=("card",), at=NIGHT)))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_report_log_table_escapes_what_the_customer_typed(engine: Bundle) -> None:
    entry = new_entry("police", NIGHT, receipt_number="<b>1</b>", memo="<img src=x onerror=alert(1)>")
    html = report_log_html(engine.directory, [entry])
    assert balanced(html)
    assert "<img" not in html and "<b>" not in html
    assert engine.directory.channels["police"].name in html


def test_when_text_names_the_korean_weekday() -> None:
    assert when_text(datetime(2027, 2, 9, 9, 0, tzinfo=KST)) == "2월 9일(화) 09:00"
