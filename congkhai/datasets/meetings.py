"""Hội nghị, đối thoại, giao ban (``data/meetings.csv``), the issues raised at dialogues
(``data/dialogue_items.csv``) and the yearly totals reports give
(``data/dialogue_totals.csv``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from .descriptor import Dataset, Section, Source
from .fields import (
    Clock,
    Count,
    Day,
    Flag,
    Id,
    List,
    Optional,
    OptionalId,
    Record,
    Required,
    RequiredDay,
    choice,
    column,
)
from .refs import Ref

MEETINGS_FILE = "data/meetings.csv"
ITEMS_FILE = "data/dialogue_items.csv"
TOTALS_FILE = "data/dialogue_totals.csv"


class MeetingKind(StrEnum):
    DOI_THOAI_THEO_YEU_CAU = "doi-thoai-theo-yeu-cau"
    DOI_THOAI_DOT_XUAT = "doi-thoai-dot-xuat"
    DOI_THOAI_DINH_KY = "doi-thoai-dinh-ky"
    HOI_NGHI = "hoi-nghi"
    GIAO_BAN_TUAN = "giao-ban-tuan"
    GIAO_BAN_THANG = "giao-ban-thang"
    SINH_HOAT_DUOI_CO = "sinh-hoat-duoi-co"


MEETING_KIND_LABELS = {
    MeetingKind.DOI_THOAI_THEO_YEU_CAU: "Đối thoại theo yêu cầu của công dân",
    MeetingKind.DOI_THOAI_DOT_XUAT: "Đối thoại đột xuất",
    MeetingKind.DOI_THOAI_DINH_KY: "Đối thoại định kỳ",
    MeetingKind.HOI_NGHI: "Hội nghị",
    MeetingKind.GIAO_BAN_TUAN: "Giao ban tuần",
    MeetingKind.GIAO_BAN_THANG: "Giao ban tháng",
    MeetingKind.SINH_HOAT_DUOI_CO: "Sinh hoạt chính trị dưới cờ",
}
DIALOGUE_KINDS = frozenset(
    {
        MeetingKind.DOI_THOAI_THEO_YEU_CAU,
        MeetingKind.DOI_THOAI_DOT_XUAT,
        MeetingKind.DOI_THOAI_DINH_KY,
    }
)
#: Reports often give one total for weekly and monthly briefings together.
TOTAL_KIND_LABELS: dict[str, str] = {
    **{k.value: v for k, v in MEETING_KIND_LABELS.items()},
    "giao-ban": "Giao ban tuần, tháng",
}


class MeetingStatus(StrEnum):
    DU_KIEN = "du-kien"
    DA_TO_CHUC = "da-to-chuc"
    HOAN = "hoan"
    HUY = "huy"


MEETING_STATUS_LABELS = {
    MeetingStatus.DU_KIEN: "Dự kiến",
    MeetingStatus.DA_TO_CHUC: "Đã tổ chức",
    MeetingStatus.HOAN: "Hoãn",
    MeetingStatus.HUY: "Hủy",
}


class Meeting(Record):
    """Một hội nghị, buổi đối thoại hoặc giao ban."""

    id: Id = column("Mã", "Mã cố định.", "doi-thoai-2021-06")
    date: RequiredDay = column("Ngày", "dd/mm/yyyy.", "15/6/2021")
    start: Clock = column("Giờ bắt đầu", "08:00.", "08:00", default=None)
    end: Clock = column("Giờ kết thúc", "11:00.", "", default=None)
    kind: Annotated[str, choice({k.value: v for k, v in MEETING_KIND_LABELS.items()})] = column(
        "Loại", ", ".join(k.value for k in MeetingKind) + ".", "doi-thoai-dinh-ky"
    )
    title: Required = column(
        "Tên", "Tên hội nghị.", "Đối thoại với công chức, viên chức", prose=True
    )
    chair: Annotated[OptionalId, Ref("people")] = column(
        "Người chủ trì", "Mã người trong people.csv.", "", default=""
    )
    place: Optional = column("Địa điểm", "", "", default="")
    participants: List = column(
        "Thành phần", "Nhóm, cơ quan tham dự; không ghi tên công dân.", "", default=()
    )
    status: Annotated[str, choice({s.value: v for s, v in MEETING_STATUS_LABELS.items()})] = column(
        "Trạng thái", "du-kien, da-to-chuc, hoan, huy.", "da-to-chuc"
    )
    summary: Optional = column("Tóm tắt kết quả", "", "", default="", prose=True)
    record: Annotated[OptionalId, Ref("documents")] = column(
        "Biên bản / thông báo kết luận", "Mã văn bản.", "", default=""
    )
    example: Flag = column("Minh họa", '"có" nếu là dữ liệu minh họa.', "", default=False)


class ItemStatus(StrEnum):
    DANG_THUC_HIEN = "dang-thuc-hien"
    HOAN_THANH = "hoan-thanh"


ITEM_STATUS_LABELS = {
    ItemStatus.DANG_THUC_HIEN: "Đang thực hiện",
    ItemStatus.HOAN_THANH: "Hoàn thành",
}


class DialogueItem(Record):
    """Một ý kiến nêu tại buổi đối thoại, câu trả lời và cam kết (never a citizen's name)."""

    id: Id = column("Mã", "", "doi-thoai-2021-06-1")
    meeting: Annotated[Id, Ref("meetings")] = column(
        "Buổi đối thoại", "Mã trong meetings.csv.", "doi-thoai-2021-06"
    )
    raised_by: Required = column(
        "Người nêu",
        "Nhóm người nêu (công chức, người lao động, hộ dân thôn…), không ghi tên.",
        "Công chức",
    )
    issue: Required = column("Ý kiến, kiến nghị", "", "", prose=True)
    answer: Optional = column("Trả lời", "", "", default="", prose=True)
    commitment: Optional = column("Cam kết", "Việc sẽ làm.", "", default="", prose=True)
    owner: Annotated[OptionalId, Ref("organizations")] = column(
        "Đơn vị thực hiện", "Mã trong organizations.csv.", "", default=""
    )
    deadline: Day = column("Hạn", "dd/mm/yyyy.", "", default=None)
    status: Annotated[str, choice({s.value: v for s, v in ITEM_STATUS_LABELS.items()})] = column(
        "Trạng thái", "dang-thuc-hien hoặc hoan-thanh.", "dang-thuc-hien", default="dang-thuc-hien"
    )
    done_on: Day = column("Ngày hoàn thành", "", "", default=None)
    note: Optional = column("Ghi chú", "", "", default="", prose=True)


class YearTotal(Record):
    """Số liệu tổng hợp cả năm do báo cáo nêu (true figures where no records exist)."""

    year: Count = column("Năm", "", "2021")
    kind: Annotated[str, choice({str(k): v for k, v in TOTAL_KIND_LABELS.items()})] = column(
        "Loại", "Như meetings.csv, hoặc giao-ban (giao ban tuần, tháng gộp).", "hoi-nghi"
    )
    count: Count = column("Số lượng", "", "6")
    source: Annotated[Id, Ref("documents")] = column(
        "Nguồn", "Mã văn bản nêu số liệu.", "bao-cao-doi-thoai-2021"
    )
    note: Optional = column("Ghi chú", "Câu trong văn bản nguồn.", "", default="")


DATASET = Dataset(
    "dialogues",
    "Hội nghị đối thoại",
    (
        Source(
            MEETINGS_FILE,
            "Hội nghị, đối thoại, giao ban",
            "Mỗi dòng một hội nghị.",
            Meeting,
            export="hoi-nghi",
            export_title="Hội nghị, đối thoại",
        ),
        Source(
            ITEMS_FILE,
            "Ý kiến và cam kết tại đối thoại",
            "Không ghi tên công dân; chỉ ghi nhóm người nêu.",
            DialogueItem,
            export="cam-ket",
            export_title="Cam kết sau đối thoại",
        ),
        Source(
            TOTALS_FILE,
            "Số liệu tổng hợp cả năm",
            "Số liệu báo cáo nêu khi không có danh sách từng hội nghị.",
            YearTotal,
            export="so-lieu-hang-nam",
            export_title="Số liệu hội nghị, đối thoại cả năm",
        ),
    ),
    Section(
        "doi-thoai/",
        "Hội nghị đối thoại",
        "Hội nghị đối thoại của người đứng đầu với công chức, viên chức, người lao động và nhân "
        "dân; theo dõi thực hiện cam kết; thống kê.",
    ),
    ("hoi-nghi", "Hội nghị, đối thoại"),
)
