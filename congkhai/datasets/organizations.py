"""Cơ quan, tổ chức (``data/organizations.csv``): issuers, units and bodies named in the data."""

from __future__ import annotations

from typing import Annotated

from ..vocab import SYSTEM_LABELS, System
from .descriptor import Dataset, Source
from .fields import Id, Optional, OptionalId, Record, Required, choice, column
from .refs import Ref

FILE = "data/organizations.csv"


class Organization(Record):
    """Một cơ quan, tổ chức (an organization: issuer of documents, owner of tasks)."""

    id: Id = column("Mã", "Mã cố định, chữ thường không dấu, không bao giờ đổi.", "vpub")
    name: Required = column("Tên đầy đủ", "Tên đầy đủ như trên văn bản.", "Văn phòng UBND tỉnh")
    short_name: Optional = column(
        "Tên viết tắt", "Tên ngắn dùng trong bảng.", "VP UBND tỉnh", default=""
    )
    system: Annotated[
        System, choice({s.value: label for s, label in SYSTEM_LABELS.items()}, enum=System)
    ] = column("Hệ thống", "nha-nuoc (Nhà nước) hoặc dang (Đảng).", "nha-nuoc")
    symbol: Optional = column(
        "Ký hiệu", "Chữ viết tắt trong số ký hiệu văn bản của cơ quan.", "VPUB", default=""
    )
    parent: Annotated[OptionalId, Ref("organizations")] = column(
        "Cơ quan cấp trên", "Mã của cơ quan cấp trên, nếu có.", "ubnd-tinh", default=""
    )


DATASET = Dataset(
    "organizations",
    "Cơ quan, tổ chức",
    (Source(FILE, "Cơ quan, tổ chức", "Cơ quan ban hành văn bản và các đơn vị.", Organization),),
)
