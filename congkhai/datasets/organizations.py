"""Cơ quan, tổ chức (``data/organizations.csv``): issuers, units and bodies named in the data."""

from __future__ import annotations

from typing import Annotated

from ..problems import Problems
from ..vocab import SYSTEM_LABELS, System
from .descriptor import Dataset, Source
from .fields import Id, Optional, OptionalId, Record, Required, choice, column
from .refs import Located, Ref, find_cycles

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


def check_organization_tree(organizations: list[Located[Organization]], problems: Problems) -> None:
    """No organization is its own parent, grandparent or any further ancestor."""
    rows: dict[str, Located[Organization]] = {}
    for loc in organizations:
        rows.setdefault(loc.record.id, loc)
    edges = {i: [loc.record.parent] for i, loc in rows.items() if loc.record.parent in rows}
    for cycle in find_cycles(edges):
        members = [rows[i] for i in cycle]
        chain = "; ".join(
            f'"{m.record.id}" (dòng {m.line}) thuộc "{m.record.parent}"' for m in members
        )
        first = min(members, key=lambda m: m.line or 0)
        problems.add(
            first.problem(
                "parent",
                f"cơ quan cấp trên tạo thành vòng: {chain} (organization parent cycle)",
            )
        )


DATASET = Dataset(
    "organizations",
    "Cơ quan, tổ chức",
    (
        Source(
            FILE,
            "Cơ quan, tổ chức",
            "Cơ quan ban hành văn bản và các đơn vị.",
            Organization,
            export="co-quan",
            export_title="Cơ quan, tổ chức",
        ),
    ),
)
