"""The site builds strictly, every page in the navigation exists, and every page shows the hotline."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from mkdocs.config import load_config

from lossguide.render import hours_text
from lossguide.sources import load_directory


def _nav_files(nav: list) -> list[str]:
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += _nav_files(value) if isinstance(value, list) else [value]
    return files


def banner(html: str) -> str:
    """The announce bar Material puts above the header of every page."""
    found = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S)
    assert found, "page has no banner"
    return found.group(1)


def _mkdocs_config(repo: Path) -> dict:
    return load_config(str(repo / "mkdocs.yml"))


def test_strict_build_succeeds_without_warnings(build_result: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _ = build_result
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_every_markdown_page_is_in_the_navigation(repo: Path) -> None:
    nav = set(_nav_files(_mkdocs_config(repo)["nav"]))
    pages = {p.relative_to(repo / "docs").as_posix() for p in (repo / "docs").rglob("*.md")}
    pages = {p for p in pages if not p.startswith(("overrides/", "data/", "snippets/"))}  # snippets: included, not pages
    editors = {p for p in pages if p.startswith("editors/")}  # built, but not for readers (not_in_nav)
    assert editors and not editors & nav, "the editors' guide is in the readers' navigation"
    pages -= editors
    assert pages - nav == set(), "pages missing from nav"
    assert nav - pages == set(), "nav entries without a page"


def test_every_page_shows_the_24_hour_line_at_the_top(repo: Path, site: Path) -> None:
    directory, _ = load_directory(repo / "docs/data/contacts.yml")
    hotline = directory.channels[directory.hotline]
    number = directory.contacts[hotline.contact].value
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        top = banner(html)
        assert number in top, f"{page}: hotline number missing from the banner"
        assert f'href="tel:{number.replace("-", "")}"' in top, f"{page}: hotline is not a tap-to-call link"
        assert hours_text(hotline.schedule) in top


def test_unverified_hotline_carries_the_check_mark_and_never_an_open_claim(site: Path) -> None:
    top = banner((site / "index.html").read_text(encoding="utf-8"))
    assert "확인 필요" in top
    assert "열림" not in top


def test_site_has_no_google_fonts_or_repository_api(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert "api.github.com" not in html, page
