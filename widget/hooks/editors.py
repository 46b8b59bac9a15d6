"""MkDocs hook: the editors' checks and the editors' reference lists, generated from the data.

Listed first in ``hooks:`` so it reads each page's Markdown as the editor wrote it (true line numbers).

Checks (Korean messages with file and line; all but the first stop the build):
- a fact whose ``verified_on`` is older than 180 days: an INFO line "[다시 확인할 사실] ..." (``--strict``
  fails only on warnings) and a row in ``{{ recheck-table }}``;
- a ``{{ step ID }}`` with an unknown step id; checklist.yml problems (step without rule, rule without
  step, unknown channel or page) through the engine's own loader;
- a page missing from ``nav`` in mkdocs.yml;
- a link to a heading (``#anchor``) that the target page does not have.

Shortcodes: ``{{ step ID }}`` (a link to the step's guide page, titled like the checklist), and for
the editors' pages ``{{ shortcode-list }}``, ``{{ fact-ids }}``, ``{{ step-ids }}``, ``{{ recheck-table }}``.
Shortcodes inside code spans and fences are shown as written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from pagesource import first_line, where

if TYPE_CHECKING:
    from lossguide.model import Checklist, Directory
# The engine itself is imported inside the event functions: see fresh_engine.py (mkdocs serve).

log = logging.getLogger("mkdocs.hooks.editors")

MAX_AGE_DAYS = 180
BUILD_DATE_ENV = "LOSSGUIDE_BUILD_DATE"  # YYYY-MM-DD: pretend the build runs that day (tests, previews)
CONTACTS_FILE = "docs/data/contacts.yml"
CHECKLIST_FILE = "docs/data/checklist.yml"
RECHECK_PREFIX = "[다시 확인할 사실]"

SHORTCODE = re.compile(r"\{\{\s*(step|shortcode-list|fact-ids|step-ids|recheck-table)(?:\s+([A-Za-z0-9_]+))?\s*\}\}")
CODE = re.compile(r"^(```|~~~).*?^\1|(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)", re.M | re.S)
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML_ID = re.compile(r"""\sid=["']([^"']+)["']""")
PLACEHOLDER = "<!--lossguide-editors:{name}-->"

# Every shortcode editors can write, for {{ shortcode-list }}: (written form, what it shows).
SHORTCODES = [
    ("{{ contact ID }}", "연락처의 번호나 주소 (전화는 누르면 걸리는 링크). ID는 아래 '연락처 id'"),
    ("{{ channel ID }}", "채널 이름, 번호, 운영 시간, 확인 상태. ID는 아래 '채널 id'"),
    ("{{ hours ID }}", "채널의 운영 시간만 (예: 24시간 365일)"),
    ("{{ hotline }}", "맨 위 분실 신고 줄과 같은 24시간 신고 채널"),
    ("{{ contacts-table }}", "모든 연락처와 채널의 표"),
    ("{{ sources-table }}", "모든 사실과 출처, 확인 날짜의 표"),
    ("{{ step ID }}", "체크리스트 단계의 제목을 그 단계의 안내 페이지 링크로. ID는 아래 '체크리스트 단계 id'"),
    ("{{ checklist }}", "상황별 체크리스트 위젯 (전체 화면용)"),
    ("{{ checklist-compact }}", "상황별 체크리스트 위젯 (안내 페이지 안의 작은 버전)"),
    ("{{ shortcode-list }}", "이 표 (편집자 안내용)"),
    ("{{ fact-ids }}", "연락처 id와 채널 id 목록 (편집자 안내용)"),
    ("{{ step-ids }}", "체크리스트 단계 id 목록 (편집자 안내용)"),
    ("{{ recheck-table }}", "확인한 지 180일이 지난 사실의 표 (편집자 안내용)"),
]


# --- Pure helpers (tested directly) --------------------------------------------------------------


def build_date() -> dt.date:
    """The day the build counts from: LOSSGUIDE_BUILD_DATE if set, else today."""
    value = os.environ.get(BUILD_DATE_ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"환경 변수 {BUILD_DATE_ENV}의 값 '{value}'은(는) YYYY-MM-DD 형식이어야 합니다") from None


def stale_facts(directory: Directory, today: dt.date, max_age_days: int = MAX_AGE_DAYS) -> list[dict[str, object]]:
    """Facts verified more than ``max_age_days`` before ``today``, oldest first."""
    stale = []
    for section, table in (("contacts", directory.contacts), ("channels", directory.channels)):
        for ident, fact in table.items():
            checked = fact.verification.verified_on
            if not fact.verification.verified or not checked:
                continue
            age = (today - dt.date.fromisoformat(checked)).days
            if age > max_age_days:
                stale.append({"section": section, "id": ident, "name": fact.name, "verified_on": checked, "age": age})
    return sorted(stale, key=lambda f: (-int(f["age"]), str(f["id"])))


def code_spans(markdown: str) -> list[tuple[int, int]]:
    return [m.span() for m in CODE.finditer(markdown)]


def internal_links(markdown: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """(line, target page path or '', anchor) of every Markdown link with an #anchor to a page of this site."""
    code = code_spans(markdown)
    found = []
    for match in LINK.finditer(markdown):
        if any(start <= match.start() < end for start, end in code):
            continue
        target = match.group(1) or match.group(2)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.fragment:
            continue
        if parts.path and not parts.path.endswith(".md"):
            continue
        line = first_line + markdown.count("\n", 0, match.start())
        found.append((line, unquote(parts.path), unquote(parts.fragment)))
    return found


# --- Generated reference tables -------------------------------------------------------------------


def _code(text: str) -> str:
    # Entities keep facts.py and widget.py from expanding the braces: the reader sees them as written.
    return "<code>" + escape(text).replace("{", "&#123;").replace("}", "&#125;") + "</code>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="lg-editor-table"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _status(fact) -> str:
    v = fact.verification
    return f"확인 {escape(v.verified_on)}" if v.verified else "확인 필요"


def shortcode_list_html() -> str:
    return _table(["쓰는 법", "보이는 것"], [[_code(code), escape(what)] for code, what in SHORTCODES])


def fact_ids_html(directory: Directory) -> str:
    from lossguide import render

    contacts = [
        [_code(f"{{{{ contact {i} }}}}"), escape(c.name), escape(c.value or "(값 없음)"), _status(c)]
        for i, c in directory.contacts.items()
    ]
    channels = [
        [_code(f"{{{{ channel {i} }}}}"), escape(c.name), escape(render.hours_text(c.schedule)), _status(c)]
        for i, c in directory.channels.items()
    ]
    return (
        "<p><strong>연락처 id</strong> (docs/data/contacts.yml의 contacts)</p>"
        + _table(["단축코드", "이름", "값", "상태"], contacts)
        + "<p><strong>채널 id</strong> (docs/data/contacts.yml의 channels)</p>"
        + _table(["단축코드", "이름", "운영 시간", "상태"], channels)
    )


def step_ids_html(checklist: Checklist | None) -> str:
    if checklist is None:
        return "<p>docs/data/checklist.yml이 아직 없습니다.</p>"
    rows = [
        [_code(f"{{{{ step {s.id} }}}}"), escape(s.title), escape(s.phase), escape(s.rule), escape(s.page)]
        for s in checklist.steps
    ]
    return _table(["단축코드", "제목", "시점(phase)", "규칙(rule)", "안내 페이지"], rows)


def recheck_table_html(stale: list[dict[str, object]], today: dt.date) -> str:
    if not stale:
        return f"<p>{today.isoformat()} 기준으로 확인한 지 {MAX_AGE_DAYS}일이 지난 사실이 없습니다.</p>"
    rows = [
        [escape(f"{f['section']}.{f['id']}"), escape(str(f["name"])), escape(str(f["verified_on"])), f"{f['age']}일"]
        for f in stale
    ]
    intro = f"<p>{today.isoformat()} 기준으로 공식 출처에서 확인한 지 {MAX_AGE_DAYS}일이 지난 사실입니다.</p>"
    return intro + _table(["항목 (contacts.yml)", "이름", "마지막 확인", "지난 날"], rows)


# --- Hook events ----------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["editors_links"] = []  # (file, src_uri, line, target, anchor), checked in on_env
    config.extra["editors_anchors"] = {}  # src_uri -> ids in the rendered page
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    from lossguide import DataError
    from lossguide.sources import guide_pages, load_checklist, load_yaml

    # facts.py's on_config has loaded contacts.yml by now (every on_config runs before on_nav).
    directory: Directory = config.extra["lossguide_directory"]
    docs = Path(config.docs_dir)

    in_nav = {page.file.src_uri for page in nav.pages}
    missing = [
        f.src_uri
        for f in files.documentation_pages()
        if f.inclusion == InclusionLevel.INCLUDED and f.src_uri not in in_nav
    ]
    if missing:
        listed = "\n".join(f"  docs/{uri}:1: mkdocs.yml의 nav에 없는 페이지입니다" for uri in sorted(missing))
        raise PluginError(f"메뉴(nav)에 빠진 페이지가 있습니다. mkdocs.yml의 nav에 추가하세요:\n{listed}")

    checklist = None
    if (docs / "data" / "checklist.yml").exists():
        try:
            checklist, _ = load_checklist(docs / "data" / "checklist.yml", directory, CHECKLIST_FILE, guide_pages(docs))
        except DataError as exc:
            raise PluginError(f"데이터 파일 오류: {exc}") from None
    config.extra["editors_checklist"] = checklist

    today = build_date()
    stale = stale_facts(directory, today)
    loaded = load_yaml(docs / "data" / "contacts.yml", CONTACTS_FILE)
    for fact in stale:
        _, line = loaded.locate((fact["section"], fact["id"], "verified_on"))
        # INFO, not WARNING: `mkdocs build --strict` must still pass; the re-check page lists them.
        log.info(
            f"{RECHECK_PREFIX} {CONTACTS_FILE}:{line}: '{fact['id']}'({fact['name']})을(를) 공식 출처에서 확인한 지 "
            f"{fact['age']}일이 지났습니다 (verified_on: {fact['verified_on']}). 다시 확인하고 날짜를 고쳐 주세요"
        )
    config.extra["editors_stale"] = (stale, today)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source, first = where(page), first_line(page, markdown)
    links = internal_links(markdown, first)
    config.extra["editors_links"] += [(source, page.file.src_uri, line, path, anchor) for line, path, anchor in links]
    code = code_spans(markdown)
    checklist: Checklist | None = config.extra["editors_checklist"]

    def one(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in code):
            return match.group(0)
        name, ident = match.group(1), match.group(2)
        line = first + markdown.count("\n", 0, match.start())
        if name != "step":
            if ident is not None:
                raise PluginError(f"{source}:{line}: '{{{{ {name} }}}}'에는 id를 붙이지 않습니다")
            return PLACEHOLDER.format(name=name)
        steps = {s.id: s for s in checklist.steps} if checklist else {}
        if ident is None or ident not in steps:
            known = ", ".join(steps) or "(없음)"
            raise PluginError(f"{source}:{line}: 알 수 없는 체크리스트 단계 id '{ident}'. {CHECKLIST_FILE}에 있는 id: {known}")
        step = steps[ident]
        link = posixpath.relpath(step.page, posixpath.dirname(page.file.src_uri) or ".")
        return f"[{step.title}]({link})"

    return SHORTCODE.sub(one, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    config.extra["editors_anchors"][page.file.src_uri] = set(HTML_ID.findall(html))
    if "<!--lossguide-editors:" not in html:
        return html
    stale, today = config.extra["editors_stale"]
    generated = {
        "shortcode-list": shortcode_list_html,
        "fact-ids": lambda: fact_ids_html(config.extra["lossguide_directory"]),
        "step-ids": lambda: step_ids_html(config.extra["editors_checklist"]),
        "recheck-table": lambda: recheck_table_html(stale, today),
    }
    for name, make in generated.items():
        marker = PLACEHOLDER.format(name=name)
        if marker in html:
            html = html.replace(f"<p>{marker}</p>", make()).replace(marker, make())
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    # Every page is rendered now: check links to headings before MkDocs' own (English) check does.
    anchors: dict[str, set[str]] = config.extra["editors_anchors"]
    problems = []
    for source, src_uri, line, path, anchor in config.extra["editors_links"]:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) if path else src_uri
        if target not in anchors:
            continue  # not a page of this site: MkDocs reports missing files itself
        if anchor not in anchors[target]:
            problems.append(f"  {source}:{line}: docs/{target}에 '#{anchor}' 제목이 없습니다")
    if problems:
        raise PluginError(
            "없는 제목으로 가는 링크가 있습니다. 제목을 바꿨다면 링크의 # 뒤도 바꿔 주세요 "
            "(제목 옆 ¶를 눌러 주소를 복사할 수 있습니다):\n" + "\n".join(problems)
        )
    return env
