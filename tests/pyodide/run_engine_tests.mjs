// Run the engine tests INSIDE Pyodide (Node, no browser) with real pytest and hypothesis,
// installing `lossguide` from the very wheel and lock entry the site ships (sha256 checked).
//
//   node tests/pyodide/run_engine_tests.mjs --repo . --dist DIST --lock TEST_LOCK [--bundle FILE] [-- PYTEST_ARGS]
//
//   --dist    directory written by widget/tooling/pyodide_dist.py build_dist() (runtime + wheel)
//   --lock    test-only lock file: DIST/pyodide-lock.json plus pytest, hypothesis and their
//             dependencies (added with `pyodide lockfile add-wheels`); the site never ships it
//   --bundle  JSON data bundle; exposed inside as LOSSGUIDE_BUNDLE for tests/engine/conftest.py
//   --test-stdlib  the full stdlib zip: modules only the tests need (pytest, hypothesis) come from it,
//             on a second path added only after the engine's browser side has been imported from the
//             dist's own (trimmed) stdlib, so a module missing from what the site ships fails here
//
// The engine tests are tests/engine/**, except test_build_* and test_cli* (host-only), plus the
// repository's pytest settings (pyproject.toml) and tests/support.py.
// Prints pytest's own output, a line `LOSSGUIDE-PYODIDE {json}` (platform, counts), and exits with
// pytest's exit code; 10 if the harness itself failed (Pyodide did not load, etc.).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HARNESS_FAILED = 10;
const { values: opts, positionals: pytestArgs } = parseArgs({
  options: {
    repo: { type: 'string', default: '.' },
    dist: { type: 'string' },
    lock: { type: 'string' },
    bundle: { type: 'string' },
    'test-stdlib': { type: 'string' },
    timeout: { type: 'string', default: '600' },
  },
  allowPositionals: true,
});

process.on('uncaughtException', (error) => fail(`unexpected error: ${error?.message ?? error}`));
process.on('unhandledRejection', (error) => fail(`unexpected error: ${error?.message ?? error}`));

function fail(message) {
  console.error(`[pyodide-tests] ${message}`);
  process.exit(HARNESS_FAILED);
}

if (!opts.dist || !opts.lock) fail('--dist and --lock are required');
const repo = path.resolve(opts.repo);
const dist = path.resolve(opts.dist) + path.sep;
const lockFile = path.resolve(opts.lock);
setTimeout(() => fail(`timed out after ${opts.timeout} s`), Number(opts.timeout) * 1000).unref();

// The lossguide entry of the test lock must be the dist's entry, and the wheel must match it.
const distLock = JSON.parse(fs.readFileSync(path.join(dist, 'pyodide-lock.json'), 'utf8'));
const testLock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
const shipped = distLock.packages.lossguide;
if (JSON.stringify(testLock.packages.lossguide) !== JSON.stringify(shipped)) {
  fail('the test lock does not carry the dist lock entry of lossguide');
}
const wheelSha = createHash('sha256').update(fs.readFileSync(path.join(dist, shipped.file_name))).digest('hex');
if (wheelSha !== shipped.sha256) fail(`${shipped.file_name}: sha256 ${wheelSha} != lock ${shipped.sha256}`);

// Files to copy into the Pyodide file system, relative to the repository.
const SKIP = /^(test_build_|test_cli)|^__pycache__$|^\.hypothesis$|\.pyc$/;
function engineFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    if (SKIP.test(entry.name)) continue;
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...engineFiles(rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
const files = [...engineFiles('tests/engine'), ...engineFiles('tests/redaction'), 'pyproject.toml', 'tests/support.py'].filter((rel) =>
  fs.existsSync(path.join(repo, rel)),
);
if (!files.some((rel) => /^tests\/engine\/.*test_[^/]*\.py$/.test(rel))) fail('no engine test files found');

const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'pyodide.mjs')).href);
const started = performance.now();
let py;
try {
  py = await loadPyodide({
    indexURL: dist,
    lockFileURL: lockFile,
    packageBaseUrl: dist, // also keeps Pyodide from ever falling back to its CDN
    env: opts.bundle ? { LOSSGUIDE_BUNDLE: '/work/bundle.json' } : {},
  });
  // Raw writes: pytest prints progress dots without newlines.
  py.setStdout({ write: (buf) => (process.stdout.write(buf), buf.length) });
  py.setStderr({ write: (buf) => (process.stderr.write(buf), buf.length) });
  await py.loadPackage(['lossguide', 'pytest', 'hypothesis'], {
    messageCallback: () => {},
    errorCallback: (msg) => console.error(msg),
    checkIntegrity: true,
  });
} catch (error) {
  fail(`Pyodide did not start: ${error?.message ?? error}`);
}
const loaded = performance.now();

for (const rel of files) {
  const target = `/work/${rel}`;
  py.FS.mkdirTree(path.posix.dirname(target));
  py.FS.writeFile(target, fs.readFileSync(path.join(repo, rel)));
}
if (opts.bundle) py.FS.writeFile('/work/bundle.json', fs.readFileSync(path.resolve(opts.bundle)));
if (opts['test-stdlib']) {
  py.FS.mkdirTree('/testonly');
  py.FS.writeFile('/testonly/python_stdlib.zip', fs.readFileSync(path.resolve(opts['test-stdlib'])));
}
py.globals.set('TEST_STDLIB', opts['test-stdlib'] ? '/testonly/python_stdlib.zip' : null);

py.globals.set('PYTEST_ARGS', py.toPy(pytestArgs));
let code;
try {
  code = py.runPython(`
import json, os, sys
import js
import lossguide.browser  # first, from the shipped stdlib alone: what the page's worker imports
shipped_stdlib = next(p for p in sys.path if p.endswith('.zip'))
if TEST_STDLIB:
    sys.path.append(TEST_STDLIB)  # test-only modules, after the shipped ones
    # Packages already imported from the shipped zip (importlib, json...) find their test-only
    # submodules (importlib.resources) in the second zip too, again after the shipped ones.
    for module in list(sys.modules.values()):
        for entry in list(getattr(module, '__path__', None) or []):
            if isinstance(entry, str) and entry.startswith(shipped_stdlib + '/'):
                module.__path__.append(TEST_STDLIB + entry[len(shipped_stdlib):])
import pytest  # not hypothesis: pytest must import its plugin itself (assertion rewriting)
import lossguide

os.chdir('/work')
sys.path.insert(0, '/work/tests')

class Count:
    def __init__(self):
        self.counts = {'passed': 0, 'failed': 0, 'skipped': 0, 'error': 0, 'xfailed': 0}
    def pytest_configure(self, config):
        # After the conftests: keep their settings, but Pyodide is slower than CPython (no
        # per-example deadline) and its file system is thrown away (no example database).
        from hypothesis import settings
        settings.register_profile('pyodide', parent=settings(), deadline=None, database=None)
        settings.load_profile('pyodide')
    def pytest_runtest_logstart(self, nodeid, location):
        js.lossguideCurrentTest = nodeid  # survives a fatal Pyodide error, to name the culprit
    def pytest_runtest_logreport(self, report):
        if hasattr(report, 'wasxfail'):
            if report.skipped:
                self.counts['xfailed'] += 1
            elif report.when == 'call':
                self.counts['passed' if report.passed else 'failed'] += 1
        elif report.when == 'call':
            self.counts[report.outcome] += 1
        elif report.failed:
            self.counts['error'] += 1
        elif report.skipped:
            self.counts['skipped'] += 1

count = Count()
args = list(PYTEST_ARGS) or ['tests/engine']  # settings: the copied pyproject.toml
exit_code = int(pytest.main(args, plugins=[count]))
info = {
    'platform': sys.platform,
    'python': sys.version.split()[0],
    'lossguide': lossguide.__file__,
    'wheel': ${JSON.stringify(shipped.file_name)},
    'shipped_stdlib': shipped_stdlib,
    'exit_code': exit_code,
    **count.counts,
}
print('LOSSGUIDE-PYODIDE ' + json.dumps(info), flush=True)
exit_code
`);
} catch (error) {
  const during = globalThis.lossguideCurrentTest ? ` during ${globalThis.lossguideCurrentTest}` : '';
  fail(`the inner run raised${during}: ${error?.message ?? error}`);
}
const finished = performance.now();
const seconds = (ms) => (ms / 1000).toFixed(2);
console.log(`[pyodide-tests] start ${seconds(loaded - started)} s, tests ${seconds(finished - loaded)} s`);
process.exit(Number(code));
