"""Báo cáo tuân thủ (the compliance report), without building the site.

    python scripts/compliance.py                      # as of today; same as `congkhai bao-cao`
    CONGKHAI_AS_OF=2021-11-30 python scripts/compliance.py --json bao-cao.json

Prints each category of information that must be public with its count and newest item,
then every finding (missing facts, late postings, late announcements, overdue tasks and
commitments, unverified legal facts). Exits 1 only when the data has errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

from congkhai.compliance import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
