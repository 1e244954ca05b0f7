"""Dự thảo báo cáo năm (the yearly report draft), computed from the data.

The seed itself is such a report (``docs/toan-van/bao-cao-doi-thoai-2021.md``): the draft
keeps its structure (I. lãnh đạo, triển khai; II. kết quả; III. phương hướng; IV. kiến nghị),
fills section II with the year's figures and section I with the documents issued that year,
and leaves :data:`PLACEHOLDER` wherever only people can write. Counts are zero-padded below
ten (``06``), as the office's reports write them.

:func:`year_figures` is the contract: every figure of the draft comes from it, and tests
compare it with the seed's sentences. :func:`draft_markdown` is a pure function of the
registry (no clock, no file system): two builds with the same as-of date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .datasets.documents import Document
from .datasets.meetings import MeetingKind
from .datasets.reception import SessionStatus
from .datasets.requests import REFUSAL_REASONS
from .dates import format_short
from .dialogues import Progress, StatRow, progress, statistics
from .dialogues import years as dialogue_years
from .plans import TaskStatus, task_status
from .registry import Registry

PLACEHOLDER = "[Cán bộ bổ sung]"
NO_FIGURES = "chưa có số liệu"

#: how a sentence counts meetings of each kind ("06 hội nghị", "03 buổi sinh hoạt…")
KIND_PHRASES = {
    MeetingKind.HOI_NGHI.value: "hội nghị",
    MeetingKind.SINH_HOAT_DUOI_CO.value: "buổi sinh hoạt chính trị dưới cờ",
    "giao-ban": "buổi giao ban hàng tuần, hàng tháng",
    MeetingKind.GIAO_BAN_TUAN.value: "buổi giao ban tuần",
    MeetingKind.GIAO_BAN_THANG.value: "buổi giao ban tháng",
    MeetingKind.DOI_THOAI_DINH_KY.value: "buổi đối thoại định kỳ",
    MeetingKind.DOI_THOAI_DOT_XUAT.value: "buổi đối thoại đột xuất",
    MeetingKind.DOI_THOAI_THEO_YEU_CAU.value: "buổi đối thoại theo yêu cầu của công dân",
}


def padded(count: int) -> str:
    """``6`` -> ``06``: counts below ten as the office's reports write them."""
    return f"{count:02d}"


@dataclass(frozen=True)
class RequestTotals:
    received: int
    answered_on_time: int
    answered_late: int
    refused: tuple[tuple[str, str, int], ...]  # (label, legal source, count) of each reason
    pending: int  # at the end of the year's last period
    periods: tuple[str, ...]  # the periods added up (Quý I/2021…)


@dataclass(frozen=True)
class ReceptionTotals:
    sessions: int | None  # None: no figure given
    citizens: int | None
    petitions: int | None
    cases: int | None
    from_statistics: bool  # True: data/ket-qua-tiep-cong-dan.csv; False: counted sessions


@dataclass(frozen=True)
class YearFigures:
    """Every figure of one year's draft."""

    year: int
    meetings: tuple[StatRow, ...]  # by kind, the request-dialogue kind included
    requested_dialogues: int | None  # đối thoại theo yêu cầu của công dân; None: not given
    reception: ReceptionTotals | None
    requests: RequestTotals | None
    documents_published: int
    documents_issued: tuple[Document, ...]
    commitments_done: int
    commitments_open: int
    commitments_overdue: int
    tasks_overdue: int


def _published_in(doc: Document) -> dt.date:
    return doc.published or doc.issued_date


def report_years(registry: Registry) -> list[int]:
    """Years with data for a report (dialogues, reception sessions not marked as examples,
    reception statistics, information requests), newest first."""
    found = set(dialogue_years(registry.dialogues))
    found |= {s.date.year for s in registry.schedule.sessions if not s.example}
    found |= {r.period.year for r in registry.outcomes}
    found |= {r.period.year for r in registry.requests}
    return sorted(found, reverse=True)


def _reception(registry: Registry, year: int) -> ReceptionTotals | None:
    totals = [r for r in registry.outcomes if r.period.year == year and not r.field]

    def add(name: str) -> int | None:
        values = [getattr(r, name) for r in totals]
        return sum(values) if values and None not in values else None

    if totals:
        return ReceptionTotals(
            add("sessions"), add("citizens"), add("petitions"), add("cases"), True
        )
    held = [
        s
        for s in registry.schedule.sessions
        if s.date.year == year
        and not s.example
        and s.status in (SessionStatus.DA_TIEP, SessionStatus.KHONG_CO_CONG_DAN)
    ]
    # Example sessions only illustrate the calendar: they are never counted as held.
    return ReceptionTotals(len(held), None, None, None, False) if held else None


def _requests(registry: Registry, year: int) -> RequestTotals | None:
    rows = [r for r in registry.requests if r.period.year == year]
    if not rows:
        return None
    return RequestTotals(
        sum(r.received for r in rows),
        sum(r.answered_on_time for r in rows),
        sum(r.answered_late for r in rows),
        tuple(
            (reason.label, reason.source, sum(getattr(r, reason.column) for r in rows))
            for reason in REFUSAL_REASONS
        ),
        rows[-1].pending,
        tuple(r.period.label for r in rows),
    )


def year_figures(registry: Registry, year: int) -> YearFigures:
    """The year's figures at the registry's as-of date (commitments and tasks are judged
    overdue at that date)."""
    as_of = registry.as_of
    meetings = tuple(statistics(registry.dialogues, year))
    requested = next(
        (r.count for r in meetings if r.kind == MeetingKind.DOI_THOAI_THEO_YEU_CAU.value), None
    )
    published = registry.published_documents()
    # Commitments made at example meetings only illustrate the tracker: never counted.
    meeting_years = {
        m.id: m.date.year for m in registry.dialogues.meetings.values() if not m.example
    }
    states = [
        progress(i, as_of) for i in registry.dialogues.items if meeting_years.get(i.meeting) == year
    ]
    tasks = [
        t
        for record in registry.plans.values()
        for t in record.tasks
        if t.deadline is not None and t.deadline.year == year
    ]
    return YearFigures(
        year=year,
        meetings=meetings,
        requested_dialogues=requested,
        reception=_reception(registry, year),
        requests=_requests(registry, year),
        documents_published=sum(_published_in(d).year == year for d in published),
        # a draft (no number yet, like this report itself) is not issued
        documents_issued=tuple(
            sorted(
                (
                    d
                    for d in published
                    if d.issued.year == year and d.number is not None and not d.number.is_draft
                ),
                key=lambda d: d.sort_key(),
            )
        ),
        commitments_done=sum(
            s in (Progress.HOAN_THANH, Progress.HOAN_THANH_QUA_HAN) for s in states
        ),
        commitments_open=sum(s is Progress.DANG_THUC_HIEN for s in states),
        commitments_overdue=sum(s is Progress.QUA_HAN for s in states),
        tasks_overdue=sum(task_status(t, as_of) is TaskStatus.QUA_HAN for t in tasks),
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md_text(text: str) -> str:
    """Staff text inside the draft's Markdown: shown as written, never read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("<", "&lt;")


def _document_line(doc: Document) -> str:
    """``- Kế hoạch số 22/KH-VPUB ngày 01/02/2021: Về …``, as reports cite a document."""
    name = f"{doc.doc_type.label} số {doc.number_text}" if doc.number_text else doc.label
    return f"- {md_text(name)} ngày {doc.issued.short}: {md_text(doc.title)}"


def _meetings_section(figures: YearFigures) -> list[str]:
    held = [r for r in figures.meetings if r.kind != MeetingKind.DOI_THOAI_THEO_YEU_CAU.value]
    lines = ["### 1. Hội nghị, đối thoại", ""]
    if figures.requested_dialogues == 0:
        lines.append(
            "- Đối thoại trực tiếp theo yêu cầu công dân: Trong năm chưa có công dân có yêu cầu đối thoại."
        )
    elif figures.requested_dialogues:
        lines.append(
            f"- Đối thoại trực tiếp theo yêu cầu công dân: {padded(figures.requested_dialogues)} "
            "buổi đối thoại."
        )
    else:
        lines.append(f"- Đối thoại trực tiếp theo yêu cầu công dân: {NO_FIGURES} {PLACEHOLDER}.")
    if held:
        counted = ", ".join(
            f"{padded(r.count)} {KIND_PHRASES.get(r.kind, r.label.lower())}" for r in held
        )
        lines.append(f"- Định kỳ: Trong năm, tổ chức {counted}.")
    else:
        lines.append(f"- Định kỳ: {NO_FIGURES} {PLACEHOLDER}.")
    lines += ["", "| Loại | Số lượng |", "| --- | ---: |"]
    lines += [f"| {md_text(r.label)} | {padded(r.count)} |" for r in figures.meetings]
    if not figures.meetings:
        lines.append(f"| {NO_FIGURES} | |")
    return lines


def _reception_section(figures: YearFigures) -> list[str]:
    lines = ["### 2. Tiếp công dân", ""]
    r = figures.reception
    if r is None:
        return [
            *lines,
            f"Số buổi tiếp công dân, lượt công dân, số đơn: {NO_FIGURES} {PLACEHOLDER}.",
        ]

    def shown(value: int | None) -> str:
        return padded(value) if value is not None else f"{NO_FIGURES} {PLACEHOLDER}"

    origin = (
        "theo số liệu kết quả tiếp công dân"
        if r.from_statistics
        else "đếm từ lịch tiếp công dân (buổi đã tổ chức)"
    )
    return [
        *lines,
        f"- Số buổi tiếp công dân đã tổ chức ({origin}): {shown(r.sessions)}.",
        f"- Lượt công dân được tiếp: {shown(r.citizens)}.",
        f"- Số đơn tiếp nhận: {shown(r.petitions)}.",
        f"- Số vụ việc: {shown(r.cases)}.",
    ]


def _requests_section(figures: YearFigures) -> list[str]:
    lines = ["### 3. Cung cấp thông tin theo yêu cầu", ""]
    q = figures.requests
    if q is None:
        return [*lines, f"Số yêu cầu cung cấp thông tin: {NO_FIGURES} {PLACEHOLDER}."]
    refused = sum(c for _, _, c in q.refused)
    lines += [
        f"Tổng hợp các kỳ: {', '.join(q.periods)}.",
        "",
        f"- Tiếp nhận: {padded(q.received)} yêu cầu.",
        f"- Trả lời đúng hạn: {padded(q.answered_on_time)}; trả lời quá hạn: {padded(q.answered_late)}.",
        f"- Từ chối: {padded(refused)}.",
    ]
    lines += [
        f"    - {md_text(label)} ({source}): {padded(count)}."
        for label, source, count in q.refused
        if count
    ]
    lines.append(f"- Đang giải quyết cuối kỳ: {padded(q.pending)}.")
    return lines


def draft_markdown(registry: Registry, year: int) -> str:
    """The year's draft report as Markdown (ends with one newline)."""
    f = year_figures(registry, year)
    agency = registry.site.agency
    as_of = format_short(registry.as_of)
    lines = [
        f"> **Dự thảo tự động tạo từ dữ liệu** của cổng thông tin, tính đến ngày {as_of}. "
        f"Cán bộ bổ sung các phần ghi {PLACEHOLDER}, đối chiếu số liệu trước khi trình ký; "
        "đây chưa phải văn bản chính thức.",
        "",
        f"**{md_text(agency.name.upper())}**",
        "",
        f"Số: {PLACEHOLDER}",
        "",
        f"{PLACEHOLDER}, ngày {PLACEHOLDER} năm {year}",
        "",
        "**BÁO CÁO**  ",
        f"**Kết quả thực hiện công tác đối thoại, tiếp công dân, cung cấp thông tin năm {year}**",
        "",
        f"Căn cứ: {PLACEHOLDER}",
        "",
        "## I. CÔNG TÁC LÃNH ĐẠO, TRIỂN KHAI THỰC HIỆN",
        "",
        PLACEHOLDER,
        "",
    ]
    if f.documents_issued:
        lines.append(f"Văn bản ban hành trong năm {year} (đã công khai trên cổng):")
        lines.append("")
        lines += [_document_line(d) for d in f.documents_issued]
    else:
        lines.append(f"Văn bản ban hành trong năm {year}: {NO_FIGURES} {PLACEHOLDER}.")
    lines += [
        "",
        "## II. KẾT QUẢ THỰC HIỆN",
        "",
        *_meetings_section(f),
        "",
        *_reception_section(f),
        "",
        *_requests_section(f),
        "",
        "### 4. Công khai thông tin",
        "",
        f"- Văn bản đăng tải trên cổng trong năm: {padded(f.documents_published)}.",
        "",
        "### 5. Thực hiện cam kết sau đối thoại",
        "",
        f"- Hoàn thành: {padded(f.commitments_done)}; đang thực hiện: "
        f"{padded(f.commitments_open)}; quá hạn: {padded(f.commitments_overdue)} "
        f"(tính đến ngày {as_of}).",
        "",
        "### 6. Nhiệm vụ theo kế hoạch",
        "",
        f"- Nhiệm vụ có hạn trong năm đã quá hạn mà chưa hoàn thành: {padded(f.tasks_overdue)} "
        f"(tính đến ngày {as_of}).",
        "",
        f"Đánh giá chung: {PLACEHOLDER}",
        "",
        f"## III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}",
        "",
        PLACEHOLDER,
        "",
        "## IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "",
        PLACEHOLDER,
    ]
    return "\n".join(lines) + "\n"
