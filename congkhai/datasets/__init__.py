"""Bộ dữ liệu (datasets): one module per dataset, each declaring itself in ``DATASET``.

``DATASETS`` is the one list: the registry's guide, the open-data page, search and the site
plan iterate it. A new dataset is a module here, its templates, sample data and tests, and
one line below.
"""

from __future__ import annotations

from .descriptor import Dataset, Section, Source


def _registered() -> tuple[Dataset, ...]:
    # Imported here, not at the top: the modules import helpers of this package.
    from . import (
        access,
        catalogue,
        documents,
        meetings,
        notices,
        office,
        organizations,
        outcomes,
        people,
        plans,
        procedures,
        reception,
        requests,
        yearly,
    )

    return (
        documents.DATASET,
        organizations.DATASET,
        people.DATASET,
        reception.DATASET,
        meetings.DATASET,
        plans.DATASET,
        notices.DATASET,
        access.DATASET,
        office.DATASET,
        procedures.DATASET,
        requests.DATASET,
        outcomes.DATASET,
        yearly.DATASET,
        # last: the catalogue lists what every dataset before it published
        catalogue.DATASET,
    )


DATASETS: tuple[Dataset, ...] = _registered()

__all__ = ["DATASETS", "Dataset", "Section", "Source"]
