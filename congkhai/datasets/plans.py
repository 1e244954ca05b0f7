"""Kế hoạch và nhiệm vụ (``data/plans/<mã>.yaml``): a plan of the register (a KH document)
or an unnumbered annual direction, with its tasks.

    title: Phương hướng, nhiệm vụ năm 2022
    document: 22-kh-vpub-2021       # optional: the plan's document in the register
    source: bao-cao-doi-thoai-2021  # optional: the document the tasks are taken from
    owner: vpub
    year: 2022
    tasks:
      - id: "1"
        title: Tiếp tục tuyên truyền, phổ biến…
        owner: vpub
        start: 2022-01-01
        deadline: 2022-12-31
        status: dang-thuc-hien      # optional: chua-bat-dau, dang-thuc-hien, hoan-thanh
        done_on:                    # required when hoan-thanh
        percent: 40                 # 0-100
        evidence: [06-kh-vpub-2021, doi-thoai-cong-chuc-2021-06]
        note: ""
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict

from .descriptor import Dataset, Section, Source
from .fields import Day, column
from .refs import Ref

FOLDER = "data/plans"


class TaskState(StrEnum):
    """Trạng thái staff record; the displayed status is derived (see ``plans.task_status``)."""

    CHUA_BAT_DAU = "chua-bat-dau"
    DANG_THUC_HIEN = "dang-thuc-hien"
    HOAN_THANH = "hoan-thanh"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Task(_Strict):
    """Một nhiệm vụ của kế hoạch."""

    id: str = column(
        "Mã",
        "Không dấu, duy nhất trong kế hoạch.",
        "doi-thoai-2022",
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    )
    title: str = column(
        "Nhiệm vụ", "", "Xây dựng kế hoạch đối thoại năm 2022", min_length=1, prose=True
    )
    owner: Annotated[str, Ref("organizations")] = column(
        "Đơn vị chủ trì",
        "Mã cơ quan trong organizations.csv; trống: đơn vị của kế hoạch.",
        "vpub",
        default="",
    )
    start: Day = column("Ngày bắt đầu", "dd/mm/yyyy.", "", default=None)
    deadline: Day = column("Hạn hoàn thành", "dd/mm/yyyy.", "31/3/2022", default=None)
    status: TaskState | None = column(
        "Trạng thái", ", ".join(s.value for s in TaskState) + ".", "dang-thuc-hien", default=None
    )
    done_on: Day = column("Ngày hoàn thành", "Bắt buộc khi đã hoàn thành.", "", default=None)
    percent: int | None = column(
        "Tỷ lệ hoàn thành (%)", "0 đến 100.", "50", default=None, ge=0, le=100
    )
    evidence: Annotated[list[str], Ref("documents", "meetings")] = column(
        "Kết quả, minh chứng", "Mã văn bản hoặc hội nghị.", "[06-kh-vpub-2021]", default=[]
    )
    note: str = column("Ghi chú", "", "", default="", prose=True)
    example: bool = column("Minh họa", "true nếu là dữ liệu minh họa.", "", default=False)


class Plan(_Strict):
    """Một kế hoạch (or annual direction) and its tasks."""

    title: str = column(
        "Tên kế hoạch", "", "Phương hướng, nhiệm vụ năm 2022", min_length=1, prose=True
    )
    document: Annotated[str, Ref("documents")] = column(
        "Văn bản kế hoạch",
        "Mã văn bản (Kế hoạch …) trong sổ văn bản.",
        "22-kh-vpub-2021",
        default="",
    )
    source: Annotated[str, Ref("documents")] = column(
        "Văn bản nguồn", "Mã văn bản nêu các nhiệm vụ.", "bao-cao-doi-thoai-2021", default=""
    )
    owner: Annotated[str, Ref("organizations")] = column(
        "Đơn vị chủ trì", "Mã cơ quan trong organizations.csv.", "vpub", default=""
    )
    year: int | None = column("Năm", "", "2022", default=None, ge=1930, le=2100)
    note: str = column("Ghi chú", "", "", default="", prose=True)
    example: bool = column("Minh họa", "true nếu là dữ liệu minh họa.", "", default=False)
    # validated one by one (plans.load_plans); described by the Task source of DATASET
    tasks: list[Any] = column("Nhiệm vụ", "Danh sách nhiệm vụ (xem bảng dưới).", "", default=[])


DATASET = Dataset(
    "plans",
    "Kế hoạch",
    (
        Source(
            FOLDER + "/<mã>.yaml",
            "Kế hoạch",
            "Mỗi tệp một kế hoạch; tên tệp là mã và địa chỉ trang của kế hoạch.",
            Plan,
        ),
        Source(
            FOLDER + "/<mã>.yaml, mục tasks",
            "Nhiệm vụ của kế hoạch",
            "Mỗi mục của danh sách tasks là một nhiệm vụ.",
            Task,
            export="ke-hoach",
            export_title="Nhiệm vụ của các kế hoạch",
        ),
    ),
    Section(
        "ke-hoach/", "Kế hoạch", "Kế hoạch, chương trình công tác và tiến độ thực hiện nhiệm vụ."
    ),
    ("ke-hoach", "Kế hoạch"),
)
