"""Table-driven tests of the small parsers: dates, document numbers, ids and slugs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from congkhai import dates, ids
from congkhai.numbers import DocumentNumber, NumberFormatError, find_citations, number_key
from congkhai.vocab import System


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/3/2021", dates.VnDate(2021, 3, 5)),
        ("5/3/2021", dates.VnDate(2021, 3, 5)),
        ("05/03/2021", dates.VnDate(2021, 3, 5)),
        ("2021-03-05", dates.VnDate(2021, 3, 5)),
        ("29/02/2024", dates.VnDate(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_the_formats_staff_write(text: str, expected: dates.VnDate) -> None:
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2021", "không phải ngày hợp lệ (not a valid date)"),
        ("29/02/2021", "không phải ngày hợp lệ"),
        ("2021/03/05", "không đúng định dạng ngày"),
        ("05.03.2021", "không đúng định dạng ngày"),
        ("ngày 5 tháng 3", "unknown date format"),
        ("11/2021", "thiếu ngày"),
    ],
)
def test_parse_date_rejects_with_bilingual_message(text: str, message: str) -> None:
    with pytest.raises(dates.DateFormatError, match=re.escape(message)):
        dates.parse_date(text)


def test_month_precision_only_where_allowed() -> None:
    value = dates.parse_date("11/2021", allow_month=True)
    assert value == dates.VnDate(2021, 11, None)
    assert (value.long, value.short, value.iso) == ("tháng 11 năm 2021", "11/2021", "2021-11")
    assert value.to_date() == dt.date(2021, 11, 1)


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (dt.date(2021, 3, 5), "ngày 05 tháng 3 năm 2021", "05/3/2021"),
        (dt.date(2019, 2, 27), "ngày 27 tháng 02 năm 2019", "27/02/2019"),
        (dt.date(2020, 1, 6), "ngày 06 tháng 01 năm 2020", "06/01/2020"),
        (dt.date(2020, 12, 31), "ngày 31 tháng 12 năm 2020", "31/12/2020"),
        (dt.date(2019, 7, 16), "ngày 16 tháng 7 năm 2019", "16/7/2019"),
    ],
)
def test_decree_30_date_formats(day: dt.date, long: str, short: str) -> None:
    assert dates.format_long(day) == long
    assert dates.format_short(day) == short


def test_as_of_from_environment_or_vietnam_today() -> None:
    assert dates.as_of({"CONGKHAI_AS_OF": "2021-11-30"}) == dt.date(2021, 11, 30)
    assert dates.as_of({"CONGKHAI_AS_OF": "30/11/2021"}) == dt.date(2021, 11, 30)
    # 23:30 UTC on 30 Nov is already 1 Dec in Hà Nội (UTC+7).
    late = dt.datetime(2021, 11, 30, 23, 30, tzinfo=dt.UTC)
    assert dates.as_of({}, now=late) == dt.date(2021, 12, 1)
    with pytest.raises(dates.DateFormatError):
        dates.as_of({"CONGKHAI_AS_OF": "11/2021"})


@pytest.mark.parametrize(
    ("raw", "system", "serial", "year", "type_code", "issuer"),
    [
        ("30/2020/NĐ-CP", System.NHA_NUOC, "30", 2020, "NĐ", "CP"),
        ("08/KH-UBND", System.NHA_NUOC, "08", None, "KH", "UBND"),
        ("35/QĐ-VPUB", System.NHA_NUOC, "35", None, "QĐ", "VPUB"),
        ("123/UBND-VP", System.NHA_NUOC, "123", None, None, "UBND"),
        ("104/2016/QH13", System.NHA_NUOC, "104", 2016, None, "QH13"),
        ("12-QĐ/TU", System.DANG, "12", None, "QĐ", "TU"),
        ("11-QĐi/TW", System.DANG, "11", None, "QĐi", "TW"),
        ("1037-CV/BDVTU", System.DANG, "1037", None, "CV", "BDVTU"),
        ("07-TB/ĐUVP", System.DANG, "07", None, "TB", "ĐUVP"),
        ("/BC-VPUB", System.NHA_NUOC, None, None, "BC", "VPUB"),
    ],
)
def test_number_parse_and_round_trip(
    raw: str,
    system: System,
    serial: str | None,
    year: int | None,
    type_code: str | None,
    issuer: str,
) -> None:
    number = DocumentNumber.parse(raw)
    assert (number.system, number.serial, number.year, number.type_code, number.issuer_code) == (
        system,
        serial,
        year,
        type_code,
        issuer,
    )
    assert str(number) == raw
    assert number.is_draft is (serial is None)


@pytest.mark.parametrize("raw", ["", "KH-VPUB", "22 KH VPUB", "22/KH", "số 22"])
def test_number_parse_rejects(raw: str) -> None:
    with pytest.raises(NumberFormatError, match="không phải số ký hiệu"):
        DocumentNumber.parse(raw)


def test_number_key_treats_party_qdi_and_separators_alike() -> None:
    assert number_key("12-QĐi/TU") == number_key("12-QĐ/TU")
    assert number_key("22 kh vpub") == number_key("22/KH-VPUB") == number_key("22-KH-VPUB")
    assert number_key("22/KH-VPUB") != number_key("23/KH-VPUB")


def test_find_citations_in_messy_text() -> None:
    text = (
        "Thực hiện Quy định 12-QĐi/TU ngày 27/02/2019; Kế hoạch số 08/KH-UBND ngày 6/1/2020 "
        "và Nghị định 30/2020/NĐ-CP, ngày 16/7/2019 không phải số."
    )
    found = [(c.number, c.date) for c in find_citations(text)]
    assert found == [
        ("12-QĐi/TU", "27/02/2019"),
        ("08/KH-UBND", "6/1/2020"),
        ("30/2020/NĐ-CP", None),
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Thời gian và địa điểm", "thoi-gian-va-dia-diem"),
        ("Đảng ủy Văn phòng", "dang-uy-van-phong"),
        ("Tiếp công dân", "tiep-cong-dan"),
        ("  2.1. Nội dung đối thoại ", "2-1-noi-dung-doi-thoai"),
    ],
)
def test_slugify_maps_d_stroke(text: str, slug: str) -> None:
    assert ids.slugify(text) == slug


@pytest.mark.parametrize(
    ("number", "year", "doc_id"),
    [
        ("22/KH-VPUB", 2021, "22-kh-vpub-2021"),
        ("12-QĐ/TU", 2019, "12-qd-tu-2019"),
        ("07-TB/ĐUVP", 2021, "07-tb-duvp-2021"),
        ("30/2020/NĐ-CP", 2020, "30-2020-nd-cp"),
    ],
)
def test_document_id_from_number_and_year(number: str, year: int, doc_id: str) -> None:
    assert ids.document_id(number, year) == doc_id


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("van-ban/", "van-ban/22-kh-vpub-2021/", "22-kh-vpub-2021/"),
        ("van-ban/22-kh-vpub-2021/", "van-ban/", "../"),
        (
            "van-ban/loai/ke-hoach/trang-2/",
            "du-lieu-mo/van-ban.csv",
            "../../../../du-lieu-mo/van-ban.csv",
        ),
        ("van-ban/", "van-ban/", "./"),
        ("tim-kiem/", "", "../"),
        ("", "", "./"),
    ],
)
def test_relative_links(here: str, target: str, link: str) -> None:
    assert ids.relative(here, target) == link


#: every URL shape of the site: the root, sections, pages, pages of facets, files at the
#: root and in folders (one named like a page's folder), an anchor, and paths the
#: arithmetic must leave to posixpath
_URL_SHAPES = (
    "",
    "van-ban/",
    "van-ban/22-kh-vpub-2021/",
    "van-ban/loai/ke-hoach/trang-2/",
    "van-ban/nam/2021/",
    "van-ban/loai/ke-hoach",
    "van-ban/22-kh-vpub-2021",
    "du-lieu-mo/",
    "du-lieu-mo/a.csv",
    "du-lieu-mo/van-ban.json",
    "sitemap.xml",
    "tep/2021/bien-ban.pdf",
    "tim-kiem/chi-muc/t/12.json",
    "#dieu-5",
    "van-ban/x/#dieu-5",
    "./van-ban/",
    "van-ban//x/",
    "../ngoai/",
    "van-ban/./x/",
    ".well-known/a.txt",
)


@pytest.mark.parametrize("here", _URL_SHAPES)
def test_relative_by_arithmetic_equals_posixpath_relpath(here: str) -> None:
    """The string arithmetic of ``ids.relative`` gives what ``posixpath.relpath`` gives,
    from every URL shape to every other (``ids._relpath`` is the relpath way)."""
    for target in _URL_SHAPES:
        assert ids.relative(here, target) == ids._relpath(here, target), (here, target)


@pytest.mark.parametrize(
    ("text", "is_name"),
    [
        ("Ông Nguyễn Văn Tên", True),
        ("bà Lò Thị Mai", True),
        ("Đ/c Hòa Văn", True),
        ("Cô giáo trường bản Huổi", False),
        ("Công chức phòng chuyên môn", False),
        ("Hộ dân bản Nà Sản", False),
        ("Ông", False),
    ],
)
def test_personal_names_are_recognised_in_raised_by(text: str, is_name: bool) -> None:
    from congkhai.dialogues import looks_like_a_name

    assert looks_like_a_name(text) is is_name


def _doc(**cells: str) -> object:
    from congkhai.datasets.documents import Document

    base = {
        "id": "x",
        "number": "01/QĐ-VPUB",
        "type": "quyet-dinh",
        "issuer": "vpub",
        "issued": "01/01/2021",
        "title": "T",
        "access": "cong-khai",
    }
    return Document.model_validate({**base, **cells})


@pytest.mark.parametrize(
    ("cells", "as_of", "status", "since"),
    [
        ({}, "2021-06-01", "khong-xac-dinh", None),
        ({"effective": "15/01/2021"}, "2021-01-14", "chua-co-hieu-luc", "2021-01-15"),
        ({"effective": "15/01/2021"}, "2021-01-15", "con-hieu-luc", "2021-01-15"),
        (
            {"effective": "15/01/2021", "expires": "01/6/2021"},
            "2021-05-31",
            "con-hieu-luc",
            "2021-01-15",
        ),
        (
            {"effective": "15/01/2021", "expires": "01/6/2021"},
            "2021-06-01",
            "het-hieu-luc",
            "2021-06-01",
        ),
        (
            {"effective": "15/01/2021", "status": "ngung-hieu-luc"},
            "2021-06-01",
            "ngung-hieu-luc",
            "2021-01-15",
        ),
        (
            {"status": "het-hieu-luc", "expires": "01/3/2021"},
            "2021-02-01",
            "het-hieu-luc",
            "2021-03-01",
        ),
    ],
)
def test_legal_force_table(
    cells: dict[str, str], as_of: str, status: str, since: str | None
) -> None:
    from congkhai.registry import legal_force

    force = legal_force(_doc(**cells), [], dt.date.fromisoformat(as_of))  # type: ignore[arg-type]
    assert force.status.value == status
    assert (force.since.isoformat() if force.since else None) == since
    assert force.overridden is ("status" in cells)


@pytest.mark.parametrize(
    "text",
    [
        "Theo Nghị định 30/2020/NĐ-CP ngày 05/3/2020 và Kế hoạch 22/KH-VPUB",
        "Quy định 12-QĐi/TU, Kết luận 215 - KL/TW, số 15 /2014/TT-BNV",
        '<a href="../../van-ban/22-kh-vpub-2021/">22/KH-VPUB</a></td></tr>',
        "Số 12²/KH-VPUB; 1/2; 06/01/2020; x/y; ①-AB/TU; 𝟏𝟐/KH; / đầu dòng",
        " /KH 1 /QĐ a /b",
    ],
)
def test_number_slashes_are_every_slash_a_number_may_hold(text: str) -> None:
    """``numbers._slashes`` leaves out only slashes where ``_start_before`` finds nothing."""
    from congkhai import numbers

    every = [i for i, c in enumerate(text) if c == "/"]
    kept = numbers._slashes(text)
    assert set(kept) <= set(every) and kept == sorted(kept)
    for p in set(every) - set(kept):
        assert numbers._start_before(text, p) is None, (text, p)
