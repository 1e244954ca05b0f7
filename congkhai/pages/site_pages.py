"""Site-wide generated pages: the data-quality report, the staff guide and open data."""

from __future__ import annotations

from dataclasses import dataclass

from ..datasets import DATASETS
from ..datasets.fields import ColumnDoc, describe
from ..ids import relative, slugify
from ..problems import SEVERITY_LABELS, Problem, Problems, Severity
from .common import Download, downloads
from .documents import RegisterIndex


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
class DatasetDoc:
    anchor: str  # data-documents-csv
    file: str
    title: str
    description: str
    columns: tuple[ColumnDoc, ...]
    downloads: tuple[Download, ...]


@dataclass(frozen=True)
class OpenDataRow:
    name: str  # du-lieu-mo/<name>.csv
    title: str
    csv: Download
    json: Download


@dataclass(frozen=True)
class OpenDataContext:
    """Context of ``congkhai/open_data.html``: every download the datasets declare, the
    feeds and the calendar."""

    rows: tuple[OpenDataRow, ...]
    feeds: tuple[Download, ...]
    calendar: Download
    guide_href: str


def open_data_context(here: str) -> OpenDataContext:
    from ..ids import FEED_ALL, FEED_DOCUMENTS, FEED_NOTICES, RECEPTION_FEED, STAFF_GUIDE

    rows = []
    for dataset in DATASETS:
        for source in dataset.exports:
            assert source.export is not None
            csv, json = downloads(here, source.export)
            rows.append(OpenDataRow(source.export, source.export_title, csv, json))
    atom = "application/atom+xml"
    return OpenDataContext(
        tuple(rows),
        (
            Download("mọi thông tin", relative(here, FEED_ALL), atom),
            Download("văn bản", relative(here, FEED_DOCUMENTS), atom),
            Download("thông báo", relative(here, FEED_NOTICES), atom),
        ),
        Download("lich-tiep-cong-dan.ics", relative(here, RECEPTION_FEED), "text/calendar"),
        relative(here, STAFF_GUIDE),
    )


@dataclass(frozen=True)
class GuideContext:
    """Context of ``congkhai/guide.html``: the columns of every CSV file, from the models."""

    datasets: tuple[DatasetDoc, ...]


def guide_context(here: str) -> GuideContext:
    return GuideContext(
        tuple(
            DatasetDoc(
                slugify(source.file),
                source.file,
                source.title,
                source.description,
                tuple(describe(source.model)),
                downloads(here, source.export) if source.export else (),
            )
            for dataset in DATASETS
            for source in dataset.sources
        )
    )


#: document types offered as shortcuts on the search page, when the register has any
BROWSE_TYPES = ("ke-hoach", "quyet-dinh")


@dataclass(frozen=True)
class BrowseLink:
    label: str
    href: str


@dataclass(frozen=True)
class SearchContext:
    """Context of ``congkhai/search.html``: paths the script needs and no-JavaScript links."""

    index_href: str
    site_href: str
    script_href: str
    browse: tuple[BrowseLink, ...]


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
    )
