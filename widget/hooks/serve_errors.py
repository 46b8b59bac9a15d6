"""MkDocs hook: while `mkdocs serve` runs, a failed build shows every error in the open page.

MkDocs' dev server keeps the last good site when a rebuild fails and never tells the browser: a
reload waits forever and the reason is only in the terminal, and the second time the same mistake
is made its logger's DuplicateFilter drops the message. So, in serve mode only (``on_serve``):

- the server's builder is wrapped: every build starts with MkDocs' duplicate filters emptied and
  collects every WARNING/ERROR record (and the exception that stopped it);
- a failed build is reported to the server as finished, after a Korean error box listing every
  error (what, file:line, how to fix) has been written into the served site: as its 404.html (a
  failed build has emptied the site folder, so the server answers every page with it) and at the
  top of any page left over (a broken mkdocs.yml stops before the folder is emptied). The server
  then reloads the open pages, which show the box;
- the error page asks for its own address every second and reloads once it is a page again (the
  server's own reload script is not put into error pages), or once it lists other errors;
- the next good build writes every page anew, and the server reloads them again: the box is gone.

`mkdocs build` is untouched: it fails exactly as before (nothing here runs outside ``serve``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

from korean_log import Translator, translator_for

log = logging.getLogger("mkdocs.hooks.serve_errors")

BOX_ID = "lg-build-errors"
BODY = re.compile(rb"<body[^>]*>")
WHERE = re.compile(r"((?:docs/|mkdocs\.yml)[^\s:'\"]*:\d+)")
# MkDocs' own summaries say nothing the collected messages do not say already.
GENERIC = re.compile(r"^Aborted with (a BuildError|\d+ .*in strict mode|a configuration error)!?$")


class _Collector(logging.Handler):
    """Keeps every WARNING and ERROR record logged while one build runs, in order."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _forget_duplicates() -> None:
    """Empty MkDocs' DuplicateFilters, so a mistake made again is printed again."""
    for name in ("mkdocs", "mkdocs.commands.build"):
        for flt in logging.getLogger(name).filters:
            if isinstance(flt, DuplicateFilter):
                flt.msgs.clear()


def errors_html(messages: list[str]) -> str:
    """The Korean error box: every message, its file:line in bold, and what to do next."""
    items = "".join(
        "<li style='margin:.6em 0;white-space:pre-wrap'>" + WHERE.sub(r"<strong>\1</strong>", escape(m)) + "</li>"
        for m in messages
    )
    return (
        f'<div id="{BOX_ID}" role="alert" lang="ko" style="position:relative;z-index:1000;margin:0;padding:1em 1.5em;'
        'background:#fff4f4;color:#5c0000;border-bottom:4px solid #c00;font:16px/1.5 sans-serif">'
        f"<h1 style='font-size:1.3em;margin:0 0 .4em'>사이트를 만들지 못했습니다: 오류 {len(messages)}개</h1>"
        "<p style='margin:0'>아래 메시지의 파일과 줄(굵은 글씨)을 열어 고치고 저장하세요. "
        "고치면 이 페이지가 저절로 다시 읽힙니다. 아래는 마지막으로 성공한 빌드의 페이지입니다.</p>"
        f"<ol style='margin:.5em 0 0;padding-left:1.5em'>{items}</ol></div>"
    )


def clear_errors(site_dir: Path) -> None:
    """Take the error box out of any page a good build did not write anew."""
    for page in site_dir.rglob("*.html"):
        content = page.read_bytes()
        if BOX_ID.encode() in content:
            page.write_bytes(_without_box(content))


def _without_box(content: bytes) -> bytes:
    return re.sub(rb'<div id="' + BOX_ID.encode() + rb'".*?</ol></div>', b"", content, count=1, flags=re.S)


# Reload when the address is a page again, or when the errors changed (a new stamp).
_POLL = """(function(){var stamp=%s;function poll(){fetch(location.href,{cache:"no-store"}).then(function(r){
return r.text().then(function(t){if(r.ok||t.indexOf(stamp)<0){location.reload();}else{setTimeout(poll,1000);}});
}).catch(function(){setTimeout(poll,1000);});}setTimeout(poll,1000);})();"""


def error_page(messages: list[str], stamp: str) -> str:
    """A whole page with the error box, for any address while the site cannot be built."""
    return (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>빌드 오류 {len(messages)}개</title></head><body data-build-errors=\"{stamp}\">"
        + errors_html(messages)
        + f"<script>{_POLL % repr(stamp)}</script></body></html>"
    )


def show_errors(site_dir: Path, messages: list[str]) -> int:
    """Write the error page as 404.html and put the box at the top of every other page; returns pages."""
    box = errors_html(messages).encode("utf-8")
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / "404.html").write_text(error_page(messages, f"lg-{time.time_ns()}"), encoding="utf-8")
    count = 0
    for page in site_dir.rglob("*.html"):
        if page == site_dir / "404.html":
            continue
        content = _without_box(page.read_bytes())
        found = BODY.search(content)
        if found is None:
            continue
        page.write_bytes(content[: found.end()] + box + content[found.end() :])
        count += 1
    return count


class ErrorShowingBuilder:
    """Wraps the dev server's builder: a failed build leaves its errors in the pages instead of hanging."""

    def __init__(self, build: Callable[[], None], site_dir: Path, translate: Translator) -> None:
        self.build = build
        self.site_dir = site_dir
        self.translate = translate

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        _forget_duplicates()
        collector = _Collector()
        root = logging.getLogger("mkdocs")
        root.addHandler(collector)
        try:
            self.build() if config is None else self.build(config)
            clear_errors(self.site_dir)
        except Exception as exc:  # any failure must reach the page, not hang the server
            root.removeHandler(collector)
            messages = list(collector.messages)
            text = str(exc)
            text = self.translate(text) or text
            if text and not GENERIC.match(text) and text not in messages:
                messages.append(text)
                log.error(text)  # not logged by MkDocs (e.g. a YAML error in mkdocs.yml)
            messages = messages or [text or type(exc).__name__]
            pages = show_errors(self.site_dir, messages)
            log.error(
                f"빌드 실패: 오류 {len(messages)}개 (위 메시지). 열린 페이지 {pages}개에 오류를 보여 줍니다. "
                "고쳐서 저장하면 다시 만듭니다."
            )
        finally:
            root.removeHandler(collector)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    server.builder = ErrorShowingBuilder(server.builder, Path(config.site_dir), translator_for(config))
    return server
