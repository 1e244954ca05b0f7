"""Plans right (issue 13): task columns named for what they hold, and /ke-hoach/ listing the
register's plans and programmes, each linked to its tracked plan or to its register page."""

from __future__ import annotations

import pytest
from conftest import Build, build, document_row, make_project, with_documents

#: A plan tracking Kế hoạch 22/KH-VPUB: one task with only a note, one done with evidence.
TRACKED_PLAN = """\
title: Theo dõi Kế hoạch 22/KH-VPUB
document: 22-kh-vpub-2021
owner: vpub
year: 2021
tasks:
  - id: chi-ghi-chu
    title: Nhiệm vụ CHỈ GHI CHÚ
    note: GHICHU chưa có kết quả
  - id: co-minh-chung
    title: Nhiệm vụ CÓ MINH CHỨNG
    status: hoan-thanh
    done_on: 2021-06-30
    evidence: [06-kh-vpub-2021]
"""
PROGRAMME = document_row(
    number="05/CTr-VPUB",
    type="chuong-trinh",
    issued="10/3/2021",
    title="Chương trình công tác năm 2021",
)


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("plans")
    project = make_project(
        tmp,
        {
            "data/documents.csv": with_documents(PROGRAMME),
            "data/plans/theo-doi-22.yaml": TRACKED_PLAN,
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def _cells(row: object, label: str) -> str:
    cell = row.select_one(f"td[data-label='{label}']")  # type: ignore[attr-defined]
    return "" if cell is None else cell.get_text(" ", strip=True)


def test_notes_and_evidence_have_their_own_columns(tracked: Build) -> None:
    page = tracked.html("ke-hoach/theo-doi-22/")
    table = page.select_one("table.ck-tasks")
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == [
        "Nhiệm vụ",
        "Đơn vị",
        "Thời hạn",
        "Tiến độ",
        "Kết quả, minh chứng",
        "Ghi chú",
    ]
    rows = {r.td.get_text(" ", strip=True): r for r in table.select("tbody tr")}
    noted = rows["Nhiệm vụ CHỈ GHI CHÚ"]
    assert _cells(noted, "Ghi chú") == "GHICHU chưa có kết quả"
    assert _cells(noted, "Kết quả, minh chứng") == ""
    proved = rows["Nhiệm vụ CÓ MINH CHỨNG"]
    assert _cells(proved, "Kết quả, minh chứng") == "Kế hoạch 06/KH-VPUB"
    assert _cells(proved, "Ghi chú") == ""


def test_plan_of_a_kh_document_shows_no_legal_status(tracked: Build) -> None:
    page = tracked.html("ke-hoach/theo-doi-22/")
    rows = {tr.th.get_text(): tr.td for tr in page.select("table.ck-properties tr")}
    assert rows["Văn bản kế hoạch"].get_text() == "Kế hoạch 22/KH-VPUB"
    assert "Tình trạng hiệu lực" not in rows


def test_shipped_plan_has_no_empty_result_or_note_column(seed_build: Build) -> None:
    table = seed_build.html("ke-hoach/phuong-huong-2022/").select_one("table.ck-tasks")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Nhiệm vụ",
        "Đơn vị",
        "Thời hạn",
        "Tiến độ",
    ]


def test_plans_page_lists_register_plans_linked_to_progress_or_register(tracked: Build) -> None:
    page = tracked.html("ke-hoach/")
    rows = page.select("table.ck-plan-documents tbody tr")
    listed = {
        r.select_one("td a").get_text(): (
            r.select_one("td a")["href"],
            _cells(r, "Tiến độ"),
        )
        for r in rows
    }
    assert set(listed) == {
        "Kế hoạch 22/KH-VPUB",
        "Kế hoạch 06/KH-VPUB",
        "Kế hoạch 28/KH-VPUB",
        "Kế hoạch 08/KH-UBND",
        "Kế hoạch 25-KH/ĐUVP",
        "Chương trình 05/CTr-VPUB",
    }
    assert listed["Kế hoạch 22/KH-VPUB"] == ("theo-doi-22/", "1/2 nhiệm vụ hoàn thành")
    assert listed["Kế hoạch 06/KH-VPUB"] == ("../van-ban/06-kh-vpub-2021/", "chưa theo dõi tiến độ")
    assert listed["Chương trình 05/CTr-VPUB"] == (
        "../van-ban/05-ctr-vpub-2021/",
        "chưa theo dõi tiến độ",
    )
    dates = [r.select_one("time")["datetime"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    for href, _ in listed.values():
        assert (tracked.site / "ke-hoach" / href / "index.html").resolve().exists(), href
    headings = [h.get_text() for h in page.select("article h1, article h2")]
    assert headings[:3] == [
        "Kế hoạch và kết quả thực hiện",
        "Kế hoạch đang theo dõi tiến độ",
        "Văn bản kế hoạch, chương trình trong sổ văn bản",
    ]


def test_shipped_plans_page_lists_the_five_plans_untracked(seed_build: Build) -> None:
    rows = seed_build.html("ke-hoach/").select("table.ck-plan-documents tbody tr")
    assert len(rows) == 5
    assert {_cells(r, "Tiến độ") for r in rows} == {"chưa theo dõi tiến độ"}
