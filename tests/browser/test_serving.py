"""The site as production serves it: a real nginx with the generated headers, strict CSP, real Chromium."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from serving_support import FAULT_RECORDER, load_policy
from support import site_pages, wait_for_state, wait_until

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            body = response.read()
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        with error:
            status, headers, body = error.code, dict(error.headers), error.read()
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, headers, body


@pytest.fixture
def guarded(browser):
    """A page that records CSP violations, uncaught errors and console errors (workers' included)."""
    context = browser.new_context()
    context.add_init_script(FAULT_RECORDER)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    yield page
    context.close()


def faults(page) -> list[str]:
    return page.evaluate("window.__lgFaults.slice()") + page.problems


def test_every_page_loads_under_the_strict_policy_without_a_single_violation(guarded, site: Path, nginx_url: str) -> None:
    pages = site_pages(site)
    assert len(pages) > 30
    for path in pages:
        response = guarded.goto(nginx_url + path, wait_until="load")
        assert response is not None and response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert faults(guarded) == [], path
    # Search runs in its own worker, under its own policy: use it once like a reader.
    guarded.goto(nginx_url + "/lost/card/", wait_until="load")
    guarded.keyboard.press("/")
    guarded.fill(".md-search__input", "분실")
    guarded.keyboard.press("End")  # the theme searches on key events; fill alone types no key
    guarded.wait_for_selector(".md-search-result__item", state="attached")
    assert faults(guarded) == []


@pytest.mark.parametrize("path", ["/checklist/", "/"], ids=["checklist-page", "home-page-compact-widget"])
def test_the_widget_gets_ready_under_the_strict_policy(guarded, nginx_url: str, path: str) -> None:
    guarded.goto(nginx_url + path)
    if path == "/":
        guarded.check("#lg-lost-phone")  # the compact widget starts on the first touch
    assert wait_for_state(guarded, ("ready", "failed"), timeout_s=40) == "ready"
    guarded.check("#lg-abroad")
    wait_until(guarded, "location.search.includes('abroad')")
    assert faults(guarded) == []


def test_a_widget_page_is_the_only_kind_allowed_to_compile_webassembly(site: Path, nginx_url: str) -> None:
    policy = load_policy()
    for path in site_pages(site):
        _, headers, body = fetch(nginx_url + path)
        csp = headers["Content-Security-Policy"]
        assert ("'wasm-unsafe-eval'" in csp) == (b"data-lossguide=" in body), path
    _, headers, _ = fetch(nginx_url + "/assets/widget/worker.mjs")
    assert headers["Content-Security-Policy"] == policy.CSP_WIDGET_WORKER
    assert headers["Content-Type"].startswith("text/javascript")


IMMUTABLE = "public, max-age=31536000, immutable"


def runtime(site: Path) -> str:
    """'/pyodide/<content hash>/': the one runtime folder of the build."""
    [folder] = (site / "pyodide").iterdir()
    return f"/pyodide/{folder.name}/"


@pytest.mark.parametrize(
    ("path", "mime", "cache"),
    [
        ("/", "text/html", "no-cache"),
        ("/lost/card/", "text/html", "no-cache"),
        ("/checklist/s/card-phone-stolen/", "text/html", "no-cache"),
        ("{runtime}pyodide.asm.wasm", "application/wasm", IMMUTABLE),
        ("{runtime}pyodide.mjs", "text/javascript", IMMUTABLE),
        ("{runtime}python_stdlib.zip", "application/zip", IMMUTABLE),
        ("/assets/widget/bundle.json", "application/json", "no-cache"),
        ("/sw.js", "text/javascript", "no-cache"),
    ],
)
def test_each_kind_of_file_has_its_type_caching_and_the_common_headers(
    site: Path, nginx_url: str, path: str, mime: str, cache: str
) -> None:
    path = path.format(runtime=runtime(site))
    status, headers, body = fetch(nginx_url + path)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == mime
    assert headers["Cache-Control"] == cache
    assert headers["ETag"]
    for name, value in load_policy().COMMON_HEADERS.items():
        assert headers[name] == value
    if mime != "application/wasm" or len(body) > 1000:
        assert headers.get("Content-Encoding") == "gzip", "large text and wasm travel compressed"


def test_theme_files_named_by_their_content_are_cached_for_a_year(site: Path, nginx_url: str) -> None:
    hashed = [p for p in site.rglob("*.min.*") if load_policy().CONTENT_HASHED.search(p.name)]
    assert len(hashed) >= 3
    for file in hashed:
        _, headers, _ = fetch(f"{nginx_url}/{file.relative_to(site).as_posix()}")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", file


def test_the_headers_file_for_static_hosts_says_what_nginx_sends(site: Path, nginx_url: str) -> None:
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, value = line.strip().split(": ", 1)
            assert name not in current, f"{name} twice for one path"
            current[name] = value
    common = rules.pop("/*")
    assert common == dict(load_policy().COMMON_HEADERS)
    for path in ["/", "/checklist/", "/lost/card/", "/assets/widget/worker.mjs", f"{runtime(site)}pyodide.asm.wasm"]:
        _, headers, _ = fetch(nginx_url + path)
        for name, value in rules[path].items():
            assert headers[name].split(";")[0] == value.split(";")[0] if name == "Content-Type" else headers[name] == value
    assert fetch(nginx_url + "/_headers")[0] == 404


@pytest.mark.parametrize(
    "path",
    ["/lost/card/index.html", "{runtime}pyodide.asm.wasm", "{runtime}python_stdlib.zip", "search/search_index.json", "sw.js"],
)
def test_compressible_files_are_sent_as_their_gzip_9_copy_made_at_build_time(site: Path, nginx_url: str, path: str) -> None:
    path = path.format(runtime=runtime(site)).lstrip("/")
    copy = site / f"{path}.gz"
    assert gzip.decompress(copy.read_bytes()) == (site / path).read_bytes()
    request = urllib.request.Request(f"{nginx_url}/{path}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.read() == copy.read_bytes()  # the file itself, not nginx's own level-5 compression


def test_only_the_engines_stdlib_modules_are_shipped(site: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(site / runtime(site).lstrip("/") / "python_stdlib.zip").namelist()
    assert "json/__init__.pyc" in names and "datetime.pyc" in names  # the engine's
    assert "_pyodide/__init__.pyc" in names  # Pyodide's start
    assert not [n for n in names if n.startswith(("unittest/", "argparse", "http/", "xml/", "sqlite3/", "pydoc"))]
    assert len(names) < 200  # of about 560
