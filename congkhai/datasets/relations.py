"""Quan hệ giữa văn bản (``data/relations.csv``): written once; inverses are derived."""

from __future__ import annotations

from typing import Annotated

from .. import vocab
from .fields import Day, Id, Optional, Record, choice, column
from .refs import Ref

FILE = "data/relations.csv"


class Relation(Record):
    """Văn bản ``source`` có quan hệ ``relation`` với văn bản ``target``."""

    source: Annotated[Id, Ref("documents")] = column(
        "Văn bản nguồn", "Mã văn bản có quan hệ.", "bao-cao-doi-thoai-2021"
    )
    relation: Annotated[str, choice(vocab.RELATION_LABELS)] = column(
        "Quan hệ",
        "Một trong: " + ", ".join(k.slug for k in vocab.RELATION_KINDS) + ".",
        "thuc-hien",
    )
    target: Annotated[Id, Ref("documents")] = column(
        "Văn bản đích", "Mã văn bản được nhắc tới.", "08-kh-ubnd-2020"
    )
    date: Day = column(
        "Ngày", "Ngày quan hệ phát sinh (để trống: theo văn bản nguồn).", "", default=None
    )
    note: Optional = column("Ghi chú", "Ghi chú ngắn, hiển thị trên trang.", "", default="")
