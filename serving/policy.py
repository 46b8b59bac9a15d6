"""How the built site is served: the one source for its HTTP headers and its offline copy.

From a built site directory this module derives, and nothing else decides:

- the response headers of every file (Content-Security-Policy with the sha256 of each inline script
  the theme writes, caching, MIME types), rendered as a ``_headers`` file for static hosts and as a
  complete nginx configuration;
- the service worker's precache list with each file's integrity hash and a build id.

Standard library only: the MkDocs hook (widget/hooks/serving.py), the tests and tools/bench_lighthouse.py
load it by path. Command line (deploy, or a local production-like server):

    python serving/policy.py nginx SITE_DIR --listen 127.0.0.1:8080 --prefix /tmp/lg-nginx > nginx.conf
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "CSP_DOCUMENT",
    "CSP_WIDGET_DOCUMENT",
    "CSP_WIDGET_WORKER",
    "SW_FILE",
    "ServingError",
    "finalize_site",
    "header_table",
    "inline_script_hashes",
    "nginx_config",
    "precache_manifest",
    "precompress",
    "render_headers_file",
]

HERE = Path(__file__).resolve().parent
SW_FILE = "sw.js"
OFFLINE_SCRIPT = "assets/offline.js"
HEADERS_FILE = "_headers"
WIDGET_WORKER = "/assets/widget/worker.mjs"
SEARCH_WORKERS = re.compile(r"^/assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js$")
# Material names its bundles by content hash (bundle.a5f9d56c.min.js): those may be cached for a year.
CONTENT_HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
# The Python runtime lives in a folder named by the hash of its files (widget/hooks/widget.py).
RUNTIME_HASHED = re.compile(r"^/pyodide/[0-9a-f]{16}/")

ONE_YEAR = "public, max-age=31536000, immutable"
# Everything else keeps its name across builds (pages, site.css, the widget, the Pyodide runtime): the
# browser may keep a copy but asks first (ETag). Offline copies come from the service worker, not here.
REVALIDATE = "no-cache"

COMMON_HEADERS: Mapping[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Only features Chromium knows: an unknown name is logged as a console error on every page.
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _csp(**directives: str) -> str:
    return "; ".join(f"{name.replace('_', '-')} {value}".strip() for name, value in directives.items())


# Pages. 'sha256-…' of each inline theme script is added per build (script_src below is the rest).
# img-src data: the theme draws its icons with CSS masks of data: SVGs. No 'unsafe-inline' anywhere:
# the theme and the widget set styles through the CSSOM only, which CSP does not restrict.
_DOCUMENT = {
    "default_src": "'none'",
    "script_src": "'self'",
    "style_src": "'self'",
    "img_src": "'self' data:",
    "font_src": "'self'",
    "connect_src": "'self'",
    "worker_src": "'self'",
    "manifest_src": "'self'",
    "form_action": "'self'",  # the checklist's situation form works as a plain GET form without scripts
    "base_uri": "'none'",
    "frame_ancestors": "'none'",
}
CSP_DOCUMENT = _csp(**_DOCUMENT)
# Pages that embed the widget: Pyodide compiles WebAssembly (in the worker, whose own policy is below;
# Chromium also checks the page's policy, measured by tests/browser/test_serving.py).
CSP_WIDGET_DOCUMENT = _csp(**{**_DOCUMENT, "script_src": "'self' 'wasm-unsafe-eval'"})
# Workers are governed by the policy of their own script response, not the page's.
CSP_WIDGET_WORKER = _csp(default_src="'none'", script_src="'self' 'wasm-unsafe-eval'", connect_src="'self'")
CSP_SEARCH_WORKER = _csp(default_src="'none'", script_src="'self'", connect_src="'self'")
CSP_SERVICE_WORKER = _csp(default_src="'none'", connect_src="'self'")
# Anything else opened on its own (an SVG, JSON): no active content at all.
CSP_RESOURCE = _csp(default_src="'none'", frame_ancestors="'none'", sandbox="")

MIME_TYPES: Mapping[str, str] = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "map": "application/json",
    "wasm": "application/wasm",
    "zip": "application/zip",
    "whl": "application/zip",
    "png": "image/png",
    "svg": "image/svg+xml",
    "ico": "image/x-icon",
    "xml": "application/xml",
    "gz": "application/gzip",
    "br": "application/octet-stream",
    "txt": "text/plain",
}
# Compressed on the fly by nginx (gzip_static serves a .gz next to the file instead when a deploy adds one).
COMPRESSIBLE = ("text/html", "text/css", "text/javascript", "application/json", "application/wasm",
                "application/zip", "application/xml", "image/svg+xml", "text/plain")

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class ServingError(Exception):
    """The built site cannot be served under the policy (e.g. an inline style or event handler)."""


class _InlineScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._in_script = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
        if "style" in names:
            self.problems.append(f"inline style attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in names:
            kind = (names.get("type") or "").strip().lower()
            self._in_script = kind in EXECUTABLE_SCRIPT_TYPES
            self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.scripts.append("".join(self._buffer))
            self._in_script = False


def _sha256(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def inline_script_hashes(site: Path) -> list[str]:
    """CSP source expressions for every inline script in the built pages; raises on inline styles/handlers."""
    hashes: set[str] = set()
    problems: list[str] = []
    for html in sorted(site.rglob("*.html")):
        scan = _InlineScan()
        scan.feed(html.read_text(encoding="utf-8"))
        hashes.update(f"'{_sha256(script.encode())}'" for script in scan.scripts)
        problems.extend(f"{html.relative_to(site).as_posix()}: {p}" for p in scan.problems)
    if problems:
        raise ServingError(
            "CSP가 막는 인라인 스타일/이벤트 속성이 있습니다 (site.css나 스크립트 파일로 옮기세요):\n  "
            + "\n  ".join(problems[:20])
        )
    return sorted(hashes)


def _url_paths(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _embeds_widget(html: Path) -> bool:
    return "data-lossguide=" in html.read_text(encoding="utf-8")


def header_table(site: Path) -> dict[str, dict[str, str]]:
    """Headers that differ from the defaults (REVALIDATE, CSP_RESOURCE) for each URL path of the site.

    Every page appears under its file path and, for index.html, its directory path too.
    """
    hashes = " ".join(inline_script_hashes(site))
    document = CSP_DOCUMENT.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())
    widget_document = CSP_WIDGET_DOCUMENT.replace(
        "script-src 'self' 'wasm-unsafe-eval'", f"script-src 'self' 'wasm-unsafe-eval' {hashes}".rstrip()
    )
    table: dict[str, dict[str, str]] = {}
    for path in _url_paths(site):
        if path.endswith((".gz", ".br")) and (site / path.lstrip("/")[:-3]).is_file():
            continue  # a precompressed copy: nginx answers with it under the file's own address
        headers: dict[str, str] = {}
        if path.endswith(".html"):
            csp = widget_document if _embeds_widget(site / path.lstrip("/")) else document
            headers = {"Content-Security-Policy": csp}
        elif path == WIDGET_WORKER:
            headers = {"Content-Security-Policy": CSP_WIDGET_WORKER}
        elif SEARCH_WORKERS.match(path):
            headers = {"Content-Security-Policy": CSP_SEARCH_WORKER}
        elif path == f"/{SW_FILE}":
            headers = {"Content-Security-Policy": CSP_SERVICE_WORKER}
        if CONTENT_HASHED.search(path) or RUNTIME_HASHED.match(path):
            headers["Cache-Control"] = ONE_YEAR
        if path.endswith((".wasm", ".mjs")):  # hosts guess these wrong most often
            headers["Content-Type"] = MIME_TYPES[path.rsplit(".", 1)[1]]
        if headers:
            table[path] = headers
            if path.endswith("/index.html"):
                table[path.removesuffix("index.html")] = headers
    return table


def render_headers_file(table: Mapping[str, Mapping[str, str]]) -> str:
    """The ``_headers`` file (Netlify, Cloudflare Pages): common headers for all, then exact paths.

    No header name is set by two matching rules, because some hosts join such values with commas
    (two CSPs would both apply). Cache-Control not listed means the host's default revalidation.
    """
    lines = [
        "# Generated by serving/policy.py at build time: edit the policy there, not here.",
        "# Every compressible file has compressed copies next to it (<file>.gz, gzip -9; <file>.br, brotli):",
        "# nginx serves them with gzip_static and brotli_static;",
        "# the runtime under /pyodide/<hash>/ never changes under its name (immutable).",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in COMMON_HEADERS.items()]
    for path, headers in table.items():
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def _nginx_quote(value: str) -> str:
    if '"' in value or "\\" in value or "$" in value:
        raise ServingError(f"value not safe for nginx: {value!r}")
    return f'"{value}"'


def nginx_config(site: Path, *, listen: str, prefix: Path, daemon: bool = False, user: str | None = None) -> str:
    """A complete nginx.conf serving ``site``; pid, logs and temp files under ``prefix`` (runs unprivileged).

    ``user``: the account of the worker processes when nginx is started as root (tests: the current one).
    """
    # absolute(), not resolve(): a deploy swaps a symlink to the site, and nginx must follow the new target.
    site, prefix = Path(site).absolute(), Path(prefix).absolute()
    table = header_table(site)
    extensions = {p.rsplit(".", 1)[1] for p in _url_paths(site) if "." in p.rsplit("/", 1)[1]}
    unknown = sorted(extensions - MIME_TYPES.keys())
    if unknown:
        raise ServingError(f"no MIME type for: {', '.join(unknown)} (add them to MIME_TYPES)")
    by_type: dict[str, list[str]] = {}
    for ext, mime in MIME_TYPES.items():
        by_type.setdefault(mime, []).append(ext)
    types = "\n".join(f"    {mime} {' '.join(exts)};" for mime, exts in by_type.items())

    def mapping(variable: str, header: str, default: str) -> str:
        rows = [f"    default {_nginx_quote(default)};"]
        rows += [f"    {_nginx_quote(path)} {_nginx_quote(h[header])};" for path, h in table.items() if header in h]
        return f"  map $uri ${variable} {{\n" + "\n".join(rows) + "\n  }"

    common = "\n".join(f"      add_header {name} {_nginx_quote(value)} always;" for name, value in COMMON_HEADERS.items())
    temp = "\n".join(f"  {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    brotli = Path(BROTLI_MODULE).is_file()
    return f"""# Generated by serving/policy.py from {site}: edit the policy there, not here.
{f"load_module {BROTLI_MODULE};" if brotli else ""}
{"" if daemon else "daemon off;"}
{f"user {user};" if user else ""}
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  access_log {prefix / "access.log"};
{temp}
  types {{
{types}
  }}
  default_type application/octet-stream;
  map_hash_bucket_size 256;
  map_hash_max_size 8192;
  charset utf-8;
  charset_types text/css text/javascript application/json text/plain application/xml image/svg+xml;
  sendfile on;
  server_tokens off;
  gzip on;
  gzip_static on;
  gzip_vary on;
  gzip_comp_level 5;  # only for what has no precompressed .gz (gzip -9, written at build time)
  gzip_min_length 512;
  gzip_types {" ".join(t for t in COMPRESSIBLE if t != "text/html")};
{"  brotli_static on;  # <file>.br, written at build time, to browsers that accept br" if brotli else ""}
{mapping("lg_csp", "Content-Security-Policy", CSP_RESOURCE)}
{mapping("lg_cache", "Cache-Control", REVALIDATE)}
  server {{
    listen {listen};
    root {site};
    index index.html;
    absolute_redirect off;
    etag on;
    error_page 404 /404.html;
    location = /{HEADERS_FILE} {{ return 404; }}
    location / {{
      try_files $uri $uri/ =404;
{common}
      add_header Content-Security-Policy $lg_csp always;
      add_header Cache-Control $lg_cache always;
    }}
  }}
}}
"""


@dataclass(frozen=True, slots=True)
class PrecacheEntry:
    url: str  # relative to the site root; a page as its directory ("lost/card/"), the home page as ""
    integrity: str
    size: int
    lazy: bool = False  # saved only once used (the runtime, the situation pages), not at install


# Saved for offline only when used: the Python runtime (megabytes) once the reader has used the checklist,
# the pre-rendered situation pages when opened. Everything else is saved at the first visit.
LAZY_PREFIXES = ("/pyodide/", "/checklist/s/")


def _precached(path: str, search_langs: Iterable[str]) -> bool:
    if path.endswith((".map", ".gz", ".br")) or path in (f"/{SW_FILE}", f"/{HEADERS_FILE}", "/sitemap.xml"):
        return False
    if path.startswith("/assets/javascripts/lunr/"):
        # Material's search worker loads only the stemmer support and the languages it is configured for.
        langs = list(search_langs)
        wanted = {"min/lunr.stemmer.support.min.js", *(f"min/lunr.{lang}.min.js" for lang in langs if lang != "en")}
        if len(langs) > 1:
            wanted.add("min/lunr.multi.min.js")
        if "ja" in langs:
            wanted.add("tinyseg.js")
        if {"hi", "th"} & set(langs):
            wanted.add("wordcut.js")
        return path.removeprefix("/assets/javascripts/lunr/") in wanted
    return True


def precache_manifest(site: Path, search_langs: Iterable[str] = ("en",)) -> tuple[str, list[PrecacheEntry]]:
    """The build id and every file a reader needs offline: all pages, the theme, search, the widget, Pyodide.

    Small files first, so pages are cached before the large runtime files. Entries under
    ``LAZY_PREFIXES`` are marked lazy: the service worker saves them only once they are used.
    """
    langs = list(search_langs)
    entries = []
    for path in _url_paths(site):
        if not _precached(path, langs):
            continue
        data = (site / path.lstrip("/")).read_bytes()
        url = path.lstrip("/").removesuffix("index.html") if path.endswith("/index.html") else path.lstrip("/")
        entries.append(PrecacheEntry(url, _sha256(data), len(data), path.startswith(LAZY_PREFIXES)))
    entries.sort(key=lambda e: (e.size > 1_000_000, e.url))
    build = hashlib.sha256(json.dumps([[e.url, e.integrity, e.lazy] for e in entries]).encode()).hexdigest()[:16]
    return build, entries


# Debian's libnginx-mod-http-brotli-static: used when installed (tools/setup.sh --system), else gzip only.
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
GZIP_MIN_BYTES = 512  # below this the gzip header outweighs the gain (nginx's gzip_min_length too)


def precompress(site: Path) -> int:
    """Write ``<file>.gz`` (gzip -9) and, with the brotli package, ``<file>.br`` next to every
    compressible file, for nginx's ``gzip_static`` and ``brotli_static``.

    A copy already newer than its file (the runtime's, made once in the build cache) is kept.
    Returns how many were written. Static hosts reading ``_headers`` compress by themselves.
    """
    import gzip

    compressors = {"gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
    try:
        import brotli
    except ImportError:
        pass
    else:  # quality 9, not 11: hundreds of pages are compressed again on every build
        compressors["br"] = lambda data: brotli.compress(data, quality=9)
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.name == HEADERS_FILE or "." not in path.name:
            continue
        if MIME_TYPES.get(path.name.rsplit(".", 1)[1]) not in COMPRESSIBLE:
            continue
        if path.stat().st_size < GZIP_MIN_BYTES:
            continue
        for kind, squeeze in compressors.items():
            target = path.with_name(f"{path.name}.{kind}")
            if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
                continue
            target.write_bytes(squeeze(path.read_bytes()))
            written += 1
    return written


def finalize_site(site: Path, search_langs: Iterable[str] = ("en",)) -> str:
    """Write sw.js (with the precache list) and _headers into a built site, precompress it; return the build id."""
    site = Path(site)
    build, entries = precache_manifest(site, search_langs)
    template = (HERE / "sw.js").read_text(encoding="utf-8")
    files = json.dumps([[e.url, e.integrity, int(e.lazy)] for e in entries], separators=(",", ":"))
    sw = template.replace('"__LOSSGUIDE_BUILD__"', json.dumps(build)).replace("[/*__LOSSGUIDE_FILES__*/]", files)
    if "__LOSSGUIDE_" in sw:
        raise ServingError("serving/sw.js: placeholder not replaced")
    (site / SW_FILE).write_text(sw, encoding="utf-8")
    (site / HEADERS_FILE).write_text(render_headers_file(header_table(site)), encoding="utf-8")
    precompress(site)
    return build


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("nginx", help="print an nginx.conf that serves SITE_DIR")
    cmd.add_argument("site", type=Path)
    cmd.add_argument("--listen", default="127.0.0.1:8080")
    cmd.add_argument("--prefix", type=Path, required=True, help="folder for pid, logs and temp files")
    cmd.add_argument("--daemon", action="store_true", help="let nginx go to the background")
    cmd.add_argument("--user", help="account for the worker processes when started as root")
    args = parser.parse_args(argv)
    print(nginx_config(args.site, listen=args.listen, prefix=args.prefix, daemon=args.daemon, user=args.user), end="")


if __name__ == "__main__":
    main()
