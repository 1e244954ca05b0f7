"""Dự thảo báo cáo năm: the draft page and its Markdown download, in the seed report's
structure, with the year's figures from the data; for 2021 they equal the seed's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED_AS_OF, Build, build, make_project

from congkhai.yearly import PLACEHOLDER, md_text, padded

SEED_REPORT = ROOT / "docs" / "toan-van" / "bao-cao-doi-thoai-2021.md"
DRAFT = "bao-cao-nam/2021/bao-cao-2021.md"


def _draft(result: Build) -> str:
    return (result.site / DRAFT).read_bytes().decode("utf-8")


def _one(pattern: str, text: str) -> str:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return str(found[0])


def test_the_2021_figures_equal_the_seed_report(seed_build: Build) -> None:
    seed = " ".join(SEED_REPORT.read_text(encoding="utf-8").split())
    draft = _draft(seed_build)
    # the seed's sentence: "Trong năm, tổ chức 06 Hội nghị …, 03 buổi sinh hoạt chính trị
    # dưới cờ, 35 buổi giao ban hàng tuần, hàng tháng."
    conferences = _one(r"tổ chức (\d+) Hội nghị", seed)
    flag_salutes = _one(r"(\d+) buổi sinh hoạt chính trị dưới cờ", seed)
    briefings = _one(r"(\d+) buổi giao ban", seed)
    assert (conferences, flag_salutes, briefings) == ("06", "03", "35")
    assert _one(r"\| Hội nghị \| (\d+) \|", draft) == conferences
    assert _one(r"\| Sinh hoạt chính trị dưới cờ \| (\d+) \|", draft) == flag_salutes
    assert _one(r"\| Giao ban tuần, tháng \| (\d+) \|", draft) == briefings
    assert (
        f"Trong năm, tổ chức {conferences} hội nghị, {flag_salutes} buổi sinh hoạt chính trị "
        f"dưới cờ, {briefings} buổi giao ban hàng tuần, hàng tháng." in draft
    )
    no_request = "Trong năm chưa có công dân có yêu cầu đối thoại."
    assert no_request in seed
    assert draft.count(no_request) == 1


def test_the_draft_is_marked_and_keeps_the_seed_structure(seed_build: Build) -> None:
    draft = _draft(seed_build)
    assert draft.startswith(
        "> **Dự thảo tự động tạo từ dữ liệu** của cổng thông tin, tính đến ngày 30/11/2021."
    )
    headings = re.findall(r"^## (.+)$", draft, re.MULTILINE)
    assert headings == [
        "I. CÔNG TÁC LÃNH ĐẠO, TRIỂN KHAI THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert draft.count(PLACEHOLDER) >= 6
    # section I lists the documents issued that year with number, date and title, as the
    # seed does; the draft report itself (no number yet) is not "issued"
    assert (
        "- Kế hoạch số 22/KH-VPUB ngày 01/02/2021: Về đối thoại của Chánh Văn phòng Ủy ban nhân "
        "dân tỉnh với công chức, viên chức, người lao động và nhân dân" in draft
    )
    assert "- Thông báo số 07-TB/ĐUVP ngày 09/3/2021:" in draft
    assert "Quyết định số 144/QĐ-VPUB" not in draft  # issued in 2020
    assert "Báo cáo (dự thảo)" not in draft
    # no figure the data does not give: reception and requests say so
    assert f"Số yêu cầu cung cấp thông tin: chưa có số liệu {PLACEHOLDER}." in draft
    assert f"Số buổi tiếp công dân, lượt công dân, số đơn: chưa có số liệu {PLACEHOLDER}." in draft
    # the seed's commitments belong to example meetings: nothing is counted
    assert "- Hoàn thành: 00; đang thực hiện: 00; quá hạn: 00" in draft


def test_the_page_shows_the_same_draft_and_links_the_download(seed_build: Build) -> None:
    page = seed_build.html("bao-cao-nam/2021/")
    article = page.select_one("article")
    assert article is not None
    assert [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")][:2] == [
        "I. CÔNG TÁC LÃNH ĐẠO, TRIỂN KHAI THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN",
    ]
    assert "Dự thảo tự động tạo từ dữ liệu" in article.select_one("blockquote").get_text()
    link = article.select_one('a[download="bao-cao-2021.md"]')
    assert link is not None and link["href"] == "bao-cao-2021.md"
    assert "Trong năm chưa có công dân có yêu cầu đối thoại." in article.get_text(" ")
    listing = seed_build.html("bao-cao-nam/").select_one("article")
    assert [a["href"] for a in listing.select("li a")] == ["2021/", "2021/bao-cao-2021.md"]


def test_the_download_is_byte_identical_across_two_builds(
    seed_build: Build, tmp_path: Path
) -> None:
    again = build(ROOT, tmp_path / "site", SEED_AS_OF)
    assert again.returncode == 0, again.output
    assert (again.site / DRAFT).read_bytes() == (seed_build.site / DRAFT).read_bytes()


REQUESTS_HEADER = (ROOT / "data" / "yeu-cau-thong-tin.csv").read_text(encoding="utf-8")
OUTCOMES_HEADER = (ROOT / "data" / "ket-qua-tiep-cong-dan.csv").read_text(encoding="utf-8")


def test_planted_requests_and_reception_statistics_fill_section_ii(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "data/yeu-cau-thong-tin.csv": REQUESTS_HEADER
            + "2021-Q1,0,4,2,1,0,1,0,0,0,0,0,,\n"
            + "2021-Q2,0,3,1,0,0,0,0,0,0,0,2,,\n",
            "data/ket-qua-tiep-cong-dan.csv": OUTCOMES_HEADER + "2021,,12,5,3,,,\n",
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    draft = _draft(result)
    assert "Tổng hợp các kỳ: Quý I/2021, Quý II/2021." in draft
    assert "- Tiếp nhận: 07 yêu cầu." in draft
    assert "- Trả lời đúng hạn: 03; trả lời quá hạn: 01." in draft
    assert (
        "    - Thông tin đã được công khai theo Điều 17 (Luật 104/2016/QH13, Điều 28 khoản 1 điểm b): 01."
        in draft
    )
    assert "- Đang giải quyết cuối kỳ: 02." in draft
    assert "- Số buổi tiếp công dân đã tổ chức (theo số liệu kết quả tiếp công dân): 12." in draft
    assert f"- Số vụ việc: chưa có số liệu {PLACEHOLDER}." in draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Về *quy chế* [mới]", "Về \\*quy chế\\* \\[mới\\]"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("Dòng một\ndòng hai | cột", "Dòng một dòng hai \\| cột"),
    ],
)
def test_staff_text_in_the_draft_is_shown_as_written(text: str, expected: str) -> None:
    assert md_text(text) == expected


def test_counts_are_zero_padded_as_the_report_writes_them() -> None:
    assert [padded(n) for n in (0, 6, 35, 120)] == ["00", "06", "35", "120"]
