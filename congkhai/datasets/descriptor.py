"""Mô tả bộ dữ liệu (the dataset descriptor): what each dataset module declares about itself.

Every dataset module ends with one ``DATASET = Dataset(...)``; ``congkhai.datasets.DATASETS``
lists them once, and the staff guide, the open-data page, the search index and the site plan
iterate that list instead of repeating it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel


@dataclass(frozen=True)
class Source:
    """One file (or kind of file) staff edit, and the model each of its rows must fit."""

    file: str  # data/documents.csv, data/reception/<năm>.csv, data/thong-bao/<mã>.md
    title: str
    description: str
    model: type[BaseModel]
    #: name of its open-data download (``du-lieu-mo/<export>.csv`` and ``.json``), if any
    export: str | None = None
    #: how the open-data page names that download
    export_title: str = ""
    #: the model documenting the download's columns, when they are not the staff file's
    #: (the catalogue is computed from every dataset, not copied from its configuration)
    export_model: type[BaseModel] | None = None


@dataclass(frozen=True)
class Section:
    """The dataset's part of the site: its front page and what a reader finds there."""

    url: str
    title: str
    intro: str


@dataclass(frozen=True)
class Dataset:
    name: str  # the key the site plan and tests use: "documents", "reception"…
    title: str
    sources: tuple[Source, ...]
    section: Section | None = None
    #: (kind, label) of its records in the search index, if they are searchable
    search_kind: tuple[str, str] | None = None

    @property
    def exports(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.export)
