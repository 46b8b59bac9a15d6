"""Korean search benchmark: stock Material search vs this site's settings, through the real search box.

Builds the site twice (stock search settings, and ours), serves both over loopback HTTP, types every
query of tests/search_queries.yml into Material's search box in Chromium, and prints the rank of the
expected page for each query plus rank-1 and top-3 hit rates side by side. It then follows the result
link of the expected page (with the theme's ``?h=``) and counts the highlight marks that do not cover
a word of the query ("stray": 분 in 신분증 for 카드 분실; goal 0). Not a timed test.

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
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from search_ui import link_to, load_queries, marks_on, open_search, rank_of, search_links, stray_marks  # noqa: E402
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


class Outcome:
    """One query on one site: the rank of the expected page and the marks on it after the click."""

    def __init__(self, rank: int | None, marks: list[str], stray: list[str]) -> None:
        self.rank, self.marks, self.stray = rank, marks, stray


def measure(browser, base_url: str, queries: list[tuple[str, str]]) -> list[Outcome]:
    # No service worker: it would precache the whole site (Python runtime included) on every page.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    root = urlsplit(base_url).path.rstrip("/") + "/"
    found = []
    for query, expected in queries:
        open_search(page, base_url)
        links = search_links(page, query)
        rank = rank_of([urlsplit(h).path.removeprefix(root) for h in links], expected)
        href = link_to(links, expected)
        marks = marks_on(page, href) if href else []
        found.append(Outcome(rank, marks, stray_marks(query, marks)))
    context.close()
    return found


def summary(found: list[Outcome]) -> str:
    n = len(found)
    first = sum(o.rank == 1 for o in found)
    top3 = sum(o.rank is not None and o.rank <= 3 for o in found)
    none = sum(o.rank is None for o in found)
    marks = sum(len(o.marks) for o in found)
    stray = sum(len(o.stray) for o in found)
    hit = sum(bool(o.stray) for o in found)
    return (
        f"rank-1 {first}/{n} ({first / n:.0%})  top-3 {top3}/{n} ({top3 / n:.0%})  not found {none}  "
        f"marks {marks}, stray {stray} (on {hit} queries)"
    )


def main() -> None:
    import argparse

    from playwright.sync_api import sync_playwright

    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--ours-only", action="store_true", help="skip stock Material (quicker, for tuning)")
    args = options.parse_args()
    queries = load_queries()
    stock_config = REPO / "mkdocs.stock-search.tmp.yml"  # INHERIT needs it next to mkdocs.yml
    with tempfile.TemporaryDirectory() as tmp:
        try:
            stock_config.write_text(stock_config_text(), encoding="utf-8")
            if not args.ours_only:
                build(stock_config, Path(tmp) / "stock")
            else:
                (Path(tmp) / "stock").mkdir()
        finally:
            stock_config.unlink(missing_ok=True)
        build(REPO / "mkdocs.yml", Path(tmp) / "ours")
        with serve(Path(tmp) / "stock") as stock_url, serve(Path(tmp) / "ours") as ours_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stock = measure(browser, stock_url, queries) if not args.ours_only else [Outcome(None, [], [])] * len(queries)
            ours = measure(browser, ours_url, queries)
            browser.close()

    def cell(rank: int | None) -> str:
        return "-" if rank is None else str(rank)

    print(f"{'query':<24} {'expected page':<22} stock  ours  stray marks (stock | ours)")
    for (query, expected), s, o in zip(queries, stock, ours, strict=True):
        strays = f"{' '.join(s.stray)[:40]} | {' '.join(o.stray)[:40]}"
        print(f"{query:<24} {expected:<22} {cell(s.rank):>5} {cell(o.rank):>5}  {strays}")
    print(f"stock: {summary(stock)}")
    print(f"ours:  {summary(ours)}")


if __name__ == "__main__":
    main()
