"""Reading on a phone, in real Chromium (issue 10.8): Korean words stay whole in every table and in the
report log at 320, 360 and 412 px; wide tables scroll sideways; the report log becomes cards; the
banner is short; the first step of the plan is on the first screen of /checklist/."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import site_pages, wait_for_state, wait_until

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 412)

# Words split across lines inside the given elements. A word is a run of Hangul syllables or a number
# (1522-1000, 2026-11-25); in the report log also letters and digits joined by hyphens (a receipt number
# such as KB-2026-0001 must stay whole). Code names in the editors' tables are no Korean words. A line may still break at a space or punctuation (before '(', after
# '·', after a hyphen in a code name). A word is broken when its glyphs sit on more than one line box.
BROKEN_WORDS = """([selector, receipts]) => {
  const broken = [];
  const word = receipts ? /[가-힣]+|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g : /[가-힣]+|[0-9]+(?:-[0-9]+)*/g;
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || !node.parentElement.getClientRects().length) continue;  // not shown
      for (const match of node.data.matchAll(word)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set();
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
TABLES = ".md-typeset table, .lg-log"


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_no_korean_word_is_broken_inside_a_table_on_any_page(browser, site: Path, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = context.new_page()
    broken = {}
    for path in site_pages(site):
        if path.startswith("/editors/"):  # editors only; their tables need a focusable scroll wrapper first
            continue
        page.goto(base_url + path)
        if words := page.evaluate(BROKEN_WORDS, [TABLES, False]):
            broken[path] = words
    context.close()
    assert broken == {}, f"{sum(map(len, broken.values()))} broken words: {broken}"


def test_the_broken_word_counter_can_count(browser) -> None:
    """A narrow cell with overflow-wrap: anywhere splits words; the counter must see it."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_content(
        '<table style="width:100px;overflow-wrap:anywhere"><tr><td>상담원 이름은 김철수입니다</td>'
        "<td>접수번호 A-2026-0001</td></tr></table>"
    )
    assert page.evaluate(BROKEN_WORDS, ["table", False]) != []
    assert "A-2026-0001" in page.evaluate(BROKEN_WORDS, ["table", True])
    context.close()


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_the_report_log_reads_as_cards_with_whole_words(browser, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    wait_for_state(page, ("ready",))
    page.select_option("#lg-report-channel", "kbank_loss_phone")
    page.fill("#lg-report-receipt", "KB-2026-1225-000123")
    page.fill("#lg-report-agent", "상담원 김철수")
    page.fill("#lg-report-memo", "카드 정지 요청함, 재발급은 다음 주에 신청하기로 상담원과 이야기함")
    page.click("[data-lg='report'] button[type=submit]")
    wait_until(page, "document.querySelector('table.lg-log tbody tr') !== null")
    assert page.evaluate(BROKEN_WORDS, [".lg-log", True]) == []
    card = page.locator("table.lg-log tbody tr").first.bounding_box()
    assert card is not None and card["x"] >= 0 and card["x"] + card["width"] <= width  # a card, not a wide row
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("path", ["/contact/", "/more/sources/"])
def test_wide_tables_scroll_sideways_instead_of_squeezing(browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    table = page.locator(".md-typeset table").first
    sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]")
    assert sizes[2] in ("auto", "scroll") or sizes[0] <= sizes[1], sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the page itself does not
    context.close()


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_the_banner_is_short_with_the_number_first(browser, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/lost/card/")
    banner = page.locator(".md-banner").bounding_box()
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lg-banner')).lineHeight)")
    lines = 3 if width < 360 else 2  # number and mark, hours and the abroad link; a third line only at 320
    assert banner is not None and banner["height"] <= lines * line * 1.3 + 12, f"banner is {banner['height']}px high"
    number = page.locator(".md-banner a[href^='tel:']").first.bounding_box()
    assert number is not None and number["y"] + number["height"] <= banner["y"] + banner["height"]
    context.close()


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_the_first_step_of_the_plan_is_on_the_first_screen_of_a_phone(browser, base_url: str, script: bool) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, java_script_enabled=script)
    page = context.new_page()
    page.goto(base_url + "/checklist/")
    if script:
        wait_for_state(page, ("ready",))
    # The step's title (what to do) is whole on the first screen; its details may follow below.
    step = page.locator("[data-lg-region='plan'] li.lg-step label").first.bounding_box()
    assert step is not None and step["y"] >= 0 and step["y"] + step["height"] <= 640, step
    context.close()
