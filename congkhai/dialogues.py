"""Hội nghị đối thoại: meetings, the commitments made at dialogues, yearly statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .datasets.documents import Document
from .datasets.fields import by_id, load_table
from .datasets.meetings import (
    DIALOGUE_KINDS,
    ITEMS_FILE,
    MEETING_KIND_LABELS,
    MEETINGS_FILE,
    TOTAL_KIND_LABELS,
    TOTALS_FILE,
    DialogueItem,
    ItemStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    YearTotal,
)
from .datasets.organizations import Organization
from .datasets.people import Person
from .datasets.refs import located_rows
from .dates import format_short
from .problems import Problem, Problems, Severity
from .validate import check_references


class Progress(StrEnum):
    """Tiến độ một cam kết at the as-of date."""

    DANG_THUC_HIEN = "dang-thuc-hien"
    QUA_HAN = "qua-han"
    HOAN_THANH = "hoan-thanh"
    HOAN_THANH_QUA_HAN = "hoan-thanh-qua-han"


PROGRESS_LABELS = {
    Progress.DANG_THUC_HIEN: "Đang thực hiện",
    Progress.QUA_HAN: "Quá hạn",
    Progress.HOAN_THANH: "Hoàn thành",
    Progress.HOAN_THANH_QUA_HAN: "Hoàn thành quá hạn",
}


def progress(item: DialogueItem, as_of: dt.date) -> Progress:
    """Overdue when the deadline has passed (before the as-of date) and it is not done."""
    if item.status == ItemStatus.HOAN_THANH:
        late = item.deadline and item.done_on and item.done_on > item.deadline
        return Progress.HOAN_THANH_QUA_HAN if late else Progress.HOAN_THANH
    if item.deadline and item.deadline < as_of:
        return Progress.QUA_HAN
    return Progress.DANG_THUC_HIEN


@dataclass(frozen=True)
class Dialogues:
    meetings: dict[str, Meeting]
    items: tuple[DialogueItem, ...]
    totals: tuple[YearTotal, ...]

    def items_of(self, meeting_id: str) -> list[DialogueItem]:
        return [i for i in self.items if i.meeting == meeting_id]


@dataclass(frozen=True)
class StatRow:
    kind: str
    label: str
    count: int
    source: str | None  # document id of the report giving a yearly total; None: counted


def statistics(dialogues: Dialogues, year: int) -> list[StatRow]:
    """Counts by kind for ``year``: a total a report gives wins over counting records;
    example meetings are never counted."""
    totals = {t.kind: t for t in dialogues.totals if t.year == year}
    counted = Counter(
        m.kind
        for m in dialogues.meetings.values()
        if m.date.year == year and not m.example and m.status == MeetingStatus.DA_TO_CHUC
    )
    rows = []
    for kind in [*MeetingKind, "giao-ban"]:
        key = str(kind)
        if key in totals:
            rows.append(StatRow(key, TOTAL_KIND_LABELS[key], totals[key].count, totals[key].source))
        elif key != "giao-ban" and counted.get(key):
            if (
                key in (MeetingKind.GIAO_BAN_TUAN, MeetingKind.GIAO_BAN_THANG)
                and "giao-ban" in totals
            ):
                continue  # already inside the combined total
            rows.append(StatRow(key, MEETING_KIND_LABELS[MeetingKind(key)], counted[key], None))
    return rows


def years(dialogues: Dialogues) -> list[int]:
    found = {m.date.year for m in dialogues.meetings.values()} | {t.year for t in dialogues.totals}
    return sorted(found, reverse=True)


HONORIFICS = ("ông", "bà", "anh", "chị", "cô", "chú", "em", "đ/c", "đồng chí")


def looks_like_a_name(text: str) -> bool:
    """ "Ông Nguyễn Văn A", "bà Lò Thị B": an honorific then two or more capitalized words
    is a personal name where a group belongs ("Cô giáo trường bản" is not)."""
    lowered = text.casefold()
    for honorific in HONORIFICS:
        if lowered.startswith(honorific + " "):
            words = text[len(honorific) + 1 :].split()
            return len(words) >= 2 and all(w[:1].isupper() for w in words)
    return False


def load_dialogues(
    root: Path,
    as_of: dt.date,
    people: dict[str, Person],
    organizations: dict[str, Organization],
    documents: dict[str, Document],
    problems: Problems,
) -> Dialogues:
    data = root / "data"
    meeting_rows, meeting_columns = load_table(
        Meeting, data / "meetings.csv", MEETINGS_FILE, problems, optional_file=True
    )
    meetings = by_id(meeting_rows, lambda m: m.id, MEETINGS_FILE, problems)
    item_rows, item_columns = load_table(
        DialogueItem, data / "dialogue_items.csv", ITEMS_FILE, problems, optional_file=True
    )
    items = by_id(item_rows, lambda i: i.id, ITEMS_FILE, problems)
    totals, total_columns = load_table(
        YearTotal, data / "dialogue_totals.csv", TOTALS_FILE, problems, optional_file=True
    )
    check_references(
        [
            *located_rows(meeting_rows, MEETINGS_FILE, meeting_columns),
            *located_rows(item_rows, ITEMS_FILE, item_columns),
            *located_rows(totals, TOTALS_FILE, total_columns),
        ],
        {
            "people": people,
            "documents": documents,
            "organizations": organizations,
            "meetings": meetings,
        },
        problems,
    )
    for m in meetings.values():
        if m.start and m.end and m.end <= m.start:
            problems.add(
                Problem(
                    MEETINGS_FILE,
                    m.line,
                    "end",
                    "giờ kết thúc không sau giờ bắt đầu (end time not after start time)",
                )
            )
        if m.status == MeetingStatus.DA_TO_CHUC and m.date > as_of:
            problems.add(
                Problem(
                    MEETINGS_FILE,
                    m.line,
                    "status",
                    f"hội nghị ngày {format_short(m.date)} chưa diễn ra nhưng ghi đã tổ chức (held in the future)",
                    Severity.WARNING,
                )
            )
    for item in items.values():
        meeting = meetings.get(item.meeting)
        if meeting is not None and meeting.kind not in DIALOGUE_KINDS:
            problems.add(
                Problem(
                    ITEMS_FILE,
                    item.line,
                    "meeting",
                    f'"{meeting.id}" không phải buổi đối thoại (not a dialogue meeting)',
                    Severity.WARNING,
                )
            )
        if item.status == ItemStatus.HOAN_THANH and item.done_on is None:
            problems.add(
                Problem(
                    ITEMS_FILE,
                    item.line,
                    "done_on",
                    "đã hoàn thành nhưng thiếu ngày hoàn thành (done without a completion date)",
                )
            )
        if item.done_on and item.status != ItemStatus.HOAN_THANH:
            problems.add(
                Problem(
                    ITEMS_FILE,
                    item.line,
                    "status",
                    "có ngày hoàn thành nhưng trạng thái chưa hoàn thành (completion date on an open item)",
                )
            )
        if looks_like_a_name(item.raised_by):
            problems.add(
                Problem(
                    ITEMS_FILE,
                    item.line,
                    "raised_by",
                    f'"{item.raised_by}" có vẻ là tên một người; chỉ ghi nhóm (công chức, hộ dân thôn…), không công khai tên công dân (looks like a personal name)',
                )
            )
    seen: dict[tuple[int, str], YearTotal] = {}
    for total in totals:
        key = (total.year, total.kind)
        if key in seen:
            problems.add(
                Problem(
                    TOTALS_FILE,
                    total.line,
                    "kind",
                    f"số liệu năm {total.year} loại {total.kind} đã ghi ở dòng {seen[key].line} (duplicate total)",
                )
            )
        seen[key] = total
    ordered = dict(
        sorted(meetings.items(), key=lambda kv: (kv[1].date, kv[1].start or dt.time(), kv[0]))
    )
    return Dialogues(
        ordered, tuple(sorted(items.values(), key=lambda i: (i.meeting, i.id))), tuple(totals)
    )
