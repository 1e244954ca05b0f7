"""Thủ tục hành chính (``data/thu-tuc-hanh-chinh.csv``): the administrative procedures the
office handles, each with its code on the national public-service portal and links to the
national and provincial portals (Luật Tiếp cận thông tin Art. 17(1)(a)).

The seed names no procedure: the file ships with its header only and the page says so. The
one-stop desk's address and hours are the office's contacts, in ``data/site.yaml``
(``one_stop``). A missing file is read as an empty list.

Procedure codes. The national database of administrative procedures identifies a procedure
by a code such as ``1.000894`` (a digit, a dot, six digits); a locality's version of it adds
a suffix such as ``1.000110.000.00.00.H01``. Both forms appear as the ``ma_thu_tuc``
parameter of public links to the national portal (dichvucong.gov.vn), e.g. its page for
``1.000894`` (Đăng ký kết hôn) or ``2.000806``. Links are never built from the code: the
portal's addresses changed in 2026, so staff paste the address they checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import PlainValidator
from pydantic_core import PydanticCustomError

from ..ids import PROCEDURES
from .contacts import HttpsUrl
from .descriptor import Dataset, Section, Source
from .fields import Id, Optional, OptionalId, Record, Required, choice, column, columns_of
from .refs import Ref

FILE = "data/thu-tuc-hanh-chinh.csv"

#: ``1.000894`` or a locality's version ``1.000110.000.00.00.H01``
PORTAL_CODE = re.compile(r"\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.H\d{2})?")


def _portal_code(value: Any) -> str:
    text = str(value).strip()
    if text and not PORTAL_CODE.fullmatch(text):
        raise PydanticCustomError(
            "portal_code",
            f'"{text}" không phải mã thủ tục trên Cổng Dịch vụ công quốc gia; mã có dạng '
            "1.000894 (một chữ số, dấu chấm, sáu chữ số) hoặc 1.000110.000.00.00.H01 "
            "(not a national portal procedure code)",
        )
    return text


PortalCode = Annotated[str, PlainValidator(_portal_code)]

#: how far the procedure can be done online, as the national portal labels it
ONLINE_LABELS = {
    "toan-trinh": "Dịch vụ công trực tuyến toàn trình",
    "mot-phan": "Dịch vụ công trực tuyến một phần",
    "truc-tiep": "Chỉ nộp trực tiếp hoặc qua bưu chính",
}


class Procedure(Record):
    """Một thủ tục hành chính cơ quan tiếp nhận, giải quyết (an administrative procedure)."""

    id: Id = column("Mã", "Mã cố định, chữ thường không dấu, không bao giờ đổi.", "cap-ban-sao")
    name: Required = column(
        "Tên thủ tục", "Tên như quyết định công bố thủ tục ghi.", "Cấp bản sao văn bản"
    )
    code: PortalCode = column(
        "Mã trên Cổng Dịch vụ công quốc gia",
        "Mã thủ tục trong Cơ sở dữ liệu quốc gia về thủ tục hành chính, dạng 1.000894.",
        "1.000894",
        default="",
    )
    field: Optional = column("Lĩnh vực", "Lĩnh vực của thủ tục.", "Văn thư, lưu trữ", default="")
    online: Annotated[str, choice(ONLINE_LABELS, required=False)] = column(
        "Mức độ trực tuyến",
        "toan-trinh (dịch vụ công trực tuyến toàn trình), mot-phan (một phần) hoặc "
        "truc-tiep (chỉ nộp trực tiếp, qua bưu chính); trống nếu chưa rõ.",
        "mot-phan",
        default="",
    )
    organization: Annotated[OptionalId, Ref("organizations")] = column(
        "Cơ quan giải quyết",
        "Mã cơ quan, đơn vị giải quyết trong organizations.csv.",
        "vpub",
        default="",
    )
    national_url: HttpsUrl = column(
        "Liên kết Cổng Dịch vụ công quốc gia",
        "Địa chỉ https:// trang thủ tục trên dichvucong.gov.vn, đã mở thử.",
        "https://dichvucong.gov.vn/…",
        default="",
    )
    provincial_url: HttpsUrl = column(
        "Liên kết Cổng Dịch vụ công của tỉnh",
        "Địa chỉ https:// trang thủ tục trên cổng dịch vụ công của tỉnh, đã mở thử.",
        "https://dichvucong.sonla.gov.vn/…",
        default="",
    )
    place: Optional = column(
        "Nơi nộp hồ sơ",
        "Nơi tiếp nhận hồ sơ trực tiếp; trống: tại bộ phận một cửa (site.yaml one_stop).",
        "Bộ phận Một cửa, Văn phòng UBND tỉnh",
        default="",
    )
    hours: Optional = column(
        "Thời gian tiếp nhận", "Ngày, giờ tiếp nhận hồ sơ.", "Sáng thứ Hai đến thứ Sáu", default=""
    )
    deadline: Optional = column(
        "Thời hạn giải quyết", "Như quyết định công bố ghi.", "03 ngày làm việc", default=""
    )
    fee: Optional = column("Phí, lệ phí", "Như quyết định công bố ghi.", "Không", default="")
    source: Optional = column(
        "Căn cứ công bố",
        "Quyết định công bố thủ tục (số, ngày, cơ quan ban hành).",
        "Quyết định số …/QĐ-UBND ngày … của Chủ tịch UBND tỉnh",
        default="",
        prose=True,
    )


#: the download's columns: the file's own, then the labels of its codes
PROCEDURE_COLUMNS = (*columns_of(Procedure), "online_label", "organization_name")


def procedure_records(
    procedures: Iterable[Procedure], organization_names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One flat record per procedure, in file order, for the CSV and JSON downloads."""
    return [
        {
            **{name: getattr(p, name) for name in columns_of(Procedure)},
            "online_label": ONLINE_LABELS.get(p.online, ""),
            "organization_name": organization_names.get(p.organization, ""),
        }
        for p in procedures
    ]


DATASET = Dataset(
    "procedures",
    "Thủ tục hành chính",
    (
        Source(
            FILE,
            "Thủ tục hành chính",
            "Thủ tục hành chính cơ quan tiếp nhận, giải quyết: mã trên Cổng Dịch vụ công quốc "
            "gia, lĩnh vực, liên kết cổng dịch vụ công, nơi và thời gian nộp, thời hạn, phí. "
            "Địa chỉ, giờ làm việc của bộ phận một cửa ghi trong data/site.yaml (one_stop).",
            Procedure,
            export="thu-tuc-hanh-chinh",
            export_title="Thủ tục hành chính",
        ),
    ),
    Section(
        PROCEDURES,
        "Thủ tục hành chính",
        "Thủ tục hành chính cơ quan giải quyết, liên kết Cổng Dịch vụ công quốc gia và của "
        "tỉnh, nơi và thời gian nộp hồ sơ, bộ phận một cửa.",
    ),
)
