"""Tiếp cận thông tin (``data/tiep-can-thong-tin.yaml``): what a citizen needs to ask this
office for information (Luật Tiếp cận thông tin 104/2016/QH13; Nghị định 13/2018/NĐ-CP).

The file holds the legal facts (who may ask, what a request contains, channels, deadlines,
costs, where to complain, the request forms), the office's internal rules (a register
document) and the list of information accessible only on conditions (Art. 7). The focal
point's contacts stay in ``data/site.yaml``. Every legal fact names its ``source`` and its
``source_kind`` (official text or secondary source), so that the 2026 revision of the law is
an edit of this file, and the compliance report can list what is not yet checked.

A fact whose ``text`` is empty is known to exist but not yet transcribed: the page lists it
once under "chưa cập nhật" (:func:`missing_facts`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..ids import ACCESS
from ..problems import Problems
from ..vocab import SourceKind
from .descriptor import Dataset, Section, Source
from .fields import column
from .refs import Located, Ref
from .yamlfile import line_of, load_yaml

FILE = "data/tiep-can-thong-tin.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Sourced(_Strict):
    """Căn cứ of a legal fact: the law or decree and article, and whether the official text
    was read (``chinh-thuc``) or only a secondary source (``thu-cap``)."""

    source: str = column(
        "Căn cứ", "Văn bản và điều, khoản.", "Luật 104/2016/QH13, Điều 24", min_length=1, prose=True
    )
    source_kind: SourceKind = column(
        "Loại nguồn",
        "chinh-thuc: đã đối chiếu văn bản chính thức; thu-cap: chép từ nguồn thứ cấp.",
        "thu-cap",
    )


class Fact(Sourced):
    """Một quy định, chép nguyên văn."""

    text: str = column("Nội dung", "Nguyên văn quy định.", "", min_length=1, prose=True)


class Clauses(Sourced):
    """A rule with its list of points (a request's contents, costs, complaints)."""

    text: str = column("Câu dẫn", "Câu mở đầu, nếu có.", "", default="", prose=True)
    items: list[str] = column("Các ý", "Nguyên văn từng ý.", "", min_length=1, prose=True)


class Deadline(Sourced):
    """Thời hạn giải quyết yêu cầu for one case of one channel. ``text`` empty: the rule
    exists but is not transcribed yet."""

    case: str = column("Trường hợp", "", "Thông tin đơn giản, có sẵn", min_length=1)
    days: int | None = column(
        "Số ngày làm việc", "Thời hạn, tính bằng ngày làm việc.", "3", default=None, ge=0
    )
    extension: str = column("Gia hạn", "Gia hạn tối đa, như luật ghi.", "", default="")
    text: str = column("Nguyên văn", "Nguyên văn quy định về thời hạn.", "", default="", prose=True)


class Channel(Sourced):
    """Một cách gửi yêu cầu (tại trụ sở, qua mạng điện tử, bưu chính, fax) and its deadlines."""

    id: str = column("Mã", "", "mang-dien-tu", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = column("Tên", "", "Qua mạng điện tử", min_length=1)
    how: str = column("Cách gửi", "", "", min_length=1, prose=True)
    deadlines: list[Deadline] = column("Thời hạn", "", "", default=[])


class FormField(_Strict):
    """Một ô của mẫu phiếu, printed as ``lines`` dotted lines."""

    label: str = Field(min_length=1)
    lines: int = Field(default=1, ge=1, le=12)


class Form(Sourced):
    """Một mẫu phiếu of the decree's appendix, with the fields a citizen fills in."""

    code: str = column("Số hiệu mẫu", "", "Mẫu số 01a", min_length=1)
    name: str = column("Tên mẫu", "", "Phiếu yêu cầu cung cấp thông tin", min_length=1)
    fields: list[FormField] = column("Các ô", "", "", min_length=1)


class ConditionalItem(_Strict):
    """Một loại thông tin công dân được tiếp cận có điều kiện, and the condition."""

    title: str = Field(min_length=1)
    condition: str = ""
    source: str = ""


class ConditionalList(_Strict):
    source: str = Field(min_length=1)
    items: list[ConditionalItem] = []


class LegalBasis(_Strict):
    """A law or decree the section rests on; ``document`` links its register page."""

    title: str = Field(min_length=1)
    number: str = Field(min_length=1)
    document: Annotated[str, Ref("documents")] = ""


class AccessInfo(_Strict):
    """The whole of ``data/tiep-can-thong-tin.yaml``."""

    law_version: Fact = column(
        "Phiên bản luật", "Các quy định theo luật nào (đổi khi luật sửa đổi có hiệu lực).", ""
    )
    legal_basis: list[LegalBasis] = column("Căn cứ pháp lý", "", "", min_length=1)
    who_may_ask: list[Fact] = column("Người có quyền yêu cầu", "", "", default=[])
    request_contents: Clauses = column("Nội dung phiếu yêu cầu", "Điều 24 khoản 2.", "")
    channels: list[Channel] = column("Cách gửi yêu cầu và thời hạn", "", "", min_length=1)
    costs: Clauses = column("Chi phí", "Điều 12.", "")
    complaints: Clauses = column("Khiếu nại, khởi kiện, tố cáo", "Điều 14.", "")
    forms: list[Form] = column("Mẫu phiếu", "Phụ lục Nghị định 13/2018/NĐ-CP.", "", default=[])
    rules_document: Annotated[str, Ref("documents")] = column(
        "Quy chế nội bộ",
        "Mã văn bản quy chế cung cấp thông tin của cơ quan trong documents.csv.",
        "35-qd-vpub-2020",
        default="",
    )
    conditional_information: ConditionalList = column(
        "Thông tin tiếp cận có điều kiện", "Điều 7; để trống nếu chưa có danh mục.", ""
    )


@dataclass(frozen=True)
class AccessData:
    """The validated file and its YAML node tree (for lines in later messages)."""

    info: AccessInfo
    node: yaml.Node | None

    def line(self, path: tuple[str | int, ...]) -> int | None:
        return line_of(self.node, path)

    def located(self) -> list[Located[BaseModel]]:
        """The records that name register documents, for the generic reference rule."""
        found: list[Located[BaseModel]] = [Located(self.info, FILE, None, node=self.node)]
        for i, basis in enumerate(self.info.legal_basis):
            found.append(Located(basis, FILE, None, node=self.node, path=("legal_basis", i)))
        return found


def load_access(path: Path, problems: Problems) -> AccessData | None:
    """Read ``data/tiep-can-thong-tin.yaml``; problems (with file and line) go to
    ``problems``. A missing file is no problem: the section is then not built."""
    info, node = load_yaml(AccessInfo, path, FILE, problems, optional_file=True)
    return AccessData(info, node) if info is not None else None


@dataclass(frozen=True)
class LegalFact:
    """One sourced fact of the file, with its key path (``("channels", 1, "deadlines", 0)``)."""

    path: tuple[str | int, ...]
    label: str
    source: str
    source_kind: SourceKind
    transcribed: bool


def legal_facts(info: AccessInfo) -> Iterator[LegalFact]:
    """Every sourced fact in file order: the compliance report lists those whose source is
    secondary (``thu-cap``) or whose text is not transcribed yet."""

    def fact(path: tuple[str | int, ...], label: str, f: Sourced, done: bool = True) -> LegalFact:
        return LegalFact(path, label, f.source, f.source_kind, done)

    yield fact(("law_version",), "Phiên bản luật", info.law_version)
    for i, item in enumerate(info.who_may_ask):
        yield fact(("who_may_ask", i), "Người có quyền yêu cầu", item)
    yield fact(("request_contents",), "Nội dung phiếu yêu cầu", info.request_contents)
    for i, channel in enumerate(info.channels):
        yield fact(("channels", i), f"Cách gửi yêu cầu: {channel.name}", channel)
        for j, d in enumerate(channel.deadlines):
            label = f"Thời hạn {channel.name.lower()}: {d.case}"
            yield fact(("channels", i, "deadlines", j), label, d, bool(d.text))
    yield fact(("costs",), "Chi phí", info.costs)
    yield fact(("complaints",), "Khiếu nại, khởi kiện, tố cáo", info.complaints)
    for i, form in enumerate(info.forms):
        yield fact(("forms", i), f"{form.code}: {form.name}", form)


def missing_facts(info: AccessInfo) -> list[str]:
    """What the page cannot say yet, as short Vietnamese phrases (shown once, together)."""
    missing = [f"{f.label.lower()} ({f.source})" for f in legal_facts(info) if not f.transcribed]
    if not info.conditional_information.items:
        missing.append(
            f"danh mục thông tin tiếp cận có điều kiện ({info.conditional_information.source})"
        )
    if not info.rules_document:
        missing.append("quy chế nội bộ về cung cấp thông tin")
    return missing


DATASET = Dataset(
    "access",
    "Tiếp cận thông tin",
    (
        Source(
            FILE,
            "Tiếp cận thông tin",
            "Căn cứ pháp lý, người có quyền yêu cầu, nội dung phiếu yêu cầu, cách gửi và thời "
            "hạn, chi phí, khiếu nại, mẫu phiếu, quy chế nội bộ và danh mục thông tin tiếp cận "
            "có điều kiện. Mỗi quy định ghi căn cứ (source) và loại nguồn (source_kind). Liên "
            "hệ của đầu mối cung cấp thông tin ghi trong data/site.yaml.",
            AccessInfo,
        ),
    ),
    Section(
        ACCESS,
        "Tiếp cận thông tin",
        "Đầu mối cung cấp thông tin, cách yêu cầu cung cấp thông tin, thời hạn, chi phí, "
        "khiếu nại và mẫu phiếu yêu cầu.",
    ),
)
