"""Site-wide generated pages: the data-quality report, the staff guide and open data."""

from __future__ import annotations

from dataclasses import dataclass

from ..datasets import documents, meetings, organizations, people, reception, relations
from ..datasets.fields import ColumnDoc, Record, describe
from ..ids import relative
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
    file: str
    title: str
    description: str
    columns: tuple[ColumnDoc, ...]
    downloads: tuple[Download, ...]


#: datasets staff edit, in the order the guide shows them
DATASETS: tuple[tuple[str, str, str, type[Record], str | None], ...] = (
    (documents.FILE, "Văn bản", "Sổ văn bản: mỗi dòng một văn bản.", documents.Document, "van-ban"),
    (
        relations.FILE,
        "Quan hệ giữa văn bản",
        "Mỗi quan hệ ghi một lần; quan hệ ngược được tự suy ra.",
        relations.Relation,
        None,
    ),
    (
        organizations.FILE,
        "Cơ quan, tổ chức",
        "Cơ quan ban hành văn bản và các đơn vị.",
        organizations.Organization,
        None,
    ),
    (people.FILE, "Người ký, người chủ trì", "Họ tên và chức vụ.", people.Person, None),
    (
        "data/reception/<năm>.csv",
        "Buổi tiếp công dân",
        "Buổi tiếp đột xuất, và thay đổi (hoãn, hủy, kết quả) của buổi sinh ra từ lịch định kỳ "
        "trong data/reception/rules.yaml; cùng mã thì các ô có ghi sẽ thay cho lịch định kỳ.",
        reception.SessionRow,
        "lich-tiep-cong-dan",
    ),
    (
        reception.DAYS_OFF_FILE,
        "Ngày nghỉ bù, ngày làm bù",
        "Theo thông báo hằng năm của Chính phủ, Bộ Nội vụ; ngày lễ, Tết cố định và âm lịch đã có sẵn.",
        reception.DayOff,
        None,
    ),
    (
        meetings.MEETINGS_FILE,
        "Hội nghị, đối thoại, giao ban",
        "Mỗi dòng một hội nghị.",
        meetings.Meeting,
        "hoi-nghi",
    ),
    (
        meetings.ITEMS_FILE,
        "Ý kiến và cam kết tại đối thoại",
        "Không ghi tên công dân; chỉ ghi nhóm người nêu.",
        meetings.DialogueItem,
        "cam-ket",
    ),
    (
        meetings.TOTALS_FILE,
        "Số liệu tổng hợp cả năm",
        "Số liệu báo cáo nêu khi không có danh sách từng hội nghị.",
        meetings.YearTotal,
        None,
    ),
)


@dataclass(frozen=True)
class GuideContext:
    """Context of ``congkhai/guide.html``: the columns of every CSV file, from the models."""

    datasets: tuple[DatasetDoc, ...]


def guide_context(here: str) -> GuideContext:
    return GuideContext(
        tuple(
            DatasetDoc(
                file,
                title,
                text,
                tuple(describe(model)),
                downloads(here, slug) if slug else (),
            )
            for file, title, text, model, slug in DATASETS
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
    from ..ids import NOTICES, PLANS, RECEPTION, REGISTER, SEARCH_INDEX, register_url

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
        relative(here, "assets/congkhai-search.js"),
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
