"""Yêu cầu cung cấp thông tin: ``data/yeu-cau-thong-tin.csv``, its checks, the statistics on
the access-to-information page (table and build-time chart) and its open-data export."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import Build, build, make_project

from congkhai.datasets.requests import FILE, REFUSAL_REASONS, load_requests
from congkhai.exports import REQUEST_COLUMNS
from congkhai.problems import Problems

HEADER = (
    "period,carried_over,received,answered_on_time,answered_late,refused_restricted,"
    "refused_already_public,refused_not_responsible,refused_provided_twice,"
    "refused_beyond_capacity,refused_costs_unpaid,pending,source,note\n"
)


def _problems(tmp_path: Path, rows: str) -> list[str]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "yeu-cau-thong-tin.csv").write_text(HEADER + rows, encoding="utf-8")
    problems = Problems()
    load_requests(tmp_path, problems)
    return [str(p) for p in problems.errors]


def test_every_refusal_reason_names_its_point_of_article_28() -> None:
    points = [re.search(r"Điều 28 khoản 1 điểm (\w+)$", r.source) for r in REFUSAL_REASONS]
    assert [m.group(1) for m in points if m] == ["a", "b", "c", "d", "đ", "e"]


def test_the_shipped_file_is_a_header_without_invented_figures() -> None:
    shipped = Path(__file__).resolve().parent.parent / FILE
    assert shipped.read_text(encoding="utf-8") == HEADER


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        (
            "negative_count",
            "2021-Q1,0,-3,0,0,0,0,0,0,0,0,0,,\n",
            'data/yeu-cau-thong-tin.csv:2: cột "received" (C): "-3" phải là số nguyên không âm '
            "(must be a whole number)",
        ),
        (
            "answered_more_than_received",
            "2021-Q1,0,2,2,1,0,0,0,0,0,0,0,,\n",
            'data/yeu-cau-thong-tin.csv:2: cột "received" (C): đã trả lời 3, từ chối 0, đang giải '
            "quyết 0: tổng 3 lớn hơn số tiếp nhận 2 cộng kỳ trước chuyển sang 0 (answered + "
            "refused + pending exceed received + carried over)",
        ),
        (
            "name_like_note",
            "2021-Q1,0,1,1,0,0,0,0,0,0,0,0,,Ông Nguyễn Văn An\n",
            'data/yeu-cau-thong-tin.csv:2: cột "note" (N): "Ông Nguyễn Văn An" có vẻ là tên một '
            "người; không công khai thông tin của người yêu cầu (looks like a personal name)",
        ),
        (
            "quarter_inside_a_year_already_given",
            "2021,0,4,4,0,0,0,0,0,0,0,0,,\n2021-Q2,0,1,1,0,0,0,0,0,0,0,0,,\n",
            'data/yeu-cau-thong-tin.csv:3: cột "period" (A): kỳ "2021-Q2" trùng thời gian với kỳ '
            '"2021" ở dòng 2; mỗi khoảng thời gian chỉ ghi một lần (periods overlap: counts '
            "would be added twice)",
        ),
        (
            "period_written_twice",
            "2021-03,0,1,1,0,0,0,0,0,0,0,0,,\n3/2021,0,1,1,0,0,0,0,0,0,0,0,,\n",
            'data/yeu-cau-thong-tin.csv:3: cột "period" (A): kỳ "2021-03" đã ghi ở dòng 2 '
            "(period written twice)",
        ),
        (
            "unknown_period",
            "quý đầu năm,0,1,1,0,0,0,0,0,0,0,0,,\n",
            'data/yeu-cau-thong-tin.csv:2: cột "period" (A): "quý đầu năm" không phải kỳ báo cáo; '
            "ghi năm (2021), quý (2021-Q1) hoặc tháng (2021-03) (not a period: write a year, a "
            "quarter or a month)",
        ),
    ],
)
def test_a_bad_row_is_one_bilingual_message_at_its_place(
    tmp_path: Path, name: str, rows: str, expected: str
) -> None:
    assert _problems(tmp_path, rows) == [expected], name


def test_carried_over_requests_may_be_settled_this_period(tmp_path: Path) -> None:
    assert _problems(tmp_path, "2021-Q2,2,1,2,0,0,0,1,0,0,0,0,,\n") == []


def test_the_access_page_says_no_figures_once_and_exports_the_header(seed_build: Build) -> None:
    article = seed_build.html("tiep-can-thong-tin/").select_one("article")
    assert article is not None
    assert article.get_text(" ").count("Chưa có số liệu về yêu cầu cung cấp thông tin.") == 1
    assert article.select_one(".ck-request-table") is None
    assert article.select_one("svg") is None
    exported = (seed_build.site / "du-lieu-mo" / "yeu-cau-thong-tin.csv").read_bytes()
    assert exported.decode("utf-8-sig") == ",".join(REQUEST_COLUMNS) + "\r\n"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("requests")
    project = make_project(
        tmp,
        {
            FILE: HEADER
            + "2021-Q1,0,4,2,1,0,1,0,0,0,0,0,bao-cao-doi-thoai-2021,\n"
            + "2021-Q2,0,3,1,0,0,0,1,0,0,0,1,,Số liệu quý II\n"
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_planted_periods_fill_the_table_the_chart_and_the_export(planted: Build) -> None:
    article = planted.html("tiep-can-thong-tin/").select_one("article")
    assert article is not None
    assert "Chưa có số liệu về yêu cầu" not in article.get_text(" ")
    table = article.select_one("table.ck-request-table")
    assert table is not None
    rows = {
        tr.select_one("th").get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
        for tr in table.select("tbody tr")
    }
    assert rows["Quý I/2021"][:4] == ["0", "4", "2", "1"]
    assert rows["Quý I/2021"][4:10] == ["0", "1", "0", "0", "0", "0"]
    assert rows["Quý I/2021"][-1].startswith("Báo cáo")
    assert rows["Quý II/2021"][-2:] == ["1", ""]
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert "Từ chối: thông tin đã được công khai theo điều 17" in headers
    svg = article.select_one("figure svg")
    assert svg is not None
    assert svg.select_one("desc").get_text() == "Quý I/2021: 4; Quý II/2021: 3"
    exported = list(
        csv.DictReader(
            io.StringIO(
                (planted.site / "du-lieu-mo" / "yeu-cau-thong-tin.csv").read_text("utf-8-sig")
            )
        )
    )
    assert [(r["period"], r["received"], r["refused_already_public"]) for r in exported] == [
        ("2021-Q1", "4", "1"),
        ("2021-Q2", "3", "0"),
    ]
    assert exported[1]["note"] == "Số liệu quý II"


def test_the_chart_text_is_at_least_12_px_on_a_360_px_screen(planted: Build) -> None:
    svg = planted.html("tiep-can-thong-tin/").select_one("article figure svg")
    assert svg is not None
    width = float(svg["viewbox"].split()[2])
    sizes = {float(t["font-size"]) for t in svg("text")}
    assert sizes and min(sizes) * 360 / width >= 12


def test_a_bad_row_stops_the_build_naming_file_line_and_column(tmp_path: Path) -> None:
    project = make_project(tmp_path, {FILE: HEADER + "2021,0,1,0,0,0,0,0,0,0,0,-1,,\n"})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert 'data/yeu-cau-thong-tin.csv:2: cột "pending" (L): "-1" phải là số nguyên không âm' in (
        result.output
    )
    assert "Traceback" not in result.output
