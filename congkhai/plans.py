"""Kế hoạch: plans and their tasks, with the status derived at the as-of date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .datasets.plans import FOLDER, Plan, Task, TaskState
from .datasets.refs import Located
from .datasets.yamlfile import line_of, load_yaml, validate_items
from .ids import slugify
from .problems import Problem, Problems, unexpected
from .validate import check_references


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
    targets: Mapping[str, Collection[str]],
    problems: Problems,
) -> dict[str, PlanRecord]:
    """Read every plan of ``data/plans`` (``.yaml`` or ``.yml``, any case); the id is the file
    name, which must be a slug. Checks its references; a reference into a data file that
    could not be read is not reported (its cause is). Never raises."""
    plans: dict[str, PlanRecord] = {}
    for path in plan_files(root / FOLDER):
        file = f"{FOLDER}/{path.name}"
        plan_id = path.stem
        if not _SLUG.fullmatch(plan_id):
            suggestion = slugify(plan_id)
            problems.add(
                Problem(
                    file,
                    None,
                    None,
                    "tên tệp là mã của kế hoạch (và địa chỉ trang): chỉ dùng chữ thường không dấu, "
                    'số và "-"'
                    + (f'; đổi tên thành "{suggestion}{path.suffix.lower()}"' if suggestion else "")
                    + " (the file name is the plan's id and URL: lower-case ASCII, digits and "
                    "hyphens)",
                )
            )
            continue
        try:
            record = _load_plan(path, file, targets, problems)
        except Exception as exc:  # a staff file never causes a traceback
            problems.add_unreadable(unexpected(file, None, exc))
            continue
        if record is None:
            continue
        if plan_id in plans:
            problems.add(
                Problem(
                    file,
                    None,
                    None,
                    f'kế hoạch "{plan_id}" đã có ở tệp {plans[plan_id].file} (duplicate plan id)',
                )
            )
            continue
        plans[plan_id] = record
    return plans


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def plan_files(folder: Path) -> list[Path]:
    """Every YAML file of ``folder``: ``.yaml`` or ``.yml`` in any case (a ``.yml`` plan is
    not silently ignored)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
    )


def _load_plan(
    path: Path,
    file: str,
    targets: Mapping[str, Collection[str]],
    problems: Problems,
) -> PlanRecord | None:
    plan, node = load_yaml(Plan, path, file, problems)
    if plan is None:
        return None
    plan_id = path.stem

    def bad(
        key: tuple[str | int, ...],
        column: str,
        message: str,
        depends_on: tuple[str, ...] = (),
    ) -> None:
        problems.add(Problem(file, line_of(node, key), column, message), depends_on=depends_on)

    seen: set[str] = set()
    tasks = validate_items(Task, plan.tasks, ("tasks",), node, file, problems)
    check_references(
        [
            Located(plan, file, None, node=node),
            *(Located(task, file, None, node=node, path=("tasks", i)) for i, task in tasks),
        ],
        targets,
        problems,
    )
    for i, task in tasks:
        where = f"tasks.{i}"
        if task.id in seen:
            bad(
                ("tasks", i, "id"),
                f"{where}.id",
                f'nhiệm vụ "{task.id}" bị trùng (duplicate task id)',
            )
        seen.add(task.id)
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
    return PlanRecord(plan_id, file, plan, tuple(t for _, t in tasks))
