#!/usr/bin/env bash
# Run every test: engine (CPython and Pyodide), content and build checks, real Chromium over HTTP.
# Extra arguments go to pytest (e.g. tools/test.sh tests/site -k topics).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --system
export NO_MKDOCS_2_WARNING=1
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "[test] pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
