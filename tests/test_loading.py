"""Reading staff files: YAML means what it says, dates are ordered and bounded, a file that
cannot be read is reported once (its cause), the report reads in the order a clerk fixes
things, and nothing is silently ignored.

Each golden case under ``tests/golden/<case>/`` holds only the files it changes; they are laid
over ``tests/golden/load-base`` (a small valid dataset) and the whole error report is compared
with ``expected.txt``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from congkhai.datasets.documents import Document
from congkhai.datasets.fields import load_csv
from congkhai.datasets.reception import SessionRow, check_session_year
from congkhai.datasets.yamlfile import parse_yaml
from congkhai.dates import DateFormatError, VnDate, as_of, parse_date
from congkhai.problems import DataError, Problem, Problems
from congkhai.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2021, 11, 30)


def project(case: str, tmp_path: Path) -> Path:
    """``load-base`` with the files of ``case`` laid over it."""
    root = tmp_path / case
    shutil.copytree(GOLDEN / "load-base", root)
    shutil.copytree(GOLDEN / case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.txt"))
    return root


def report(case: str, tmp_path: Path) -> str:
    with pytest.raises(DataError) as info:
        load_registry(project(case, tmp_path), AS_OF)
    return str(info.value) + "\n"


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("CONGKHAI_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --- YAML scalars stay text until the model parses them -----------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("start: 8:30", {"start": "8:30"}),  # YAML 1.1: 510 (seconds)
        ("start: 08:30", {"start": "08:30"}),
        ('start: "08:30"', {"start": "08:30"}),
        ("date: 2021-02-30", {"date": "2021-02-30"}),  # YAML 1.1: a crash in the loader
        ("example: no", {"example": "no"}),  # YAML 1.1: False
        ("fax: 02123452127", {"fax": "02123452127"}),  # YAML 1.1: octal 290150487
        ("percent: 40", {"percent": "40"}),
        ("ratio: 1.5", {"ratio": "1.5"}),
        ("null_word: null", {"null_word": "null"}),
        ("done_on:", {}),  # empty: the key is dropped, the model's default applies
        ("tags: [a, 1, yes]", {"tags": ["a", "1", "yes"]}),
        ("date: !!timestamp 2021-02-30", {"date": "2021-02-30"}),  # explicit tags too
        ("count: !!int 05", {"count": "05"}),
    ],
)
def test_yaml_scalars_stay_text(yaml_text: str, expected: dict[str, object]) -> None:
    problems = Problems()
    parsed = parse_yaml(yaml_text + "\n", "data/x.yaml", problems)
    assert parsed is not None and parsed[0] == expected
    assert problems.items == []


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "title: Một\nowner: vpub\ntitle: Hai\n",
            'data/x.yaml:3: khóa "title" bị lặp, đã có ở dòng 1 (duplicate key)',
        ),
        (
            "rules:\n  - id: a\n    day: 1\n    day: 2\n",
            'data/x.yaml:4: khóa "day" bị lặp, đã có ở dòng 3 (duplicate key)',
        ),
        (
            "a: &x 1\nb: *x\n",
            "data/x.yaml:2: không dùng bí danh YAML (*tên); chép lại giá trị "
            "(YAML aliases are not allowed)",
        ),
        ("", "data/x.yaml: tệp rỗng (empty file)"),
        ("# chỉ có chú thích\n", "data/x.yaml: tệp rỗng (empty file)"),
    ],
)
def test_yaml_refused_with_file_and_line(yaml_text: str, message: str) -> None:
    problems = Problems()
    assert parse_yaml(yaml_text, "data/x.yaml", problems) is None
    assert [str(p) for p in problems.items] == [message]
    assert problems.unreadable == {"data/x.yaml"}


def test_yaml_means_what_it_says(tmp_path: Path) -> None:
    """Unquoted ``8:30``, a dd/mm/yyyy ``valid_from``, an octal-looking fax number, ``No`` as
    a title, a ``.yml`` plan and a ``.MD`` notice: all read as a person would read them."""
    registry = load_registry(project("yaml-means-what-it-says", tmp_path), AS_OF)
    sessions = registry.schedule.sessions
    assert [(s.date, s.start, s.end) for s in sessions] == [
        (dt.date(2021, 4, 15), dt.time(8, 30), dt.time(11, 30)),
        (dt.date(2021, 5, 17), dt.time(8, 30), dt.time(11, 30)),  # 15/5/2021 is a Saturday
    ]
    assert registry.site.agency.fax == "02123452127"
    assert registry.site.responsible.title == "No"
    plan = registry.plans["ke-hoach-2021"]
    assert plan.file == "data/plans/ke-hoach-2021.yml"
    assert (plan.plan.year, plan.plan.example) == (2021, False)
    (task,) = plan.tasks
    assert (task.id, task.note, task.start, task.deadline) == (
        "1",
        "8:30",
        dt.date(2021, 3, 1),
        dt.date(2021, 6, 30),
    )
    (notice,) = registry.notices
    assert (notice.id, notice.file) == ("duoi-viet-hoa", "data/thong-bao/duoi-viet-hoa.MD")
    assert (notice.title, notice.pinned, notice.expires) == ("Thông báo lịch tiếp ON", True, None)


@pytest.mark.parametrize(
    "case",
    [
        "yaml-refused",
        "cause-first-utf16",
        "cause-first-windows-1258",
        "cause-first-unclosed-quote",
        "cause-first-empty-file",
        "cause-first-yaml-syntax",
        "report-order",
        "silent-accepts",
        "dates-bounded",
    ],
)
def test_error_report_matches_golden(case: str, tmp_path: Path) -> None:
    check_golden(GOLDEN / case / "expected.txt", report(case, tmp_path))


def test_unreadable_organizations_hides_unknown_issuer_knock_ons(tmp_path: Path) -> None:
    check_golden(
        GOLDEN / "cause-first-knock-ons" / "expected.txt", report("cause-first-knock-ons", tmp_path)
    )


def test_the_cause_first_cases_report_one_problem_per_broken_file(tmp_path: Path) -> None:
    """The plan in each case names documents of the unreadable documents.csv: silent."""
    for case in ("cause-first-utf16", "cause-first-unclosed-quote", "cause-first-empty-file"):
        text = report(case, tmp_path)
        assert "data/plans/" not in text, case
        assert text.count("data/documents.csv") == 1, case


# --- CSV files that cannot be read --------------------------------------------------------

HEADER = "id,number,type,issuer,issued,title,access\n"


@pytest.mark.parametrize(
    ("content", "rows_required", "message"),
    [
        (b"", False, "data/documents.csv: tệp rỗng, thiếu dòng tiêu đề (empty file, no header)"),
        (
            b"\n\n",
            False,
            "data/documents.csv: tệp rỗng, thiếu dòng tiêu đề (empty file, no header)",
        ),
        (
            HEADER.encode(),
            True,
            "data/documents.csv: tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào "
            "(header only: no rows)",
        ),
        (
            (HEADER + ',22/KH-VPUB,ke-hoach,vpub,01/02/2021,"Kế hoạch,cong-khai\n').encode(),
            False,
            'data/documents.csv:2: dấu ngoặc kép (") mở ở dòng này không được đóng: mọi dòng sau '
            "bị đọc thành một ô (unclosed quote: the rest of the file would be read as one cell)",
        ),
        (
            HEADER.encode("utf-16"),  # with a BOM
            False,
            'data/documents.csv: tệp không ở mã UTF-8. Tệp đang ở mã UTF-16 (kiểu "Unicode Text" '
            'của Excel). Mở tệp bằng Excel, chọn Tệp > Lưu thành (File > Save As), chọn kiểu "CSV '
            'UTF-8 (Comma delimited) (*.csv)" rồi lưu lại dạng CSV UTF-8 (the file is UTF-16, '
            'Excel\'s "Unicode Text": re-save it as "CSV UTF-8")',
        ),
        (
            HEADER.encode("utf-16-be"),  # no BOM: the NUL bytes tell
            False,
            'data/documents.csv: tệp không ở mã UTF-8. Tệp đang ở mã UTF-16 (kiểu "Unicode Text" '
            'của Excel). Mở tệp bằng Excel, chọn Tệp > Lưu thành (File > Save As), chọn kiểu "CSV '
            'UTF-8 (Comma delimited) (*.csv)" rồi lưu lại dạng CSV UTF-8 (the file is UTF-16, '
            'Excel\'s "Unicode Text": re-save it as "CSV UTF-8")',
        ),
    ],
    ids=["empty", "blank-lines", "header-only", "unclosed-quote", "utf16-bom", "utf16-no-bom"],
)
def test_unreadable_csv_has_one_problem(
    tmp_path: Path, content: bytes, rows_required: bool, message: str
) -> None:
    path = tmp_path / "documents.csv"
    path.write_bytes(content)
    problems = Problems()
    docs = load_csv(Document, path, "data/documents.csv", problems, rows_required=rows_required)
    assert docs == []
    assert [str(p) for p in problems.items] == [message]
    assert not problems.readable("data/documents.csv")


def test_header_only_file_is_fine_where_rows_are_optional(tmp_path: Path) -> None:
    path = tmp_path / "documents.csv"
    path.write_text(HEADER, encoding="utf-8")
    problems = Problems()
    assert load_csv(Document, path, "data/documents.csv", problems) == []
    assert problems.items == [] and problems.readable("data/documents.csv")


def test_a_list_where_text_is_expected_is_an_error_not_published(tmp_path: Path) -> None:
    text = report("yaml-refused", tmp_path)
    assert "['Công khai', 'Kế hoạch']" not in text
    assert 'data/thong-bao/tieu-de-la-danh-sach.md:2: khóa "title": phải là một dòng chữ' in text


# --- the report reads in the order a clerk fixes things -----------------------------------


def test_error_report_groups_files_in_fix_order_lines_ascending() -> None:
    problems = Problems()
    for problem in (
        Problem("data/thong-bao/a.md", 3, "date", "c"),
        Problem("data/documents.csv", 12, "issued", "b"),
        Problem("data/documents.csv", None, None, "file-level"),
        Problem("data/documents.csv", 2, "issued", "a"),
        Problem("data/plans/p.yaml", 1, "title", "d"),
        Problem("data/site.yaml", 4, "agency.name", "e"),
        Problem("data/reception/2021.csv", 2, "date", "f"),
        Problem("data/reception/rules.yaml", 9, "rules.0.start", "g"),
        Problem("data/meetings.csv", 2, "date", "h"),
    ):
        problems.add(problem)
    problems.add_unreadable(Problem("data/relations.csv", 2, None, "unreadable"))
    lines = problems.error_report().splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == [
        "data/relations.csv",
        "data/site.yaml",
        "data/documents.csv",
        "data/documents.csv",
        "data/documents.csv",
        "data/reception/rules.yaml",
        "data/reception/2021.csv",
        "data/meetings.csv",
        "data/plans/p.yaml",
        "data/thong-bao/a.md",
    ]
    assert [line.rsplit(": ", 1)[1] for line in lines[2:5]] == ["file-level", "a", "b"]


def test_problems_with_and_without_a_line_sort_together() -> None:
    """``line=None`` beside a line number used to raise TypeError in ``sorted``."""
    problems = [Problem("data/a.csv", 5, None, "x"), Problem("data/a.csv", None, None, "y")]
    assert [p.message for p in sorted(problems)] == ["y", "x"]


def test_knock_on_problem_of_an_unreadable_file_is_dropped() -> None:
    problems = Problems()
    problems.add_unreadable(Problem("data/organizations.csv", None, None, "UTF-16"))
    problems.add(
        Problem("data/documents.csv", 2, "issuer", "unknown issuer"),
        depends_on="data/organizations.csv",
    )
    problems.add(
        Problem("data/documents.csv", 3, "signer", "unknown person"),
        depends_on=("data/people.csv",),
    )
    assert [p.message for p in problems.items] == ["UTF-16", "unknown person"]


# --- silent accepts -----------------------------------------------------------------------


def test_session_in_the_wrong_year_file(tmp_path: Path) -> None:
    root = project("reception-year-mismatch", tmp_path)
    problems = Problems()
    file = "data/reception/2021.csv"
    rows = load_csv(SessionRow, root / file, file, problems)
    check_session_year(file, rows, problems)
    assert [str(p) for p in problems.items] == [
        'data/reception/2021.csv:3: cột "date": buổi ngày 15/01/2022 thuộc năm 2022, nhưng ghi '
        "trong tệp của năm 2021; chuyển sang data/reception/2022.csv "
        "(a 2022 session in the 2021 file)"
    ]


# --- VnDate: a total order ----------------------------------------------------------------

NOV = VnDate(2021, 11)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (NOV, VnDate(2021, 11, 1), "<"),  # month-only sorts before the 1st of its month
        (NOV, VnDate(2021, 11, 5), "<"),
        (VnDate(2021, 10, 31), NOV, "<"),
        (NOV, VnDate(2021, 12), "<"),
        (VnDate(2021, 11, 30), VnDate(2021, 12), "<"),
        (NOV, VnDate(2021, 11), "="),  # equal only to itself
        (VnDate(2021, 11, 5), VnDate(2021, 11, 5), "="),
        (VnDate(2020, 12, 31), NOV, "<"),
    ],
)
def test_vndate_total_order(a: VnDate, b: VnDate, expected: str) -> None:
    if expected == "=":
        assert a == b and hash(a) == hash(b) and a <= b and a >= b and not a < b
    else:
        assert a < b and b > a and a != b and a <= b and not b <= a


def test_sorting_full_and_month_only_dates_together() -> None:
    """The seed's month-only draft "11/2021" beside a document of 05/11/2021."""
    mixed = [VnDate(2021, 11, 5), NOV, VnDate(2021, 12), VnDate(2021, 11, 1), VnDate(2021, 10, 31)]
    assert [d.short for d in sorted(mixed)] == [
        "31/10/2021",
        "11/2021",
        "01/11/2021",
        "05/11/2021",
        "12/2021",
    ]
    assert max(mixed) == VnDate(2021, 12) and min(mixed) == VnDate(2021, 10, 31)
    assert len({NOV, VnDate(2021, 11), VnDate(2021, 11, 1)}) == 2


# --- dates are bounded --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "31/12/9999",
            '"31/12/9999": năm 9999 nằm ngoài khoảng 1930-2100 (year outside 1930-2100)',
        ),
        (
            "2201-01-01",
            '"2201-01-01": năm 2201 nằm ngoài khoảng 1930-2100 (year outside 1930-2100)',
        ),
        (
            "01/01/1929",
            '"01/01/1929": năm 1929 nằm ngoài khoảng 1930-2100 (year outside 1930-2100)',
        ),
    ],
)
def test_dates_outside_1930_2100_are_refused(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as info:
        parse_date(text)
    assert str(info.value) == message


def test_bounds_are_inclusive_and_a_field_may_widen_them() -> None:
    assert parse_date("01/01/1930") == VnDate(1930, 1, 1)
    assert parse_date("31/12/2100") == VnDate(2100, 12, 31)
    assert parse_date("02/9/1945", min_year=1900) == VnDate(1945, 9, 2)
    assert parse_date("12/1920", allow_month=True, min_year=1900) == VnDate(1920, 12)


def test_as_of_out_of_range_is_a_message() -> None:
    with pytest.raises(DateFormatError) as info:
        as_of({"CONGKHAI_AS_OF": "9999-12-31"})
    assert str(info.value) == (
        'CONGKHAI_AS_OF: "9999-12-31": năm 9999 nằm ngoài khoảng 1930-2100 (year outside 1930-2100)'
    )


# --- scripts/validate.py says what the build says ----------------------------------------


def run_validate(root: Path, as_of_value: str) -> subprocess.CompletedProcess[str]:
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy(ROOT / "scripts" / "validate.py", root / "scripts" / "validate.py")
    env = {**os.environ, "CONGKHAI_AS_OF": as_of_value}
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "validate.py")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_validate_script_prints_the_builds_report(tmp_path: Path) -> None:
    root = project("report-order", tmp_path)
    with pytest.raises(DataError) as info:
        load_registry(root, AS_OF)
    result = run_validate(root, AS_OF.isoformat())
    assert result.returncode == 1
    assert result.stderr == str(info.value) + "\n"


def test_validate_script_with_an_impossible_as_of_date(tmp_path: Path) -> None:
    result = run_validate(project("yaml-means-what-it-says", tmp_path), "9999-12-31")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith('CONGKHAI_AS_OF: "9999-12-31": năm 9999 nằm ngoài khoảng')


def test_validate_script_accepts_valid_data(tmp_path: Path) -> None:
    result = run_validate(project("yaml-means-what-it-says", tmp_path), AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ" in result.stdout
