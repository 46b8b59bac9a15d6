"""Korean search through Material's real search box: people find the page whose subject they typed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from search_ui import NO_RESULT, load_queries, open_search, rank_of, search

pytestmark = pytest.mark.browser

QUERIES = load_queries()


def test_the_query_set_is_large_enough_to_mean_something() -> None:
    assert len(QUERIES) >= 30


def test_every_query_finds_its_page_in_the_top_three_and_nine_in_ten_first(browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url)
    ranks = {query: rank_of(search(page, base_url, query), expected) for query, expected in QUERIES}
    context.close()
    missed = {q: r for q, r in ranks.items() if r is None or r > 3}
    assert missed == {}, f"not in the top 3: {missed}"
    first = sum(r == 1 for r in ranks.values())
    assert first >= 0.9 * len(QUERIES), f"rank 1 for only {first}/{len(QUERIES)}: {ranks}"


def test_a_search_with_no_result_shows_the_24_hour_line_and_the_main_guides(browser, base_url: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    foreign: list[str] = []
    origin = urlsplit(base_url).netloc
    context.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (origin, "") else None)
    page = context.new_page()
    open_search(page, base_url)
    fallback = page.locator(".lg-search-fallback")
    assert search(page, base_url, "zzqxv") == []
    expect(page.locator(".md-search-result__meta")).to_have_text(NO_RESULT)
    expect(fallback).to_be_visible()
    expect(fallback.locator(".lg-hotline a[href^='tel:']")).to_be_visible()
    guides = fallback.locator(".lg-search-fallback__guides a")
    assert guides.count() >= 5
    expect(guides.filter(has_text="신고하기")).to_have_count(1)
    # A query with results hides the box again.
    assert search(page, base_url, "분실신고")
    expect(fallback).to_be_hidden()
    context.close()
    assert foreign == []
