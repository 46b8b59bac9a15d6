"""Drive Material's real search box in Chromium and read the ranked result pages (tests and tools/bench_search.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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
    root = urlsplit(base_url).path.rstrip("/") + "/"
    return [urlsplit(href).path.removeprefix(root) for href in search_links(page, query)]


def search_links(page, query: str) -> list[str]:
    """Type a query and return the result links in rank order, as the theme wrote them (with ?h=)."""
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
    return page.locator(".md-search-result__item > a.md-search-result__link:first-child").evaluate_all(
        "links => links.map(a => a.href)"
    )


def rank_of(results: list[str], expected: str) -> int | None:
    """1-based rank of the expected page, or None when it is not among the results."""
    return results.index(expected) + 1 if expected in results else None


def link_to(links: list[str], expected: str) -> str | None:
    """The result link of the expected page ('lost/card/'), else the first one; None without results."""
    for href in links:
        if urlsplit(href).path.endswith("/" + expected):
            return href
    return links[0] if links else None


def marks_on(page, href: str) -> list[str]:
    """Follow a result link (with its ?h=) and return the marked texts on the page.

    Marks that touch (<mark>카</mark><mark>드</mark>) read as one marked text, as a reader sees them.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    marks = page.locator("article mark[data-md-highlight]")
    page.goto(href, wait_until="networkidle")
    terms = [t.lower() for t in parse_qs(urlsplit(href).query).get("h", [""])[0].split()]
    # The theme marks once its search index is loaded. Wait for that only when there is something
    # to mark: no term of ?h= on the page means no mark will ever come.
    article = page.locator("article").inner_text().lower()
    if not any(term in article for term in terms):
        return []
    try:
        marks.first.wait_for(state="attached", timeout=10_000)
    except PlaywrightTimeout:  # a term only in hidden text (a closed box): nothing visible to mark
        return []
    return marks.evaluate_all(
        """marks => {
            const runs = [];
            marks.forEach((mark, i) => {
                if (i > 0 && mark.previousSibling === marks[i - 1]) runs[runs.length - 1] += mark.textContent;
                else runs.push(mark.textContent);
            });
            return runs;
        }"""
    )


def stray_marks(query: str, marks: list[str]) -> list[str]:
    """Marks that do not cover a word of the query: a syllable of it alone, or an unrelated word.

    A mark is fine when it is a query word, contains one, or is the start of one of at least two
    letters (카드 for 카드를: the word without its particle).
    """
    # Latin letters or digits written against Hangul are two words (otp분실 = otp + 분실).
    words = [w.lower() for w in re.split(r"\s+|(?<=[a-zA-Z0-9])(?=[가-힣])|(?<=[가-힣])(?=[a-zA-Z0-9])", query) if w]
    stray = []
    for mark in marks:
        text = mark.strip().lower()
        if not any(text == w or w in text or (len(text) >= 2 and w.startswith(text)) for w in words):
            stray.append(mark)
    return stray
