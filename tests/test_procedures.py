"""Thủ tục hành chính (``/thu-tuc-hanh-chinh/``): the procedures of
``data/thu-tuc-hanh-chinh.csv`` with their portal links, the one-stop desk of
``site.yaml``, the empty states, and the download in the Data Package."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOT, Build, build, make_project

from congkhai.datasets.procedures import PORTAL_CODE, PROCEDURE_COLUMNS

PAGE = "thu-tuc-hanh-chinh/"
HEADER = (ROOT / "data/thu-tuc-hanh-chinh.csv").read_text(encoding="utf-8")
SITE_YAML = (ROOT / "data/site.yaml").read_text(encoding="utf-8")
NATIONAL = (
    "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.000894"
)
PLANTED = HEADER + (
    f"thu-tuc-dong-thu,Thủ tục dòng thử,1.000894,Văn thư,mot-phan,vpub,{NATIONAL},"
    "https://dichvucong.sonla.gov.vn/thu-tuc/dong-thu,Bộ phận Một cửa (dòng thử),"
    "Sáng thứ Hai đến thứ Sáu,03 ngày làm việc,Không,\n"
)
ONE_STOP = SITE_YAML.replace(
    'one_stop:\n  address: ""\n  hours: ""',
    'one_stop:\n  address: "Tầng 1 trụ sở (dòng thử)"\n  hours: "Giờ hành chính (dòng thử)"',
)


def _article(result: Build) -> Tag:
    article = result.html(PAGE).select_one("article")
    assert article is not None
    return article


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("1.000894", True),  # Đăng ký kết hôn on the national portal
        ("2.000806", True),
        ("1.000110.000.00.00.H01", True),  # a locality's version of a procedure
        ("1000894", False),
        ("1.00089", False),
        ("BTP-SLA-277", False),
        ("1.000110.000.00.00", False),
    ],
)
def test_portal_code_format(code: str, valid: bool) -> None:
    assert bool(PORTAL_CODE.fullmatch(code)) is valid


def test_shipped_page_says_once_that_no_procedure_and_no_desk_is_given(seed_build: Build) -> None:
    text = _text(_article(seed_build))
    assert text.count("Chưa có thủ tục hành chính nào được công bố trong dữ liệu") == 1
    assert text.lower().count("chưa cập nhật") == 1
    assert "Địa chỉ, thời gian tiếp nhận hồ sơ, điện thoại, thư điện tử của bộ phận một cửa" in text
    rows = list(
        csv.reader(
            io.StringIO(
                (seed_build.site / "du-lieu-mo/thu-tuc-hanh-chinh.csv").read_text(
                    encoding="utf-8-sig"
                )
            )
        )
    )
    assert rows == [list(PROCEDURE_COLUMNS)]


def test_the_download_is_a_resource_of_the_data_package(seed_build: Build) -> None:
    package = json.loads(
        (seed_build.site / "du-lieu-mo/datapackage.json").read_text(encoding="utf-8")
    )
    resource = next(r for r in package["resources"] if r["name"] == "thu-tuc-hanh-chinh")
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == list(PROCEDURE_COLUMNS)
    assert fields["code"]["title"] == "Mã trên Cổng Dịch vụ công quốc gia"
    assert fields["online_label"]["title"] == "Mức độ trực tuyến (tên gọi)"
    assert resource["schema"]["foreignKeys"] == [
        {"fields": "organization", "reference": {"resource": "co-quan", "fields": "id"}}
    ]
    links = {a["href"] for a in seed_build.html("du-lieu-mo/").select("article a[href]")}
    assert {"thu-tuc-hanh-chinh.csv", "thu-tuc-hanh-chinh.json"} <= links


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("procedures")
    project = make_project(
        tmp, {"data/thu-tuc-hanh-chinh.csv": PLANTED, "data/site.yaml": ONE_STOP}
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_planted_procedure_shows_with_its_portal_links(planted: Build) -> None:
    article = _article(planted)
    row = article.select_one('tr[data-id="thu-tuc-dong-thu"]')
    assert row is not None
    text = _text(row)
    for fact in ("Thủ tục dòng thử", "1.000894", "Bộ phận Một cửa (dòng thử)", "03 ngày làm việc"):
        assert fact in text
    assert "Văn phòng Ủy ban nhân dân tỉnh Sơn La" in text  # the organisation's name
    assert row.select_one("a.ck-portal-national")["href"] == NATIONAL
    provincial = row.select_one("a.ck-portal-provincial")["href"]
    assert provincial == "https://dichvucong.sonla.gov.vn/thu-tuc/dong-thu"
    assert [_text(h) for h in article.select("h3")] == ["Lĩnh vực Văn thư"]
    page = _text(article)
    assert "Chưa có thủ tục hành chính nào" not in page
    desk = _text(article.select_one("section.ck-one-stop"))
    assert "Tầng 1 trụ sở (dòng thử)" in desk and "Giờ hành chính (dòng thử)" in desk
    assert "Điện thoại, thư điện tử của bộ phận một cửa: chưa cập nhật." in desk
    exported = json.loads(
        (planted.site / "du-lieu-mo/thu-tuc-hanh-chinh.json").read_text(encoding="utf-8")
    )
    assert "thu-tuc-dong-thu" in json.dumps(exported, ensure_ascii=False)
    catalogue = planted.html("tiep-can-thong-tin/danh-muc/").select_one("article")
    assert catalogue is not None
    assert catalogue.select_one('a[href="../../thu-tuc-hanh-chinh/"]') is not None
    assert catalogue.select_one('a[href="../../co-cau-to-chuc/"]') is not None


def _failing(tmp_path: Path, csv_text: str) -> str:
    result = build(
        make_project(tmp_path, {"data/thu-tuc-hanh-chinh.csv": csv_text}), tmp_path / "site"
    )
    assert result.returncode != 0
    return result.output


def test_a_javascript_link_is_refused_with_file_line_and_column(tmp_path: Path) -> None:
    row = "thu-tuc-x,Thủ tục,,,,,javascript:alert(1),,,,,,\n"
    output = _failing(tmp_path, HEADER + row)
    assert (
        'data/thu-tuc-hanh-chinh.csv:2: cột "national_url" (G): "javascript:alert(1)" '
        "không phải địa chỉ https:// hợp lệ"
    ) in output
    assert "Traceback" not in output


def test_a_code_not_in_the_portal_format_and_an_unknown_unit_are_refused(tmp_path: Path) -> None:
    rows = "thu-tuc-x,Thủ tục,BTP-SLA-277,,,,,,,,,,\nthu-tuc-y,Thủ tục,,,,khong-co,,,,,,,\n"
    output = _failing(tmp_path, HEADER + rows)
    assert 'data/thu-tuc-hanh-chinh.csv:2: cột "code" (C): "BTP-SLA-277" không phải mã' in output
    assert 'data/thu-tuc-hanh-chinh.csv:3: cột "organization" (F)' in output
