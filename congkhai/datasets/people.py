"""Người (``data/people.csv``): signers, hosts and chairs, with their titles."""

from __future__ import annotations

from typing import Annotated

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
