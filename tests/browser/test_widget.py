"""The checklist widget in real Chromium over HTTP, with the real Pyodide and the shipped wheel."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import wait_for_state, wait_until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
STALL_S = 15  # data-stall-ms in the built page (widget_stall_ms default)


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == [], page.errors


def step_ids(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('li.lg-step')].map(li => li.dataset.step)")


def stored_state(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('lossguide:state') || '{}'"))


def test_without_javascript_the_static_plan_and_every_step_are_there(browser, base_url: str, output_dir: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    widget = page.locator("[data-lossguide]")
    assert widget.get_attribute("data-state") == "static"
    ids = step_ids(page)
    assert ids[0] == "call_loss_line"  # the common case: a lost card, call the 24-hour line first
    assert "reissue_card" in ids
    assert page.locator(".md-banner a[href^='tel:']").count() == 1
    assert page.locator(".lg-all-steps li").count() >= 20
    assert not page.locator(".lg-log-section").is_visible()  # needs the engine, hidden without it
    assert not page.locator(".lg-situation").is_visible()  # cannot change the plan without scripts
    # The note names the plan shown; below the plan, the answers are links to the other situations' plans.
    notes = page.locator(".lg-nojs-note")
    assert notes.count() == 2 and all(notes.nth(i).is_visible() for i in range(2))
    assert page.locator(".lg-situation-links a").count() >= 7
    page.screenshot(path=str(output_dir / "checklist-no-js-phone.png"), full_page=True)
    context.close()


def test_the_widget_gets_ready_from_this_site_only(context, page, base_url: str, output_dir: Path) -> None:
    origin = urlsplit(base_url).netloc
    urls: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    assert any(re.search(r"/pyodide/[0-9a-f]{16}/pyodide\.asm\.wasm$", u) for u in urls), "worker requests were not seen"
    assert any(u.endswith(".whl") for u in urls)
    assert [u for u in urls if urlsplit(u).netloc != origin and not u.startswith(("data:", "blob:"))] == []
    page.screenshot(path=str(output_dir / "checklist-ready-phone.png"), full_page=True)


def test_lost_phone_and_theft_put_the_call_from_another_phone_and_the_police_first(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.uncheck("#lg-lost-card")
    page.check("#lg-lost-phone")
    page.check("#lg-stolen")
    wait_until(page, "location.search.includes('stolen')")
    wait_until(page, "document.querySelector('li.lg-step')?.dataset.step === 'call_loss_line_from_other_phone'")
    now = page.evaluate("[...document.querySelectorAll('.lg-phase--now li.lg-step')].map(li => li.dataset.step)")
    assert now[0] == "call_loss_line_from_other_phone"
    assert {"request_payment_stop", "report_to_police", "report_phone_to_carrier"} <= set(now)
    assert "call_loss_line" not in now  # the app and the lost phone are not the route
    assert page.evaluate("location.search") == "?lost=phone&stolen=1"


def test_the_situation_is_in_the_url_and_the_back_button_restores_it(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/?lost=id")
    wait_for_state(page, ("ready",))
    assert page.is_checked("#lg-lost-id") and not page.is_checked("#lg-lost-card")
    page.check("#lg-abroad")
    wait_until(page, "location.search === '?lost=id&abroad=1'")
    assert "contact_from_abroad" in step_ids(page)
    page.go_back()
    wait_until(page, "location.search === '?lost=id'")
    wait_until(page, "!document.querySelector('#lg-abroad').checked")
    assert "contact_from_abroad" not in step_ids(page)


def test_a_tick_survives_a_reload_with_its_time(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.check("#lg-step-record_receipt")
    wait_until(page, "(localStorage.getItem('lossguide:state') || '').includes('record_receipt')")
    page.reload()
    wait_for_state(page, ("ready",))
    assert page.is_checked("#lg-step-record_receipt")
    assert page.locator("li[data-step='record_receipt'] .lg-step__done").count() == 1
    assert "record_receipt" in stored_state(page)["ticks"]


def test_corrupt_saved_state_starts_fresh_with_a_message(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    page.evaluate("localStorage.setItem('lossguide:state', '{not json'); localStorage.setItem('lossguide:pending', '[1,')")
    page.reload()
    wait_for_state(page, ("ready",))
    assert "새로 시작" in page.text_content("[data-lg-status]")
    assert stored_state(page)["version"] >= 1
    page.check("#lg-step-call_loss_line")
    wait_until(page, "(localStorage.getItem('lossguide:state') || '').includes('call_loss_line')")


def test_ticks_made_before_python_is_ready_are_kept_and_applied(context, page, base_url: str) -> None:
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "/checklist/")
    wait_until(page, "document.querySelector('[data-lossguide]').dataset.state === 'loading'")
    page.check("#lg-step-call_loss_line")  # the static checkbox answers at once
    pending = json.loads(page.evaluate("localStorage.getItem('lossguide:pending')"))
    assert [e["step"] for e in pending if e["type"] == "tick"] == ["call_loss_line"]
    wait_until(page, "true")  # let the held request register
    assert held, "the wasm request was not held"
    held[0].continue_()
    wait_for_state(page, ("ready",))
    wait_until(page, "(localStorage.getItem('lossguide:state') || '').includes('call_loss_line')")
    assert page.is_checked("#lg-step-call_loss_line")
    assert json.loads(page.evaluate("localStorage.getItem('lossguide:pending')")) == []


@pytest.mark.parametrize("fault", ["aborted", "wrong-mime"])
def test_a_broken_runtime_download_falls_back_to_the_static_checklist(context, page, base_url: str, site: Path, fault: str) -> None:
    if fault == "aborted":
        context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    else:
        [wasm_file] = site.glob("pyodide/*/pyodide.asm.wasm")  # pyodide/<content hash>/
        wasm = wasm_file.read_bytes()
        context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(body=wasm, content_type="text/plain"))
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("failed", "ready"), timeout_s=STALL_S + 10) == "failed"
    assert "기본 안내와 체크 표시는 그대로 쓸 수 있고" in page.text_content("[data-lg-status]")
    page.check("#lg-step-call_loss_line")  # still works, and is kept for the next visit
    assert page.is_checked("#lg-step-call_loss_line")
    pending = json.loads(page.evaluate("localStorage.getItem('lossguide:pending')"))
    assert pending[-1]["step"] == "call_loss_line"
    # The injected fault may surface as an error of the worker; the page itself handled it.
    page.errors[:] = [e for e in page.errors if "fetch" not in e.lower() and "wasm" not in e.lower()]


def test_the_report_log_redacts_card_numbers_and_copies_as_text(context, page, base_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.select_option("#lg-report-channel", "kbank_loss_phone")
    page.fill("#lg-report-receipt", "A-2026-0001")
    page.fill("#lg-report-memo", "잃어버린 카드 4111 1111 1111 1111 정지 요청")
    page.click("[data-lg='report'] button[type=submit]")
    wait_until(page, "document.querySelector('table.lg-log') !== null")
    table = page.text_content("table.lg-log")
    assert "A-2026-0001" in table and "4111 1111 1111 1111" not in table
    assert "4111 1111 1111 1111" not in page.evaluate("localStorage.getItem('lossguide:state')")
    page.click("[data-lg-action=copy]")
    wait_until(page, "document.querySelector('[data-lg-status]').textContent.includes('복사')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "접수번호: A-2026-0001" in copied and "4111 1111 1111 1111" not in copied


def test_reset_asks_first_and_then_clears_everything(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.check("#lg-step-call_loss_line")
    wait_until(page, "(localStorage.getItem('lossguide:state') || '').includes('call_loss_line')")
    page.once("dialog", lambda d: d.dismiss())
    page.click("[data-lg-action=reset]")
    assert page.is_checked("#lg-step-call_loss_line")
    page.once("dialog", lambda d: d.accept())
    page.click("[data-lg-action=reset]")
    wait_until(page, "!document.querySelector('#lg-step-call_loss_line').checked")
    assert stored_state(page)["ticks"] == {}


def test_keyboard_alone_changes_the_situation_and_ticks_a_step(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))

    def tab_to(element_id: str) -> None:
        for _ in range(300):
            if page.evaluate("document.activeElement.id") == element_id:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("lg-lost-phone")
    page.keyboard.press("Space")
    wait_until(page, "location.search.includes('phone')")
    tab_to("lg-step-record_receipt")
    page.keyboard.press("Space")
    wait_until(page, "(localStorage.getItem('lossguide:state') || '').includes('record_receipt')")
    # The region was re-rendered by Python; focus must still be on the same checkbox.
    assert page.evaluate("document.activeElement.id") == "lg-step-record_receipt"
    assert page.is_checked("#lg-step-record_receipt")


def test_guide_pages_load_no_pyodide_until_the_reader_touches_the_widget(context, page, base_url: str) -> None:
    urls: list[str] = []
    # What the page itself asks for. The service worker saves the site, runtime included, in the
    # background after load for offline use (skipped in data-saver mode): that is not the page's load.
    context.on("request", lambda r: r.service_worker is None and urls.append(r.url))
    page.goto(base_url + "/lost/card/", wait_until="networkidle")
    page.goto(base_url + "/", wait_until="networkidle")
    assert [u for u in urls if "/pyodide/" in u] == []
    assert page.get_attribute("[data-lossguide]", "data-state") == "static"
    page.check("#lg-lost-phone")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    assert any("/pyodide/" in u for u in urls)
    wait_until(page, "document.querySelector('li.lg-step')?.dataset.step === 'call_loss_line_from_other_phone'")


def test_quick_ticks_in_a_row_are_all_kept(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    steps = ["call_loss_line", "record_receipt", "review_transactions", "reissue_card"]
    # One synchronous burst: the later ticks arrive while Python is still answering the first.
    page.evaluate(
        "(steps) => steps.forEach((id) => document.getElementById('lg-step-' + id).click())", steps
    )
    wait_until(page, "(() => { const s = JSON.parse(localStorage.getItem('lossguide:state') || '{}');"
               " return s.ticks && Object.keys(s.ticks).length === 4; })()")
    assert set(stored_state(page)["ticks"]) == set(steps)
    assert json.loads(page.evaluate("localStorage.getItem('lossguide:pending')")) == []


def test_typed_report_text_is_never_stored_before_redaction(page, base_url: str) -> None:
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.fill("#lg-report-memo", "주민번호 900101-1234567 카드 4111-1111-1111-1111")
    page.click("[data-lg='report'] button[type=submit]")
    wait_until(page, "document.querySelector('table.lg-log') !== null")
    everything = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "1234567" not in everything and "4111-1111-1111-1111" not in everything
