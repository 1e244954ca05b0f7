"""Thông tin cơ quan (``data/site.yaml``): the agency, its information focal point and the
person responsible for the site (Luật Tiếp cận thông tin Art. 17(1)(m), 19(1); Thông tư
32/2017 on portal footers)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..problems import Problem, Problems, Severity
from ..sanitize import safe_url
from .refs import Ref
from .yamlfile import line_of, load_yaml

FILE = "data/site.yaml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Agency(_Section):
    """Cơ quan chủ quản của cổng (the publishing agency)."""

    name: str
    short_name: str = ""
    parent: str = ""
    organization: Annotated[str, Ref("organizations")] = ""  # its id in organizations.csv
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    #: the office's emblem shown in the banner: a PNG, JPEG, WebP or SVG file inside docs/
    #: (e.g. ``assets/logo.png``); empty: no image (none is shipped: no licensed emblem)
    logo: str = ""

    @field_validator("logo")
    @classmethod
    def _logo_is_an_image_in_docs(cls, value: str) -> str:
        pure = PurePosixPath(value)
        if value and (pure.is_absolute() or ".." in pure.parts or ":" in value or "\\" in value):
            raise PydanticCustomError(
                "logo_path",
                '"{value}" phải là đường dẫn tệp trong thư mục docs/, ví dụ assets/logo.png '
                "(must be a path inside docs/, such as assets/logo.png)",
                {"value": value},
            )
        if value and pure.suffix.lower() not in LOGO_SUFFIXES:
            raise PydanticCustomError(
                "logo_type",
                '"{value}" phải là ảnh {suffixes} (must be an image file)',
                {"value": value, "suffixes": ", ".join(sorted(LOGO_SUFFIXES))},
            )
        return value


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


class OneStop(_Section):
    """Bộ phận một cửa (the one-stop desk that receives procedure files): where and when.
    Its phone and e-mail are the office's own, let through by the privacy guard as the
    agency's are (``privacy.office_values``)."""

    address: str = ""
    hours: str = ""
    phone: str = ""
    email: str = ""


class AllowedValue(_Section):
    """A number or address that looks like personal data but may be published, with why
    (e.g. the hotline of the one-stop desk). The privacy guard lets it through."""

    value: str
    reason: str


#: image types a browser shows in <img> (an SVG must also live under docs/assets/: the gate
#: publishes no other raw markup, gate.check_docs_file)
LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".svg"})

_LICENSE_ID = re.compile(r"[-A-Za-z0-9._]+")


class OpenDataLicense(_Section):
    """Giấy phép dữ liệu mở (the licence of the open data), as the office decides it; empty
    until it does: the open-data page then says so and the Data Package names no licence.
    ``name`` is an Open Definition id (``CC-BY-4.0``), ``path`` the licence's https:// text."""

    name: str = ""
    title: str = ""
    path: str = ""

    @field_validator("name")
    @classmethod
    def _name_is_an_id(cls, value: str) -> str:
        # The Data Package standard's pattern for a licence name (an Open Definition id).
        if value and not _LICENSE_ID.fullmatch(value):
            raise PydanticCustomError(
                "license_id",
                '"{value}" không phải mã giấy phép (chỉ chữ, số, "-", "." và "_", ví dụ '
                "CC-BY-4.0) (not a licence id such as CC-BY-4.0)",
                {"value": value},
            )
        return value

    @field_validator("path")
    @classmethod
    def _path_is_https(cls, value: str) -> str:
        # Linked from the open-data page and written into the Data Package.
        if value and safe_url(value) is None:
            raise PydanticCustomError(
                "unsafe_url",
                '"{value}" không phải địa chỉ https:// hợp lệ (must be an https:// URL)',
                {"value": value},
            )
        return value

    @model_validator(mode="after")
    def _named_or_linked(self) -> OpenDataLicense:
        # A Data Package licence needs a name or a path; a title alone identifies nothing.
        if self.title and not (self.name or self.path):
            raise PydanticCustomError(
                "license",
                "giấy phép cần mã (name) hoặc địa chỉ (path), không chỉ tên gọi "
                "(a licence needs a name or a path, not only a title)",
            )
        return self

    @property
    def given(self) -> bool:
        return bool(self.name or self.path)


class Site(_Section):
    agency: Agency
    focal_point: FocalPoint = FocalPoint()
    responsible: Responsible = Responsible()
    #: bộ phận một cửa, shown on the administrative procedures page
    one_stop: OneStop = OneStop()
    edit_url: str = ""  # e.g. https://github.com/<org>/<repo>/edit/main/ (optional)
    #: the open data's licence, decided by the office (empty: not published yet)
    open_data_license: OpenDataLicense = OpenDataLicense()
    #: values the privacy guard must let through, each with its reason
    privacy_allow: list[AllowedValue] = []

    @field_validator("edit_url")
    @classmethod
    def _edit_url_is_https(cls, value: str) -> str:
        # Printed as the "Sửa tệp dữ liệu" link of every page: a javascript: or data: URL
        # would run in every visitor's browser, an http: one could be rewritten in transit.
        if value and safe_url(value) is None:
            raise PydanticCustomError(
                "unsafe_url",
                '"{value}" không phải địa chỉ https:// hợp lệ; liên kết sửa dữ liệu phải bắt '
                "đầu bằng https://, không có khoảng trắng hay ký tự điều khiển "
                "(must be an https:// URL without spaces or control characters)",
                {"value": value},
            )
        return value


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


def missing(site: Site) -> list[str]:
    """The keys of :data:`EXPECTED` (``section.key``) that ``site`` leaves empty."""
    return [
        dotted
        for dotted in EXPECTED
        if not getattr(getattr(site, dotted.split(".")[0]), dotted.split(".")[1])
    ]


def load_site(path: Path, problems: Problems, docs_dir: Path | None = None) -> Site | None:
    """``data/site.yaml`` read and checked; ``docs_dir`` (default: ``docs/`` beside
    ``data/``) is where ``agency.logo`` must exist."""
    site, node = load_yaml(Site, path, FILE, problems)
    if site is None:
        return None
    for dotted in missing(site):
        section, key = dotted.split(".")
        problems.add(
            Problem(
                FILE,
                line_of(node, (section, key)),
                dotted,
                f'chưa có {EXPECTED[dotted]}; trang sẽ ghi "chưa cập nhật" (not supplied yet)',
                Severity.MISSING,
            )
        )
    logo = site.agency.logo
    docs = docs_dir if docs_dir is not None else path.parent.parent / "docs"
    if logo and not (docs / logo).is_file():
        problems.add(
            Problem(
                FILE,
                line_of(node, ("agency", "logo")),
                "agency.logo",
                f'không tìm thấy tệp "docs/{logo}" (file does not exist)',
            )
        )
    return site
