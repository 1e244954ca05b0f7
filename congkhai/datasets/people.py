"""Người (``data/people.csv``): signers, hosts and chairs, with their titles."""

from __future__ import annotations

from .fields import Id, Optional, Record, Required, column

FILE = "data/people.csv"


class Person(Record):
    """Một người giữ chức vụ (an official: signer of documents, host of sessions)."""

    id: Id = column("Mã", "Mã cố định, chữ thường không dấu.", "soi-duc-nghia")
    name: Required = column("Họ và tên", "Họ và tên đầy đủ.", "Sòi Đức Nghĩa")
    title: Optional = column("Chức vụ", "Chức vụ hiện tại.", "Phó Chánh Văn phòng", default="")
    organization: Id = column("Cơ quan", "Mã cơ quan trong organizations.csv.", "vpub")
