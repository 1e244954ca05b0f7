"""Thông tin cơ quan (``data/site.yaml``): the agency, its information focal point and the
person responsible for the site (Luật Tiếp cận thông tin Art. 17(1)(m), 19(1); Thông tư
32/2017 on portal footers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..problems import Problem, Problems, Severity
from .tables import decode

FILE = "data/site.yaml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Agency(_Section):
    """Cơ quan chủ quản của cổng (the publishing agency)."""

    name: str
    short_name: str = ""
    parent: str = ""
    organization: str = ""  # its id in organizations.csv
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


class FocalPoint(_Section):
    """Đầu mối cung cấp thông tin (Luật Tiếp cận thông tin Art. 17(1)(m))."""

    name: str = ""
    unit: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


class Responsible(_Section):
    """Người chịu trách nhiệm quản lý nội dung (shown in the footer)."""

    name: str = ""
    title: str = ""


class Site(_Section):
    agency: Agency
    focal_point: FocalPoint = FocalPoint()
    responsible: Responsible = Responsible()
    edit_url: str = ""  # e.g. https://github.com/<org>/<repo>/edit/main/ (optional)


#: Facts the law asks the site to show; empty ones are listed in the data-quality report.
EXPECTED = {
    "agency.address": "địa chỉ cơ quan (agency address)",
    "agency.phone": "điện thoại cơ quan (agency phone)",
    "agency.fax": "số fax cơ quan (agency fax)",
    "agency.email": "thư điện tử cơ quan (agency e-mail)",
    "focal_point.name": "tên đầu mối cung cấp thông tin (information focal point)",
    "focal_point.address": "địa chỉ đầu mối cung cấp thông tin (focal point address)",
    "focal_point.phone": "điện thoại đầu mối cung cấp thông tin (focal point phone)",
    "focal_point.fax": "fax đầu mối cung cấp thông tin (focal point fax)",
    "focal_point.email": "thư điện tử đầu mối cung cấp thông tin (focal point e-mail)",
    "responsible.name": "người chịu trách nhiệm quản lý nội dung (person responsible)",
}


def _line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the YAML key at ``path``, for error messages."""
    line = None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if k.value == key:
                line, node = k.start_mark.line + 1, v
                break
        else:
            break
    return line


def _nfc(value: Any) -> Any:
    from ..ids import nfc

    if isinstance(value, str):
        return nfc(value).strip()
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return "" if value is None else value


def load_site(path: Path, problems: Problems) -> Site | None:
    if not path.exists():
        problems.add(Problem(FILE, None, None, "thiếu tệp dữ liệu (data file not found)"))
        return None
    text = decode(path.read_bytes(), FILE, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text)
        data = _nfc(yaml.safe_load(text) or {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(
            Problem(
                FILE,
                mark.line + 1 if mark else None,
                None,
                f"lỗi cú pháp YAML: {exc} (YAML syntax error)",
            )
        )
        return None
    try:
        site = Site.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            kind = {
                "missing": "thiếu giá trị bắt buộc (missing required value)",
                "extra_forbidden": "khóa không có trong danh mục (unknown key)",
            }.get(err["type"], err["msg"])
            problems.add(Problem(FILE, _line_of(node, tuple(err["loc"])), where, kind))
        return None
    for dotted, label in EXPECTED.items():
        section, key = dotted.split(".")
        if not getattr(getattr(site, section), key):
            problems.add(
                Problem(
                    FILE,
                    _line_of(node, (section, key)),
                    dotted,
                    f'chưa có {label}; trang sẽ ghi "chưa cập nhật" (not supplied yet)',
                    Severity.MISSING,
                )
            )
    return site
