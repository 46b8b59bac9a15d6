#!/usr/bin/env bash
# Serve the site locally with live reload: http://127.0.0.1:8000/
# While it runs, a failed build shows its errors in the open page (widget/hooks/serve_errors.py).
# If the very first build fails, MkDocs stops; this script then waits for the fix and starts again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
while true; do
  status=0
  .venv/bin/mkdocs serve --strict --dev-addr "${LOSSGUIDE_ADDR:-127.0.0.1:8000}" "$@" || status=$?
  if [ "$status" -eq 0 ] || [ "$status" -ge 128 ]; then
    exit "$status"  # stopped on purpose (Ctrl+C)
  fi
  echo "[serve] 처음 빌드가 실패해 서버를 시작하지 못했습니다 (위 메시지). 고치고 저장하면 다시 시작합니다. 그만두려면 Ctrl+C." >&2
  # Wait until a file the build reads changes (checked every half second).
  .venv/bin/python - <<'PY'
import pathlib, time
roots = [pathlib.Path(p) for p in ("docs", "mkdocs.yml", "widget/src", "widget/hooks", "widget/js")]
def stamp():
    files = [f for r in roots for f in ([r] if r.is_file() else r.rglob("*")) if f.is_file()]
    return max((f.stat().st_mtime_ns for f in files), default=0), len(files)
first = stamp()
while stamp() == first:
    time.sleep(0.5)
PY
done
