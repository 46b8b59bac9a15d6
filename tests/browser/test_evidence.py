"""The report log as evidence, in real Chromium with the real engine in Pyodide: a fault matrix.

Newer-build state and an older tab, a report time a year off the device clock, impossible dates, huge
input, storage full, an engine error while a report is typed, two tabs adding entries at once,
edit/delete/undo of one entry, print with years. Every test waits on DOM states, never on sleeps.
"""

from __future__ import annotations

import json

import pytest

from support import STORAGE_FULL, wait_for_state, wait_until

pytestmark = pytest.mark.browser

STATE = "lossguide:state"
LOG_ROWS = "document.querySelectorAll('table.lg-log tbody tr').length"
STATUS = "document.querySelector('[data-lg-status]').textContent"
NOTICE = "document.querySelector('[data-lg-region=notice]').textContent"


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def open_checklist(context, base_url: str):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    return page


@pytest.fixture
def page(context, base_url: str):
    return open_checklist(context, base_url)


def saved(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STATE}')") or "{}")


def live(page) -> list[dict]:
    return [e for e in saved(page).get("log", []) if not e.get("deleted")]


def fill_report(page, memo: str, receipt: str = "A-2026-0001", when: str | None = None) -> None:
    page.select_option("#lg-report-channel", "kbank_loss_phone")
    if when is not None:
        page.evaluate("(v) => { document.querySelector('#lg-report-at').value = v; }", when)
    page.fill("#lg-report-receipt", receipt)
    page.fill("#lg-report-memo", memo)


def submit(page) -> None:
    page.click("[data-lg='report'] button[type=submit]")


def add_report(page, memo: str, **kwargs) -> None:
    rows = page.evaluate(LOG_ROWS)
    fill_report(page, memo, **kwargs)
    submit(page)
    wait_until(page, f"{LOG_ROWS} === {rows + 1}")


def test_an_older_tab_never_overwrites_a_state_saved_by_a_newer_version(context, page, base_url: str) -> None:
    newer = json.dumps({"version": 999, "saved_by": "a newer build"})
    other = open_checklist(context, base_url)
    other.evaluate(f"localStorage.setItem('{STATE}', {json.dumps(newer)})")  # fires `storage` in `page`
    wait_until(page, f"{NOTICE}.includes('새 버전이 있습니다 · 새로 고침')")
    page.check("#lg-step-call_loss_line")
    fill_report(page, "쓰면 안 되는 기록")
    submit(page)
    wait_until(page, f"{STATUS}.includes('저장을 멈췄습니다')")
    assert page.evaluate(f"localStorage.getItem('{STATE}')") == newer
    page.reload()  # an older build opened afresh halts too, before writing anything
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    wait_until(page, f"{NOTICE}.includes('새 버전이 있습니다')")
    assert page.evaluate(f"localStorage.getItem('{STATE}')") == newer
    assert page.locator("[data-lg-action=reload]").count() == 1


def test_a_report_time_a_year_off_the_device_clock_is_confirmed_and_kept_as_typed(page) -> None:
    year_before = page.evaluate("new Date().getFullYear()") - 1
    typed = f"{year_before}-11-26T03:05"
    fill_report(page, "기기 시계가 틀린 휴대폰", when=typed)
    submit(page)
    wait_until(page, "document.querySelector('[data-lg-action=confirm]') !== null")
    assert live(page) == [] and page.input_value("#lg-report-memo") == "기기 시계가 틀린 휴대폰"
    page.click("[data-lg-action=confirm]")
    wait_until(page, f"{LOG_ROWS} === 1")
    assert [e["reported_at"] for e in live(page)] == [f"{typed}:00+09:00"]
    assert f"{year_before}년 11월 26일" in page.text_content("table.lg-log")
    assert page.input_value("#lg-report-memo") == ""  # stored, so the form is cleared


@pytest.mark.parametrize("typed", ["0001-01-01T03:00", "9999-12-31T23:59"], ids=["year-1", "year-9999"])
def test_an_impossible_report_time_is_refused_and_what_was_typed_stays(page, typed: str) -> None:
    fill_report(page, "적던 메모", when=typed)
    submit(page)
    wait_until(page, f"{STATUS}.includes('아무것도 저장하지 않았습니다')")
    assert live(page) == []
    assert page.input_value("#lg-report-memo") == "적던 메모"


def test_a_huge_memo_is_refused_not_cut_and_every_tick_is_kept(page) -> None:
    page.check("#lg-step-call_loss_line")
    wait_until(page, f"(localStorage.getItem('{STATE}') || '').includes('call_loss_line')")
    # A script or a paste that ignores maxlength: 50,000 characters of Hangul.
    page.evaluate("document.querySelector('#lg-report-memo').value = '가나다라마바사아자차'.repeat(5000)")
    submit(page)
    wait_until(page, f"{STATUS}.includes('2,000자')")
    assert live(page) == [] and "call_loss_line" in saved(page)["ticks"]
    assert len(page.input_value("#lg-report-memo")) == 50_000  # nothing cut, nothing lost
    assert page.errors == []


def test_the_counter_shows_length_and_the_forms_limit(page) -> None:
    limit = int(page.get_attribute("#lg-report-memo", "maxlength"))
    page.fill("#lg-report-memo", "가나다")
    wait_until(page, f"document.querySelector('[data-lg-count-for=lg-report-memo]').textContent === '3/{limit:,}'")


def test_a_card_number_in_the_receipt_field_is_masked_with_a_warning(page) -> None:
    add_report(page, "접수번호 칸에 카드 번호", receipt="4111 1111 1111 1111")
    assert "가려서 저장했습니다" in page.evaluate(STATUS)
    assert "4111 1111 1111 1111" not in page.evaluate("JSON.stringify(Object.assign({}, localStorage))")



def test_with_storage_full_a_report_is_shown_and_the_reader_is_told_to_copy_it(context, base_url: str) -> None:
    context.add_init_script(STORAGE_FULL)
    page = open_checklist(context, base_url)
    fill_report(page, "저장 공간이 가득 찬 휴대폰에서")
    submit(page)
    wait_until(page, f"{LOG_ROWS} === 1")
    assert "저장할 수 없어" in page.evaluate(STATUS)
    assert page.errors == []


# A real exception inside the engine (Python), once, on the first report: the worker is served with
# one line added that makes lossguide.browser.entry_from_form raise the first time it is called.
FAULT = """
py.runPython(`
import lossguide.browser as _b
_real = _b.entry_from_form
_calls = []
def _fails_once(*args, **kwargs):
    _calls.append(1)
    if len(_calls) == 1:
        raise RuntimeError("injected engine fault")
    return _real(*args, **kwargs)
_b.entry_from_form = _fails_once
`);
"""


def test_an_engine_error_while_a_report_is_typed_keeps_the_report_to_send_again(context, base_url: str, site) -> None:
    worker = (site / "assets/widget/worker.mjs").read_text(encoding="utf-8")
    anchor = "const browser = py.pyimport"
    assert anchor in worker
    faulty = worker.replace(anchor, FAULT + anchor)
    context.route("**/assets/widget/worker.mjs", lambda route: route.fulfill(body=faulty, content_type="text/javascript"))
    page = open_checklist(context, base_url)
    fill_report(page, "엔진 오류 때 적던 신고")
    submit(page)
    wait_until(page, f"{STATUS}.includes('처리하지 못했습니다')")
    assert live(page) == [] and page.input_value("#lg-report-memo") == "엔진 오류 때 적던 신고"
    submit(page)  # the reader presses again: the same report is stored
    wait_until(page, f"{LOG_ROWS} === 1")
    assert [e["memo"] for e in live(page)] == ["엔진 오류 때 적던 신고"]


def test_two_tabs_adding_entries_at_once_both_keep_both(context, page, base_url: str) -> None:
    other = open_checklist(context, base_url)
    fill_report(page, "첫째 창의 기록")
    fill_report(other, "둘째 창의 기록")
    # Both submitted in the same moment, before either answer is in.
    page.evaluate("document.querySelector('[data-lg=report] button[type=submit]').click()")
    other.evaluate("document.querySelector('[data-lg=report] button[type=submit]').click()")
    for tab in (page, other):
        wait_until(tab, f"{LOG_ROWS} === 2", timeout_s=5)
    assert sorted(e["memo"] for e in live(page)) == ["둘째 창의 기록", "첫째 창의 기록"]
    table = other.text_content("table.lg-log")
    assert "첫째 창의 기록" in table and "둘째 창의 기록" in table


def test_a_change_in_one_tab_appears_in_the_other_within_a_second(context, page, base_url: str) -> None:
    other = open_checklist(context, base_url)
    add_report(page, "다른 창에 보여야 할 기록")
    wait_until(other, f"{LOG_ROWS} === 1", timeout_s=1.5)
    page.check("#lg-step-call_loss_line")
    wait_until(other, "document.querySelector('#lg-step-call_loss_line').checked", timeout_s=1.5)


def test_one_entry_is_edited_deleted_and_undone_on_its_own(page) -> None:
    add_report(page, "첫째 기록", receipt="K-1")
    add_report(page, "둘째 기록", receipt="K-2")
    first = next(e for e in live(page) if e["receipt_number"] == "K-1")
    page.click(f"tr[data-lg-entry='{first['id']}'] [data-lg-action=edit]")
    wait_until(page, "document.querySelector('#lg-report-memo').value === '첫째 기록'")
    page.fill("#lg-report-memo", "첫째 기록 (고침)")
    submit(page)
    wait_until(page, "document.querySelector('table.lg-log').textContent.includes('첫째 기록 (고침)')")
    assert page.evaluate(LOG_ROWS) == 2
    page.once("dialog", lambda d: d.dismiss())  # asks first; no means no
    page.click(f"tr[data-lg-entry='{first['id']}'] [data-lg-action=delete]")
    assert page.evaluate(LOG_ROWS) == 2
    page.once("dialog", lambda d: d.accept())
    page.click(f"tr[data-lg-entry='{first['id']}'] [data-lg-action=delete]")
    wait_until(page, f"{LOG_ROWS} === 1")
    assert [e["receipt_number"] for e in live(page)] == ["K-2"]
    page.click("[data-lg-action=undo]")
    wait_until(page, f"{LOG_ROWS} === 2")
    assert {e["memo"] for e in live(page)} == {"첫째 기록 (고침)", "둘째 기록"}


def test_print_shows_the_saved_log_with_years_and_no_buttons(context, page, base_url: str) -> None:
    add_report(page, "인쇄할 기록")
    other = open_checklist(context, base_url)  # prints what is saved, also in another tab
    wait_until(other, f"{LOG_ROWS} === 1")
    other.emulate_media(media="print")
    year = other.evaluate("new Date().getFullYear()")
    assert f"{year}년" in other.text_content("table.lg-log")
    assert other.locator("table.lg-log").is_visible()
    assert not other.locator("table.lg-log [data-lg-action=delete]").first.is_visible()
    assert not other.locator(".lg-report-form").is_visible()


def test_the_runtime_webassembly_is_downloaded_once_and_compiled_by_the_page(browser, base_url: str) -> None:
    # worker.mjs useRuntimeCompiledByPage: the worker takes the page's compiled module.
    context = browser.new_context()
    try:
        urls: list[str] = []
        context.on("request", lambda r: urls.append(r.url))
        open_checklist(context, base_url)
        assert len([u for u in urls if u.endswith("/pyodide.asm.wasm")]) == 1
    finally:
        context.close()
