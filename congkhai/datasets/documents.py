"""Văn bản (``data/documents.csv``): the register of legal and administrative documents."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import PlainValidator

from .. import vocab
from ..dates import VnDate
from ..numbers import DocumentNumber, NumberFormatError
from ..problems import Problem, Problems, Severity
from .descriptor import Dataset, Section, Source
from .fields import (
    Day,
    Flag,
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
from .organizations import Organization
from .refs import Located, Ref, find_cycles
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
        "Trích yếu", "Trích yếu nội dung, như trên văn bản.", "Về đối thoại ...", prose=True
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
    recipients: List = column(
        "Nơi nhận",
        "Các nơi nhận ghi ở cuối văn bản, đúng như trên văn bản, cách nhau bằng dấu ;",
        "Ban Dân vận Tỉnh ủy (Báo cáo); Sở Nội vụ (Báo cáo); Lưu: VT, TCHCQT.",
        default=(),
    )
    force_source: Optional = column(
        "Nguồn thông tin hiệu lực",
        "Nơi lấy ngày có hiệu lực, ngày hết hiệu lực, tình trạng hiệu lực (văn bản, điều, "
        "hoặc bài báo và địa chỉ); cần ghi khi có ngày hết hiệu lực hoặc ghi tình trạng.",
        "Văn bản gốc, điều về hiệu lực thi hành",
        default="",
    )
    force_source_kind: Annotated[
        str,
        choice({k.value: label for k, label in vocab.SOURCE_KIND_LABELS.items()}, required=False),
    ] = column(
        "Loại nguồn thông tin hiệu lực",
        ", ".join(f"{k.value} ({label})" for k, label in vocab.SOURCE_KIND_LABELS.items()) + ".",
        "thu-cap",
        default="",
    )
    #: A text written for the project to show how the portal presents a document (the
    #: sample regulation), never the agency's own: every page, row and export says so.
    example: Flag = column("Minh họa", '"có" nếu là dữ liệu minh họa.', "", default=False)
    #: written by ``congkhai tep them``, one item per file of ``files`` in its order, so that
    #: ``congkhai tep kiem-tra`` finds a file replaced or damaged after it was recorded
    files_size: List = column(
        "Kích thước tệp (byte)",
        "Tự ghi khi đính kèm bằng lệnh congkhai tep them; mỗi tệp một số, theo thứ tự cột Tệp "
        "đính kèm.",
        "",
        default=(),
    )
    files_sha256: List = column(
        "Mã SHA-256 của tệp",
        "Tự ghi khi đính kèm bằng lệnh congkhai tep them; dùng để phát hiện tệp bị thay đổi.",
        "",
        default=(),
    )

    @property
    def doc_type(self) -> vocab.DocumentType:
        return vocab.DOCUMENT_TYPE_BY_SLUG[self.type]

    @property
    def source_kind(self) -> vocab.SourceKind | None:
        """The kind of source of the legal-force facts, if the row names one."""
        return vocab.SourceKind(self.force_source_kind) if self.force_source_kind else None

    @property
    def force_unverified(self) -> bool:
        """The legal-force facts (effective, expiry, status) come from a secondary source
        (``thu-cap``): not yet checked against the official text, for the compliance report."""
        return self.source_kind is vocab.SourceKind.THU_CAP

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


# --- tier 2: the register's own rules (numbers, files, relations) ---------------------


def _problem(
    doc: Document, column: str | None, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    return Problem(FILE, doc.line, column, message, severity)


def _same_symbol(code: str, symbol: str) -> bool:
    """``VPUB`` matches ``VPUB``; ``QH13`` matches ``QH`` (the Quốc hội and its term)."""

    def norm(s: str) -> str:
        return unicodedata.normalize("NFC", s).casefold()

    return re.fullmatch(re.escape(norm(symbol)) + r"\d*", norm(code)) is not None


def check_number(doc: Document, issuer: Organization | None, problems: Problems) -> None:
    """The number's system, type code and issuer symbol agree with the row."""
    number = doc.number
    if number is None or issuer is None:
        return
    if number.system is not issuer.system:
        problems.add(
            _problem(
                doc,
                "number",
                f'số ký hiệu "{number.raw}" viết theo kiểu văn bản '
                f"{vocab.SYSTEM_LABELS[number.system]} nhưng cơ quan ban hành "
                f'"{issuer.id}" thuộc hệ thống {vocab.SYSTEM_LABELS[issuer.system]} '
                "(number format does not match the issuer's system)",
            )
        )
        return
    doc_type = doc.doc_type
    allowed = doc_type.party_codes if number.system is vocab.System.DANG else doc_type.state_codes
    code = number.type_code
    if not allowed and number.system is vocab.System.NHA_NUOC:
        # Công văn: ``123/UBND-VP`` has no type code; a known code here means another type.
        # Thanh tra's own symbol "TTr" is also the code of Tờ trình: the issuer wins.
        if code is not None and not (issuer.symbol and _same_symbol(code, issuer.symbol)):
            problems.add(_type_mismatch(doc, code))
    elif code in allowed:
        pass
    elif code is not None and code in vocab.KNOWN_TYPE_CODES:
        problems.add(_type_mismatch(doc, code))
    else:
        problems.add(
            _problem(
                doc,
                "number",
                f'mã loại "{number.first}" trong số ký hiệu "{number.raw}" không có trong danh mục; '
                f"{doc_type.label} thường dùng {', '.join(allowed)} (unknown type code)",
                Severity.WARNING,
            )
        )
    # A type that carries a code (``KH-VPUB``, even an unknown ``XY-VPUB``) puts the issuer
    # after it; an official letter (``UBND-VP``) starts with the issuer.
    issuer_code = number.issuer_code_as(letter=not allowed)
    if not issuer.symbol:
        problems.add(
            _problem(
                doc,
                "issuer",
                f'cơ quan "{issuer.id}" chưa có ký hiệu (symbol) để đối chiếu '
                "số ký hiệu (issuer has no symbol to check the number against)",
                Severity.WARNING,
            )
        )
    elif not _same_symbol(issuer_code, issuer.symbol):
        problems.add(
            _problem(
                doc,
                "number",
                f'ký hiệu cơ quan trong số "{number.raw}" là "{issuer_code}" nhưng cơ quan '
                f'ban hành "{issuer.id}" có ký hiệu "{issuer.symbol}" '
                "(the number's issuer symbol does not match the issuer)",
            )
        )


def _type_mismatch(doc: Document, code: str) -> Problem:
    others = [t.label for t in vocab.DOCUMENT_TYPES if code in (*t.state_codes, *t.party_codes)]
    return _problem(
        doc,
        "type",
        f'số ký hiệu "{doc.number_text}" mang mã "{code}" ({" / ".join(others)}) nhưng loại '
        f'văn bản ghi là "{doc.doc_type.label}" (type code does not match the type)',
    )


def check_text_or_file(documents: Iterable[Document], as_of: dt.date, problems: Problems) -> None:
    """A document published at ``as_of`` with neither its text nor a file is a missing fact
    (Nghị định 13/2018 Art. 6: the catalogue links the file), listed, never invented."""
    for doc in documents:
        if doc.public_at(as_of) and not doc.body and not doc.files:
            problems.add(
                Problem(
                    FILE,
                    doc.line,
                    "files",
                    f'văn bản "{doc.number_text or doc.id}" chưa có toàn văn (body) hay tệp '
                    "đính kèm (files) (no full text or file)",
                    Severity.MISSING,
                )
            )


def check_documents(
    documents: list[Document],
    organizations: dict[str, Organization],
    docs_dir: Path,
    problems: Problems,
) -> None:
    """Rules within the register: numbers, dates, signing forms, the source of legal-force
    facts, attached files."""
    seen_numbers: dict[tuple[str, int, str], Document] = {}
    for doc in documents:
        issuer = organizations.get(doc.issuer)
        check_number(doc, issuer, problems)
        if doc.number is not None and not doc.number.is_draft:
            key = (doc.issuer, doc.issued.year, doc.number.key)
            if key in seen_numbers:
                problems.add(
                    _problem(
                        doc,
                        "number",
                        f'số "{doc.number.raw}" của cơ quan "{doc.issuer}" năm {doc.issued.year} '
                        f"đã dùng ở dòng {seen_numbers[key].line} "
                        "(duplicate number for the same issuer and year)",
                    )
                )
            else:
                seen_numbers[key] = doc
        if doc.effective and doc.effective < doc.issued_date:
            problems.add(
                _problem(
                    doc,
                    "effective",
                    "ngày có hiệu lực trước ngày ban hành (effective date before issue date)",
                )
            )
        if doc.expires and doc.expires <= (doc.effective or doc.issued_date):
            problems.add(
                _problem(
                    doc,
                    "expires",
                    "ngày hết hiệu lực không sau ngày có hiệu lực / ban hành "
                    "(expiry date not after the effective or issue date)",
                )
            )
        _check_force_source(doc, problems)
        if doc.published and doc.published < doc.issued_date:
            problems.add(
                _problem(
                    doc,
                    "published",
                    "ngày đăng tải trước ngày ban hành (published before it was issued)",
                    Severity.WARNING,
                )
            )
        if doc.signing_form and issuer and doc.signing_form.system is not issuer.system:
            problems.add(
                _problem(
                    doc,
                    "signing_form",
                    f'thẩm quyền ký "{doc.signing_form.form.value}" là của văn bản '
                    f"{vocab.SYSTEM_LABELS[doc.signing_form.system]}, cơ quan ban hành thuộc "
                    f"hệ thống {vocab.SYSTEM_LABELS[issuer.system]} (signing form of the other system)",
                    Severity.WARNING,
                )
            )
        for path in doc.files:
            _check_path(doc, "files", path, docs_dir, problems)
        if doc.body:
            _check_path(doc, "body", doc.body, docs_dir, problems, suffix=".md")


def _check_force_source(doc: Document, problems: Problems) -> None:
    """An expiry date or an explicit status is a legal fact: the row names where it comes
    from. Missing, the build keeps the fact and the data-quality report lists it."""
    if (doc.expires or doc.status) and not doc.force_source:
        given = "ngày hết hiệu lực" if doc.expires else "tình trạng hiệu lực"
        problems.add(
            _problem(
                doc,
                "force_source",
                f"có {given} nhưng chưa ghi nguồn (văn bản, điều, bài báo) của thông tin này "
                "(legal-force fact without a named source)",
                Severity.WARNING,
            )
        )
    if doc.force_source and not doc.force_source_kind:
        problems.add(
            _problem(
                doc,
                "force_source_kind",
                "đã ghi nguồn thông tin hiệu lực nhưng chưa ghi loại nguồn "
                "(chinh-thuc hoặc thu-cap) (source named without its kind)",
                Severity.WARNING,
            )
        )
    elif doc.force_source_kind and not doc.force_source:
        problems.add(
            _problem(
                doc,
                "force_source",
                "đã ghi loại nguồn nhưng chưa ghi nguồn thông tin hiệu lực "
                "(source kind without the source)",
                Severity.WARNING,
            )
        )


def _check_path(
    doc: Document,
    column: str,
    path: str,
    docs_dir: Path,
    problems: Problems,
    suffix: str | None = None,
) -> None:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts:
        problems.add(
            _problem(
                doc,
                column,
                f'"{path}" phải là đường dẫn trong thư mục docs/ (path must stay inside docs/)',
            )
        )
    elif suffix and pure.suffix != suffix:
        problems.add(
            _problem(doc, column, f'"{path}" phải là tệp {suffix} (must be a {suffix} file)')
        )
    elif not (docs_dir / pure).is_file():
        problems.add(
            _problem(doc, column, f'không tìm thấy tệp "docs/{path}" (file does not exist)')
        )


#: Relations by which the source acts on the target, so that it must be issued on or after
#: it: the verb in messages and its English gloss.
_ACTS_ON = {
    "sua-doi": ("sửa đổi, bổ sung", "amend"),
    "thay-the": ("thay thế", "replace"),
    "bai-bo": ("bãi bỏ", "repeal"),
    "dinh-chinh": ("đính chính", "correct"),
}
ACTING_KINDS = frozenset(_ACTS_ON) | {k.slug for k in vocab.RELATION_KINDS if k.ends_force}


def _verb(relation: str) -> tuple[str, str]:
    return _ACTS_ON.get(relation, (relation, relation))


def issued_before(a: Document, b: Document) -> bool:
    """``a`` was certainly issued before ``b``: by the month when either date is month-only."""
    if a.issued.day is None or b.issued.day is None:
        return (a.issued.year, a.issued.month) < (b.issued.year, b.issued.month)
    return a.issued_date < b.issued_date


def _doc_name(doc: Document) -> str:
    return f'"{doc.number_text or doc.id}" (ban hành {doc.issued.short})'


def check_relations(
    relations: list[Located[Relation]], documents: dict[str, Document], problems: Problems
) -> None:
    """No self-relation, nothing typed twice (inverses are derived); a document amends,
    replaces, repeals or corrects only documents issued on or before it, and never in a
    cycle. Unknown ends are reported by :func:`check_references`."""
    seen: dict[tuple[str, str, str], Relation] = {}
    acting: dict[str, list[str]] = defaultdict(list)
    edge_rows: dict[tuple[str, str], Located[Relation]] = {}
    for loc in relations:
        rel = loc.record
        if rel.source == rel.target:
            problems.add(
                loc.problem("target", "văn bản không thể quan hệ với chính nó (self-relation)")
            )
            continue
        key = (rel.source, rel.relation, rel.target)
        if rel.relation == "lien-quan":
            a, b = sorted((rel.source, rel.target))
            key = (a, rel.relation, b)
        if key in seen:
            problems.add(
                Problem(
                    loc.file,
                    loc.line,
                    None,
                    f"quan hệ đã ghi ở dòng {seen[key].line}; quan hệ ngược được tự suy ra "
                    "(relation written twice; inverses are derived)",
                    Severity.WARNING,
                )
            )
            continue
        seen[key] = rel
        source, target = documents.get(rel.source), documents.get(rel.target)
        if rel.relation not in ACTING_KINDS or source is None or target is None:
            continue
        verb, gloss = _verb(rel.relation)
        if issued_before(source, target):
            problems.add(
                loc.problem(
                    "source",
                    f"văn bản {_doc_name(source)} không thể {verb} văn bản {_doc_name(target)} "
                    f"ban hành sau nó (a document cannot {gloss} one issued after it)",
                )
            )
        if (rel.source, rel.target) not in edge_rows:
            edge_rows[(rel.source, rel.target)] = loc
            acting[rel.source].append(rel.target)
    for cycle in find_cycles(acting):
        rows = [edge_rows[(a, b)] for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)]
        chain = "; ".join(
            f'"{r.record.source}" {_verb(r.record.relation)[0]} "{r.record.target}" (dòng {r.line})'
            for r in rows
        )
        first = min(rows, key=lambda r: r.line or 0)
        problems.add(
            first.problem(
                "target",
                f"quan hệ sửa đổi, thay thế, bãi bỏ tạo thành vòng: {chain} "
                "(cycle of amendments, replacements or repeals)",
            )
        )


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
            export="quan-he-van-ban",
            export_title="Quan hệ giữa văn bản",
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
