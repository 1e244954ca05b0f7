"""Validation: every rule has a fixture row named after it (tests/golden/validation), and
the whole report is compared with a golden file, so a changed message is a visible diff."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from congkhai.datasets.documents import Document
from congkhai.datasets.fields import load_csv
from congkhai.problems import DataError, Problems, Severity
from congkhai.registry import load_registry

GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2021, 11, 30)


def errors_of(case: str, as_of: dt.date = AS_OF) -> DataError:
    with pytest.raises(DataError) as info:
        load_registry(GOLDEN / case, as_of)
    return info.value


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("CONGKHAI_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["validation", "unknown-column"])
def test_error_report_matches_golden(case: str) -> None:
    error = errors_of(case)
    warnings = "\n".join(str(p) for p in error.problems.of(Severity.WARNING))
    check_golden(
        GOLDEN / case / "expected.txt", str(error) + "\n--- cảnh báo ---\n" + warnings + "\n"
    )


def _line_of(doc_id: str) -> int:
    lines = (
        (GOLDEN / "validation" / "data" / "documents.csv").read_text(encoding="utf-8").splitlines()
    )
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(doc_id + ","))


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        ("missing-title", "title", "thiếu giá trị bắt buộc (missing required value)"),
        ("impossible-date", "issued", '"31/02/2021" không phải ngày hợp lệ (not a valid date)'),
        ("unknown-date-format", "issued", "(unknown date format)"),
        ("unknown-type", "type", '"cong-dien" không thuộc danh mục'),
        ("unknown-issuer", "issuer", "(unknown organization id)"),
        ("unknown-signer", "signer", "(unknown person id)"),
        ("duplicate-number-b", "number", "(duplicate number for the same issuer and year)"),
        ("type-mismatch", "type", 'mang mã "KH" (Kế hoạch) nhưng loại văn bản ghi là "Quyết định"'),
        (
            "issuer-symbol-mismatch",
            "number",
            'là "UBND" nhưng cơ quan ban hành "vpub" có ký hiệu "VPUB"',
        ),
        ("effective-before-issued", "effective", "(effective date before issue date)"),
        ("missing-attachment", "files", 'không tìm thấy tệp "docs/tep/khong-co.pdf"'),
        ("unknown-access", "access", '"mat" không thuộc danh mục'),
        ("party-number-state-issuer", "number", "viết theo kiểu văn bản Đảng"),
        ("bad-number", "number", "không phải số ký hiệu văn bản hợp lệ"),
    ],
)
def test_each_rule_names_file_line_and_column(row: str, column: str, text: str) -> None:
    messages = [str(p) for p in errors_of("validation").problems.errors]
    prefix = f'data/documents.csv:{_line_of(row)}: cột "{column}"'
    assert any(m.startswith(prefix) and text in m for m in messages), (prefix, messages)


def test_duplicate_id_points_at_first_occurrence() -> None:
    messages = [str(p) for p in errors_of("validation").problems.errors]
    first = _line_of("duplicate-id")
    assert (
        f'data/documents.csv:{first + 1}: cột "id": mã "duplicate-id" bị trùng với dòng {first} (duplicate id)'
        in messages
    )


def test_draft_without_id_is_an_error_and_valid_rows_are_not() -> None:
    messages = [str(p) for p in errors_of("validation").problems.errors]
    assert any("văn bản chưa có số phải ghi mã (id)" in m for m in messages)
    for ok in ("hop-le", "same-number-other-year", "unknown-type-code"):
        assert not any(m.startswith(f"data/documents.csv:{_line_of(ok)}:") for m in messages), ok


def test_unknown_type_code_is_a_warning_not_an_error() -> None:
    problems = errors_of("validation").problems
    line = _line_of("unknown-type-code")
    severities = [
        p.severity for p in problems.items if p.line == line and p.file.endswith("documents.csv")
    ]
    # (the row has no file either: a MISSING fact, listed too)
    assert Severity.WARNING in severities and Severity.ERROR not in severities


@pytest.mark.parametrize(
    ("column", "text"),
    [
        (
            "target",
            'không có văn bản mã "van-ban-khong-co" (unknown document id)',
        ),
        ("relation", '"ke-thua" không thuộc danh mục'),
        ("target", "(self-relation)"),
    ],
)
def test_relation_rules(column: str, text: str) -> None:
    messages = [str(p) for p in errors_of("validation").problems.errors]
    assert any(
        m.startswith("data/relations.csv:") and f'cột "{column}"' in m and text in m
        for m in messages
    )


def test_unknown_column_is_reported_with_its_letter() -> None:
    messages = [str(p) for p in errors_of("unknown-column").problems.errors]
    assert messages[1].startswith(
        'data/documents.csv:1: cột "isued" (E): cột không có trong danh mục'
    )


CLEAN = (
    "id,number,type,issuer,issued,title,access\n"
    "thu,22/KH-VPUB,ke-hoach,vpub,01/02/2021,Về đối thoại của Chánh Văn phòng,cong-khai\n"
)


def _load(tmp_path: Path, content: bytes) -> tuple[list[Document], Problems]:
    path = tmp_path / "documents.csv"
    path.write_bytes(content)
    problems = Problems()
    return load_csv(Document, path, "data/documents.csv", problems), problems


def test_bom_crlf_nfd_and_trailing_spaces_are_normalized(tmp_path: Path) -> None:
    import unicodedata

    clean, _ = _load(tmp_path, CLEAN.encode("utf-8"))
    messy_text = unicodedata.normalize("NFD", CLEAN).replace(",", " , ").replace("\n", "\r\n")
    messy, problems = _load(tmp_path, b"\xef\xbb\xbf" + messy_text.encode("utf-8"))
    assert problems.items == []
    assert messy == clean
    assert messy[0].title == "Về đối thoại của Chánh Văn phòng"
    assert unicodedata.is_normalized("NFC", messy[0].title)


def test_excel_semicolon_delimiter_is_accepted(tmp_path: Path) -> None:
    docs, problems = _load(tmp_path, CLEAN.replace(",", ";").encode("utf-8"))
    assert (
        problems.items == [] and docs[0].number is not None and docs[0].number.raw == "22/KH-VPUB"
    )


def windows_1258(text: str) -> bytes:
    """Encode as an old Vietnamese Excel does: precomposed vowel, combining tone mark."""
    import unicodedata

    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            vowel = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            out.append((vowel + marks[-1]).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_non_utf8_file_says_how_to_resave(tmp_path: Path, encoding: str) -> None:
    if encoding == "cp1258":
        content = windows_1258(CLEAN)
    else:
        content = CLEAN.replace("Về đối thoại của Chánh Văn phòng", "Café").encode(encoding)
    docs, problems = _load(tmp_path, content)
    assert docs == []
    (message,) = [str(p) for p in problems.items]
    assert message.startswith("data/documents.csv:2: tệp không ở mã UTF-8")
    assert '"CSV UTF-8' in message and "re-save it" in message


def test_multiline_cell_keeps_the_line_where_the_record_starts(tmp_path: Path) -> None:
    content = (
        "id,number,type,issuer,issued,title,access\n"
        'a,22/KH-VPUB,ke-hoach,vpub,01/02/2021,"Dòng một\nDòng hai",cong-khai\n'
        "b,23/KH-VPUB,ke-hoach,vpub,31/02/2021,Ngày sai,cong-khai\n"
    )
    docs, problems = _load(tmp_path, content.encode("utf-8"))
    assert [d.id for d in docs] == ["a"]
    assert [str(p).split(": ")[0] for p in problems.items] == ["data/documents.csv:4"]


def test_official_letter_of_an_issuer_whose_symbol_is_a_type_code(tmp_path: Path) -> None:
    """Thanh tra tỉnh signs "TTr", which is also Tờ trình's code: ``9/TTr-VP`` is its letter."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "validation", project)
    (project / "data" / "organizations.csv").write_text(
        "id,name,short_name,system,symbol,parent\n"
        "thanh-tra-tinh,Thanh tra tỉnh,Thanh tra tỉnh,nha-nuoc,TTr,\n",
        encoding="utf-8",
    )
    (project / "data" / "documents.csv").write_text(
        "id,number,type,issuer,issued,title,access\n"
        ",9/TTr-VP,cong-van,thanh-tra-tinh,05/3/2021,Về việc đôn đốc,cong-khai\n"
        ",10/TTr-TTr,to-trinh,thanh-tra-tinh,05/3/2021,Tờ trình của Thanh tra,cong-khai\n",
        encoding="utf-8",
    )
    (project / "data" / "relations.csv").write_text(
        "source,relation,target,date,note\n", encoding="utf-8"
    )
    (project / "data" / "people.csv").write_text("id,name,title,organization\n", encoding="utf-8")
    (project / "data" / "site.yaml").write_text(
        "agency:\n  name: Thanh tra tỉnh\n", encoding="utf-8"
    )
    registry = load_registry(project, AS_OF)
    assert sorted(registry.documents) == ["10-ttr-ttr-2021", "9-ttr-vp-2021"]


def test_schedule_error_report_matches_golden() -> None:
    error = errors_of("schedules-invalid", dt.date(2026, 3, 10))
    warnings = "\n".join(str(p) for p in error.problems.of(Severity.WARNING))
    check_golden(
        GOLDEN / "schedules-invalid" / "expected.txt",
        str(error) + "\n--- cảnh báo ---\n" + warnings + "\n",
    )
    text = str(error)
    for planted in (
        'cột "start" (C): "25:00" không phải giờ hợp lệ',
        'cột "end": giờ kết thúc không sau giờ bắt đầu',
        'cột "host" (E): không có người mã "nguoi-khong-co"',
        'cột "replaces" (L): không có buổi tiếp mã "buoi-khong-co"',
        "buổi tiếp mới thiếu: end, place",
        '"xong" không thuộc danh mục',
        'cột "result" (M): không có văn bản mã "van-ban-khong-co"',
        'cột "done_on": đã hoàn thành nhưng thiếu ngày hoàn thành',
        'cột "meeting" (B): không có hội nghị mã "hoi-nghi-khong-co"',
        "(duplicate total)",
        'khóa "rules.2.day": "40" phải nhỏ hơn hoặc bằng 31 (must be at most 31)',
        '"Ông Nguyễn Văn Tên" có vẻ là tên một người',
    ):
        assert planted in text, planted
    assert "buổi tiếp mới thiếu: date" not in text  # one bad rule does not cascade
