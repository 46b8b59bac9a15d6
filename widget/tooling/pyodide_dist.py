"""Build the self-hosted Pyodide distribution for the site: the `lossguide` wheel plus the runtime.

`build_dist(repo_root, out_dir)` writes into `out_dir`:

    pyodide.mjs  pyodide.asm.mjs  pyodide.asm.wasm  python_stdlib.zip   (from the pinned npm `pyodide`)
    pyodide-lock.json                                                   (stock lock + our wheel)
    lossguide-<version>-py3NN-none-any.whl                              (built from widget/, compiled)

and returns a manifest (file names, sizes, the wheel's sha256, the name to `loadPackage`).

The wheel is built pure (py3-none-any) from widget/, then compiled by Pyodide's own Python (run in
Node) to sourceless `.pyc` (`compiled_wheel()`): importing the engine in the browser then compiles
nothing (compiling its modules there took longer than all the rest of the engine's start). Its tag
names the bytecode's Python, py314 (pyodide-lock refuses cp314-none-any); the build-time-only
modules (`BUILD_ONLY`: YAML sources, command line), which cannot be imported in Pyodide anyway, are
left out. It is added to the lock with pyodide-build (`pyodide lockfile add-wheels`), so the browser
loads it by name and checks its sha256. The lock is then trimmed to our package and what it depends
on: the stock lock lists ~360 packages whose wheels are not shipped (they would only 404).

Everything is cached by a content hash of the inputs (the files of `widget/` that make the wheel,
the pinned pyodide version and files, this module's own source), under `cache_dir` (default
`<repo>/.cache/pyodide-dist/`): an unchanged rebuild only copies ~13 MB from the cache. The wheel is
built from a snapshot copy of `widget/`, never in place, with a fixed `SOURCE_DATE_EPOCH`, so the
same sources give the same bytes and the same sha256.

`precompile_stdlib=True` also replaces `python_stdlib.zip` by one whose modules are compiled to
`.pyc` by Pyodide's own Python (run in Node), which cuts Pyodide's start about 3x; see
`precompiled_stdlib()`. Both compilations drop module and function docstrings (about an eighth of the
stdlib's compressed bytes; class docstrings stay, as dataclasses and enum build one by introspection
when a class has none) and store the archives uncompressed, so HTTP brotli/gzip compress the bytecode.

No global state: every path is passed in. Manual use:

    python -m widget.tooling.pyodide_dist OUT_DIR [--precompile-stdlib] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

try:
    import brotli as _brotli
except ImportError:  # gzip copies only
    _brotli = None

__all__ = [
    "PACKAGE_NAME",
    "RUNTIME_FILES",
    "DistError",
    "build_dist",
    "build_wheel",
    "compiled_wheel",
    "dist_entry",
    "precompiled_stdlib",
    "pyodide_cli",
    "pyodide_package_dir",
    "sha256_file",
    "trace_engine",
    "trim_stdlib",
]

PACKAGE_NAME = "lossguide"
# The only files of npm `pyodide` a page needs. Never console*.html (it loads a CDN), no maps/typings.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"
MANIFEST_FILE = "manifest.json"  # kept in the cache entry, not copied to out_dir
# Fixed timestamp for reproducible wheels (zip cannot store dates before 1980).
SOURCE_DATE_EPOCH = "315532800"
# Bump when the layout of the output changes in a way the inputs hash would not see.
FORMAT = 4
# Engine modules used only at build time on the host (they import yaml/jsonschema, absent in Pyodide):
# not shipped in the browser's wheel.
BUILD_ONLY = ("lossguide/sources.py", "lossguide/cli.py", "lossguide/__main__.py")

_SKIP_DIRS = {"__pycache__", "build", "dist", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
_SKIP_SUFFIXES = (".pyc", ".pyo", ".egg-info")


class DistError(RuntimeError):
    """A step of the build failed; the message says which and includes the tool's output."""


# ---------------------------------------------------------------------------------------- helpers


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pyodide_package_dir(repo_root: Path) -> Path:
    """`node_modules/pyodide` of the repo (installed by `npm ci` from the committed lock)."""
    path = repo_root / "node_modules" / "pyodide"
    if not (path / "package.json").is_file():
        raise DistError(f"{path} is missing: run `npm ci` in {repo_root}")
    return path


def pyodide_cli() -> Path:
    """The `pyodide` command of pyodide-build, installed next to the running interpreter."""
    here = Path(sys.executable).parent / ("pyodide.exe" if os.name == "nt" else "pyodide")
    if here.is_file():
        return here
    found = shutil.which("pyodide")
    if found:
        return Path(found)
    raise DistError("the `pyodide` command (pyodide-build) is not installed next to " + sys.executable)


def _run(cmd: list[str], what: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise DistError(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return proc


def _wheel_inputs(widget_dir: Path) -> Iterator[Path]:
    """The files a wheel is built from: widget/'s top-level files and everything under src/."""
    for path in sorted(widget_dir.iterdir()):
        if path.is_file() and not path.name.endswith(_SKIP_SUFFIXES):
            yield path
    for root, dirs, files in os.walk(widget_dir / "src"):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.endswith(_SKIP_SUFFIXES))
        for name in sorted(files):
            if not name.endswith(_SKIP_SUFFIXES):
                yield Path(root) / name


def _hash_tree(digest: Any, base: Path, files: Iterable[Path]) -> None:
    for path in files:
        data = path.read_bytes()
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(len(data).to_bytes(8, "big") + data)


def _snapshot_widget(widget_dir: Path, dest: Path) -> str:
    """Copy the wheel inputs to `dest` (so the build never writes into widget/ and sees one
    consistent state while someone edits) and return their content hash."""
    files = list(_wheel_inputs(widget_dir))
    for path in files:
        target = dest / path.relative_to(widget_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    digest = hashlib.sha256()
    _hash_tree(digest, dest, (dest / p.relative_to(widget_dir) for p in files))
    return digest.hexdigest()


def _pyodide_fingerprint(pkg_dir: Path) -> str:
    version = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))["version"]
    digest = hashlib.sha256(f"pyodide {version}\0".encode())
    # Size + mtime is enough to notice a reinstalled package; the version pins the content.
    for name in (*RUNTIME_FILES, LOCK_FILE):
        stat = (pkg_dir / name).stat()
        digest.update(f"{name} {stat.st_size}\0".encode())
    return f"{version}:{digest.hexdigest()[:16]}"


def _own_source_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _materialize(entry: Path, out_dir: Path, names: Iterable[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(entry / name, out_dir / name)


def _prune(cache_dir: Path, keep: int) -> None:
    """Keep the `keep` most recently used entries (each is ~13-21 MB); drop older ones and
    temporary directories left by a crash more than an hour ago."""
    entries = [p for p in cache_dir.iterdir() if p.is_dir() and (p / MANIFEST_FILE).is_file()]
    entries.sort(key=lambda p: (p / MANIFEST_FILE).stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    for tmp in cache_dir.glob(".*-*"):
        if tmp.is_dir() and time.time() - tmp.stat().st_mtime > 3600:
            shutil.rmtree(tmp, ignore_errors=True)


def _store(cache_dir: Path, key: str, fill: Any, keep: int = 4) -> Path:
    """Return the cache entry `cache_dir/key`, creating it with `fill(tmp_dir)` if missing.
    Built in a temporary directory and renamed into place, so a crash or a concurrent build never
    leaves a half-written entry. Using an entry marks it recent; old entries are pruned."""
    entry = cache_dir / key
    if (entry / MANIFEST_FILE).is_file():
        os.utime(entry / MANIFEST_FILE)
        return entry
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=cache_dir))
    try:
        fill(tmp)
        try:
            os.replace(tmp, entry)
        except OSError:  # another process won the race (or a stale half entry without manifest)
            if not (entry / MANIFEST_FILE).is_file():
                shutil.rmtree(entry, ignore_errors=True)
                os.replace(tmp, entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(cache_dir, keep)
    return entry


# ------------------------------------------------------------------------------------------ wheel


def build_wheel(source_dir: Path, out_dir: Path) -> Path:
    """Build the pure wheel of the project in `source_dir` (offline: no build isolation, the
    running environment provides setuptools) into `out_dir`, reproducibly."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory(prefix="lossguide-wheel-") as tmp:
        _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
             "--no-cache-dir", "--disable-pip-version-check", "-q", "-w", tmp, str(source_dir)],
            "building the lossguide wheel", env=env, cwd=source_dir,
        )
        wheels = sorted(Path(tmp).glob("*.whl"))
        if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
            raise DistError(f"expected one pure py3-none-any wheel, got {[w.name for w in wheels]}")
        target = out_dir / wheels[0].name
        shutil.copyfile(wheels[0], target)
    return target


def _trim_lock(lock_path: Path, keep: Iterable[str]) -> None:
    """Keep only `keep` and their transitive dependencies in the lock file."""
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages = lock["packages"]
    wanted: set[str] = set()
    todo = list(keep)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        if name not in packages:
            raise DistError(f"{name} is missing from {lock_path}")
        wanted.add(name)
        todo.extend(packages[name].get("depends", []))
    lock["packages"] = {name: packages[name] for name in sorted(wanted)}
    lock_path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _compressed(path: Path, kind: str, cache_dir: Path) -> Path:
    """A gzip -9 ("gz") or brotli 11 ("br") copy of `path`, cached by the file's sha256: the runtime's
    large files (wasm, asm.mjs) never change between builds, and brotli 11 takes long on them."""
    digest = sha256_file(path)
    target = cache_dir / "compressed" / f"{digest}.{kind}"
    if not target.is_file():
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0) if kind == "gz" else _brotli.compress(data, quality=11)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(packed)
        os.replace(partial, target)
    return target


# ------------------------------------------------------------------------------------ build_dist


def build_dist(
    repo_root: Path,
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    precompile_stdlib: bool = False,
    trim_for: Path | None = None,
) -> dict[str, Any]:
    """Write the site's Pyodide distribution into `out_dir` and return its manifest:

        {"package": "lossguide",                       # name for pyodide.loadPackage
         "pyodide_version": "314.0.7", "key": "<cache key>", "cached": bool,
         "precompiled_stdlib": bool, "trimmed_stdlib": {"modules", "size", "full_size"} | None,
         "content_hash": "<16 hex: sha256 of the files>",  # name of the site's immutable folder
         "wheel": {"file": "lossguide-0.1.0-py314-none-any.whl", "sha256": "...", "size": n},
         "files": {"pyodide.mjs": size, ...}, "total_bytes": n, "seconds": t}

    `trim_for`: a data bundle (JSON file); with it the stdlib zip keeps only what the engine imports
    answering the page's requests on that data (see `trim_stdlib`).
    """
    manifest, entry = dist_entry(repo_root, cache_dir=cache_dir, precompile_stdlib=precompile_stdlib, trim_for=trim_for)
    out_dir = Path(out_dir).resolve()
    # Remove our own stale wheels (an older version) so out_dir holds exactly one.
    if out_dir.is_dir():
        for old in out_dir.glob(f"{PACKAGE_NAME}-*.whl"):
            if old.name != manifest["wheel"]["file"]:
                old.unlink()
    started = time.perf_counter()
    _materialize(entry, out_dir, manifest["files"])
    manifest["seconds"] = round(manifest["seconds"] + time.perf_counter() - started, 3)
    return manifest


def dist_entry(
    repo_root: Path,
    *,
    cache_dir: Path | None = None,
    precompile_stdlib: bool = False,
    trim_for: Path | None = None,
) -> tuple[dict[str, Any], Path]:
    """Make (or find) the distribution in the cache; return its manifest and the cache folder."""
    started = time.perf_counter()
    repo_root = Path(repo_root).resolve()
    cache_dir = Path(cache_dir).resolve() if cache_dir else repo_root / ".cache" / "pyodide-dist"
    pkg_dir = pyodide_package_dir(repo_root)
    pyodide_key = _pyodide_fingerprint(pkg_dir)

    with tempfile.TemporaryDirectory(prefix="lossguide-src-") as tmp:
        snapshot = Path(tmp) / "widget"
        source_hash = _snapshot_widget(repo_root / "widget", snapshot)
        key = hashlib.sha256(
            f"format {FORMAT}\0{pyodide_key}\0{_own_source_hash()}\0{source_hash}\0"
            f"precompiled {precompile_stdlib}\0trimmed for {sha256_file(trim_for) if trim_for else None}".encode()
        ).hexdigest()[:32]
        cached = (cache_dir / key / MANIFEST_FILE).is_file()

        def fill(entry: Path) -> None:
            with tempfile.TemporaryDirectory(prefix="lossguide-pure-") as pure:
                wheel = compiled_wheel(build_wheel(snapshot, Path(pure)), entry, pkg_dir)
            for name in RUNTIME_FILES:
                shutil.copyfile(pkg_dir / name, entry / name)
            if precompile_stdlib:
                shutil.copyfile(precompiled_stdlib(repo_root, cache_dir=cache_dir), entry / "python_stdlib.zip")
            _run(
                [str(pyodide_cli()), "lockfile", "add-wheels", "--input", str(pkg_dir / LOCK_FILE),
                 "--output", str(entry / LOCK_FILE), "--base-path", str(entry), str(wheel)],
                "pyodide lockfile add-wheels",
            )
            _trim_lock(entry / LOCK_FILE, [PACKAGE_NAME])
            entry_lock = json.loads((entry / LOCK_FILE).read_text(encoding="utf-8"))["packages"][PACKAGE_NAME]
            sha = sha256_file(wheel)
            if entry_lock["file_name"] != wheel.name or entry_lock["sha256"] != sha:
                raise DistError(f"unexpected lock entry for {PACKAGE_NAME}: {entry_lock}")
            trimmed = trim_stdlib(repo_root, entry, trim_for) if trim_for else None
            files = {name: (entry / name).stat().st_size for name in (*RUNTIME_FILES, LOCK_FILE, wheel.name)}
            content = hashlib.sha256()
            _hash_tree(content, entry, (entry / name for name in sorted(files)))
            # Compressed copies made once here (gzip -9; brotli at its best, 11, when the brotli package is
            # there), served by nginx's gzip_static / brotli_static (serving/policy.py).
            for name in files:
                for kind in ("gz", "br") if _brotli is not None else ("gz",):
                    shutil.copyfile(_compressed(entry / name, kind, cache_dir), entry / f"{name}.{kind}")
            manifest = {
                "package": PACKAGE_NAME,
                "pyodide_version": pyodide_key.split(":")[0],
                "key": key,
                "precompiled_stdlib": precompile_stdlib,
                "trimmed_stdlib": trimmed,
                "content_hash": content.hexdigest()[:16],
                "precompressed": {
                    f"{name}.{kind}": (entry / f"{name}.{kind}").stat().st_size
                    for name in files
                    for kind in ("gz", "br")
                    if (entry / f"{name}.{kind}").is_file()
                },
                "wheel": {"file": wheel.name, "sha256": sha, "size": wheel.stat().st_size},
                "files": files,
                "total_bytes": sum(files.values()),
            }
            (entry / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

        entry = _store(cache_dir, key, fill)

    manifest = json.loads((entry / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["cached"] = cached
    manifest["seconds"] = round(time.perf_counter() - started, 3)
    return manifest, entry


# ------------------------------------------------------------------------ compiled bytecode

# Shared by the two compilations below (runs inside Pyodide): the module's AST without module and
# function docstrings (their __doc__ is None, as under `python -OO`, which the stdlib supports);
# class docstrings stay, asserts stay. Line numbers are kept, so tracebacks still point at lines.
_STRIP_DOCSTRINGS_PY = r"""
import ast

def strip_docstrings(source, name):
    tree = ast.parse(source, name)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                node.body = body[1:] or [ast.copy_location(ast.Pass(), body[0])]
    return tree
"""

# Runs inside Pyodide (Node): the pure wheel, with every module compiled to an unchecked hash-based
# .pyc at the legacy location (source dropped), BUILD_ONLY left out, RECORD and WHEEL's tag rewritten,
# ZIP_STORED. The runner (_PRECOMPILE_MJS) has fixed names: the input is /precompile/python_stdlib.zip,
# the output /precompile/out.zip. The last expression is the bytecode's tag (e.g. py314).
_COMPILE_WHEEL_PY = _STRIP_DOCSTRINGS_PY + r"""
import base64, hashlib, importlib.util, marshal, sys, zipfile
BUILD_ONLY = set(BUILD_ONLY_JSON)
tag = f'py{sys.version_info.major}{sys.version_info.minor}'
records = []

def add(zout, name, data):
    zout.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    records.append(f'{name},sha256={digest},{len(data)}')

with zipfile.ZipFile('/precompile/python_stdlib.zip') as zin, \
        zipfile.ZipFile('/precompile/out.zip', 'w', zipfile.ZIP_STORED) as zout:
    record = next(n for n in zin.namelist() if n.endswith('.dist-info/RECORD'))
    for name in sorted(zin.namelist()):
        data = zin.read(name)
        if name == record or name in BUILD_ONLY:
            continue
        if name.endswith('.dist-info/entry_points.txt'):
            continue  # the command line (BUILD_ONLY) is not shipped
        if name.endswith('.dist-info/WHEEL'):
            data = data.replace(b'Tag: py3-none-any', f'Tag: {tag}-none-any'.encode())
        if name.endswith('.py'):
            code = compile(strip_docstrings(data, name), name, 'exec', dont_inherit=True, optimize=0)
            pyc = bytearray(importlib.util.MAGIC_NUMBER)
            pyc += (0b01).to_bytes(4, 'little') + importlib.util.source_hash(data) + marshal.dumps(code)
            add(zout, name[:-3] + '.pyc', bytes(pyc))
        else:
            add(zout, name, data)
    add(zout, record, ('\n'.join(records + [f'{record},,']) + '\n').encode())
tag
"""


def compiled_wheel(pure: Path, out_dir: Path, pkg_dir: Path, *, node: str = "node") -> Path:
    """The pure wheel `pure` compiled by Pyodide's own Python (Node) into `out_dir` (see
    `_COMPILE_WHEEL_PY`), named with the bytecode's tag: lossguide-<version>-py314-none-any.whl."""
    if not pure.name.endswith("-py3-none-any.whl"):
        raise DistError(f"expected a pure py3-none-any wheel, got {pure.name}")
    with tempfile.TemporaryDirectory(prefix="lossguide-compile-") as tmp:
        work = Path(tmp)
        code = _COMPILE_WHEEL_PY.replace("BUILD_ONLY_JSON", json.dumps(list(BUILD_ONLY)))
        (work / "compile.py").write_text(code, encoding="utf-8")
        (work / "run.mjs").write_text(_PRECOMPILE_MJS, encoding="utf-8")
        compiled = work / "out.whl"
        proc = _run(
            [node, str(work / "run.mjs"), str(pkg_dir), str(pure), str(compiled), str(work / "compile.py")],
            "compiling the lossguide wheel in Pyodide", timeout=600,
        )
        tag = json.loads(proc.stdout.strip().splitlines()[-1])["result"]
        target = Path(out_dir) / pure.name.replace("-py3-none-any.whl", f"-{tag}-none-any.whl")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(compiled, target)
    return target


# ------------------------------------------------------------------------ precompiled stdlib

# Runs inside Pyodide (Node): compile every stdlib module of the stock zip (docstrings stripped, see
# _STRIP_DOCSTRINGS_PY) to an unchecked hash-based .pyc at the legacy location (foo.pyc next to where
# foo.py was, source dropped) and write a ZIP_STORED archive. Bytecode must come from Pyodide's own
# CPython (3.14), not the host's.
_PRECOMPILE_PY = _STRIP_DOCSTRINGS_PY + r"""
import importlib.util, io, marshal, py_compile, sys, zipfile
src = '/precompile/python_stdlib.zip'
dst = '/precompile/out.zip'
count = 0
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_STORED) as zout:
    for info in sorted(zin.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        data = zin.read(info)
        name = info.filename
        if name.endswith('.py'):
            try:
                code = compile(strip_docstrings(data, name), name, 'exec', dont_inherit=True, optimize=0)
            except SyntaxError:
                # e.g. lib2to3 test data: keep the source as it was
                out = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                zout.writestr(out, data)
                continue
            source_hash = importlib.util.source_hash(data)
            flags = 0b01  # hash-based, check_source = 0 (unchecked)
            pyc = bytearray(importlib.util.MAGIC_NUMBER)
            pyc += flags.to_bytes(4, 'little') + source_hash + marshal.dumps(code)
            out = zipfile.ZipInfo(name[:-3] + '.pyc', (1980, 1, 1, 0, 0, 0))
            zout.writestr(out, bytes(pyc))
            count += 1
        else:
            out = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            zout.writestr(out, data)
count
"""

_PRECOMPILE_MJS = r"""
const [dist, src, dst, code] = process.argv.slice(2);
const fs = await import('node:fs');
const { loadPyodide } = await import(new URL('pyodide.mjs', 'file://' + dist + '/').href);
const py = await loadPyodide({ indexURL: dist + '/', stdout: () => {}, stderr: (s) => console.error(s) });
py.FS.mkdirTree('/precompile');
py.FS.writeFile('/precompile/python_stdlib.zip', fs.readFileSync(src));
const count = py.runPython(fs.readFileSync(code, 'utf8'));
fs.writeFileSync(dst, py.FS.readFile('/precompile/out.zip'));
console.log(JSON.stringify({ modules: Number(count), result: String(count) }));
"""


def precompiled_stdlib(repo_root: Path, *, cache_dir: Path | None = None, node: str = "node") -> Path:
    """Path of a `python_stdlib.zip` whose modules are precompiled by Pyodide's own Python (run in
    Node), cached by the hash of the stock zip, the pyodide version and this code."""
    repo_root = Path(repo_root).resolve()
    cache_dir = Path(cache_dir).resolve() if cache_dir else repo_root / ".cache" / "pyodide-dist"
    pkg_dir = pyodide_package_dir(repo_root)
    stock = pkg_dir / "python_stdlib.zip"
    key = hashlib.sha256(
        f"{_pyodide_fingerprint(pkg_dir)}\0{sha256_file(stock)}\0{_PRECOMPILE_PY}\0{_PRECOMPILE_MJS}".encode()
    ).hexdigest()[:32]

    def fill(entry: Path) -> None:
        (entry / "precompile.py").write_text(_PRECOMPILE_PY, encoding="utf-8")
        (entry / "precompile.mjs").write_text(_PRECOMPILE_MJS, encoding="utf-8")
        proc = _run(
            [node, str(entry / "precompile.mjs"), str(pkg_dir), str(stock),
             str(entry / "python_stdlib.zip"), str(entry / "precompile.py")],
            "precompiling the stdlib in Pyodide", timeout=600,
        )
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        info["size"] = (entry / "python_stdlib.zip").stat().st_size
        (entry / MANIFEST_FILE).write_text(json.dumps(info) + "\n", encoding="utf-8")

    return _store(cache_dir / "stdlib", key, fill) / "python_stdlib.zip"


# ------------------------------------------------------------------------------- trimmed stdlib

# Runs inside Pyodide (Node) exactly as the site's worker does (stdLibURL, lock, loadPackage with the
# sha256 check, lossguide.browser.Session), then sends every kind of request the page sends: each op,
# each event kind (tick, untick, situation, report with numbers to redact, reset, unknown), stored
# state of the current and an unreadable kind, and a malformed request. Prints the stdlib files that
# were imported, and the responses (so two runs can be compared).
_TRACE_PY = r"""
import itertools, json, sys
from lossguide import browser, reportlog

# New entries get random ids: number them instead, so the two runs' answers can be compared.
_numbers = itertools.count()
reportlog._new_id = lambda: f"trace{next(_numbers):011d}"
session = browser.Session(BUNDLE_TEXT)
steps = [step.id for step in session.bundle.checklist.steps]
channel = next(iter(session.bundle.directory.channels))
now = '2026-12-25T03:00:00Z'
events = [
    {'type': 'tick', 'step': steps[0], 'checked': True, 'at': now},
    {'type': 'tick', 'step': steps[0], 'checked': False},
    {'type': 'tick', 'step': 'no-such-step', 'checked': True},
    {'type': 'situation', 'query': 'lost=phone&lost=account-info&stolen=stolen&suspicious=1&abroad=on'},
    {'type': 'situation', 'query': ''},
    {'type': 'report', 'at': now, 'fields': {'channel': channel, 'reported_at': '2026-12-25T11:58',
     'receipt_number': 'A-1', 'agent': 'kim', 'memo': 'card 4111 1111 1111 1111, 900101-1234567, 110-123-456789'}},
    {'type': 'report', 'fields': {'channel': channel, 'reported_at': 'yesterday'}},
    {'type': 'report', 'fields': {'channel': channel, 'reported_at': '2027-12-25T11:58', 'memo': 'a year ahead'}},
    {'type': 'confirm'},
    {'type': 'report', 'fields': {'channel': channel, 'reported_at': '2025-12-25T11:58'}},
    {'type': 'cancel'},
    {'type': 'report', 'fields': 'broken'},
    {'type': 'edit', 'id': 'no-such-entry'},
    {'type': 'cancel-edit'},
    {'type': 'delete', 'id': 'no-such-entry'},
    {'type': 'undo', 'id': 'no-such-entry'},
    {'type': 'reset'},
    {'type': 'unknown'},
    {'type': 'tick', 'step': steps[-1], 'checked': True},
]
answers = []
stored = None
for op in ('init', 'events', 'refresh', 'location', 'sync'):
    for view in ('full', 'compact'):
        request = {'id': len(answers), 'op': op, 'stored_situation': 'lost=otp&x=1', 'events': events,
                   'query': '?lost=card&stolen=1&h=x&bogus=1', 'now': now, 'view': view, 'base': '../'}
        answer = json.loads(session.handle(json.dumps(request), stored))
        stored = (answer.get('persist') or {}).get('state') or stored
        answers.append(answer)
# One entry edited, deleted and brought back, as the log's own buttons do.
entry = json.loads(stored)['log'][0]['id'] if stored and json.loads(stored).get('log') else 'none'
for event in ({'type': 'edit', 'id': entry}, {'type': 'delete', 'id': entry}, {'type': 'undo', 'id': entry}):
    request = {'id': len(answers), 'op': 'events', 'events': [event], 'now': now, 'view': 'full', 'base': '../'}
    answers.append(json.loads(session.handle(json.dumps(request), stored)))
for raw in (json.dumps({'op': 'init', 'stored': '{"version": 999}', 'now': now}),
            json.dumps({'op': 'events', 'events': [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], 'now': now}),
            json.dumps({'op': 'init', 'stored': 'not json', 'now': now, 'query': '?lost=' + 'x' * 5000})):
    answers.append(json.loads(session.handle(raw)))
for raw in ('{', '[]'):  # malformed: answered for the current time, so not compared
    session.handle(raw)
zip_root = next(p for p in sys.path if p.endswith('.zip'))
files = sorted(
    origin[len(zip_root) + 1:]
    for module in list(sys.modules.values())
    for origin in [getattr(getattr(module, '__spec__', None), 'origin', None)]
    if isinstance(origin, str) and origin.startswith(zip_root + '/')
)
json.dumps({'files': files, 'answers': answers}, ensure_ascii=False, sort_keys=True)
"""

_TRACE_MJS = r"""
const [dist, stdlib, bundle, code, out] = process.argv.slice(2);
const fs = await import('node:fs');
const { loadPyodide } = await import(new URL('pyodide.mjs', 'file://' + dist + '/').href);
const py = await loadPyodide({
  indexURL: dist + '/', stdLibURL: stdlib, lockFileURL: dist + '/pyodide-lock.json', packageBaseUrl: dist + '/',
  stdout: () => {}, stderr: (s) => console.error(s),
});
await py.loadPackage('lossguide', { checkIntegrity: true, messageCallback: () => {} });
py.globals.set('BUNDLE_TEXT', fs.readFileSync(bundle, 'utf8'));
const result = JSON.parse(py.runPython(fs.readFileSync(code, 'utf8')));
// An exception crossing into JavaScript (as in the worker's error path) formats its traceback.
try { py.runPython('raise ValueError("trace")'); } catch (error) { if (!String(error).includes('trace')) throw error; }
result.files = [...new Set([...result.files, ...py.runPython(`
import sys
root = next(p for p in sys.path if p.endswith('.zip'))
sorted(o[len(root) + 1:] for m in list(sys.modules.values())
       for o in [getattr(getattr(m, '__spec__', None), 'origin', None)] if isinstance(o, str) and o.startswith(root + '/'))
`).toJs()])].sort();
fs.writeFileSync(out, JSON.stringify(result));
"""


def trace_engine(repo_root: Path, dist: Path, stdlib: Path, bundle: Path, *, node: str = "node") -> dict[str, Any]:
    """Run the engine as the site's worker does (Pyodide in Node, `stdlib` as the stdlib zip) through
    every kind of request; return {"files": stdlib zip entries imported, "answers": the responses}.
    Raises DistError when anything fails (e.g. a module missing from `stdlib`)."""
    with tempfile.TemporaryDirectory(prefix="lossguide-trace-") as tmp:
        work = Path(tmp)
        (work / "trace.py").write_text(_TRACE_PY, encoding="utf-8")
        (work / "trace.mjs").write_text(_TRACE_MJS, encoding="utf-8")
        _run(
            [node, str(work / "trace.mjs"), str(Path(dist).resolve()), str(Path(stdlib).resolve()),
             str(Path(bundle).resolve()), str(work / "trace.py"), str(work / "out.json")],
            "running the engine in Pyodide (import trace)", timeout=600, cwd=repo_root,
        )  # fmt: skip
        return json.loads((work / "out.json").read_text(encoding="utf-8"))


def _write_zip(source: Path, target: Path, names: Iterable[str]) -> None:
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zout:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            zout.writestr(info, zin.read(name))


def trim_stdlib(repo_root: Path, dist: Path, bundle: Path, *, node: str = "node") -> dict[str, Any]:
    """Replace `dist/python_stdlib.zip` by one holding only what Pyodide's start and the engine import.

    The list comes from `trace_engine` on the full zip; the trace then runs again on the trimmed zip
    and must import the same files and give the same answers, else DistError (the build stops: a
    missing module fails here, never in a reader's browser). Returns {"modules", "size", "full_size"}.
    """
    full = Path(dist) / "python_stdlib.zip"
    with tempfile.TemporaryDirectory(prefix="lossguide-trim-") as tmp:
        kept = Path(tmp) / "python_stdlib.zip"
        traced = trace_engine(repo_root, dist, full, bundle, node=node)
        _write_zip(full, kept, traced["files"])
        again = trace_engine(repo_root, dist, kept, bundle, node=node)
        if again != traced:
            missing = sorted(set(traced["files"]) - set(again["files"]))
            raise DistError(f"the trimmed stdlib behaves differently from the full one (missing: {missing[:20]})")
        info = {"modules": len(traced["files"]), "size": kept.stat().st_size, "full_size": full.stat().st_size}
        shutil.copyfile(kept, full)
    return info


# ------------------------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the self-hosted Pyodide dist with the lossguide wheel.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--repo-root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--precompile-stdlib", action="store_true")
    args = parser.parse_args(argv)
    try:
        manifest = build_dist(args.repo_root, args.out_dir, cache_dir=args.cache_dir,
                              precompile_stdlib=args.precompile_stdlib)
    except DistError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
