"""Kiểm tra chéo (tier 2): rules across records, after each row passed its own model.

Each rule is a small function adding :class:`~congkhai.problems.Problem` objects; all of
them run, so that staff see every problem in one report.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from . import vocab
from .datasets import documents as documents_ds
from .datasets.documents import Document
from .datasets.organizations import Organization
from .datasets.refs import TARGET_FILES, Located, references_of
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
    located: Iterable[Located[Any]],
    ids_by_dataset: Mapping[str, Collection[str]],
    problems: Problems,
) -> None:
    """Every reference a model declares (:class:`~congkhai.datasets.refs.Ref`) resolves.

    ``ids_by_dataset`` must hold the ids of every dataset the records refer to (a missing
    one is a programming error, not a data error: ``KeyError``). An empty text field is no
    reference; each item of a list field and each key of a mapping field is one.
    """
    for loc in located:
        record: BaseModel = loc.record
        for field, ref in references_of(type(record)):
            value = getattr(record, field)
            items: list[tuple[str | int | None, str]]
            if isinstance(value, str):
                items = [(None, value)] if value else []
            elif isinstance(value, Mapping):
                items = [(str(k), str(k)) for k in value]
            else:
                items = [(i, str(v)) for i, v in enumerate(value)]
            for item, ref_id in items:
                if not any(ref_id in ids_by_dataset[d] for d in ref.datasets):
                    problems.add(
                        loc.problem(
                            field,
                            f'không có {ref.noun} mã "{ref_id}" (unknown {ref.gloss} id)',
                            item=item,
                        ),
                        depends_on=[TARGET_FILES[d] for d in ref.datasets if d in TARGET_FILES],
                    )


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Cycles of a directed graph, one per group of nodes that reach each other, each as
    ``[a, b, ..., z]`` meaning a -> b -> ... -> z -> a, starting at its smallest node.

    Nodes that cannot lie on a cycle (no successor or no predecessor left) are pruned first,
    so this is linear in the graph's size plus the cycles found.
    """
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    for node, targets in edges.items():
        for target in targets:
            succ.setdefault(node, set()).add(target)
            pred.setdefault(target, set()).add(node)
    for node in [*succ, *pred]:
        succ.setdefault(node, set())
        pred.setdefault(node, set())
    queue = [n for n in succ if not succ[n] or not pred[n]]

    def remove(node: str) -> None:
        for t in succ.pop(node, set()):
            pred[t].discard(node)
            if not pred[t]:
                queue.append(t)
        for s in pred.pop(node, set()):
            succ[s].discard(node)
            if not succ[s]:
                queue.append(s)

    cycles: list[list[str]] = []
    while True:
        while queue:
            remove(queue.pop())
        if not succ:
            return cycles
        path, seen = [min(succ)], {min(succ): 0}
        while (nxt := min(succ[path[-1]])) not in seen:
            seen[nxt] = len(path)
            path.append(nxt)
        cycle = path[seen[nxt] :]
        first = cycle.index(min(cycle))
        cycles.append(cycle[first:] + cycle[:first])
        for node in cycle:
            remove(node)


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
