"""Trang kế hoạch: the list with a progress summary, a page per plan (overdue tasks first,
progress bars without JavaScript), and each owner unit's tasks across plans."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..datasets.plans import Task
from ..dates import format_short
from ..ids import PLANS, document_url, meeting_url, owner_url, plan_url, relative
from ..plans import TASK_STATUS_LABELS, PlanRecord, TaskStatus, task_status
from ..registry import Registry
from .common import Download, downloads
from .reception import DocLink

#: Overdue first, then what is moving, then what is done.
ORDER = [
    TaskStatus.QUA_HAN,
    TaskStatus.DANG_THUC_HIEN,
    TaskStatus.CHUA_BAT_DAU,
    TaskStatus.CHUA_RO,
    TaskStatus.HOAN_THANH_TRE,
    TaskStatus.HOAN_THANH,
]


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    plan: str
    plan_href: str
    owner: str
    owner_href: str | None
    start: str
    deadline: str
    deadline_iso: str
    status: str
    label: str
    percent: int | None
    done_on: str
    evidence: tuple[DocLink, ...]
    note: str
    example: bool


def _evidence(registry: Registry, ref: str, here: str) -> DocLink | None:
    doc = registry.published_document(ref)
    if doc is not None:
        return DocLink(doc.label, relative(here, document_url(doc.id)))
    meeting = registry.dialogues.meetings.get(ref)
    if meeting is not None:
        return DocLink(meeting.title, relative(here, meeting_url(meeting.id)))
    return None  # an unpublished document: not named


def task_row(registry: Registry, record: PlanRecord, task: Task, here: str) -> TaskRow:
    status = task_status(task, registry.as_of)
    owner_id = task.owner or record.plan.owner
    owner = registry.organizations.get(owner_id) if owner_id else None
    return TaskRow(
        task.id,
        task.title,
        record.plan.title,
        relative(here, plan_url(record.id)),
        (owner.short_name or owner.name) if owner else "",
        relative(here, owner_url(owner.id)) if owner else None,
        format_short(task.start) if task.start else "",
        format_short(task.deadline) if task.deadline else "",
        task.deadline.isoformat() if task.deadline else "",
        status.value,
        TASK_STATUS_LABELS[status],
        100
        if status in (TaskStatus.HOAN_THANH, TaskStatus.HOAN_THANH_TRE) and task.percent is None
        else task.percent,
        format_short(task.done_on) if task.done_on else "",
        tuple(
            link for ref in task.evidence if (link := _evidence(registry, ref, here)) is not None
        ),
        task.note,
        task.example or record.plan.example,
    )


def _sorted(rows: list[TaskRow]) -> tuple[TaskRow, ...]:
    order = [s.value for s in ORDER]
    return tuple(
        sorted(rows, key=lambda r: (order.index(r.status), r.deadline_iso or "9999", r.plan, r.id))
    )


@dataclass(frozen=True)
class PlanSummary:
    id: str
    href: str
    title: str
    document: DocLink | None
    year: str
    total: int
    done: int
    overdue: int
    example: bool


def plan_summary(registry: Registry, record: PlanRecord, here: str) -> PlanSummary:
    counts = Counter(task_status(t, registry.as_of) for t in record.tasks)
    doc = registry.published_document(record.plan.document) if record.plan.document else None
    return PlanSummary(
        record.id,
        relative(here, plan_url(record.id)),
        record.plan.title,
        DocLink(doc.label, relative(here, document_url(doc.id))) if doc else None,
        str(record.plan.year or ""),
        len(record.tasks),
        counts[TaskStatus.HOAN_THANH] + counts[TaskStatus.HOAN_THANH_TRE],
        counts[TaskStatus.QUA_HAN],
        record.plan.example,
    )


def plans_with_overdue(registry: Registry) -> list[PlanRecord]:
    return [
        r
        for r in registry.plans.values()
        if any(task_status(t, registry.as_of) is TaskStatus.QUA_HAN for t in r.tasks)
    ]


#: Register types listed on the plans page: a plan and a programme organise work to be done.
PLAN_TYPES = ("ke-hoach", "chuong-trinh")


@dataclass(frozen=True)
class PlanDocument:
    """A plan or programme of the register, on the plans page: linked to the plan whose
    progress is tracked (``Plan.document``), else to its register page."""

    label: str  # "Kế hoạch 22/KH-VPUB"
    title: str
    issuer: str
    issued: str
    issued_iso: str
    href: str  # the tracked plan's page, else the document's
    tracked: PlanSummary | None  # None: "chưa theo dõi tiến độ"
    example: bool


def plan_documents(registry: Registry, here: str) -> tuple[PlanDocument, ...]:
    """The register's published plans and programmes, newest first."""
    tracked = {r.plan.document: r for r in registry.plans.values() if r.plan.document}
    rows = []
    for doc in registry.published_documents():
        if doc.type not in PLAN_TYPES:
            continue
        org = registry.organizations[doc.issuer]
        record = tracked.get(doc.id)
        summary = plan_summary(registry, record, here) if record else None
        rows.append(
            PlanDocument(
                doc.label,
                doc.title,
                org.short_name or org.name,
                doc.issued.short,
                doc.issued.iso,
                summary.href if summary else relative(here, document_url(doc.id)),
                summary,
                doc.example,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class PlansContext:
    """Context of ``congkhai/plans.html``."""

    as_of: str
    plans: tuple[PlanSummary, ...]
    #: the register's plan documents, each to its tracked plan or its register page
    documents: tuple[PlanDocument, ...]
    owners: tuple[DocLink, ...]
    downloads: tuple[Download, ...]


def plans_context(registry: Registry) -> PlansContext:
    here = PLANS
    owners = sorted(
        {t.owner or r.plan.owner for r in registry.plans.values() for t in r.tasks} - {""}
    )
    return PlansContext(
        format_short(registry.as_of),
        tuple(
            plan_summary(registry, r, here)
            for r in sorted(registry.plans.values(), key=lambda r: (-(r.plan.year or 0), r.id))
        ),
        plan_documents(registry, here),
        tuple(
            DocLink(registry.organizations[o].name, relative(here, owner_url(o)))
            for o in owners
            if o in registry.organizations
        ),
        downloads(here, "ke-hoach"),
    )


@dataclass(frozen=True)
class PlanContext:
    """Context of ``congkhai/plan.html``."""

    title: str
    summary: PlanSummary
    document_facts: tuple[tuple[str, str], ...]  # the plan document's properties
    source: DocLink | None
    note: str
    tasks: tuple[TaskRow, ...]
    plans_href: str
    has_examples: bool


def plan_context(registry: Registry, record: PlanRecord) -> PlanContext:
    here = plan_url(record.id)
    source = registry.published_document(record.plan.source) if record.plan.source else None
    rows = _sorted([task_row(registry, record, t, here) for t in record.tasks])
    doc = registry.published_document(record.plan.document) if record.plan.document else None
    facts: tuple[tuple[str, str], ...] = ()
    if doc is not None:
        force = registry.force(doc)
        facts = (
            ("Cơ quan ban hành", registry.organizations[doc.issuer].name),
            ("Ngày ban hành", doc.issued.short),
            ("Trích yếu", doc.title),
            # a plan has no legal force ("Không áp dụng"): its progress is the page itself
            *((("Tình trạng hiệu lực", force.label),) if force.applies else ()),
        )
    return PlanContext(
        record.plan.title,
        plan_summary(registry, record, here),
        facts,
        DocLink(
            source.full_title,
            relative(here, document_url(source.id)),
        )
        if source
        else None,
        record.plan.note,
        rows,
        relative(here, PLANS),
        any(r.example for r in rows),
    )


@dataclass(frozen=True)
class OwnerContext:
    """Context of ``congkhai/plan_owner.html``: one unit's tasks across plans."""

    title: str
    tasks: tuple[TaskRow, ...]
    plans_href: str


def owner_tasks(registry: Registry, org_id: str) -> list[tuple[PlanRecord, Task]]:
    return [
        (r, t)
        for r in registry.plans.values()
        for t in r.tasks
        if (t.owner or r.plan.owner) == org_id
    ]


def owner_context(registry: Registry, org_id: str) -> OwnerContext:
    here = owner_url(org_id)
    org = registry.organizations[org_id]
    return OwnerContext(
        f"Nhiệm vụ của {org.name}",
        _sorted([task_row(registry, r, t, here) for r, t in owner_tasks(registry, org_id)]),
        relative(here, PLANS),
    )
