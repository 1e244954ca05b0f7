"""Lịch tiếp công dân (Luật Tiếp công dân 42/2013/QH13, Điều 12, 19, 24).

- ``data/reception/rules.yaml``: the regular place and hours, the reception rules (nội quy),
  the minimum frequency per role, and recurring rules as agencies write them ("ngày 15 hằng
  tháng; nếu trùng ngày nghỉ, ngày lễ thì chuyển sang ngày làm việc kế tiếp").
- ``data/reception/<year>.csv``: one-off sessions, and changes to sessions expanded from the
  rules (same id: the row's non-empty cells win).
- ``data/ngay-nghi.csv``: days off and make-up working days announced each year.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..dates import format_short
from ..problems import Problem, Problems
from ..vocab import SourceKind
from .descriptor import Dataset, Section, Source
from .fields import (
    Clock,
    Day,
    Flag,
    List,
    Optional,
    OptionalId,
    Record,
    Required,
    RequiredClock,
    RequiredDay,
    choice,
    column,
)
from .refs import Ref

RULES_FILE = "data/reception/rules.yaml"
DAYS_OFF_FILE = "data/ngay-nghi.csv"


class SessionStatus(StrEnum):
    """Trạng thái buổi tiếp công dân."""

    DU_KIEN = "du-kien"
    DA_TIEP = "da-tiep"
    #: held at the posted time and place, but no citizen came (a result too)
    KHONG_CO_CONG_DAN = "khong-co-cong-dan"
    HOAN = "hoan"
    HUY = "huy"


SESSION_STATUS_LABELS = {
    SessionStatus.DU_KIEN: "Dự kiến",
    SessionStatus.DA_TIEP: "Đã tiếp",
    SessionStatus.KHONG_CO_CONG_DAN: "Không có công dân đến",
    SessionStatus.HOAN: "Hoãn",
    SessionStatus.HUY: "Hủy",
}


class DayOff(Record):
    """Một ngày nghỉ bù hoặc ngày làm bù do Chính phủ, Bộ Nội vụ công bố."""

    date: RequiredDay = column("Ngày", "dd/mm/yyyy.", "31/8/2026")
    kind: Annotated[str, choice({"nghi": "Ngày nghỉ", "lam-bu": "Ngày làm bù"})] = column(
        "Loại", "nghi (nghỉ bù, nghỉ thêm) hoặc lam-bu (đi làm bù, thường là thứ Bảy).", "nghi"
    )
    name: Required = column("Tên", "Tên ngày nghỉ như văn bản công bố.", "Nghỉ bù Quốc khánh")
    source: Optional = column("Căn cứ", "Văn bản công bố (số ký hiệu).", "", default="")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(_Strict):
    """Tần suất tối thiểu theo chức vụ (minimum frequency for a role)."""

    label: str
    per: Literal["tuan", "thang"]
    minimum: int = Field(ge=1)
    source: str = ""
    #: chinh-thuc when checked against the official text; else the compliance report lists it
    source_kind: SourceKind | None = None


class Recurrence(StrEnum):
    HANG_THANG = "hang-thang"  # monthly, on ``day`` or on the ``week``-th ``weekday``
    HANG_TUAN = "hang-tuan"  # weekly, on ``weekday``


class Shift(StrEnum):
    """What to do when the rule falls on a day off."""

    KE_TIEP = "ngay-lam-viec-ke-tiep"
    TRUOC = "ngay-lam-viec-truoc"
    BO_QUA = "bo-qua"


class Rule(_Strict):
    """Một quy tắc tiếp định kỳ (a recurring reception rule)."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    host: Annotated[str, Ref("people")]
    text: str  # the rule as the notice writes it, shown verbatim
    recurrence: Recurrence
    day: int | None = Field(default=None, ge=1, le=31)
    weekday: int | None = Field(default=None, ge=2, le=8)  # Vietnamese: 2 = thứ Hai … 8 = Chủ nhật
    week: int | None = Field(default=None, ge=-1, le=5)  # 1..5, -1 = last
    shift: Shift = Shift.KE_TIEP
    start: RequiredClock  # 8:30, 08:30 and "08:30" all mean half past eight
    end: RequiredClock
    place: str
    attendees: list[str] = []
    topic: str = ""
    valid_from: RequiredDay
    valid_to: Day = None
    announced_by: Annotated[str, Ref("documents")] = ""  # the notice
    example: bool = False  # Dữ liệu minh họa: not a real schedule


class ReceptionInfo(_Strict):
    """Nơi tiếp công dân thường xuyên và nội quy (Luật Tiếp công dân, Điều 12)."""

    place: str = ""
    hours: str = ""
    rules_document: Annotated[str, Ref("documents")] = ""  # the nội quy
    note: str = ""


class ReceptionConfig(_Strict):
    info: ReceptionInfo = ReceptionInfo()
    roles: dict[str, Role] = {}
    hosts: Annotated[dict[str, str], Ref("people")] = {}  # person id -> role id
    rules: list[Any] = []  # validated one by one (schedules.load_schedule)


class SessionRow(Record):
    """Một dòng của ``data/reception/<năm>.csv``: a one-off session or a change to one."""

    id: OptionalId = column(
        "Mã",
        "Để trống cho buổi mới (tự tạo từ người tiếp, ngày, giờ); ghi mã buổi đã có để sửa, hoãn, hủy.",
        "bi-thu-duvp-2021-03-15",
        default="",
    )
    date: Day = column("Ngày", "dd/mm/yyyy.", "15/3/2021", default=None)
    start: Clock = column("Giờ bắt đầu", "08:00 hoặc 8h.", "08:00", default=None)
    end: Clock = column("Giờ kết thúc", "11:00.", "11:00", default=None)
    host: Annotated[OptionalId, Ref("people")] = column(
        "Người tiếp", "Mã người trong people.csv.", "bi-thu-duvp", default=""
    )
    place: Optional = column("Địa điểm", "Nơi tiếp.", "Phòng tiếp công dân", default="")
    attendees: List = column("Thành phần", "Cơ quan cùng dự, cách nhau bằng ;", "", default=())
    topic: Optional = column(
        "Nội dung dự kiến", "Không ghi tên công dân.", "", default="", prose=True
    )
    status: Annotated[
        str, choice({s.value: label for s, label in SESSION_STATUS_LABELS.items()}, required=False)
    ] = column(
        "Trạng thái", "du-kien, da-tiep, khong-co-cong-dan, hoan, huy.", "da-tiep", default=""
    )
    announced_by: Annotated[OptionalId, Ref("documents")] = column(
        "Thông báo", "Mã văn bản thông báo lịch.", "", default=""
    )
    announced_on: Day = column("Ngày thông báo", "dd/mm/yyyy.", "", default=None)
    replaces: Annotated[OptionalId, Ref("sessions")] = column(
        "Thay cho buổi", "Mã buổi bị hoãn mà buổi này thay thế.", "", default=""
    )
    result: Annotated[OptionalId, Ref("documents")] = column(
        "Thông báo kết luận", "Mã văn bản kết luận buổi tiếp.", "", default=""
    )
    note: Optional = column("Ghi chú", "", "", default="", prose=True)
    example: Flag = column(
        "Minh họa", '"có" nếu là dữ liệu minh họa, không phải lịch thật.', "", default=False
    )


def check_session_year(file: str, rows: Iterable[SessionRow], problems: Problems) -> None:
    """Each session of ``data/reception/<năm>.csv`` must fall in that year: a 2022 session
    typed into ``2021.csv`` is an error on its row. Files not named after a year are left
    alone."""
    stem = PurePosixPath(file).stem
    if not (stem.isascii() and stem.isdigit() and len(stem) == 4):
        return
    year = int(stem)
    for row in rows:
        if row.date is not None and row.date.year != year:
            problems.add(
                Problem(
                    file,
                    row.line,
                    "date",
                    f"buổi ngày {format_short(row.date)} thuộc năm {row.date.year}, nhưng ghi "
                    f"trong tệp của năm {year}; chuyển sang data/reception/{row.date.year}.csv "
                    f"(a {row.date.year} session in the {year} file)",
                )
            )


DATASET = Dataset(
    "reception",
    "Lịch tiếp công dân",
    (
        Source(
            "data/reception/<năm>.csv",
            "Buổi tiếp công dân",
            "Buổi tiếp đột xuất, và thay đổi (hoãn, hủy, kết quả) của buổi sinh ra từ lịch định "
            "kỳ trong data/reception/rules.yaml; cùng mã thì các ô có ghi sẽ thay cho lịch định kỳ.",
            SessionRow,
            export="lich-tiep-cong-dan",
            export_title="Lịch tiếp công dân",
        ),
        Source(
            DAYS_OFF_FILE,
            "Ngày nghỉ bù, ngày làm bù",
            "Theo thông báo hằng năm của Chính phủ, Bộ Nội vụ; ngày lễ, Tết cố định và âm lịch đã "
            "có sẵn.",
            DayOff,
        ),
    ),
    Section(
        "lich-tiep-cong-dan/",
        "Lịch tiếp công dân",
        "Lịch tiếp công dân sắp tới: ngày, giờ, địa điểm, người tiếp; nơi tiếp công dân thường "
        "xuyên và nội quy tiếp công dân.",
    ),
    ("buoi-tiep", "Buổi tiếp công dân"),
)
