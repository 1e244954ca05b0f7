"""Kế hoạch và nhiệm vụ (``data/plans/<mã>.yaml``): a plan of the register (a KH document)
or an unnumbered annual direction, with its tasks.

    title: Phương hướng, nhiệm vụ năm 2022
    document: 22-kh-vpub-2021       # optional: the plan's document in the register
    source: bao-cao-doi-thoai-2021  # optional: the document the tasks are taken from
    owner: vpub
    year: 2022
    tasks:
      - id: "1"
        title: Tiếp tục tuyên truyền, phổ biến…
        owner: vpub
        start: 2022-01-01
        deadline: 2022-12-31
        status: dang-thuc-hien      # optional: chua-bat-dau, dang-thuc-hien, hoan-thanh
        done_on:                    # required when hoan-thanh
        percent: 40                 # 0-100
        evidence: [06-kh-vpub-2021, doi-thoai-cong-chuc-2021-06]
        note: ""
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from .fields import Day
from .refs import Ref

FOLDER = "data/plans"


class TaskState(StrEnum):
    """Trạng thái staff record; the displayed status is derived (see ``plans.task_status``)."""

    CHUA_BAT_DAU = "chua-bat-dau"
    DANG_THUC_HIEN = "dang-thuc-hien"
    HOAN_THANH = "hoan-thanh"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Task(_Strict):
    """Một nhiệm vụ của kế hoạch."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    owner: Annotated[str, Ref("organizations")] = ""
    start: Day = None
    deadline: Day = None
    status: TaskState | None = None
    done_on: Day = None
    percent: int | None = Field(default=None, ge=0, le=100)
    evidence: Annotated[list[str], Ref("documents", "meetings")] = []
    note: str = ""
    example: bool = False


class Plan(_Strict):
    """Một kế hoạch (or annual direction) and its tasks."""

    title: str = Field(min_length=1)
    document: Annotated[str, Ref("documents")] = ""
    source: Annotated[str, Ref("documents")] = ""
    owner: Annotated[str, Ref("organizations")] = ""
    year: int | None = None
    note: str = ""
    example: bool = False
    tasks: list[Any] = []  # validated one by one (plans.load_plans)
