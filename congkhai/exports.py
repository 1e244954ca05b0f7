"""Dữ liệu mở (open data): CSV and JSON made from the same models as the pages.

The CSV is UTF-8 with a BOM and CRLF line endings so that Excel on Windows opens it with
Vietnamese intact; the JSON carries the same records plus the as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

import pandas as pd

from .datasets.documents import Document
from .dates import VnDate, format_short
from .feeds import AtomEntry, plain_text, vn_midnight
from .ids import absolute, document_url
from .pages.documents import RegisterIndex
from .registry import Registry

DOCUMENT_COLUMNS = (
    "id",
    "number",
    "type",
    "type_label",
    "issuer",
    "issuer_name",
    "issued",
    "title",
    "signer",
    "signer_name",
    "signer_title",
    "signing_form",
    "effective",
    "expires",
    "status",
    "status_label",
    "status_derived",
    "force_source",
    "force_source_kind",
    "topics",
    "published",
    "files",
    "recipients",
    "url",
    "example",
)


def document_records(index: RegisterIndex, site_url: str | None) -> list[dict[str, Any]]:
    """One flat record per published document, newest first (the register's order)."""
    registry = index.registry
    records = []
    for doc in index.documents:
        force = index.forces[doc.id]
        person = registry.people.get(doc.signer) if doc.signer else None
        records.append(
            {
                "id": doc.id,
                "number": doc.number_text,
                "type": doc.type,
                "type_label": doc.doc_type.label,
                "issuer": doc.issuer,
                "issuer_name": registry.organizations[doc.issuer].name,
                "issued": doc.issued.iso,
                "title": doc.title,
                "signer": doc.signer,
                "signer_name": person.name if person else "",
                "signer_title": doc.signer_title,
                "signing_form": str(doc.signing_form) if doc.signing_form else "",
                "effective": doc.effective.isoformat() if doc.effective else "",
                "expires": doc.expires.isoformat() if doc.expires else "",
                "status": force.status.value,
                "status_label": force.label,
                "status_derived": not force.overridden,
                "force_source": doc.force_source,
                "force_source_kind": doc.force_source_kind,
                "topics": "; ".join(doc.topics),
                "published": doc.published.isoformat() if doc.published else "",
                "files": "; ".join(doc.files),
                "recipients": "; ".join(doc.recipients),
                "url": absolute(site_url, document_url(doc.id)),
                "example": doc.example,
            }
        )
    return records


#: What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"): ``=``, ``+``,
#: ``-``, ``@``, and tab / carriage return, which some spreadsheets skip before a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'`` as OWASP
    recommends (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``); anything else unchanged.
    Only ``str`` values are touched: numbers and booleans (a negative number included)
    stay numbers, and dates are written ISO (they start with a digit)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(records: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    """The records as CSV for Excel. Text cells are neutralised against formula injection
    (:func:`neutralise_formula`); the JSON export of the same records keeps every value as
    the source says."""
    safe = [{k: neutralise_formula(v) for k, v in record.items()} for record in records]
    frame = pd.DataFrame.from_records(safe, columns=list(columns))
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _scalar(value: Any) -> str:
    if type(value) is str:
        return encode_basestring(value)  # what json.dumps(ensure_ascii=False) writes
    return json.dumps(value, ensure_ascii=False)


def dumps_indented(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, character for character, for
    JSON-like data (dicts with text keys, lists, tuples, scalars). The standard library
    writes indented JSON in pure Python, value by value; an export holds hundreds of
    thousands, so each flat object here is written by its C encoder in one call, the
    indentation being its item separator (escaped strings hold no line break)."""
    inner = "\n" + " " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(type(k) is str for k in value):
            return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)
        if all(type(v) in _SCALARS for v in value.values()):
            flat = json.dumps(value, ensure_ascii=False, separators=("," + inner, ": "))
            return "{" + inner + flat[1:-1] + inner[:-1] + "}"
        items = [
            f"{encode_basestring(k)}: {dumps_indented(v, level + 1)}" for k, v in value.items()
        ]
        return "{" + inner + ("," + inner).join(items) + inner[:-1] + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [dumps_indented(v, level + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + inner[:-1] + "]"
    return _scalar(value)


def to_json(records: list[dict[str, Any]], *, dataset: str, as_of: str, source: str) -> bytes:
    payload = {
        "dataset": dataset,
        "as_of": as_of,
        "source": source,
        # no "license" here: the office has not chosen one unless site.yaml names it, and
        # the Data Package (du-lieu-mo/datapackage.json) then says which
        "count": len(records),
        "records": records,
    }
    return (dumps_indented(payload) + "\n").encode("utf-8")


SESSION_COLUMNS = (
    "id",
    "date",
    "weekday",
    "start",
    "end",
    "host",
    "host_name",
    "host_title",
    "place",
    "attendees",
    "topic",
    "status",
    "status_label",
    "replaces",
    "replaced_by",
    "announced_by",
    "announced_on",
    "result",
    "note",
    "example",
    "rule",
    "url",
)


def session_records(registry: Registry, site_url: str | None) -> list[dict[str, Any]]:
    """Every session of the calendar (cancelled and postponed ones included), by date."""
    from .dates import weekday_name
    from .ids import session_url
    from .pages.reception import status_label

    records = []
    for s in registry.schedule.sessions:
        person = registry.people.get(s.host)
        records.append(
            {
                "id": s.id,
                "date": s.date.isoformat(),
                "weekday": weekday_name(s.date),
                "start": f"{s.start:%H:%M}",
                "end": f"{s.end:%H:%M}",
                "host": s.host,
                "host_name": person.name if person else "",
                "host_title": person.title if person else "",
                "place": s.place,
                "attendees": "; ".join(s.attendees),
                "topic": s.topic,
                "status": s.status.value,
                "status_label": status_label(s, registry.as_of),
                "replaces": s.replaces,
                "replaced_by": s.replaced_by,
                "announced_by": _public(registry, s.announced_by),
                "announced_on": s.announced_on.isoformat() if s.announced_on else "",
                "result": _public(registry, s.result),
                "note": s.note,
                "example": s.example,
                "rule": s.rule or "",
                "url": absolute(site_url, session_url(s.id)),
            }
        )
    return records


def _public(registry: Registry, doc_id: str) -> str:
    """A document id, only if that document is published (noi-bo ids never leak)."""
    return doc_id if doc_id and registry.published_document(doc_id) else ""


MEETING_COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "kind",
    "kind_label",
    "title",
    "chair",
    "chair_name",
    "place",
    "participants",
    "status",
    "summary",
    "record",
    "example",
    "url",
)


def meeting_records(registry: Registry, site_url: str | None) -> list[dict[str, Any]]:
    from .datasets.meetings import MEETING_KIND_LABELS, MeetingKind
    from .ids import meeting_url

    out = []
    for m in registry.dialogues.meetings.values():
        chair = registry.people.get(m.chair) if m.chair else None
        out.append(
            {
                "id": m.id,
                "date": m.date.isoformat(),
                "start": f"{m.start:%H:%M}" if m.start else "",
                "end": f"{m.end:%H:%M}" if m.end else "",
                "kind": m.kind,
                "kind_label": MEETING_KIND_LABELS[MeetingKind(m.kind)],
                "title": m.title,
                "chair": m.chair,
                "chair_name": chair.display if chair else "",
                "place": m.place,
                "participants": "; ".join(m.participants),
                "status": m.status,
                "summary": m.summary,
                "record": _public(registry, m.record),
                "example": m.example,
                "url": absolute(site_url, meeting_url(m.id)),
            }
        )
    return out


COMMITMENT_COLUMNS = (
    "id",
    "meeting",
    "raised_by",
    "issue",
    "answer",
    "commitment",
    "owner",
    "deadline",
    "status",
    "progress",
    "progress_label",
    "done_on",
    "example",
)


def commitment_records(registry: Registry) -> list[dict[str, Any]]:
    from .dialogues import PROGRESS_LABELS, progress

    out = []
    for i in registry.dialogues.items:
        meeting = registry.dialogues.meetings.get(i.meeting)
        state = progress(i, registry.as_of)
        out.append(
            {
                "id": i.id,
                "meeting": i.meeting,
                "raised_by": i.raised_by,
                "issue": i.issue,
                "answer": i.answer,
                "commitment": i.commitment,
                "owner": i.owner,
                "deadline": i.deadline.isoformat() if i.deadline else "",
                "status": i.status,
                "progress": state.value,
                "progress_label": PROGRESS_LABELS[state],
                "done_on": i.done_on.isoformat() if i.done_on else "",
                "example": bool(meeting and meeting.example),
            }
        )
    return out


NOTICE_COLUMNS = (
    "id",
    "title",
    "date",
    "expires",
    "category",
    "pinned",
    "related",
    "example",
    "current",
    "url",
)


def notice_records(registry: Registry, site_url: str | None) -> list[dict[str, Any]]:
    """Published notices only: a notice dated after the as-of date is in no export."""
    from .ids import notice_url

    return [
        {
            "id": n.id,
            "title": n.title,
            "date": n.date.isoformat(),
            "expires": n.expires.isoformat() if n.expires else "",
            "category": n.category,
            "pinned": n.pinned,
            "related": "; ".join(r for r in n.related if registry.published_document(r)),
            "example": n.example,
            "current": n.is_current(registry.as_of),
            "url": absolute(site_url, notice_url(n.id)),
        }
        for n in registry.published_notices()
    ]


TASK_COLUMNS = (
    "plan",
    "plan_title",
    "id",
    "title",
    "owner",
    "start",
    "deadline",
    "status",
    "status_label",
    "percent",
    "done_on",
    "evidence",
    "note",
    "example",
)


def task_records(registry: Registry) -> list[dict[str, Any]]:
    from .plans import TASK_STATUS_LABELS, task_status

    out = []
    for record in registry.plans.values():
        for t in record.tasks:
            status = task_status(t, registry.as_of)
            out.append(
                {
                    "plan": record.id,
                    "plan_title": record.plan.title,
                    "id": t.id,
                    "title": t.title,
                    "owner": t.owner or record.plan.owner,
                    "start": t.start.isoformat() if t.start else "",
                    "deadline": t.deadline.isoformat() if t.deadline else "",
                    "status": status.value,
                    "status_label": TASK_STATUS_LABELS[status],
                    "percent": "" if t.percent is None else t.percent,
                    "done_on": t.done_on.isoformat() if t.done_on else "",
                    "evidence": "; ".join(
                        e
                        for e in t.evidence
                        if registry.published_document(e) or e in registry.dialogues.meetings
                    ),
                    "note": t.note,
                    "example": t.example or record.plan.example,
                }
            )
    return out


# --- feed entries (Atom): plain text only; ``updated`` from the data and the as-of date ------


def _example(flag: bool) -> str:
    return "[Minh họa] " if flag else ""


def _day(value: VnDate) -> str:
    """A date as the entry says it: a month-only date keeps its month and says so (the
    entry's RFC 3339 time must name a day, and takes the 1st of that month)."""
    return value.short if value.day else f"{value.short} (không rõ ngày)"


def _approximate(value: VnDate) -> str:
    return (
        ""
        if value.day
        else f" Thời điểm ghi cho mục này là ngày đầu tháng {value.short} (gần đúng)."
    )


def _sentences(parts: list[str]) -> str:
    return " ".join(part.rstrip(".") + "." for part in parts if part)


def document_entry(index: RegisterIndex, d: Document) -> AtomEntry:
    """A document, dated when published (else when issued, the 1st of the month when only
    the month is known, and then the summary says so)."""
    org = index.registry.organizations[d.issuer].name
    summary = _sentences(
        [f"{d.label}: {d.title}", f"Cơ quan ban hành: {org}", f"Ngày ban hành: {_day(d.issued)}"]
    )
    if d.published is None:
        summary += _approximate(d.issued)
    when = vn_midnight(d.published or d.issued_date)
    return AtomEntry(
        document_url(d.id),
        _example(d.example) + d.full_title,
        when,
        summary,
        "van-ban",
        published=when,
    )


def document_entries(index: RegisterIndex) -> list[AtomEntry]:
    """Every published document as a feed entry, in the register's order."""
    return [document_entry(index, d) for d in index.documents]


def notice_entries(registry: Registry, render_markdown: Callable[[str], str]) -> list[AtomEntry]:
    """Notices; the summary is the body rendered by the site's Markdown renderer, as text
    (a link's target never shows: ``[Lịch](../x/)`` gives "Lịch")."""
    from .ids import notice_url

    out = []
    for n in registry.published_notices():
        when = vn_midnight(n.date)
        out.append(
            AtomEntry(
                notice_url(n.id),
                _example(n.example) + n.title,
                when,
                plain_text(render_markdown(n.body)) or n.title,
                "thong-bao",
                published=when,
            )
        )
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def plan_entries(registry: Registry) -> list[AtomEntry]:
    """One entry per plan (its id never changes), updated at the latest change its data
    dates on or before the as-of date: a task done, overdue (the day after its deadline) or
    started; else the plan's document, or its source document, when published; else the
    as-of date. A month-only document date stays month-only in the summary."""
    from .ids import plan_url
    from .plans import TASK_STATUS_LABELS, TaskStatus, task_status

    as_of = registry.as_of
    out = []
    for record in registry.plans.values():
        plan = record.plan
        #: (date, the date as the summary says it, what happened, note when approximate)
        events: list[tuple[dt.date, str, str, str]] = []
        for key, role in ((plan.document, "văn bản kế hoạch"), (plan.source, "văn bản nguồn")):
            doc = registry.published_document(key) if key else None
            if doc is not None:
                if doc.published is not None:
                    day, shown, note = doc.published, format_short(doc.published), ""
                else:
                    day, shown, note = doc.issued_date, _day(doc.issued), _approximate(doc.issued)
                events.append((day, shown, f"{role} {doc.label}", note))
                break
        counts: dict[TaskStatus, int] = {}
        for task in record.tasks:
            status = task_status(task, as_of)
            counts[status] = counts.get(status, 0) + 1
            what = f'nhiệm vụ "{_short(task.title)}": {TASK_STATUS_LABELS[status].lower()}'
            if task.done_on and task.done_on <= as_of:
                day = task.done_on
            elif status is TaskStatus.QUA_HAN and task.deadline:
                day = task.deadline + dt.timedelta(days=1)
            elif task.start and task.start <= as_of:
                day = task.start
            else:
                continue
            events.append((day, format_short(day), what, ""))
        tally = "; ".join(
            f"{label}: {counts[s]}" for s, label in TASK_STATUS_LABELS.items() if counts.get(s)
        )
        summary = (
            f"{len(record.tasks)} nhiệm vụ ({tally})." if record.tasks else "Chưa có nhiệm vụ."
        )
        if events:
            day, shown, what, note = max(events)
            summary += f" Thay đổi gần nhất: {what}, ngày {shown}.{note}"
        else:
            day = as_of
        out.append(
            AtomEntry(
                plan_url(record.id),
                _example(plan.example) + plan.title,
                vn_midnight(day),
                summary,
                "ke-hoach",
            )
        )
    return out


def dialogue_entries(registry: Registry) -> list[AtomEntry]:
    """Meetings (dated when held; one still ahead, the as-of date) and their commitments
    (updated when done, or when overdue: the day after the deadline; else the meeting's
    date). Who raised an issue is left out (it may name a person)."""
    from .datasets.meetings import (
        MEETING_KIND_LABELS,
        MEETING_STATUS_LABELS,
        MeetingKind,
        MeetingStatus,
    )
    from .dialogues import PROGRESS_LABELS, Progress, progress
    from .ids import meeting_url

    as_of, dialogues = registry.as_of, registry.dialogues
    out = []
    for m in dialogues.meetings.values():
        url = meeting_url(m.id)
        held = vn_midnight(min(m.date, as_of))
        place = f", {m.place}" if m.place else ""
        summary = _sentences(
            [
                f"{MEETING_KIND_LABELS[MeetingKind(m.kind)]} ngày {format_short(m.date)}{place}",
                f"Tình trạng: {MEETING_STATUS_LABELS[MeetingStatus(m.status)]}",
                f"Kết quả: {m.summary}" if m.summary else "",
            ]
        )
        out.append(AtomEntry(url, _example(m.example) + m.title, held, summary, "hoi-nghi"))
        for item in dialogues.items_of(m.id):
            if not item.commitment:
                continue
            state = progress(item, as_of)
            day = min(m.date, as_of)
            if item.done_on and item.done_on <= as_of:
                day = max(day, item.done_on)
            elif state is Progress.QUA_HAN and item.deadline:
                day = max(day, item.deadline + dt.timedelta(days=1))
            owner = registry.organizations.get(item.owner) if item.owner else None
            done = f" ngày {format_short(item.done_on)}" if item.done_on else ""
            summary = _sentences(
                [
                    f"Cam kết tại {m.title}: {item.commitment}",
                    f"Kiến nghị: {item.issue}",
                    f"Đơn vị thực hiện: {owner.name}" if owner else "",
                    f"Hạn: {format_short(item.deadline)}" if item.deadline else "",
                    f"Tiến độ: {PROGRESS_LABELS[state]}{done}",
                ]
            )
            out.append(
                AtomEntry(
                    f"{url}cam-ket/{item.id}",  # an id only: the commitment's page is the meeting's
                    _example(m.example) + f"Cam kết: {_short(item.commitment)}",
                    vn_midnight(day),
                    summary,
                    "cam-ket",
                    link=f"{url}#y-kien",
                )
            )
    return out


def session_entries(registry: Registry) -> list[AtomEntry]:
    """Upcoming reception sessions (on or after the as-of date; postponed and cancelled ones
    stay, saying so), dated when announced, else at the as-of date (the day the site first
    showed them, as far as the data can say)."""
    from .dates import weekday_name
    from .feeds import describe_session
    from .ids import session_url

    out = []
    for s in registry.schedule.upcoming(registry.as_of):
        announced = s.announced_on if s.announced_on and s.announced_on <= registry.as_of else None
        head = (
            f"{weekday_name(s.date)} {format_short(s.date)}, "
            f"{s.start.strftime('%H:%M')}–{s.end.strftime('%H:%M')}"
            + (f", tại {s.place}" if s.place else "")
        )
        out.append(
            AtomEntry(
                session_url(s.id),
                _example(s.example) + registry.session_title(s),
                vn_midnight(announced or registry.as_of),
                _sentences([head, *describe_session(registry, s).split("\n")]),
                "lich-tiep-cong-dan",
            )
        )
    return out


RELATION_COLUMNS = ("source", "relation", "relation_label", "target", "date", "note")


def relation_records(registry: Registry) -> list[dict[str, Any]]:
    """Relations between published documents only, as written (inverses are not repeated):
    a relation naming a ``noi-bo`` or not-yet-published document would leak its id."""
    from .vocab import RELATION_LABELS

    return [
        {
            "source": r.source,
            "relation": r.relation,
            "relation_label": RELATION_LABELS[r.relation],
            "target": r.target,
            "date": r.date.isoformat() if r.date else "",
            "note": r.note,
        }
        for r in registry.relations
        if registry.published_document(r.source) and registry.published_document(r.target)
    ]


#: the last seven are the organisation page's (kind in the structure, functions, contacts)
ORGANIZATION_COLUMNS = (
    *("id", "name", "short_name", "system", "system_label", "symbol", "parent"),
    *("kind", "kind_label", "functions", "address", "phone", "email", "order"),
)


def organization_records(registry: Registry) -> list[dict[str, Any]]:
    """Every organization of ``data/organizations.csv`` (issuers and units are public)."""
    from .vocab import SYSTEM_LABELS

    return [
        {
            "id": o.id,
            "name": o.name,
            "short_name": o.short_name,
            "system": o.system.value,
            "system_label": SYSTEM_LABELS[o.system],
            "symbol": o.symbol,
            "parent": o.parent,
            **_organization_extras(o),
        }
        for o in registry.organizations.values()
    ]


def _organization_extras(o: Any) -> dict[str, Any]:
    from .datasets.organizations import ORGANIZATION_KIND_LABELS

    return {
        "kind": o.kind,
        "kind_label": ORGANIZATION_KIND_LABELS.get(o.kind, ""),
        "functions": o.functions,
        "address": o.address,
        "phone": o.phone,
        "email": o.email,
        "order": "" if o.order is None else o.order,
    }


#: the last four are the organisation page's: a leader's duties, work contacts, order
PERSON_COLUMNS = ("id", "name", "title", "organization", "duties", "phone", "email", "order")


def person_records(registry: Registry) -> list[dict[str, Any]]:
    """Officials of ``data/people.csv``: name and title of an official acting as such are
    public (signers, hosts, chairs), and the duties and work contacts the file gives (a
    mobile number or an e-mail only when ``site.yaml`` ``privacy_allow`` lists it)."""
    return [
        {
            "id": p.id,
            "name": p.name,
            "title": p.title,
            "organization": p.organization,
            "duties": p.duties,
            "phone": p.phone,
            "email": p.email,
            "order": "" if p.order is None else p.order,
        }
        for p in registry.people.values()
    ]


TOTAL_COLUMNS = ("year", "kind", "kind_label", "count", "source", "note")


def total_records(registry: Registry) -> list[dict[str, Any]]:
    """The yearly totals a report gives (the same counts as the dialogues page). The source
    document and its quoted sentence appear only when that document is published."""
    from .datasets.meetings import TOTAL_KIND_LABELS

    out = []
    for t in registry.dialogues.totals:
        source = _public(registry, t.source)
        out.append(
            {
                "year": t.year,
                "kind": t.kind,
                "kind_label": TOTAL_KIND_LABELS[t.kind],
                "count": t.count,
                "source": source,
                "note": t.note if source else "",
            }
        )
    return out


def _request_columns() -> tuple[str, ...]:
    from .datasets.requests import REFUSAL_REASONS

    return (
        "period",
        "period_label",
        "carried_over",
        "received",
        "answered_on_time",
        "answered_late",
        *(r.column for r in REFUSAL_REASONS),
        "pending",
        "source",
        "note",
    )


REQUEST_COLUMNS = _request_columns()


def request_records(registry: Registry) -> list[dict[str, Any]]:
    """Số liệu yêu cầu cung cấp thông tin per period (the access page's table); counts only.
    The source and note appear only when the source document is published."""
    out = []
    for r in registry.requests:
        source = _public(registry, r.source)
        out.append(
            {
                **{c: getattr(r, c) for c in REQUEST_COLUMNS if hasattr(r, c)},
                "period": r.period.key,
                "period_label": r.period.label,
                "source": source,
                "note": r.note if source or not r.source else "",
            }
        )
    return out


OUTCOME_COLUMNS = (
    "period",
    "period_label",
    "field",
    "field_label",
    "sessions",
    "citizens",
    "petitions",
    "cases",
    "source",
    "note",
)


def outcome_records(registry: Registry) -> list[dict[str, Any]]:
    """Kết quả tiếp công dân per period and field (the outcomes page's tables); an empty
    ``field`` is the period's totals row. Counts the report does not give stay empty (never
    0; an empty cell also keeps pandas from writing the column as floats)."""
    from .datasets.outcomes import FIELD_LABELS

    out = []
    for r in registry.outcomes:
        source = _public(registry, r.source)
        out.append(
            {
                "period": r.period.key,
                "period_label": r.period.label,
                "field": r.field,
                "field_label": FIELD_LABELS.get(r.field, ""),
                "sessions": "" if r.sessions is None else r.sessions,
                "citizens": "" if r.citizens is None else r.citizens,
                "petitions": "" if r.petitions is None else r.petitions,
                "cases": "" if r.cases is None else r.cases,
                "source": source,
                "note": r.note if source or not r.source else "",
            }
        )
    return out
