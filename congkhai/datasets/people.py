"""Người (``data/people.csv``): signers, hosts and chairs, with their titles."""

from __future__ import annotations

from typing import Annotated

from .contacts import Email, Order
from .descriptor import Dataset, Source
from .fields import Id, Optional, Record, Required, column
from .refs import Ref

FILE = "data/people.csv"


class Person(Record):
    """Một người giữ chức vụ (an official: signer of documents, host of sessions)."""

    id: Id = column("Mã", "Mã cố định, chữ thường không dấu.", "soi-duc-nghia")
    name: Optional = column(
        "Họ và tên",
        "Họ và tên đầy đủ; để trống nếu tài liệu chưa nêu tên.",
        "Sòi Đức Nghĩa",
        default="",
    )
    title: Required = column("Chức vụ", "Chức vụ hiện tại.", "Phó Chánh Văn phòng")
    organization: Annotated[Id, Ref("organizations")] = column(
        "Cơ quan", "Mã cơ quan trong organizations.csv.", "vpub"
    )
    duties: Optional = column(
        "Nhiệm vụ được phân công",
        "Lĩnh vực, nhiệm vụ được phân công, chép từ quyết định phân công; để trống nếu chưa có.",
        "Giúp Chánh Văn phòng theo dõi công tác tiếp công dân",
        default="",
        prose=True,
    )
    phone: Optional = column(
        "Điện thoại công vụ",
        "Số điện thoại làm việc của lãnh đạo (số cơ quan). Không ghi số riêng; số di động chỉ "
        "được đăng khi ghi thêm vào privacy_allow trong data/site.yaml kèm lý do.",
        "0212 3852 123",
        default="",
    )
    email: Email = column(
        "Thư điện tử công vụ",
        "Thư điện tử công vụ (không ghi thư cá nhân); phải ghi thêm vào privacy_allow trong "
        "data/site.yaml kèm lý do thì mới được đăng.",
        "…@sonla.gov.vn",
        default="",
    )
    order: Order = column(
        "Thứ tự",
        "Thứ tự trong danh sách lãnh đạo (1, 2, 3…); trống: theo thứ tự dòng.",
        "2",
        default=None,
    )

    @property
    def display(self) -> str:
        """``Sòi Đức Nghĩa, Phó Chánh Văn phòng``; the title alone when no name is known."""
        return f"{self.name}, {self.title}" if self.name else self.title


DATASET = Dataset(
    "people",
    "Người ký, người chủ trì",
    (
        Source(
            FILE,
            "Người ký, người chủ trì",
            "Họ tên và chức vụ.",
            Person,
            export="nguoi",
            export_title="Người ký, người chủ trì, người tiếp công dân",
        ),
    ),
)
