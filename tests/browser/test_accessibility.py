"""Accessibility in real Chromium: axe-core on every page in both colour schemes, reflow, focus, print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import REPO, site_pages, wait_for_state, wait_until

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}
HANGUL = re.compile(r"[가-힣]")
# axe runs as an injected script: on the plain http.server site (no CSP), so the check does not depend on it.
RUN_AXE = """axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
  `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`))"""


def axe_violations(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def add_report_entry(page) -> None:
    page.select_option("#lg-report-channel", "kbank_loss_phone")
    page.fill("#lg-report-receipt", "A-2026-0001")
    page.fill("#lg-report-memo", "카드 정지 요청함")
    page.click("[data-lg='report'] button[type=submit]")
    wait_until(page, "document.querySelector('table.lg-log') !== null")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(browser, site: Path, base_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in site_pages(site):
        page.goto(base_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        if violations := axe_violations(page):
            found[path] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_in_the_working_widget_with_a_report_entry(browser, base_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "/checklist/?lost=phone&stolen=1")
    wait_for_state(page, ("ready",))
    add_report_entry(page)
    assert axe_violations(page) == []
    page.goto(base_url + "/")
    page.check("#lg-lost-phone")  # the compact widget starts on the first touch
    wait_for_state(page, ("ready",))
    assert axe_violations(page) == []
    context.close()


def test_every_form_control_of_the_widget_has_a_korean_name(browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    controls = page.locator(".lg-widget input, .lg-widget select, .lg-widget textarea, .lg-widget button")
    assert controls.count() > 10
    for i in range(controls.count()):
        control = controls.nth(i)
        name = control.evaluate(
            """el => el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent)
                    || el.textContent || ''"""
        )
        assert HANGUL.search(name), f"{control.evaluate('el => el.outerHTML')[:120]} has no Korean name"
    context.close()


def test_keyboard_focus_on_the_widget_is_visible(browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.focus("#lg-lost-card")
    page.keyboard.press("Tab")  # focus moved by keyboard: :focus-visible applies
    outline = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                            "return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert outline[0] != "none" and outline[1] >= 2
    context.close()


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"viewport": {"width": 640, "height": 800}, "device_scale_factor": 2}, id="200-percent-zoom"),
        pytest.param({"viewport": {"width": 320, "height": 640}, "is_mobile": True}, id="small-phone-320"),
    ],
)
def test_no_page_scrolls_sideways(browser, site: Path, base_url: str, viewport: dict) -> None:
    context = browser.new_context(**viewport)
    page = context.new_page()
    width = viewport["viewport"]["width"]
    wide = {}
    for path in site_pages(site):
        page.goto(base_url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    assert wide == {}


def test_printing_the_checklist_keeps_the_plan_and_the_report_log_only(browser, base_url: str, output_dir: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    add_report_entry(page)
    page.emulate_media(media="print")
    for selector in (".lg-phase--now", "table.lg-log"):
        assert page.locator(selector).first.is_visible(), f"{selector} is not printed"
    for selector in (".md-banner", ".md-header", ".lg-situation", ".lg-report-form", ".lg-actions", ".md-sidebar"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    page.pdf(path=str(output_dir / "checklist-print.pdf"), format="A4")
    context.close()
