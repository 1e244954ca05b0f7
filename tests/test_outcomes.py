"""Kết quả tiếp công dân: ``data/ket-qua-tiep-cong-dan.csv`` and its checks, the outcomes
page (table, chart, the seed's "no citizen asked for a dialogue"), each session's result and
concluding notice, the calendar's mark, the open-data export, and the shared SVG chart."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import ROOT, Build, build, document_row, make_project, with_documents

from congkhai.datasets.outcomes import FILE, load_outcomes
from congkhai.exports import OUTCOME_COLUMNS
from congkhai.pages.charts import PHONE_WIDTH, font_for, phone_bar_chart
from congkhai.problems import Problems

HEADER = "period,field,sessions,citizens,petitions,cases,source,note\n"
URL = "lich-tiep-cong-dan/ket-qua/"


def _problems(tmp_path: Path, rows: str) -> list[str]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "ket-qua-tiep-cong-dan.csv").write_text(HEADER + rows, encoding="utf-8")
    problems = Problems()
    load_outcomes(tmp_path, problems)
    return [f"{p.severity.value} {p}" for p in problems.items]


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        (
            "negative_count",
            "2021,,-1,,,,,\n",
            'loi data/ket-qua-tiep-cong-dan.csv:2: cột "sessions" (C): "-1" phải là số nguyên '
            "không âm (must be a whole number)",
        ),
        (
            "totals_on_a_field_row",
            "2021,dat-dai,4,,,2,,\n",
            'loi data/ket-qua-tiep-cong-dan.csv:2: cột "sessions" (C): số buổi, lượt công dân, số '
            "đơn chỉ ghi ở dòng tổng (lĩnh vực để trống) (totals belong on the row without a "
            "field)",
        ),
        (
            "field_row_without_cases",
            "2021,nha-o,,,,,,\n",
            'loi data/ket-qua-tiep-cong-dan.csv:2: cột "cases" (F): dòng lĩnh vực phải ghi số vụ '
            "việc (a field row needs cases)",
        ),
        (
            "name_like_note",
            "2021,,3,1,1,,,bà Lò Thị Hoa\n",
            'loi data/ket-qua-tiep-cong-dan.csv:2: cột "note" (H): "bà Lò Thị Hoa" có vẻ là tên '
            "một người; không công khai thông tin của công dân (looks like a personal name)",
        ),
        (
            "month_inside_a_quarter",
            "2021-Q3,,3,,,,,\n2021-08,,1,,,,,\n",
            'loi data/ket-qua-tiep-cong-dan.csv:3: cột "period" (A): kỳ "2021-08" trùng thời gian '
            'với kỳ "2021-Q3" ở dòng 2; mỗi khoảng thời gian chỉ ghi một lần (periods overlap: '
            "counts would be added twice)",
        ),
        (
            "cases_by_field_exceed_the_total",
            "2021,,3,2,2,1,,\n2021,dat-dai,,,,2,,\n",
            'canh-bao data/ket-qua-tiep-cong-dan.csv:2: cột "cases" (F): tổng số vụ việc theo '
            "lĩnh vực (2) lớn hơn số vụ việc của kỳ (1) (cases by field exceed the period's "
            "total)",
        ),
        (
            "unknown_field",
            "2021,giao-thong,,,,1,,\n",
            'loi data/ket-qua-tiep-cong-dan.csv:2: cột "field" (B): "giao-thong" không thuộc danh '
            "mục",
        ),
    ],
)
def test_a_bad_row_is_one_message_at_its_place(
    tmp_path: Path, name: str, rows: str, expected: str
) -> None:
    found = _problems(tmp_path, rows)
    assert len(found) == 1 and found[0].startswith(expected), (name, found)


def test_an_empty_count_is_not_read_as_zero(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ket-qua-tiep-cong-dan.csv").write_text(
        HEADER + "2021,,12,,,,,\n", encoding="utf-8"
    )
    problems = Problems()
    (row,), _ = load_outcomes(tmp_path, problems)
    assert not problems.items
    assert (row.sessions, row.citizens, row.petitions, row.cases) == (12, None, None, None)


def test_the_shipped_file_is_a_header_without_invented_figures() -> None:
    assert (ROOT / FILE).read_text(encoding="utf-8") == HEADER


def test_the_seed_page_says_no_figures_once_and_gives_the_dialogue_outcome(
    seed_build: Build,
) -> None:
    article = seed_build.html(URL).select_one("article")
    assert article is not None
    text = article.get_text(" ")
    assert text.count("Chưa có số liệu tổng hợp về kết quả tiếp công dân.") == 1
    assert article.select_one("table") is None
    # the seed: "Trong năm chưa có công dân có yêu cầu đối thoại." is an outcome too
    assert "Trong năm 2021 chưa có công dân có yêu cầu đối thoại." in text
    headings = [h.name for h in article.select("h1, h2, h3")]
    assert headings[0] == "h1" and "h3" not in headings
    calendar = seed_build.html("lich-tiep-cong-dan/").select_one("article")
    assert calendar is not None
    assert calendar.select_one('a[href="ket-qua/"]') is not None
    exported = (seed_build.site / "du-lieu-mo" / "ket-qua-tiep-cong-dan.csv").read_bytes()
    assert exported.decode("utf-8-sig") == ",".join(OUTCOME_COLUMNS) + "\r\n"


def test_a_past_session_nobody_updated_says_so_and_a_postponed_one_was_not_held(
    seed_build: Build,
) -> None:
    def outcome(session: str) -> str:
        page = seed_build.html(f"lich-tiep-cong-dan/buoi/{session}/")
        row = page.select_one("tr.ck-outcome td")
        return row.get_text(strip=True) if row else ""

    assert outcome("bi-thu-duvp-2021-07-15") == "Không tổ chức (hoãn)"
    assert outcome("bi-thu-duvp-2021-10-15") == "Không tổ chức (đã hủy)"
    assert outcome("bi-thu-duvp-2021-06-15") == "Đã tổ chức tiếp công dân"


SHIPPED_SESSIONS = (ROOT / "data" / "reception" / "2021.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A concluding notice for the 15/9 session, 15/11 held without any citizen, and the
    year's statistics with cases in two fields."""
    tmp = tmp_path_factory.mktemp("outcomes")
    sessions = SHIPPED_SESSIONS.replace(
        "bi-thu-duvp-2021-09-15,,,,,,,,da-tiep,,,,,,",
        "bi-thu-duvp-2021-09-15,,,,,,,,da-tiep,,,,ket-luan-tiep-2021-09,,",
    ).replace(
        "bi-thu-duvp-2021-11-15,,,,,,,,da-tiep,,,,,,",
        "bi-thu-duvp-2021-11-15,,,,,,,,khong-co-cong-dan,,,,,,",
    )
    assert sessions.count("ket-luan-tiep-2021-09") == 1 and "khong-co-cong-dan" in sessions
    project = make_project(
        tmp,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="ket-luan-tiep-2021-09",
                    number="15/TB-VPUB",
                    type="thong-bao",
                    issued="20/9/2021",
                    published="20/9/2021",
                    title="Kết luận buổi tiếp công dân ngày 15/9/2021",
                )
            ),
            "data/reception/2021.csv": sessions,
            "data/reception/rules.yaml": (ROOT / "data/reception/rules.yaml").read_text("utf-8"),
            FILE: HEADER
            + "2021,,12,5,3,,ket-luan-tiep-2021-09,\n"
            + "2021,dat-dai,,,,2,,\n"
            + "2021,che-do-chinh-sach,,,,1,,\n",
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_a_session_links_its_concluding_notice_and_gives_its_result(planted: Build) -> None:
    page = planted.html("lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-09-15/")
    assert page.select_one("tr.ck-outcome td").get_text(strip=True) == "Đã tổ chức tiếp công dân"
    link = page.select_one('a[href="../../../van-ban/ket-luan-tiep-2021-09/"]')
    assert link is not None and "15/TB-VPUB" in link.get_text()
    empty = planted.html("lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-11-15/")
    assert (
        empty.select_one("tr.ck-outcome td").get_text(strip=True)
        == "Đã tổ chức, không có công dân đến"
    )


def test_the_calendar_list_marks_the_session_with_a_published_outcome(planted: Build) -> None:
    month = planted.html("lich-tiep-cong-dan/thang/2021-09/")
    marks = month.select("table.ck-sessions a.ck-result")
    assert [a["href"] for a in marks] == ["../../../van-ban/ket-luan-tiep-2021-09/"]
    assert not planted.html("lich-tiep-cong-dan/thang/2021-08/").select("a.ck-result")


def test_the_outcomes_page_shows_the_table_the_fields_chart_and_the_notices(
    planted: Build,
) -> None:
    article = planted.html(URL).select_one("article")
    assert article is not None
    text = article.get_text(" ")
    assert "Chưa có số liệu tổng hợp" not in text
    row = article.select_one('table.ck-outcomes tr[data-period="2021"]')
    assert [td.get_text(strip=True) for td in row("td")][:4] == ["12", "5", "3", "—"]
    assert "—: báo cáo không nêu số liệu này." in " ".join(text.split())
    fields = article.select("table.ck-fields tbody tr")
    assert [(tr.th.get_text(), tr.td.get_text()) for tr in fields] == [
        ("Đất đai", "2"),
        ("Chế độ, chính sách", "1"),
    ]
    svg = article.select_one("figure svg")
    assert svg.select_one("desc").get_text() == "Đất đai: 2; Chế độ, chính sách: 1"
    concluded = article.select_one("#thong-bao-ket-luan + ul a")
    assert concluded is not None and concluded["href"] == "../buoi/bi-thu-duvp-2021-09-15/"
    exported = list(
        csv.DictReader(
            io.StringIO(
                (planted.site / "du-lieu-mo" / "ket-qua-tiep-cong-dan.csv").read_text("utf-8-sig")
            )
        )
    )
    assert [(r["field"], r["sessions"], r["cases"]) for r in exported] == [
        ("", "12", ""),
        ("dat-dai", "", "2"),
        ("che-do-chinh-sach", "", "1"),
    ]
    package = (planted.site / "du-lieu-mo" / "datapackage.json").read_text("utf-8")
    assert '"ket-qua-tiep-cong-dan.csv"' in package


def test_the_dialogue_chart_is_the_shared_chart_laid_out_for_a_phone() -> None:
    from congkhai.dialogues import StatRow
    from congkhai.pages.dialogues import bar_chart as dialogue_chart

    rows = [StatRow("hoi-nghi", "Hội nghị", 6, "x"), StatRow("giao-ban", "Giao ban", 35, None)]
    svg = dialogue_chart(2021, rows)
    # 360 wide, labels above the bars, 14 units: 12.6 px or more in a 320 px content box
    assert 'viewBox="0 0 360 ' in svg and 'class="ck-chart ck-chart--phone' in svg
    assert '<text x="0" y="20" font-size="14" fill="#1f1f1f">Hội nghị</text>' in svg


@pytest.mark.parametrize("width", [360, 640, 800])
def test_font_for_gives_12_px_at_360_px(width: int) -> None:
    assert font_for(width) * PHONE_WIDTH / width >= 12
    assert (font_for(width) - 1) * PHONE_WIDTH / width < 12


def test_a_phone_chart_escapes_its_labels() -> None:
    svg = phone_bar_chart("c", "T <b>", [("<script>", 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "T &lt;b&gt;" in svg
