"""Kiểm tra chéo (tier 2), the generic rules: every reference a model declares resolves.

Rules that belong to one dataset live in its module (``datasets/documents.py`` checks
numbers, files and relations; ``datasets/organizations.py`` the parent tree). Each rule adds
:class:`~congkhai.problems.Problem` objects; all of them run, so that staff see every problem
in one report.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from .datasets.refs import TARGET_FILES, Located, references_of
from .problems import Problems


def check_references(
    located: Iterable[Located[Any]],
    ids_by_dataset: Mapping[str, Collection[str]],
    problems: Problems,
) -> None:
    """Every reference a model declares (:class:`~congkhai.datasets.refs.Ref`) resolves.

    ``ids_by_dataset`` must hold the ids of every dataset the records refer to (a missing
    one is a programming error, not a data error: ``KeyError``). An empty text field is no
    reference; each item of a list field and each key of a mapping field is one.
    """
    for loc in located:
        record: BaseModel = loc.record
        for field, ref in references_of(type(record)):
            value = getattr(record, field)
            items: list[tuple[str | int | None, str]]
            if isinstance(value, str):
                items = [(None, value)] if value else []
            elif isinstance(value, Mapping):
                items = [(str(k), str(k)) for k in value]
            else:
                items = [(i, str(v)) for i, v in enumerate(value)]
            for item, ref_id in items:
                if not any(ref_id in ids_by_dataset[d] for d in ref.datasets):
                    problems.add(
                        loc.problem(
                            field,
                            f'không có {ref.noun} mã "{ref_id}" (unknown {ref.gloss} id)',
                            item=item,
                        ),
                        depends_on=[TARGET_FILES[d] for d in ref.datasets if d in TARGET_FILES],
                    )
