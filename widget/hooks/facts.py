"""MkDocs hook: facts from docs/data/contacts.yml into pages, and no fact written by hand.

Shortcodes (an unknown name or id stops the build with file and line):
  {{ contact ID }}   a phone number or address        {{ channel ID }}  channel, number and hours
  {{ hours ID }}     a channel's hours in Korean       {{ hotline }}     the 24-hour loss line
  {{ contacts-table }}  all channels                   {{ sources-table }}  every fact and its source
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from pagesource import first_line, where

if TYPE_CHECKING:
    from lossguide.model import Directory
# The engine itself is imported inside the event functions: see fresh_engine.py (mkdocs serve).

SHORTCODE = re.compile(r"\{\{\s*([a-z][a-z-]*)(?:\s+([A-Za-z0-9_]+))?\s*\}\}")
# Korean phone numbers as people write them: 1522-1000, 1522 1000, 15221000, 02-123-4567, 010-1234-5678.
PHONE = re.compile(r"(?<![\d-])(?:1[5-9]\d{2}[- ]?\d{4}|0\d{1,2}[- ]\d{3,4}[- ]\d{4})(?![\d-])")
# Anything still looking like a shortcode after expansion is a typo ({{ Channel x }}, {{ contact a-b }}).
LEFTOVER = re.compile(r"\{\{.*?\}\}")
CODE_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
# Code spans and fences show shortcodes literally (the editors' guide): never expanded, never rejected.
CODE = re.compile(r"^(```|~~~).*?^\1|(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)", re.M | re.S)

CONTACTS_FILE = "data/contacts.yml"


def _directory(config: MkDocsConfig) -> Directory:
    return config.extra["lossguide_directory"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from lossguide import DataError, render
    from lossguide.sources import load_directory

    path = Path(config.docs_dir) / CONTACTS_FILE
    display = str(path.relative_to(Path(config.config_file_path).parent))
    try:
        directory, raw = load_directory(path, display)
    except DataError as exc:
        raise PluginError(f"데이터 파일 오류: {exc}") from None
    config.extra["lossguide_directory"] = directory
    config.extra["lossguide_contacts"] = raw
    config.extra["hotline_html"] = render.hotline_html(directory)
    return config


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _hand_written_facts(markdown: str, directory: Directory, first: int = 1) -> list[tuple[int, str]]:
    """Phone numbers and known contact values typed into Markdown instead of a shortcode."""
    text = CODE_FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    hits = [(m.start(), m.group(0)) for m in PHONE.finditer(text)]
    for contact in directory.contacts.values():
        if not contact.value:
            continue
        literal = contact.value.removeprefix("https://").removeprefix("http://")
        pattern = rf"(?<![\w.-]){re.escape(literal)}(?![\w-])"
        hits += [(m.start(), m.group(0)) for m in re.finditer(pattern, text)]
    return sorted((first - 1 + _line_of(text, i), value) for i, value in hits)


def expand(markdown: str, directory: Directory, source: str, first: int = 1) -> str:
    """Replace every shortcode; raise PluginError naming file and line for anything unknown."""
    from lossguide import render

    code = [m.span() for m in CODE.finditer(markdown)]

    def one(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in code):
            return match.group(0)
        name, ident = match.group(1), match.group(2)
        line = first - 1 + _line_of(markdown, match.start())

        def need(table: dict[str, object], what: str) -> str:
            if ident is None:
                raise PluginError(f"{source}:{line}: '{{{{ {name} }}}}'에는 {what} id가 필요합니다")
            if ident not in table:
                known = ", ".join(sorted(table))
                raise PluginError(f"{source}:{line}: 알 수 없는 {what} id '{ident}'. {CONTACTS_FILE}에 있는 id: {known}")
            return ident

        match name:
            case "contact":
                return render.contact_html(directory, need(directory.contacts, "연락처"))
            case "channel":
                return render.channel_html(directory, need(directory.channels, "채널"))
            case "hours":
                return render.hours_text(directory.channels[need(directory.channels, "채널")].schedule)
            case "hotline" if ident is None:
                return render.channel_html(directory, directory.hotline)
            case "contacts-table" if ident is None:
                return render.contacts_table_html(directory)
            case "sources-table" if ident is None:
                return render.sources_table_html(directory)
        raise PluginError(
            f"{source}:{line}: 알 수 없는 단축코드 '{match.group(0)}'. "
            "쓸 수 있는 것: contact, channel, hours, hotline, contacts-table, sources-table"
        )

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
    directory = _directory(config)
    source, first = where(page), first_line(page, markdown)
    hits = _hand_written_facts(markdown, directory, first)
    if hits:
        listed = "; ".join(f"{source}:{line}: '{value}'" for line, value in hits)
        raise PluginError(
            f"전화번호나 주소를 본문에 직접 적으면 안 됩니다. {CONTACTS_FILE}에 넣고 "
            f"{{{{ contact id }}}}로 불러 주세요: {listed}"
        )
    return expand(markdown, directory, source, first)
