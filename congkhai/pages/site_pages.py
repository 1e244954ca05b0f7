"""Site-wide generated pages: the data-quality report, the staff guide and open data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ids import relative, slugify
from ..problems import SEVERITY_LABELS, Problem, Problems, Severity
from .common import Download
from .documents import RegisterIndex

# the staff guide lives in .guide; site.py plans it by these names
from .guide import GUIDED_DATASETS as GUIDED_DATASETS
from .guide import GuideContext as GuideContext
from .guide import GuideDatasetContext as GuideDatasetContext
from .guide import guide_context as guide_context
from .guide import guide_dataset_context as guide_dataset_context

#: what a page says once where the source gives nothing
NOT_GIVEN = "chưa cập nhật"


@dataclass(frozen=True)
class ProblemGroup:
    severity: str
    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class QualityContext:
    """Context of ``congkhai/quality.html``: what the data lacks or doubts (never errors:
    a build with errors publishes nothing)."""

    as_of: str
    total: int
    groups: tuple[ProblemGroup, ...]


def quality_context(problems: Problems, as_of_text: str) -> QualityContext:
    groups = tuple(
        ProblemGroup(s.value, SEVERITY_LABELS[s], tuple(str(p) for p in problems.of(s)))
        for s in (Severity.LEGAL, Severity.MISSING, Severity.WARNING)
        if problems.of(s)
    )
    return QualityContext(as_of_text, sum(len(g.items) for g in groups), groups)


def quality_lines(problems: Problems) -> list[str]:
    """The same report as text, for the build log and ``scripts/validate.py``."""
    items: list[Problem] = [
        p for s in (Severity.LEGAL, Severity.MISSING, Severity.WARNING) for p in problems.of(s)
    ]
    return [f"[{SEVERITY_LABELS[p.severity]}] {p}" for p in items]


@dataclass(frozen=True)
class OpenDataColumn:
    label: str  # Vietnamese title
    name: str  # the CSV column id
    type: str  # Vietnamese name of its type


@dataclass(frozen=True)
class OpenDataRow:
    name: str  # du-lieu-mo/<name>.csv
    anchor: str  # id of its heading on the page
    title: str
    description: str
    csv: Download
    json: Download | None  # None: the export has no JSON beside its CSV
    csv_size: str  # 12,3 KB
    json_size: str
    changed: str  # 05/3/2021, or "chưa cập nhật" when its source has no committed change
    changed_iso: str | None
    columns: tuple[OpenDataColumn, ...]


@dataclass(frozen=True)
class OpenDataContext:
    """Context of ``congkhai/open_data.html``: every CSV resource of the Data Package (its
    downloads, size, date and columns), the licence, the package itself, the feeds and the
    calendar. Built from the package, so that the page and ``datapackage.json`` agree."""

    rows: tuple[OpenDataRow, ...]
    license_given: bool  # False: the office has not published a licence yet
    license: str  # its title (or name); NO_LICENSE when not given
    license_href: str | None
    package: Download
    as_of: str
    as_of_iso: str
    feeds: tuple[Download, ...]
    calendar: Download
    guide_href: str


#: what the page says while ``site.yaml`` names no licence
NO_LICENSE = "chưa công bố giấy phép"


def open_data_context(
    here: str, package: Mapping[str, Any], sizes: Mapping[str, int]
) -> OpenDataContext:
    """``package``: the Data Package (:func:`congkhai.opendata.data_package`); ``sizes``: the
    size in bytes of each planned file, by site path."""
    from ..dates import format_short
    from ..ids import (
        DATAPACKAGE,
        FEED_ALL,
        FEED_DOCUMENTS,
        FEED_NOTICES,
        OPEN_DATA,
        RECEPTION_FEED,
        STAFF_GUIDE,
    )
    from ..opendata import TYPE_LABELS
    from .documents import _human_size

    rows = []
    for resource in package["resources"]:
        csv_path = OPEN_DATA + resource["path"]
        json_path = csv_path.removesuffix(".csv") + ".json"
        changed = resource.get("last_modified")
        rows.append(
            OpenDataRow(
                resource["name"],
                "bo-" + slugify(resource["name"]),
                resource["title"],
                resource.get("description", ""),
                Download("CSV", relative(here, csv_path), "text/csv"),
                Download("JSON", relative(here, json_path), "application/json")
                if json_path in sizes
                else None,
                _human_size(resource["bytes"]),
                _human_size(sizes[json_path]) if json_path in sizes else "",
                format_short(dt.date.fromisoformat(changed)) if changed else NOT_GIVEN,
                changed,
                tuple(
                    OpenDataColumn(f["title"], f["name"], TYPE_LABELS.get(f["type"], f["type"]))
                    for f in resource["schema"]["fields"]
                ),
            )
        )
    licence = (package.get("licenses") or [{}])[0]
    atom = "application/atom+xml"
    return OpenDataContext(
        tuple(rows),
        bool(licence),
        licence.get("title") or licence.get("name") or licence.get("path") or NO_LICENSE,
        licence.get("path") or None,
        Download("datapackage.json", relative(here, DATAPACKAGE), "application/json"),
        format_short(dt.date.fromisoformat(package["as_of"])),
        package["as_of"],
        (
            Download("mọi thông tin", relative(here, FEED_ALL), atom),
            Download("văn bản", relative(here, FEED_DOCUMENTS), atom),
            Download("thông báo", relative(here, FEED_NOTICES), atom),
        ),
        Download("lich-tiep-cong-dan.ics", relative(here, RECEPTION_FEED), "text/calendar"),
        relative(here, STAFF_GUIDE),
    )


#: document types offered as shortcuts on the search page, when the register has any
BROWSE_TYPES = ("ke-hoach", "quyet-dinh")


@dataclass(frozen=True)
class BrowseLink:
    label: str
    href: str


@dataclass(frozen=True)
class FacetLink:
    """A register facet page the search offers when the query names it: ``terms`` are the
    facet's label as folded syllables ("ke hoach", "2021"), which the script looks for in
    the query's syllables."""

    label: str
    href: str
    terms: str


@dataclass(frozen=True)
class SearchContext:
    """Context of ``congkhai/search.html``: paths the script needs, no-JavaScript links, and
    the register's type and year pages, offered beside results when a query names one."""

    index_href: str
    site_href: str
    script_href: str
    browse: tuple[BrowseLink, ...]
    facets: tuple[FacetLink, ...] = ()


def search_context(here: str, index: RegisterIndex) -> SearchContext:
    """Without JavaScript the page offers the register's facets: only those that exist."""
    from ..ids import (
        NOTICES,
        PLANS,
        RECEPTION,
        REGISTER,
        SEARCH_INDEX,
        SEARCH_SCRIPT,
        register_url,
    )

    by_type = tuple(
        BrowseLink(
            f"Văn bản theo loại: {index.labels['loai'].get(value, value)}",
            relative(here, register_url("loai", value)),
        )
        for value in BROWSE_TYPES
        if value in index.groups["loai"]
    )
    from ..search import tokens

    facets = tuple(
        FacetLink(
            label if facet == "loai" else f"Văn bản năm {label}",
            relative(here, register_url(facet, value)),
            " ".join(tokens(label)),
        )
        for facet in ("loai", "nam")
        for value in index.ordered_values(facet)
        for label in (index.labels[facet].get(value, value),)
    )
    return SearchContext(
        relative(here, SEARCH_INDEX),
        relative(here, "") or "./",
        relative(here, SEARCH_SCRIPT),
        (
            BrowseLink("Sổ văn bản (mới nhất trước)", relative(here, REGISTER)),
            *by_type,
            BrowseLink(
                "Văn bản theo năm, cơ quan ban hành, tình trạng hiệu lực: xem cột lọc trong sổ văn bản",
                relative(here, REGISTER),
            ),
            BrowseLink("Thông báo", relative(here, NOTICES)),
            BrowseLink("Lịch tiếp công dân", relative(here, RECEPTION)),
            BrowseLink("Kế hoạch", relative(here, PLANS)),
        ),
        facets,
    )
