"""Documents right (issue 13): legal force only where it applies, every relation kind both
ways, a line for a document without text or file, and the "replaced by" banner on the
shipped (labelled) example data. Every test reads built pages back with BeautifulSoup."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build, make_project

from congkhai import vocab

SHIPPED_HEADER = (ROOT / "data" / "documents.csv").read_text(encoding="utf-8").splitlines()[0]


def _properties(page: BeautifulSoup) -> dict[str, str]:
    return {
        tr.th.get_text(): tr.td.get_text(" ", strip=True)
        for tr in page.select("table.ck-properties tr")
    }


def _json_ld(page: BeautifulSoup) -> dict[str, object]:
    tag = page.find("script", attrs={"type": "application/ld+json"})
    assert tag is not None
    data: dict[str, object] = json.loads(tag.string)
    return data


# --- legal force only where it applies (seed build, as-of 30/11/2021) -------------------------


@pytest.mark.parametrize(
    ("doc_id", "type_label"),
    [
        ("bao-cao-doi-thoai-2021", "Báo cáo"),
        ("22-kh-vpub-2021", "Kế hoạch"),
        ("07-tb-duvp-2021", "Thông báo"),
        ("1037-cv-bdvtu-2019", "Công văn"),
    ],
)
def test_type_without_legal_force_says_not_applicable_and_why(
    seed_build: Build, doc_id: str, type_label: str
) -> None:
    page = seed_build.html(f"van-ban/{doc_id}/")
    props = _properties(page)
    assert props["Tình trạng hiệu lực"] == (
        f"Không áp dụng {type_label} không phải văn bản có hiệu lực pháp lý."
    )
    # no "Không có thông tin" rows for dates such a document never has
    assert "Ngày có hiệu lực" not in props and "Ngày hết hiệu lực" not in props
    assert "legislationLegalForce" not in _json_ld(page)
    assert page.select_one(".ck-properties")["data-status"] == "khong-ap-dung"
    header = page.select_one(".ck-print-header").get_text(" ", strip=True)
    assert "Tình trạng hiệu lực: Không áp dụng" in header


def test_type_with_legal_force_keeps_its_status_and_explains_an_unknown_one(
    seed_build: Build,
) -> None:
    decision = seed_build.html("van-ban/35-qd-vpub-2020/")
    props = _properties(decision)
    assert props["Tình trạng hiệu lực"] == (
        "Chưa xác định Cổng chưa có thông tin về ngày có hiệu lực của văn bản này."
    )
    assert props["Ngày có hiệu lực"] == "Không có thông tin"
    law = seed_build.html("van-ban/104-2016-qh13/")
    assert _properties(law)["Tình trạng hiệu lực"] == "Còn hiệu lực"
    assert _json_ld(law)["legislationLegalForce"] == "https://schema.org/InForce"


def test_register_status_column_facet_and_one_explanation(seed_build: Build) -> None:
    page = seed_build.html("van-ban/")
    status = {
        r.select_one("td a").get_text(): r.select_one("td[data-label='Tình trạng']").get_text()
        for r in page.select("table.ck-table tbody tr")
    }
    assert status["22/KH-VPUB"] == status["/BC-VPUB"] == "Không áp dụng"
    assert status["35/QĐ-VPUB"] == "Chưa xác định"
    notes = [p.get_text() for p in page.select(".ck-status-note")]
    assert notes == [
        "“Không áp dụng”: Báo cáo, công văn, kế hoạch và thông báo không phải văn bản có "
        "hiệu lực pháp lý.",
        "“Chưa xác định”: cổng chưa có thông tin về ngày có hiệu lực của văn bản.",
    ]
    facet = page.select_one("nav.ck-facets a[href='tinh-trang/khong-ap-dung/']")
    assert facet is not None and facet.get_text() == "Không áp dụng"
    listed = seed_build.html("van-ban/tinh-trang/khong-ap-dung/")
    types = {
        r.select_one("td .ck-muted").get_text() for r in listed.select("table.ck-table tbody tr")
    }
    assert types == {"Báo cáo", "Công văn", "Kế hoạch", "Thông báo"}
    assert all(
        t.has_legal_effect is False
        for t in vocab.DOCUMENT_TYPES
        if t.label in types  # the facet lists exactly the types without legal force
    )


def test_exports_write_khong_ap_dung_in_the_status_column(seed_build: Build) -> None:
    raw = (seed_build.site / "du-lieu-mo" / "van-ban.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
    report = rows["bao-cao-doi-thoai-2021"]
    assert (report["status"], report["status_label"], report["status_derived"]) == (
        "khong-ap-dung",
        "Không áp dụng",
        "True",
    )
    assert rows["35-qd-vpub-2020"]["status"] == "khong-xac-dinh"


# --- the replaced-by banner on the shipped example rows --------------------------------------


def test_shipped_example_shows_the_replaced_by_banner(seed_build: Build) -> None:
    old = seed_build.html("van-ban/vi-du-quy-che-phan-anh-2020/")
    # labelled: the example banner and the "minh họa" tag in the register
    assert old.select_one(".ck-example .admonition-title").get_text() == "Văn bản minh họa"
    banner = old.select_one(".admonition.warning.ck-banner")
    assert banner.select_one(".admonition-title").get_text() == "Văn bản không còn hiệu lực"
    assert banner.get_text(" ", strip=True).endswith(
        "Văn bản này đã hết hiệu lực toàn bộ từ ngày 01/4/2021. Bị thay thế bởi: "
        "Quyết định ngày 15/3/2021."
    )
    assert banner.a["href"] == "../vi-du-quy-che-phan-anh-2021/"
    new = seed_build.html("van-ban/vi-du-quy-che-phan-anh-2021/")
    assert _properties(new)["Tình trạng hiệu lực"] == "Còn hiệu lực"
    assert new.select_one(".ck-banner.warning") is None
    register = seed_build.html("van-ban/")
    examples = [
        r
        for r in register.select("table.ck-table tbody tr")
        if "vi-du-quy-che-phan-anh" in r.select_one("td a")["href"]
    ]
    assert len(examples) == 2
    assert all("minh họa" in r.select_one(".ck-number").get_text() for r in examples)


def test_example_banner_holds_at_a_later_date(tmp_path: Path) -> None:
    later = build(make_project(tmp_path), tmp_path / "site", as_of="2026-11-26")
    assert later.returncode == 0, later.output
    banner = later.html("van-ban/vi-du-quy-che-phan-anh-2020/").select_one(".ck-banner.warning")
    assert "Bị thay thế bởi" in banner.get_text()


# --- a page without text or file ----------------------------------------------------------


def test_document_without_text_or_file_says_so_and_where_to_ask(seed_build: Build) -> None:
    page = seed_build.html("van-ban/06-kh-vpub-2021/")
    line = page.select_one(".ck-missing-text")
    assert line.find_previous("h2").get_text() == "Toàn văn"
    assert line.get_text(" ", strip=True).startswith(
        "Chưa có toàn văn hoặc tệp đính kèm của văn bản này trên cổng."
    )
    assert line.a["href"] == "../../tiep-can-thong-tin/"
    assert (seed_build.site / "tiep-can-thong-tin" / "index.html").exists()
    with_text = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    assert with_text.select_one(".ck-missing-text") is None
    assert with_text.select_one(".ck-fulltext") is not None


# --- every relation kind, both ways ------------------------------------------------------------

#: One newer decision acts on one older decision per relation kind; two reports show a
#: replacement of a type without legal force.
KINDS = [k.slug for k in vocab.RELATION_KINDS]
DOCUMENTS = (
    SHIPPED_HEADER
    + "\n"
    + "nguon,20/QĐ-VPUB,quyet-dinh,vpub,10/6/2021,Văn bản NGUỒN,,,,01/7/2021,,,,cong-khai\n"
    + "".join(
        f"dich-{slug},{n}/QĐ-VPUB,quyet-dinh,vpub,05/01/2021,Văn bản ĐÍCH {slug},,,,05/01/2021,,,,"
        "cong-khai\n"
        for n, slug in enumerate(KINDS, start=1)
    )
    + "bc-cu,01/BC-VPUB,bao-cao,vpub,05/01/2021,Báo cáo CŨ,,,,,,,,cong-khai\n"
    + "bc-moi,02/BC-VPUB,bao-cao,vpub,10/6/2021,Báo cáo MỚI,,,,,,,,cong-khai\n"
    + "kh-hieu-luc,09/KH-VPUB,ke-hoach,vpub,05/01/2021,Kế hoạch GHI ĐÈ,,,,05/01/2021,,"
    + "con-hieu-luc,,cong-khai,,,,,Kế hoạch ghi: có hiệu lực từ ngày ký,chinh-thuc\n"
)
RELATIONS = (
    "source,relation,target,date,note\n"
    + "".join(f"nguon,{slug},dich-{slug},,\n" for slug in KINDS)
    + "bc-moi,thay-the,bc-cu,,\n"
)


@pytest.fixture(scope="module")
def related(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("relations")
    project = make_project(tmp, {"data/documents.csv": DOCUMENTS, "data/relations.csv": RELATIONS})
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def _groups(page: BeautifulSoup) -> dict[str, list[str]]:
    """Relation heading -> the hrefs listed under it."""
    return {
        h3.get_text(): [a["href"] for a in h3.find_next_sibling("ul").select("a")]
        for h3 in page.select("h2#van-ban-lien-quan ~ h3")
    }


@pytest.mark.parametrize("kind", vocab.RELATION_KINDS, ids=KINDS)
def test_every_relation_kind_shows_on_both_documents(
    related: Build, kind: vocab.RelationKind
) -> None:
    source = _groups(related.html("van-ban/nguon/"))
    assert f"../dich-{kind.slug}/" in source[kind.label]
    target = _groups(related.html(f"van-ban/dich-{kind.slug}/"))
    assert target == {kind.inverse_label: ["../nguon/"]}


def test_relation_headings_follow_the_vocabulary_order(related: Build) -> None:
    headings = list(_groups(related.html("van-ban/nguon/")))
    assert headings == list(dict.fromkeys(k.label for k in vocab.RELATION_KINDS))


def test_replaced_report_is_not_applicable_and_names_its_replacement(related: Build) -> None:
    page = related.html("van-ban/bc-cu/")
    assert _properties(page)["Tình trạng hiệu lực"].startswith("Không áp dụng")
    banner = page.select_one(".admonition.info.ck-banner")
    assert banner.select_one(".admonition-title").get_text() == "Văn bản đã được thay thế"
    assert banner.get_text(" ", strip=True).endswith(
        "Văn bản này không còn được áp dụng từ ngày 10/6/2021. Bị thay thế bởi: "
        "Báo cáo 02/BC-VPUB ngày 10/6/2021."
    )
    assert page.select_one(".ck-banner.warning") is None


def test_status_column_overrides_the_type_with_its_source(related: Build) -> None:
    props = _properties(related.html("van-ban/kh-hieu-luc/"))
    # no type-level reason is claimed for a status staff wrote; its source is shown instead
    assert props["Tình trạng hiệu lực"] == "Còn hiệu lực"
    assert props["Nguồn thông tin hiệu lực"].startswith("Kế hoạch ghi: có hiệu lực từ ngày ký")
