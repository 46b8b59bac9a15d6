"""The Python code passes ruff with the rule set in pyproject.toml (reasons for each ignore there)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import REPO


def test_python_code_passes_ruff() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "widget", "tests", "tools", "serving"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
