"""Cấu trúc văn bản: anchors, copy links, intra-text links and TOC of pasted full texts.

Every fixture is rendered by the project's real Markdown renderer (mkdocs.yml extensions and
the nh3 sanitiser), so what is asserted is what a reader gets.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congkhai.numbers import find_citations
from congkhai.site import MarkdownRenderer, markdown_config
from congkhai.structure import StructuredText, TocEntry, structure_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "structure"
SEED = ROOT / "docs" / "toan-van" / "bao-cao-doi-thoai-2021.md"
ALL_TEXTS = {
    "seed-report": SEED,
    "phap-dien-tiep-cong-dan": FIXTURES / "phap-dien-tiep-cong-dan.md",
    "quy-che-mau": FIXTURES / "quy-che-mau.md",
    "van-ban-lon-xon": FIXTURES / "van-ban-lon-xon.md",
}

render = MarkdownRenderer(markdown_config(ROOT))


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def visible_words(html: str) -> list[str]:
    """Words a reader sees: the HTML's text without copy links and toc permalinks (¶)."""
    soup = _soup(html)
    for a in soup.select("a.ck-copy, a.headerlink"):
        a.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return soup.get_text("").split()


_MARKUP = [
    re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE),  # ATX heading markers
    re.compile(r"^[ \t]{0,3}[-+][ \t]+", re.MULTILINE),  # bullets the staff typed
    re.compile(r"\{:[^}\n]*\}"),  # attribute lists
]
_EMPHASIS = re.compile(r"\*+")  # bold and italic markers, which join the text around them


def source_words(markdown: str) -> list[str]:
    text = unicodedata.normalize("NFC", markdown)
    for pattern in _MARKUP:
        text = pattern.sub(" ", text)
    return _EMPHASIS.sub("", text).split()


def structured(name: str) -> tuple[str, StructuredText, str]:
    source = ALL_TEXTS[name].read_text(encoding="utf-8")
    result = structure_text(source)
    return source, result, render(result.markdown)


# --- never drop or reorder text --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_visible_text_is_the_source_text_in_order(name: str) -> None:
    source, result, html = structured(name)
    seen, expected = visible_words(html), source_words(source)
    glued = [n for n in result.notes if "dính liền" in n.message]
    if glued:
        # A heading glued to its sentence is split at the glue: same characters, one more
        # word boundary per split.
        assert "".join(seen) == "".join(expected)
        assert len(seen) == len(expected) + len(glued)
    else:
        assert seen == expected


# --- anchors, headings, copy links -------------------------------------------------------


ANCHORS = [
    ("seed-report", ["muc-i", "muc-ii", "muc-ii-1", "muc-ii-2", "muc-ii-2-1", "muc-ii-2-1-1"]),
    ("seed-report", ["muc-ii-2-1-2", "muc-ii-2-2", "muc-ii-2-3", "muc-ii-2-4", "muc-iii"]),
    ("seed-report", ["muc-iii-1", "muc-iii-2", "muc-iii-5", "muc-iv"]),
    ("quy-che-mau", ["chuong-i", "chuong-ii", "chuong-ii-muc-1", "chuong-ii-muc-2"]),
    ("quy-che-mau", ["dieu-1", "dieu-3", "dieu-4", "dieu-6", "dieu-7", "phu-luc-i"]),
    ("quy-che-mau", ["dieu-2-khoan-1", "dieu-3-khoan-3", "dieu-4-khoan-2-diem-a"]),
    ("quy-che-mau", ["dieu-4-khoan-2-diem-dd", "dieu-7-khoan-1-diem-c"]),
    ("phap-dien-tiep-cong-dan", ["dieu-18-4-lq-1", "dieu-18-4-nd-1-2-khoan-3"]),
    ("phap-dien-tiep-cong-dan", ["dieu-18-4-lq-4-khoan-1-diem-dd", "dieu-18-4-lq-7"]),
    ("van-ban-lon-xon", ["chuong-i", "chuong-2", "dieu-1", "dieu-2-khoan-2-2", "dieu-2-2"]),
    ("van-ban-lon-xon", ["dieu-32-2-lq-1"]),
]


@pytest.mark.parametrize(("name", "anchors"), ANCHORS)
def test_structure_gets_its_anchor(name: str, anchors: list[str]) -> None:
    _, _, html = structured(name)
    soup = _soup(html)
    for anchor in anchors:
        assert soup.find(id=anchor) is not None, anchor


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_ids_are_unique_and_every_intra_link_has_a_target(name: str) -> None:
    _, _, html = structured(name)
    soup = _soup(html)
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for a in soup.select('a[href^="#"]'):
        assert a["href"][1:] in ids, a


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_headings_start_at_h2_and_never_skip_a_level(name: str) -> None:
    _, _, html = structured(name)
    levels = [int(h.name[1]) for h in _soup(html).find_all(re.compile(r"^h[1-6]$"))]
    assert levels and levels[0] == 2
    assert min(levels) == 2
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_every_anchored_part_has_one_named_copy_link(name: str) -> None:
    _, result, html = structured(name)
    soup = _soup(html)
    anchored: list[Tag] = list(soup.find_all("p", id=True))
    anchored += [soup.find(id=entry.anchor) for entry in result.toc]
    assert anchored
    for el in anchored:
        links = el.select("a.ck-copy")
        assert len(links) == 1, el
        assert links[0]["href"] == "#" + el["id"]
        assert links[0]["aria-label"].startswith("Liên kết đến ")
        assert links[0].get_text() == "#"


def test_copy_links_are_named_after_what_they_point_to() -> None:
    _, _, html = structured("quy-che-mau")
    soup = _soup(html)
    labels = {a["href"]: a["aria-label"] for a in soup.select("a.ck-copy")}
    assert labels["#dieu-4-khoan-2"] == "Liên kết đến khoản 2 Điều 4"
    assert labels["#dieu-4-khoan-2-diem-dd"] == "Liên kết đến điểm đ khoản 2 Điều 4"
    assert labels["#chuong-ii-muc-1"] == "Liên kết đến Mục 1 Chương II"
    assert labels["#dieu-5"] == "Liên kết đến Điều 5"


def test_clauses_and_points_stay_paragraphs_with_their_numbers_visible() -> None:
    _, _, html = structured("quy-che-mau")
    soup = _soup(html)
    assert soup.find("ol") is None
    clause = soup.find(id="dieu-3-khoan-2")
    assert clause.name == "p"
    assert clause.get_text().startswith("2. Người tiếp công dân")
    point = soup.find(id="dieu-4-khoan-2-diem-dd")
    assert point.name == "p" and point.get_text().startswith("đ) Người vi phạm")
    # pasted without blank lines, each clause is still its own paragraph
    assert soup.find(id="dieu-3-khoan-1").get_text().startswith("1. Việc tiếp công dân")


def test_article_headings_under_a_section_sit_one_level_below_it() -> None:
    _, _, html = structured("quy-che-mau")
    soup = _soup(html)
    assert soup.find(id="chuong-ii").name == "h2"
    assert soup.find(id="chuong-ii-muc-1").name == "h3"
    assert soup.find(id="dieu-4").name == "h4"  # inside Mục 1
    assert soup.find(id="dieu-7").name == "h3"  # Chương III has no Mục
    assert soup.find(id="phu-luc-i").name == "h2"


def test_chapter_title_on_the_next_line_joins_the_heading() -> None:
    _, result, html = structured("quy-che-mau")
    heading = _soup(html).find(id="chuong-i")
    assert visible_words(str(heading)) == ["Chương", "I", "NHỮNG", "QUY", "ĐỊNH", "CHUNG"]
    assert TocEntry("chuong-i", "Chương I. NHỮNG QUY ĐỊNH CHUNG", 1) in result.toc


def test_table_of_contents_of_a_regulation() -> None:
    _, result, _ = structured("quy-che-mau")
    assert [(e.anchor, e.depth) for e in result.toc] == [
        ("chuong-i", 1),
        ("dieu-1", 3),
        ("dieu-2", 3),
        ("dieu-3", 3),
        ("chuong-ii", 1),
        ("chuong-ii-muc-1", 2),
        ("dieu-4", 3),
        ("dieu-5", 3),
        ("chuong-ii-muc-2", 2),
        ("dieu-6", 3),
        ("chuong-iii", 1),
        ("dieu-7", 3),
        ("dieu-8", 3),
        ("phu-luc-i", 3),
    ]
    labels = {e.anchor: e.label for e in result.toc}
    assert labels["dieu-3"] == "Điều 3. Nguyên tắc tiếp công dân"  # "Điều 3:" as written
    assert labels["dieu-4"] == "Điều 4. Thời gian tiếp công dân"  # no period as written
    assert labels["dieu-6"] == "Điều 6. Địa điểm tiếp công dân"  # "**Điều 6.**"


def test_table_of_contents_of_the_seed_report() -> None:
    _, result, _ = structured("seed-report")
    assert result.toc == (
        TocEntry("muc-i", "I. CÔNG TÁC LÃNH ĐẠO, TRIỂN KHAI THỰC HIỆN", 1),
        TocEntry("muc-ii", "II. KẾT QUẢ THỰC HIỆN", 1),
        TocEntry("muc-ii-1", "1. Công tác tuyên truyền, phổ biến, quán triệt thực hiện", 2),
        TocEntry("muc-ii-2", "2. Kết quả triển khai thực hiện các nhiệm vụ theo kế hoạch", 2),
        TocEntry("muc-iii", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022", 1),
        TocEntry("muc-iv", "IV. ĐỀ XUẤT, KIẾN NGHỊ:", 1),
    )
    assert result.notes == ()


def test_seed_report_numbered_items_are_text_not_a_list() -> None:
    _, _, html = structured("seed-report")
    soup = _soup(html)
    assert soup.find("ol") is None
    assert soup.find(id="muc-iii-2").get_text().startswith("2. Xây dựng kế hoạch")
    # "#### **IV. ĐỀ XUẤT, KIẾN NGHỊ:** Không.": the heading, then its sentence
    iv = soup.find(id="muc-iv")
    assert iv.find_next_sibling().get_text() == "Không."


HEADINGS = [
    # (a line as pasted, the anchor of the heading it becomes, or None for a sentence)
    ("Phần thứ nhất", "phan-1"),
    ("PHẦN THỨ HAI. QUY ĐỊNH CỤ THỂ", "phan-2"),
    ("Phần thứ mười một", "phan-11"),
    ("Phần II", "phan-2"),
    ("Phần I của báo cáo nêu kết quả", None),
    ("Chương IV. ĐIỀU KHOẢN THI HÀNH", "chuong-iv"),
    ("CHƯƠNG 3", "chuong-3"),
    ("Chương 02 - Tổ chức", "chuong-2"),
    ("Chương trình công tác năm 2022", None),
    ("Mục 2. THỦ TỤC", "muc-2"),
    ("Mục 1 Chương II quy định về thủ tục", None),
    ("Mục đích, yêu cầu", None),
    ("Điều 5. Thời gian tiếp công dân", "dieu-5"),
    ("Điều 5 Thời gian tiếp công dân", "dieu-5"),
    ("Điều 5: Thời gian tiếp công dân", "dieu-5"),
    ("**Điều 5.** Thời gian tiếp công dân", "dieu-5"),
    ("#### Điều 5. Thời gian tiếp công dân", "dieu-5"),
    ("Điều 10a. Điều được bổ sung", "dieu-10a"),
    ("ĐIỀU 5.", "dieu-5"),
    ("Điều 32.2.LQ.1. Phạm vi điều chỉnh", "dieu-32-2-lq-1"),
    ("Điều này được áp dụng cho mọi công chức", None),
    ("Điều 5 Luật Tiếp cận thông tin quy định", None),
    ("Điều 5 của Luật này quy định", None),
    ("Điều kiện tiếp công dân", None),
    ("Phụ lục", "phu-luc"),
    ("PHỤ LỤC II", "phu-luc-ii"),
    ("Phụ lục số 01. Mẫu sổ", "phu-luc-1"),
    ("Phụ lục kèm theo Quyết định này", None),
    ("**I. CÔNG TÁC LÃNH ĐẠO**", "muc-i"),
    ("## **2. Kết quả**", "muc-2"),
]


@pytest.mark.parametrize(("line", "anchor"), HEADINGS)
def test_heading_forms(line: str, anchor: str | None) -> None:
    soup = _soup(render(structure_text(line + "\n\nNội dung.\n").markdown))
    headings = soup.find_all(re.compile(r"^h[2-6]$"))
    if anchor is None:
        assert headings == []
    else:
        assert [h["id"] for h in headings] == [anchor]


# --- messy texts -------------------------------------------------------------------------


def test_messy_text_is_handled_and_reported() -> None:
    _, result, html = structured("van-ban-lon-xon")
    soup = _soup(html)
    notes = {n.line: n.message for n in result.notes}
    assert "dính liền" in notes[3] and "(the heading of Điều 1 is glued" in notes[3]
    assert soup.find(id="dieu-1").get_text().startswith("Điều 1. Phạm vi áp dụng")
    assert soup.find(id="dieu-1").find_next_sibling("p").get_text().startswith("Văn bản này")
    assert "#dieu-2-khoan-2-2" in notes[8]  # clause 2 twice
    assert "#dieu-2-2" in notes[18]  # article 2 twice
    assert "La Mã" in notes[10]  # Chương I then Chương 2
    # codified numbering is its own article, never article 32 of this text
    assert soup.find(id="dieu-32") is None
    assert soup.find(id="dieu-32-2-lq-1").name == "h3"
    # sentences that begin with "Điều" stay paragraphs
    for sentence in ("Điều này được áp dụng", "Điều 5 Luật Tiếp cận thông tin quy định"):
        p = next(p for p in soup.find_all("p") if p.get_text().startswith(sentence))
        assert p.find_parent(re.compile("^h")) is None and not p.get("id")


def test_codified_text_keeps_its_own_numbers_and_links_nothing_outside() -> None:
    _, result, html = structured("phap-dien-tiep-cong-dan")
    soup = _soup(html)
    assert [e.anchor for e in result.toc if e.depth == 1] == ["chuong-i", "chuong-ii"]
    hrefs = {a["href"] for a in soup.select("a:not(.ck-copy):not(.headerlink)")}
    assert hrefs == {
        "#dieu-18-4-lq-1",
        "#dieu-18-4-tt-1-2",
        "#dieu-18-4-tt-1-2-khoan-1",
        "#dieu-18-4-tt-1-2-khoan-2",
        "#dieu-18-4-lq-7",
    }
    assert result.notes == ()  # "Điều 4 của Luật này" has no target: not a defect here


# --- intra-text references -------------------------------------------------------------------

#: A regulation written for the test; the phrase under test is point a) of clause 2 of
#: Điều 9, so "Điều này" is Điều 9 and "khoản này" its clause 2.
REFERENCE_BASE = """Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi

1. Khoản một.

Điều 3. Nguyên tắc

1. Khoản một.

2. Khoản hai.

Chương II
TỔ CHỨC THỰC HIỆN

Mục 1. THỜI GIAN

Điều 5. Thời gian

Điều 6. Địa điểm

Điều 7. Nội quy

1. Khoản một:

a) Điểm a.

Điều 9. Điều thử

1. Khoản một.

2. Khoản hai:

a) {phrase}

b) Điểm b.
"""

PTT = "Bộ pháp điển đề mục 18.4 Tiếp công dân (tests/data/structure/README.md)"
REFERENCES = [
    # (phrase, links expected as (text, href); source of the phrasing)
    ("theo quy định tại khoản 2 Điều 3", [("khoản 2 Điều 3", "#dieu-3-khoan-2")], "brief"),
    (
        "quy định tại Điều 5 của Quy chế này",
        [("Điều 5", "#dieu-5")],
        "Luật 42/2013/QH13 Điều 2 khoản 1 'quy định tại Điều 4 của Luật này' (" + PTT + ")",
    ),
    ("theo Điều 5 Quy chế này", [("Điều 5", "#dieu-5")], "brief"),
    (
        "quy định tại Điều 1 Thông tư này",
        [("Điều 1", "#dieu-1")],
        "Thông tư 41/2012/TT-BQP Điều 2 khoản 1 (" + PTT + ")",
    ),
    (
        "theo điểm a khoản 1 Điều 7",
        [("điểm a khoản 1 Điều 7", "#dieu-7-khoan-1-diem-a")],
        "brief",
    ),
    (
        "quy định tại khoản 1 Điều này",
        [("khoản 1 Điều này", "#dieu-9-khoan-1")],
        "Luật Tiếp công dân phrasing, also in public texts found by find_string",
    ),
    (
        "không thuộc Khoản 1, Khoản 2 Điều này",
        [
            ("Khoản 1", "#dieu-9-khoan-1"),
            ("Khoản 2", "#dieu-9-khoan-2"),
            ("Điều này", "#dieu-9"),
        ],
        "Thông tư 41/2012/TT-BQP Điều 2 khoản 3 (" + PTT + ")",
    ),
    ("theo điểm b khoản này", [("điểm b khoản này", "#dieu-9-khoan-2-diem-b")], "brief"),
    (
        "Các cơ quan quy định tại khoản này",
        [("khoản này", "#dieu-9-khoan-2")],
        "Luật 42/2013 Điều 5 khoản 2 (" + PTT + ")",
    ),
    (
        "áp dụng các Điều 5, 6 và 7",
        [("Điều 5", "#dieu-5"), ("6", "#dieu-6"), ("7", "#dieu-7")],
        "brief",
    ),
    ("quy định tại Chương II", [("Chương II", "#chuong-ii")], "brief"),
    ("quy định tại Mục 1 Chương II", [("Mục 1 Chương II", "#chuong-ii-muc-1")], "brief"),
    # references to other documents stay text
    ("theo Điều 5 Luật Tiếp cận thông tin", [], "brief"),
    ("khoản 2 Điều 3 Nghị định số 13/2018/NĐ-CP", [], "brief"),
    ("quy định tại Điều 32 của Luật", [], "brief"),
    (
        "quy định tại Điều 18 của Luật Tiếp công dân",
        [],
        "Thông tư 03/2016/TT-BTTTT Điều 3 khoản 2 (" + PTT + ")",
    ),
    (
        "theo quy định tại điểm a, b, c, d khoản 1 Điều 4 Luật tiếp công dân",
        [],
        "Thông tư 06/2014/TT-TTCP Điều 1 (" + PTT + ")",
    ),
    (
        "được quy định tại Điều 20 Nghị định số 64/2014/NĐ-CP ngày 26/6/2014",
        [],
        "Thông tư 320/2016/TT-BTC Điều 1 (" + PTT + ")",
    ),
    (
        "quy định tại điểm c, khoản 1 Điều 19 Nghị định số 64/2014/NĐ-CP",
        [],
        "Thông tư 03/2016/TT-TTCP Điều 1 (" + PTT + ")",
    ),
    ("(Điều 2 Luật số 42/2013/QH13, có hiệu lực thi hành)", [], PTT),
    # a citation the register already linked: the article reference stays text
    (
        "khoản 2 Điều 3 Nghị định số [13/2018/NĐ-CP](../13-2018-nd-cp/)",
        [("13/2018/NĐ-CP", "../13-2018-nd-cp/")],
        "brief",
    ),
    ("theo Điều 12 Quy chế này", [], "no Điều 12 in this text"),
]


@pytest.mark.parametrize(("phrase", "links", "source"), REFERENCES)
def test_reference_links_within_the_text_only(
    phrase: str, links: list[tuple[str, str]], source: str
) -> None:
    result = structure_text(REFERENCE_BASE.format(phrase=phrase))
    point = _soup(render(result.markdown)).find(id="dieu-9-khoan-2-diem-a")
    found = [(a.get_text(), a["href"]) for a in point.find_all("a") if not a.get("class")]
    assert found == links, source
    words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", phrase).split()
    assert visible_words(str(point)) == ["a)", *words]


def test_reference_to_a_missing_article_of_this_text_is_reported() -> None:
    result = structure_text(REFERENCE_BASE.format(phrase="theo Điều 12 Quy chế này"))
    line = REFERENCE_BASE.splitlines().index("a) {phrase}") + 1
    assert [n.line for n in result.notes] == [line]
    assert "Điều 12" in result.notes[0].message
    assert "(reference “Điều 12” has no target" in result.notes[0].message


def test_document_numbers_are_never_wrapped() -> None:
    phrase = "khoản 2 Điều 3 Nghị định số 13/2018/NĐ-CP và Điều 5 Quy chế này"
    markdown = structure_text(REFERENCE_BASE.format(phrase=phrase)).markdown
    assert "khoản 2 Điều 3 Nghị định số 13/2018/NĐ-CP và [Điều 5](#dieu-5) Quy chế này" in markdown


# --- the sanitiser keeps what the structure needs ------------------------------------------


def test_sanitiser_keeps_paragraph_ids_and_link_names() -> None:
    html = render(structure_text("Điều 1. Tên\n\n1. Nội dung.\n").markdown)
    soup = _soup(html)
    assert soup.find("p", id="dieu-1-khoan-1") is not None
    assert soup.select_one('a.ck-copy[aria-label="Liên kết đến khoản 1 Điều 1"]') is not None
    # only ids in the structure's shape: a paragraph cannot take an id the site's scripts use
    assert 'id="ck-searchbar-q"' not in render("Đoạn văn.\n{: #ck-searchbar-q }\n")


# --- fuzz ------------------------------------------------------------------------------------


def _alnum(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_never_raises_and_keeps_every_letter(text: str) -> None:
    result = structure_text(text)
    assert _is_subsequence(_alnum(text), _alnum(result.markdown))
    render(result.markdown)


TOKENS = [
    "Điều", "5.", "5", "12:", "Chương", "II", "2", "Mục", "1.", "Phần", "thứ", "nhất", "Phụ",
    "lục", "khoản", "điểm", "a", "a)", "đ)", "b)", "này", "Quy", "chế", "Luật", "của", "và",
    ",", "I.", "III.", "2.1.", "công", "dân", "Công", "NHỮNG", "QUY", "ĐỊNH", "các", "3",
]  # fmt: skip
LINES = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LINES, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=25))
def test_structure_keeps_every_rendered_word(lines: list[tuple[str, str]]) -> None:
    source = "".join(line + sep for line, sep in lines)
    plain = visible_words(render(source))
    seen = visible_words(render(structure_text(source).markdown))
    # every word of the unstructured page is still there, in order; the only words added
    # are clause and item numbers that Markdown had turned into list markers
    it = iter(seen)
    extra = []
    for word in plain:
        for candidate in it:
            if candidate == word:
                break
            extra.append(candidate)
        else:
            pytest.fail(f"{word!r} lost from {source!r}")
    extra.extend(it)
    assert all(re.fullmatch(r"\d+(\.\d+)*\.", w) for w in extra), (extra, source)


@pytest.mark.parametrize("name", sorted(ALL_TEXTS))
def test_structure_neither_hides_nor_invents_a_citation(name: str) -> None:
    """The register links document numbers after structuring: it must find the same ones."""
    source = ALL_TEXTS[name].read_text(encoding="utf-8")
    before = [c.number for c in find_citations(unicodedata.normalize("NFC", source))]
    after = [c.number for c in find_citations(structure_text(source).markdown)]
    assert after == before
    assert before or name == "van-ban-lon-xon"


def test_toc_label_of_a_heading_with_a_linked_citation_is_plain_text() -> None:
    text = "Điều 1. Thi hành [Nghị định 64/2014/NĐ-CP](../64-2014-nd-cp/)\n\nNội dung.\n"
    assert structure_text(text).toc == (
        TocEntry("dieu-1", "Điều 1. Thi hành Nghị định 64/2014/NĐ-CP", 3),
    )
