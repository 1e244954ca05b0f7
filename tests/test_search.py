"""Tìm kiếm: the index (Python, table-driven) and the search page in headless Chromium.

The browser tests drive Debian's Chromium with Playwright (``executable_path``), against
the built site served on localhost; they are the project's browser-test harness.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Build, build, make_project

from congkhai.devserver import serve
from congkhai.search import fnv1a, fold, tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng ủy", "dang uy"),
        ("đất đai", "dat dai"),
        ("ĐỐI THOẠI", "doi thoai"),
        ("Tiếp công dân", "tiep cong dan"),
    ],
)
def test_fold_keeps_length_and_maps_d_stroke(text: str, folded: str) -> None:
    assert fold(text) == folded and len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("22/KH-VPUB", ["22", "kh", "vpub"]),
        ("kh-vpub 22", ["kh", "vpub", "22"]),
        ("12-QĐi/TU", ["12", "qd", "tu"]),
        (unicodedata.normalize("NFD", "TIẾP CÔNG DÂN"), ["tiep", "cong", "dan"]),
        ("theo dõi", ["theo", "doi"]),
    ],
)
def test_tokens(query: str, expected: list[str]) -> None:
    assert tokens(query) == expected


def test_fnv1a_matches_the_reference_values() -> None:
    # Reference FNV-1a 32-bit values; the browser's Math.imul version must agree.
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


class SearchPage:
    def __init__(self, browser: object, base: str) -> None:
        self.page = browser.new_page()  # type: ignore[attr-defined]
        self.page.goto(base + "tim-kiem/")

    def query(self, text: str) -> list[dict[str, str]]:
        self.page.fill("#ck-q", text)
        self.page.wait_for_function(
            "q => document.querySelector('#ck-results').getAttribute('data-query') === q",
            arg=text,
            timeout=15000,
        )
        return self.page.eval_on_selector_all(
            "#ck-results li",
            """els => els.map(e => ({kind: e.querySelector('.ck-result__kind').innerText,
                title: e.querySelector('.ck-result__title').innerText,
                href: e.querySelector('.ck-result__title').getAttribute('href'),
                excerpt: e.querySelector('.ck-result__excerpt').innerText,
                marks: Array.from(e.querySelectorAll('mark')).map(m => m.innerText)}))""",
        )


@pytest.fixture(scope="module")
def seed_search(seed_build: Build, browser: object) -> Iterator[SearchPage]:
    base, server = serve(seed_build.site)
    page = SearchPage(browser, base)
    yield page
    page.page.close()
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("query", "title", "mark"),
    [
        ("tiep cong dan", "Lịch tiếp công dân", "tiếp"),
        ("doi thoai", "Hội nghị đối thoại", "đối"),
        (
            "Dang uy",
            "Về lịch tiếp công dân năm 2021 của Bí thư Đảng ủy Văn phòng UBND tỉnh",
            "Đảng",
        ),
        (
            "22/KH-VPUB",
            "Về đối thoại của Chánh Văn phòng Ủy ban nhân dân tỉnh với công chức, viên chức, người lao động và nhân dân",
            "22",
        ),
        (
            "22-KH-VPUB",
            "Về đối thoại của Chánh Văn phòng Ủy ban nhân dân tỉnh với công chức, viên chức, người lao động và nhân dân",
            "22",
        ),
        (
            "22 kh vpub",
            "Về đối thoại của Chánh Văn phòng Ủy ban nhân dân tỉnh với công chức, viên chức, người lao động và nhân dân",
            "KH",
        ),
        (
            "kh-vpub 22",
            "Về đối thoại của Chánh Văn phòng Ủy ban nhân dân tỉnh với công chức, viên chức, người lao động và nhân dân",
            "VPUB",
        ),
        (
            "12-QĐ/TU",
            "Về việc quy định đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp; người đứng đầu các sở, ban, ngành cấp tỉnh với nhân dân",
            "12",
        ),
        (
            "12-QĐi/TU",
            "Về việc quy định đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp; người đứng đầu các sở, ban, ngành cấp tỉnh với nhân dân",
            "QĐ",
        ),
        (unicodedata.normalize("NFD", "TIẾP CÔNG DÂN"), "Lịch tiếp công dân", "tiếp"),
    ],
)
def test_queries_on_the_shipped_site(
    seed_search: SearchPage, query: str, title: str, mark: str
) -> None:
    results = seed_search.query(query)
    assert results, query
    assert results[0]["title"] == title
    # Marks wrap whole matched phrases ("12-QĐ/TU", "tiếp công dân"): the word is inside one.
    assert any(mark in m for r in results[:3] for m in r["marks"]), results[:3]


def test_document_results_show_kind_number_and_date(seed_search: SearchPage) -> None:
    first = seed_search.query("22/KH-VPUB")[0]
    assert first["kind"] == "Văn bản · 22/KH-VPUB · 01/02/2021"
    assert first["href"] == "../van-ban/22-kh-vpub-2021/"
    assert "Kế hoạch 22/KH-VPUB ngày 01 tháng 02 năm 2021" in first["excerpt"]


def test_filters_by_kind(seed_search: SearchPage) -> None:
    everything = seed_search.query("doi thoai")
    assert {r["kind"].split(" · ")[0] for r in everything} >= {"Văn bản", "Trang thông tin"}
    seed_search.page.select_option("select[data-facet=kind]", label="Văn bản")
    seed_search.page.wait_for_function(
        "document.querySelectorAll('#ck-results li').length > 0 && Array.from(document.querySelectorAll('.ck-result__kind')).every(e => e.innerText.startsWith('Văn bản'))"
    )
    seed_search.page.select_option("select[data-facet=kind]", value="")


@pytest.fixture(scope="module")
def fixture_search(
    tmp_path_factory: pytest.TempPathFactory, browser: object
) -> Iterator[SearchPage]:
    tmp = tmp_path_factory.mktemp("search")
    project = make_project(tmp)
    shutil.rmtree(project / "data" / "thong-bao")
    shutil.copytree(
        Path(__file__).parent / "golden" / "search" / "data" / "thong-bao",
        project / "data" / "thong-bao",
    )
    result = build(project, tmp / "site", as_of="2026-03-01")
    assert result.returncode == 0, result.output
    base, server = serve(result.site)
    page = SearchPage(browser, base)
    yield page
    page.page.close()
    server.shutdown()
    server.server_close()


def test_phrase_ranks_above_scattered_syllables(fixture_search: SearchPage) -> None:
    fixture_search.page.select_option("select[data-facet=kind]", label="Thông báo")
    titles = [r["title"] for r in fixture_search.query("tiếp công dân")]
    fixture_search.page.select_option("select[data-facet=kind]", value="")
    # "số hai" is newer and has tiếp, công, dân in different sentences: the phrase wins.
    assert titles[:2] == ["Thông báo số một", "Thông báo số hai"]


def test_doi_thoai_does_not_match_theo_doi(fixture_search: SearchPage) -> None:
    titles = [r["title"] for r in fixture_search.query("doi thoai")]
    assert "Thông báo số ba" not in titles
    assert "Thông báo số ba" in [r["title"] for r in fixture_search.query("theo doi")]


def test_unpublished_records_are_not_in_the_index(seed_build: Build) -> None:
    meta = json.loads(
        (seed_build.site / "tim-kiem" / "chi-muc" / "meta.json").read_text(encoding="utf-8")
    )
    assert meta["count"] > 20
    shards = "".join(
        p.read_text(encoding="utf-8")
        for p in (seed_build.site / "tim-kiem" / "chi-muc" / "d").glob("*.json")
    )
    assert "van-ban/22-kh-vpub-2021/" in shards


def test_without_javascript_the_search_page_explains_and_links_facets(seed_build: Build) -> None:
    page = seed_build.html("tim-kiem/")
    nojs = page.select_one(".ck-nojs")
    assert "Tìm kiếm cần JavaScript" in nojs.get_text()
    assert nojs.find("a", href="../van-ban/loai/ke-hoach/") is not None
    form = seed_build.html("van-ban/").select_one("form.ck-searchbar")
    assert form["action"] == "../tim-kiem/" and form.find("input")["name"] == "q"
    assert not (seed_build.site / "search" / "search_index.json").exists()  # lunr is off


@pytest.fixture(scope="module")
def synthetic(
    tmp_path_factory: pytest.TempPathFactory, browser: object
) -> Iterator[tuple[SearchPage, Path]]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from generate_synthetic import generate

    tmp = tmp_path_factory.mktemp("synthetic")
    generate(1000, tmp / "project")
    result = build(tmp / "project", tmp / "site", as_of="2026-11-24")
    assert result.returncode == 0, result.output
    base, server = serve(result.site)
    page = SearchPage(browser, base)
    yield page, tmp / "project"
    page.page.close()
    server.shutdown()
    server.server_close()


def test_queries_on_a_synthetic_1000_document_site(synthetic: tuple[SearchPage, Path]) -> None:
    import datetime as dt

    from congkhai.numbers import number_key
    from congkhai.registry import load_registry

    search, project = synthetic
    assert search.query("tiep cong dan")[0]["title"] == "Lịch tiếp công dân"
    assert search.query("doi thoai")[0]["title"] == "Hội nghị đối thoại"
    assert "quy chế dân chủ" in search.query("quy che dan chu")[0]["title"]
    first = search.query("dat dai")[0]
    assert "đất đai" in first["title"] and "đất đai" in [m.lower() for m in first["marks"]]
    assert "Đảng ủy" in search.query("Dang uy")[0]["marks"]
    registry = load_registry(project, dt.date(2026, 11, 24))
    docs = registry.published_documents()
    number = next(d.number_text for d in docs if "/KH-VPUB" in d.number_text)
    same = [d for d in docs if d.number and number_key(d.number_text) == number_key(number)]
    newest = max(same, key=lambda d: (d.issued, f"van-ban/{d.id}/"))
    serial = number.split("/")[0]
    for form in (number, number.replace("/", "-"), f"{serial} kh vpub", f"kh-vpub {serial}"):
        top = search.query(form)[0]
        assert top["href"] == f"../van-ban/{newest.id}/", form
        assert top["kind"].startswith(f"Văn bản · {number} · ")


def test_as_of_script_relabels_what_the_date_has_overtaken(
    seed_build: Build, browser: object
) -> None:
    """Built as of 30/11/2021, read in a browser today: 15/12/2021 is no longer upcoming."""
    base, server = serve(seed_build.site)
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(base + "lich-tiep-cong-dan/")
        label = page.inner_text('tr[data-date="2021-12-15"] .ck-status')
        assert label.startswith("Đã qua")  # "Đã qua (chưa cập nhật kết quả)", as the build says
        static = seed_build.html("lich-tiep-cong-dan/").select_one(
            'tr[data-date="2021-12-15"] .ck-status'
        )
        assert static.get_text() == "Sắp diễn ra"  # without JavaScript the build-day label stands
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def test_more_button_hidden_until_there_are_more_results(seed_search: SearchPage) -> None:
    seed_search.query("12-QĐ/TU")  # three results: no "more" button
    assert not seed_search.page.is_visible("#ck-more")
    seed_search.query("tiep cong dan")  # more than ten
    assert seed_search.page.is_visible("#ck-more")
    seed_search.page.click("#ck-more")
    seed_search.page.wait_for_function("document.querySelectorAll('#ck-results li').length > 10")


# --- typing, phrases, dates, example records, escaping, no JavaScript (issue 13) ---------


def test_typing_t_ti_tie_never_says_not_found(seed_search: SearchPage) -> None:
    page = seed_search.page
    page.fill("#ck-q", "")
    page.evaluate(
        """() => { window.ckStatuses = [];
        new MutationObserver(() => window.ckStatuses.push(
            document.querySelector('#ck-search-status').textContent))
        .observe(document.querySelector('#ck-search-status'),
                 {childList: true, characterData: true, subtree: true}); }"""
    )
    page.focus("#ck-q")
    for typed in ("t", "ti", "tie"):
        page.keyboard.type(typed[-1])  # one key at a time, as a reader types
        page.wait_for_function(
            "q => document.querySelector('#ck-results').getAttribute('data-query') === q",
            arg=typed,
        )
        if typed == "t":  # one letter: no search, nothing said
            assert page.inner_text("#ck-search-status") == ""
            assert page.eval_on_selector_all("#ck-results li", "e => e.length") == 0
    statuses = page.evaluate("window.ckStatuses")
    assert not any("Không tìm thấy" in s for s in statuses), statuses
    assert "Tìm thấy" in page.inner_text("#ck-search-status")


def test_half_typed_last_syllable_finds_the_reception_pages(seed_search: SearchPage) -> None:
    results = seed_search.query("tiep co")
    assert results[0]["title"] == "Lịch tiếp công dân"
    assert all("tiếp công" in r["title"].lower() for r in results[:4]), results[:4]
    assert "tiếp công" in results[0]["marks"]


def test_whole_phrase_is_highlighted_not_its_scattered_syllables(seed_search: SearchPage) -> None:
    first = seed_search.query("so noi vu")[0]
    assert first["title"] == "Kết quả thực hiện công tác đối thoại năm 2021"
    assert first["marks"] == ["Sở Nội vụ"]  # not "Số" nor a lone "vụ"
    html = seed_search.page.inner_html("#ck-results li .ck-result__excerpt")
    assert "<mark>Sở Nội vụ</mark>" in html


def test_a_name_at_the_foot_of_a_report_is_highlighted(seed_search: SearchPage) -> None:
    results = seed_search.query("soi duc nghia")
    assert [r["title"] for r in results] == ["Kết quả thực hiện công tác đối thoại năm 2021"]
    assert "Sòi Đức Nghĩa" in results[0]["marks"]


@pytest.mark.parametrize(
    ("query", "within"),
    [("tiếp công dân tháng 12", 3), ("15/12", 1), ("15/12/2021", 1), ("tiep cong dan 15/12", 1)],
)
def test_dates_find_the_15_december_2021_session(
    seed_search: SearchPage, query: str, within: int
) -> None:
    results = seed_search.query(query)
    session = "../lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-12-15/"
    assert session in [r["href"] for r in results[:within]], results[:within]


def test_example_records_are_labelled_in_results(seed_search: SearchPage) -> None:
    results = seed_search.query("15/12/2021")
    assert results[0]["kind"] == "Buổi tiếp công dân · 15/12/2021 minh họa"
    tag = seed_search.page.inner_text("#ck-results li .ck-result__kind .ck-tag")
    assert tag == "minh họa"
    report = seed_search.query("soi duc nghia")[0]
    assert "minh họa" not in report["kind"]


def test_query_markup_is_shown_as_text(seed_search: SearchPage) -> None:
    hostile = '<script>alert(1)</script> "tiep'
    seed_search.query(hostile)
    page = seed_search.page
    assert page.eval_on_selector_all("#ck-search script, #ck-search img", "e => e.length") == 0
    assert page.input_value("#ck-q") == hostile
    assert all("<script>" not in m for r in seed_search.query(hostile) for m in r["marks"])


def test_a_query_naming_a_type_and_year_links_the_register_pages(
    seed_search: SearchPage,
) -> None:
    seed_search.query("kế hoạch 2021")
    links = seed_search.page.eval_on_selector_all(
        "#ck-facets li:not([hidden]) a", "e => e.map(a => [a.innerText, a.getAttribute('href')])"
    )
    assert links == [
        ["Kế hoạch", "../van-ban/loai/ke-hoach/"],
        ["Văn bản năm 2021", "../van-ban/nam/2021/"],
    ]
    seed_search.query("doi thoai")
    assert not seed_search.page.is_visible("#ck-facets")


def test_without_javascript_the_typed_query_is_kept(seed_build: Build, browser: object) -> None:
    """The header's form submits GET: the query is in the address, the page says so, and the
    same address read with JavaScript shows the results. A static page cannot print the query
    back without a script."""
    base, server = serve(seed_build.site)
    nojs = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    withjs = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = nojs.new_page()
        page.goto(base + "van-ban/")
        page.fill("#ck-searchbar-q", "tiếp công dân")
        page.press("#ck-searchbar-q", "Enter")
        page.wait_for_url("**/tim-kiem/?q=*")
        from urllib.parse import parse_qs, urlsplit

        assert parse_qs(urlsplit(page.url).query)["q"] == ["tiếp công dân"]
        assert page.is_visible(".ck-nojs") and not page.is_visible("#ck-q")
        assert "?q=" in page.inner_text(".ck-nojs")
        again = withjs.new_page()
        again.goto(page.url)
        again.wait_for_function("document.querySelectorAll('#ck-results li').length > 0")
        assert again.input_value("#ck-q") == "tiếp công dân"
        assert not again.is_visible(".ck-nojs")
    finally:
        nojs.close()
        withjs.close()
        server.shutdown()
        server.server_close()


def test_a_search_from_the_header_box_moves_focus_to_the_results(
    seed_build: Build, browser: object
) -> None:
    """The header box opens the search page with ?q=: once the results are shown, focus is
    on their count (announced), and the next Tab reaches the first result."""
    base, server = serve(seed_build.site)
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(base + "tim-kiem/?q=tiep+cong+dan")
        page.wait_for_function("document.activeElement.id === 'ck-search-status'")
        assert page.locator("#ck-results li").count() > 0
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#ck-results') !== null")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
