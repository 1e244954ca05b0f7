"""Từ vựng đóng (closed vocabularies) used by the datasets.

Each vocabulary maps the value staff write in the data (a slug) to its Vietnamese label.
Labels are also accepted as input (``"Kế hoạch"`` for ``ke-hoach``) because staff work in
Excel and type what they read on paper. Legal facts (type codes, signing forms) follow
Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW; keep them here, not in code logic.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class System(StrEnum):
    """Hệ thống văn bản: nhà nước (state) or đảng (party)."""

    NHA_NUOC = "nha-nuoc"
    DANG = "dang"


SYSTEM_LABELS = {System.NHA_NUOC: "Nhà nước", System.DANG: "Đảng"}


@dataclass(frozen=True)
class DocumentType:
    """Một loại văn bản (a document type) and the codes its number may carry."""

    slug: str
    label: str
    state_codes: tuple[str, ...]
    party_codes: tuple[str, ...]
    has_legal_effect: bool = True


# A type with no state code (công văn) is numbered `123/UBND-VP`: issuer then drafting unit.
# The party's Quy định is written `QĐi`, but the same document is often cited as `QĐ`.
#
# ``has_legal_effect``: whether "tình trạng hiệu lực" applies to the type. The states "còn,
# chưa có, hết, ngưng hiệu lực" are the regime of Luật Ban hành văn bản quy phạm pháp luật
# (the 2025 law, Chương VI "Hiệu lực và nguyên tắc áp dụng", from Điều 53; before it
# 80/2015/QH13, Điều 151-154). Among the administrative types of Nghị định 30/2020/NĐ-CP
# (Điều 7), those that decide or lay down rules (nghị quyết and quyết định cá biệt, chỉ thị,
# quy chế, quy định) state when they take effect ("... có hiệu lực kể từ ngày ký") and can be
# replaced or repealed, so the status applies. Hướng dẫn is kept with them (it is replaced
# by newer guidance and tied by "huong-dan" to what it guides); no shipped document has that
# type, so a lawyer may revisit it. Types that inform, report, propose, record, invite or
# organise work state no effect: thông báo, báo cáo, tờ trình, biên bản, giấy mời, công văn,
# and kế hoạch and chương trình. A plan or programme is not a legal normative document
# (Nghị định 34/2016/NĐ-CP Điều 3, amended by Nghị định 154/2020/NĐ-CP, names decisions
# approving "chiến lược, chương trình, đề án, dự án, kế hoạch" among what is not); what it
# has is a period and results, which the portal shows as progress on /ke-hoach/ (Luật Tiếp
# cận thông tin Điều 17(1)(d): "kế hoạch ... và kết quả thực hiện"). A document whose own
# text states an effect date can still be given a status in the ``status`` column.
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("luat", "Luật", (), ()),  # 104/2016/QH13: no type code
    DocumentType("nghi-dinh", "Nghị định", ("NĐ",), ()),
    DocumentType("thong-tu", "Thông tư", ("TT",), ()),
    DocumentType("nghi-quyet", "Nghị quyết", ("NQ",), ("NQ",)),
    DocumentType("quyet-dinh", "Quyết định", ("QĐ",), ("QĐ",)),
    DocumentType("chi-thi", "Chỉ thị", ("CT",), ("CT",)),
    DocumentType("quy-che", "Quy chế", ("QC",), ("QC",)),
    DocumentType("quy-dinh", "Quy định", ("QyĐ",), ("QĐi", "QĐ")),
    DocumentType("thong-bao", "Thông báo", ("TB",), ("TB",), has_legal_effect=False),
    DocumentType("huong-dan", "Hướng dẫn", ("HD",), ("HD",)),
    DocumentType("chuong-trinh", "Chương trình", ("CTr",), ("CTr",), has_legal_effect=False),
    DocumentType("ke-hoach", "Kế hoạch", ("KH",), ("KH",), has_legal_effect=False),
    DocumentType("bao-cao", "Báo cáo", ("BC",), ("BC",), has_legal_effect=False),
    DocumentType("to-trinh", "Tờ trình", ("TTr",), ("TTr",), has_legal_effect=False),
    DocumentType("bien-ban", "Biên bản", ("BB",), ("BB",), has_legal_effect=False),
    DocumentType("giay-moi", "Giấy mời", ("GM",), ("GM",), has_legal_effect=False),
    DocumentType("cong-van", "Công văn", (), ("CV",), has_legal_effect=False),
)
DOCUMENT_TYPE_BY_SLUG = {t.slug: t for t in DOCUMENT_TYPES}
#: Every type code we know, in either system: a first segment outside this set is unknown.
KNOWN_TYPE_CODES = frozenset(c for t in DOCUMENT_TYPES for c in (*t.state_codes, *t.party_codes))


class Status(StrEnum):
    """Tình trạng hiệu lực (legal force) of a document at the as-of date.

    ``khong-ap-dung`` (Không áp dụng) is what the register, its exports (``status`` column)
    and its facet say of a type without legal force (``DocumentType.has_legal_effect``):
    a report is neither in force nor out of it. ``khong-xac-dinh`` (Chưa xác định) is a
    type with legal force whose effective date the portal does not know."""

    CON_HIEU_LUC = "con-hieu-luc"
    CHUA_CO_HIEU_LUC = "chua-co-hieu-luc"
    HET_HIEU_LUC = "het-hieu-luc"
    HET_HIEU_LUC_MOT_PHAN = "het-hieu-luc-mot-phan"
    NGUNG_HIEU_LUC = "ngung-hieu-luc"
    KHONG_XAC_DINH = "khong-xac-dinh"
    KHONG_AP_DUNG = "khong-ap-dung"


STATUS_LABELS = {
    Status.CON_HIEU_LUC: "Còn hiệu lực",
    Status.CHUA_CO_HIEU_LUC: "Chưa có hiệu lực",
    Status.HET_HIEU_LUC: "Hết hiệu lực toàn bộ",
    Status.HET_HIEU_LUC_MOT_PHAN: "Hết hiệu lực một phần",
    Status.NGUNG_HIEU_LUC: "Ngưng hiệu lực",
    Status.KHONG_XAC_DINH: "Chưa xác định",
    Status.KHONG_AP_DUNG: "Không áp dụng",
}
#: The one line shown beside a status that needs saying why (``{type}``: "Báo cáo").
STATUS_NOTES = {
    Status.KHONG_AP_DUNG: "{type} không phải văn bản có hiệu lực pháp lý.",
    Status.KHONG_XAC_DINH: "Cổng chưa có thông tin về ngày có hiệu lực của văn bản này.",
}
#: schema.org legislationLegalForce for each status (None: not stated).
STATUS_SCHEMA_ORG = {
    Status.CON_HIEU_LUC: "https://schema.org/InForce",
    Status.CHUA_CO_HIEU_LUC: "https://schema.org/NotInForce",
    Status.HET_HIEU_LUC: "https://schema.org/NotInForce",
    Status.HET_HIEU_LUC_MOT_PHAN: "https://schema.org/PartiallyInForce",
    Status.NGUNG_HIEU_LUC: "https://schema.org/NotInForce",
    Status.KHONG_XAC_DINH: None,
    Status.KHONG_AP_DUNG: None,
}


class SourceKind(StrEnum):
    """Loại nguồn of a legal fact in the shipped data (a deadline, an expiry date, a form
    name): the official text itself, or a secondary source (a news article, a summary) that
    the compliance report lists as unverified until someone checks the official text."""

    CHINH_THUC = "chinh-thuc"
    THU_CAP = "thu-cap"


SOURCE_KIND_LABELS = {
    SourceKind.CHINH_THUC: "Văn bản chính thức",
    SourceKind.THU_CAP: "Nguồn thứ cấp, chưa đối chiếu văn bản gốc",
}


class Access(StrEnum):
    """Chế độ công khai: only ``cong-khai`` records are published."""

    CONG_KHAI = "cong-khai"
    NOI_BO = "noi-bo"


ACCESS_LABELS = {Access.CONG_KHAI: "Công khai", Access.NOI_BO: "Nội bộ"}


class SigningForm(StrEnum):
    """Thẩm quyền ký (signing form), state forms then party forms."""

    TM = "TM."
    KT = "KT."
    TL = "TL."
    TUQ = "TUQ."
    Q = "Q."
    DANG_TM = "T/M"
    DANG_KT = "K/T"
    DANG_TL = "T/L"


SIGNING_FORM_SYSTEM = {
    SigningForm.TM: System.NHA_NUOC,
    SigningForm.KT: System.NHA_NUOC,
    SigningForm.TL: System.NHA_NUOC,
    SigningForm.TUQ: System.NHA_NUOC,
    SigningForm.Q: System.NHA_NUOC,
    SigningForm.DANG_TM: System.DANG,
    SigningForm.DANG_KT: System.DANG,
    SigningForm.DANG_TL: System.DANG,
}
SIGNING_FORM_LABELS = {
    SigningForm.TM: "Thay mặt",
    SigningForm.KT: "Ký thay",
    SigningForm.TL: "Thừa lệnh",
    SigningForm.TUQ: "Thừa ủy quyền",
    SigningForm.Q: "Quyền",
    SigningForm.DANG_TM: "Thay mặt",
    SigningForm.DANG_KT: "Ký thay",
    SigningForm.DANG_TL: "Thừa lệnh",
}


@dataclass(frozen=True)
class RelationKind:
    """Một loại quan hệ giữa hai văn bản; the inverse is derived, never typed."""

    slug: str
    label: str  # shown on the source's page, above the targets
    inverse_label: str  # shown on the target's page, above the sources
    ends_force: bool = False  # the target stops being in force (thay thế, bãi bỏ)


RELATION_KINDS: tuple[RelationKind, ...] = (
    RelationKind("can-cu", "Văn bản căn cứ", "Văn bản ban hành căn cứ vào văn bản này"),
    RelationKind("thuc-hien", "Văn bản được thực hiện", "Văn bản thực hiện"),
    RelationKind("huong-dan", "Văn bản được hướng dẫn", "Văn bản hướng dẫn"),
    RelationKind("sua-doi", "Văn bản được sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    RelationKind("thay-the", "Văn bản bị thay thế", "Bị thay thế bởi", ends_force=True),
    RelationKind("bai-bo", "Văn bản bị bãi bỏ", "Bị bãi bỏ bởi", ends_force=True),
    RelationKind("dinh-chinh", "Văn bản được đính chính", "Được đính chính bởi"),
    RelationKind("lien-quan", "Văn bản liên quan", "Văn bản liên quan"),
)
RELATION_KIND_BY_SLUG = {k.slug: k for k in RELATION_KINDS}


def _fold_label(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def lookup(value: str, labels: dict[str, str]) -> str | None:
    """Return the slug for ``value`` given as a slug or as its Vietnamese label."""
    if value in labels:
        return value
    folded = _fold_label(value)
    for slug, label in labels.items():
        if _fold_label(label) == folded or slug == folded:
            return slug
    return None


DOCUMENT_TYPE_LABELS = {t.slug: t.label for t in DOCUMENT_TYPES}
RELATION_LABELS = {k.slug: k.label for k in RELATION_KINDS}
