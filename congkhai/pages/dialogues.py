"""Trang hội nghị đối thoại: meetings by year and kind, a page per meeting, the commitments
tracker and per-year statistics (a table plus an SVG chart drawn at build time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..datasets.meetings import (
    MEETING_KIND_LABELS,
    MEETING_STATUS_LABELS,
    DialogueItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from ..dates import format_short, weekday_name
from ..dialogues import PROGRESS_LABELS, Progress, StatRow, progress, statistics, years
from ..ids import COMMITMENTS, DIALOGUES, meeting_url, relative
from ..registry import Registry
from . import charts
from .common import Download, downloads
from .reception import DocLink, _doc


@dataclass(frozen=True)
class MeetingRow:
    id: str
    href: str
    date: str
    date_iso: str
    weekday: str
    time: str
    kind: str
    title: str
    chair: str
    place: str
    participants: str
    status: str
    status_label: str
    example: bool
    summary: str
    record: DocLink | None


#: a planned meeting whose day has passed, as the calendar says it of a reception session
#: (``pages/reception.status_label``); the as-of script writes the same on a stale build
PAST_PLANNED = "Đã qua (chưa cập nhật kết quả)"


def meeting_status_label(m: Meeting, as_of: dt.date) -> str:
    """Trạng thái at the as-of date: the data's status, except that a meeting still
    "dự kiến" after its day says the result is not yet given."""
    if m.status == MeetingStatus.DU_KIEN and m.date < as_of:
        return PAST_PLANNED
    return MEETING_STATUS_LABELS[m.status]  # type: ignore[index]


def meeting_row(registry: Registry, m: Meeting, here: str) -> MeetingRow:
    chair = registry.people.get(m.chair) if m.chair else None
    time = f"{m.start:%H:%M}" + (f"–{m.end:%H:%M}" if m.end else "") if m.start else ""
    return MeetingRow(
        m.id,
        relative(here, meeting_url(m.id)),
        format_short(m.date),
        m.date.isoformat(),
        weekday_name(m.date),
        time,
        MEETING_KIND_LABELS[MeetingKind(m.kind)],
        m.title,
        chair.display if chair else "",
        m.place,
        "; ".join(m.participants),
        m.status,
        meeting_status_label(m, registry.as_of),
        m.example,
        m.summary,
        _doc(registry, m.record, here),
    )


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    meeting: str
    meeting_href: str
    raised_by: str
    issue: str
    answer: str
    commitment: str
    owner: str
    deadline: str
    deadline_iso: str
    progress: str
    progress_label: str
    done_on: str
    example: bool


def commitment_row(registry: Registry, item: DialogueItem, here: str) -> CommitmentRow:
    meeting = registry.dialogues.meetings.get(item.meeting)
    owner = registry.organizations.get(item.owner) if item.owner else None
    state = progress(item, registry.as_of)
    return CommitmentRow(
        item.id,
        meeting.title if meeting else item.meeting,
        relative(here, meeting_url(item.meeting)),
        item.raised_by,
        item.issue,
        item.answer,
        item.commitment,
        (owner.short_name or owner.name) if owner else "",
        format_short(item.deadline) if item.deadline else "",
        item.deadline.isoformat() if item.deadline else "",
        state.value,
        PROGRESS_LABELS[state],
        format_short(item.done_on) if item.done_on else "",
        bool(meeting and meeting.example),
    )


@dataclass(frozen=True)
class StatsYear:
    year: int
    rows: tuple[StatView, ...]
    total: int
    svg: str  # inline, accessible (title, desc); the table is its text alternative


@dataclass(frozen=True)
class StatView:
    label: str
    count: int
    source: DocLink | None


def bar_chart(year: int, rows: list[StatRow]) -> str:
    """The year's counts by kind as an inline SVG bar chart laid out for a phone
    (:func:`charts.phone_bar_chart`)."""
    return charts.phone_bar_chart(
        f"bieu-do-{year}",
        f"Số hội nghị, buổi đối thoại, giao ban năm {year} theo loại",
        [(r.label, r.count) for r in rows],
        css_class="ck-chart--dialogues",
    )


@dataclass(frozen=True)
class DialoguesContext:
    """Context of ``congkhai/dialogues.html``."""

    as_of: str
    upcoming: tuple[MeetingRow, ...]
    past_by_year: tuple[tuple[int, tuple[MeetingRow, ...]], ...]
    stats: tuple[StatsYear, ...]
    open_count: int
    overdue_count: int
    done_count: int
    #: the commitments not yet done, overdue first: carry the dates the as-of script reads
    open_items: tuple[CommitmentRow, ...]
    commitments_href: str
    has_examples: bool
    downloads: tuple[Download, ...]


def dialogues_context(registry: Registry) -> DialoguesContext:
    here = DIALOGUES
    d = registry.dialogues
    meetings = list(d.meetings.values())
    as_of = registry.as_of
    upcoming = tuple(meeting_row(registry, m, here) for m in meetings if m.date >= as_of)
    past = [m for m in meetings if m.date < as_of]
    by_year = tuple(
        (year, tuple(meeting_row(registry, m, here) for m in reversed(past) if m.date.year == year))
        for year in sorted({m.date.year for m in past}, reverse=True)
    )
    stats = []
    for year in years(d):
        rows = statistics(d, year)
        if rows:
            stats.append(
                StatsYear(
                    year,
                    tuple(
                        StatView(
                            r.label, r.count, _doc(registry, r.source, here) if r.source else None
                        )
                        for r in rows
                    ),
                    sum(r.count for r in rows),
                    bar_chart(year, rows),
                )
            )
    states = [progress(i, as_of) for i in d.items]
    pending = sorted(
        (
            commitment_row(registry, i, here)
            for i, state in zip(d.items, states, strict=True)
            if state in (Progress.QUA_HAN, Progress.DANG_THUC_HIEN)
        ),
        key=lambda r: (r.progress != Progress.QUA_HAN, r.deadline_iso or "9999", r.id),
    )
    return DialoguesContext(
        format_short(as_of),
        upcoming,
        by_year,
        tuple(stats),
        sum(s is Progress.DANG_THUC_HIEN for s in states),
        sum(s is Progress.QUA_HAN for s in states),
        sum(s in (Progress.HOAN_THANH, Progress.HOAN_THANH_QUA_HAN) for s in states),
        tuple(pending),
        relative(here, COMMITMENTS),
        any(m.example for m in meetings),
        downloads(here, "hoi-nghi", "Hội nghị") + downloads(here, "cam-ket", "Cam kết"),
    )


@dataclass(frozen=True)
class MeetingContext:
    """Context of ``congkhai/meeting.html``."""

    title: str
    meeting: MeetingRow
    items: tuple[CommitmentRow, ...]
    dialogues_href: str


def meeting_context(registry: Registry, meeting: Meeting) -> MeetingContext:
    here = meeting_url(meeting.id)
    return MeetingContext(
        meeting.title,
        meeting_row(registry, meeting, here),
        tuple(commitment_row(registry, i, here) for i in registry.dialogues.items_of(meeting.id)),
        relative(here, DIALOGUES),
    )


@dataclass(frozen=True)
class CommitmentGroup:
    key: str
    label: str
    rows: tuple[CommitmentRow, ...]


@dataclass(frozen=True)
class CommitmentsContext:
    """Context of ``congkhai/commitments.html``: overdue first, then open, then done."""

    as_of: str
    groups: tuple[CommitmentGroup, ...]
    has_examples: bool


def commitments_context(registry: Registry) -> CommitmentsContext:
    here = COMMITMENTS
    rows = [commitment_row(registry, i, here) for i in registry.dialogues.items]
    order = [
        (Progress.QUA_HAN, "Quá hạn"),
        (Progress.DANG_THUC_HIEN, "Đang thực hiện"),
        (Progress.HOAN_THANH_QUA_HAN, "Hoàn thành quá hạn"),
        (Progress.HOAN_THANH, "Hoàn thành"),
    ]
    groups = tuple(
        CommitmentGroup(
            key.value,
            label,
            tuple(
                sorted(
                    (r for r in rows if r.progress == key.value),
                    key=lambda r: (r.deadline_iso or "9999", r.id),
                )
            ),
        )
        for key, label in order
    )
    return CommitmentsContext(
        format_short(registry.as_of),
        tuple(g for g in groups if g.rows),
        any(r.example for r in rows),
    )
