#!/usr/bin/env bash
# Sets up what the site needs, idempotently and quickly when already done.
#   tools/setup.sh            Python venv (.venv) with the locked tools + the engine, npm packages
#   tools/setup.sh --system   also the Debian packages the browser tests need (chromium, CJK fonts, nginx)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }

system_packages() {
  local missing=()
  for pkg in chromium fonts-noto-cjk nginx-light libnginx-mod-http-brotli-static; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  # Python 3.12+: pyodide-build resolves to a broken release on 3.11 (platform notes).
  local root candidate
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for candidate in "$root"/versions/3.12.*/bin/python3.12 "$root"/versions/3.13.*/bin/python3.13; do
      [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
  fi
  for candidate in python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  say "Python 3.12 이상을 찾지 못했습니다. pyenv나 apt로 python3.12를 설치해 주세요."
  return 1
}

python_env() {
  local stamp=.venv/.lossguide-stamp want
  want=$(cat requirements.lock widget/pyproject.toml | sha256sum | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    "$(find_python)" -m venv .venv
  fi
  say "installing Python packages from requirements.lock"
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e widget
  echo "$want" >"$stamp"
}

npm_packages() {
  [ -f package-lock.json ] || return 0
  local stamp=node_modules/.lossguide-stamp want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

[ "${1:-}" = "--system" ] && system_packages
python_env
npm_packages
