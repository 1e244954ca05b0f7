"""Kiểm tra dữ liệu mà không dựng cổng (check the data without building the site).

    python scripts/validate.py            # as of today in Vietnam
    CONGKHAI_AS_OF=2021-11-30 python scripts/validate.py

Prints every error (file:line: column: message), then the data-quality report; exits 1
when there are errors, as the build would. It runs the build's own checks, the publication
gate included (paths, personal data), without writing anything: the messages are the
build's own, both print :class:`~congkhai.problems.DataError`'s report. An as-of date that is not a date (or is out
of range) is a message too, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from congkhai.dates import DateFormatError, as_of
from congkhai.pages.site_pages import quality_lines
from congkhai.problems import DataError
from congkhai.site import build_site

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    try:
        registry = build_site(ROOT, as_of()).registry
    except (DataError, DateFormatError) as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in quality_lines(registry.problems):
        print(line)
    published = len(registry.published_documents())
    print(
        f"Dữ liệu hợp lệ: {published}/{len(registry.documents)} văn bản được công khai (data is valid)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
