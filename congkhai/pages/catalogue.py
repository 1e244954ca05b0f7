"""Pages of the access-to-information reports: the catalogue of information that must be
public (``/tiep-can-thong-tin/danh-muc/``) and the compliance report (``/bao-cao-tuan-thu/``)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import ids
from ..catalogue import UNPLACED, Catalogue, Item
from ..compliance import KINDS, Report
from ..ids import relative
from .common import NOT_GIVEN, Download, downloads


@dataclass(frozen=True)
class LinkView:
    label: str
    href: str


@dataclass(frozen=True)
class ItemView:
    title: str
    href: str
    address: str  # the public address shown (absolute when the site's address is known)
    number: str
    created: str
    created_iso: str
    form: str
    published: str
    published_iso: str
    period: str
    corrections: tuple[LinkView, ...]  # đính chính of this item
    corrects: tuple[LinkView, ...]  # what this item corrects
    example: bool


@dataclass(frozen=True)
class GroupView:
    anchor: str  # nhom-a
    code: str
    title: str
    article: str  # "" for information shown for reference only
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class CatalogueContext:
    """Context of ``congkhai/catalogue.html``: every published item once, by category,
    with the seven fields of Nghị định 13/2018 Art. 6."""

    as_of: str
    total: int
    groups: tuple[GroupView, ...]
    downloads: tuple[Download, ...]
    compliance_href: str
    not_given: str  # what an empty field means, said once


def _item_view(item: Item, here: str, site_url: str | None) -> ItemView:
    def links(pairs: tuple[tuple[str, str], ...]) -> tuple[LinkView, ...]:
        return tuple(LinkView(label, relative(here, url)) for label, url in pairs)

    return ItemView(
        title=item.title,
        href=relative(here, item.url),
        address=ids.absolute(site_url, item.url) if site_url else "/" + item.url,
        number=item.number,
        created=item.created_text,
        created_iso=item.created.iso if item.created else "",
        form=item.form,
        published=item.published_text,
        published_iso=item.published.isoformat() if item.published else "",
        period=item.period,
        corrections=links(item.corrections),
        corrects=links(item.corrects),
        example=item.example,
    )


def catalogue_context(
    catalogue: Catalogue, as_of_text: str, site_url: str | None
) -> CatalogueContext:
    here = ids.CATALOGUE
    groups = [
        GroupView(
            f"nhom-{ids.slugify(g.category.code)}",
            g.category.code,
            g.category.title,
            g.category.article,
            tuple(_item_view(i, here, site_url) for i in g.items),
        )
        for g in catalogue.groups
    ]
    if catalogue.unplaced:
        groups.append(
            GroupView(
                "nhom-chua-xep",
                UNPLACED,
                "Chưa xếp nhóm",
                "",
                tuple(_item_view(i, here, site_url) for i in catalogue.unplaced),
            )
        )
    return CatalogueContext(
        as_of=as_of_text,
        total=len(catalogue.items),
        groups=tuple(groups),
        downloads=downloads(here, "danh-muc-thong-tin"),
        compliance_href=relative(here, ids.COMPLIANCE),
        not_given=NOT_GIVEN,
    )


@dataclass(frozen=True)
class FindingView:
    message: str
    where: str
    href: str | None


@dataclass(frozen=True)
class FindingGroup:
    anchor: str
    heading: str
    basis: str
    items: tuple[FindingView, ...]


@dataclass(frozen=True)
class CategoryRow:
    code: str
    anchor_href: str  # the category on the catalogue page
    title: str
    article: str
    count: int
    newest_title: str
    newest_href: str | None
    newest_date: str


@dataclass(frozen=True)
class ComplianceContext:
    """Context of ``congkhai/compliance.html``: the compliance report at the as-of date."""

    as_of: str
    categories: tuple[CategoryRow, ...]
    groups: tuple[FindingGroup, ...]  # only kinds with findings, in the report's order
    total: int
    catalogue_href: str
    json: Download


def compliance_context(report: Report) -> ComplianceContext:
    here = ids.COMPLIANCE
    catalogue = relative(here, ids.CATALOGUE)
    groups = tuple(
        FindingGroup(
            kind,
            heading,
            basis,
            tuple(
                FindingView(f.message, f.where, relative(here, f.url) if f.url else None)
                for f in report.of(kind)
            ),
        )
        for kind, (heading, basis) in KINDS.items()
        if report.of(kind)
    )
    return ComplianceContext(
        as_of=report.as_of,
        categories=tuple(
            CategoryRow(
                c.code,
                f"{catalogue}#nhom-{ids.slugify(c.code)}",
                c.title,
                c.article,
                c.count,
                c.newest_title,
                relative(here, c.newest_url) if c.newest_url else None,
                c.newest_date,
            )
            for c in report.categories
        ),
        groups=groups,
        total=len(report.findings),
        catalogue_href=catalogue,
        json=Download("JSON", relative(here, ids.COMPLIANCE_JSON), "application/json"),
    )
