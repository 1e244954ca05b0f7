"""Kết quả tiếp công dân (``data/ket-qua-tiep-cong-dan.csv``): aggregate reception statistics
per period (Luật Tiếp công dân 42/2013/QH13; the reception register itself stays internal).

A long table, one row per period and field: the row whose ``field`` is empty holds the
period's totals (sessions held, citizens received, petitions), each other row the cases
(vụ việc) of one field. Clerks add a field by adding a row, filter and pivot it in Excel, and
a field nobody reported is simply absent instead of a column of blanks; a wide table would
need a new column (and a code change) for every field a report names.

Never a citizen's name: there is no column for one, and the note refuses a personal name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import PlainValidator

from ..dialogues import looks_like_a_name
from ..ids import RECEPTION_OUTCOMES
from ..problems import Problem, Problems, Severity
from .descriptor import Dataset, Section, Source
from .fields import Optional, OptionalId, Record, _count, choice, column, load_table
from .periods import PeriodCell, check_no_overlap
from .refs import Ref

FILE = "data/ket-qua-tiep-cong-dan.csv"

#: Lĩnh vực of the cases, as reception reports commonly group them (hành chính: đất đai, nhà
#: ở, chế độ chính sách, khác; tư pháp; Đảng, đoàn thể; khác). Not a legal list: an office
#: whose report groups otherwise adds its slug here.
FIELD_LABELS = {
    "dat-dai": "Đất đai",
    "nha-o": "Nhà ở",
    "che-do-chinh-sach": "Chế độ, chính sách",
    "hanh-chinh-khac": "Hành chính khác",
    "tu-phap": "Tư pháp",
    "dang-doan-the": "Đảng, đoàn thể",
    "khac": "Lĩnh vực khác",
}


def _optional_count(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _count(value)


#: A count that may be left empty (the report does not give it): never read as 0
OptionalCount = Annotated[int | None, PlainValidator(_optional_count)]

TOTAL_COLUMNS = ("sessions", "citizens", "petitions")


class OutcomeRow(Record):
    """Một dòng số liệu tiếp công dân: the period's totals (``field`` empty) or the cases of
    one field."""

    period: PeriodCell = column(
        "Kỳ báo cáo",
        "Năm (2021), quý (2021-Q1) hoặc tháng (2021-03); các kỳ không trùng nhau.",
        "2021",
    )
    field: Annotated[str, choice(FIELD_LABELS, required=False)] = column(
        "Lĩnh vực",
        "Để trống ở dòng tổng của kỳ; ghi lĩnh vực ở dòng số vụ việc: "
        + ", ".join(f"{k} ({v})" for k, v in FIELD_LABELS.items())
        + ".",
        "",
        default="",
    )
    sessions: OptionalCount = column(
        "Số buổi tiếp", "Chỉ ở dòng tổng: số buổi tiếp công dân đã tổ chức.", "12", default=None
    )
    citizens: OptionalCount = column(
        "Lượt công dân", "Chỉ ở dòng tổng: số lượt công dân được tiếp.", "5", default=None
    )
    petitions: OptionalCount = column(
        "Số đơn", "Chỉ ở dòng tổng: số đơn tiếp nhận.", "3", default=None
    )
    cases: OptionalCount = column(
        "Số vụ việc", "Số vụ việc (ở dòng lĩnh vực: của lĩnh vực đó).", "2", default=None
    )
    source: Annotated[OptionalId, Ref("documents")] = column(
        "Nguồn", "Mã văn bản (báo cáo) nêu số liệu, trong documents.csv.", "", default=""
    )
    note: Optional = column(
        "Ghi chú", "Không ghi tên, địa chỉ, số giấy tờ của công dân.", "", default="", prose=True
    )


def load_outcomes(root: Path, problems: Problems) -> tuple[tuple[OutcomeRow, ...], tuple[str, ...]]:
    """Rows of ``data/ket-qua-tiep-cong-dan.csv`` in time order then field (none when the file
    is absent), and its header. Tier 2: a (period, field) written twice, totals on a field
    row, a field row without cases, overlapping periods, a personal name in the note (errors);
    field cases adding up to more than the period's total (a warning)."""
    rows, columns = load_table(
        OutcomeRow, root / "data" / "ket-qua-tiep-cong-dan.csv", FILE, problems, optional_file=True
    )

    def at(name: str) -> int | None:
        return columns.index(name) if name in columns else None

    def error(
        row: OutcomeRow, name: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        problems.add(Problem(FILE, row.line, name, message, severity, column_index=at(name)))

    seen: dict[tuple[str, str], int] = {}
    first_of_period: dict[str, int] = {}
    for row in rows:
        key = (row.period.key, row.field)
        if key in seen:
            error(
                row,
                "field",
                f'kỳ "{row.period.key}", lĩnh vực "{row.field or "(dòng tổng)"}" đã ghi ở dòng '
                f"{seen[key]} (written twice)",
            )
        seen.setdefault(key, row.line)
        first_of_period.setdefault(row.period.key, row.line)
        if row.field:
            for name in TOTAL_COLUMNS:
                if getattr(row, name) is not None:
                    error(
                        row,
                        name,
                        "số buổi, lượt công dân, số đơn chỉ ghi ở dòng tổng (lĩnh vực để trống) "
                        "(totals belong on the row without a field)",
                    )
            if row.cases is None:
                error(row, "cases", "dòng lĩnh vực phải ghi số vụ việc (a field row needs cases)")
        if looks_like_a_name(row.note):
            error(
                row,
                "note",
                f'"{row.note}" có vẻ là tên một người; không công khai thông tin của công dân '
                "(looks like a personal name)",
            )
    for row in rows:
        if row.field or row.cases is None:
            continue
        by_field = sum(r.cases or 0 for r in rows if r.field and r.period.key == row.period.key)
        if by_field > row.cases:
            error(
                row,
                "cases",
                f"tổng số vụ việc theo lĩnh vực ({by_field}) lớn hơn số vụ việc của kỳ "
                f"({row.cases}) (cases by field exceed the period's total)",
                Severity.WARNING,
            )
    check_no_overlap(
        [(r.period, r.line) for r in rows if first_of_period[r.period.key] == r.line],
        FILE,
        problems,
        columns,
    )
    order = list(FIELD_LABELS)
    ordered = tuple(
        sorted(
            rows,
            key=lambda r: (r.period.start, r.period.end, order.index(r.field) if r.field else -1),
        )
    )
    return ordered, columns


DATASET = Dataset(
    "outcomes",
    "Kết quả tiếp công dân",
    (
        Source(
            FILE,
            "Số liệu kết quả tiếp công dân",
            "Mỗi kỳ một dòng tổng (lĩnh vực để trống: số buổi tiếp, lượt công dân, số đơn) và "
            "mỗi lĩnh vực một dòng số vụ việc. Chỉ ghi số liệu, không ghi thông tin của công dân.",
            OutcomeRow,
            export="ket-qua-tiep-cong-dan",
            export_title="Số liệu kết quả tiếp công dân",
        ),
    ),
    Section(
        RECEPTION_OUTCOMES,
        "Kết quả tiếp công dân",
        "Số buổi tiếp công dân, lượt công dân, số đơn, số vụ việc theo lĩnh vực, theo từng kỳ; "
        "không công khai thông tin cá nhân của công dân.",
    ),
)
