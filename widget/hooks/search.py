"""MkDocs hook: Korean search that ranks the page whose subject it is first, and helps when nothing is found.

Material's search splits Hangul into syllables (the `separator` in mkdocs.yml), which finds spacing
variants and words with particles but ranks loosely. After Material writes search/search_index.json,
this hook adds a field to it, using only the index's own format (no theme JavaScript is touched):
each page's own entry gets ``keywords``, weighted like a title: its place in the navigation, its
title, its headings and the editors' ``search_keywords`` from the front matter (synonyms such as
핸드폰). Material's search worker indexes every field listed in the index's ``config.fields``.
So a page whose subject the query names outranks pages that only mention it in passing.

Highlighting: with ``search.highlight`` the theme passes the matched terms to the page (``?h=``),
and with Hangul cut into syllables those are syllables (카 드 분 실), which light up inside unrelated
words. A small script (search_highlight.js, next to this hook, added to every page) puts the words
the reader typed into ``h`` instead; matching and ranking are untouched.

It also gives the template the 24-hour line and the main guides for a search with no result.
tools/bench_search.py measures the effect; tests/browser/test_search_in_chromium.py holds the goal.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

KEYWORDS_FIELD = {"keywords": {"boost": 1000.0}}  # as strong as a title: nav path, page title, synonyms
INDEX = "search/search_index.json"
HIGHLIGHT_SCRIPT = "assets/javascripts/lg-search-highlight.js"  # in the built site


def _page_keywords(page: Page) -> str:
    parts = [ancestor.title for ancestor in reversed(page.ancestors) if isinstance(ancestor, Section)]
    parts.append(page.title or "")
    parts += [item.title for item in _headings(page.toc)]
    extra = page.meta.get("search_keywords") or []
    if not isinstance(extra, list) or not all(isinstance(k, str) for k in extra):
        raise PluginError(f"docs/{page.file.src_uri}: search_keywords는 글자 목록이어야 합니다. 예: [핸드폰, 폰 분실]")
    return " ".join(dict.fromkeys([*parts, *extra]))  # each phrase once: the h1 repeats the title


def _headings(items) -> list:
    found = []
    for item in items:
        found += [item, *_headings(item.children)]
    return found


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra_javascript.append(HIGHLIGHT_SCRIPT)
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # The main guides: the first page of each top-level section (filtered in on_env, once meta is read).
    guides = []
    for item in nav.items:
        page = item if isinstance(item, Page) else next((c for c in item.children if isinstance(c, Page)), None)
        if page is not None:
            guides.append((item.title, page))
    config.extra["search_guide_candidates"] = guides
    return nav


def _searchable(page: Page) -> bool:
    return not (page.meta.get("search") or {}).get("exclude")


def on_env(env, config: MkDocsConfig, files: Files):
    keywords = {}
    for file in files.documentation_pages():
        if file.page is not None and _searchable(file.page):
            keywords[file.page.url] = _page_keywords(file.page)
    config.extra["search_page_keywords"] = keywords
    # Pages left out of search (the editors' pages) are no main guide for readers either.
    config.extra["search_fallback_guides"] = [
        {"title": title, "url": page.url}
        for title, page in config.extra["search_guide_candidates"]
        if _searchable(page)
    ]
    return env


def reweight(index: dict, keywords: dict[str, str]) -> dict:
    """Add each page's keywords to Material's search index and declare the field (pure: for tests)."""
    index["config"]["fields"] = {**index["config"]["fields"], **KEYWORDS_FIELD}
    for doc in index["docs"]:
        if "#" not in doc["location"] and doc["location"] in keywords:
            doc["keywords"] = keywords[doc["location"]]
    return index


def on_post_build(config: MkDocsConfig) -> None:
    # Hooks run after plugins, so Material's search plugin has written its index by now.
    path = Path(config.site_dir) / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    reweighted = reweight(index, config.extra["search_page_keywords"])
    path.write_text(json.dumps(reweighted, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    script = Path(config.site_dir) / HIGHLIGHT_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_bytes((Path(__file__).parent / "search_highlight.js").read_bytes())
