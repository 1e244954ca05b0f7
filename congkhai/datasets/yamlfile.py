"""YAML data files (``site.yaml``, ``reception/rules.yaml``, ``plans/*.yaml``, notice front
matter): validated by a pydantic model, with errors placed on the line of the offending key.

Staff YAML means what it says: :class:`TextLoader` keeps every scalar as text (YAML 1.1
would read ``8:30`` as 510 seconds, ``2021-02-30`` as a crash, ``no`` as False), and the
model parses the text. Only an empty value is null. Duplicate keys and aliases are errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..ids import nfc
from ..problems import Problem, Problems, unexpected
from .tables import decode

M = TypeVar("M", bound=BaseModel)


class _StaffYamlError(yaml.MarkedYAMLError):
    """A file YAML accepts but we refuse (duplicate key, alias), with its place."""


class TextLoader(yaml.SafeLoader):
    """SafeLoader whose only implicit type is null (an empty value): every other plain
    scalar stays a string, as if quoted. Refuses duplicate keys and aliases."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class registry

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _StaffYamlError(
                None,
                None,
                "không dùng bí danh YAML (*tên); chép lại giá trị (YAML aliases are not allowed)",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                continue  # a complex key: SafeLoader reports it as unhashable
            if key in seen:
                raise _StaffYamlError(
                    None,
                    None,
                    f'khóa "{key}" bị lặp, đã có ở dòng {seen[key].line + 1} (duplicate key)',
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
# An explicit tag (``!!int 5``, ``!!timestamp 2021-02-30``) is read as text too: the model,
# not the YAML library, decides what a value means and reports it with its line.
for _tag in ("bool", "int", "float", "timestamp", "binary"):
    TextLoader.add_constructor(  # type: ignore[type-var]
        f"tag:yaml.org,2002:{_tag}", yaml.constructor.SafeConstructor.construct_yaml_str
    )


def parse_yaml(
    text: str, file: str, problems: Problems, *, first_line: int = 1
) -> tuple[Any, yaml.Node | None] | None:
    """Parse staff YAML with :class:`TextLoader` and :func:`clean` it.

    Returns ``(data, node)`` (the node tree for :func:`line_of`), or None after reporting
    the one cause (syntax error, duplicate key, empty document) and marking ``file``
    unreadable. ``first_line`` is the file line where ``text`` starts (front matter starts
    on line 2). Never raises.
    """
    try:
        loader = TextLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, _StaffYamlError):
            message = str(problem)
        else:
            message = f"lỗi cú pháp YAML: {problem} (YAML syntax error)"
        line = mark.line + first_line if mark is not None else None
        problems.add_unreadable(Problem(file, line, None, message))
        return None
    except Exception as exc:  # too deeply nested, and whatever else PyYAML may raise
        problems.add_unreadable(
            Problem(
                file,
                None,
                None,
                f"không đọc được tệp YAML: {type(exc).__name__} (could not read this YAML file)",
            )
        )
        return None
    if node is None:
        problems.add_unreadable(Problem(file, None, None, "tệp rỗng (empty file)"))
        return None
    return clean(data), node


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
    """NFC-normalize and strip every string. A key left empty (``done_on:``) is dropped,
    so the model's default applies, or "missing" when it is required; other empty values
    become ``""``."""
    if isinstance(value, str):
        return nfc(value).strip()
    if isinstance(value, dict):
        return {
            ("" if k is None else clean(str(k))): clean(v)
            for k, v in value.items()
            if v is not None
        }
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
    "string_type": "phải là chuỗi chữ (must be text)",
    "string_pattern_mismatch": 'chỉ dùng chữ thường không dấu, số và "-" (lower-case ASCII, digits and hyphens)',
    "bool_parsing": "phải là true hoặc false (must be true or false)",
    "list_type": "phải là danh sách (must be a list)",
    "dict_type": "phải là bảng khóa: giá trị (must be a mapping)",
    "model_type": "phải là bảng khóa: giá trị (must be a mapping)",
    "model_attributes_type": "phải là bảng khóa: giá trị (must be a mapping)",
    "string_too_short": "không được để trống (must not be empty)",
    "bool_type": "phải là true hoặc false (must be true or false)",
    "int_from_float": "phải là số nguyên (must be a whole number)",
    "enum": "phải là một trong: {expected} (must be one of {expected})",
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
            report_errors(exc, file, node, problems, prefix=(*path, index))
        except Exception as exc:  # a validator bug must not become a traceback
            problems.add(unexpected(file, None, exc))
    return valid


def load_yaml(
    model: type[M], path: Path, file: str, problems: Problems, *, optional_file: bool = False
) -> tuple[M | None, yaml.Node | None]:
    """Read and validate ``path``; report problems with lines. Returns the model (or None)
    and the YAML node tree, for later rules that want to point at a line."""
    if not path.exists():
        if not optional_file:
            problems.add_unreadable(
                Problem(file, None, None, "thiếu tệp dữ liệu (data file not found)")
            )
        return None, None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add_unreadable(unexpected(file, None, exc))
        return None, None
    text = decode(data, file, problems)
    if text is None:
        return None, None
    parsed = parse_yaml(text, file, problems)
    if parsed is None:
        return None, None
    value, node = parsed
    if not isinstance(value, dict):
        problems.add_unreadable(
            Problem(
                file,
                1,
                None,
                "tệp phải là các cặp khóa: giá trị (the file must be a mapping of keys to values)",
            )
        )
        return None, node
    try:
        return model.model_validate(value), node
    except ValidationError as exc:
        report_errors(exc, file, node, problems)
        return None, node
    except Exception as exc:  # a validator bug must not become a traceback
        problems.add(unexpected(file, None, exc))
        return None, node


def report_errors(
    exc: ValidationError,
    file: str,
    node: yaml.Node | None,
    problems: Problems,
    *,
    prefix: tuple[str | int, ...] = (),
    first_line: int = 1,
) -> None:
    """Each pydantic error as a problem on the line of its key (``first_line`` is where the
    YAML text starts in the file)."""
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        where = ".".join(str(p) for p in loc)
        line = line_of(node, loc)
        problems.add(
            Problem(
                file,
                None if line is None else line + first_line - 1,
                where or None,
                translate(err),
            )
        )
