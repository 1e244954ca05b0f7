"""Văn bản (``data/documents.csv``): the register of legal and administrative documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainValidator

from .. import vocab
from ..dates import VnDate
from ..numbers import DocumentNumber, NumberFormatError
from .descriptor import Dataset, Section, Source
from .fields import (
    Day,
    FlexDate,
    List,
    Optional,
    OptionalId,
    Record,
    Required,
    _fail,
    choice,
    column,
)
from .refs import Ref
from .relations import FILE as RELATIONS_FILE
from .relations import Relation

FILE = "data/documents.csv"


def _number(value: Any) -> DocumentNumber | None:
    if isinstance(value, DocumentNumber):
        return value
    if not value:
        return None
    try:
        return DocumentNumber.parse(str(value))
    except NumberFormatError as exc:
        raise _fail("number", str(exc)) from None


Number = Annotated[DocumentNumber | None, PlainValidator(_number)]


@dataclass(frozen=True)
class SigningForm:
    """Thẩm quyền ký: ``KT. Chánh Văn phòng`` -> form ``KT.``, authority ``Chánh Văn phòng``."""

    form: vocab.SigningForm
    authority: str

    @property
    def system(self) -> vocab.System:
        return vocab.SIGNING_FORM_SYSTEM[self.form]

    def __str__(self) -> str:
        return f"{self.form.value} {self.authority}".strip()


def _signing_form(value: Any) -> SigningForm | None:
    if isinstance(value, SigningForm) or not value:
        return value or None
    text = str(value)
    # Longest first: "TUQ." must not be read as "T" + "UQ.".
    for form in sorted(vocab.SigningForm, key=lambda f: -len(f.value)):
        if text.upper().startswith(form.value.upper()):
            return SigningForm(form, text[len(form.value) :].strip())
    options = ", ".join(f.value for f in vocab.SigningForm)
    raise _fail(
        "signing_form",
        f'"{text}" không bắt đầu bằng thẩm quyền ký hợp lệ ({options}) (unknown signing form)',
    )


SigningFormCell = Annotated[SigningForm | None, PlainValidator(_signing_form)]


class Document(Record):
    """Một văn bản trong sổ văn bản (a document of the register).

    ``number`` is kept verbatim (``12-QĐ/TU``, ``08/KH-UBND``, ``/BC-VPUB`` for a draft whose
    number is not yet given). ``id`` is derived from number and year when left empty.
    """

    id: OptionalId = column(
        "Mã",
        "Để trống thì tự tạo từ số ký hiệu và năm (22/KH-VPUB năm 2021 -> 22-kh-vpub-2021). "
        "Bắt buộc với văn bản chưa có số. Không bao giờ đổi sau khi đã công bố.",
        "22-kh-vpub-2021",
        default="",
    )
    number: Number = column(
        "Số ký hiệu",
        "Ghi đúng như trên văn bản; văn bản dự thảo chưa có số ghi phần ký hiệu (/BC-VPUB).",
        "22/KH-VPUB",
        default=None,
    )
    type: Annotated[str, choice(vocab.DOCUMENT_TYPE_LABELS)] = column(
        "Loại văn bản",
        "Mã hoặc tên loại: " + ", ".join(f"{t.slug} ({t.label})" for t in vocab.DOCUMENT_TYPES),
        "ke-hoach",
    )
    issuer: Annotated[Required, Ref("organizations")] = column(
        "Cơ quan ban hành", "Mã cơ quan trong organizations.csv.", "vpub"
    )
    issued: FlexDate = column(
        "Ngày ban hành",
        "dd/mm/yyyy; nếu văn bản chưa ghi ngày, ghi tháng/năm (11/2021).",
        "01/02/2021",
    )
    title: Required = column(
        "Trích yếu", "Trích yếu nội dung, như trên văn bản.", "Về đối thoại ..."
    )
    signer: Annotated[OptionalId, Ref("people")] = column(
        "Người ký", "Mã người ký trong people.csv.", "soi-duc-nghia", default=""
    )
    signer_title: Optional = column(
        "Chức vụ người ký", "Chức vụ ghi ở phần chữ ký.", "Phó Chánh Văn phòng", default=""
    )
    signing_form: SigningFormCell = column(
        "Thẩm quyền ký",
        "TM., KT., TL., TUQ., Q. (Nhà nước) hoặc T/M, K/T, T/L (Đảng), kèm chức danh "
        "thay mặt như trên văn bản; để trống nếu người ký ký trực tiếp.",
        "KT. Chánh Văn phòng",
        default=None,
    )
    effective: Day = column(
        "Ngày có hiệu lực", "dd/mm/yyyy, nếu văn bản quy định.", "", default=None
    )
    expires: Day = column(
        "Ngày hết hiệu lực", "Ngày đầu tiên văn bản không còn hiệu lực.", "", default=None
    )
    status: Annotated[
        str, choice({s.value: label for s, label in vocab.STATUS_LABELS.items()}, required=False)
    ] = column(
        "Tình trạng hiệu lực",
        "Để trống để tự tính theo ngày hiệu lực và văn bản thay thế; chỉ ghi khi cần ghi đè.",
        "",
        default="",
    )
    topics: List = column(
        "Lĩnh vực", "Các lĩnh vực, cách nhau bằng dấu ;", "Dân chủ cơ sở; Đối thoại", default=()
    )
    access: Annotated[str, choice({a.value: label for a, label in vocab.ACCESS_LABELS.items()})] = (
        column(
            "Chế độ công khai",
            "cong-khai: đăng công khai; noi-bo: chỉ kiểm tra, không đăng.",
            "cong-khai",
        )
    )
    published: Day = column("Ngày đăng tải", "Ngày đăng lên cổng, dd/mm/yyyy.", "", default=None)
    files: List = column(
        "Tệp đính kèm",
        "Đường dẫn trong thư mục docs/, cách nhau bằng dấu ; (tep/22-kh-vpub-2021.pdf).",
        "",
        default=(),
    )
    body: Optional = column(
        "Toàn văn",
        "Đường dẫn tệp Markdown toàn văn trong docs/ (toan-van/....md).",
        "toan-van/bao-cao-doi-thoai-2021.md",
        default="",
    )

    @property
    def doc_type(self) -> vocab.DocumentType:
        return vocab.DOCUMENT_TYPE_BY_SLUG[self.type]

    @property
    def is_public(self) -> bool:
        return self.access == vocab.Access.CONG_KHAI

    def public_at(self, as_of: dt.date) -> bool:
        """Công khai at ``as_of``: access ``cong-khai`` and due. Due means posted on or
        before ``as_of`` (the ``published`` column) or, when no posting date is given, issued
        on or before it: a document dated after the as-of date appears nowhere yet."""
        due = self.published if self.published is not None else self.issued_date
        return self.is_public and due <= as_of

    @property
    def label(self) -> str:
        """How every page, feed, export and search result names the document: ``Kế hoạch
        22/KH-VPUB``; a draft without a number ``Báo cáo (dự thảo)``; no number ``Công văn``."""
        kind = self.doc_type.label
        if self.number is None:
            return kind
        return f"{kind} (dự thảo)" if self.number.is_draft else f"{kind} {self.number.raw}"

    @property
    def full_title(self) -> str:
        """``Kế hoạch 22/KH-VPUB: Về đối thoại …``: the page's title, feed entries, links."""
        return f"{self.label}: {self.title}"

    @property
    def issued_date(self) -> dt.date:
        return self.issued.to_date()

    @property
    def number_text(self) -> str:
        return self.number.raw if self.number else ""

    def sort_key(self) -> tuple[VnDate, str]:
        return (self.issued, self.id)


DATASET = Dataset(
    "documents",
    "Sổ văn bản",
    (
        Source(
            FILE,
            "Văn bản",
            "Sổ văn bản: mỗi dòng một văn bản.",
            Document,
            export="van-ban",
            export_title="Sổ văn bản",
        ),
        Source(
            RELATIONS_FILE,
            "Quan hệ giữa văn bản",
            "Mỗi quan hệ ghi một lần; quan hệ ngược được tự suy ra.",
            Relation,
        ),
    ),
    Section(
        "van-ban/",
        "Sổ văn bản",
        "Tra cứu văn bản quy phạm pháp luật, văn bản hành chính, văn bản của tổ chức Đảng; "
        "lọc theo loại, cơ quan ban hành, năm, tình trạng hiệu lực.",
    ),
    ("van-ban", "Văn bản"),
)
