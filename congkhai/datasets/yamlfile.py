"""YAML data files (``site.yaml``, ``reception/rules.yaml``): validated by a pydantic model,
with errors placed on the line of the offending key."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..ids import nfc
from ..problems import Problem, Problems
from .tables import decode

M = TypeVar("M", bound=BaseModel)


def line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the YAML key (or list item) at ``path``; the deepest one found."""
    line = None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def clean(value: Any) -> Any:
    """NFC-normalize and strip every string; empty values become ``""``."""
    if isinstance(value, str):
        return nfc(value).strip()
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return "" if value is None else value


ERROR_TEXT = {
    "missing": "thiếu giá trị bắt buộc (missing required value)",
    "extra_forbidden": "khóa không có trong danh mục (unknown key)",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le} (must be at most {le})",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge} (must be at least {ge})",
    "int_parsing": "phải là số nguyên (must be a whole number)",
    "int_type": "phải là số nguyên (must be a whole number)",
    "time_parsing": 'không phải giờ hợp lệ; ghi dạng "08:00" (not a valid time)',
    "time_type": 'không phải giờ hợp lệ; ghi dạng "08:00" (not a valid time)',
    "date_from_datetime_parsing": "không phải ngày hợp lệ; ghi dạng 2026-01-31 (not a valid date)",
    "date_parsing": "không phải ngày hợp lệ; ghi dạng 2026-01-31 (not a valid date)",
    "date_type": "không phải ngày hợp lệ; ghi dạng 2026-01-31 (not a valid date)",
    "literal_error": "phải là một trong: {expected} (must be one of {expected})",
    "enum": "phải là một trong: {expected} (must be one of {expected})",
    "string_type": "phải là chuỗi chữ (must be text)",
    "string_pattern_mismatch": 'chỉ dùng chữ thường không dấu, số và "-" (lower-case ASCII, digits and hyphens)',
    "bool_parsing": "phải là true hoặc false (must be true or false)",
    "list_type": "phải là danh sách (must be a list)",
    "dict_type": "phải là bảng khóa: giá trị (must be a mapping)",
}


def translate(err: Any) -> str:
    """A pydantic error as a bilingual message naming the offending value."""
    template = ERROR_TEXT.get(err["type"])
    if template is None:
        return str(err["msg"])
    text = template.format(**{k: v for k, v in (err.get("ctx") or {}).items()})
    value = err.get("input")
    if err["type"] not in ("missing", "extra_forbidden") and isinstance(value, str | int | float):
        return f'"{value}" {text}'
    return text


def validate_items(
    model: type[M],
    items: list[Any],
    path: tuple[str | int, ...],
    node: yaml.Node | None,
    file: str,
    problems: Problems,
) -> list[tuple[int, M]]:
    """Validate each item of a YAML list on its own: one bad rule does not hide the others."""
    valid = []
    for index, item in enumerate(items):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError as exc:
            for err in exc.errors():
                loc = (*path, index, *err["loc"])
                where = ".".join(str(p) for p in loc)
                problems.add(Problem(file, line_of(node, loc), where, translate(err)))
    return valid


def load_yaml(
    model: type[M], path: Path, file: str, problems: Problems, *, optional_file: bool = False
) -> tuple[M | None, yaml.Node | None]:
    """Read and validate ``path``; report problems with lines. Returns the model (or None)
    and the YAML node tree, for later rules that want to point at a line."""
    if not path.exists():
        if not optional_file:
            problems.add(Problem(file, None, None, "thiếu tệp dữ liệu (data file not found)"))
        return None, None
    text = decode(path.read_bytes(), file, problems)
    if text is None:
        return None, None
    try:
        node = yaml.compose(text)
        data = clean(yaml.safe_load(text) or {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(
            Problem(
                file,
                mark.line + 1 if mark else None,
                None,
                f"lỗi cú pháp YAML: {getattr(exc, 'problem', exc)} (YAML syntax error)",
            )
        )
        return None, None
    try:
        return model.model_validate(data), node
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc)
            problems.add(Problem(file, line_of(node, loc), where, translate(err)))
        return None, node
