"""Gói dữ liệu (the Frictionless Data Package of the open data): ``du-lieu-mo/datapackage.json``.

:func:`data_package` describes every CSV a build publishes below ``du-lieu-mo/`` in the
Data Package v1 standard (Tabular Data Package profile, the one the ``frictionless``
package validates): for each file its size, SHA-256, source file and last change, and its
Table Schema (each column's type and Vietnamese title and description, primary and foreign
keys). Nothing is typed twice: the columns are the CSV's own header, their titles,
descriptions and types come from the dataset models' ``column(...)`` declarations (what the
staff guide shows) and their ``Ref`` annotations; only the few columns an export derives
(``*_label``, ``*_name``, ``url``…) are described here, in :data:`DERIVED`.

Pure: the same files, datasets, ``site.yaml`` and provenance dates give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import posixpath
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import ids
from .datasets.descriptor import Dataset, Source
from .datasets.refs import references_of
from .datasets.site import Site
from .dates import VnDate
from .exports import dumps_indented
from .ids import absolute, slugify

#: Data Package v1 profile names (https://specs.frictionlessdata.io/profiles/)
PACKAGE_PROFILE = "tabular-data-package"
RESOURCE_PROFILE = "tabular-data-resource"

#: Vietnamese names of the Table Schema types used here, for the open-data page
TYPE_LABELS = {
    "string": "chữ",
    "date": "ngày (yyyy-mm-dd)",
    "time": "giờ (hh:mm)",
    "integer": "số nguyên",
    "boolean": "True/False",
}

#: Columns that exports compute rather than copy from a model: (title, description, type).
#: ``<cột>_label`` and ``<cột>_name`` are described from the column they name (see
#: :func:`_derived`); a column found nowhere keeps its id as title (the test suite says so).
DERIVED: dict[str, tuple[str, str, str]] = {
    "url": ("Địa chỉ trang", "Địa chỉ trang của bản ghi trên cổng.", "string"),
    "status_derived": (
        "Tình trạng tự tính",
        "True: tình trạng hiệu lực tính theo ngày hiệu lực và quan hệ giữa văn bản; "
        "False: do cột status của sổ văn bản ghi đè.",
        "boolean",
    ),
    "weekday": ("Thứ", "Thứ trong tuần của ngày tiếp.", "string"),
    "host_title": ("Chức vụ người tiếp", "Chức vụ của người tiếp (people.csv).", "string"),
    "replaced_by": (
        "Được thay bằng buổi",
        "Mã buổi tiếp thay cho buổi này khi buổi này bị hoãn.",
        "string",
    ),
    "rule": (
        "Lịch định kỳ",
        "Mã lịch định kỳ (data/reception/rules.yaml) sinh ra buổi này; trống: buổi đột xuất.",
        "string",
    ),
    "progress": (
        "Tiến độ",
        "Tiến độ thực hiện cam kết tính đến ngày dữ liệu (as_of).",
        "string",
    ),
    "current": (
        "Còn hiệu lực",
        "True nếu thông báo chưa hết hạn tại ngày dữ liệu (as_of).",
        "boolean",
    ),
    "plan": ("Kế hoạch", "Mã kế hoạch (tên tệp trong data/plans/).", "string"),
    "plan_title": ("Tên kế hoạch", "Tên của kế hoạch chứa nhiệm vụ.", "string"),
    "example": ("Minh họa", "True nếu là dữ liệu minh họa, không phải dữ liệu thật.", "boolean"),
}

#: Exports whose rows are not identified by ``id`` alone (a task id is unique in its plan;
#: a yearly total is one per year and kind, checked by the dialogues loader)
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "ke-hoach": ("plan", "id"),
    "so-lieu-hang-nam": ("year", "kind"),
    "quan-he-van-ban": (),
}


def _ref_models() -> dict[str, type[BaseModel]]:
    """The model whose ``id`` a ``Ref`` target names (imported here: the dataset modules
    import this package's helpers)."""
    from .datasets.documents import Document
    from .datasets.meetings import Meeting
    from .datasets.organizations import Organization
    from .datasets.people import Person
    from .datasets.reception import SessionRow

    return {
        "documents": Document,
        "organizations": Organization,
        "people": Person,
        "meetings": Meeting,
        "sessions": SessionRow,
    }


def _extra(model: type[BaseModel], name: str) -> dict[str, Any]:
    info = model.model_fields.get(name)
    extra = info.json_schema_extra if info is not None else None
    return extra if isinstance(extra, dict) else {}


#: how staff write a value (the guide's words) that exports write otherwise: dates are ISO,
#: times ``hh:mm``, flags ``True``/``False``; removed or rewritten in the package
_INPUT_FORMS = (
    (re.compile(r"[,;]?\s*dd/mm/yyyy[.;,]?"), ""),
    (re.compile(r"^\d{1,2}:\d{2}(?: hoặc \S+)?\.$"), ""),
    (re.compile(r'^(?:"có"|true)(?= )'), "True"),
)


def _export_description(text: str) -> str:
    for pattern, replacement in _INPUT_FORMS:
        text = pattern.sub(replacement, text).strip()
    return text[:1].upper() + text[1:]


#: a ``VnDate`` as exports write it: a day, or a month when the document gives no day
MONTH_OR_DAY = r"\d{4}-\d{2}(-\d{2})?"


def _table_type(model: type[BaseModel], name: str) -> tuple[str, dict[str, Any]]:
    """Table Schema type (and format or constraints) of a model field as its export writes
    it: dates ISO, times ``%H:%M``, flags ``True``/``False``; a month-only date (``VnDate``,
    with its pattern), a list (``;``-separated) or a vocabulary value is text."""
    annotation = model.model_fields[name].annotation
    kinds = (
        {a for a in typing.get_args(annotation) if a is not type(None)}
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
        else {annotation}
    )
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is bool:
            return "boolean", {}
        if kind is int:
            return "integer", {}
        if kind is dt.date:
            return "date", {}
        if kind is dt.time:
            return "time", {"format": "%H:%M"}
        if kind is VnDate:
            return "string", {"constraints": {"pattern": MONTH_OR_DAY}}
    return "string", {}


def _derived(name: str, model: type[BaseModel] | None) -> tuple[str, str, str]:
    """Title, description and type of a column no model declares."""
    if name in DERIVED:
        return DERIVED[name]
    for suffix, title, description in (
        ("_label", "{label} (tên gọi)", "Tên tiếng Việt của giá trị ở cột {base}."),
        ("_name", "{label} (tên)", "Tên ứng với mã ở cột {base}."),
    ):
        base = name.removesuffix(suffix)
        if base == name:
            continue
        if model is not None and base in model.model_fields:
            label = str(_extra(model, base).get("label", base))
        elif base in DERIVED:
            label = DERIVED[base][0]
        else:
            continue
        return title.format(label=label), description.format(base=base), "string"
    return name, "", "string"


def table_field(name: str, model: type[BaseModel] | None) -> dict[str, Any]:
    """The Table Schema field of CSV column ``name`` of an export of ``model``."""
    if model is not None and name in model.model_fields:
        extra = _extra(model, name)
        title = str(extra.get("label", name))
        description = _export_description(str(extra.get("description_vi", "")))
        kind, more = _table_type(model, name)
    else:
        title, description, kind = _derived(name, model)
        more = {}
    out: dict[str, Any] = {"name": name, "title": title, "type": kind, **more}
    if description:
        out["description"] = description
    return out


def _foreign_keys(
    model: type[BaseModel] | None, header: list[str], name: str, exports: Mapping[type, str]
) -> list[dict[str, Any]]:
    """Foreign keys from the model's ``Ref`` annotations: a one-id column naming a record of
    a dataset that is itself a resource of the package (``""``: this resource)."""
    if model is None:
        return []
    keys = []
    targets = _ref_models()
    for column, ref in references_of(model):
        if column not in header or len(ref.datasets) != 1:
            continue
        if _table_type(model, column)[0] != "string" or typing.get_origin(
            model.model_fields[column].annotation
        ) in (tuple, list):
            continue
        target = exports.get(targets[ref.datasets[0]])
        if target is None:
            continue
        keys.append(
            {
                "fields": column,
                "reference": {"resource": "" if target == name else target, "fields": "id"},
            }
        )
    return keys


def source_path(source: Source) -> str:
    """The file or folder whose last change dates an export: ``data/reception/<năm>.csv``
    -> ``data/reception/``."""
    return source.file.split("<", 1)[0] if "<" in source.file else source.file


def source_paths(datasets: Iterable[Dataset]) -> tuple[str, ...]:
    return tuple(source_path(s) for d in datasets for s in d.exports)


def _header(content: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))), [])


@dataclass(frozen=True)
class _Export:
    source: Source | None
    path: str
    content: bytes


def data_package(
    files: Iterable[tuple[str, bytes]],
    datasets: Iterable[Dataset],
    *,
    site: Site,
    as_of: dt.date,
    changed: Mapping[str, str | None],
    site_url: str | None = None,
) -> dict[str, Any]:
    """The Data Package (as a JSON-ready dict) of every ``du-lieu-mo/**.csv`` among ``files``
    (site path, bytes). ``changed`` maps :func:`source_path` of each export to the ISO date of
    its last committed change (None: unknown, then the resource carries no date).
    A CSV no dataset declares is still a resource, its columns typed as text."""
    sources = {s.export: s for d in datasets for s in d.exports}
    found = [
        _Export(
            sources.get(posixpath.splitext(posixpath.basename(path))[0]),
            path,
            content,
        )
        for path, content in files
        if path.startswith(ids.OPEN_DATA) and path.endswith(".csv")
    ]
    # in the order the datasets are declared (the register first), then undeclared files
    order = list(sources)
    found.sort(key=lambda e: (order.index(e.source.export) if e.source else len(order), e.path))
    exported = {
        e.source.model: e.source.export for e in found if e.source and e.source.export is not None
    }
    folder = ids.DATAPACKAGE.rsplit("/", 1)[0]
    resources = []
    for export in found:
        source = export.source
        model = (source.export_model or source.model) if source else None
        name = posixpath.splitext(posixpath.relpath(export.path, folder))[0]
        header = _header(export.content)
        schema: dict[str, Any] = {
            "fields": [table_field(column, model) for column in header],
            "missingValues": [""],
        }
        key = PRIMARY_KEYS.get(name, ("id",) if "id" in header else ())
        if key and set(key) <= set(header):
            schema["primaryKey"] = list(key)
        if foreign := _foreign_keys(model, header, name, exported):
            schema["foreignKeys"] = foreign
        resource: dict[str, Any] = {
            "profile": RESOURCE_PROFILE,
            "name": slugify(name),
            "path": posixpath.relpath(export.path, folder),
            "title": source.export_title if source else name,
        }
        if source and source.description:
            resource["description"] = source.description
        resource.update(
            {
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(export.content),
                "hash": "sha256:" + hashlib.sha256(export.content).hexdigest(),
            }
        )
        if source:
            resource["sources"] = [{"title": source.file}]
            if date := changed.get(source_path(source)):
                resource["last_modified"] = date
        resource["schema"] = schema
        resources.append(resource)
    agency = site.agency
    package: dict[str, Any] = {
        "profile": PACKAGE_PROFILE,
        "name": slugify(agency.short_name or agency.name),
        "title": f"Dữ liệu mở: {agency.name}",
        "description": (
            "Dữ liệu công khai trên cổng, do cùng một lần xuất bản tạo ra với các trang. "
            "Tệp CSV mã UTF-8 có BOM; ngày ghi theo ISO 8601. Các cột tình trạng tính đến "
            "ngày ghi ở as_of."
        ),
        "language": "vi",
        "as_of": as_of.isoformat(),
    }
    dates = [r["last_modified"] for r in resources if "last_modified" in r]
    if dates:
        package["last_modified"] = max(dates)
    if site_url:
        package["homepage"] = absolute(site_url, ids.OPEN_DATA)
    package["contributors"] = [{"title": agency.name, "role": "publisher"}]
    licence = site.open_data_license
    if licence.given:
        entry = {"name": licence.name, "title": licence.title, "path": licence.path}
        package["licenses"] = [{k: v for k, v in entry.items() if v}]
    package["resources"] = resources
    return package


def package_bytes(package: Mapping[str, Any]) -> bytes:
    """``datapackage.json`` as published: UTF-8, Vietnamese unescaped, keys in our order."""
    return (dumps_indented(package) + "\n").encode("utf-8")
