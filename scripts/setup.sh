#!/usr/bin/env bash
# Cài đặt và dựng cổng với dữ liệu kèm theo (set up, then build or serve the site).
#   bash scripts/setup.sh          # build into site/
#   bash scripts/setup.sh serve    # build, then serve on http://127.0.0.1:8000 with live reload
# Needs Python 3.11+ with venv (Debian: apt-get install python3 python3-venv git).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Cần Python 3.11 trở lên (Python 3.11+ required)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
export NO_MKDOCS_2_WARNING=1
# ProperDocs (the maintained MkDocs 1.x fork) builds; `mkdocs build --strict` gives the same
# site. `-f mkdocs.yml`: ProperDocs looks for properdocs.yml first and notes the fallback.
if [ "${1:-build}" = "serve" ]; then
  exec .venv/bin/properdocs serve --strict -f mkdocs.yml
fi
.venv/bin/properdocs build --strict -f mkdocs.yml
echo "Đã dựng cổng vào thư mục site/ (site built into site/). Xem: bash scripts/setup.sh serve"
