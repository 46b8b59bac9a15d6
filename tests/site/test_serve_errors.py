"""While `mkdocs serve` runs, a broken build shows its errors in the open page, and the page recovers.

End to end: a real `mkdocs serve --strict` (as tools/serve.sh runs it) on a scratch copy of the site, a
random free port, real Chromium. The same mistake is made twice, because MkDocs prints a repeated
message only once unless the hooks stop it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_copy import copy_site
from support import REPO

pytestmark = pytest.mark.browser

PAGE = "docs/lost/card.md"
MISTAKE = "{{ contact no_such_fact }}"
MESSAGE = "알 수 없는 연락처 id 'no_such_fact'"
BOX = "#lg-build-errors"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`mkdocs serve` in a subprocess; ``log`` is everything it printed so far."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = ""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log += line

    def wait_for_log(self, text: str, count: int = 1, timeout_s: float = 180) -> None:
        deadline = time.monotonic() + timeout_s
        while self.log.count(text) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"serve never printed {text!r} x{count}:\n{self.log[-4000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Serve, Path]]:
    root = copy_site(REPO, tmp_path / "repo")
    serve = Serve(root)
    try:
        serve.wait_for_log("Serving on")
        yield serve, root
    finally:
        serve.stop()


def _box_text(page) -> str | None:
    """The error box's text, or None; None too while the page is reloading."""
    try:
        return page.evaluate(f"document.querySelector('{BOX}')?.innerText ?? null")
    except Exception:  # the page navigated away mid-call (live reload)
        return None


def _wait(page, check, what: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"never happened within {timeout_s}s: {what}")


def _heading(page) -> str | None:
    try:
        return page.evaluate("document.querySelector('article h1')?.innerText ?? null")
    except Exception:  # reloading
        return None


def test_a_broken_build_shows_its_error_in_the_open_page_and_the_page_recovers(served, browser) -> None:
    serve, root = served
    source = root / PAGE
    good = source.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    broken = "".join([*lines[:4], MISTAKE + "\n", *lines[4:]])  # the mistake on line 5
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{serve.url}/lost/card/")
    heading = _heading(page)
    assert heading and _box_text(page) is None

    for attempt in (1, 2):  # the same mistake twice: the second time must be as clear as the first
        source.write_text(broken, encoding="utf-8")
        _wait(page, lambda: MESSAGE in (_box_text(page) or ""), f"error box, attempt {attempt}")
        box = _box_text(page) or ""
        assert f"{PAGE}:5" in box and "고치면 이 페이지가 저절로 다시 읽힙니다" in box
        serve.wait_for_log(MESSAGE, count=attempt)  # printed in the terminal every time
        source.write_text(good, encoding="utf-8")
        _wait(page, lambda: _box_text(page) is None and _heading(page) == heading, f"recovery, attempt {attempt}")
    context.close()


def test_a_mistake_in_mkdocs_yml_shows_in_the_page_too(served, browser) -> None:
    serve, root = served
    config = root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{serve.url}/")
    config.write_text(good.replace("  - navigation.sections\n", "  - navigation.sections\n   broken: [\n"), encoding="utf-8")
    _wait(page, lambda: "mkdocs.yml의 YAML 문법 오류" in (_box_text(page) or ""), "Korean error box for mkdocs.yml")
    config.write_text(good, encoding="utf-8")
    _wait(page, lambda: _box_text(page) is None and _heading(page) is not None, "recovery")
    context.close()
