"""Citations of documents link themselves (issue 12, part 2): resolved by number, date and
type against the register, linked on every page they are written on, listed on the cited
document's page, and reported with file and line when they cannot be linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    Build,
    build,
    document_row,
    make_project,
    with_documents,
)

from congkhai.citing import Resolver, link_html
from congkhai.datasets.documents import Document
from congkhai.numbers import Citation, find_citations


def document(number: str, issued: str, type_: str = "ke-hoach", **more: str) -> Document:
    """A register row as the loader gives it (id derived from number and year)."""
    slug = number.replace("Đ", "D").replace("/", "-").lower()
    return Document.model_validate(
        {
            "id": f"{slug}-{issued[-4:]}",
            "number": number,
            "type": type_,
            "issuer": "vpub",
            "issued": issued,
            "title": f"Văn bản {number} ngày {issued}",
            "access": "cong-khai",
            **more,
        }
    )


#: the same number in two years, a law, a party Quy định written QĐ, a month-only date
REGISTER = [
    document("08/KH-UBND", "06/01/2020"),
    document("08/KH-UBND", "12/01/2021"),
    document("04/2020/TT-BNV", "15/5/2020", "thong-tu"),
    document("104/2016/QH13", "06/4/2016", "luat"),
    document("12-QĐ/TU", "27/02/2019", "quy-dinh"),
    document("22/KH-VPUB", "01/02/2021"),
    document("9/BC-VPUB", "11/2021", "bao-cao"),
]

RESOLVED = [
    # (what the text says, number of the document it must link to, its issue date or None)
    ("date_picks_the_year", "Kế hoạch số 08/KH-UBND ngày 06/01/2020 của UBND tỉnh", "06/01/2020"),
    ("other_year_by_date", "Kế hoạch số 08/KH-UBND ngày 12/01/2021", "12/01/2021"),
    ("date_in_words", "Kế hoạch số 08/KH-UBND ngày 12 tháng 01 năm 2021", "12/01/2021"),
    ("padding_ignored", "Thông tư số 4/2020/TT-BNV ngày 15/5/2020", "15/5/2020"),
    ("year_in_number_no_date", "theo Thông tư 04/2020/TT-BNV của Bộ Nội vụ", "15/5/2020"),
    ("law", "Luật Tiếp cận thông tin số 104/2016/QH13", "06/4/2016"),
    ("party_qdi_as_written", "Quy định số 12-QĐi/TU ngày 27/02/2019", "27/02/2019"),
    ("party_qd_named_quyet_dinh", "Quyết định số 12-QĐ/TU ngày 27/02/2019", "27/02/2019"),
    ("lookalike_characters", "Quy định số 12\u2013QĐ/TU ngày 27/02/2019", "27/02/2019"),
    ("single_candidate_no_date", "thực hiện Kế hoạch 22/KH-VPUB", "01/02/2021"),
    ("month_only_register_date", "Báo cáo số 9/BC-VPUB ngày 20/11/2021", "11/2021"),
]

REFUSED = [
    # (what the text says, whether the data-quality report must say why: a disagreement)
    ("no_such_number", "Kế hoạch số 99/KH-UBND ngày 06/01/2020", False),
    ("two_years_no_date", "Kế hoạch số 08/KH-UBND của UBND tỉnh", True),
    ("date_disagrees", "Kế hoạch số 22/KH-VPUB ngày 05/02/2021", True),
    ("impossible_date", "Kế hoạch số 22/KH-VPUB ngày 31/02/2021", True),
    ("type_disagrees", "Nghị định số 22/KH-VPUB ngày 01/02/2021", True),
    ("month_only_other_month", "Báo cáo số 9/BC-VPUB ngày 20/10/2021", True),
]


def only_citation(text: str) -> Citation:
    cites = find_citations(text)
    assert len(cites) == 1, cites
    return cites[0]


@pytest.mark.parametrize(("name", "text", "issued"), RESOLVED, ids=[r[0] for r in RESOLVED])
def test_a_citation_resolves_to_the_one_document_it_names(
    name: str, text: str, issued: str
) -> None:
    found = Resolver(REGISTER).resolve(only_citation(text))
    assert found.disagreement is None
    assert found.document is not None
    assert found.document.issued.short == issued


@pytest.mark.parametrize(("name", "text", "explained"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_doubtful_citation_links_nowhere(name: str, text: str, explained: bool) -> None:
    found = Resolver(REGISTER).resolve(only_citation(text))
    assert found.document is None
    assert (found.disagreement is not None) is explained
    if explained:
        assert "không tạo liên kết" in found.disagreement and "(" in found.disagreement


# --- linking rendered HTML ---------------------------------------------------------------

HERE = "thong-bao/mot-thong-bao/"


def linked(html_text: str, here: str = HERE) -> str:
    return link_html(html_text, here, Resolver(REGISTER))


def test_link_html_links_a_number_in_text_and_keeps_everything_else() -> None:
    source = "<p>Thực hiện Kế hoạch số <strong>22/KH-VPUB</strong> ngày 01/02/2021.</p>"
    out = linked(source)
    assert out == (
        "<p>Thực hiện Kế hoạch số <strong>"
        '<a class="ck-cite" href="../../van-ban/22-kh-vpub-2021/" '
        'title="Kế hoạch 22/KH-VPUB: Văn bản 22/KH-VPUB ngày 01/02/2021 (01/02/2021)">'
        "22/KH-VPUB</a></strong> ngày 01/02/2021.</p>"
    )


@pytest.mark.parametrize(
    "source",
    [
        '<p><a href="x/">Kế hoạch 22/KH-VPUB</a></p>',
        "<p><code>22/KH-VPUB</code></p>",
        "<pre>Kế hoạch 22/KH-VPUB</pre>",
        '<p><img alt="Kế hoạch > 22/KH-VPUB" src="a.png"></p>',
        '<p title="Kế hoạch 22/KH-VPUB">chữ</p>',
        "<!-- Kế hoạch 22/KH-VPUB -->",
        '<p><img alt="a < b" title="Kế hoạch > 22/KH-VPUB" src="a.png"></p>',
        '<button type="button">Kế hoạch 22/KH-VPUB</button>',
    ],
    ids=["link", "code", "pre", "attribute_with_gt", "attribute", "comment", "lt_and_gt", "button"],
)
def test_link_html_never_links_inside_links_code_attributes_or_controls(source: str) -> None:
    assert linked(source) == source


def test_link_html_tells_each_number_of_a_page_by_what_is_open_before_it() -> None:
    """Many numbers on one page (a listing): each is judged by the elements opened and
    closed before it, not by the first or last of the page."""
    kept = (
        '<p><a href="x/">22/KH-VPUB</a>',
        "<!-- 22/KH-VPUB -->",
        "<p><code>mã <a>22/KH-VPUB</a></code></p>",
    )
    source = (
        f"{kept[0]} rồi 22/KH-VPUB</p>"
        f"{kept[1]}<p>22/KH-VPUB</p>"
        '<p><abbr title="viết tắt">22/KH-VPUB</abbr></p>'
        "<pre>a</pre><p>22/KH-VPUB</p>"
        f"{kept[2]}"
    )
    out = linked(source)
    cite = '<a class="ck-cite" href="../../van-ban/22-kh-vpub-2021/"'
    assert out.count(cite) == 4
    for before in ("</a> rồi ", "--><p>", '<abbr title="viết tắt">', "</pre><p>"):
        assert before + cite in out, before
    for part in kept:
        assert part in out


def test_link_html_does_not_link_a_page_to_itself() -> None:
    source = "<p>Kế hoạch 22/KH-VPUB</p>"
    assert linked(source, "van-ban/22-kh-vpub-2021/") == source
    assert "ck-cite" in linked(source, "van-ban/08-kh-ubnd-2020/")


def test_a_date_in_the_next_cell_is_not_the_numbers_date() -> None:
    """A table cell's number never takes the date written in the next cell: here that date
    disagrees with the register, and the number is still linked (resolved without it)."""
    source = '<td>Kế hoạch số 22/KH-VPUB</td><td>ngày 05/02/2021</td><a href="q">08/KH-UBND</a>'
    out = linked(source)
    assert out.count("ck-cite") == 1 and ">22/KH-VPUB</a></td>" in out


def test_a_title_with_markup_characters_is_escaped_in_the_link() -> None:
    evil = document("22/KH-VPUB", "01/02/2021", title='"><script>alert(1)</script>')
    out = link_html("<p>Kế hoạch 22/KH-VPUB</p>", HERE, Resolver([evil]))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&quot;&gt;" in out


# --- the shipped site --------------------------------------------------------------------


def test_the_seed_report_links_every_citation_of_a_registered_document(
    seed_build: Build,
) -> None:
    """Done-when of issue 12: every number the report cites that the register holds is a
    link to that document's page, in the order written."""
    body = (ROOT / "docs/toan-van/bao-cao-doi-thoai-2021.md").read_text(encoding="utf-8")
    cited = [c.number for c in find_citations(body)]
    assert len(cited) >= 20
    page = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    links = page.select(".ck-fulltext a.ck-cite")
    assert [a.get_text() for a in links] == cited
    for a in links:
        target = seed_build.site / "van-ban/bao-cao-doi-thoai-2021" / a["href"] / "index.html"
        heading = re.sub(r"\s+", " ", target.resolve().read_text(encoding="utf-8"))
        number = a.get_text().replace("QĐi", "QĐ")
        assert f"{number}</h1>" in heading or f" {number}<" in heading, a["href"]


def test_a_cited_document_lists_the_pages_that_cite_it(seed_build: Build) -> None:
    page = seed_build.html("van-ban/12-qd-tu-2019/")
    heading = page.find(id="duoc-trich-dan")
    assert heading is not None and heading.get_text() == "Được trích dẫn tại"
    items = {a.get_text(): a["href"] for a in page.select(".ck-cited-by a")}
    assert (
        items["Báo cáo (dự thảo): Kết quả thực hiện công tác đối thoại năm 2021"]
        == "../bao-cao-doi-thoai-2021/"
    )
    assert items["Phương hướng, nhiệm vụ công tác đối thoại năm 2022"] == (
        "../../ke-hoach/phuong-huong-2022/"
    )


def test_a_document_nobody_cites_has_no_cited_by_section(seed_build: Build) -> None:
    page = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    assert page.find(id="duoc-trich-dan") is None


# --- every free-text field, every page; unpublished texts cite nothing --------------------

PLANTED_DOCUMENTS = with_documents(
    document_row(
        id="ke-hoach-trich-dan",
        number="31/KH-VPUB",
        issued="02/3/2021",
        title="Thực hiện Kế hoạch số 22/KH-VPUB ngày 01/02/2021",
    ),
    document_row(
        id="noi-bo-trich-dan",
        number="32/KH-VPUB",
        issued="03/3/2021",
        title="Triển khai Kế hoạch số 28/KH-VPUB và Kế hoạch số 77/KH-BIMAT",
        access="noi-bo",
    ),
)

NOTICE = """---
title: Thông báo thực hiện Kế hoạch số 06/KH-VPUB
date: 05/3/2021
---
Văn phòng thông báo việc thực hiện Kế hoạch số 28/KH-VPUB ngày 25/02/2021.

Kế hoạch số 55/KH-VPUB ngày 01/3/2021 chưa có trong sổ văn bản.

Kế hoạch số 22/KH-VPUB ngày 09/9/2021 ghi sai ngày.
"""

WRITTEN_PAGE = """# Hỏi đáp

Quy chế họp giao ban ban hành kèm theo Quyết định số 144/QĐ-VPUB ngày 31/12/2020.
"""

PLAN = """title: Kế hoạch kiểm tra theo Kế hoạch số 25-KH/ĐUVP
owner: vpub
year: 2021
tasks:
  - id: kiem-tra
    title: Kiểm tra việc thực hiện Quyết định số 35/QĐ-VPUB ngày 31/3/2020
    note: Báo cáo theo Công văn số 1037-CV/BDVTU ngày 16/7/2019
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("citing")
    project = make_project(
        tmp,
        {
            "data/documents.csv": PLANTED_DOCUMENTS,
            "data/thong-bao/thuc-hien-ke-hoach.md": NOTICE,
            "data/plans/kiem-tra-2021.yaml": PLAN,
            "docs/hoi-dap.md": WRITTEN_PAGE,
        },
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def cite_targets(result: Build, url: str) -> list[str]:
    return [a["href"] for a in result.html(url).select("a.ck-cite")]


def cited_by(result: Build, url: str) -> set[str]:
    return {a.get_text() for a in result.html(url).select(".ck-cited-by a")}


def test_titles_notice_bodies_plan_fields_and_written_pages_link_their_citations(
    planted: Build,
) -> None:
    assert "../../van-ban/28-kh-vpub-2021/" in cite_targets(
        planted, "thong-bao/thuc-hien-ke-hoach/"
    )
    assert "../../van-ban/06-kh-vpub-2021/" in cite_targets(
        planted, "thong-bao/thuc-hien-ke-hoach/"
    )
    assert cite_targets(planted, "hoi-dap/") == ["../van-ban/144-qd-vpub-2020/"]
    plan_links = cite_targets(planted, "ke-hoach/kiem-tra-2021/")
    for target in ("25-kh-duvp-2021", "35-qd-vpub-2020", "1037-cv-bdvtu-2019"):
        assert f"../../van-ban/{target}/" in plan_links
    # a title in the register listing links the document it cites
    assert "../22-kh-vpub-2021/" in cite_targets(planted, "van-ban/ke-hoach-trich-dan/")


def test_every_citing_page_is_listed_on_the_cited_document(planted: Build) -> None:
    assert "Kế hoạch 31/KH-VPUB: Thực hiện Kế hoạch số 22/KH-VPUB ngày 01/02/2021" in cited_by(
        planted, "van-ban/22-kh-vpub-2021/"
    )
    assert "Thông báo thực hiện Kế hoạch số 06/KH-VPUB" in cited_by(
        planted, "van-ban/28-kh-vpub-2021/"
    )
    assert "Hỏi đáp" in cited_by(planted, "van-ban/144-qd-vpub-2020/")
    assert "Kế hoạch kiểm tra theo Kế hoạch số 25-KH/ĐUVP" in cited_by(
        planted, "van-ban/35-qd-vpub-2020/"
    )


def test_an_unpublished_record_cites_nothing_and_is_reported_nowhere(planted: Build) -> None:
    assert "32/KH-VPUB" not in " ".join(cited_by(planted, "van-ban/28-kh-vpub-2021/"))
    assert "77/KH-BIMAT" not in planted.output
    assert "77/KH-BIMAT" not in (planted.site / "bao-cao-du-lieu/index.html").read_text("utf-8")


def test_unlinked_citations_are_reported_with_file_and_line_and_stay_text(planted: Build) -> None:
    report = re.sub(r"\s+", " ", planted.html("bao-cao-du-lieu/").get_text())
    unknown = (
        'data/thong-bao/thuc-hien-ke-hoach.md:7: khóa "body": trích dẫn "55/KH-VPUB" '
        "chưa có trong sổ văn bản"
    )
    assert unknown in report
    assert unknown in planted.output  # the build log says it too
    assert (
        'data/thong-bao/thuc-hien-ke-hoach.md:9: khóa "body": trích dẫn "22/KH-VPUB" ngày '
        "09/9/2021 không khớp ngày ban hành trong sổ văn bản (01/02/2021)"
    ) in report
    page = planted.html("thong-bao/thuc-hien-ke-hoach/")
    paragraphs = [p for p in page.select("p") if "55/KH-VPUB" in p.get_text()]
    assert paragraphs and not paragraphs[0].select("a")
    wrong_date = [p for p in page.select("p") if "09/9/2021" in p.get_text()]
    assert wrong_date and not wrong_date[0].select("a.ck-cite")


def test_the_register_text_is_not_a_source_path(tmp_path: Path) -> None:
    """A full text that cites a number the register lacks is reported at its own file and
    line: the clerk opens the file at the line named."""
    body = "Dòng một.\n\nThực hiện Kế hoạch số 66/KH-VPUB ngày 01/3/2021.\n"
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="co-toan-van",
                    number="33/KH-VPUB",
                    issued="04/3/2021",
                    title="Có toàn văn",
                    body="toan-van/co-toan-van.md",
                )
            ),
            "docs/toan-van/co-toan-van.md": body,
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert 'docs/toan-van/co-toan-van.md:3: trích dẫn "66/KH-VPUB" chưa có' in result.output
