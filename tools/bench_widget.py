"""Benchmark: how light and fast the site and its checklist are, side by side with stock Pyodide.

Prints, from one run on this machine (ratios measured together are what count; machines are noisy):
  - bytes of a guide-page visit (/lost/card/) as the project's nginx sends them, including what the
    service worker saves in the background; the runtime must not be among them (goal <= 1 MB);
  - bytes of a first checklist visit through the project's nginx, including the offline copy made
    afterwards, against stock `loadPyodide()` through the same nginx (goal <= 4.5 MB; stock ~6.3);
  - time to widget ready (data-state="ready"), cold (first visit: empty caches) and warm (a returning
    reader: HTTP cache, and for our site the service worker's offline copy), for our widget and for
    stock `loadPyodide()` with the stock stdlib on the main thread, and their ratio
    (goals: <= 1.0 s cold, <= 0.4 s warm, each >= 2.5x faster than stock);
  - at 1.6 Mbps / 150 ms (Chromium's network emulation): time to ready, ours and stock (goal: ours
    <= 0.7x stock), and the time from choosing a situation to its plan on screen (goal <= 1 s);
  - bytes transferred on loopback, the longest main-thread task during start.

Usage: .venv/bin/python tools/bench_widget.py [--runs N] [--site DIR]   (builds the site if needed)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from serving_support import Nginx  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 1_600_000 / 8}
# Through nginx the stock page runs under the site's policy: a script file, not inline; the attribute
# gives it the policy of a widget page (WebAssembly allowed), as for our checklist.
STOCK_NGINX_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>stock</title></head>
<body data-state="loading" data-lossguide="stock"><script type="module" src="/stock.js"></script></body></html>"""
STOCK_NGINX_SCRIPT = """import { loadPyodide } from "/stock-pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("/stock-pyodide/", location.href).href });
py.runPython("1 + 1");
window.__readyAt = performance.now();
document.body.dataset.state = "ready";
"""

STOCK_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>stock</title></head>
<body data-state="loading"><script type="module">
import { loadPyodide } from "/stock-pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("/stock-pyodide/", location.href).href });
py.runPython("1 + 1");
window.__readyAt = performance.now();
document.body.dataset.state = "ready";
</script></body></html>"""

# Records when the widget becomes ready and the longest main-thread task, from navigation start.
PROBE = """
window.__longest = 0;
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
  }).observe({ type: "longtask", buffered: true });
} catch {}
new MutationObserver(() => {
  const el = document.querySelector("[data-lossguide]");
  if (el && el.dataset.state === "ready" && !window.__readyAt) window.__readyAt = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """The built site, plus stock Pyodide under /stock-pyodide/ and the stock page; cacheable."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript"}
    stock_dir: Path
    sent: list[int]  # body bytes sent, counted on the server side (cache hits send nothing)
    paths: list[str]  # what was sent, for the gzip estimate

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        self.sent[0] += len(data)
        self.paths.append(urlsplit(self.path).path)
        outputfile.write(data)

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if clean.startswith("/stock-pyodide/"):
            return str(self.stock_dir / clean.removeprefix("/stock-pyodide/"))
        return super().translate_path(path)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/stock.html":
            body = STOCK_PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("H", (Handler,), {"stock_dir": REPO / "node_modules" / "pyodide", "sent": [0], "paths": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.counter = handler  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def measure(pw, url: str, counter: type[Handler], files_root: dict[str, Path]) -> dict[str, float]:
    """One cold load and one warm reload in a fresh browser profile; times, bytes, longest task.

    A persistent profile has a disk cache as a reader's browser does: an incognito context's memory
    cache is too small for the runtime and would make every "warm" load cold.
    """
    with tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _cold_and_warm(context, url, counter, files_root)
        finally:
            context.close()


def _cold_and_warm(context, url: str, counter: type[Handler], files_root: dict[str, Path]) -> dict[str, float]:
    context.add_init_script(PROBE)
    page = context.new_page()
    results = {}
    for phase in ("cold", "warm"):
        counter.sent[0] = 0
        counter.paths.clear()
        if phase == "cold":
            page.goto(url)
        else:
            _wait_for_offline_copy(page)
            counter.sent[0] = 0
            counter.paths.clear()
            page.reload()
        deadline = 60_000
        while not page.evaluate("!!window.__readyAt"):
            page.wait_for_timeout(20)
            deadline -= 20
            if deadline <= 0:
                raise SystemExit(f"{url} never got ready")
        results[f"{phase}_s"] = page.evaluate("window.__readyAt") / 1000
        results[f"{phase}_bytes"] = counter.sent[0]
        results[f"{phase}_gzip_bytes"] = sum(_gzip_size(p, files_root) for p in counter.paths)
        results[f"{phase}_longest_task_ms"] = page.evaluate("window.__longest")
    return results


def _wait_for_offline_copy(page) -> None:
    """A returning reader: the site's service worker (if the page has one) has saved the site."""
    for _ in range(3000):
        state = page.evaluate("document.documentElement.dataset.offline || 'none'")
        if state in ("ready", "unavailable", "skipped", "none"):
            return
        page.wait_for_timeout(20)
    raise SystemExit("the service worker never finished saving the site")


@functools.cache
def _gzip_file_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _gzip_size(path: str, roots: dict[str, Path]) -> int:
    for prefix, root in roots.items():
        if path.startswith(prefix):
            rel = path.removeprefix(prefix)
            target = root / rel
            if target.is_dir() or rel.endswith("/") or rel == "":
                target = target / "index.html"
            return _gzip_file_size(target)
    return 0


def guide_page_pyodide_bytes(browser, base: str) -> tuple[int, int]:
    """Pyodide bytes (page's own requests, the service worker's background saving) on guide pages."""
    context = browser.new_context()
    page_bytes, worker_bytes = [0], [0]

    def finished(request) -> None:
        if "/pyodide/" in request.url:
            target = page_bytes if request.service_worker is None else worker_bytes
            target[0] += request.sizes()["responseBodySize"]

    context.on("requestfinished", finished)
    page = context.new_page()
    for path in ("/lost/card/", "/", "/contact/"):
        page.goto(base + path, wait_until="networkidle")
    context.close()
    return page_bytes[0], worker_bytes[0]


# ----------------------------------------------------------------- through the project's nginx


def nginx_root(site: Path, dest: Path) -> Path:
    """A copy of the site plus stock Pyodide (/stock-pyodide/, no precompressed copies: nginx compresses
    it on the fly, as any site that just copies the npm files) and its page (/stock.html)."""
    shutil.copytree(site, dest, symlinks=True)
    stock = dest / "stock-pyodide"
    stock.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copyfile(REPO / "node_modules" / "pyodide" / name, stock / name)
    (dest / "stock.html").write_text(STOCK_NGINX_PAGE, encoding="utf-8")
    (dest / "stock.js").write_text(STOCK_NGINX_SCRIPT, encoding="utf-8")
    dest.chmod(0o755)
    return dest


def _log_bytes(server: Nginx, start: int) -> tuple[int, list[str]]:
    """Body bytes nginx sent since ``start`` (a position in its access log), and the requests."""
    lines = (server.prefix / "access.log").read_text().splitlines()[start:]
    sent = sum(int(line.split('" ')[1].split()[1]) for line in lines)
    return sent, [line.split('"')[1] for line in lines]


def _log_position(server: Nginx) -> int:
    log = server.prefix / "access.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def _poll(page, script: str, timeout_s: float = 180.0) -> object:
    for _ in range(int(timeout_s * 20)):
        try:
            value = page.evaluate(script)
        except Exception:  # the page navigated meanwhile (the service worker's first reload)
            value = None
        if value:
            return value
        page.wait_for_timeout(50)
    raise SystemExit(f"never true within {timeout_s}s: {script}")


def nginx_bytes(browser, server: Nginx) -> dict[str, object]:
    """Compressed bytes of a guide visit and of a first checklist visit (with background saving)."""
    out: dict[str, object] = {}
    offline = "document.documentElement.dataset.offline === 'ready'"
    for name, path, done in (
        ("guide", "/lost/card/", offline),
        ("checklist", "/checklist/", f"document.querySelector('[data-lossguide]').dataset.state === 'ready' && {offline}"),
        ("stock", "/stock.html", "!!window.__readyAt"),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        start = _log_position(server)
        page = context.new_page()
        page.goto(server.url + path)
        _poll(page, done)
        if name == "checklist":  # the runtime kept for offline (a build before 2026-11-29 saved it at install)
            try:
                _poll(page, "document.documentElement.dataset.offlineRuntime === 'saved'", timeout_s=30)
            except SystemExit:
                out["checklist_runtime_saved"] = False
        page.wait_for_load_state("networkidle")
        out[f"{name}_bytes"], requests = _log_bytes(server, start)
        out[f"{name}_runtime_requests"] = sum("pyodide" in r for r in requests)
        context.close()
    return out


def _plan_heading(site: Path, slug: str) -> str:
    """The plan heading the build wrote for one situation page (the engine's words, not copied here)."""
    html = (site / "checklist" / "s" / slug / "index.html").read_text(encoding="utf-8")
    found = re.search(r'class="lg-plan__for">([^<]+)<', html)
    if not found:
        raise SystemExit(f"no plan heading in checklist/s/{slug}/")
    return found.group(1)


def throttled(browser, server: Nginx, site: Path) -> dict[str, float]:
    """At 1.6 Mbps / 150 ms: time to ready (ours, stock) and, for ours, from choosing a situation
    (card off, phone and theft on, as soon as the page can be used) to that situation's plan shown."""
    out: dict[str, float] = {}
    heading = _plan_heading(site, "phone-stolen")
    for name, path in (("ours", "/checklist/"), ("stock", "/stock.html")):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.add_init_script(PROBE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW)
        page.goto(server.url + path, wait_until="domcontentloaded")
        if name == "ours":
            page.evaluate("""(heading) => {
              const root = document.querySelector("[data-lossguide]");
              const plan = () => root.querySelector("[data-lg-region=plan] .lg-plan__for")?.textContent || "";
              window.__chosenAt = performance.now();
              for (const id of ["lg-lost-card", "lg-lost-phone", "lg-stolen"]) document.getElementById(id).click();
              const seen = () => {
                if (!window.__ownPlanAt && plan() === heading) window.__ownPlanAt = performance.now();
              };
              new MutationObserver(seen).observe(root, { subtree: true, childList: true });
              seen();
            }""", html.unescape(heading))
            _poll(page, "!!window.__ownPlanAt", timeout_s=400)
            out["own_plan_s"] = page.evaluate("(window.__ownPlanAt - window.__chosenAt) / 1000")
        _poll(page, "!!window.__readyAt", timeout_s=400)
        out[f"{name}_ready_s"] = page.evaluate("window.__readyAt") / 1000
        context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=None, help="a built site (default: build one now)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)],
                           cwd=REPO, env=env, check=True)
        server, base = serve(site)
        roots = {"/stock-pyodide/": REPO / "node_modules/pyodide", "/": site}
        try:
            with sync_playwright() as pw:
                ours, stock = [], []
                # Alternate the two so that machine noise hits both alike.
                for _ in range(args.runs):
                    ours.append(measure(pw, base + "/checklist/", server.counter, roots))
                    stock.append(measure(pw, base + "/stock.html", server.counter, roots))
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                guide_bytes = guide_page_pyodide_bytes(browser, base)
                with Nginx(nginx_root(site, Path(tmp) / "served")) as nginx:
                    sent = nginx_bytes(browser, nginx)
                    slow = throttled(browser, nginx, site)
                browser.close()
        finally:
            server.shutdown()

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"widget benchmark: {args.runs} runs each, median; Chromium headless, loopback HTTP")
    print(f"{'':34}{'ours (widget)':>16}{'stock loadPyodide':>20}{'stock/ours':>12}")
    for phase in ("cold", "warm"):
        o, s = med(ours, f"{phase}_s"), med(stock, f"{phase}_s")
        print(f"{'time to ready, ' + phase + ' (s)':34}{o:16.2f}{s:20.2f}{s / o:11.1f}x")
    for phase in ("cold", "warm"):
        o, s = med(ours, f"{phase}_bytes"), med(stock, f"{phase}_bytes")
        print(f"{'bytes sent, ' + phase + ' (MB)':34}{o / 1e6:16.2f}{s / 1e6:20.2f}")
        o, s = med(ours, f"{phase}_gzip_bytes"), med(stock, f"{phase}_gzip_bytes")
        print(f"{'  the same if gzipped (MB)':34}{o / 1e6:16.2f}{s / 1e6:20.2f}")
    for phase in ("cold", "warm"):
        o, s = med(ours, f"{phase}_longest_task_ms"), med(stock, f"{phase}_longest_task_ms")
        print(f"{'longest main-thread task, ' + phase:34}{o:14.0f}ms{s:18.0f}ms")
    print(f"{'guide visit via nginx, all (MB)':34}{sent['guide_bytes'] / 1e6:16.2f}{'-':>20}   goal <= 1.0")
    print(f"{'first checklist visit, nginx (MB)':34}{sent['checklist_bytes'] / 1e6:16.2f}"
          f"{sent['stock_bytes'] / 1e6:20.2f}   goal <= 4.5")
    print(f"{'ready at 1.6 Mbps/150 ms (s)':34}{slow['ours_ready_s']:16.1f}{slow['stock_ready_s']:20.1f}"
          f"{slow['ours_ready_s'] / slow['stock_ready_s']:11.2f}x  goal <= 0.70x")
    print(f"{'own plan shown after choosing (s)':34}{slow['own_plan_s']:16.2f}{'-':>20}   goal <= 1.0 (1.6 Mbps)")
    print(f"{'Pyodide bytes, guide pages':34}{guide_bytes[0]:16d}  (the pages' own requests)")
    print(f"{'  saved for offline after load':34}{guide_bytes[1]:16d}  (service worker, background)")
    print("(a longest task of 0 ms means none over 50 ms: the browser reports only long tasks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
