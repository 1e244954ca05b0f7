"""Printing a document page (issue 12, part 5): Debian's Chromium prints the shipped site's
sample regulation and the seed report to A4 PDF with print media; pypdf reads the text back.
The sheet names agency, number, date, legal force and the page's address at the top, and
carries none of the frame (search bar, navigation, footer, provenance line)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator

import pytest
from conftest import ROOT, Build, build

from congkhai.devserver import serve

SITE_URL = "https://congkhai.example.vn/"
SAMPLE = "van-ban/noi-quy-tiep-cong-dan-mau/"
SEED_REPORT = "van-ban/bao-cao-doi-thoai-2021/"
SAMPLE_TEXT = ROOT / "docs/toan-van/noi-quy-tiep-cong-dan-mau.md"
#: A4 in PostScript points (210 x 297 mm), as Chromium rounds it
A4 = (595, 842)
#: Text of the frame that must never reach paper: the search bar's label and button hint,
#: navigation entries, footer lines and links, the provenance line.
FRAME_TEXT = (
    "Tìm kiếm văn bản, thông báo, lịch tiếp",
    "Tìm văn bản, thông báo, lịch tiếp",
    "Trang chủ",
    "Sổ văn bản",
    "Mẫu phiếu yêu cầu",
    "Báo cáo tuân thủ",
    "Hướng dẫn nhập liệu",
    "Dành cho cán bộ",
    "Sơ đồ cổng",
    "Báo cáo chất lượng dữ liệu",
    "Chịu trách nhiệm quản lý nội dung",
    "Đầu mối cung cấp thông tin",
    "Nguồn dữ liệu:",
    "Sửa tệp dữ liệu",
    "Trở lại mục lục",
)
#: A heading line of a regulation: "Điều 5. Tên điều", "Điều 5", "Chương II", or a chapter's
#: title in capitals on the line after it (congkhai/structure.py makes them headings).
HEADING_LINE = re.compile(r"^(Điều \d+\.?(\s.*)?|Chương [IVXLC\d]+)$")


def is_heading(line: str) -> bool:
    return bool(HEADING_LINE.match(line)) or (line.isupper() and len(line) > 3)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def site_with_address(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped site built with its public address set, as the deploy workflow does."""
    result = build(ROOT, tmp_path_factory.mktemp("print") / "site", CONGKHAI_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def pdfs(site_with_address: Build, browser: object) -> Iterator[dict[str, bytes]]:
    """Each page printed by Chromium to A4 with print media."""
    url, server = serve(site_with_address.site)
    out = {}
    try:
        for path in (SAMPLE, SEED_REPORT):
            page = browser.new_page()  # type: ignore[attr-defined]
            try:
                page.emulate_media(media="print")
                page.goto(url + path)
                out[path] = page.pdf(format="A4")
            finally:
                page.close()
        yield out
    finally:
        server.shutdown()
        server.server_close()


def _pages(pdf: bytes) -> list[str]:
    """Text of each sheet. pypdf's layout mode: its default mode splits Vietnamese words
    around precomposed letters ("Quy ế t đ ị nh") where Chromium positions glyphs."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [_nfc(p.extract_text(extraction_mode="layout")) for p in reader.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("path", "number", "status"),
    # a decision without its effective date; a report, which has no legal force
    [(SAMPLE, "/QĐ-VPUB", "Chưa xác định"), (SEED_REPORT, "/BC-VPUB", "Không áp dụng")],
    ids=["sample", "seed"],
)
def test_first_sheet_names_agency_number_date_status_and_address(
    pdfs: dict[str, bytes], path: str, number: str, status: str
) -> None:
    first = _flat(_pages(pdfs[path])[0])
    header = first[: first.index("Thuộc tính văn bản")]
    assert "Văn phòng Ủy ban nhân dân tỉnh Sơn La".upper() in header.upper()
    assert f"Số ký hiệu: {number} (dự thảo, chưa cấp số)" in header
    assert "Ngày ban hành: 11/2021 (chưa ghi ngày)" in header
    assert f"Tình trạng hiệu lực: {status}" in header
    assert SITE_URL + path in "".join(first.split())


@pytest.mark.parametrize("path", [SAMPLE, SEED_REPORT], ids=["sample", "seed"])
def test_sheets_are_a4_and_carry_no_frame(pdfs: dict[str, bytes], path: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdfs[path]))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1), size
    text = _flat("\n".join(_pages(pdfs[path])))
    assert [t for t in FRAME_TEXT if t in text] == []
    # links print as their text: no address after them
    assert "http" not in text.replace(SITE_URL + path, "")


def test_sample_prints_whole_with_no_heading_at_a_sheet_bottom(pdfs: dict[str, bytes]) -> None:
    pages = _pages(pdfs[SAMPLE])
    assert len(pages) >= 2, "the sample regulation fills more than one A4 sheet"
    text = _flat("\n".join(pages))
    source = _nfc(SAMPLE_TEXT.read_text(encoding="utf-8"))
    headings = re.findall(r"^(Điều \d+\. .+|Chương [IVX]+)$", source, flags=re.MULTILINE)
    assert len(headings) >= 13
    assert [h for h in headings if h not in text] == []
    assert "Văn bản minh họa: do dự án viết" in text
    for number, page in enumerate(pages[:-1], start=1):
        lines = [_flat(line) for line in page.splitlines() if line.strip()]
        assert lines, f"sheet {number} is empty"
        assert not is_heading(lines[-1]), (number, lines[-1])


def test_print_header_gives_the_site_path_without_a_site_address(seed_build: Build) -> None:
    """Without ``site_url`` the sheet gives the page's path on the site."""
    header = seed_build.html(SAMPLE).select_one(".ck-print-header")
    assert header is not None
    assert "Địa chỉ trang: van-ban/noi-quy-tiep-cong-dan-mau/" in _flat(header.get_text())


def test_print_stylesheet_sets_a4_and_keeps_headings_with_their_text(seed_build: Build) -> None:
    css = (seed_build.site / "assets/congkhai.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4;", css)
    assert re.search(r"\.md-typeset :is\(h2, h3, h4, h5, h6\) \{[^}]*break-after: avoid", css)
