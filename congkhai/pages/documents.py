"""Trang sổ văn bản (register pages): models -> small, documented page contexts.

Everything a template shows is computed here (labels, formatted dates, relative links,
groupings), so templates only loop and print. The index is built once per build; a page
context is built when MkDocs renders that page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .. import vocab
from ..citing import Resolver
from ..datasets.documents import Document
from ..dates import format_short
from ..ids import ACCESS, absolute, document_url, register_url, relative
from ..registry import Force, Registry
from ..structure import StructuredText
from .common import PAGE_SIZE, Download, Pagination, ProvenanceView, downloads, paginate

#: facet slug in the URL -> heading shown to the reader
FACETS = {
    "loai": "Loại văn bản",
    "co-quan": "Cơ quan ban hành",
    "nam": "Năm ban hành",
    "tinh-trang": "Tình trạng hiệu lực",
}


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    href: str | None  # None on the page that shows this value


@dataclass(frozen=True)
class FacetGroup:
    slug: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class DocumentRow:
    """Một dòng của bảng văn bản (a row in a register listing)."""

    href: str
    number: str
    is_draft: bool
    type_label: str
    issuer: str
    issued: str  # 05/3/2021
    issued_iso: str
    title: str
    status: str
    status_label: str
    example: bool  # a text written for the project, not the agency's (tag "minh họa")


@dataclass(frozen=True)
class ListingContext:
    """Context of ``congkhai/register.html``: the register or one facet value, one page."""

    url: str
    title: str
    intro: str
    total: int
    rows: tuple[DocumentRow, ...]
    pagination: Pagination
    facets: tuple[FacetGroup, ...]
    all_href: str | None  # back to the whole register (None on it)
    downloads: tuple[Download, ...]
    as_of: str
    #: why a status in the table's last column says what it says ("Không áp dụng",
    #: "Chưa xác định"), once below the table rather than on every row
    status_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Property:
    label: str
    value: str
    href: str | None = None
    iso: str | None = None  # machine-readable date, for <time datetime>
    note: str | None = None  # one line under the value: why it says what it says


@dataclass(frozen=True)
class RelatedDocument:
    href: str
    number: str
    title: str
    issued: str
    note: str


@dataclass(frozen=True)
class RelationGroup:
    label: str
    documents: tuple[RelatedDocument, ...]


@dataclass(frozen=True)
class Attachment:
    name: str
    href: str
    format: str  # PDF, DOCX
    size: str  # "1,2 MB"


@dataclass(frozen=True)
class Banner:
    """Văn bản hết hiệu lực / chưa có hiệu lực: a visible notice above the properties."""

    kind: str  # "warning" or "info" (admonition style)
    title: str  # "Văn bản không còn hiệu lực"
    text: str
    by_label: str | None  # "Bị thay thế bởi"
    by_href: str | None
    by_number: str | None  # the other document's label: "Quyết định 12/QĐ-VPUB"
    by_date: str | None = None  # its issue date: "15/3/2021"


@dataclass(frozen=True)
class Correction:
    label: str  # "Quyết định 12/QĐ-VPUB"
    href: str
    date: str  # the correction's issue date


@dataclass(frozen=True)
class TocLink:
    """An entry of a full text's table of contents (``congkhai.structure``)."""

    label: str  # "Chương I. NHỮNG QUY ĐỊNH CHUNG", "Điều 5. Thời gian tiếp công dân"
    href: str  # "#dieu-5"
    depth: int  # 0 Phần, 1 Chương, 2 Mục, 3 Điều / Phụ lục


@dataclass(frozen=True)
class CitingPage:
    """A published page whose text cites the document ("Được trích dẫn tại")."""

    label: str
    href: str


@dataclass(frozen=True)
class PrintHeader:
    """What a printed document page says at its top (``_print_header.html``, shown only in
    print): a sheet of paper still names the portal's agency, the document's issuer,
    number, date, legal force and the page it came from."""

    agency: str  # the portal's agency (data/site.yaml)
    issuer: str
    number: str  # as in the properties: "/BC-VPUB (dự thảo, chưa cấp số)", "(không số)"
    issued: str  # "01/02/2021"; "11/2021 (chưa ghi ngày)"
    status_label: str
    address: str  # the canonical URL when site_url is set, else the site path


@dataclass(frozen=True)
class DocumentContext:
    """Context of ``congkhai/document.html``: one document, as vbpl.vn readers expect."""

    url: str
    doc_id: str
    title: str  # trích yếu
    heading: str  # "Kế hoạch 22/KH-VPUB"
    number: str
    is_draft: bool
    banner: Banner | None
    #: đính chính (Luật Tiếp cận thông tin Art. 22): the published corrections of this
    #: document, shown in a banner above its properties
    corrections: tuple[Correction, ...]
    properties: tuple[Property, ...]
    status: str
    status_label: str
    effective_iso: str | None
    expires_iso: str | None
    attachments: tuple[Attachment, ...]
    recipients: tuple[str, ...]  # "Nơi nhận", as written at the end of the document
    body_html: str | None
    #: neither full text nor file: the page says so, and where to ask for the document
    #: (the access-to-information page, None when the project has no such page)
    missing_text: bool
    access_href: str | None
    #: Mục lục of the full text: its parts, chapters, sections and articles
    toc: tuple[TocLink, ...]
    relations: tuple[RelationGroup, ...]
    #: the pages whose text cites this document; filled in once every page is planned
    cited_by: tuple[CitingPage, ...]
    register_href: str
    provenance: ProvenanceView | None
    dublin_core: tuple[tuple[str, str], ...]
    json_ld: str
    #: a text written for the project (Document.example): a banner says it is not real
    example: bool
    print_header: PrintHeader


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / 1024 / 1024, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def number_display(doc: Document) -> str:
    return doc.number_text or "(không số)"


class RegisterIndex:
    """The register at the as-of date, computed once a build: forces, facets, order."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.documents = registry.published_documents()
        self.forces: dict[str, Force] = {d.id: registry.force(d) for d in self.documents}
        groups: dict[str, dict[str, list[Document]]] = {f: defaultdict(list) for f in FACETS}
        for doc in self.documents:
            groups["loai"][doc.type].append(doc)
            groups["co-quan"][doc.issuer].append(doc)
            groups["nam"][str(doc.issued.year)].append(doc)
            groups["tinh-trang"][self.forces[doc.id].status.value].append(doc)
        self.groups = groups
        self.labels: dict[str, dict[str, str]] = {
            "loai": vocab.DOCUMENT_TYPE_LABELS,
            "co-quan": {k: v.name for k, v in registry.organizations.items()},
            "nam": {y: y for y in groups["nam"]},
            "tinh-trang": {s.value: label for s, label in vocab.STATUS_LABELS.items()},
        }
        #: what a number cited in a published text points to (congkhai/citing.py)
        self.resolver = Resolver(self.documents)
        #: each listed document's row without its href (:func:`_row`), filled as listed
        self._row_fields: dict[str, dict[str, Any]] = {}

    def ordered_values(self, facet: str) -> list[str]:
        values = list(self.groups[facet])
        if facet == "nam":
            return sorted(values, reverse=True)
        if facet == "tinh-trang":
            order = [s.value for s in vocab.Status]
            return sorted(values, key=order.index)
        return sorted(values, key=lambda v: (self.labels[facet].get(v, v), v))

    def listings(self) -> list[tuple[str | None, str | None, int]]:
        """Every listing page as (facet, value, page number)."""
        pages: list[tuple[str | None, str | None, int]] = []
        for facet, value, docs in [(None, None, self.documents)] + [
            (f, v, self.groups[f][v]) for f in FACETS for v in self.ordered_values(f)
        ]:
            count = max(1, -(-len(docs) // PAGE_SIZE))
            pages.extend((facet, value, n) for n in range(1, count + 1))
        return pages


def _row(index: RegisterIndex, doc: Document, here: str) -> DocumentRow:
    # A document is a row of five listings (the register and one per facet); only its
    # href depends on the listing, so the rest is computed once a build (index._row_fields).
    fields = index._row_fields.get(doc.id)
    if fields is None:
        force = index.forces[doc.id]
        org = index.registry.organizations[doc.issuer]
        fields = index._row_fields[doc.id] = {
            "number": number_display(doc),
            "is_draft": bool(doc.number and doc.number.is_draft),
            "type_label": doc.doc_type.label,
            "issuer": org.short_name or org.name,
            "issued": doc.issued.short,
            "issued_iso": doc.issued.iso,
            "title": doc.title,
            "status": force.status.value,
            "status_label": force.label,
            "example": doc.example,
        }
    return DocumentRow(href=relative(here, document_url(doc.id)), **fields)


def listing_title(index: RegisterIndex, facet: str | None, value: str | None) -> tuple[str, str]:
    """Title and one-line introduction of a listing (the register or a facet value)."""
    if facet is None or value is None:
        return (
            "Sổ văn bản",
            "Văn bản quy phạm pháp luật, văn bản hành chính và văn bản của tổ chức Đảng "
            "được công khai, mới nhất trước.",
        )
    label = index.labels[facet].get(value, value)
    title = f"Văn bản năm {label}" if facet == "nam" else f"Văn bản: {label}"
    return title, f"{FACETS[facet]}: {label}. Mới nhất trước."


def status_note(doc: Document, force: Force) -> str | None:
    """The one line that explains a status ("Báo cáo không phải văn bản có hiệu lực pháp
    lý."), or None. A status written in the ``status`` column is explained by its source
    instead (``force_source``), so a type-level reason is not claimed for it."""
    template = vocab.STATUS_NOTES.get(force.status)
    if template is None or (force.overridden and not force.applies):
        return None
    return template.format(type=doc.doc_type.label)


def listing_status_notes(index: RegisterIndex, docs: list[Document]) -> tuple[str, ...]:
    """Below a listing, once: why rows say "Không áp dụng" (naming the types shown) or
    "Chưa xác định"."""
    notes = []
    for status, template in vocab.STATUS_NOTES.items():
        shown = [d for d in docs if index.forces[d.id].status is status]
        if not shown:
            continue
        if status is vocab.Status.KHONG_AP_DUNG:
            labels = sorted({d.doc_type.label.lower() for d in shown if not d.status})
            if not labels:
                continue
            names = ", ".join(labels[:-1]) + (" và " if len(labels) > 1 else "") + labels[-1]
            text = template.format(type=names[:1].upper() + names[1:])
        else:
            text = "cổng chưa có thông tin về ngày có hiệu lực của văn bản."
        notes.append(f"“{vocab.STATUS_LABELS[status]}”: {text}")
    return tuple(notes)


def listing_context(
    index: RegisterIndex, facet: str | None, value: str | None, page: int
) -> ListingContext:
    here = register_url(facet, value, page)
    docs = index.documents if facet is None or value is None else index.groups[facet][value]
    title, intro = listing_title(index, facet, value)
    start = (page - 1) * PAGE_SIZE
    shown = docs[start : start + PAGE_SIZE]
    facets = tuple(
        FacetGroup(
            f,
            label,
            tuple(
                FacetValue(
                    v,
                    index.labels[f].get(v, v),
                    len(index.groups[f][v]),
                    None if (f, v) == (facet, value) else relative(here, register_url(f, v)),
                )
                for v in index.ordered_values(f)
            ),
        )
        for f, label in FACETS.items()
    )
    return ListingContext(
        url=here,
        title=title if page == 1 else f"{title} (trang {page})",
        intro=intro,
        total=len(docs),
        rows=tuple(_row(index, d, here) for d in shown),
        pagination=paginate(len(docs), page, lambda n: register_url(facet, value, n), here),
        facets=facets,
        all_href=None if facet is None else relative(here, register_url()),
        downloads=downloads(here, "van-ban"),
        as_of=format_short(index.registry.as_of),
        status_notes=listing_status_notes(index, shown),
    )


def _banner(doc: Document, force: Force, index: RegisterIndex, here: str) -> Banner | None:
    """The notice above the properties: out of force (and what replaced or repealed it),
    not yet in force, or, for a type without legal force, replaced by a newer document."""
    status = force.status
    since = f" từ ngày {format_short(force.since)}" if force.since else ""
    if status in (vocab.Status.HET_HIEU_LUC, vocab.Status.NGUNG_HIEU_LUC):
        kind, title = "warning", "Văn bản không còn hiệu lực"
        text = f"Văn bản này đã {force.label.lower()}{since}."
    elif status is vocab.Status.KHONG_AP_DUNG and force.ended_by is not None:
        kind, title = "info", "Văn bản đã được thay thế"
        text = f"Văn bản này không còn được áp dụng{since}."
    elif status is vocab.Status.CHUA_CO_HIEU_LUC and force.since:
        return Banner(
            "info",
            "Lưu ý",
            f"Văn bản chưa có hiệu lực; có hiệu lực từ ngày {format_short(force.since)}.",
            None,
            None,
            None,
        )
    else:
        return None
    by = force.ended_by
    if by is None or not index.registry.is_published(by):
        return Banner(kind, title, text, None, None, None)
    label = next(
        link.kind.inverse_label
        for link in index.registry.links.get(doc.id, ())
        if link.inverse and link.other.id == by.id and link.kind.ends_force
    )
    return Banner(
        kind,
        title,
        text,
        label,
        relative(here, document_url(by.id)),
        by.label,
        by.issued.short,
    )


def _force_source(doc: Document) -> tuple[Property, ...]:
    """Where the legal-force facts come from, shown beside the status; a secondary source
    says it has not been checked against the official text."""
    if not doc.force_source:
        return ()
    kind = doc.source_kind
    suffix = f" ({vocab.SOURCE_KIND_LABELS[kind].lower()})" if kind else ""
    return (Property("Nguồn thông tin hiệu lực", doc.force_source + suffix),)


def document_context(
    index: RegisterIndex,
    doc: Document,
    *,
    render_markdown: Callable[[str], str],
    body: StructuredText | None,
    file_size: Callable[[str], int],
    provenance: ProvenanceView | None,
    site_url: str | None,
) -> DocumentContext:
    registry = index.registry
    here = document_url(doc.id)
    force = index.forces[doc.id]
    org = registry.organizations[doc.issuer]
    signer = registry.people.get(doc.signer) if doc.signer else None
    signer_parts = [
        str(doc.signing_form) if doc.signing_form else "",
        doc.signer_title or (signer.title if signer else ""),
        signer.name if signer else "",
    ]
    number = number_display(doc)
    is_draft = bool(doc.number and doc.number.is_draft)
    number_shown = number + (" (dự thảo, chưa cấp số)" if is_draft else "")
    issued_shown = doc.issued.short + (" (chưa ghi ngày)" if doc.issued.day is None else "")
    force_dates = [
        Property(
            "Ngày có hiệu lực",
            format_short(doc.effective) if doc.effective else "Không có thông tin",
            iso=doc.effective.isoformat() if doc.effective else None,
        ),
        Property(
            "Ngày hết hiệu lực",
            format_short(doc.expires) if doc.expires else "Không có thông tin",
            iso=doc.expires.isoformat() if doc.expires else None,
        ),
    ]
    if not force.applies:
        # A type without legal force has no dates of force to be missing: only given ones show.
        force_dates = [p for p in force_dates if p.iso]
    properties = [
        Property("Số ký hiệu", number_shown),
        Property(
            "Loại văn bản", doc.doc_type.label, relative(here, register_url("loai", doc.type))
        ),
        Property("Cơ quan ban hành", org.name, relative(here, register_url("co-quan", org.id))),
        Property("Ngày ban hành", issued_shown, iso=doc.issued.iso),
        *force_dates,
        Property(
            "Tình trạng hiệu lực",
            force.label,
            relative(here, register_url("tinh-trang", force.status.value)),
            note=status_note(doc, force),
        ),
        *_force_source(doc),
        Property("Người ký", " – ".join(p for p in signer_parts if p) or "Không có thông tin"),
        Property("Lĩnh vực", "; ".join(doc.topics) or "Không có thông tin"),
    ]
    groups: dict[str, list[RelatedDocument]] = defaultdict(list)
    for link in registry.published_links(doc):
        other = link.other
        groups[link.label].append(
            RelatedDocument(
                relative(here, document_url(other.id)),
                other.label,
                other.title,
                other.issued.short,
                link.relation.note,
            )
        )
    order = [label for k in vocab.RELATION_KINDS for label in (k.label, k.inverse_label)]
    relations = tuple(
        RelationGroup(label, tuple(sorted(items, key=lambda r: (r.number, r.href))))
        for label, items in sorted(groups.items(), key=lambda g: order.index(g[0]))
    )
    attachments = tuple(
        Attachment(
            PurePosixPath(path).name,
            relative(here, path),
            PurePosixPath(path).suffix.lstrip(".").upper() or "Tệp",
            _human_size(file_size(path)),
        )
        for path in doc.files
    )
    body_html = render_markdown(body.markdown) if body is not None else None
    heading = doc.label
    agency = registry.site.agency.name
    dublin_core = (
        ("DC.title", doc.title),
        ("DC.creator", org.name),
        ("DC.date", doc.issued.iso),
        ("DC.description", f"{heading} {doc.issued.long} của {org.name}: {doc.title}"),
        ("DC.publisher", agency),
        ("DC.identifier", number if doc.number else doc.id),
        ("DC.type", doc.doc_type.label),
        ("DC.subject", "; ".join(doc.topics)),
        ("DC.language", "vi"),
    )
    legal_force = vocab.STATUS_SCHEMA_ORG[force.status]
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": doc.title,
        "legislationIdentifier": doc.number_text or doc.id,
        "legislationType": doc.doc_type.label,
        "legislationDate": doc.issued.iso,
        "legislationPassedBy": {"@type": "Organization", "name": org.name},
        "inLanguage": "vi",
        "publisher": {"@type": "GovernmentOrganization", "name": agency},
    }
    if legal_force:
        ld["legislationLegalForce"] = legal_force
    if doc.effective:
        ld["legislationDateVersion"] = doc.effective.isoformat()
    if doc.topics:
        ld["keywords"] = list(doc.topics)
    if site_url:
        ld["url"] = absolute(site_url, here)
    return DocumentContext(
        url=here,
        doc_id=doc.id,
        title=doc.title,
        heading=heading,
        number=number,
        is_draft=is_draft,
        banner=_banner(doc, force, index, here),
        corrections=tuple(
            Correction(
                link.other.label,
                relative(here, document_url(link.other.id)),
                link.other.issued.short,
            )
            for link in index.registry.published_links(doc)
            if link.inverse and link.kind.slug == "dinh-chinh"
        ),
        properties=tuple(properties),
        status=force.status.value,
        status_label=force.label,
        effective_iso=doc.effective.isoformat() if doc.effective else None,
        expires_iso=doc.expires.isoformat() if doc.expires else None,
        attachments=attachments,
        recipients=doc.recipients,
        body_html=body_html,
        missing_text=body is None and not attachments,
        access_href=relative(here, ACCESS) if registry.access is not None else None,
        toc=tuple(TocLink(entry.label, f"#{entry.anchor}", entry.depth) for entry in body.toc)
        if body is not None
        else (),
        relations=relations,
        cited_by=(),
        register_href=relative(here, register_url()),
        provenance=provenance,
        dublin_core=dublin_core,
        json_ld=json.dumps(ld, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"),
        example=doc.example,
        print_header=PrintHeader(
            agency=agency,
            issuer=org.name,
            number=number_shown,
            issued=issued_shown,
            status_label=force.label,
            address=absolute(site_url, here),
        ),
    )
