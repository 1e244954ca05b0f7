"""Cơ quan, tổ chức (``data/organizations.csv``): issuers, units and bodies named in the data."""

from __future__ import annotations

from typing import Annotated

from ..problems import Problems
from ..vocab import SYSTEM_LABELS, System
from .contacts import Email, Order
from .descriptor import Dataset, Source
from .fields import Id, Optional, OptionalId, Record, Required, choice, column
from .refs import Located, Ref, find_cycles

FILE = "data/organizations.csv"

#: Vai trò trong cơ cấu (the ``kind`` column): how the organisation page places a body.
#: Units are drawn under their ``parent``; a party organisation or a mass organisation of the
#: office is drawn beside it (the seed names the office and its Đảng ủy side by side).
ORGANIZATION_KIND_LABELS = {
    "phong": "Phòng, ban chuyên môn",
    "don-vi-su-nghiep": "Đơn vị sự nghiệp trực thuộc",
    "to-chuc-dang": "Tổ chức Đảng của cơ quan",
    "doan-the": "Đoàn thể của cơ quan",
}
#: kinds drawn beside the office rather than under it
BESIDE_KINDS = ("to-chuc-dang", "doan-the")


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
    kind: Annotated[str, choice(ORGANIZATION_KIND_LABELS, required=False)] = column(
        "Vai trò trong cơ cấu",
        "Để trống nếu không thuộc cơ cấu của cơ quan. phong (phòng, ban chuyên môn), "
        "don-vi-su-nghiep (đơn vị sự nghiệp trực thuộc), to-chuc-dang (tổ chức Đảng của cơ "
        "quan, vẽ bên cạnh cơ quan), doan-the (công đoàn, đoàn thanh niên của cơ quan).",
        "to-chuc-dang",
        default="",
    )
    functions: Optional = column(
        "Chức năng, nhiệm vụ",
        "Tóm tắt chức năng, nhiệm vụ của đơn vị, chép từ văn bản quy định; để trống nếu chưa "
        "có văn bản. Chức năng, nhiệm vụ của chính cơ quan ghi trong data/co-cau-to-chuc.yaml.",
        "Quản lý, vận hành Cổng thông tin điện tử của tỉnh",
        default="",
        prose=True,
    )
    address: Optional = column(
        "Địa chỉ", "Địa chỉ làm việc của cơ quan, đơn vị.", "Tầng 3, trụ sở UBND tỉnh", default=""
    )
    phone: Optional = column(
        "Điện thoại",
        "Số điện thoại cơ quan (cố định). Số di động chỉ được đăng khi ghi thêm vào "
        "privacy_allow trong data/site.yaml kèm lý do.",
        "0212 3852 123",
        default="",
    )
    email: Email = column(
        "Thư điện tử",
        "Thư điện tử công vụ của đơn vị; phải ghi thêm vào privacy_allow trong data/site.yaml "
        "kèm lý do thì mới được đăng.",
        "…@sonla.gov.vn",
        default="",
    )
    order: Order = column(
        "Thứ tự",
        "Thứ tự hiển thị trên sơ đồ tổ chức (1, 2, 3…); trống: theo thứ tự dòng.",
        "1",
        default=None,
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
