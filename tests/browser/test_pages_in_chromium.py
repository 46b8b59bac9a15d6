"""Real Chromium over HTTP: no request leaves the site's origin, and Korean text renders at phone width."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_no_page_makes_a_request_to_another_origin(browser, site: Path, base_url: str) -> None:
    origin = urlsplit(base_url).netloc
    context = browser.new_context()
    foreign: list[str] = []
    failed: list[str] = []
    seen = 0

    def record(request) -> None:
        nonlocal seen
        seen += 1
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob"):
            return
        if parts.netloc != origin:
            foreign.append(request.url)

    context.on("request", record)
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    pages = site_pages(site)
    for path in pages:
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response is not None
        assert response.status == 200 or path == "/404.html", path
    # Search loads its index and worker lazily: exercise it once as a reader would.
    page.goto(base_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.fill(".md-search__input", "분실")  # fill: Hangul arrives as composed text, like an IME
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached")
    context.close()
    assert len(pages) > 30 and seen > len(pages)
    assert foreign == []
    assert failed == []
    assert errors == []


def _glyph_pixels(page, text: str) -> list[int]:
    """Draw text with the page's own font on a canvas and return its pixels."""
    return page.evaluate(
        """(text) => {
            const canvas = document.createElement('canvas');
            canvas.width = 64; canvas.height = 64;
            const ctx = canvas.getContext('2d');
            ctx.font = '40px ' + getComputedStyle(document.body).fontFamily;
            ctx.fillText(text, 4, 48);
            return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3));
        }""",
        text,
    )


def test_hangul_renders_with_a_real_font_at_phone_width(browser, base_url: str, output_dir: Path) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/", wait_until="networkidle")
    page.screenshot(path=str(output_dir / "home-phone.png"))
    # A missing font draws every character as the same empty box ("tofu"): compare glyphs.
    ga, na, missing = (_glyph_pixels(page, ch) for ch in ("가", "나", "\ue000"))
    assert any(ga), "nothing drawn for Hangul"
    assert ga != na, "two Hangul syllables look identical: tofu boxes"
    assert ga != missing, "Hangul draws like an unassigned character: no Korean font"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page scrolls sideways at phone width ({width}px)"
    context.close()


def test_the_hotline_is_visible_on_the_first_screen_of_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/lost/card/", wait_until="networkidle")
    link = page.locator(".md-banner a[href^='tel:']").first
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    context.close()
