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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def site_pages(site_dir: Path) -> list[str]:
    """URL paths of every built HTML page, e.g. '/', '/lost/card/', '/404.html'."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        pages.append("/" + rel.removesuffix("index.html"))
    return pages
