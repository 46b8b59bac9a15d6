"""Public pages speak to the reader only: no team notes, data-file mechanics, tool names or remarks on
how the site was made, anywhere in the built site (issue 10.6). The editors' pages are left out.

The words are chosen so they cannot be legitimate reader text on this site (a Korean help site about
lost cards): file names, tool names, our own team's vocabulary. Each is its own test case, so a clean
word stays enforced while another is being reworded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Pages for editors only: out of the readers' navigation and search (mkdocs.yml not_in_nav).
EDITORS_ONLY = ("editors/",)

# (word, why it is internal). Matched case-insensitively in the text a reader sees or hears.
INTERNAL_WORDS = [
    ("facts.md", "the team's notes file"),
    ("팀 사실", "the team's notes"),
    ("작업 환경", "the working environment of whoever built the site"),
    ("인터넷 없음", "the working environment had no internet"),
    ("우리 자료", "'our data': the data file, not a source a reader can check"),
    ("데이터 파일", "data-file mechanics"),
    (".yml", "data files (contacts.yml, checklist.yml)"),
    ("lost에 card", "a data-file key in a rule description"),
    ("verified_on", "a data-file key"),
    ("check_at", "a data-file key"),
    ("hours_claim", "a data-file key"),
    ("domestic_only", "a data-file key"),
    ("hook", "build machinery"),
    ("mkdocs", "the site generator (the theme's 'Made with' line included)"),
    ("빌드", "build machinery"),
    ("단축코드", "editors' shortcodes"),
    ("편집자", "the editors' guide belongs to editors"),
    ("엔진", "the engine: say what the reader gets (the checklist), not how it runs"),
    ("파이썬", "the language the checklist is written in"),
    ("python", "the language the checklist is written in"),
    ("pyodide", "the runtime in the browser"),
    ("런타임", "the runtime in the browser"),
    ("lossguide", "the package name"),
    (".invalid", "a placeholder host (the old edit link)"),
]

# Wording that branch content rewrites (contacts.yml sources, the sources and contact pages). Strict:
# once the merged site is clean these cases XPASS and fail, telling the lead to delete this set.
class _ReaderText(HTMLParser):
    """The text a reader sees or hears: element text (templates included: they are shown later) and the
    attributes read aloud or shown as tooltips; never script or style source."""

    SPOKEN = ("title", "aria-label", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def reader_text(html: str) -> str:
    parser = _ReaderText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def hits(site: Path, word: str) -> list[str]:
    """'page: …context…' for every public page whose reader text contains ``word``."""
    found = []
    pattern = re.compile(re.escape(word), re.IGNORECASE)
    for html_file in sorted(site.rglob("*.html")):
        page = html_file.relative_to(site).as_posix()
        if page.startswith(EDITORS_ONLY):
            continue
        text = reader_text(html_file.read_text(encoding="utf-8"))
        found += [f"{page}: …{text[max(0, m.start() - 30) : m.end() + 30]}…" for m in pattern.finditer(text)]
    return found


def _case(word: str, why: str) -> object:
    return pytest.param(word, why, id=word)


@pytest.mark.parametrize(("word", "why"), [_case(word, why) for word, why in INTERNAL_WORDS])
def test_no_public_page_uses_internal_words(site: Path, word: str, why: str) -> None:
    found = hits(site, word)
    assert found == [], f"{word!r} ({why}) on public pages:\n" + "\n".join(found[:20])


def test_the_scan_reads_what_readers_see_and_skips_code(tmp_path: Path) -> None:
    (tmp_path / "editors").mkdir()
    (tmp_path / "editors" / "index.html").write_text("<p>contacts.yml</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<p>분실 신고</p><span title="팀 사실 문서">?</span><script>const engine = "엔진";</script>', encoding="utf-8"
    )
    assert hits(tmp_path, "팀 사실") == ["index.html: …분실 신고 팀 사실 문서 ?…"]  # a tooltip is read
    assert hits(tmp_path, "엔진") == []  # script source is not read
    assert hits(tmp_path, ".yml") == []  # editors' pages are left out
