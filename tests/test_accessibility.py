"""WCAG 2.1 AA: axe-core (bundled by axe-playwright-python, no network) on the shipped site's
page types, on a desktop and a phone viewport, in Debian's Chromium."""

from __future__ import annotations

import pytest

PAGES = [
    "",
    "van-ban/",
    "van-ban/loai/ke-hoach/",
    "van-ban/22-kh-vpub-2021/",
    "van-ban/bao-cao-doi-thoai-2021/",
    "van-ban/noi-quy-tiep-cong-dan-mau/",
    "lich-tiep-cong-dan/",
    "lich-tiep-cong-dan/thang/2021-05/",
    "lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-07-15/",
    "doi-thoai/",
    "doi-thoai/cam-ket/",
    "ke-hoach/phuong-huong-2022/",
    "thong-bao/",
    "tim-kiem/?q=tiep+cong+dan",
    "so-do-cong/",
    "bao-cao-du-lieu/",
    "huong-dan-nhap-lieu/",
    "huong-dan-nhap-lieu/documents/",
    "tiep-can-thong-tin/",
    "tiep-can-thong-tin/mau-phieu/",
    "tiep-can-thong-tin/danh-muc/",
    "bao-cao-tuan-thu/",
    "du-lieu-mo/",
    "co-cau-to-chuc/",
    "thu-tuc-hanh-chinh/",
    "lich-tiep-cong-dan/ket-qua/",
    "bao-cao-nam/",
    "bao-cao-nam/2021/",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("viewport", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(
    browser: object, base: str, path: str, viewport: tuple[int, int]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})  # type: ignore[attr-defined]
    try:
        page.goto(base + path)
        if path.startswith("tim-kiem/"):
            page.wait_for_selector("#ck-results li")
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
        ]
        assert violations == []
    finally:
        page.close()
