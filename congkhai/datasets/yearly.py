"""Báo cáo năm (the yearly report draft): no file of its own. Each year with data gets a draft
in the seed report's structure, computed from the other datasets (``congkhai/yearly.py``);
this declaration gives it its section of the site, for the navigation and search."""

from __future__ import annotations

from ..ids import YEARLY_REPORTS
from .descriptor import Dataset, Section

DATASET = Dataset(
    "yearly-report",
    "Báo cáo năm",
    (),
    Section(
        YEARLY_REPORTS,
        "Dự thảo báo cáo năm",
        "Dự thảo báo cáo kết quả công tác đối thoại, tiếp công dân, cung cấp thông tin hằng năm, "
        "tự động tạo từ dữ liệu để cán bộ hoàn thiện; tải về dạng Markdown.",
    ),
)
