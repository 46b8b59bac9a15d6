"""The engine tests pass INSIDE Pyodide (Node), from the very wheel and lock entry the site ships.

Steps: build the site's Pyodide dist with widget/tooling/pyodide_dist.py (cached by content hash);
download the pure-Python wheels of pytest, hypothesis and their dependencies (cached in .cache/);
add them to a test-only copy of the dist's lock file with `pyodide lockfile add-wheels`; build the
data bundle on the host; run tests/pyodide/run_engine_tests.mjs in Node, which installs lossguide
by name (sha256 checked) and runs real pytest over tests/engine (minus test_build_*, test_cli*).

Manual run, printing the inner output:  .venv/bin/python tests/pyodide/test_engine_in_pyodide.py [PYTEST_ARGS]
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "pyodide-tests"
RUNNER = Path(__file__).with_name("run_engine_tests.mjs")
RESULT = re.compile(r"^LOSSGUIDE-PYODIDE (\{.*\})$", re.M)
KST = dt.timezone(dt.timedelta(hours=9))

# Wheels pytest and hypothesis need inside Pyodide. Versions come from requirements.lock (the host
# tools), except hypothesis: the host's 6.170.x is a compiled (maturin, cp312) wheel and the newer
# releases have no pure-Python wheel in the index, so inside Pyodide we pin the newest
# py3-none-any release. (Its only dependency is sortedcontainers; attrs is no longer needed.)
INNER_PACKAGES = ("pytest", "pluggy", "iniconfig", "packaging", "pygments", "sortedcontainers")
INNER_PINS = {"hypothesis": "6.155.7"}


@functools.cache
def _pyodide_dist() -> ModuleType:
    """widget/tooling/pyodide_dist.py, loaded by path (widget/ is not an installed package)."""
    path = REPO / "widget" / "tooling" / "pyodide_dist.py"
    spec = importlib.util.spec_from_file_location("lossguide_tooling_pyodide_dist", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inner_requirements(repo: Path = REPO) -> list[str]:
    locked: dict[str, str] = {}
    lock = repo / "requirements.lock"
    if lock.is_file():
        for line in lock.read_text(encoding="utf-8").splitlines():
            found = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
            if found:
                locked[found.group(1).lower().replace("_", "-")] = found.group(2)
    if not locked:
        from importlib.metadata import version

        locked = {name: version(name) for name in INNER_PACKAGES}
    missing = [name for name in INNER_PACKAGES if name not in locked]
    if missing:
        raise RuntimeError(f"requirements.lock does not pin {missing}")
    return [f"{name}=={locked[name]}" for name in INNER_PACKAGES] + [f"{n}=={v}" for n, v in INNER_PINS.items()]


def inner_wheels(cache: Path = CACHE) -> list[Path]:
    """The pinned pure-Python wheels for Pyodide (CPython 3.14), downloaded once into the cache."""
    requirements = inner_requirements()
    key = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:16]
    folder = cache / f"wheels-{key}"
    if not (folder / "complete").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".wheels-", dir=cache))
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--python-version", "3.14",
             "--implementation", "py", "--disable-pip-version-check", "-q", "-d", str(tmp), *requirements],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if proc.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise RuntimeError(f"pip download failed:\n{proc.stdout}\n{proc.stderr}")
        (tmp / "complete").write_text("\n".join(requirements) + "\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    wheels = sorted(folder.glob("*.whl"))
    if len(wheels) != len(requirements) or not all(w.name.endswith("-none-any.whl") for w in wheels):
        raise RuntimeError(f"unexpected wheels in {folder}: {[w.name for w in wheels]}")
    return wheels


def inner_lock(dist: Path, wheels: list[Path], out: Path, cache: Path = CACHE) -> Path:
    """A test-only lock file: the dist's lock plus the test wheels (absolute paths, so lossguide
    still loads from the dist directory via packageBaseUrl). Cached by its inputs."""
    source = dist / "pyodide-lock.json"
    key = hashlib.sha256(source.read_bytes() + "\n".join(map(str, wheels)).encode()).hexdigest()[:16]
    cached = cache / "locks" / f"test-lock-{key}.json"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        proc = subprocess.run(
            [str(_pyodide_dist().pyodide_cli()), "lockfile", "add-wheels", "--input", str(source),
             "--output", str(tmp), "--wheel-url", wheels[0].parent.as_posix() + "/", *map(str, wheels)],
            capture_output=True, text=True,
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(f"pyodide lockfile add-wheels failed:\n{proc.stdout}\n{proc.stderr}")
        tmp.replace(cached)
    shutil.copyfile(cached, out)
    return out


def bundle_years(repo: Path = REPO) -> tuple[int, ...]:
    """The years the engine tests build their bundle for on CPython (`YEARS = (...)` in
    tests/engine/conftest.py, read without importing it), else this year and the next (KST)."""
    conftest = repo / "tests" / "engine" / "conftest.py"
    if conftest.is_file():
        for node in ast.parse(conftest.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "YEARS" for t in node.targets):
                return tuple(ast.literal_eval(node.value))
    year = dt.datetime.now(KST).year
    return (year, year + 1)


def data_bundle(out: Path, repo: Path = REPO) -> Path:
    """The engine's data bundle made on the host as the site build makes it, for the same years
    the engine tests use on CPython (so both runtimes test the same data)."""
    from lossguide.sources import build_bundle

    bundle = build_bundle(repo / "docs", years=bundle_years(repo))
    out.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return out


def site_bundle(out: Path, repo: Path = REPO) -> Path:
    """The data bundle exactly as the site build writes it (widget/hooks/widget.py): the shipped stdlib
    zip is trimmed for it, and the same bytes give the same cache entry, so the same zip."""
    from lossguide.sources import build_bundle

    year = dt.date.today().year
    raw = build_bundle(repo / "docs", years=(year, year + 1))
    out.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return out


def prepare(work: Path) -> dict[str, Any]:
    """Everything the Node runner needs, in `work`; returns paths and the dist manifest."""
    # Exactly what the site serves: the precompiled stdlib, trimmed to what the engine imports.
    cache = REPO / ".cache" / "pyodide-dist"
    manifest = _pyodide_dist().build_dist(
        REPO, work / "dist", cache_dir=cache, precompile_stdlib=True, trim_for=site_bundle(work / "site-bundle.json")
    )
    dist = work / "dist"
    wheels = inner_wheels()
    lock = inner_lock(dist, wheels, work / "test-lock.json")
    return {
        "dist": dist,
        "lock": lock,
        "bundle": data_bundle(work / "bundle.json"),
        "manifest": manifest,
        "test_stdlib": _pyodide_dist().precompiled_stdlib(REPO, cache_dir=cache),
    }


def run_inner(
    prepared: dict[str, Any], pytest_args: Sequence[str] = (), *, repo: Path = REPO, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    """Run the engine tests of `repo` inside Pyodide; pytest's output is in stdout."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed")
    return subprocess.run(
        [node, str(RUNNER), "--repo", str(repo), "--dist", str(prepared["dist"]), "--lock", str(prepared["lock"]),
         "--bundle", str(prepared["bundle"]), "--test-stdlib", str(prepared["test_stdlib"]), "--", *pytest_args],
        capture_output=True, text=True, timeout=timeout, cwd=REPO,
    )  # fmt: skip


def assert_inner_passed(proc: subprocess.CompletedProcess[str], prepared: dict[str, Any]) -> dict[str, Any]:
    """The inner run happened in Pyodide, on the shipped wheel, and passed with >0 tests."""
    output = f"--- inner stdout ---\n{proc.stdout}\n--- inner stderr ---\n{proc.stderr}"
    found = RESULT.findall(proc.stdout)
    if not found:
        pytest.fail(f"the inner run printed no result line (exit {proc.returncode})\n{output}", pytrace=False)
    result = json.loads(found[-1])
    assert result["platform"] == "emscripten", output
    assert result["lossguide"].startswith("/lib/python3.14/site-packages/lossguide/"), output
    assert result["wheel"] == prepared["manifest"]["wheel"]["file"], output
    assert proc.returncode == 0, f"pytest inside Pyodide exited {proc.returncode}\n{output}"
    assert result["exit_code"] == 0 and result["failed"] == 0 and result["error"] == 0, output
    assert result["passed"] > 0, f"no test passed inside Pyodide\n{output}"
    assert prepared["manifest"]["trimmed_stdlib"], "the dist under test must be the trimmed one the site ships"
    return result


def test_engine_tests_pass_inside_pyodide(tmp_path: Path) -> None:
    prepared = prepare(tmp_path)
    result = assert_inner_passed(run_inner(prepared), prepared)
    print(f"inside Pyodide: {result}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="lossguide-pyodide-") as work:
        completed = run_inner(prepare(Path(work)), sys.argv[1:])
        sys.stdout.write(completed.stdout)
        sys.stderr.write(completed.stderr)
        sys.exit(completed.returncode)
