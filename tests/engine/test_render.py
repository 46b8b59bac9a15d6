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


def test_a_closed_channel_shows_when_it_opens(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("account-info",), at=NIGHT))
    status = next(c for c in plan.channels if c.id == "account_bulk_stop")
    assert channel_status_html(engine.directory, status).endswith("지금 닫힘 · 다음 열림 12월 26일(토) 00:30</span>")


def test_unknown_hours_are_said_plainly(engine: Bundle) -> None:
    plan = engine.plan(Situation(lost=("id",), at=NIGHT))
    status = next(c for c in plan.channels if c.id == "pd_register")
    assert "운영 시간 확인 필요" in channel_status_html(engine.directory, status)


def test_text_from_the_data_file_is_escaped(bundle: dict[str, Any]) -> None:
    hostile = copy.deepcopy(bundle)
    hostile["checklist"]["steps"][0]["title"] = '<script>alert("x")</script>'
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
