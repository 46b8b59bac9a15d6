"""MkDocs hook: every ``{{ name ID }}`` shortcode of every page, through one registry and one dispatch.

``REGISTRY`` maps each name to what it needs (an id from which table, or nothing), what it shows
(the editors' reference is generated from it) and how it renders. A renderer returns Markdown/HTML
in place; names without a renderer leave a placeholder that the hook owning them fills once the
page is HTML (widget.py: the checklist widget; editors.py: the editors' reference tables).
An unknown name, a missing or unknown id, or anything left looking like a shortcode stops the build
with file, line and the allowed names or ids. Shortcodes inside code spans and fences stay as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from pagesource import first_line, where
from sitedata import BuildData, site_data

# The engine is imported inside the renderers: see sitedata.py (mkdocs serve).

SHORTCODE = re.compile(r"\{\{\s*([a-z][a-z-]*)(?:\s+([A-Za-z0-9_]+))?\s*\}\}")
# Anything still looking like a shortcode after expansion is a typo ({{ Channel x }}, {{ contact a-b }}).
LEFTOVER = re.compile(r"\{\{.*?\}\}")
# Code spans and fences show shortcodes literally (the editors' guide): never expanded, never rejected.
CODE = re.compile(r"^(```|~~~).*?^\1|(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)", re.M | re.S)
PLACEHOLDER = "<!--lossguide:{name}-->"


@dataclass(frozen=True)
class IdTable:
    """Where the ids of a shortcode come from, in the editors' words."""

    what: str  # '연락처', shown in messages and the reference
    file: Callable[[BuildData], str]
    ids: Callable[[BuildData], Mapping[str, Any]]


ID_TABLES = {
    "contact": IdTable("연락처", lambda d: d.contacts_file, lambda d: d.directory.contacts),
    "channel": IdTable("채널", lambda d: d.contacts_file, lambda d: d.directory.channels),
    "step": IdTable("체크리스트 단계", lambda d: d.checklist_file, lambda d: {s.id: s for s in d.checklist.steps}),
}

Render = Callable[[BuildData, "str | None", Page], str]


@dataclass(frozen=True)
class Shortcode:
    """One shortcode: ``needs`` names an ID_TABLES entry (or None: takes no id); ``render`` None = placeholder."""

    name: str
    what: str
    needs: str | None = None
    render: Render | None = None

    @property
    def written(self) -> str:
        return f"{{{{ {self.name} ID }}}}" if self.needs else f"{{{{ {self.name} }}}}"


def _contact(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.contact_html(data.directory, str(ident))


def _channel(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.channel_html(data.directory, str(ident))


def _hours(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.hours_text(data.directory.channels[str(ident)].schedule)


def _hotline(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.channel_html(data.directory, data.directory.hotline)


def _contacts_table(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.contacts_table_html(data.directory)


def _sources_table(data: BuildData, ident: str | None, page: Page) -> str:
    from lossguide import render

    return render.sources_table_html(data.directory)


def _step(data: BuildData, ident: str | None, page: Page) -> str:
    step = next(s for s in data.checklist.steps if s.id == ident)
    link = posixpath.relpath(step.page, posixpath.dirname(page.file.src_uri) or ".")
    return f"[{step.title}]({link})"


REGISTRY: dict[str, Shortcode] = {
    s.name: s
    for s in (
        Shortcode("contact", "연락처의 번호나 주소 (전화는 누르면 걸리는 링크). ID는 아래 '연락처 id'", "contact", _contact),
        Shortcode("channel", "채널 이름, 번호, 운영 시간, 확인 상태. ID는 아래 '채널 id'", "channel", _channel),
        Shortcode("hours", "채널의 운영 시간만 (예: 24시간 365일). ID는 아래 '채널 id'", "channel", _hours),
        Shortcode("hotline", "맨 위 분실 신고 줄과 같은 24시간 신고 채널", None, _hotline),
        Shortcode("contacts-table", "모든 연락처와 채널의 표", None, _contacts_table),
        Shortcode("sources-table", "모든 사실과 출처, 확인 날짜의 표", None, _sources_table),
        Shortcode("step", "체크리스트 단계의 제목을 그 단계의 안내 페이지 링크로. ID는 아래 '체크리스트 단계 id'", "step", _step),
        Shortcode("checklist", "상황별 체크리스트 위젯 (전체 화면용)"),
        Shortcode("checklist-compact", "상황별 체크리스트 위젯 (안내 페이지 안의 작은 버전)"),
        Shortcode("shortcode-list", "이 표 (편집자 안내용)"),
        Shortcode("fact-ids", "연락처 id와 채널 id 목록 (편집자 안내용)"),
        Shortcode("step-ids", "체크리스트 단계 id 목록 (편집자 안내용)"),
        Shortcode("recheck-table", "확인한 지 180일이 지난 사실의 표 (편집자 안내용)"),
    )
}


def allowed_names() -> str:
    """The names editors can write, for messages: 'contact, channel, ...'."""
    return ", ".join(REGISTRY)


def placeholder(name: str) -> str:
    return PLACEHOLDER.format(name=name)


def fill(html: str, name: str, make: Callable[[], str]) -> str:
    """Replace the placeholder of ``name`` (alone in a paragraph or inline) with ``make()``."""
    marker = placeholder(name)
    if marker not in html:
        return html
    made = make()
    return html.replace(f"<p>{marker}</p>", made).replace(marker, made)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def expand(markdown: str, data: BuildData, page: Page, source: str, first: int = 1) -> str:
    """Replace every shortcode of a page; raise PluginError naming file and line for anything unknown."""
    code = [m.span() for m in CODE.finditer(markdown)]

    def one(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in code):
            return match.group(0)
        name, ident = match.group(1), match.group(2)
        line = first - 1 + _line_of(markdown, match.start())
        shortcode = REGISTRY.get(name)
        if shortcode is None:
            raise PluginError(
                f"{source}:{line}: 알 수 없는 단축코드 '{match.group(0)}'. 쓸 수 있는 것: {allowed_names()} "
                "(docs/editors/reference.md)"
            )
        if shortcode.needs is None and ident is not None:
            raise PluginError(f"{source}:{line}: '{{{{ {name} }}}}'에는 id를 붙이지 않습니다. '{{{{ {name} }}}}'처럼 씁니다")
        if shortcode.needs is not None:
            table = ID_TABLES[shortcode.needs]
            ids = table.ids(data)
            if ident is None:
                raise PluginError(
                    f"{source}:{line}: '{{{{ {name} }}}}'에는 {table.what} id가 필요합니다. 예: '{{{{ {name} {next(iter(ids), 'id')} }}}}'"
                )
            if ident not in ids:
                known = ", ".join(sorted(ids)) or "(없음)"
                raise PluginError(f"{source}:{line}: 알 수 없는 {table.what} id '{ident}'. {table.file(data)}에 있는 id: {known}")
        if shortcode.render is None:
            return placeholder(name)
        return shortcode.render(data, ident, page)

    expanded = SHORTCODE.sub(one, markdown)
    code = [m.span() for m in CODE.finditer(expanded)]
    for match in LEFTOVER.finditer(expanded):
        if not any(start <= match.start() < end for start, end in code):
            line = first - 1 + _line_of(expanded, match.start())
            raise PluginError(
                f"{source}:{line}: 단축코드 '{match.group(0)}'를 읽을 수 없습니다. "
                "{{ contact kbank_phone }}처럼 소문자 이름과 id를 띄어 써 주세요 (docs/editors/reference.md)"
            )
    return expanded


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return expand(markdown, site_data(config), page, where(page), first_line(page, markdown))
