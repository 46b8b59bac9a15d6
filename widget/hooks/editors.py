"""MkDocs hook: the editors' checks and the editors' reference lists, generated from the data.

Checks (Korean messages with file and line; all but the first stop the build, listing every problem):
- a fact whose ``verified_on`` is older than 180 days: an INFO line "[다시 확인할 사실] ..." (``--strict``
  fails only on warnings) and a row in ``{{ recheck-table }}``;
- a phone number or known address written into a page instead of a shortcode, in any width or
  notation (full-width digits, any dash, +82, dots); front matter that is not YAML (MkDocs would
  print it as text); an admonition type the theme does not style (``!!! dangr``) (pagechecks.py);
- a time or hour range in a checklist step title (평일 9시, 9시~18시, 09:00);
- a page missing from ``nav`` in mkdocs.yml, and a page in ``nav`` that neither the home page nor its
  section's index page links to (readers would never find it);
- a link to a heading (``#anchor``) that the target page does not have.

Each check reads the page's source file as written (true line numbers), so it does not depend on
which hook has already changed the Markdown. The reference tables (``{{ shortcode-list }}``,
``{{ fact-ids }}``, ``{{ step-ids }}``, ``{{ recheck-table }}``) are filled in here; shortcodes.py
checks and places them.
"""

from __future__ import annotations

import logging
import posixpath
import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

import pagechecks
from pagesource import where
from shortcodes import REGISTRY, fill
from sitedata import MAX_AGE_DAYS, BuildData, site_data

log = logging.getLogger("mkdocs.hooks.editors")

RECHECK_PREFIX = "[다시 확인할 사실]"
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML_ID = re.compile(r"""\sid=["']([^"']+)["']""")
THEME_ADMONITION = re.compile(r"\.admonition\.([a-z][a-z-]*)")


# --- Pure helpers (tested directly) --------------------------------------------------------------


def internal_links(source: str) -> list[tuple[int, str, str]]:
    """(line, target page path or '', anchor) of every Markdown link with an #anchor to a page of this site."""
    text = pagechecks.blank_code(source)
    found = []
    for match in LINK.finditer(text):
        target = match.group(1) or match.group(2)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.fragment:
            continue
        if parts.path and not parts.path.endswith(".md"):
            continue
        found.append((pagechecks.line_of(text, match.start()), unquote(parts.path), unquote(parts.fragment)))
    return found


# --- Generated reference tables -------------------------------------------------------------------


def _code(text: str) -> str:
    # Entities keep the shortcode dispatch from expanding the braces: the reader sees them as written.
    return "<code>" + escape(text).replace("{", "&#123;").replace("}", "&#125;") + "</code>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="lg-editor-table"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _status(fact) -> str:
    v = fact.verification
    return f"확인 {escape(v.verified_on)}" if v.verified else "확인 필요"


def shortcode_list_html() -> str:
    """Every shortcode the dispatch accepts, from its registry: the list cannot miss one."""
    return _table(["쓰는 법", "보이는 것"], [[_code(s.written), escape(s.what)] for s in REGISTRY.values()])


def fact_ids_html(data: BuildData) -> str:
    from lossguide import render

    directory = data.directory
    contacts = [
        [_code(f"{{{{ contact {i} }}}}"), escape(c.name), escape(c.value or "(값 없음)"), _status(c)]
        for i, c in directory.contacts.items()
    ]
    channels = [
        [_code(f"{{{{ channel {i} }}}}"), escape(c.name), escape(render.hours_text(c.schedule)), _status(c)]
        for i, c in directory.channels.items()
    ]
    return (
        f"<p><strong>연락처 id</strong> ({escape(data.contacts_file)}의 contacts)</p>"
        + _table(["단축코드", "이름", "값", "상태"], contacts)
        + f"<p><strong>채널 id</strong> ({escape(data.contacts_file)}의 channels)</p>"
        + _table(["단축코드", "이름", "운영 시간", "상태"], channels)
    )


def step_ids_html(data: BuildData) -> str:
    rows = [
        [_code(f"{{{{ step {s.id} }}}}"), escape(s.title), escape(s.phase), escape(s.rule), escape(s.page)]
        for s in data.checklist.steps
    ]
    return _table(["단축코드", "제목", "시점(phase)", "규칙(rule)", "안내 페이지"], rows)


def recheck_table_html(stale: tuple[dict[str, Any], ...], today) -> str:
    if not stale:
        return f"<p>{today.isoformat()} 기준으로 확인한 지 {MAX_AGE_DAYS}일이 지난 사실이 없습니다.</p>"
    rows = [
        [escape(f"{f['section']}.{f['id']}"), escape(str(f["name"])), escape(str(f["verified_on"])), f"{f['age']}일"]
        for f in stale
    ]
    intro = f"<p>{today.isoformat()} 기준으로 공식 출처에서 확인한 지 {MAX_AGE_DAYS}일이 지난 사실입니다.</p>"
    return intro + _table(["항목 (contacts.yml)", "이름", "마지막 확인", "지난 날"], rows)


# --- Hook events ----------------------------------------------------------------------------------


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    data = site_data(config)
    in_nav = {page.file.src_uri for page in nav.pages}
    missing = [
        f.src_uri
        for f in files.documentation_pages()
        if f.inclusion == InclusionLevel.INCLUDED and f.src_uri not in in_nav
    ]
    if missing:
        listed = "\n".join(f"  docs/{uri}:1: mkdocs.yml의 nav에 없는 페이지입니다" for uri in sorted(missing))
        raise PluginError(f"메뉴(nav)에 빠진 페이지가 있습니다. mkdocs.yml의 nav에 추가하세요:\n{listed}")
    problems = [*_step_title_problems(data), *_unreachable_problems(nav, files)]
    values = [c.value for c in data.directory.contacts.values() if c.value]
    admonitions = admonition_types(config)
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        source = f"docs/{file.src_uri}"
        problems += [
            f"{source}:{line}: {message}"
            for line, message in page_problems(file.content_string, values, admonitions, data.contacts_file)
        ]
    # Snippets are pasted into pages after these checks would see them: check their own sources too.
    for snippet in sorted((Path(config.docs_dir) / "snippets").glob("*.md")):
        text = snippet.read_text(encoding="utf-8")
        source = f"docs/snippets/{snippet.name}"
        problems += [f"{source}:{line}: {message}" for line, message in page_problems(text, values, admonitions, data.contacts_file)]
    if problems:
        raise PluginError(f"고칠 곳이 {len(problems)}개 있습니다 (모두 고친 뒤 저장하세요):\n" + "\n".join(f"  {p}" for p in problems))
    for fact in data.stale:
        # INFO, not WARNING: `mkdocs build --strict` must still pass; the re-check page lists them.
        log.info(
            f"{RECHECK_PREFIX} {data.contacts_file}:{fact['line']}: '{fact['id']}'({fact['name']})을(를) 공식 출처에서 "
            f"확인한 지 {fact['age']}일이 지났습니다 (verified_on: {fact['verified_on']}). 다시 확인하고 날짜를 고쳐 주세요"
        )
    return nav


def _step_title_problems(data: BuildData) -> list[str]:
    problems = []
    # Rule descriptions are shown to readers too ("모든 상황의 모든 단계 보기").
    for rule_id, rule in data.checklist.rules.items():
        found = pagechecks.time_or_number(rule.description)
        if found:
            _, line = data.checklist_yaml.locate(("rules", rule_id, "description"))
            problems.append(
                f"{data.checklist_file}:{line}: 규칙 '{rule_id}'의 설명에 시간이나 번호처럼 보이는 '{found}'가 있습니다. "
                "시간과 번호는 contacts.yml의 채널에만 적습니다"
            )
    for i, step in enumerate(data.checklist.steps):
        found = pagechecks.time_or_number(step.title)
        if found:
            _, line = data.checklist_yaml.locate(("steps", i, "title"))
            problems.append(
                f"{data.checklist_file}:{line}: 단계 '{step.id}'의 제목에 시간이나 번호처럼 보이는 '{found}'가 있습니다. "
                "시간과 번호는 contacts.yml의 채널에만 적고 단계의 channel로 그 채널을 가리키세요 (운영 시간은 채널에서 나옵니다)"
            )
    return problems


def _nav_sections(items: list, found: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    for item in items:
        if isinstance(item, Section):
            found.append((item.title, [c.file.src_uri for c in item.children if isinstance(c, Page)]))
            _nav_sections(item.children, found)
    return found


def _unreachable_problems(nav: Navigation, files: Files) -> list[str]:
    if not nav.pages:
        return []
    home = nav.pages[0].file.src_uri
    sources = {f.src_uri: f.content_string for f in files.documentation_pages()}
    return [
        f"docs/{uri}:1: 메뉴에는 있지만 홈(docs/{home})과 이 부분의 첫 페이지 어디에서도 링크하지 않아 읽는 사람이 찾아오지 못합니다. "
        "두 곳 중 알맞은 곳에 '[제목](경로.md)' 링크를 넣어 주세요"
        for uri in pagechecks.unreachable_pages(_nav_sections(nav.items, []), home, sources)
    ]


def admonition_types(config: MkDocsConfig) -> set[str]:
    """The admonition types the theme styles (its own CSS), plus any the site's CSS adds."""
    sheets = [p for d in config.theme.dirs for p in Path(d).glob("assets/stylesheets/main*.css")]
    sheets += [Path(config.docs_dir) / str(css) for css in config.extra_css]
    found = set()
    for sheet in sheets:
        if sheet.is_file():
            found |= set(THEME_ADMONITION.findall(sheet.read_text(encoding="utf-8")))
    if not found:
        raise PluginError("테마의 CSS에서 알림 상자(admonition) 종류를 찾지 못했습니다. 테마가 바뀌었다면 widget/hooks/editors.py를 고쳐 주세요")
    return found


def page_problems(text: str, contact_values: list[str], admonitions: set[str], contacts_file: str) -> list[tuple[int, str]]:
    """(line, Korean message) of every mistake in a page's source that would otherwise publish silently."""
    problems = []
    front = pagechecks.front_matter_problem(text)
    if front:
        problems.append(front)
    for line, value in pagechecks.facts_in_any_notation(text, contact_values):
        problems.append((line, f"전화번호나 주소 '{value}'를 본문에 직접 적으면 안 됩니다. {contacts_file}에 넣고 {{{{ contact id }}}}로 불러 주세요"))
    allowed = ", ".join(sorted(admonitions))
    for line, kind in pagechecks.unknown_admonitions(text, admonitions):
        problems.append((line, f"알림 상자 종류 '{kind}'은(는) 없습니다. 쓸 수 있는 종류: {allowed}"))
    return sorted(problems)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = site_data(config)
    html = fill(html, "shortcode-list", shortcode_list_html)
    html = fill(html, "fact-ids", lambda: fact_ids_html(data))
    html = fill(html, "step-ids", lambda: step_ids_html(data))
    return fill(html, "recheck-table", lambda: recheck_table_html(data.stale, data.today))


def on_env(env, config: MkDocsConfig, files: Files):
    # Every page is rendered now: check links to headings before MkDocs' own (English) check does.
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    anchors = {uri: set(HTML_ID.findall(page.content or "")) for uri, page in pages.items()}
    problems = []
    for src_uri, page in pages.items():
        for line, path, anchor in internal_links(page.file.content_string):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) if path else src_uri
            if target not in anchors:
                continue  # not a page of this site: MkDocs reports missing files itself
            if anchor not in anchors[target]:
                problems.append(f"  {where(page)}:{line}: docs/{target}에 '#{anchor}' 제목이 없습니다")
    if problems:
        raise PluginError(
            "없는 제목으로 가는 링크가 있습니다. 제목을 바꿨다면 링크의 # 뒤도 바꿔 주세요 "
            "(제목 옆 ¶를 눌러 주소를 복사할 수 있습니다):\n" + "\n".join(problems)
        )
    return env
