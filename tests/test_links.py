"""Every internal link of the built site resolves: files, directory URLs and #fragments.

`mkdocs build --strict` checks Markdown links only; the pages congkhai renders from templates
are checked here, by reading the built HTML back with `congkhai.linkcheck`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADERS, Build, build, make_project, synthetic_project

from congkhai.linkcheck import BrokenLink, check_site


def report(broken: list[BrokenLink]) -> str:
    return "\n".join(str(link) for link in broken)


# --- the checker itself, on a small hand-made site ---------------------------------------

#: The hand-made site: every file a case below links to, or fails to.
TINY_SITE = {
    "index.html": "<h1>Trang chủ</h1>",
    "b.html": '<h2 id="muc-1">Mục 1</h2><a name="cu">cũ</a>',
    "sub/index.html": "<p>Thư mục con</p>",
    "tim-kiem/index.html": "<form></form>",
    "tệp/văn-bản.html": '<h2 id="điều-1">Điều 1</h2>',
    "du-lieu/van-ban.csv": "id,number\n",
    "assets/logo.svg": "<svg/>",
}
EMPTY_DIR = "thu-muc-rong"  # a folder without index.html

LINK_CASES = [
    # (case id, page holding the link, the tag, expected reason's English gloss or None)
    ("file_link_resolves", "trang.html", '<a href="b.html">', None),
    ("planted_broken_file_link", "trang.html", '<a href="khong-co.html">', "no such file"),
    ("broken_image_src", "trang.html", '<img src="assets/khong-co.png">', "no such file"),
    ("image_src_resolves", "trang.html", '<img src="assets/logo.svg">', None),
    ("fragment_by_id", "trang.html", '<a href="b.html#muc-1">', None),
    ("fragment_by_a_name", "trang.html", '<a href="b.html#cu">', None),
    ("broken_fragment", "trang.html", '<a href="b.html#muc-9">', "no element with this id"),
    ("same_page_fragment", "trang.html", '<a href="#o-day"><span id="o-day">', None),
    ("same_page_broken_fragment", "trang.html", '<a href="#khong-co">', "no element"),
    ("empty_fragment_is_top", "trang.html", '<a href="#">', None),
    ("directory_url", "trang.html", '<a href="sub/">', None),
    ("directory_url_without_slash", "trang.html", '<a href="sub">', None),
    ("directory_without_index", "trang.html", f'<a href="{EMPTY_DIR}/">', "no such file"),
    ("missing_directory_url", "trang.html", '<a href="van-ban/loai/quyet-dinh/">', "no such"),
    ("up_link", "sub/trang.html", '<a href="../b.html#muc-1">', None),
    ("up_link_to_root_directory", "sub/trang.html", '<a href="../">', None),
    ("up_link_above_site", "sub/trang.html", '<a href="../../b.html">', "above the site"),
    ("root_relative", "sub/trang.html", '<a href="/b.html">', None),
    ("root_relative_broken", "sub/trang.html", '<a href="/sub/khong-co/">', "no such file"),
    ("query_string_ignored", "trang.html", '<a href="tim-kiem/?q=%C4%91%E1%BA%A5t">', None),
    ("query_on_missing_page", "trang.html", '<a href="tim/?q=dat">', "no such file"),
    (
        "percent_encoded_vietnamese_path",
        "trang.html",
        '<a href="t%E1%BB%87p/v%C4%83n-b%E1%BA%A3n.html#%C4%91i%E1%BB%81u-1">',
        None,
    ),
    ("raw_vietnamese_path", "trang.html", '<a href="tệp/văn-bản.html#điều-1">', None),
    ("percent_encoded_broken", "trang.html", '<a href="t%E1%BB%87p/khong.html">', "no such"),
    ("fragment_on_a_data_file_ignored", "trang.html", '<a href="du-lieu/van-ban.csv#x">', None),
    ("external_https_ignored", "trang.html", '<a href="https://example.org/khong-co">', None),
    ("mailto_ignored", "trang.html", '<a href="mailto:vanphong@example.org">', None),
    ("tel_ignored", "trang.html", '<a href="tel:+842123852020">', None),
    ("protocol_relative_ignored", "trang.html", '<script src="//cdn.example.org/x.js">', None),
    ("javascript_is_a_finding", "trang.html", '<a href="javascript:void(0)">', "javascript:"),
    ("file_scheme_is_a_finding", "trang.html", '<a href="file:///C:/du-lieu.csv">', "scheme"),
]


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, text in TINY_SITE.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / EMPTY_DIR).mkdir()
    return site


@pytest.mark.parametrize(
    ("page", "tag", "expected"),
    [case[1:] for case in LINK_CASES],
    ids=[case[0] for case in LINK_CASES],
)
def test_checker_resolves_or_reports(
    tiny_site: Path, page: str, tag: str, expected: str | None
) -> None:
    (tiny_site / page).write_text(f"<!doctype html>\n<p>\n{tag}</p>\n", encoding="utf-8")
    found = [link for link in check_site(tiny_site) if link.page == page]
    if expected is None:
        assert found == [], report(found)
    else:
        assert len(found) == 1, report(found)
        assert expected in found[0].reason, report(found)
        assert (found[0].line, found[0].column) == (3, 1)


def test_broken_link_names_page_line_column_attribute_and_url(tiny_site: Path) -> None:
    (tiny_site / "sub" / "trang.html").write_text(
        '<p>\n  <img alt="" src="../anh.png">\n</p>', encoding="utf-8"
    )
    assert [str(link) for link in check_site(tiny_site)] == [
        'sub/trang.html:2:3: src="../anh.png": không có tệp "anh.png" trong cổng đã dựng '
        "(no such file in the built site)"
    ]


def test_absolute_urls_into_a_site_published_under_a_sub_path(tiny_site: Path) -> None:
    (tiny_site / "trang.html").write_text(
        '<link rel="canonical" href="https://vpub.example.gov.vn/cong/trang.html">'
        '<a href="https://vpub.example.gov.vn/cong/b.html#muc-1">ok</a>'
        '<a href="/cong/sub/">ok</a>'
        '<a href="https://vpub.example.gov.vn/cong/khong-co/">hỏng</a>'
        '<a href="/khac/b.html">ngoài cổng</a>',
        encoding="utf-8",
    )
    found = check_site(tiny_site, site_url="https://vpub.example.gov.vn/cong")
    assert [(link.url, link.reason.split("(")[-1]) for link in found] == [
        ("https://vpub.example.gov.vn/cong/khong-co/", "no such file in the built site)"),
        ("/khac/b.html", "outside the site's base path)"),
    ]


# --- the real sites -----------------------------------------------------------------------


def test_shipped_site_has_no_broken_link(seed_build: Build) -> None:
    broken = check_site(seed_build.site)
    assert broken == [], "liên kết hỏng trên cổng mẫu (broken links on the shipped site):\n" + (
        report(broken)
    )


def test_synthetic_site_has_no_broken_link(tmp_path: Path) -> None:
    project = synthetic_project(300, tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    broken = check_site(result.site)
    assert broken == [], "liên kết hỏng trên cổng giả lập 300 văn bản (synthetic site):\n" + (
        report(broken)
    )


def test_search_page_links_only_facets_that_exist(tmp_path: Path) -> None:
    """Known bug on main (issue 8): the search page's "browse" list links the Quyết định
    facet whether or not the register has one (congkhai/pages/site_pages.py, search_context)."""
    only_a_plan = HEADERS["documents.csv"] + (
        ",01/KH-VPUB,ke-hoach,vpub,05/01/2021,Kế hoạch công tác năm 2021,,,,,,,,cong-khai,,,\n"
    )
    project = make_project(tmp_path, {"data/documents.csv": only_a_plan})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    broken = check_site(result.site)
    assert broken == [], (
        "sổ văn bản không có quyết định nào: trang tìm kiếm vẫn trỏ tới trang lọc không tồn tại "
        "(a register without any Quyết định: the search page still links the missing facet page; "
        "congkhai/pages/site_pages.py search_context):\n" + report(broken)
    )
