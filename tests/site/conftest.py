"""The build hooks as modules, for tests that call their check functions directly (fast, no build)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace

import pytest

from support import REPO

HOOKS = REPO / "widget" / "hooks"


@pytest.fixture(scope="session")
def hooks() -> Iterator[SimpleNamespace]:
    """sitedata, shortcodes, editors, pagechecks and korean_log, imported the way MkDocs imports hook helpers."""
    sys.path.insert(0, str(HOOKS))
    try:
        modules: dict[str, ModuleType] = {
            name: importlib.import_module(name) for name in ("sitedata", "shortcodes", "editors", "pagechecks", "korean_log")
        }
        yield SimpleNamespace(**modules)
    finally:
        sys.path.remove(str(HOOKS))


@pytest.fixture(scope="session")
def build_data(hooks: SimpleNamespace):
    """The real docs/data loaded by the sitedata hook, as the build does."""
    config = SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml"), docs_dir=str(REPO / "docs"), extra={})
    hooks.sitedata.on_config(config)
    return hooks.sitedata.site_data(config)
