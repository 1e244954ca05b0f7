"""End-to-end: the real ``mkdocs build --strict``, read back with an HTML parser."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import HEADERS, Build, build, make_project

SEED_DOCS = 17  # 14 from the seed report, 3 labelled examples ("minh họa")


def test_seed_site_builds_and_reports_missing_agency_facts(seed_build: Build) -> None:
    out = seed_build.output
    # 10 empty contacts of site.yaml, 15 documents without text or file (two of them the
    # labelled examples of a replacement), the host without a
    # name, the regular reception place and hours; five citations of documents the
    # register lacks (Nghị định 13/2018/NĐ-CP on the access page, four laws and a decree in
    # the sample regulation)
    assert "báo cáo chất lượng dữ liệu (data-quality report), 33 mục" in out
    for key in ("agency.phone", "agency.email", "focal_point.name", "responsible.name"):
        assert "data/site.yaml" in out and f'khóa "{key}"' in out
    report = seed_build.html("bao-cao-du-lieu/")
    items = [li.get_text() for li in report.select(".ck-problems li")]
    assert any('khóa "agency.phone"' in i for i in items) and len(items) == 33


def test_register_lists_every_seed_document_newest_first(seed_build: Build) -> None:
    page = seed_build.html("van-ban/")
    rows = page.select("table.ck-table tbody tr")
    assert len(rows) == SEED_DOCS
    numbers = [r.select_one("td a").get_text() for r in rows]
    # the two drafts of 11/2021 are the newest (a month-only date, then the id, descending)
    assert numbers[:2] == ["/QĐ-VPUB", "/BC-VPUB"]
    assert numbers[-1] == "104/2016/QH13"
    dates = [r.select_one("time")["datetime"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert page.find("h1").get_text() == "Sổ văn bản"


def test_documents_stay_out_of_the_navigation(seed_build: Build) -> None:
    nav = seed_build.html("van-ban/").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.select("a[href]")]
    assert not any(re.search(r"\d+-(kh|qd|tb)-", href) for href in links)


def test_facet_pages_work_without_javascript(seed_build: Build) -> None:
    plans = seed_build.html("van-ban/loai/ke-hoach/")
    numbers = {a.get_text() for a in plans.select("table.ck-table tbody td:first-child a")}
    assert numbers == {"22/KH-VPUB", "28/KH-VPUB", "06/KH-VPUB", "08/KH-UBND", "25-KH/ĐUVP"}
    issuer = seed_build.html("van-ban/co-quan/dang-uy-vpub/")
    assert len(issuer.select("table.ck-table tbody tr")) == 4
    year = seed_build.html("van-ban/nam/2019/")
    assert {a.get_text() for a in year.select("table.ck-table tbody td:first-child a")} == {
        "12-QĐ/TU",
        "1037-CV/BDVTU",
    }
    facets = plans.select_one("nav.ck-facets")
    assert facets.find("strong", attrs={"aria-current": "page"}).get_text() == "Kế hoạch"


def test_document_page_properties_as_vbpl(seed_build: Build) -> None:
    page = seed_build.html("van-ban/22-kh-vpub-2021/")
    props = {
        tr.th.get_text(): tr.td.get_text(" ", strip=True)
        for tr in page.select("table.ck-properties tr")
    }
    assert props["Số ký hiệu"] == "22/KH-VPUB"
    assert props["Loại văn bản"] == "Kế hoạch"
    assert props["Cơ quan ban hành"] == "Văn phòng Ủy ban nhân dân tỉnh Sơn La"
    assert props["Ngày ban hành"] == "01/02/2021"
    # a plan has no legal force (congkhai/vocab.py): said once, with why, and no dates of force
    assert props["Tình trạng hiệu lực"] == (
        "Không áp dụng Kế hoạch không phải văn bản có hiệu lực pháp lý."
    )
    assert "Ngày có hiệu lực" not in props and "Ngày hết hiệu lực" not in props
    assert page.select_one(".ck-lead").get_text().startswith("Về đối thoại của Chánh Văn phòng")


def test_draft_report_is_honest_about_its_blank_number_and_day(seed_build: Build) -> None:
    page = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    props = {
        tr.th.get_text(): tr.td.get_text(" ", strip=True)
        for tr in page.select("table.ck-properties tr")
    }
    assert props["Số ký hiệu"] == "/BC-VPUB (dự thảo, chưa cấp số)"
    assert props["Ngày ban hành"] == "11/2021 (chưa ghi ngày)"
    assert props["Người ký"] == "KT. Chánh Văn phòng – Phó Chánh Văn phòng – Sòi Đức Nghĩa"
    body = page.select_one(".ck-fulltext")
    assert "Kết quả thực hiện công tác đối thoại năm 2021" in body.get_text()
    # Citations in the full text link to the cited documents, 12-QĐi/TU included.
    cited = {
        a.get_text(): a["href"] for a in body.select("a[href]") if not a["href"].startswith("#")
    }
    assert cited["22/KH-VPUB"] == "../22-kh-vpub-2021/"
    assert cited["12-QĐi/TU"] == "../12-qd-tu-2019/"
    # the report's numbered sections are anchored by their numbers (congkhai/structure.py)
    section = body.find(id="muc-ii-2-1-2")
    assert section is not None and "2.1.2. Đối thoại với nhân dân" in section.get_text()


def test_relations_in_both_directions(seed_build: Build) -> None:
    report = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    groups = {
        h3.get_text(): [a.get_text() for a in h3.find_next("ul").select("a")]
        for h3 in report.select("h3")
        if h3.find_next("ul", class_="ck-relations")
    }
    assert sorted(groups["Văn bản được thực hiện"]) == [
        "Công văn 1037-CV/BDVTU",
        "Kế hoạch 08/KH-UBND",
        "Quy định 12-QĐ/TU",
    ]
    target = seed_build.html("van-ban/12-qd-tu-2019/")
    heading = target.find("h3", string="Văn bản thực hiện")
    assert heading is not None
    assert [a.get_text() for a in heading.find_next("ul").select("a")] == ["Báo cáo (dự thảo)"]


def test_metadata_json_ld_dublin_core_and_footer(seed_build: Build) -> None:
    page = seed_build.html("van-ban/12-qd-tu-2019/")
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["@type"] == "Legislation"
    assert ld["legislationIdentifier"] == "12-QĐ/TU"
    assert ld["legislationDate"] == "2019-02-27"
    assert ld["legislationPassedBy"]["name"] == "Ban Thường vụ Tỉnh ủy Sơn La"
    dc = {m["name"]: m["content"] for m in page.select('meta[name^="DC."]')}
    assert dc["DC.identifier"] == "12-QĐ/TU" and dc["DC.language"] == "vi"
    assert dc["DC.publisher"] == "Văn phòng Ủy ban nhân dân tỉnh Sơn La"
    assert page.html["lang"] == "vi"
    assert page.select_one(".ck-brand__name").get_text() == "Văn phòng Ủy ban nhân dân tỉnh Sơn La"
    footer = page.select_one(".ck-footer").get_text(" ", strip=True)
    assert "Một số thông tin liên hệ chưa được cập nhật" in footer
    prov = page.select_one(".ck-provenance").get_text(" ", strip=True)
    assert "data/documents.csv" in prov and "dòng" in prov


def test_every_page_has_provenance_and_dublin_core(seed_build: Build) -> None:
    for path in seed_build.site.rglob("index.html"):
        soup = seed_build.html(
            str(path.parent.relative_to(seed_build.site)) + "/"
            if path.parent != seed_build.site
            else ""
        )
        assert soup.select_one(".ck-provenance") is not None, path
        assert soup.select_one('meta[name="DC.title"]') is not None, path


def test_no_request_to_a_third_party_host(seed_build: Build) -> None:
    for name, text in seed_build.text_files().items():
        if not name.endswith(".html"):
            continue
        for tag, _scheme in re.findall(
            r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=\"(https?:)?//",
            text,
        ):
            # <link rel="canonical"> is absent without site_url; anything else is a request.
            pytest.fail(f"{name}: <{tag}> loads from another host")
    css = "".join(p.read_text(encoding="utf-8") for p in seed_build.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and not re.search(r"url\((['\"]?)https?://", css)


def test_open_data_csv_opens_in_excel_and_matches_json(seed_build: Build) -> None:
    raw = (seed_build.site / "du-lieu-mo" / "van-ban.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((seed_build.site / "du-lieu-mo" / "van-ban.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2021-11-30" and data["count"] == SEED_DOCS == len(rows)
    assert [r["id"] for r in rows] == [r["id"] for r in data["records"]]
    law = next(r for r in rows if r["number"] == "104/2016/QH13")
    assert (law["status"], law["effective"], law["url"]) == (
        "con-hieu-luc",
        "2018-07-01",
        "van-ban/104-2016-qh13/",
    )
    draft = next(r for r in rows if r["id"] == "bao-cao-doi-thoai-2021")
    assert draft["issued"] == "2021-11" and draft["number"] == "/BC-VPUB"


def test_law_in_force_in_2021_and_expired_today(tmp_path: Path, seed_build: Build) -> None:
    then = seed_build.html("van-ban/104-2016-qh13/")
    assert then.select_one(".ck-banner") is None
    later = build(make_project(tmp_path), tmp_path / "site", as_of="2026-11-24")
    assert later.returncode == 0, later.output
    page = later.html("van-ban/104-2016-qh13/")
    assert (
        page.select_one(".ck-banner")
        .get_text(" ", strip=True)
        .endswith("Văn bản này đã hết hiệu lực toàn bộ từ ngày 01/9/2026.")
    )


def test_same_inputs_give_byte_identical_output(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build(project, tmp_path / "a")
    second = build(project, tmp_path / "b")
    assert first.returncode == second.returncode == 0
    files_a = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [
        p for p in files_a if (first.site / p).read_bytes() != (second.site / p).read_bytes()
    ]
    assert different == []


REPLACED = (
    HEADERS["documents.csv"]
    + ",10/QĐ-VPUB,quyet-dinh,vpub,05/01/2021,Ban hành Quy chế cũ,,,,05/01/2021,,,,cong-khai,,,\n"
    + ",20/QĐ-VPUB,quyet-dinh,vpub,10/6/2021,Ban hành Quy chế mới,,,,01/7/2021,,,,cong-khai,,tep/quy-che-moi.pdf,\n"
    + "mat-noi-bo,30/QĐ-VPUB,quyet-dinh,vpub,01/8/2021,Văn bản mật không được công bố XYZZY,,,,,,,,noi-bo,,tep/noi-bo.pdf,\n"
    + ",40/QĐ-VPUB,quyet-dinh,vpub,01/9/2021,Văn bản hẹn ngày đăng HẸNNGÀY,,,,,,,,cong-khai,15/12/2021,,\n"
)
RELATIONS = (
    HEADERS["relations.csv"]
    + "20-qd-vpub-2021,thay-the,10-qd-vpub-2021,,\n"
    + "mat-noi-bo,lien-quan,20-qd-vpub-2021,,\n"
)


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fixture")
    return make_project(
        tmp,
        {
            "data/documents.csv": REPLACED,
            "data/relations.csv": RELATIONS,
            "docs/tep/noi-bo.pdf": b"%PDF-1.4 noi bo\n",
            "docs/tep/quy-che-moi.pdf": b"%PDF-1.4 " + b"x" * 2000,
        },
    )


def test_replaced_document_shows_banner_and_inverse_relation(
    fixture_project: Path, tmp_path: Path
) -> None:
    before = build(fixture_project, tmp_path / "before", as_of="2021-06-30")
    after = build(fixture_project, tmp_path / "after", as_of="2021-11-30")
    assert before.returncode == after.returncode == 0, after.output
    assert before.html("van-ban/10-qd-vpub-2021/").select_one(".ck-banner") is None
    old = after.html("van-ban/10-qd-vpub-2021/")
    banner = old.select_one(".ck-banner").get_text(" ", strip=True)
    assert "đã hết hiệu lực toàn bộ từ ngày 01/7/2021" in banner
    assert "Bị thay thế bởi: Quyết định 20/QĐ-VPUB ngày" in banner
    new = after.html("van-ban/20-qd-vpub-2021/")
    assert new.find("h3", string="Văn bản bị thay thế") is not None
    attachment = new.select_one(".ck-attachments li")
    assert attachment.get_text(" ", strip=True) == "quy-che-moi.pdf (PDF, 2,0 KB)"
    assert attachment.a["href"] == "../../tep/quy-che-moi.pdf"
    assert (after.site / "tep" / "quy-che-moi.pdf").exists()
    status = {
        tr.th.get_text(): tr.td.get_text(strip=True) for tr in old.select("table.ck-properties tr")
    }
    assert status["Tình trạng hiệu lực"] == "Hết hiệu lực toàn bộ"


def test_internal_and_scheduled_records_appear_nowhere(
    fixture_project: Path, tmp_path: Path
) -> None:
    result = build(fixture_project, tmp_path / "site", as_of="2021-11-30")
    assert result.returncode == 0, result.output
    for name, text in result.text_files().items():
        assert "XYZZY" not in text, name
        assert "mat-noi-bo" not in text, name
        assert "HẸNNGÀY" not in text, name
    assert not (result.site / "tep" / "noi-bo.pdf").exists()
    due = build(fixture_project, tmp_path / "due", as_of="2021-12-15")
    assert "HẸNNGÀY" in due.html("van-ban/40-qd-vpub-2021/").get_text()


def test_broken_data_stops_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    bad = (
        HEADERS["documents.csv"]
        + ",22/KH-VPUB,ke-hoach,vpub,31/02/2021,Ngày sai,,,,,,,,cong-khai,,,\n"
    )
    project = make_project(tmp_path, {"data/documents.csv": bad})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        'data/documents.csv:2: cột "issued" (E): "31/02/2021" không phải ngày hợp lệ (not a valid date)'
        in result.output
    )
    assert not (tmp_path / "site").exists()


def test_citations_are_disambiguated_by_their_date(tmp_path: Path) -> None:
    docs = (
        HEADERS["documents.csv"]
        + ",01/KH-VPUB,ke-hoach,vpub,05/01/2020,Kế hoạch năm 2020,,,,,,,,cong-khai,,,\n"
        + ",01/KH-VPUB,ke-hoach,vpub,05/01/2021,Kế hoạch năm 2021,,,,,,,,cong-khai,,,\n"
        + "bao-cao,/BC-VPUB,bao-cao,vpub,11/2021,Báo cáo,,,,,,,,cong-khai,,,toan-van/bc.md\n"
    )
    body = (
        "Thực hiện Kế hoạch số 01/KH-VPUB ngày 05/01/2021 và Kế hoạch 01/KH-VPUB ngày 5/1/2020; "
        "Kế hoạch 01/KH-VPUB (không ghi ngày) và 01/KH-VPUB ngày 31/02/2021.\n"
    )
    project = make_project(tmp_path, {"data/documents.csv": docs, "docs/toan-van/bc.md": body})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    text = result.html("van-ban/bao-cao/").select_one(".ck-fulltext")
    links = [(a.get_text(), a["href"]) for a in text.select("a")]
    assert links == [("01/KH-VPUB", "../01-kh-vpub-2021/"), ("01/KH-VPUB", "../01-kh-vpub-2020/")]
