#!/usr/bin/env bash
# Serve the site locally with live reload: http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --strict --dev-addr "${LOSSGUIDE_ADDR:-127.0.0.1:8000}" "$@"
