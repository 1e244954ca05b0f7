"""Cơ cấu tổ chức (``/co-cau-to-chuc/``): the chart drawn from ``organizations.csv``, the
nested list, leaders with their work contacts, the office's functions, and the downloads."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, Build, build, make_project

PAGE = "co-cau-to-chuc/"
SHIPPED_ORGS = (ROOT / "data/organizations.csv").read_text(encoding="utf-8")
SHIPPED_PEOPLE = (ROOT / "data/people.csv").read_text(encoding="utf-8")
SITE_YAML = (ROOT / "data/site.yaml").read_text(encoding="utf-8")

#: a department and a sub-unit under the office, a unit with an explicit order first, and
#: a mass organisation of the office drawn beside it
PLANTED_ORGS = SHIPPED_ORGS + (
    "phong-tong-hop,Phòng Tổng hợp,Phòng Tổng hợp,nha-nuoc,,vpub,phong,,,,,2\n"
    "to-van-thu,Tổ Văn thư,Tổ Văn thư,nha-nuoc,,phong-tong-hop,,,,,,\n"
    "phong-dau-tien,Phòng Quản trị,Phòng Quản trị,nha-nuoc,,vpub,phong,"
    "Quản lý tài sản của cơ quan,Tầng 2 trụ sở,0212 3850 001,,1\n"
    "cong-doan-vp,Công đoàn Văn phòng,Công đoàn Văn phòng,nha-nuoc,,,doan-the,,,,,\n"
)
LANDLINE = "0212 3852 123"
WORK_EMAIL = "vanphong.lanhdao@sonla.gov.vn"
PLANTED_PEOPLE = SHIPPED_PEOPLE.replace(
    "soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,,,,",
    f"soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,Phụ trách công tác tiếp công dân,"
    f"{LANDLINE},{WORK_EMAIL},1",
)
#: a work e-mail is published only when site.yaml lets it through, with its reason
ALLOWED_SITE = SITE_YAML + (
    "privacy_allow:\n"
    f"  - value: {WORK_EMAIL}\n"
    "    reason: thư điện tử công vụ của Phó Chánh Văn phòng\n"
)
FUNCTIONS = (
    "organization: vpub\n"
    'source: "Quyết định số 35/QĐ-VPUB ngày 31/3/2020 (dòng thử)"\n'
    'functions: "Văn phòng là cơ quan tham mưu, giúp việc (dòng thử)."\n'
    "duties:\n  - Nhiệm vụ thứ nhất (dòng thử)\n  - Nhiệm vụ thứ hai (dòng thử)\n"
)


def _article(result: Build) -> Tag:
    article = result.html(PAGE).select_one("article")
    assert article is not None
    return article


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _tree_of_list(ul: Tag) -> list[tuple[str, list]]:  # type: ignore[type-arg]
    """The nested list as (id, children) pairs."""
    out = []
    for li in ul.find_all("li", recursive=False):
        sub = li.find("ul", recursive=False)
        out.append((li["data-id"], _tree_of_list(sub) if sub else []))
    return out


def _edges(svg: Tag) -> set[tuple[str, str]]:
    return {(p["data-from"], p["data-to"]) for p in svg.select("path.ck-org-edge")}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("organisation")
    project = make_project(
        tmp,
        {
            "data/organizations.csv": PLANTED_ORGS,
            "data/people.csv": PLANTED_PEOPLE,
            "data/site.yaml": ALLOWED_SITE,
            "data/co-cau-to-chuc.yaml": FUNCTIONS,
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_shipped_chart_draws_the_office_its_unit_and_the_party_committee_beside_it(
    seed_build: Build,
) -> None:
    article = _article(seed_build)
    svg = article.select_one("figure svg.ck-org-chart")
    assert svg is not None and svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert "Sơ đồ tổ chức" in svg.find(id=title_id).get_text()
    assert "Bên cạnh: Đảng ủy Văn phòng UBND tỉnh Sơn La" in svg.find(id=desc_id).get_text()
    nodes = {g["data-id"] for g in svg.select("g.ck-org-node")}
    assert nodes == {"vpub", "trung-tam-thong-tin", "dang-uy-vpub"}
    # the edges are the parent column of organizations.csv inside the office's tree
    assert _edges(svg) == {("vpub", "trung-tam-thong-tin")}
    assert _tree_of_list(article.select_one("ul.ck-org-tree")) == [
        ("vpub", [("trung-tam-thong-tin", [])]),
        ("dang-uy-vpub", []),
    ]
    # readable on a 360 px phone: about 320 px of content for the viewBox width
    width = float(svg["viewbox"].split()[2])
    sizes = {float(t["font-size"]) for t in svg.select("text")}
    assert sizes and min(sizes) * 320 / width >= 12


def test_shipped_page_says_once_what_is_not_provided(seed_build: Build) -> None:
    article = _article(seed_build)
    text = _text(article)
    assert text.count("chưa được cung cấp") == 1
    assert text.lower().count("chưa cập nhật") == 1
    missing = _text(article.select_one(".ck-missing"))
    assert "họ và tên của Chánh Văn phòng UBND tỉnh" in missing
    # the seed's one named signer is listed with his title
    rows = [[_text(td) for td in tr.select("td")] for tr in article.select("table.ck-leaders tr")]
    assert ["Phó Chánh Văn phòng", "Sòi Đức Nghĩa", "", "", ""] in rows
    # each body links its documents in the register
    links = {a["href"] for a in article.select("a[href]")}
    assert {"../van-ban/co-quan/vpub/", "../van-ban/co-quan/dang-uy-vpub/"} <= links
    assert "Tổ chức Đảng, đoàn thể" in [_text(h) for h in article.select("h2")]
    headings = [int(h.name[1]) for h in article.select("h1, h2, h3, h4")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings


def test_planted_units_follow_the_parent_column_and_their_order(planted: Build) -> None:
    article = _article(planted)
    svg = article.select_one("svg.ck-org-chart")
    assert svg is not None
    rows = _csv_rows(PLANTED_ORGS)
    office_tree = {"vpub", "trung-tam-thong-tin", "phong-tong-hop", "to-van-thu", "phong-dau-tien"}
    expected = {(r["parent"], r["id"]) for r in rows if r["parent"] in office_tree}
    assert _edges(svg) == expected
    assert {g["data-id"] for g in svg.select("g.ck-org-node")} == office_tree | {
        "dang-uy-vpub",
        "cong-doan-vp",
    }
    # order 1 before order 2 before the unit without an order; beside: in file order
    assert _tree_of_list(article.select_one("ul.ck-org-tree")) == [
        (
            "vpub",
            [
                ("phong-dau-tien", []),
                ("phong-tong-hop", [("to-van-thu", [])]),
                ("trung-tam-thong-tin", []),
            ],
        ),
        ("dang-uy-vpub", []),
        ("cong-doan-vp", []),
    ]
    unit = article.select_one("#don-vi-phong-dau-tien")
    assert unit is not None
    assert "Quản lý tài sản của cơ quan" in _text(unit) and "0212 3850 001" in _text(unit)


def test_planted_leader_shows_duties_work_phone_and_allowed_email(planted: Build) -> None:
    article = _article(planted)
    rows = [[_text(td) for td in tr.select("td")] for tr in article.select("table.ck-leaders tr")]
    assert [
        "Phó Chánh Văn phòng",
        "Sòi Đức Nghĩa",
        "Phụ trách công tác tiếp công dân",
        LANDLINE,
        WORK_EMAIL,
    ] in rows
    assert article.select_one(f'a[href="mailto:{WORK_EMAIL}"]') is not None
    text = _text(article)
    assert "Văn phòng là cơ quan tham mưu, giúp việc (dòng thử)." in text
    assert [_text(li) for li in article.select("ol.ck-duties li")] == [
        "Nhiệm vụ thứ nhất (dòng thử)",
        "Nhiệm vụ thứ hai (dòng thử)",
    ]
    assert "chưa được cung cấp" not in text
    # the decision cited as the source links to the register
    source = article.select_one(".ck-source")
    assert source is not None and source.select_one('a[href="../van-ban/35-qd-vpub-2020/"]')


def test_new_columns_are_in_the_exports_and_the_data_package(planted: Build) -> None:
    folder = planted.site / "du-lieu-mo"
    orgs = _csv_rows((folder / "co-quan.csv").read_text(encoding="utf-8-sig"))
    first = next(r for r in orgs if r["id"] == "phong-dau-tien")
    assert (first["kind"], first["kind_label"], first["order"]) == (
        "phong",
        "Phòng, ban chuyên môn",
        "1",
    )
    assert first["phone"] == "0212 3850 001" and first["address"] == "Tầng 2 trụ sở"
    people = _csv_rows((folder / "nguoi.csv").read_text(encoding="utf-8-sig"))
    leader = next(r for r in people if r["id"] == "soi-duc-nghia")
    assert (leader["phone"], leader["email"], leader["order"]) == (LANDLINE, WORK_EMAIL, "1")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]
    }
    assert fields["co-quan"]["kind"]["title"] == "Vai trò trong cơ cấu"
    assert fields["co-quan"]["order"]["type"] == "integer"
    assert fields["nguoi"]["duties"]["title"] == "Nhiệm vụ được phân công"
    assert fields["nguoi"]["email"]["title"] == "Thư điện tử công vụ"


def _failing(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    result = build(make_project(tmp_path, files), tmp_path / "site")
    assert result.returncode != 0
    return result.output


def test_a_leaders_mobile_number_not_allowed_stops_the_build(tmp_path: Path) -> None:
    people = SHIPPED_PEOPLE.replace(
        "soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,,,,",
        "soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,,0912 345 678,,",
    )
    output = _failing(tmp_path, {"data/people.csv": people})
    line = people.splitlines().index(next(x for x in people.splitlines() if "0912" in x)) + 1
    assert re.search(rf'data/people\.csv:{line}: cột "phone"', output), output
    assert "0912 345 678" not in output  # the log masks it


def test_an_unreadable_email_and_functions_without_source_are_refused(tmp_path: Path) -> None:
    people = SHIPPED_PEOPLE.replace(
        "soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,,,,",
        "soi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub,,,khong-phai-thu,",
    )
    output = _failing(
        tmp_path,
        {
            "data/people.csv": people,
            "data/co-cau-to-chuc.yaml": 'functions: "Chức năng không có căn cứ"\n',
        },
    )
    assert 'data/people.csv:2: cột "email" (G): "khong-phai-thu" không phải địa chỉ thư' in output
    assert "data/co-cau-to-chuc.yaml" in output and "phải ghi căn cứ (source)" in output


def test_html_is_escaped_in_the_chart_and_the_list(tmp_path: Path) -> None:
    orgs = SHIPPED_ORGS + 'don-vi-the,"<b>Đơn vị</b> & co",,nha-nuoc,,vpub,,,,,,\n'
    result = build(make_project(tmp_path, {"data/organizations.csv": orgs}), tmp_path / "site")
    assert result.returncode == 0, result.output
    page = (result.site / PAGE / "index.html").read_text(encoding="utf-8")
    assert "<b>Đơn vị</b>" not in page
    soup = BeautifulSoup(page, "lxml")
    node = soup.select_one('g.ck-org-node[data-id="don-vi-the"]')
    assert node is not None and "<b>Đơn vị</b> & co" in _text(node)
