"""Load a build-time module from a file path (shared by the hooks; not a hook itself).

The packaging (widget/tooling/) and serving (serving/) code is deliberately neither part of the
engine wheel nor an installed package; tests and command lines load the same files by path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_module(name: str, path: Path) -> ModuleType:
    """Import ``path`` once under ``name`` and return it."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before exec: dataclasses look their module up while it runs
        spec.loader.exec_module(module)
    return sys.modules[name]
