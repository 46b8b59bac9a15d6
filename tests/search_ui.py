"""Drive Material's real search box in Chromium and read the ranked result pages (tests and tools/bench_search.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yml"
# Material's own Korean strings (partials/languages/ko.html): a theme update that changes them fails here loudly.
PLACEHOLDER = "검색어를 입력하세요"
NO_RESULT = "검색어와 일치하는 문서가 없습니다"


def load_queries() -> list[tuple[str, str]]:
    """(query, expected page path such as 'lost/card/') from tests/search_queries.yml."""
    data = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
    return [(str(item["query"]), item["page"]) for item in data["queries"]]


def open_search(page, base_url: str) -> None:
    """Load the home page and focus the search box, as a reader pressing '/' would."""
    page.goto(base_url + "/", wait_until="networkidle")
    page.keyboard.press("/")


def search(page, base_url: str, query: str) -> list[str]:
    """Type a query and return the result pages in rank order, as site paths ('lost/card/')."""
    from playwright.sync_api import expect

    meta = page.locator(".md-search-result__meta")
    box = page.locator(".md-search__input")
    # Clear first and wait for the placeholder: the next change of the meta line is this query's answer.
    box.fill("")
    box.press("End")
    expect(meta).to_have_text(PLACEHOLDER, timeout=15_000)
    box.fill(query)  # fill: Hangul arrives composed, as from an IME
    box.press("End")
    expect(meta).not_to_have_text(PLACEHOLDER, timeout=15_000)
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link:first-child").evaluate_all(
        "links => links.map(a => a.href)"
    )
    root = urlsplit(base_url).path.rstrip("/") + "/"
    return [urlsplit(href).path.removeprefix(root) for href in hrefs]


def rank_of(results: list[str], expected: str) -> int | None:
    """1-based rank of the expected page, or None when it is not among the results."""
    return results.index(expected) + 1 if expected in results else None
