"""Kiểm tra dữ liệu mà không dựng cổng (check the data without building the site).

    python scripts/validate.py            # as of today in Vietnam
    CONGKHAI_AS_OF=2021-11-30 python scripts/validate.py

Kept for scripts and tests that call it; staff use ``congkhai kiem-tra`` (a table by file,
with values and fixes, ``--json``). This prints the build's own report in plain text
(:func:`congkhai.cli.validate_main`) for the project holding this script; exits 1 on errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

from congkhai.cli import validate_main

if __name__ == "__main__":
    sys.exit(validate_main(Path(__file__).resolve().parent.parent))
