"""Shared pieces of page contexts: links relative to the page, pagination, provenance."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import format_short
from ..ids import export_url, relative
from ..provenance import Provenance

PAGE_SIZE = 50
#: what a page says where the data does not give a fact (said once, never invented)
NOT_GIVEN = "chưa cập nhật"


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str | None  # None: the current page (not a link)
    number: int | None = None


@dataclass(frozen=True)
class Pagination:
    """Trang 3/12 with first, previous, a window of numbers, next and last."""

    page: int
    pages: int
    previous: str | None
    next: str | None
    links: tuple[PageLink, ...]


def paginate(count: int, page: int, url_of: object, here: str, window: int = 3) -> Pagination:
    """``url_of(n)`` gives page n's site-relative URL; links are relative to ``here``."""
    assert callable(url_of)
    pages = max(1, -(-count // PAGE_SIZE))

    def href(n: int) -> str:
        return relative(here, url_of(n))

    numbers = sorted({1, pages, *range(max(1, page - window), min(pages, page + window) + 1)})
    links: list[PageLink] = []
    previous_number = 0
    for n in numbers:
        if n - previous_number > 1:
            links.append(PageLink("…", None))
        links.append(PageLink(str(n), None if n == page else href(n), n))
        previous_number = n
    return Pagination(
        page,
        pages,
        href(page - 1) if page > 1 else None,
        href(page + 1) if page < pages else None,
        tuple(links),
    )


@dataclass(frozen=True)
class ProvenanceView:
    """Nguồn dữ liệu line at the foot of a page."""

    file: str
    line: int | None
    changed: str | None  # 05/3/2021
    changed_iso: str | None
    edit_url: str | None
    view_url: str | None


def provenance_view(p: Provenance) -> ProvenanceView:
    return ProvenanceView(
        p.file,
        p.line,
        format_short(p.changed) if p.changed else None,
        p.changed.isoformat() if p.changed else None,
        p.edit_url,
        p.view_url,
    )


@dataclass(frozen=True)
class Download:
    label: str  # "CSV", "JSON"
    href: str
    media_type: str


def downloads(here: str, dataset: str, label: str = "") -> tuple[Download, Download]:
    """The CSV and JSON of an open-data set, linked from the page at ``here``."""
    prefix = f"{label} " if label else ""
    return (
        Download(
            f"{prefix}(CSV)" if label else "CSV",
            relative(here, export_url(dataset, "csv")),
            "text/csv",
        ),
        Download(
            f"{prefix}(JSON)" if label else "JSON",
            relative(here, export_url(dataset, "json")),
            "application/json",
        ),
    )
