"""The Excel round trip (``congkhai excel xuat`` / ``nhap``), as a clerk uses it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, build, make_project
from openpyxl import load_workbook
from test_cli import congkhai

from congkhai import staff

SHIPPED_CSVS = [s.file for s in staff.csv_files(ROOT)]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("round-trip"))
    book = project / "du-lieu.xlsx"
    assert congkhai(project, "excel", "xuat", str(book)).returncode == 0
    result = congkhai(project, "excel", "nhap", str(book))
    assert result.returncode == 0, result.stderr
    assert "Không có thay đổi" in result.stdout
    return project


@pytest.mark.parametrize("file", SHIPPED_CSVS)
def test_round_trip_without_edits_is_byte_identical(round_trip: Path, file: str) -> None:
    assert (round_trip / file).read_bytes() == (ROOT / file).read_bytes()


def test_export_headers_dropdowns_dates_and_text_cells(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    book_path = tmp_path / "van-ban.xlsx"
    result = congkhai(project, "excel", "xuat", str(book_path), "--bo", "documents")
    assert result.returncode == 0, result.stderr
    book = load_workbook(book_path)
    sheet = book["documents"]
    assert [c.value for c in sheet[1]][:5] == [
        "Mã",
        "Số ký hiệu",
        "Loại văn bản",
        "Cơ quan ban hành",
        "Ngày ban hành",
    ]
    assert [c.value for c in sheet[2]][:3] == ["id", "number", "type"]
    assert sheet.row_dimensions[2].hidden and sheet.freeze_panes == "A3"
    number, issued = sheet["B5"], sheet["E5"]  # 08/KH-UBND, issued 06/01/2020
    assert number.value == "08/KH-UBND" and number.data_type == "s" and number.number_format == "@"
    assert issued.value == dt.datetime(2020, 1, 6) and issued.number_format == "dd/mm/yyyy"
    assert sheet["E3"].value == "11/2021"  # a month-only date stays text
    lists = book["_danh-muc"]
    assert lists.sheet_state == "hidden"
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    type_list = [
        c.value for c in lists[ranges["C3"].split("!")[1].replace("$", "").split(":")[0][0]]
    ]
    assert "ke-hoach" in type_list and "cong-van" in type_list
    assert "D3" in ranges  # issuer: the organizations' ids
    # one dataset: its files (the register and its relations), not the others
    assert book.sheetnames == ["documents", "relations", "_danh-muc"]


def test_clerk_edits_a_cell_and_adds_a_row_in_excel(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    csv_path = project / "data/documents.csv"
    before = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    book_path = tmp_path / "van-ban.xlsx"
    assert congkhai(project, "excel", "xuat", str(book_path), "--bo", "documents").returncode == 0
    book = load_workbook(book_path)
    sheet = book["documents"]
    # as Excel saves them: the edited title is text, the new row's date a serial number
    sheet["F5"] = sheet["F5"].value + " (đã sửa)"
    new = sheet.max_row + 1
    cells = {"B": "23/KH-VPUB", "C": "ke-hoach", "D": "vpub", "E": 44531, "N": "cong-khai"}
    cells["F"] = "Về tổ chức đối thoại năm 2022"
    for col, value in cells.items():
        sheet[f"{col}{new}"] = value
    book.save(book_path)
    result = congkhai(project, "excel", "nhap", str(book_path))
    assert result.returncode == 0, result.stderr
    after = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before) + 1
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    assert changed == [3]  # sheet row 5 is line 4 of the file
    # only the edited cell differs; the row keeps its quoting and its "06/01/2020"
    assert after[3] == before[3].replace('tỉnh năm 2021"', 'tỉnh năm 2021 (đã sửa)"')
    assert after[-1] == ",23/KH-VPUB,ke-hoach,vpub,01/12/2021,Về tổ chức đối thoại năm 2022," + (
        ",,,,,,,cong-khai,,,,,,,\n"
    )
    assert congkhai(project, "kiem-tra", "--json", as_of="2021-12-31").returncode == 0
    built = build(project, tmp_path / "site", "2021-12-31")
    assert built.returncode == 0, built.output[-2000:]
    page = built.html("van-ban/23-kh-vpub-2021/").get_text(" ")
    assert "Về tổ chức đối thoại năm 2022" in page
    edited = built.html("van-ban/08-kh-ubnd-2020/").get_text(" ")
    assert "năm 2021 (đã sửa)" in edited


def test_bad_cells_are_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = (project / "data/documents.csv").read_bytes()
    book_path = tmp_path / "van-ban.xlsx"
    assert congkhai(project, "excel", "xuat", str(book_path), "--bo", "documents").returncode == 0
    book = load_workbook(book_path)
    sheet = book["documents"]
    sheet["C5"] = "ke-hoach-nam"
    sheet["E6"] = "31/02/2021"
    book.save(book_path)
    result = congkhai(project, "excel", "nhap", str(book_path))
    assert result.returncode == 1
    assert "trang tính documents, dòng 5, cột C (Loại văn bản): " in result.stderr
    assert "trang tính documents, dòng 6, cột E (Ngày ban hành): " in result.stderr
    assert "chưa ghi gì" in result.stderr and "Traceback" not in result.stderr
    assert (project / "data/documents.csv").read_bytes() == before


def test_import_reads_english_headers_leading_zeros_and_nfd(tmp_path: Path) -> None:
    from openpyxl import Workbook

    project = make_project(tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(["id", "Họ và tên", "title", "organization"])
    sheet.append(["soi-duc-nghia", "Sòi Đức Nghĩa", "Phó Chánh Văn phòng", "vpub"])
    sheet.append(["bi-thu-duvp", None, "Bí thư Đảng ủy Văn phòng UBND tỉnh", "dang-uy-vpub"])
    sheet.append(["chanh-van-phong", None, "Chánh Văn phòng UBND tỉnh", "vpub"])
    sheet.append(["can-bo-007", "Lò Văn Ánh".replace("Á", "A\u0301"), "Chuyên viên 007", "vpub"])
    path = tmp_path / "nguoi.xlsx"
    book.save(path)
    result = congkhai(project, "excel", "nhap", str(path))
    assert result.returncode == 0, result.stderr
    text = (project / "data/people.csv").read_text(encoding="utf-8")
    assert text == (ROOT / "data/people.csv").read_text(encoding="utf-8") + (
        "can-bo-007,Lò Văn Ánh,Chuyên viên 007,vpub,,,,\n"  # every column of the header
    )
