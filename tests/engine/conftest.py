"""Shared fixtures for the engine tests.

These tests also run inside Pyodide, where only lossguide, pytest and hypothesis exist: there the
data comes as JSON from LOSSGUIDE_BUNDLE. On CPython the bundle is built from docs/data, importing
the build-time module lazily. Files named test_build_*.py and test_cli*.py are CPython-only.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from lossguide.bundle import Bundle, load_bundle

# Pyodide is slower and less steady than CPython; a deadline would only make tests flaky there.
settings.register_profile("engine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("engine")

DOCS = Path(__file__).resolve().parents[2] / "docs"
YEARS = (2026, 2027)


@pytest.fixture(scope="session")
def bundle() -> dict[str, Any]:
    """The JSON-able data bundle the browser receives (contacts, checklist, holidays 2026-2027)."""
    path = os.environ.get("LOSSGUIDE_BUNDLE")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    from lossguide.sources import build_bundle  # build-time only: not importable in Pyodide

    return build_bundle(DOCS if DOCS.is_dir() else Path("docs"), years=YEARS)


@pytest.fixture(scope="session")
def engine(bundle: dict[str, Any]) -> Bundle:
    """The bundle loaded into engine objects."""
    return load_bundle(bundle)


@pytest.fixture(scope="session")
def small_raw(bundle: dict[str, Any]) -> dict[str, Any]:
    """The small fixture rulebook (tests/engine/rulebook.py) as a bundle dict, never checked by a build."""
    spec = importlib.util.spec_from_file_location("lossguide_test_rulebook", Path(__file__).with_name("rulebook.py"))
    assert spec is not None and spec.loader is not None
    rulebook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rulebook)
    return rulebook.small_bundle(bundle)


@pytest.fixture(scope="session")
def small(small_raw: dict[str, Any]) -> Bundle:
    return load_bundle(small_raw)
