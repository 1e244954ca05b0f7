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
.venv/bin/ruff format --check congkhai hooks scripts tests
.venv/bin/ruff check congkhai hooks scripts tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
