"""The portal frame (overrides/base.html, main.html, partials/, 404.html): banner, tab title,
footer contacts, skip link, feed links, the "not found" page; the Nu Html Checker over one
page of every page type (one run: the JVM starts slowly). The Chromium checks and the
screenshots are in test_portal_browser.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, Build, build, make_project

from congkhai.datasets.site import load_site
from congkhai.problems import Problems

AGENCY = "Văn phòng Ủy ban nhân dân tỉnh Sơn La"
PARENT = "Ủy ban nhân dân tỉnh Sơn La"

#: One page of every page type of the shipped site, by the name its screenshot gets.
PAGE_TYPES = {
    "home": "",
    "register": "van-ban/",
    "facet": "van-ban/loai/ke-hoach/",
    "document-full-text": "van-ban/noi-quy-tiep-cong-dan-mau/",
    "document": "van-ban/22-kh-vpub-2021/",
    "notice": "thong-bao/cong-khai-ke-hoach-22-kh-vpub/",
    "notices": "thong-bao/",
    "notices-archive": "thong-bao/luu-tru/",
    "calendar": "lich-tiep-cong-dan/",
    "month": "lich-tiep-cong-dan/thang/2021-05/",
    "host": "lich-tiep-cong-dan/nguoi-tiep/bi-thu-duvp/",
    "session": "lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-07-15/",
    "outcomes": "lich-tiep-cong-dan/ket-qua/",
    "dialogues": "doi-thoai/",
    "meeting": "doi-thoai/doi-thoai-cong-chuc-2021-06/",
    "commitments": "doi-thoai/cam-ket/",
    "plans": "ke-hoach/",
    "plan": "ke-hoach/phuong-huong-2022/",
    "owner": "ke-hoach/don-vi/vpub/",
    "access": "tiep-can-thong-tin/",
    "forms": "tiep-can-thong-tin/mau-phieu/",
    "catalogue": "tiep-can-thong-tin/danh-muc/",
    "compliance": "bao-cao-tuan-thu/",
    "open-data": "du-lieu-mo/",
    "organisation": "co-cau-to-chuc/",
    "procedures": "thu-tuc-hanh-chinh/",
    "yearly-reports": "bao-cao-nam/",
    "yearly-report": "bao-cao-nam/2021/",
    "search": "tim-kiem/",
    "sitemap": "so-do-cong/",
    "quality": "bao-cao-du-lieu/",
    "guide": "huong-dan-nhap-lieu/",
    "guide-dataset": "huong-dan-nhap-lieu/documents/",
    "written-page": "gioi-thieu/",
    "not-found": "404.html",
}

VNU_VERSION = "26.9.27"  # scripts/test.sh installs this one
VNU_JAR = ROOT / ".cache/npm/node_modules/vnu-jar/build/dist/vnu.jar"


def _file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def _every_page(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- the frame in the built HTML ---------------------------------------------------------


def test_banner_names_the_agency_and_its_parent_body_without_an_emblem(seed_build: Build) -> None:
    page = seed_build.html("van-ban/22-kh-vpub-2021/")
    brand = page.select_one("header .ck-brand")
    assert brand.select_one(".ck-brand__name").get_text(strip=True) == AGENCY
    assert brand.select_one(".ck-brand__parent").get_text(strip=True) == PARENT
    assert brand["href"] == "../.."
    # no emblem is shipped, and no stand-in icon either (no docs "library" book)
    assert page.select("header img, header .md-logo, .md-nav__title .md-logo") == []


def test_tab_title_names_the_office_once(seed_build: Build) -> None:
    assert seed_build.html("").title.get_text() == AGENCY
    assert seed_build.html("van-ban/").title.get_text() == f"Sổ văn bản - {AGENCY}"
    for path in _every_page(seed_build.site):
        title = path.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
        assert title.count(AGENCY) == 1, (path, title)


def test_footer_sums_up_missing_contacts_in_one_linked_line(seed_build: Build) -> None:
    """The shipped site.yaml gives no contact: no "chưa cập nhật" per field, one line."""
    footer = seed_build.html("van-ban/").select_one(".ck-footer")
    text = footer.get_text(" ", strip=True)
    assert text.count("Một số thông tin liên hệ chưa được cập nhật") == 1
    assert text.count("cập nhật") == 1
    assert "Điện thoại" not in text and "Fax" not in text and "Địa chỉ" not in text
    missing = footer.find("a", string="Một số thông tin liên hệ chưa được cập nhật")
    assert missing["href"] == "../tiep-can-thong-tin/"
    # the staff's data-quality report is in the staff section of the navigation, not here
    assert footer.find("a", string="Báo cáo chất lượng dữ liệu") is None
    nav = seed_build.html("van-ban/").select_one("nav.md-nav--primary")
    assert nav.find("a", href="../bao-cao-du-lieu/") is not None


def test_no_previous_next_pager_on_any_page(seed_build: Build) -> None:
    for path in _every_page(seed_build.site):
        assert "md-footer__link" not in path.read_text(encoding="utf-8"), path


def test_every_page_has_a_skip_link_to_its_content_first(seed_build: Build) -> None:
    for path in _every_page(seed_build.site):
        soup = seed_build.html(str(path.relative_to(seed_build.site)))
        # the theme's drawer and search toggles are display: none, never focused
        first = next(
            el
            for el in soup.body.find_all(["a", "input", "button", "select", "textarea"])
            if "md-toggle" not in el.get("class", [])
        )
        assert "ck-skip" in first.get("class", []), path
        assert first["href"] == "#ck-noi-dung" and soup.find(id="ck-noi-dung").name == "article"
        assert first.get_text(strip=True) == "Chuyển đến nội dung chính"


def test_feeds_are_announced_without_posing_as_language_versions(seed_build: Build) -> None:
    """Material's script fetches sitemap.xml beside every link[rel=alternate] (exact match):
    /van-ban/sitemap.xml, a 404 on every page. The feeds keep the "alternate" token."""
    soup = seed_build.html("lich-tiep-cong-dan/")
    feeds = soup.select('link[type="application/atom+xml"]')
    assert [f["href"] for f in feeds] == [
        "../atom.xml",
        "../van-ban/atom.xml",
        "../thong-bao/atom.xml",
        "atom.xml",  # the calendar's own feed
    ]
    for path in _every_page(seed_build.site):
        links = seed_build.html(str(path.relative_to(seed_build.site))).find_all("link")
        assert [x for x in links if x.get("rel") == ["alternate"]] == [], path
        assert all("alternate" in x["rel"] for x in links if x.get("type", "").endswith("atom+xml"))


def test_not_found_page_is_vietnamese_with_a_search_box_and_the_main_sections(
    seed_build: Build,
) -> None:
    soup = seed_build.html("404.html")
    assert soup.title.get_text() == f"Không tìm thấy trang - {AGENCY}"
    assert soup.h1.get_text(strip=True) == "Không tìm thấy trang"
    assert "Not found" not in soup.get_text()
    form = soup.select_one("article form[role=search]")
    assert (form["action"], form["method"]) == ("/tim-kiem/", "get")
    field = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    # one search box on this page: the frame's bar steps aside
    assert soup.select(".ck-searchbar") == []
    # absolute links: the page is served at whatever address was not found
    missing = "https://cong.example/van-ban/khong-co/"
    links = {
        a.get_text(strip=True): urljoin(missing, a["href"])
        for a in soup.select(".ck-notfound-links a")
    }
    assert links["Trang chủ"] == "https://cong.example/"
    assert links["Sổ văn bản"] == "https://cong.example/van-ban/"
    assert links["Tiếp cận thông tin"] == "https://cong.example/tiep-can-thong-tin/"


SITE_WITH_CONTACTS_AND_EMBLEM = """\
agency:
  name: Văn phòng Ủy ban nhân dân tỉnh Sơn La
  parent: Ủy ban nhân dân tỉnh Sơn La
  organization: vpub
  address: Tầng 4, Tòa nhà 7 tầng, phường Tô Hiệu, thành phố Sơn La
  phone: 0212 3852 111
  fax: 0212 3852 112
  email: vpubnd@sonla.gov.vn
  logo: assets/quoc-huy-thu.png
focal_point:
  name: Phòng Hành chính - Tổ chức
  address: Tầng 4, Tòa nhà 7 tầng, phường Tô Hiệu, thành phố Sơn La
  phone: 0212 3852 113
  fax: 0212 3852 112
  email: dauMoi@sonla.gov.vn
responsible:
  name: Nguyễn Văn Thử
  title: Chánh Văn phòng
"""
#: the smallest valid PNG (1x1): a stand-in emblem, never shipped
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def all_contacts(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("contacts")
    project = make_project(
        tmp,
        {"data/site.yaml": SITE_WITH_CONTACTS_AND_EMBLEM, "docs/assets/quoc-huy-thu.png": PNG_1X1},
    )
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def test_footer_shows_each_given_contact_once(all_contacts: Build) -> None:
    footer = all_contacts.html("van-ban/").select_one(".ck-footer")
    lines = [p.get_text(" ", strip=True) for p in footer.find_all("p")]
    assert lines[1] == "Chịu trách nhiệm quản lý nội dung: Chánh Văn phòng Nguyễn Văn Thử"
    assert lines[2] == (
        "Địa chỉ: Tầng 4, Tòa nhà 7 tầng, phường Tô Hiệu, thành phố Sơn La · "
        "Điện thoại: 0212 3852 111 · Fax: 0212 3852 112 · Thư điện tử: vpubnd@sonla.gov.vn"
    )
    assert lines[3].startswith("Đầu mối cung cấp thông tin: Phòng Hành chính - Tổ chức · ")
    assert footer.find("a", href="mailto:vpubnd@sonla.gov.vn") is not None
    assert "cập nhật" not in footer.get_text()


def test_emblem_from_site_yaml_shows_in_the_banner(all_contacts: Build) -> None:
    page = all_contacts.html("van-ban/")
    img = page.select_one("header .ck-brand img.ck-brand__logo")
    assert img["src"] == "../assets/quoc-huy-thu.png" and img["alt"] == ""
    assert (all_contacts.site / "assets" / "quoc-huy-thu.png").read_bytes() == PNG_1X1


@pytest.mark.parametrize(
    ("name", "logo", "message"),
    [
        (
            "outside_docs",
            "../data/logo.png",
            '"../data/logo.png" phải là đường dẫn tệp trong thư mục docs/, ví dụ '
            "assets/logo.png (must be a path inside docs/, such as assets/logo.png)",
        ),
        (
            "a_web_address",
            "https://example.org/logo.png",
            '"https://example.org/logo.png" phải là đường dẫn tệp trong thư mục docs/, ví dụ '
            "assets/logo.png (must be a path inside docs/, such as assets/logo.png)",
        ),
        (
            "not_an_image",
            "assets/logo.pdf",
            '"assets/logo.pdf" phải là ảnh .jpeg, .jpg, .png, .svg, .webp (must be an image file)',
        ),
        (
            "missing_file",
            "assets/khong-co.png",
            'không tìm thấy tệp "docs/assets/khong-co.png" (file does not exist)',
        ),
    ],
)
def test_emblem_path_must_name_an_image_inside_docs(
    tmp_path: Path, name: str, logo: str, message: str
) -> None:
    path = tmp_path / "data" / "site.yaml"
    path.parent.mkdir()
    (tmp_path / "docs").mkdir()
    path.write_text(f"agency:\n  name: Văn phòng\n  logo: '{logo}'\n", encoding="utf-8")
    problems = Problems()
    load_site(path, problems)
    assert [str(p) for p in problems.errors] == [f'data/site.yaml:3: khóa "agency.logo": {message}']


# --- the Nu Html Checker, one run over one page of every type ---------------------------


def test_nu_html_checker_reports_no_error_on_any_page_type(seed_build: Build) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            f"Thiếu Java hoặc vnu.jar {VNU_VERSION} (Java or the Nu Html Checker missing): "
            "scripts/test.sh cài cả hai (installs both)"
        )
    files = [str(_file(seed_build.site, path)) for path in PAGE_TYPES.values()]
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = [
        f"{m['url'].rsplit(str(seed_build.site), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
