"""Faults a reader's browser brings along: storage refused or full, unverified data, a huge memo.

Nothing may crash and nothing ticked may be lost. (A stale offline copy after a new build is in
test_offline.py; a broken runtime download in test_widget.py.)
"""

from __future__ import annotations

import json

import pytest

from support import STORAGE_FULL, wait_for_state, wait_until

pytestmark = pytest.mark.browser

STORAGE_REFUSED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The user denied access to storage", "SecurityError"); },
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def ticked(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('li.lg-step input:checked')].map(i => i.dataset.step)")


def tick_two_steps_and_change_the_situation(page) -> None:
    page.check("#lg-step-call_loss_line")
    wait_until(page, "document.querySelector('li[data-step=call_loss_line] .lg-step__done') !== null")
    page.check("#lg-step-record_receipt")
    wait_until(page, "document.querySelector('li[data-step=record_receipt] .lg-step__done') !== null")
    page.check("#lg-abroad")  # re-renders the whole plan from the engine's state
    wait_until(page, "location.search.includes('abroad')")
    wait_until(page, "document.querySelector('li[data-step=contact_from_abroad]') !== null")


def test_with_storage_refused_the_checklist_works_and_keeps_every_tick_for_the_visit(page, base_url: str) -> None:
    page.add_init_script(STORAGE_REFUSED)
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    tick_two_steps_and_change_the_situation(page)
    assert {"call_loss_line", "record_receipt"} <= set(ticked(page))
    assert "저장할 수 없어" in page.text_content("[data-lg-status]")  # the reader is told, honestly
    assert [e for e in page.errors if "localStorage" not in e and "storage" not in e.lower()] == []


def test_with_storage_refused_no_page_error_comes_from_the_site_itself(page, base_url: str) -> None:
    page.add_init_script(STORAGE_REFUSED)
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    page.check("#lg-step-call_loss_line")
    wait_until(page, "document.querySelector('li[data-step=call_loss_line] .lg-step__done') !== null")
    # The theme's own inline scripts read localStorage without a guard (palette, scope): those errors are
    # the theme's; everything of this site (loader, worker, service worker registration) stays silent.
    assert [e for e in page.errors if "denied access to storage" not in e] == []


def test_with_storage_full_the_checklist_keeps_every_tick_for_the_visit(page, base_url: str) -> None:
    page.add_init_script(STORAGE_FULL)
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    tick_two_steps_and_change_the_situation(page)
    assert {"call_loss_line", "record_receipt"} <= set(ticked(page))
    assert page.errors == []


def test_with_storage_full_the_page_still_gets_ready_without_errors(page, base_url: str) -> None:
    page.add_init_script(STORAGE_FULL)
    page.goto(base_url + "/checklist/")
    assert page.evaluate("(() => { try { localStorage.setItem('probe', 'x'.repeat(4096)); return false; } catch { return true; } })()")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    page.check("#lg-step-call_loss_line")
    wait_until(page, "document.querySelector('li[data-step=call_loss_line] .lg-step__done') !== null")
    assert page.is_checked("#lg-step-call_loss_line")
    assert page.errors == []


def test_storage_filling_up_while_the_checklist_is_open_is_said_and_the_tick_is_kept(page, base_url: str) -> None:
    """Another application fills this origin's storage after the checklist has started: the next
    save fails, the reader is told (in the words Python gave the page) and the tick stays."""
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    page.evaluate(STORAGE_FULL)
    page.check("#lg-step-call_loss_line")
    wait_until(page, "document.querySelector('li[data-step=call_loss_line] .lg-step__done') !== null")
    refused = page.evaluate("JSON.parse(document.querySelector('script[data-lg-config]').textContent).status.storage_refused")
    wait_until(page, f"document.querySelector('[data-lg-status]').textContent === {json.dumps(refused)}")
    assert page.is_checked("#lg-step-call_loss_line")
    assert page.errors == []


def _flag(fact: dict, unverified: bool) -> None:
    if unverified:
        fact.pop("verified_on", None)
        fact.update(unverified=True, check_at="kbank_web", source="시험: 확인하지 않은 사실")
    else:
        fact.pop("unverified", None)
        fact.pop("check_at", None)
        fact.update(verified_on="2026-11-25", source={"url": "https://www.kbanknow.com/", "says": "시험: 확인한 사실"})


@pytest.mark.parametrize("unverified", [True, False], ids=["unverified-shows-badge", "verified-shows-none"])
def test_the_live_widget_badges_the_hotline_exactly_when_the_data_says_unverified(page, base_url: str, site, unverified: bool) -> None:
    bundle = json.loads((site / "assets/widget/bundle.json").read_text(encoding="utf-8"))
    contacts = bundle["contacts"]
    channel = contacts["channels"][contacts["hotline"]]
    _flag(channel, unverified)
    _flag(contacts["contacts"][channel["contact"]], unverified)
    page.route("**/assets/widget/bundle.json", lambda route: route.fulfill(json=bundle))
    page.goto(base_url + "/checklist/")
    assert wait_for_state(page, ("ready", "failed")) == "ready"
    wait_until(page, "document.querySelector('li.lg-step') !== null")
    first = page.locator("li.lg-step").first
    assert first.get_attribute("data-step") == "call_loss_line"
    assert (first.locator(".lg-badge--unverified").count() > 0) == unverified
    assert page.errors == []


def test_the_contacts_page_badges_every_unverified_channel_and_no_verified_one(page, base_url: str, site) -> None:
    contacts = json.loads((site / "assets/widget/bundle.json").read_text(encoding="utf-8"))["contacts"]
    page.goto(base_url + "/contact/")
    rows = page.locator("tr[id^='channel-']")
    assert rows.count() >= 3
    for i in range(rows.count()):
        row = rows.nth(i)
        channel = contacts["channels"][row.get_attribute("id").removeprefix("channel-")]
        expected = bool(channel.get("unverified") or contacts["contacts"][channel["contact"]].get("unverified"))
        assert (row.locator(".lg-badge--unverified").count() > 0) == expected, row.get_attribute("id")
