"""Dữ liệu mở as a standard: the Frictionless Data Package, the downloads, the open-data page."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_AS_OF, Build, build, document_row, make_project, with_documents
from frictionless import Package, Report, validate
from pydantic import BaseModel

from congkhai.datasets.documents import Document
from congkhai.datasets.meetings import Meeting
from congkhai.opendata import table_field
from congkhai.problems import DataError
from congkhai.site import build_site

SEED_DATE = dt.date.fromisoformat(SEED_AS_OF)
PACKAGE = "du-lieu-mo/datapackage.json"


def _package(result: Build) -> dict[str, Any]:
    return json.loads((result.site / PACKAGE).read_text(encoding="utf-8"))


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _errors(report: Report) -> list[str]:
    return [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors] + [
        e.message for e in report.errors
    ]


def test_shipped_data_package_validates_with_frictionless(seed_build: Build) -> None:
    """frictionless checks the descriptor against the v1 profile and every CSV against it:
    header, types, primary and foreign keys, byte count and SHA-256."""
    report = validate(str(seed_build.site / PACKAGE))
    assert report.valid, _errors(report)
    # frictionless gives no row count for a header-only file (the shipped statistics)
    checked = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert checked["van-ban"] > 0 and checked["quan-he-van-ban"] > 0, checked
    assert len(checked) == len(_package(seed_build)["resources"])


def test_every_published_csv_is_a_resource_whose_fields_are_its_header(
    seed_build: Build,
) -> None:
    package = _package(seed_build)
    folder = seed_build.site / "du-lieu-mo"
    resources = {r["path"]: r for r in package["resources"]}
    published = {p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")}
    assert set(resources) == published
    for path, resource in resources.items():
        raw = (folder / path).read_bytes()
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == _csv(folder / path)[0], path
        assert resource["bytes"] == len(raw)
        assert resource["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
        # every column has a Vietnamese title: a new export column must be described
        # (congkhai.opendata.DERIVED, or the model's column(...))
        untitled = [f["name"] for f in fields if f["title"] == f["name"]]
        assert not untitled, (path, untitled)
    assert "licenses" not in package  # site.yaml ships no licence: the office decides


def test_two_builds_give_a_byte_identical_data_package(seed_build: Build) -> None:
    """Same data and as-of date: the same bytes, in this process and in the MkDocs build."""

    def planned() -> bytes:
        plan = build_site(ROOT, SEED_DATE)
        return next(f.content for f in plan.files if f.path == PACKAGE)

    first = planned()
    assert first == planned() == (seed_build.site / PACKAGE).read_bytes()


def test_open_data_page_lists_relations_organisations_people_and_totals(
    seed_build: Build,
) -> None:
    page = seed_build.html("du-lieu-mo/")
    article = page.select_one("article")
    assert article is not None
    text = " ".join(article.get_text(" ").split())
    links = {a["href"] for a in article.select("a[href]")}
    for name, title in (
        ("quan-he-van-ban", "Quan hệ giữa văn bản"),
        ("co-quan", "Cơ quan, tổ chức"),
        ("nguoi", "Người ký, người chủ trì, người tiếp công dân"),
        ("so-lieu-hang-nam", "Số liệu hội nghị, đối thoại cả năm"),
    ):
        assert {f"{name}.csv", f"{name}.json"} <= links, name
        assert (seed_build.site / "du-lieu-mo" / f"{name}.json").is_file()
        heading = article.find("h3", id=f"bo-{name}")
        assert heading is not None and title in heading.get_text(), name
    assert "datapackage.json" in links
    assert "Giấy phép sử dụng dữ liệu mở: chưa công bố giấy phép." in text
    # a column: Vietnamese label, column id and type, in the relations table
    relations = article.find("h3", id="bo-quan-he-van-ban").find_next("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in relations("tr")]
    assert ["Văn bản nguồn", "source", "chữ"] in rows
    assert ["Ngày", "date", "ngày (yyyy-mm-dd)"] in rows
    # size and date of each download (the shipped data is committed: git dates it)
    register = article.find("a", href="van-ban.csv").find_parent("tr")
    cells = register.select("td")
    assert "KB" in cells[1].get_text() and cells[3].find("time") is not None


def test_new_exports_hold_the_shipped_rows(seed_build: Build) -> None:
    folder = seed_build.site / "du-lieu-mo"
    relations = _csv(folder / "quan-he-van-ban.csv")
    assert relations[0] == ["source", "relation", "relation_label", "target", "date", "note"]
    assert ["35-qd-vpub-2020", "thuc-hien", "104-2016-qh13"] in [r[:2] + r[3:4] for r in relations]
    totals = {(r[0], r[1]): r[3] for r in _csv(folder / "so-lieu-hang-nam.csv")[1:]}
    assert totals[("2021", "giao-ban")] == "35"
    people = _csv(folder / "nguoi.csv")
    assert people[0] == ["id", "name", "title", "organization", "duties", "phone", "email", "order"]
    assert ["soi-duc-nghia", "Sòi Đức Nghĩa", "Phó Chánh Văn phòng", "vpub"] in [
        r[:4] for r in people
    ]
    assert ["vpub", "Văn phòng Ủy ban nhân dân tỉnh Sơn La"] in [
        r[:2] for r in _csv(folder / "co-quan.csv")
    ]


LICENSED_SITE = (
    (ROOT / "data" / "site.yaml")
    .read_text(encoding="utf-8")
    .replace(
        'open_data_license:\n  name: ""\n  title: ""\n  path: ""\n',
        "open_data_license:\n  name: CC-BY-4.0\n  title: Creative Commons Ghi công 4.0\n"
        "  path: https://creativecommons.org/licenses/by/4.0/\n",
    )
)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A licence in site.yaml; a published date to parse; a relation to an internal
    document (never exported) beside one between two public documents."""
    assert "CC-BY-4.0" in LICENSED_SITE
    tmp = tmp_path_factory.mktemp("opendata")
    project = make_project(
        tmp,
        {
            "data/site.yaml": LICENSED_SITE,
            "data/documents.csv": with_documents(
                document_row(
                    id="ke-hoach-ngay-dang-tai",
                    number="41/KH-VPUB",
                    issued="01/03/2021",
                    title="Kế hoạch có ngày đăng tải",
                    published="05/3/2021",
                ),
                document_row(
                    id="ke-hoach-noi-bo",
                    number="42/KH-VPUB",
                    issued="02/03/2021",
                    title="Kế hoạch nội bộ",
                    access="noi-bo",
                ),
            ),
            "data/relations.csv": "source,relation,target,date,note\n"
            "ke-hoach-ngay-dang-tai,can-cu,22-kh-vpub-2021,05/03/2021,giữa hai văn bản công khai\n"
            "ke-hoach-ngay-dang-tai,lien-quan,ke-hoach-noi-bo,,với văn bản nội bộ\n",
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_a_planted_date_column_is_typed_date_and_parses(planted: Build) -> None:
    report = validate(str(planted.site / PACKAGE))
    assert report.valid, _errors(report)
    package = Package(str(planted.site / PACKAGE))
    register = package.get_resource("van-ban")
    published = next(f for f in register.schema.fields if f.name == "published")
    assert published.type == "date"
    rows = {row["id"]: row for row in register.read_rows()}
    assert rows["ke-hoach-ngay-dang-tai"]["published"] == dt.date(2021, 3, 5)
    relations = package.get_resource("quan-he-van-ban").read_rows()
    assert [(r["source"], r["target"], r["date"]) for r in relations] == [
        ("ke-hoach-ngay-dang-tai", "22-kh-vpub-2021", dt.date(2021, 3, 5))
    ]


def test_an_internal_document_is_in_no_open_data_file(planted: Build) -> None:
    for path in (planted.site / "du-lieu-mo").iterdir():
        assert "ke-hoach-noi-bo" not in path.read_text(encoding="utf-8-sig"), path.name


def test_the_licence_site_yaml_names_reaches_the_package_and_the_page(planted: Build) -> None:
    assert _package(planted)["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Ghi công 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    article = planted.html("du-lieu-mo/").select_one("article")
    link = article.find("a", rel="license")
    assert link["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert link.get_text() == "Creative Commons Ghi công 4.0"
    assert "chưa công bố giấy phép" not in article.get_text()


@pytest.mark.parametrize(
    ("licence", "message", "offset"),
    [
        ("  path: http://example.org/licence\n", "không phải địa chỉ https:// hợp lệ", 1),
        ("  name: CC BY 4.0\n", "không phải mã giấy phép", 1),
        ("  title: Giấy phép mở\n", "giấy phép cần mã (name) hoặc địa chỉ (path)", 0),
    ],
)
def test_a_licence_site_yaml_cannot_publish_is_an_error_naming_its_line(
    tmp_path: Path, licence: str, message: str, offset: int
) -> None:
    """``offset``: the line of the faulty key below ``open_data_license:`` (0: the section)."""
    text = (ROOT / "data" / "site.yaml").read_text(encoding="utf-8")
    start = text.index("open_data_license:")
    line = text[:start].count("\n") + 1 + offset
    project = make_project(
        tmp_path, {"data/site.yaml": text[:start] + "open_data_license:\n" + licence}
    )
    with pytest.raises(DataError) as caught:
        build_site(project, SEED_DATE)
    report = str(caught.value)
    assert f"data/site.yaml:{line}: " in report and message in report, report


@pytest.mark.parametrize(
    ("model", "column", "expected"),
    [
        (Document, "published", {"type": "date", "title": "Ngày đăng tải"}),
        (
            Document,
            "issued",
            {"type": "string", "constraints": {"pattern": r"\d{4}-\d{2}(-\d{2})?"}},
        ),
        (Document, "type_label", {"type": "string", "title": "Loại văn bản (tên gọi)"}),
        (Document, "issuer_name", {"type": "string", "title": "Cơ quan ban hành (tên)"}),
        (Meeting, "start", {"type": "time", "format": "%H:%M"}),
        (Meeting, "example", {"type": "boolean"}),
        (Meeting, "url", {"type": "string", "title": "Địa chỉ trang"}),
    ],
)
def test_table_fields_come_from_the_models(
    model: type[BaseModel], column: str, expected: dict[str, Any]
) -> None:
    field = table_field(column, model)
    assert {k: field[k] for k in expected} == expected
    assert "dd/mm/yyyy" not in field.get("description", "")  # exports write ISO dates


class _Label(str):
    """A str subclass (as a StrEnum value is): written as its text."""


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"records": []},
        {"a": 1, "b": 'chữ "trích" \\ \n xuống dòng', "c": None, "d": True, "e": 1.5},
        {"dataset": "van-ban", "count": 2, "records": [{"id": "a", "topics": ["x", "y"]}, {}]},
        [{"nested": {"deeper": [1, [2, []], {"k": float("nan")}]}}],
        {"tuple": ("a", 2), "sub": _Label("nhãn"), "neg": -3, "big": 10**20},
        {1: "khóa số", "x": {2: [3]}},
        {"outer": {1: {"a": [1, 2]}}},
        "chỉ một chuỗi",
        [None, False, 0.1, "<script>"],
    ],
)
def test_dumps_indented_writes_what_json_dumps_indent_1_writes(value: object) -> None:
    from congkhai.exports import dumps_indented

    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)
