"""Trang kết quả: information-request statistics (a block of the access page), reception
outcomes (``reception_outcomes.html``) and the yearly report drafts (``yearly_reports.html``,
``yearly_report.html``). Each statistics block is a table plus an inline SVG chart
(``pages/charts.py``); where the data gives no figure the page says "chưa có số liệu" once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..datasets.meetings import MeetingKind
from ..datasets.outcomes import FIELD_LABELS, OutcomeRow
from ..datasets.requests import REFUSAL_REASONS, RequestStats
from ..dialogues import statistics
from ..dialogues import years as dialogue_years
from ..ids import (
    ACCESS,
    RECEPTION,
    RECEPTION_OUTCOMES,
    YEARLY_REPORTS,
    relative,
    session_url,
    yearly_report_file,
    yearly_report_url,
)
from ..registry import Registry
from ..yearly import NO_FIGURES, report_years
from .charts import phone_bar_chart
from .common import Download, downloads
from .reception import DocLink, _doc

#: what a cell shows where the data gives no figure (explained once under the table)
NO_VALUE = "—"


def _cell(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


# --- information requests (on the access page) ---------------------------------------------


@dataclass(frozen=True)
class ReasonColumn:
    label: str
    source: str  # Luật 104/2016/QH13, Điều 28 khoản 1 điểm a


@dataclass(frozen=True)
class RequestRow:
    period: str  # Quý I/2021
    period_key: str  # 2021-Q1
    carried_over: int
    received: int
    answered_on_time: int
    answered_late: int
    refused: tuple[int, ...]  # in the order of ``RequestsView.reasons``
    pending: int
    source: DocLink | None


@dataclass(frozen=True)
class RequestsView:
    """Thống kê yêu cầu cung cấp thông tin, shown on ``access.html``. ``rows`` empty: the
    page says :data:`~congkhai.yearly.NO_FIGURES` once (``empty_text``)."""

    rows: tuple[RequestRow, ...]
    reasons: tuple[ReasonColumn, ...]
    svg: str  # "" when there are no rows
    empty_text: str
    downloads: tuple[Download, ...]


def requests_view(registry: Registry, here: str = ACCESS) -> RequestsView:
    rows: tuple[RequestStats, ...] = registry.requests
    svg = (
        phone_bar_chart(
            "bieu-do-yeu-cau",
            "Số yêu cầu cung cấp thông tin tiếp nhận theo kỳ",
            [(r.period.label, r.received) for r in rows],
        )
        if rows
        else ""
    )
    return RequestsView(
        tuple(
            RequestRow(
                r.period.label,
                r.period.key,
                r.carried_over,
                r.received,
                r.answered_on_time,
                r.answered_late,
                tuple(getattr(r, reason.column) for reason in REFUSAL_REASONS),
                r.pending,
                _doc(registry, r.source, here),
            )
            for r in rows
        ),
        tuple(ReasonColumn(r.label, r.source) for r in REFUSAL_REASONS),
        svg,
        f"{NO_FIGURES.capitalize()} về yêu cầu cung cấp thông tin.",
        downloads(here, "yeu-cau-thong-tin", "Số liệu yêu cầu"),
    )


# --- reception outcomes ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    label: str
    cases: int


@dataclass(frozen=True)
class OutcomePeriod:
    label: str  # Năm 2021
    key: str
    sessions: str  # the number, or NO_VALUE
    citizens: str
    petitions: str
    cases: str
    fields: tuple[FieldRow, ...]
    svg: str  # cases by field; "" without field rows
    source: DocLink | None


@dataclass(frozen=True)
class RequestedDialogue:
    """Đối thoại theo yêu cầu của công dân in one year: an outcome even when it is zero."""

    year: int
    count: int
    text: str  # "Trong năm 2021 chưa có công dân có yêu cầu đối thoại."
    source: DocLink | None


@dataclass(frozen=True)
class ConcludedSession:
    date: str
    href: str
    label: str  # Tiếp công dân thứ Hai, 15/3/2021: …
    result: DocLink


@dataclass(frozen=True)
class OutcomesContext:
    """Context of ``congkhai/reception_outcomes.html``. ``periods`` empty: the page says
    ``empty_text`` once; ``NO_VALUE`` in a cell means the report gives no such figure."""

    periods: tuple[OutcomePeriod, ...]
    empty_text: str
    no_value: str
    requested_dialogues: tuple[RequestedDialogue, ...]
    concluded: tuple[ConcludedSession, ...]
    calendar_href: str
    downloads: tuple[Download, ...]


def _period(registry: Registry, rows: list[OutcomeRow], here: str) -> OutcomePeriod:
    total = next((r for r in rows if not r.field), None)
    fields = tuple(FieldRow(FIELD_LABELS[r.field], r.cases or 0) for r in rows if r.field)
    first = rows[0]
    return OutcomePeriod(
        first.period.label,
        first.period.key,
        _cell(total.sessions if total else None),
        _cell(total.citizens if total else None),
        _cell(total.petitions if total else None),
        _cell(total.cases if total else None),
        fields,
        phone_bar_chart(
            f"bieu-do-vu-viec-{first.period.key.lower()}",
            f"Số vụ việc theo lĩnh vực, {first.period.label.lower()}",
            [(f.label, f.cases) for f in fields],
        )
        if fields
        else "",
        _doc(registry, next((r.source for r in rows if r.source), ""), here),
    )


def outcomes_context(registry: Registry) -> OutcomesContext:
    here = RECEPTION_OUTCOMES
    by_period: dict[str, list[OutcomeRow]] = {}
    for row in registry.outcomes:
        by_period.setdefault(row.period.key, []).append(row)
    requested = []
    for year in sorted(dialogue_years(registry.dialogues)):
        stat = next(
            (
                r
                for r in statistics(registry.dialogues, year)
                if r.kind == MeetingKind.DOI_THOAI_THEO_YEU_CAU.value
            ),
            None,
        )
        if stat is None:
            continue
        text = (
            f"Trong năm {year} chưa có công dân có yêu cầu đối thoại."
            if stat.count == 0
            else f"Trong năm {year} tổ chức {stat.count:02d} buổi đối thoại theo yêu cầu của công dân."
        )
        requested.append(
            RequestedDialogue(
                year, stat.count, text, _doc(registry, stat.source, here) if stat.source else None
            )
        )
    concluded = []
    for s in registry.schedule.sessions:
        result = _doc(registry, s.result, here)
        if result is not None:
            concluded.append(
                ConcludedSession(
                    s.date.isoformat(),
                    relative(here, session_url(s.id)),
                    registry.session_title(s),
                    result,
                )
            )
    return OutcomesContext(
        tuple(_period(registry, rows, here) for rows in by_period.values()),
        f"{NO_FIGURES.capitalize()} tổng hợp về kết quả tiếp công dân.",
        NO_VALUE,
        tuple(requested),
        tuple(concluded),
        relative(here, RECEPTION),
        downloads(here, "ket-qua-tiep-cong-dan"),
    )


# --- yearly report drafts --------------------------------------------------------------------


@dataclass(frozen=True)
class YearLink:
    year: int
    href: str
    download: str


@dataclass(frozen=True)
class YearlyReportsContext:
    """Context of ``congkhai/yearly_reports.html``: the years with a draft, newest first."""

    years: tuple[YearLink, ...]


def yearly_reports_context(registry: Registry) -> YearlyReportsContext:
    here = YEARLY_REPORTS
    return YearlyReportsContext(
        tuple(
            YearLink(y, relative(here, yearly_report_url(y)), relative(here, yearly_report_file(y)))
            for y in report_years(registry)
        )
    )


@dataclass(frozen=True)
class YearlyReportContext:
    """Context of ``congkhai/yearly_report.html``: the draft rendered (sanitised HTML of the
    same Markdown as the download) and the download link."""

    year: int
    html: str
    download: str
    download_name: str
    index_href: str


def yearly_report_context(
    year: int, markdown: str, render_markdown: Callable[[str], str]
) -> YearlyReportContext:
    here = yearly_report_url(year)
    path = yearly_report_file(year)
    return YearlyReportContext(
        year,
        render_markdown(markdown),
        relative(here, path),
        path.rsplit("/", 1)[-1],
        relative(here, YEARLY_REPORTS),
    )
