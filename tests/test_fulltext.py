"""A regulation's full text on its document page (issue 12, parts 3-4): the shipped sample
"Nội quy tiếp công dân" has a table of contents, an anchor for every chapter, article,
clause and point, a copy link for each reachable by keyboard, and its internal references
link within the page; document numbers link to the register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Build

from congkhai.devserver import serve

SAMPLE = "van-ban/noi-quy-tiep-cong-dan-mau/"


def test_sample_has_a_table_of_contents_of_chapters_and_articles(seed_build: Build) -> None:
    page = seed_build.html(SAMPLE)
    toc = page.select_one("details.ck-toc nav")
    assert toc is not None and toc["aria-label"] == "Mục lục toàn văn"
    entries = [(a.get_text(), a["href"]) for a in toc.select("a")]
    assert entries[0] == ("Chương I. QUY ĐỊNH CHUNG", "#chuong-i")
    assert ("Điều 5. Nghĩa vụ của người đến nơi tiếp công dân", "#dieu-5") in entries
    assert sum(1 for _, href in entries if href.startswith("#chuong-")) == 4
    assert sum(1 for _, href in entries if href.startswith("#dieu-")) == 11
    for _, href in entries:
        assert page.find(id=href[1:]) is not None, href


def test_every_in_page_link_has_its_target_and_every_anchor_a_copy_link(seed_build: Build) -> None:
    page = seed_build.html(SAMPLE)
    text = page.select_one(".ck-fulltext")
    internal = [a for a in text.select("a[href^='#']") if "ck-copy" not in a.get("class", [])]
    internal = [a for a in internal if "headerlink" not in a.get("class", [])]
    assert {a["href"] for a in internal} >= {"#dieu-5-khoan-2", "#dieu-7-khoan-1-diem-a", "#dieu-3"}
    for a in internal:
        assert page.find(id=a["href"][1:]) is not None, a
    anchored = text.select("[id^='chuong-'], [id^='dieu-']")
    assert len(anchored) > 40
    for element in anchored:
        copy = element.select_one(f"a.ck-copy[href='#{element['id']}']")
        assert copy is not None and copy["aria-label"].startswith("Liên kết đến "), element["id"]
    # point đ) is not point d)
    assert text.find(id="dieu-4-diem-dd") is not None
    assert text.find(id="dieu-4-diem-d") is not None


def test_numbers_of_registered_documents_link_and_the_rest_stay_text(seed_build: Build) -> None:
    text = seed_build.html(SAMPLE).select_one(".ck-fulltext")
    linked = {a.get_text(): a["href"] for a in text.select("a.ck-cite")}
    assert linked["12-QĐ/TU"] == "../12-qd-tu-2019/"
    assert linked["06-QĐ/ĐUVP"] == "../06-qd-duvp-2020/"
    assert "42/2013/QH13" in text.get_text() and "42/2013/QH13" not in linked
    report = seed_build.html("bao-cao-du-lieu/").get_text()
    assert 'noi-quy-tiep-cong-dan-mau.md:28: trích dẫn "42/2013/QH13" chưa có' in report


@pytest.fixture(scope="module")
def served(seed_build: Build) -> Iterator[str]:
    url, server = serve(seed_build.site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def test_an_anchor_opens_at_its_clause_and_copy_links_take_keyboard_focus(
    served: str, browser: object
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    try:
        page.goto(served + SAMPLE + "#dieu-5-khoan-2")
        box = page.locator("#dieu-5-khoan-2").bounding_box()
        assert box is not None and 0 <= box["y"] < 740
        assert page.evaluate("document.querySelector(':target').id") == "dieu-5-khoan-2"
        # Tab through the page until a copy link has focus: it is reachable and visible
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('ck-copy')"):
                break
        else:
            pytest.fail("no copy link is reachable by keyboard")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.visibility]; })()"
        )
        assert style[0] != "none" and style[1] != "0px" and style[2] == "visible"
        target = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        page.wait_for_function(f"location.hash === {target!r}")
        # an internal reference moves to its target
        page.click("a[href='#dieu-7-khoan-1-diem-a']:not(.ck-copy)")
        page.wait_for_function("location.hash === '#dieu-7-khoan-1-diem-a'")
    finally:
        page.close()
