"""Tham chiếu giữa các bản ghi (references between records), declared on the models.

A field that names another record says so in its annotation::

    issuer: Annotated[Required, Ref("organizations")] = column(...)

A text field holds one id (empty: no reference), a list field (``;``-separated cell or YAML
list) holds several, and a mapping field names records by its keys (``hosts:`` in
``rules.yaml``). :func:`congkhai.validate.check_references` walks these declarations for
every record; no module writes its own "unknown id" check.

:class:`Located` keeps a validated record together with where it was read (CSV file, line and
header; or YAML file, node tree and key path), so that any later rule can point at a field
with file, line and column.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel

from ..problems import Problem, Severity
from .yamlfile import line_of

#: What a reference may point at: the Vietnamese noun for messages and its English gloss.
TARGETS: dict[str, tuple[str, str]] = {
    "organizations": ("cơ quan", "organization"),
    "people": ("người", "person"),
    "documents": ("văn bản", "document"),
    "meetings": ("hội nghị", "meeting"),
    "sessions": ("buổi tiếp", "session"),
}

#: The data file each target's ids come from: a reference into a file that could not be
#: read at all is not reported (its cause is, once).
TARGET_FILES: dict[str, str] = {
    "organizations": "data/organizations.csv",
    "people": "data/people.csv",
    "documents": "data/documents.csv",
    "meetings": "data/meetings.csv",
}


@dataclass(frozen=True, init=False)
class Ref:
    """Marks a field as naming a record of ``datasets`` (any one of them when several)."""

    datasets: tuple[str, ...]

    def __init__(self, *datasets: str) -> None:
        unknown = [d for d in datasets if d not in TARGETS]
        if not datasets or unknown:
            raise ValueError(f"Ref needs datasets among {sorted(TARGETS)}, got {datasets}")
        object.__setattr__(self, "datasets", datasets)

    @property
    def noun(self) -> str:
        """``cơ quan``; ``văn bản hoặc hội nghị`` for a field that may name either."""
        return " hoặc ".join(TARGETS[d][0] for d in self.datasets)

    @property
    def gloss(self) -> str:
        return " or ".join(TARGETS[d][1] for d in self.datasets)


@functools.cache  # keyed by model class, which lives as long as the program anyway
def references_of(model: type[BaseModel]) -> tuple[tuple[str, Ref], ...]:
    """The fields of ``model`` that name other records, in declaration order."""
    found = []
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, Ref):
                found.append((name, meta))
    return tuple(found)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated record and where it was read, so that later rules can point at a field.

    CSV: ``line`` is the row's line and ``columns`` the file's header (for the Excel column
    letter). YAML: ``node`` is the file's node tree and ``path`` the record's key path
    (``("rules", 2)``), so that each field gets its own line and a dotted key name.
    """

    record: M
    file: str
    line: int | None
    columns: tuple[str, ...] = ()
    node: yaml.Node | None = None
    path: tuple[str | int, ...] = ()

    def problem(
        self,
        field: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        item: str | int | None = None,
    ) -> Problem:
        """A problem at ``field`` of this record; ``item`` is a list index (its line, in
        YAML) or a mapping key (also part of the key name: ``hosts.chu-tich``)."""
        key: tuple[str | int, ...] = (*self.path, field)
        name = ".".join(str(p) for p in (*key, *([item] if isinstance(item, str) else [])))
        if self.node is not None:
            line = line_of(self.node, (*key, *([] if item is None else [item]))) or self.line
            return Problem(self.file, line, name, message, severity)
        index = self.columns.index(field) if field in self.columns else None
        return Problem(self.file, self.line, name, message, severity, column_index=index)


def located_rows(records: list[M], file: str, columns: tuple[str, ...]) -> list[Located[M]]:
    """CSV records (each with its ``line``) of ``file`` whose header is ``columns``."""
    return [Located(r, file, getattr(r, "line", None), columns) for r in records]


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Cycles of a directed graph, one per group of nodes that reach each other, each as
    ``[a, b, ..., z]`` meaning a -> b -> ... -> z -> a, starting at its smallest node.

    Nodes that cannot lie on a cycle (no successor or no predecessor left) are pruned first,
    so this is linear in the graph's size plus the cycles found.
    """
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    for node, targets in edges.items():
        for target in targets:
            succ.setdefault(node, set()).add(target)
            pred.setdefault(target, set()).add(node)
    for node in [*succ, *pred]:
        succ.setdefault(node, set())
        pred.setdefault(node, set())
    queue = [n for n in succ if not succ[n] or not pred[n]]

    def remove(node: str) -> None:
        for t in succ.pop(node, set()):
            pred[t].discard(node)
            if not pred[t]:
                queue.append(t)
        for s in pred.pop(node, set()):
            succ[s].discard(node)
            if not succ[s]:
                queue.append(s)

    cycles: list[list[str]] = []
    while True:
        while queue:
            remove(queue.pop())
        if not succ:
            return cycles
        path, seen = [min(succ)], {min(succ): 0}
        while (nxt := min(succ[path[-1]])) not in seen:
            seen[nxt] = len(path)
            path.append(nxt)
        cycle = path[seen[nxt] :]
        first = cycle.index(min(cycle))
        cycles.append(cycle[first:] + cycle[:first])
        for node in cycle:
            remove(node)
