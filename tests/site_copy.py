"""A scratch copy of the site's sources, to build with mistakes or extra pages (tests, tools/bench_scale.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

# Editors change these; everything else at the top of the repository (engine, JS, serving policy, Pyodide
# files and their build cache) is linked, not copied, so new folders need no change here.
COPIED = ("mkdocs.yml", "docs")
NOT_LINKED = {".git", ".venv", "site", "test-output", ".hypothesis", ".pytest_cache"}


def copy_site(repo: Path, dest: Path) -> Path:
    """Copy mkdocs.yml and docs/ into ``dest`` and link the rest; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(repo / "docs", dest / "docs")
    for entry in sorted(repo.iterdir()):
        if entry.name not in {*COPIED, *NOT_LINKED}:
            (dest / entry.name).symlink_to(entry)
    return dest


def insert_line(path: Path, line: int, text: str) -> None:
    """Put ``text`` at 1-based ``line`` of a file, so a test knows which line the message must name."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, text + "\n")
    path.write_text("".join(lines), encoding="utf-8")
