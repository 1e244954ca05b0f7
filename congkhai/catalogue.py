"""Danh mục thông tin phải được công khai (Luật Tiếp cận thông tin Art. 19(1)(g); Nghị định
13/2018/NĐ-CP Art. 6), regenerated on every build from everything the site publishes.

Each published record with a page of its own is one item (a document, a notice, a tracked
plan, a dialogue conference); a kind of information published as a whole is one item too
(the reception calendar, the access-to-information section, its forms, this catalogue).
Every item carries the decree's fields: title, number and symbol, date created, form of
publication, address, time of publication and period of publication. ``data/danh-muc.yaml``
says which category of Art. 17(1) each belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from . import ids
from .datasets.catalogue import CatalogueConfig, CatalogueEntry, Category
from .datasets.documents import Document
from .dates import VnDate, format_short
from .pages.documents import RegisterIndex
from .registry import Registry


@dataclass(frozen=True)
class Item:
    """Một mục của danh mục. Dates are the source's own (a month-only issue date stays
    month-only); an empty text means the data does not say."""

    dataset: str
    category: str  # code in data/danh-muc.yaml
    title: str
    number: str  # số ký hiệu, verbatim; "" for information without one
    created: VnDate | None  # ngày tạo lập
    form: str  # hình thức công khai
    url: str  # site path of its page
    published: dt.date | None  # thời điểm công khai
    period: str  # thời hạn công khai
    corrections: tuple[tuple[str, str], ...] = ()  # (label, url) of its đính chính
    corrects: tuple[tuple[str, str], ...] = ()  # (label, url) of what it corrects
    example: bool = False

    @property
    def created_text(self) -> str:
        return self.created.short if self.created else ""

    @property
    def published_text(self) -> str:
        return format_short(self.published) if self.published else ""


@dataclass(frozen=True)
class Group:
    category: Category
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Catalogue:
    groups: tuple[Group, ...]  # every category of the configuration, in its order
    unplaced: tuple[Item, ...]  # items no row of the map takes (listed, and reported)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for g in self.groups for i in g.items) + self.unplaced


#: (dataset, site path, title) of information published as a whole rather than record by
#: record; listed when the build plans that page
SECTION_ITEMS = (
    ("reception", ids.RECEPTION, "Lịch tiếp công dân; nơi tiếp, nội quy tiếp công dân"),
    ("access", ids.ACCESS, "Đầu mối cung cấp thông tin; trình tự yêu cầu cung cấp thông tin"),
    ("access", ids.ACCESS_FORMS, "Mẫu phiếu yêu cầu cung cấp thông tin"),
    ("access", ids.CATALOGUE, "Danh mục thông tin phải được công khai"),
    ("office", ids.ORGANISATION, "Chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo cơ quan"),
    ("procedures", ids.PROCEDURES, "Thủ tục hành chính; nơi và thời gian tiếp nhận hồ sơ"),
    ("requests", ids.ACCESS + "#thong-ke-yeu-cau", "Thống kê yêu cầu cung cấp thông tin"),
    ("outcomes", ids.RECEPTION_OUTCOMES, "Kết quả tiếp công dân: số liệu tổng hợp theo kỳ"),
)

UNPLACED = "chua-xep-nhom"


def build_catalogue(
    registry: Registry, index: RegisterIndex, planned: Collection[str]
) -> Catalogue:
    """The catalogue at the registry's as-of date. ``planned``: the site paths of every
    page this build publishes (section items are listed only when their page exists)."""
    config = registry.catalogue
    assert config is not None  # load_registry refuses a project without it
    items: list[Item] = []

    def add(
        dataset: str,
        title: str,
        url: str,
        *,
        number: str = "",
        created: VnDate | None = None,
        published: dt.date | None = None,
        example: bool = False,
        corrections: dict[str, tuple[tuple[str, str], ...]] | None = None,
        **placement: str,
    ) -> None:
        row = config.placement(dataset, **placement)
        items.append(
            Item(
                dataset=dataset,
                category=row.category if row else UNPLACED,
                title=title,
                number=number,
                created=created,
                form=(row.form if row and row.form else config.form),
                url=url,
                published=published,
                period=row.period if row else "",
                example=example,
                **(corrections or {}),
            )
        )

    for doc in index.documents:
        add(
            "documents",
            f"{doc.doc_type.label}: {doc.title}",
            ids.document_url(doc.id),
            number=doc.number_text,
            created=doc.issued,
            published=doc.published,
            type=doc.type,
            system=registry.organizations[doc.issuer].system.value,
            id=doc.id,
            example=doc.example,
            corrections=_corrections(registry, doc),
        )
    for notice in registry.published_notices():
        add(
            "notices",
            notice.title,
            ids.notice_url(notice.id),
            created=VnDate.of(notice.date),
            published=notice.date,
            example=notice.example,
        )
    for record in registry.plans.values():
        plan_doc = registry.published_document(record.plan.document or record.plan.source)
        add(
            "plans",
            record.plan.title,
            ids.plan_url(record.id),
            number=plan_doc.number_text if plan_doc and record.plan.document else "",
            created=plan_doc.issued if plan_doc else None,
            example=record.plan.example,
        )
    for meeting in registry.dialogues.meetings.values():
        add(
            "dialogues",
            meeting.title,
            ids.meeting_url(meeting.id),
            created=VnDate.of(meeting.date),
            example=meeting.example,
        )
    for dataset, url, title in SECTION_ITEMS:
        if url.split("#", 1)[0] in planned:  # an anchor names a block of a planned page
            add(dataset, title, url)
    groups = tuple(
        Group(cat, tuple(sorted((i for i in items if i.category == cat.code), key=_order)))
        for cat in config.categories
    )
    return Catalogue(
        groups, tuple(sorted((i for i in items if i.category == UNPLACED), key=_order))
    )


def _order(item: Item) -> tuple[Any, ...]:
    """Newest first (by creation, else publication; undated last), then by title."""
    when = item.created or (VnDate.of(item.published) if item.published else None)
    newest_first = (-when.year, -when.month, -(when.day or 0)) if when else (1, 0, 0)
    return (when is None, newest_first, item.title, item.url)


def _corrections(registry: Registry, doc: Document) -> dict[str, tuple[tuple[str, str], ...]]:
    """Đính chính (Art. 22): a corrected document lists its corrections, a correction what
    it corrects; only documents the public can see."""
    found: dict[str, list[tuple[str, str]]] = {"corrections": [], "corrects": []}
    for link in registry.published_links(doc):
        if link.kind.slug == "dinh-chinh":
            key = "corrections" if link.inverse else "corrects"
            found[key].append((link.other.label, ids.document_url(link.other.id)))
    return {k: tuple(v) for k, v in found.items()}


#: the download's columns, documented (for the Data Package) by ``CatalogueEntry``
CATALOGUE_COLUMNS = tuple(CatalogueEntry.model_fields)


def catalogue_records(
    catalogue: Catalogue, config: CatalogueConfig, site_url: str | None
) -> list[dict[str, Any]]:
    """One flat record per item, in the page's order, for the CSV and JSON downloads."""
    titles = {c.code: (c.title, c.article) for c in config.categories}
    return [
        {
            "category": item.category,
            "category_title": titles.get(item.category, ("Chưa xếp nhóm", ""))[0],
            "article": titles.get(item.category, ("", ""))[1],
            "title": item.title,
            "number": item.number,
            "created": item.created.iso if item.created else "",
            "form": item.form,
            "url": ids.absolute(site_url, item.url),
            "published": item.published.isoformat() if item.published else "",
            "period": item.period,
            "corrections": "; ".join(label for label, _ in item.corrections),
            "corrects": "; ".join(label for label, _ in item.corrects),
            "dataset": item.dataset,
            "example": item.example,
        }
        for item in catalogue.items
    ]
