"""Kế hoạch: plans and their tasks, with the status derived at the as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .datasets.documents import Document
from .datasets.organizations import Organization
from .datasets.plans import FOLDER, Plan, Task, TaskState
from .datasets.yamlfile import line_of, load_yaml, validate_items
from .problems import Problem, Problems


class TaskStatus(StrEnum):
    """Tình trạng nhiệm vụ at the as-of date."""

    QUA_HAN = "qua-han"
    DANG_THUC_HIEN = "dang-thuc-hien"
    CHUA_BAT_DAU = "chua-bat-dau"
    HOAN_THANH_TRE = "hoan-thanh-tre"
    HOAN_THANH = "hoan-thanh"
    CHUA_RO = "chua-ro"


TASK_STATUS_LABELS = {
    TaskStatus.QUA_HAN: "Quá hạn",
    TaskStatus.DANG_THUC_HIEN: "Đang thực hiện",
    TaskStatus.CHUA_BAT_DAU: "Chưa bắt đầu",
    TaskStatus.HOAN_THANH_TRE: "Hoàn thành muộn",
    TaskStatus.HOAN_THANH: "Hoàn thành",
    TaskStatus.CHUA_RO: "Chưa có thông tin tiến độ",
}


def task_status(task: Task, as_of: dt.date) -> TaskStatus:
    """Derived, in order: done (late if after the deadline); overdue (deadline passed, not
    done); in progress (started, or some percent done); not started (start still ahead);
    unknown when the data says nothing (the seed's directions give no dates)."""
    if task.status is TaskState.HOAN_THANH:
        late = task.deadline and task.done_on and task.done_on > task.deadline
        return TaskStatus.HOAN_THANH_TRE if late else TaskStatus.HOAN_THANH
    if task.deadline and task.deadline < as_of:
        return TaskStatus.QUA_HAN
    if (
        task.status is TaskState.DANG_THUC_HIEN
        or (task.percent or 0) > 0
        or (task.start and task.start <= as_of)
    ):
        return TaskStatus.DANG_THUC_HIEN
    if task.status is TaskState.CHUA_BAT_DAU or (task.start and task.start > as_of):
        return TaskStatus.CHUA_BAT_DAU
    return TaskStatus.CHUA_RO


@dataclass(frozen=True)
class PlanRecord:
    id: str
    file: str
    plan: Plan
    tasks: tuple[Task, ...]


def load_plans(
    root: Path,
    organizations: dict[str, Organization],
    documents: dict[str, Document],
    evidence_ids: set[str],
    problems: Problems,
) -> dict[str, PlanRecord]:
    folder = root / FOLDER
    plans: dict[str, PlanRecord] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        file = f"{FOLDER}/{path.name}"
        plan, node = load_yaml(Plan, path, file, problems)
        if plan is None:
            continue
        plan_id = path.stem

        def bad(
            key: tuple[str | int, ...],
            column: str,
            message: str,
            file: str = file,
            node: object = node,
        ) -> None:
            problems.add(Problem(file, line_of(node, key), column, message))  # type: ignore[arg-type]

        for ref, key in ((plan.document, "document"), (plan.source, "source")):
            if ref and ref not in documents:
                bad((key,), key, f'không có văn bản mã "{ref}" (unknown document id)')
        if plan.owner and plan.owner not in organizations:
            bad(("owner",), "owner", f'không có cơ quan mã "{plan.owner}" (unknown owner)')
        seen: set[str] = set()
        tasks = validate_items(Task, plan.tasks, ("tasks",), node, file, problems)
        for i, task in tasks:
            where = f"tasks.{i}"
            if task.id in seen:
                bad(
                    ("tasks", i, "id"),
                    f"{where}.id",
                    f'nhiệm vụ "{task.id}" bị trùng (duplicate task id)',
                )
            seen.add(task.id)
            if task.owner and task.owner not in organizations:
                bad(
                    ("tasks", i, "owner"),
                    f"{where}.owner",
                    f'không có cơ quan mã "{task.owner}" (unknown owner)',
                )
            for ref in task.evidence:
                if ref not in evidence_ids:
                    bad(
                        ("tasks", i, "evidence"),
                        f"{where}.evidence",
                        f'"{ref}" không phải văn bản hay hội nghị đã có (evidence that does not exist)',
                    )
            if task.status is TaskState.HOAN_THANH and task.done_on is None:
                bad(
                    ("tasks", i, "status"),
                    f"{where}.done_on",
                    "đã hoàn thành nhưng thiếu ngày hoàn thành (done without a completion date)",
                )
            if task.start and task.deadline and task.deadline < task.start:
                bad(
                    ("tasks", i, "deadline"),
                    f"{where}.deadline",
                    "hạn hoàn thành trước ngày bắt đầu (deadline before start)",
                )
        plans[plan_id] = PlanRecord(plan_id, file, plan, tuple(t for _, t in tasks))
    return plans
