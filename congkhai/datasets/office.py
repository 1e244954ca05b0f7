"""Chức năng, nhiệm vụ của cơ quan (``data/co-cau-to-chuc.yaml``): the text of the decision
that sets the office's functions, duties and powers (Luật Tiếp cận thông tin Art. 17(1)(k)).

The organisation page (``/co-cau-to-chuc/``) draws the structure from
``data/organizations.csv`` and lists the leaders from ``data/people.csv``; this file only
holds what those tables cannot: the functions and duties, copied verbatim from the decision
named in ``source``. Shipped empty (the seed names no such decision): the page then says
once that the text has not been provided. A missing file is read as an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from ..ids import ORGANISATION
from ..problems import Problems
from .descriptor import Dataset, Section, Source
from .fields import column
from .refs import Located, Ref
from .yamlfile import line_of, load_yaml

FILE = "data/co-cau-to-chuc.yaml"


class OfficeFunctions(BaseModel):
    """The whole of ``data/co-cau-to-chuc.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    organization: Annotated[str, Ref("organizations")] = column(
        "Cơ quan",
        "Mã cơ quan trong organizations.csv; trống: cơ quan chủ quản của cổng (site.yaml).",
        "vpub",
        default="",
    )
    source: str = column(
        "Căn cứ",
        "Văn bản quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức (số, ngày, cơ "
        "quan ban hành). Bắt buộc khi đã ghi chức năng hoặc nhiệm vụ.",
        "Quyết định số …/QĐ-UBND ngày … của UBND tỉnh",
        default="",
        prose=True,
    )
    document: Annotated[str, Ref("documents")] = column(
        "Văn bản trong sổ",
        "Mã của văn bản đó trong documents.csv, nếu đã đăng.",
        "",
        default="",
    )
    functions: str = column(
        "Chức năng", "Nguyên văn điều quy định vị trí, chức năng.", "", default="", prose=True
    )
    duties: list[str] = column(
        "Nhiệm vụ, quyền hạn",
        "Nguyên văn từng nhiệm vụ, quyền hạn, mỗi ý một dòng bắt đầu bằng dấu gạch ngang.",
        "",
        default=[],
        prose=True,
    )

    @model_validator(mode="after")
    def _sourced(self) -> OfficeFunctions:
        # A legal fact without its source cannot be checked: never published as such.
        if (self.functions or self.duties) and not self.source:
            raise PydanticCustomError(
                "source",
                "chức năng, nhiệm vụ phải ghi căn cứ (source): văn bản quy định, số, ngày "
                "(functions and duties need their source decision)",
            )
        return self

    @property
    def given(self) -> bool:
        return bool(self.functions or self.duties)


@dataclass(frozen=True)
class OfficeData:
    """The validated file and its YAML node tree (for lines in later messages)."""

    info: OfficeFunctions
    node: yaml.Node | None

    def line(self, path: tuple[str | int, ...]) -> int | None:
        return line_of(self.node, path)

    def located(self) -> list[Located[BaseModel]]:
        """The record naming an organisation and a document, for the reference rule."""
        return [Located(self.info, FILE, None, node=self.node)]


def load_office(path: Path, problems: Problems) -> OfficeData:
    """Read ``data/co-cau-to-chuc.yaml`` (problems with file and line go to ``problems``);
    a missing or invalid file gives the empty text, so the page still says what is missing."""
    info, node = load_yaml(OfficeFunctions, path, FILE, problems, optional_file=True)
    return OfficeData(info if info is not None else OfficeFunctions(), node)


DATASET = Dataset(
    "office",
    "Cơ cấu tổ chức",
    (
        Source(
            FILE,
            "Chức năng, nhiệm vụ, quyền hạn của cơ quan",
            "Nguyên văn chức năng, nhiệm vụ, quyền hạn của cơ quan và văn bản quy định (căn cứ). "
            "Sơ đồ tổ chức vẽ từ cột parent và kind của organizations.csv; lãnh đạo lấy từ "
            "people.csv.",
            OfficeFunctions,
        ),
    ),
    Section(
        ORGANISATION,
        "Cơ cấu tổ chức",
        "Chức năng, nhiệm vụ, sơ đồ tổ chức, lãnh đạo, đơn vị trực thuộc và tổ chức Đảng của "
        "cơ quan.",
    ),
)
