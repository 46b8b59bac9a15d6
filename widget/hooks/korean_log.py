"""MkDocs hook: MkDocs' own messages to editors (broken links, nav, mkdocs.yml) in Korean, with file and line.

MkDocs writes its link and nav checks as finished English sentences. A logging filter on MkDocs'
output rewrites the ones editors meet into Korean, finds the line in the page or in mkdocs.yml, and
names files from the repository root (docs/lost/card.md). The level is kept, so `--strict` fails
exactly as before. Installed at the start of each build (``on_config``), before pages are read.
A message that is not recognised passes unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

MARK = "lossguide_korean"  # attribute that tells our filter apart across reloads of this module


def _line_in(path: Path, needle: str) -> int | None:
    """First line of ``path`` containing ``needle`` (None when absent or unreadable)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((i for i, text in enumerate(lines, 1) if needle in text), None)


class Translator:
    """Rewrites MkDocs' English messages; knows where docs/ and mkdocs.yml are to find lines."""

    def __init__(self, repo: Path, docs_dir: Path, config_file: Path) -> None:
        self.repo, self.docs_dir, self.config_file = repo, docs_dir, config_file
        self.rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
            (re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but the target(?: '(?P<target>[^']+)')? "
                        r"is not found among documentation files\.(?: Did you mean '(?P<suggest>[^']+)'\?)?$", re.S), self._missing_target),
            (re.compile(r"^Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<url>[^']*)', it was left as is\."
                        r"(?: Did you mean '(?P<suggest>[^']+)'\?)?$", re.S), self._unrecognized),
            (re.compile(r"^Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']*)', it was left as is\."
                        r"(?: Did you mean '(?P<suggest>[^']+)'\?)?$", re.S), self._absolute),
            (re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but (?:there is no such anchor on this page|"
                        r"the doc '(?P<doc>[^']+)' does not contain an anchor '#(?P<anchor>[^']*)')\.(?P<rest>.*)$", re.S), self._anchor),
            (re.compile(r"^A reference to '(?P<path>[^']+)' is included in the 'nav' configuration, which is not found in the "
                        r"documentation files\.$"), self._nav_missing),
            (re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"
                        r"\n(?P<pages>.*)$", re.S), self._nav_omitted),
            (re.compile(r"^Error reading page '(?P<src>[^']+)':(?P<rest>.*)$", re.S), self._page_failed),
            (re.compile(r"^Config value '(?P<name>[^']+)': (?P<detail>.*)$", re.S), self._config_value),
            (re.compile(r"^MkDocs encountered an error parsing the configuration file: (?P<detail>.*)$", re.S), self._config_yaml),
        ]

    def __call__(self, message: str) -> str | None:
        """The Korean message, or None when this is not one MkDocs writes to editors."""
        for pattern, make in self.rules:
            found = pattern.match(message)
            if found:
                return make(found)
        return None

    # --- where ---

    def _page(self, src: str, needle: str) -> str:
        path = self.docs_dir / src
        line = _line_in(path, needle) or 1
        return f"{self._shown(path)}:{line}"

    def _config(self, needle: str) -> str:
        line = _line_in(self.config_file, needle) or 1
        return f"{self._shown(self.config_file)}:{line}"

    def _shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.repo.resolve()).as_posix()
        except ValueError:
            return str(path)

    @staticmethod
    def _suggest(found: re.Match[str]) -> str:
        return f" 혹시 '{found['suggest']}'을(를) 쓰려던 것인가요?" if found["suggest"] else ""

    # --- messages ---

    def _missing_target(self, f: re.Match[str]) -> str:
        target = f["target"] or f["url"]
        return (
            f"{self._page(f['src'], f['url'])}: 링크 '{f['url']}'가 가리키는 문서 docs/{target}이(가) 없습니다. "
            f"파일 이름과 경로를 확인하세요 (이 페이지 기준 상대 경로, 예: ../report/phone.md).{self._suggest(f)}"
        )

    def _unrecognized(self, f: re.Match[str]) -> str:
        return (
            f"{self._page(f['src'], f['url'])}: 링크 '{f['url']}'를 이해할 수 없습니다. 사이트 안의 페이지로 가는 링크는 "
            f"'../report/phone.md'처럼 .md 파일 경로로 적어 주세요.{self._suggest(f)}"
        )

    def _absolute(self, f: re.Match[str]) -> str:
        return (
            f"{self._page(f['src'], f['url'])}: 링크 '{f['url']}'가 /로 시작합니다. 사이트 안의 페이지는 "
            f"'../report/phone.md'처럼 이 페이지 기준 상대 경로로 적어 주세요.{self._suggest(f)}"
        )

    def _anchor(self, f: re.Match[str]) -> str:
        doc = f["doc"] or f["src"]
        anchor = f["anchor"] if f["anchor"] is not None else f["url"].partition("#")[2]
        return (
            f"{self._page(f['src'], f['url'])}: 링크 '{f['url']}'의 제목 '#{anchor}'가 docs/{doc}에 없습니다. "
            "제목을 바꿨다면 링크의 # 뒤도 바꿔 주세요 (제목 옆 ¶를 누르면 주소가 보입니다)"
        )

    def _nav_missing(self, f: re.Match[str]) -> str:
        return (
            f"{self._config(f['path'])}: nav에 적은 '{f['path']}'이(가) docs/에 없습니다. "
            "파일 이름을 고치거나 nav에서 그 줄을 지우세요"
        )

    def _nav_omitted(self, f: re.Match[str]) -> str:
        pages = [p.strip().removeprefix("- ").strip() for p in f["pages"].splitlines() if p.strip()]
        listed = "\n".join(f"  {self._shown(self.docs_dir / p)}:1: mkdocs.yml의 nav에 없는 페이지입니다" for p in pages)
        return f"메뉴(nav)에 빠진 페이지가 있습니다. mkdocs.yml의 nav에 추가하세요:\n{listed}"

    def _page_failed(self, f: re.Match[str]) -> str:
        rest = f["rest"].strip()
        return f"{self._shown(self.docs_dir / f['src'])}: 이 페이지를 만들지 못했습니다" + (f": {rest}" if rest else " (이유는 다음 메시지)")

    def _config_value(self, f: re.Match[str]) -> str:
        name = f["name"].split(".")[0]
        return (
            f"{self._config(name + ':')}: mkdocs.yml의 '{f['name']}' 설정이 맞지 않습니다. 들여쓰기와 철자를 확인하세요 "
            f"(MkDocs의 설명: {f['detail'].strip()})"
        )

    def _config_yaml(self, f: re.Match[str]) -> str:
        line = re.search(r"line (\d+)", f["detail"])
        where = f"{self._shown(self.config_file)}:{line.group(1) if line else 1}"
        return (
            f"{where}: mkdocs.yml의 YAML 문법 오류입니다. 들여쓰기, 콜론(:) 뒤의 띄어쓰기, 괄호와 따옴표 짝을 확인하세요 "
            f"(MkDocs의 설명: {' '.join(f['detail'].split())})"
        )


class KoreanMessages(logging.Filter):
    """A handler filter: rewrites each recognised record in place (level unchanged)."""

    def __init__(self, translate: Translator) -> None:
        super().__init__()
        self.translate = translate
        setattr(self, MARK, True)

    def filter(self, record: logging.LogRecord) -> bool:
        korean = self.translate(record.getMessage())
        if korean is not None:
            record.msg, record.args = korean, None
        return True


def install(translator: Translator) -> None:
    """Put the filter on every handler of MkDocs' logger, replacing one from an earlier build."""
    for handler in logging.getLogger("mkdocs").handlers:
        for old in [f for f in handler.filters if getattr(f, MARK, False)]:
            handler.removeFilter(old)
        handler.addFilter(KoreanMessages(translator))


def translator_for(config: MkDocsConfig) -> Translator:
    config_file = Path(config.config_file_path)
    return Translator(config_file.parent, Path(config.docs_dir), config_file)


@event_priority(200)  # before any other hook can log
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    install(translator_for(config))
    return config
