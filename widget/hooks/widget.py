"""MkDocs hook: the in-page checklist widget.

- ``{{ checklist }}`` (full) and ``{{ checklist-compact }}`` in a page become the widget, rendered at
  build time by the same engine that runs in the browser, so it works without JavaScript
  (shortcodes.py checks and places them; this hook fills in the widget once the page is HTML).
- After the build: the engine wheel and the self-hosted Pyodide runtime (site/pyodide/), the data
  bundle and the loader scripts (site/assets/widget/). Nothing is written into docs/.
- ``mkdocs serve`` also reloads when the engine code or the loader scripts change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from html import escape
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from by_path import load_module
from shortcodes import fill
from sitedata import site_data

VIEWS = {"checklist": "full", "checklist-compact": "compact"}  # shortcode -> widget view
ASSETS = "assets/widget"
PYODIDE = "pyodide"
JS_FILES = ("loader.js", "worker.mjs")


def _repo(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _base(page: Page) -> str:
    """Relative path from the page to the site root, e.g. '../' for 'checklist/'."""
    return "../" * page.url.count("/")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    from lossguide.checklist import ChecklistState
    from lossguide.widget import DEFAULT_SITUATION, widget_html

    bundle = site_data(config).bundle
    base = _base(page)

    def make(view: str) -> str:
        plan = bundle.plan(DEFAULT_SITUATION)
        # Stall budgets (tests shorten them) travel in the widget's one JSON config (lossguide.texts).
        client = {k: int(config.extra[f"widget_{k}"]) for k in ("stall_ms", "download_stall_ms") if f"widget_{k}" in config.extra}
        inner = widget_html(bundle, plan, ChecklistState(), view=view, base=base, now=None, live=False, client=client)
        attrs = {
            "data-lossguide": view,
            "data-state": "static",
            "data-base": base,
            "data-worker": f"{base}{ASSETS}/worker.mjs",
            "data-pyodide": f"{base}{PYODIDE}/{_runtime(config)[0]['content_hash']}/",
            "data-bundle": f"{base}{ASSETS}/bundle.json",
            # Guide pages (the compact widget) fetch no Pyodide byte before the reader touches it.
            "data-start": "paint" if view == "full" else "interaction",
        }
        attr_html = " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())
        return (
            f'<div class="lg-widget lg-widget--{view}" {attr_html}>{inner}</div>'
            f'<script type="module" src="{base}{ASSETS}/loader.js"></script>'
        )

    for name, view in VIEWS.items():
        html = fill(html, name, lambda view=view: make(view))
    return html


def on_post_build(config: MkDocsConfig) -> None:
    repo = _repo(config)
    site = Path(config.site_dir)
    assets = site / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "bundle.json").write_text(_bundle_json(config), encoding="utf-8")
    for name in JS_FILES:
        shutil.copyfile(repo / "widget" / "js" / name, assets / name)
    manifest, entry = _runtime(config)
    runtime = site / PYODIDE
    if runtime.is_dir():  # an earlier build's runtime folder (mkdocs serve): only this build's one stays
        shutil.rmtree(runtime)
    target = runtime / manifest["content_hash"]
    target.mkdir(parents=True)
    for name in [*manifest["files"], *manifest["precompressed"]]:  # each .gz after its file: newer
        shutil.copyfile(entry / name, target / name)


def _runtime(config: MkDocsConfig) -> tuple[dict, Path]:
    """The Pyodide runtime of this build (from the cache; made when missing) and its cache folder.

    It is served from ``pyodide/<content hash>/``, so a browser may keep it as immutable. Its stdlib
    zip holds only what the engine imports for the page's requests on this build's data.
    """
    key = "lossguide_runtime"
    if key not in config.extra:
        repo = _repo(config)
        text = _bundle_json(config).encode("utf-8")
        # Named by content: builds running side by side (tests, benchmarks) never see each other's half file.
        bundle = repo / ".cache" / "pyodide-dist" / f"bundle-{hashlib.sha256(text).hexdigest()[:16]}.json"
        if not bundle.is_file():
            bundle.parent.mkdir(parents=True, exist_ok=True)
            partial = bundle.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(text)
            os.replace(partial, bundle)
        try:
            config.extra[key] = _pyodide_dist(repo).dist_entry(
                repo,
                precompile_stdlib=config.extra.get("precompile_stdlib", True),
                trim_for=bundle if config.extra.get("trim_stdlib", True) else None,
            )
        except Exception as exc:  # a failed packaging step must stop the build with its reason
            raise PluginError(f"Pyodide 배포 파일을 만들지 못했습니다: {exc}") from exc
    return config.extra[key]


def _bundle_json(config: MkDocsConfig) -> str:
    return json.dumps(site_data(config).raw, ensure_ascii=False, separators=(",", ":"))


def _pyodide_dist(repo: Path) -> ModuleType:
    """widget/tooling/pyodide_dist.py: build-time packaging, deliberately not part of the wheel."""
    return load_module("lossguide_tooling_pyodide_dist", repo / "widget" / "tooling" / "pyodide_dist.py")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    repo = _repo(config)
    for folder in ("widget/src", "widget/js"):
        server.watch(str(repo / folder))
    return server
