"""Korean search benchmark: stock Material search vs this site's settings, through the real search box.

Builds the site twice (stock search settings, and ours), serves both over loopback HTTP, types every
query of tests/search_queries.yml into Material's search box in Chromium, and prints the rank of the
expected page for each query plus rank-1 and top-3 hit rates side by side. Not a timed test.

    .venv/bin/python tools/bench_search.py
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from search_ui import load_queries, open_search, rank_of, search  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SEARCH_HOOK = "widget/hooks/search.py"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its hooks list, ignoring !ENV and python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def stock_config_text() -> str:
    """Our mkdocs.yml with Material's search exactly as shipped: only `lang: ko`, no search hook."""
    ours = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    hooks = [h for h in ours.get("hooks", []) if h != SEARCH_HOOK]
    return yaml.safe_dump(
        {"INHERIT": "mkdocs.yml", "plugins": [{"search": {"lang": "ko"}}], "hooks": hooks}, allow_unicode=True
    )


def build(config: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)]
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"build failed ({config.name}):\n{result.stderr}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def ranks(browser, base_url: str, queries: list[tuple[str, str]]) -> list[int | None]:
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url)
    found = [rank_of(search(page, base_url, query), expected) for query, expected in queries]
    context.close()
    return found


def summary(found: list[int | None]) -> str:
    n = len(found)
    first = sum(r == 1 for r in found)
    top3 = sum(r is not None and r <= 3 for r in found)
    none = sum(r is None for r in found)
    return f"rank-1 {first}/{n} ({first / n:.0%})  top-3 {top3}/{n} ({top3 / n:.0%})  not found {none}"


def main() -> None:
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    stock_config = REPO / "mkdocs.stock-search.tmp.yml"  # INHERIT needs it next to mkdocs.yml
    with tempfile.TemporaryDirectory() as tmp:
        try:
            stock_config.write_text(stock_config_text(), encoding="utf-8")
            build(stock_config, Path(tmp) / "stock")
        finally:
            stock_config.unlink(missing_ok=True)
        build(REPO / "mkdocs.yml", Path(tmp) / "ours")
        with serve(Path(tmp) / "stock") as stock_url, serve(Path(tmp) / "ours") as ours_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stock = ranks(browser, stock_url, queries)
            ours = ranks(browser, ours_url, queries)
            browser.close()

    def cell(rank: int | None) -> str:
        return "-" if rank is None else str(rank)

    print(f"{'query':<24} {'expected page':<22} stock  ours")
    for (query, expected), s, o in zip(queries, stock, ours, strict=True):
        print(f"{query:<24} {expected:<22} {cell(s):>5} {cell(o):>5}")
    print(f"stock: {summary(stock)}")
    print(f"ours:  {summary(ours)}")


if __name__ == "__main__":
    main()
