"""The ``congkhai`` command, run as staff run it (``python -m congkhai``) on a project copy."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEED_AS_OF, SHIPPED_DOCUMENTS, make_project


def congkhai(
    project: Path, *args: str, as_of: str = SEED_AS_OF
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONGKHAI_AS_OF": as_of, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "congkhai", *args],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
    )


def test_help_is_vietnamese_with_an_english_line(tmp_path: Path) -> None:
    result = congkhai(tmp_path, "kiem-tra", "--help")
    assert result.returncode == 0
    assert "In kết quả dạng JSON cho máy đọc." in result.stdout
    assert "(Print the result as JSON.)" in result.stdout


def test_kiem_tra_shipped_data_exits_0_with_json(tmp_path: Path) -> None:
    result = congkhai(make_project(tmp_path), "kiem-tra", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["errors"] == 0
    # warnings and missing facts are listed too, each with its file
    assert payload["problems"] and all(p["file"] for p in payload["problems"])


def test_kiem_tra_bad_date_names_line_letter_value_and_fix(tmp_path: Path) -> None:
    broken = SHIPPED_DOCUMENTS.replace("27/02/2019", "31/02/2019", 1)
    project = make_project(tmp_path, {"data/documents.csv": broken})
    result = congkhai(project, "kiem-tra", "--json")
    assert result.returncode == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "loi"]
    assert len(errors) == 1
    (error,) = errors
    assert (error["file"], error["line"], error["column"]) == ("data/documents.csv", 3, "issued")
    assert error["column_letter"] == "E" and error["label"] == "Ngày ban hành"
    assert error["value"] == "31/02/2019"
    assert "dd/mm/yyyy" in error["fix"]


def test_kiem_tra_table_is_grouped_by_file_and_exits_1(tmp_path: Path) -> None:
    broken = SHIPPED_DOCUMENTS.replace("27/02/2019", "31/02/2019", 1)
    result = congkhai(make_project(tmp_path, {"data/documents.csv": broken}), "kiem-tra")
    assert result.returncode == 1
    assert "data/documents.csv" in result.stdout and "31/02/2019" in result.stdout
    assert "Dữ liệu có 1 lỗi" in result.stdout and "Traceback" not in result.stderr


def test_moi_appends_exactly_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    path = project / "data/documents.csv"
    before = path.read_bytes()
    result = congkhai(
        project,
        "moi",
        "documents",
        "--number",
        "23/KH-VPUB",
        "--type",
        "ke-hoach",
        "--issuer",
        "vpub",
        "--title",
        "Về tổ chức đối thoại, năm 2022",
        "--access",
        "cong-khai",
        as_of="2021-12-01",
    )
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8")
    # today in Vietnam time (CONGKHAI_AS_OF) fills the required date; commas are quoted
    assert added == ',23/KH-VPUB,ke-hoach,vpub,01/12/2021,"Về tổ chức đối thoại, năm 2022"' + (
        ",,,,,,,,cong-khai,,,,,,,\n"
    )
    assert congkhai(project, "kiem-tra", "--json", as_of="2021-12-01").returncode == 0


def test_moi_keeps_bom_and_crlf_of_the_file(tmp_path: Path) -> None:
    text = "\ufeffid,name,title,organization\r\nsoi-duc-nghia,Sòi Đức Nghĩa,Phó Chánh Văn phòng,vpub\r\n"
    project = make_project(tmp_path, {"data/people.csv": text})
    before = (project / "data/people.csv").read_bytes()
    result = congkhai(
        project,
        "moi",
        "people",
        "--cot",
        "name",
        "Lò Văn A",
        "--title=Chuyên viên",
        "--organization",
        "vpub",
    )
    assert result.returncode == 0, result.stderr
    after = (project / "data/people.csv").read_bytes()
    assert after == before + "lo-van-a,Lò Văn A,Chuyên viên,vpub\r\n".encode()


def test_moi_next_free_id_of_a_dialogue_item(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = congkhai(
        project,
        "moi",
        "dialogue_items",
        "--meeting",
        "doi-thoai-cong-chuc-2021-06",
        "--raised_by",
        "Công chức phòng chuyên môn",
        "--issue",
        "Đề nghị bổ sung tủ hồ sơ",
        "--status",
        "dang-thuc-hien",
    )
    assert result.returncode == 0, result.stderr
    last = (project / "data/dialogue_items.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith("doi-thoai-cong-chuc-2021-06-4,doi-thoai-cong-chuc-2021-06,")


def test_moi_refuses_a_value_outside_the_vocabulary_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = (project / "data/documents.csv").read_bytes()
    result = congkhai(
        project,
        "moi",
        "documents",
        "--number",
        "23/KH-VPUB",
        "--type",
        "ke-hoach-nam",
        "--issuer",
        "khong-co",
        "--title",
        "T",
        "--access",
        "cong-khai",
    )
    assert result.returncode == 1
    assert "không thuộc danh mục" in result.stderr and "ke-hoach (Kế hoạch)" in result.stderr
    assert 'không có cơ quan mã "khong-co"' in result.stderr
    assert (project / "data/documents.csv").read_bytes() == before


def test_moi_notice_writes_its_markdown_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = congkhai(
        project,
        "moi",
        "thong-bao",
        "--title",
        "Lịch tiếp công dân tháng 1/2022",
        "--category",
        "tiep-cong-dan",
        "--body",
        "Nội dung thông báo.",
    )
    assert result.returncode == 0, result.stderr
    text = (project / "data/thong-bao/lich-tiep-cong-dan-thang-1-2022.md").read_text("utf-8")
    assert text.startswith("---\ntitle: Lịch tiếp công dân tháng 1/2022\n")
    assert "date: 30/11/2021\n" in text and text.endswith("---\nNội dung thông báo.\n")
    assert congkhai(project, "kiem-tra", "--json").returncode == 0


def test_tep_them_records_size_and_hash_and_tep_kiem_tra_finds_a_change(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pdf = tmp_path / "Kế hoạch 08.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% ke hoach\n")
    before = (project / "data/documents.csv").read_text(encoding="utf-8").splitlines()
    result = congkhai(project, "tep", "them", str(pdf), "--van-ban", "08-kh-ubnd-2020")
    assert result.returncode == 0, result.stderr
    copied = project / "docs/tep/ke-hoach-08.pdf"
    assert copied.read_bytes() == pdf.read_bytes()
    after = (project / "data/documents.csv").read_text(encoding="utf-8").splitlines()
    # the header gains the two columns; only the document's own row changes
    assert after[0] == before[0] + ",files_size,files_sha256"
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [0, 3]
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert after[3].endswith(f",tep/ke-hoach-08.pdf,,,,,,{len(pdf.read_bytes())},{digest}")
    assert congkhai(project, "tep", "kiem-tra").returncode == 0
    assert congkhai(project, "kiem-tra", "--json").returncode == 0
    copied.write_bytes(b"%PDF-1.4\n% sua lai\n")
    (project / "docs/tep/khong-ai-dung.pdf").write_bytes(b"%PDF")
    check = congkhai(project, "tep", "kiem-tra")
    assert check.returncode == 1
    assert 'data/documents.csv:4: tệp "docs/tep/ke-hoach-08.pdf" đã bị thay đổi' in check.stdout
    assert "docs/tep/khong-ai-dung.pdf: tệp không thuộc văn bản nào" in check.stdout
