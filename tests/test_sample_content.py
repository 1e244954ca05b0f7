"""The sample regulation (issue 12, part 4): a full "Nội quy tiếp công dân" written for the
project, registered as example data and labelled so on its page, in the register, the
catalogue, the feed and the open-data exports; a real document carries no such label."""

from __future__ import annotations

import csv
import io
import json
import re

from conftest import ROOT, Build

SAMPLE_ID = "noi-quy-tiep-cong-dan-mau"
SAMPLE = f"van-ban/{SAMPLE_ID}/"
SAMPLE_TEXT = (ROOT / "docs/toan-van/noi-quy-tiep-cong-dan-mau.md").read_text(encoding="utf-8")
#: every example row of the register: the sample regulation and the replaced/replacing pair
#: that shows the "replaced by" banner (tests/test_documents_right.py)
EXAMPLE_IDS = {SAMPLE_ID, "vi-du-quy-che-phan-anh-2020", "vi-du-quy-che-phan-anh-2021"}


def test_sample_text_has_the_parts_the_structure_recogniser_reads() -> None:
    lines = SAMPLE_TEXT.splitlines()
    chapters = [i for i, line in enumerate(lines) if re.fullmatch(r"Chương [IVX]+", line)]
    assert len(chapters) >= 3
    # "Chương I" then its title on the next line, as staff paste it; no Markdown headings
    assert all(lines[i + 1].isupper() for i in chapters)
    assert not any(line.startswith("#") for line in lines)
    articles = [int(n) for n in re.findall(r"^Điều (\d+)\. \S", SAMPLE_TEXT, flags=re.MULTILINE)]
    assert articles == list(range(1, len(articles) + 1)) and len(articles) >= 10
    points = re.findall(r"^([a-zđ])\) ", SAMPLE_TEXT, flags=re.MULTILINE)
    assert "đ" in points and points.index("đ") == points.index("d") + 1
    for reference in (
        "theo quy định tại khoản 2 Điều 5 Nội quy này",
        "điểm a khoản 1 Điều 7",
        "Điều 3 Nội quy này",
    ):
        assert reference in SAMPLE_TEXT, reference


def test_sample_page_says_it_is_an_example_and_links_the_registered_documents_it_cites(
    seed_build: Build,
) -> None:
    article = seed_build.html(SAMPLE).select_one("article")
    assert article is not None
    banner = article.select_one(".ck-example")
    assert banner is not None and banner.get("role") == "note"
    assert "Văn bản minh họa:" in banner.get_text()
    assert "không phải văn bản thật" in banner.get_text()
    # no invented number or date: the page shows a draft of an undated month
    properties = {
        tr.th.get_text(strip=True): tr.td.get_text(" ", strip=True)
        for tr in article.select(".ck-properties tr")
    }
    assert properties["Số ký hiệu"] == "/QĐ-VPUB (dự thảo, chưa cấp số)"
    assert properties["Ngày ban hành"] == "11/2021 (chưa ghi ngày)"
    assert properties["Người ký"] == "Không có thông tin"
    links = {a["href"] for a in article.select(".ck-fulltext a[href]")}
    for cited in ("06-qd-duvp-2020", "12-qd-tu-2019", "07-tb-duvp-2021", "05-tb-duvp-2021"):
        assert f"../{cited}/" in links, cited


def test_a_real_document_has_no_example_banner_or_tag(seed_build: Build) -> None:
    article = seed_build.html("van-ban/bao-cao-doi-thoai-2021/").select_one("article")
    assert article is not None
    assert article.select(".ck-example") == []
    assert "minh họa" not in article.get_text()


def test_register_catalogue_and_feed_label_the_example(seed_build: Build) -> None:
    rows = seed_build.html("van-ban/").select(".ck-table tbody tr")
    tagged = {r.a["href"] for r in rows if "minh họa" in r.get_text()}
    assert tagged == {f"{i}/" for i in EXAMPLE_IDS}
    catalogue = seed_build.html("tiep-can-thong-tin/danh-muc/")
    item = next(
        tr for tr in catalogue.select("tr") if SAMPLE in " ".join(a["href"] for a in tr("a"))
    )
    assert "minh họa" in item.get_text()
    feed = (seed_build.site / "van-ban/atom.xml").read_text(encoding="utf-8")
    assert "<title>[Minh họa] Quyết định (dự thảo): Ban hành Nội quy tiếp công dân" in feed
    assert feed.count("[Minh họa]") == len(EXAMPLE_IDS)


def test_exports_flag_the_example_and_only_it(seed_build: Build) -> None:
    text = (seed_build.site / "du-lieu-mo/van-ban.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows if r["example"] == "True"} == EXAMPLE_IDS
    assert {r["example"] for r in rows} == {"True", "False"}
    data = json.loads((seed_build.site / "du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in data["records"] if r["example"] is True} == EXAMPLE_IDS
