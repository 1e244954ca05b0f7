"""Yêu cầu cung cấp thông tin (``data/yeu-cau-thong-tin.csv``): aggregate counts of the
information requests the office received and answered, per period (Luật Tiếp cận thông tin
104/2016/QH13, Điều 24-31).

Only counts: a requester's name, address or ID number never enters this file (there is no
column for them, and the one free-text column, ``note``, refuses a personal name). Refusals
are counted by the reason categories of Điều 28 khoản 1, each kept with its legal source in
:data:`REFUSAL_REASONS`, so that the revised law (in force 01/9/2026) is an edit of that
table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from ..dialogues import looks_like_a_name
from ..problems import Problem, Problems
from .descriptor import Dataset, Source
from .fields import Count, Optional, OptionalId, Record, column, load_table
from .periods import PeriodCell, check_no_overlap
from .refs import Ref

FILE = "data/yeu-cau-thong-tin.csv"


@dataclass(frozen=True)
class RefusalReason:
    """Một lý do từ chối: the column counting it, how pages name it, and the law's point."""

    column: str
    label: str
    source: str


#: Luật 104/2016/QH13, Điều 28 khoản 1 (chép từ nguồn thứ cấp, thuviennhadat.vn; chưa đối
#: chiếu Công báo): the cases in which a state body refuses to provide information.
REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason(
        "refused_restricted",
        "Thông tin không được tiếp cận (Điều 6) hoặc không đủ điều kiện tiếp cận có điều kiện "
        "(Điều 7)",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm a",
    ),
    RefusalReason(
        "refused_already_public",
        "Thông tin đã được công khai theo Điều 17",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm b",
    ),
    RefusalReason(
        "refused_not_responsible",
        "Không thuộc trách nhiệm cung cấp",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm c",
    ),
    RefusalReason(
        "refused_provided_twice",
        "Đã cung cấp hai lần cho chính người yêu cầu",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm d",
    ),
    RefusalReason(
        "refused_beyond_capacity",
        "Vượt quá khả năng đáp ứng, ảnh hưởng hoạt động bình thường của cơ quan",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm đ",
    ),
    RefusalReason(
        "refused_costs_unpaid",
        "Người yêu cầu không thanh toán chi phí thực tế",
        "Luật 104/2016/QH13, Điều 28 khoản 1 điểm e",
    ),
)


def _refusal(reason: RefusalReason) -> object:
    return column(
        f"Từ chối: {reason.label[0].lower()}{reason.label[1:]}",
        f"Số yêu cầu bị từ chối vì lý do này ({reason.source}). Ghi 0 nếu không có.",
        "0",
    )


class RequestStats(Record):
    """Số liệu yêu cầu cung cấp thông tin của một kỳ (counts only, never a requester)."""

    period: PeriodCell = column(
        "Kỳ báo cáo",
        "Năm (2021), quý (2021-Q1) hoặc tháng (2021-03); các kỳ không trùng nhau.",
        "2021-Q1",
    )
    carried_over: Count = column(
        "Kỳ trước chuyển sang",
        "Số yêu cầu chưa giải quyết xong ở kỳ trước. Ghi 0 nếu không có.",
        "0",
    )
    received: Count = column("Tiếp nhận", "Số yêu cầu nhận trong kỳ.", "4")
    answered_on_time: Count = column("Trả lời đúng hạn", "Số yêu cầu đã trả lời đúng hạn.", "3")
    answered_late: Count = column("Trả lời quá hạn", "Số yêu cầu đã trả lời quá hạn.", "0")
    refused_restricted: Count = _refusal(REFUSAL_REASONS[0])  # type: ignore[assignment]
    refused_already_public: Count = _refusal(REFUSAL_REASONS[1])  # type: ignore[assignment]
    refused_not_responsible: Count = _refusal(REFUSAL_REASONS[2])  # type: ignore[assignment]
    refused_provided_twice: Count = _refusal(REFUSAL_REASONS[3])  # type: ignore[assignment]
    refused_beyond_capacity: Count = _refusal(REFUSAL_REASONS[4])  # type: ignore[assignment]
    refused_costs_unpaid: Count = _refusal(REFUSAL_REASONS[5])  # type: ignore[assignment]
    pending: Count = column("Đang giải quyết cuối kỳ", "Số yêu cầu chưa giải quyết xong.", "1")
    source: Annotated[OptionalId, Ref("documents")] = column(
        "Nguồn", "Mã văn bản (báo cáo) nêu số liệu, trong documents.csv.", "", default=""
    )
    note: Optional = column(
        "Ghi chú",
        "Không ghi tên, địa chỉ, số giấy tờ của người yêu cầu.",
        "",
        default="",
        prose=True,
    )

    @property
    def refused(self) -> int:
        return sum(getattr(self, r.column) for r in REFUSAL_REASONS)

    @property
    def answered(self) -> int:
        return self.answered_on_time + self.answered_late


def load_requests(
    root: Path, problems: Problems
) -> tuple[tuple[RequestStats, ...], tuple[str, ...]]:
    """The periods of ``data/yeu-cau-thong-tin.csv`` in time order (none when the file is
    absent), and the file's header (for reference checks). Tier 2: a period
    written twice or overlapping another, more requests settled than there were, a personal
    name in the note: errors naming file, line and column."""
    rows, columns = load_table(
        RequestStats, root / "data" / "yeu-cau-thong-tin.csv", FILE, problems, optional_file=True
    )

    def at(name: str) -> int | None:
        return columns.index(name) if name in columns else None

    seen: dict[str, int] = {}
    for row in rows:
        if row.period.key in seen:
            problems.add(
                Problem(
                    FILE,
                    row.line,
                    "period",
                    f'kỳ "{row.period.key}" đã ghi ở dòng {seen[row.period.key]} '
                    "(period written twice)",
                    column_index=at("period"),
                )
            )
        seen.setdefault(row.period.key, row.line)
        settled = row.answered + row.refused + row.pending
        if settled > row.received + row.carried_over:
            problems.add(
                Problem(
                    FILE,
                    row.line,
                    "received",
                    f"đã trả lời {row.answered}, từ chối {row.refused}, đang giải quyết "
                    f"{row.pending}: tổng {settled} lớn hơn số tiếp nhận {row.received} cộng kỳ "
                    f"trước chuyển sang {row.carried_over} "
                    "(answered + refused + pending exceed received + carried over)",
                    column_index=at("received"),
                )
            )
        if looks_like_a_name(row.note):
            problems.add(
                Problem(
                    FILE,
                    row.line,
                    "note",
                    f'"{row.note}" có vẻ là tên một người; không công khai thông tin của người '
                    "yêu cầu (looks like a personal name)",
                    column_index=at("note"),
                )
            )
    check_no_overlap(
        [(r.period, r.line) for r in rows if seen.get(r.period.key) == r.line],
        FILE,
        problems,
        columns,
    )
    ordered = tuple(sorted(rows, key=lambda r: (r.period.start, r.period.end, r.line)))
    return ordered, columns


DATASET = Dataset(
    "requests",
    "Yêu cầu cung cấp thông tin",
    (
        Source(
            FILE,
            "Số liệu yêu cầu cung cấp thông tin",
            "Mỗi dòng một kỳ (năm, quý hoặc tháng): số yêu cầu tiếp nhận, đã trả lời, từ chối "
            "theo lý do (Luật Tiếp cận thông tin, Điều 28), đang giải quyết. Chỉ ghi số liệu, "
            "không ghi thông tin của người yêu cầu.",
            RequestStats,
            export="yeu-cau-thong-tin",
            export_title="Số liệu yêu cầu cung cấp thông tin",
        ),
    ),
)
