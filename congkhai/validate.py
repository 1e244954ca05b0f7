"""Kiểm tra chéo (tier 2): rules across records, after each row passed its own model.

Each rule is a small function adding :class:`~congkhai.problems.Problem` objects; all of
them run, so that staff see every problem in one report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from . import vocab
from .datasets import documents as documents_ds
from .datasets import people as people_ds
from .datasets import relations as relations_ds
from .datasets.documents import Document
from .datasets.organizations import Organization
from .datasets.people import Person
from .datasets.relations import Relation
from .problems import Problem, Problems, Severity

DOCS = documents_ds.FILE


def _problem(
    doc: Document, column: str | None, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    return Problem(DOCS, doc.line, column, message, severity)


def _same_symbol(code: str, symbol: str) -> bool:
    """``VPUB`` matches ``VPUB``; ``QH13`` matches ``QH`` (the Quốc hội and its term)."""

    def norm(s: str) -> str:
        return unicodedata.normalize("NFC", s).casefold()

    return re.fullmatch(re.escape(norm(symbol)) + r"\d*", norm(code)) is not None


def check_references(
    documents: Iterable[Document],
    organizations: dict[str, Organization],
    people: dict[str, Person],
    problems: Problems,
) -> None:
    """Every issuer and signer id resolves."""
    for doc in documents:
        if doc.issuer not in organizations:
            problems.add(
                _problem(
                    doc,
                    "issuer",
                    f'không có cơ quan mã "{doc.issuer}" trong '
                    "data/organizations.csv (unknown issuer id)",
                )
            )
        if doc.signer and doc.signer not in people:
            problems.add(
                _problem(
                    doc,
                    "signer",
                    f'không có người mã "{doc.signer}" trong {people_ds.FILE} (unknown person id)',
                )
            )


def check_people(
    people: Iterable[Person], organizations: dict[str, Organization], problems: Problems
) -> None:
    for person in people:
        if person.organization not in organizations:
            problems.add(
                Problem(
                    people_ds.FILE,
                    person.line,
                    "organization",
                    f'không có cơ quan mã "{person.organization}" (unknown organization id)',
                )
            )


def check_organizations(
    organizations: dict[str, Organization], file: str, problems: Problems
) -> None:
    for org in organizations.values():
        if org.parent and org.parent not in organizations:
            problems.add(
                Problem(
                    file,
                    org.line,
                    "parent",
                    f'không có cơ quan mã "{org.parent}" (unknown parent organization id)',
                )
            )


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
    if number.system is vocab.System.DANG:
        issuer_code = number.rest
    else:
        issuer_code = number.rest if allowed else number.first
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


def check_documents(
    documents: list[Document],
    organizations: dict[str, Organization],
    docs_dir: Path,
    problems: Problems,
) -> None:
    """Rules within the register: numbers, dates, signing forms, attached files."""
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


def check_relations(
    relations: list[Relation], documents: dict[str, Document], problems: Problems
) -> None:
    """Both ends exist, no self-relation, nothing typed twice (inverses are derived)."""
    seen: dict[tuple[str, str, str], Relation] = {}
    for rel in relations:
        for column in ("source", "target"):
            ref = getattr(rel, column)
            if ref not in documents:
                problems.add(
                    Problem(
                        relations_ds.FILE,
                        rel.line,
                        column,
                        f'không có văn bản mã "{ref}" trong {DOCS} '
                        "(relation to a document that does not exist)",
                    )
                )
        if rel.source == rel.target:
            problems.add(
                Problem(
                    relations_ds.FILE,
                    rel.line,
                    "target",
                    "văn bản không thể quan hệ với chính nó (self-relation)",
                )
            )
        key = (rel.source, rel.relation, rel.target)
        if rel.relation == "lien-quan":
            a, b = sorted((rel.source, rel.target))
            key = (a, rel.relation, b)
        if key in seen:
            problems.add(
                Problem(
                    relations_ds.FILE,
                    rel.line,
                    None,
                    f"quan hệ đã ghi ở dòng {seen[key].line}; quan hệ ngược được tự suy ra "
                    "(relation written twice; inverses are derived)",
                    Severity.WARNING,
                )
            )
        else:
            seen[key] = rel
