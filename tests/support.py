"""Helpers shared by test modules (importable because pytest's pythonpath includes tests/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "test-output"  # screenshots and other artefacts people look at after a run
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium floods the closed network (platform notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def mkdocs_build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict`, as editors and CI do."""
    # Without LOSSGUIDE_EDIT_URI, as a fresh checkout: pages carry no edit link (mkdocs.yml).
    env = {key: value for key, value in os.environ.items() if key != "LOSSGUIDE_EDIT_URI"} | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


# The 255 pre-rendered situation pages (widget/hooks/situations.py) share one template: page-by-page
# checks visit these few (one item, a name with '-', flags only, everything) instead of all of them.
SITUATION_SAMPLES = ("card", "account-info-abroad", "suspicious", "card-phone-id-otp-account-info-stolen-suspicious-abroad")


def site_pages(site_dir: Path) -> list[str]:
    """URL paths of every built HTML page, e.g. '/', '/lost/card/', '/404.html' (situation pages: samples)."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("checklist/s/") and rel.split("/")[2] not in SITUATION_SAMPLES:
            continue
        pages.append("/" + rel.removesuffix("index.html"))
    return pages


def wait_for_state(page, wanted: tuple[str, ...], timeout_s: float = 30.0, selector: str = "[data-lossguide]") -> str:
    """Poll the widget's data-state until it is one of ``wanted`` (CSP forbids wait_for_function)."""
    import time

    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(f"document.querySelector('{selector}')?.dataset.state")
        if state in wanted:
            return state
        page.wait_for_timeout(50)
    raise AssertionError(f"widget state stayed {state!r}, wanted one of {wanted} within {timeout_s}s")


def wait_until(page, script: str, timeout_s: float = 15.0) -> object:
    """Poll a JS expression until it is truthy; return its value."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(50)
    raise AssertionError(f"never true within {timeout_s}s: {script}")


# Fills this origin's storage to the last byte with data of another application (as an init script:
# before any page script runs; or evaluated later: storage filling up while a page is open).
STORAGE_FULL = """
(() => {
  try { if (localStorage.getItem("other-app:filler-0") !== null) return; } catch { return; }
  let chunk = "x".repeat(1 << 20);
  for (let i = 0; chunk.length; i++) {
    try { localStorage.setItem(`other-app:filler-${i}`, chunk); }
    catch { chunk = chunk.slice(0, chunk.length >> 1); }
  }
})();
"""
