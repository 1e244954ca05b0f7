"""Kiểu ô dữ liệu (cell types) shared by the dataset models, and tier-1 row validation.

Every validator raises a bilingual message that names the offending value; the loader adds
file, line and column. A column is described once, in the model (``column(...)``), and the
staff guide page is generated from those descriptions so it cannot drift.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, JsonValue, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from ..dates import DateFormatError, VnDate, parse_date
from ..problems import Problem, Problems, unexpected
from .tables import Table, read_table

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _fail(kind: str, message: str) -> PydanticCustomError:
    # Braces would be read as pydantic template fields.
    return PydanticCustomError(kind, message.replace("{", "(").replace("}", ")"))


def _text(value: Any) -> str:
    # A YAML list or mapping where text is expected would otherwise be published as
    # "['Công khai', 'Kế hoạch']".
    if isinstance(value, list | tuple | dict | set):
        raise _fail(
            "text",
            "phải là một dòng chữ, không phải danh sách hay bảng khóa; nếu chữ có dấu "
            '"[", ":" hay "," thì đặt trong ngoặc kép (must be text, not a list or mapping)',
        )
    return str(value)


def _required(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _fail("required", "thiếu giá trị bắt buộc (missing required value)")
    return text


def _optional(value: Any) -> str:
    return _text(value)


def _id(value: Any) -> str:
    text = _required(value)
    if not _ID.fullmatch(text):
        raise _fail(
            "id",
            f'"{text}" không phải mã hợp lệ: chỉ dùng chữ thường không dấu, số và "-" '
            "(ids are lower-case ASCII letters, digits and hyphens)",
        )
    return text


def _optional_id(value: Any) -> str:
    return _id(value) if value else ""


def _flex_date(value: Any) -> VnDate:
    text = _required(value)
    try:
        return parse_date(text, allow_month=True)
    except DateFormatError as exc:
        raise _fail("date", str(exc)) from None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return parse_date(str(value)).to_date()
    except DateFormatError as exc:
        raise _fail("date", str(exc)) from None


_CLOCK = re.compile(r"(\d{1,2})(?:[:hH](\d{2})?)?")


def _clock(value: Any) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    if not value:
        return None
    m = _CLOCK.fullmatch(str(value).strip())
    hour, minute = (int(m[1]), int(m[2] or 0)) if m else (99, 99)
    if not (m and hour < 24 and minute < 60):
        raise _fail(
            "time", f'"{value}" không phải giờ hợp lệ; ghi dạng 08:00 hoặc 8h30 (not a valid time)'
        )
    return dt.time(hour, minute)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in {"", "khong", "không", "false", "0", "no"}:
        return False
    if text in {"co", "có", "x", "true", "1", "yes"}:
        return True
    raise _fail("flag", f'"{value}" phải là "có" hoặc để trống (must be "có" or empty)')


def _count(value: Any) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        raise _fail("count", f'"{value}" phải là số nguyên không âm (must be a whole number)')
    return int(text)


def _list(value: Any) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, list):  # a YAML list: each item is text
        return tuple(t for t in (_text(v).strip() for v in value) if t)
    return tuple(part.strip() for part in _text(value).split(";") if part.strip())


def choice(
    labels: dict[str, str], *, required: bool = True, enum: type[StrEnum] | None = None
) -> PlainValidator:
    """A closed vocabulary: the slug or its Vietnamese label; an error lists the choices.

    With ``enum`` the value is returned as that enum's member."""
    from ..vocab import lookup

    def validate(value: Any) -> Any:
        text = str(value)
        if not text and not required:
            return ""
        if not text:
            raise _fail("required", "thiếu giá trị bắt buộc (missing required value)")
        slug = lookup(text, labels)
        if slug is None:
            options = ", ".join(f"{k} ({v})" for k, v in labels.items())
            raise _fail(
                "choice",
                f'"{text}" không thuộc danh mục; chọn một trong: {options} (unknown value)',
            )
        return enum(slug) if enum else slug

    # read by describe(): the staff guide lists the values from the same dict that validates
    validate.choices = dict(labels)  # type: ignore[attr-defined]
    return PlainValidator(validate)


Required = Annotated[str, PlainValidator(_required)]
Optional = Annotated[str, PlainValidator(_optional)]
Id = Annotated[str, PlainValidator(_id)]
OptionalId = Annotated[str, PlainValidator(_optional_id)]
FlexDate = Annotated[VnDate, PlainValidator(_flex_date)]
Day = Annotated[dt.date | None, PlainValidator(_day)]


def _required_day(value: Any) -> dt.date:
    day = _day(_required(value) if not isinstance(value, dt.date) else value)
    assert day is not None
    return day


RequiredDay = Annotated[dt.date, PlainValidator(_required_day)]
List = Annotated[tuple[str, ...], PlainValidator(_list)]
Clock = Annotated[dt.time | None, PlainValidator(_clock)]


def _required_clock(value: Any) -> dt.time:
    clock = _clock(_required(value) if not isinstance(value, dt.time) else value)
    assert clock is not None
    return clock


#: A time of day that must be given: ``08:30``, ``8:30``, ``8h30``, ``8h``.
RequiredClock = Annotated[dt.time, PlainValidator(_required_clock)]
Flag = Annotated[bool, PlainValidator(_flag)]
Count = Annotated[int, PlainValidator(_count)]


def column(
    label: str,
    description: str,
    example: str = "",
    *,
    internal: bool = False,
    prose: bool = False,
    **kwargs: Any,
) -> Any:
    """Describe a column for staff (Vietnamese label, meaning, example). ``internal``: set
    by the loader (a notice's id from its file name), not written by staff. ``prose``:
    free text shown to the public, whose document numbers become links
    (``congkhai/citing.py``)."""
    extra: dict[str, JsonValue] = {
        "label": label,
        "description_vi": description,
        "example": example,
    }
    if internal:
        extra["internal"] = True
    if prose:
        extra["prose"] = True
    return Field(json_schema_extra=extra, **kwargs)


class Record(BaseModel):
    """Base of every dataset row: frozen, no extra fields, with its source line."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    line: int = Field(default=0, exclude=True)


R = TypeVar("R", bound=Record)


def columns_of(model: type[Record]) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if name != "line")


def required_columns_of(model: type[Record]) -> tuple[str, ...]:
    return tuple(
        name for name, f in model.model_fields.items() if name != "line" and f.is_required()
    )


@dataclass(frozen=True)
class ColumnDoc:
    """A column as the staff guide shows it."""

    name: str
    label: str
    description: str
    example: str
    required: bool
    #: what a value looks like ("ngày dd/mm/yyyy", "mã: chữ thường không dấu…"), from its type
    form: str = ""
    #: a closed vocabulary: (value, Vietnamese label) pairs, the values validation accepts
    choices: tuple[tuple[str, str], ...] = ()
    #: a reference: which records' ids it holds (``congkhai.datasets.refs.Ref``)
    refers_to: str = ""


#: What a cell of each shared type looks like, in the staff's words.
_FORMS: dict[Callable[[Any], Any], str] = {
    _required: "chữ",
    _optional: "chữ",
    _id: 'mã: chữ thường không dấu, số và "-"',
    _optional_id: 'mã: chữ thường không dấu, số và "-"',
    _flex_date: "ngày dd/mm/yyyy (hoặc chỉ tháng mm/yyyy)",
    _day: "ngày dd/mm/yyyy",
    _required_day: "ngày dd/mm/yyyy",
    _clock: "giờ, ví dụ 08:00 hoặc 8h30",
    _required_clock: "giờ, ví dụ 08:00 hoặc 8h30",
    _flag: '"có" (hoặc true) hoặc để trống',
    _count: "số nguyên không âm",
    _list: 'nhiều giá trị cách nhau bằng dấu ";"',
}
_PLAIN_FORMS: dict[object, str] = {
    str: "chữ",
    int: "số nguyên",
    bool: "true hoặc false",
    dt.date: "ngày dd/mm/yyyy",
    dt.time: "giờ, ví dụ 08:00",
}


def _ref_text(ref: Any) -> str:
    from .refs import TARGET_FILES, TARGETS

    return " hoặc ".join(
        f"mã {TARGETS[d][0]}" + (f" trong {TARGET_FILES[d]}" if d in TARGET_FILES else "")
        for d in ref.datasets
    )


def _enum_of(annotation: Any) -> type[StrEnum] | None:
    """The StrEnum of ``annotation`` (``TaskState | None`` too), if any."""
    candidates = getattr(annotation, "__args__", None) or (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return candidate
    return None


def describe(model: type[BaseModel]) -> list[ColumnDoc]:
    """The columns (or keys) staff write, from the model's ``column(...)`` declarations, with
    what validation accepts: the form of a value, a closed vocabulary's values and labels,
    and which records a reference names."""
    from .refs import Ref

    docs = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if name == "line" or extra.get("internal"):
            continue
        form, refers_to = "", ""
        choices: tuple[tuple[str, str], ...] = ()
        for meta in info.metadata:
            func = getattr(meta, "func", None) if isinstance(meta, PlainValidator) else None
            if func is not None and hasattr(func, "choices"):
                choices = tuple((str(k), str(v)) for k, v in func.choices.items())
            elif func is not None:
                form = _FORMS.get(func, form)
            elif isinstance(meta, Ref):
                refers_to = _ref_text(meta)
        enum = _enum_of(info.annotation)
        if enum and not choices:
            choices = tuple((m.value, "") for m in enum)
        if not form and not choices:
            plain = info.annotation
            args = [a for a in getattr(plain, "__args__", ()) if a is not type(None)]
            if getattr(plain, "__origin__", None) is list:
                form = "danh sách YAML, ví dụ [a, b]"
            elif isinstance(plain, type) and issubclass(plain, BaseModel):
                form = "nhóm khóa YAML lồng nhau, như tệp mẫu"
            else:
                form = _PLAIN_FORMS.get(args[0] if len(args) == 1 else plain, "")
        docs.append(
            ColumnDoc(
                name,
                str(extra.get("label", name)),
                str(extra.get("description_vi", "")),
                str(extra.get("example", "")),
                info.is_required(),
                form,
                choices,
                refers_to,
            )
        )
    return docs


def validate_rows(model: type[R], table: Table, problems: Problems) -> list[R]:
    """Tier 1: validate every row of ``table`` against ``model``; collect all problems."""
    records = []
    for row in table.rows:
        try:
            records.append(model.model_validate({**row.cells, "line": row.line}))
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else None
                problems.add(
                    Problem(
                        table.file,
                        row.line,
                        name,
                        err["msg"],
                        column_index=table.column_index(name) if name else None,
                    )
                )
            continue
        except Exception as exc:  # a validator bug must not become a traceback
            problems.add(unexpected(table.file, row.line, exc))
    return records


def load_csv(
    model: type[R],
    path: Path,
    file: str,
    problems: Problems,
    *,
    optional_file: bool = False,
    rows_required: bool = False,
) -> list[R]:
    """Read and validate one CSV dataset. A missing file is an error unless optional; a
    header-only file is one when ``rows_required``. Never raises: whatever goes wrong
    becomes a problem naming ``file`` (and marks it unreadable when no row could be read)."""
    return load_table(
        model, path, file, problems, optional_file=optional_file, rows_required=rows_required
    )[0]


def load_table(
    model: type[R],
    path: Path,
    file: str,
    problems: Problems,
    *,
    optional_file: bool = False,
    rows_required: bool = False,
) -> tuple[list[R], tuple[str, ...]]:
    """As :func:`load_csv`, with the file's header: tier-2 rules name the Excel column too."""
    if not path.exists():
        if not optional_file:
            problems.add_unreadable(
                Problem(file, None, None, "thiếu tệp dữ liệu (data file not found)")
            )
        return [], ()
    try:
        table = read_table(
            path,
            file,
            columns_of(model),
            required_columns_of(model),
            problems,
            rows_required=rows_required,
        )
    except Exception as exc:  # any failure must be a message, not a traceback
        problems.add_unreadable(unexpected(file, None, exc))
        return [], ()
    return validate_rows(model, table, problems), table.columns


def by_id(records: list[R], key: Callable[[R], str], file: str, problems: Problems) -> dict[str, R]:
    """Index records by id, reporting duplicates (the first one wins)."""
    index: dict[str, R] = {}
    for record in records:
        k = key(record)
        if k in index:
            problems.add(
                Problem(
                    file,
                    record.line,
                    "id",
                    f'mã "{k}" bị trùng với dòng {index[k].line} (duplicate id)',
                )
            )
        else:
            index[k] = record
    return index
