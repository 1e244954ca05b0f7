"""What the staff tools know about every dataset, read from the descriptors and the models.

``congkhai moi``, ``congkhai excel`` and ``congkhai kiem-tra`` work for every dataset of
:data:`congkhai.datasets.DATASETS` without a line per dataset: the files come from each
:class:`~congkhai.datasets.descriptor.Source`, and a column's label, kind (date, time, yes/no,
list…), closed vocabulary (``choice(...)`` or an enum) and references (``Ref(...)``) from its
model.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from .datasets import DATASETS, Dataset, Source
from .datasets.refs import Ref, references_of
from .dates import VnDate


@dataclass(frozen=True)
class SourceFile:
    """One staff file of a dataset: ``data/reception/2021.csv`` of ``data/reception/<năm>.csv``."""

    dataset: Dataset
    source: Source
    file: str  # relative to the project, with "/"

    @property
    def model(self) -> type[BaseModel]:
        return self.source.model

    @property
    def sheet(self) -> str:
        """Its Excel sheet name (at most 31 characters): ``documents``, ``reception-2021``."""
        name = self.file.removeprefix("data/").rsplit(".", 1)[0].replace("/", "-")
        return name[:31]


def is_pattern(source: Source) -> bool:
    return "<" in source.file


def source_key(source: Source) -> str:
    """How ``congkhai moi`` names a source: the file's name (``documents``, ``meetings``,
    ``ngay-nghi``) or, for one file per record or per year, its folder (``thong-bao``,
    ``plans``, ``reception``)."""
    path = source.file.split(",")[0]
    parts = path.split("/")
    if is_pattern(source):
        return parts[-2]
    return parts[-1].rsplit(".", 1)[0]


def csv_files(root: Path, only: str | None = None) -> list[SourceFile]:
    """Every CSV file of every dataset that exists in ``root`` (``only``: of one dataset,
    by its name or its source key), in the order of :data:`DATASETS`."""
    found = []
    for dataset in DATASETS:
        for source in dataset.sources:
            if not source.file.endswith(".csv"):
                continue
            if only and only not in (dataset.name, source_key(source)):
                continue
            if is_pattern(source):
                folder, _, pattern = source.file.rpartition("/")
                glob = pattern.split("<", 1)[0] + "*" + pattern.rsplit(">", 1)[1]
                paths = sorted((root / folder).glob(glob))
                found += [
                    SourceFile(dataset, source, f"{folder}/{p.name}") for p in paths if p.is_file()
                ]
            elif (root / source.file).is_file():
                found.append(SourceFile(dataset, source, source.file))
    return found


def record_sources() -> dict[str, tuple[Dataset, Source]]:
    """The sources ``congkhai moi`` can add a record to, by key: every CSV source and every
    one-file-per-record source (``<mã>.md``, ``<mã>.yaml``); a part of a file (a plan's
    tasks) and a whole-file setting (``site.yaml``) are edited by hand."""
    out: dict[str, tuple[Dataset, Source]] = {}
    for dataset in DATASETS:
        for source in dataset.sources:
            if "," in source.file:
                continue
            if source.file.endswith(".csv") or "<mã>" in source.file:
                out[source_key(source)] = (dataset, source)
    # A dataset's name says which of its sources when it has one record source (notices).
    for key, (dataset, source) in list(out.items()):
        mine = [k for k, (d, _) in out.items() if d is dataset]
        if len(mine) == 1 or key == dataset.name:
            out.setdefault(dataset.name, (dataset, source))
    return out


# --- columns -------------------------------------------------------------------------------


def staff_columns(model: type[BaseModel]) -> list[str]:
    """The columns staff write: every field except the source line and loader-set ones."""
    return [
        name
        for name, info in model.model_fields.items()
        if name != "line" and not _extra(info).get("internal")
    ]


def _extra(info: FieldInfo) -> dict[str, Any]:
    return info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}


def label(model: type[BaseModel], name: str) -> str:
    """The Vietnamese label of column ``name`` (``Số ký hiệu``), or the name itself."""
    info = model.model_fields.get(name)
    return str(_extra(info).get("label") or name) if info else name


def hint(model: type[BaseModel], name: str | None) -> str:
    """How to fill column ``name``: its meaning and an example, from ``column(...)``."""
    info = model.model_fields.get(name or "")
    if info is None:
        return ""
    extra = _extra(info)
    text = str(extra.get("description_vi") or "")
    if extra.get("example"):
        text += f" Ví dụ: {extra['example']}"
    return text.strip()


def _plain(annotation: Any) -> Any:
    """``dt.date | None`` -> ``dt.date``; ``Optional[...]`` likewise."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def kind(model: type[BaseModel], name: str) -> str:
    """``date`` (a day, or a month for a date that may be month-only), ``time``, ``flag``,
    ``number``, ``list`` or ``text``: how Excel cells of this column are written and read."""
    info = model.model_fields.get(name)
    if info is None:
        return "text"
    plain = _plain(info.annotation)
    if plain in (dt.date, VnDate):
        return "date"
    if plain is dt.time:
        return "time"
    if plain is bool:
        return "flag"
    if plain is int:
        return "number"
    if typing.get_origin(plain) in (tuple, list):
        return "list"
    return "text"


def vocabulary(model: type[BaseModel], name: str) -> list[str] | None:
    """The allowed values of a closed vocabulary column (``choice(...)`` or an enum), as
    stored in the files; None for an open column."""
    info = model.model_fields.get(name)
    if info is None:
        return None
    plain = _plain(info.annotation)
    if isinstance(plain, type) and issubclass(plain, enum.Enum):
        return [str(m.value) for m in plain]
    for meta in info.metadata:
        func = getattr(meta, "func", None)
        if callable(func):
            # choice() keeps its labels in the validator's closure: read them there rather
            # than repeat every vocabulary in this module.
            labels = inspect.getclosurevars(func).nonlocals.get("labels")
            if isinstance(labels, dict):
                return [str(k) for k in labels]
    return None


def reference(model: type[BaseModel], name: str) -> Ref | None:
    return dict(references_of(model)).get(name)


def is_required(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields.get(name)
    return bool(info and info.is_required())


@functools.cache
def adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = typing.Annotated[(info.annotation, *info.metadata)]
    return TypeAdapter(annotated)


def same_value(model: type[BaseModel], name: str, a: str, b: str) -> bool:
    """``a`` and ``b`` mean the same in column ``name`` (``16/7/2019`` and ``16/07/2019``;
    ``Kế hoạch`` and ``ke-hoach``): an import keeps the file's own spelling then."""
    if a == b:
        return True
    if name not in model.model_fields:
        return False
    try:
        checker = adapter(model, name)
        return bool(checker.validate_python(a) == checker.validate_python(b))
    except (ValidationError, TypeError, ValueError):
        return False


def reference_ids(root: Path) -> dict[str, list[str]]:
    """The ids each reference may take (organizations, people, documents, meetings), read
    from the project's data. Data with errors still gives the ids that could be read."""
    from .datasets.fields import Record, load_csv
    from .problems import Problems
    from .registry import _with_ids

    out: dict[str, list[str]] = {}
    problems = Problems()
    for dataset in DATASETS:
        for source in dataset.sources:
            if not source.file.endswith(".csv") or is_pattern(source):
                continue
            model = source.model
            if "id" not in model.model_fields or not issubclass(model, Record):
                continue
            records: list[Any] = load_csv(model, root / source.file, source.file, problems)
            if dataset.name == "documents":
                records = _with_ids(records, problems)
            key = dataset.name if dataset.name != "dialogues" else source_key(source)
            ids = [str(getattr(r, "id", "")) for r in records]
            out.setdefault(key, [])
            out[key] += [i for i in ids if i]
    return out
