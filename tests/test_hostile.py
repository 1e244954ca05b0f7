"""Hostile tester and clumsy clerk: inputs on which the publication gate is wrong today.

Every test here failed on the branch it was written against (``hostile``, a snapshot of main
after the publication gate landed). Each plants one thing in a copy of the shipped project and
builds it with the real CLI (``mkdocs build --strict``, ``CONGKHAI_AS_OF=2021-11-30``), then
reads what was published back, or the build's output. The README's "What a green build
guarantees" is the contract each test cites.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import conftest
import pytest
from conftest import SEED_AS_OF, Build, build, everything, make_project, with_documents

from congkhai import privacy

ROOT = Path(__file__).resolve().parent.parent


def document_row(**cells: str) -> str:
    """A public decision of the office on the topic "Đối thoại"."""
    return conftest.document_row(type="quyet-dinh", topics="Đối thoại", **cells)


def assert_no_traceback_and_names(result: Build, source: str) -> None:
    assert "Traceback" not in result.output, result.output[-1500:]
    assert source in result.output, result.output[-1500:]


# --- leaks of non-public records ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["./khac/noi-bo.md", "khac//noi-bo.md", "khac/./noi-bo.md"],
    ids=["dot-slash", "double-slash", "dot-segment"],
)
def test_internal_full_text_named_by_an_unnormalised_path_is_not_published(
    tmp_path: Path, body: str
) -> None:
    """The gate compares the path as typed with the path on disk: ``./khac/noi-bo.md`` is
    the same file as ``khac/noi-bo.md`` but escapes the exclusion, so an internal document's
    full text is published as a page of its own and in the search index."""
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="noi-bo-2021",
                    number="99/QĐ-VPUB",
                    issued="01/06/2021",
                    title="Quyết định nội bộ",
                    access="noi-bo",
                    body=body,
                )
            ),
            "docs/khac/noi-bo.md": "# Nhân sự\n\nNOIDUNGNOIBO chỉ dùng trong cơ quan.\n",
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "NOIDUNGNOIBO" not in everything(result)


def test_internal_attachment_named_with_dot_slash_is_not_published(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="noi-bo-2021",
                    number="99/QĐ-VPUB",
                    issued="01/06/2021",
                    title="Quyết định nội bộ",
                    access="noi-bo",
                    files="./khac/noi-bo.pdf",
                )
            ),
            "docs/khac/noi-bo.pdf": "TEPNOIBO",
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert not (result.site / "khac" / "noi-bo.pdf").exists()


def test_symlinked_directory_in_docs_pointing_outside_is_not_published(tmp_path: Path) -> None:
    """MkDocs walks docs/ following directory symlinks; the gate's own listing does not, so
    a directory linked from outside the repository is copied without any check."""
    outside = tmp_path / "ngoai-kho"
    outside.mkdir()
    (outside / "bi-mat.txt").write_text("BIMATNGOAIKHO", encoding="utf-8")
    project = make_project(tmp_path)
    os.symlink(outside, project / "docs" / "ngoai")
    result = build(project, tmp_path / "site")
    assert "Traceback" not in result.output, result.output[-1500:]
    assert not (result.site / "ngoai" / "bi-mat.txt").exists()


def test_symlinked_file_named_by_no_record_pointing_outside_is_not_published(
    tmp_path: Path,
) -> None:
    """README: "No path leads out"; a symlink only checked when a record names it is not."""
    secret = tmp_path / "bien-moi-truong.txt"
    secret.write_text("BIMATTEPLIENKET", encoding="utf-8")
    project = make_project(tmp_path)
    os.symlink(secret, project / "docs" / "assets" / "ghi-chu.txt")
    result = build(project, tmp_path / "site")
    assert "BIMATTEPLIENKET" not in everything(result)


def test_hidden_markdown_draft_is_not_in_the_search_index(tmp_path: Path) -> None:
    """MkDocs skips dotfiles, so ``docs/.nhap.md`` has no page, but its text is indexed."""
    project = make_project(tmp_path, {"docs/.nhap.md": "# Nháp\n\nBANNHAPCHUADUYET\n"})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "BANNHAPCHUADUYET" not in everything(result)


@pytest.mark.parametrize(
    ("later", "relation"),
    [
        (
            document_row(
                id="noi-bo-2021",
                number="99/QĐ-VPUB",
                issued="01/06/2021",
                title="Quyết định nội bộ",
                access="noi-bo",
                effective="01/06/2021",
            ),
            "noi-bo-2021,thay-the,cu-2019,,\n",
        ),
        (
            document_row(
                id="dang-sau-2021",
                number="77/QĐ-VPUB",
                issued="01/11/2021",
                title="Quyết định đăng tháng sau",
                published="20/12/2021",
                effective="01/11/2021",
            ),
            "dang-sau-2021,bai-bo,cu-2019,,\n",
        ),
    ],
    ids=["replaced-by-internal", "repealed-by-not-yet-posted"],
)
def test_unpublished_document_does_not_end_a_public_documents_force(
    tmp_path: Path, later: str, relation: str
) -> None:
    """legal_force reads every link, published or not: a public decision is shown "Hết hiệu
    lực toàn bộ" (page, van-ban.csv/json) because of a record the public cannot see."""
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="cu-2019",
                    number="12/QĐ-VPUB",
                    issued="01/03/2019",
                    title="Quyết định cũ về đối thoại",
                    effective="01/03/2019",
                ),
                later,
            ),
            "data/relations.csv": "source,relation,target,date,note\n" + relation,
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    article = result.html("van-ban/cu-2019/").find("article")
    assert article is not None
    assert "Hết hiệu lực" not in article.get_text(" ")
    assert "het-hieu-luc" not in (result.site / "du-lieu-mo" / "van-ban.csv").read_text(
        encoding="utf-8-sig"
    )


def test_quality_report_does_not_name_a_document_not_yet_posted(tmp_path: Path) -> None:
    """The public data-quality report lists the late posting of "77/QĐ-VPUB", a document
    whose ``published`` date is after the as-of date and which appears nowhere else."""
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="dang-sau-2021",
                    number="77/QĐ-VPUB",
                    issued="01/11/2021",
                    title="Quyết định đăng tháng sau",
                    published="20/12/2021",
                )
            )
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "77/QĐ-VPUB" not in everything(result)


def test_session_announced_after_the_as_of_date_is_not_yet_published(tmp_path: Path) -> None:
    """A session whose announcement (``announced_on`` 10/12/2021) is still in the future is
    on the 30/11/2021 site: pages, calendar, open data (with that future date in it)."""
    sessions = (ROOT / "data" / "reception" / "2021.csv").read_text(encoding="utf-8")
    row = (
        "dac-biet-2021-12-15,15/12/2021,08:00,11:00,bi-thu-duvp,Phòng PHIENCHUABAO,,"
        "Tiếp dân,du-kien,,10/12/2021,,,,\n"
    )
    project = make_project(tmp_path, {"data/reception/2021.csv": sessions + row})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "PHIENCHUABAO" not in everything(result)


# --- personal data ----------------------------------------------------------------------------


HAND_WRITTEN = "docs/lien-he.md"


@pytest.mark.parametrize(
    ("front_matter", "value"),
    [
        ("description: Liên hệ chị Lan 0912345678", "0912345678"),
        ("author: nguyen.van.a@gmail.com", "nguyen.van.a@gmail.com"),
    ],
    ids=["description-mobile", "author-email"],
)
def test_personal_data_in_front_matter_of_a_hand_written_page_stops_the_build(
    tmp_path: Path, front_matter: str, value: str
) -> None:
    """The theme prints ``description`` and ``author`` into <meta>; the guard never reads
    front matter (it scans the page's rendered text only)."""
    page = f"---\n{front_matter}\n---\n# Liên hệ\n\nGiờ làm việc.\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "published " + value


@pytest.mark.parametrize(
    ("link", "value"),
    [
        ("[Gửi thư](mailto:nguyen.van.b@gmail.com)", "nguyen.van.b@gmail.com"),
        ("[Gọi chị Lan](tel:0912345679)", "0912345679"),
        ('<a href="mailto:tran.c@gmail.com">thư</a>', "tran.c@gmail.com"),
    ],
    ids=["markdown-mailto", "markdown-tel", "html-mailto"],
)
def test_personal_data_in_a_link_target_of_a_hand_written_page_stops_the_build(
    tmp_path: Path, link: str, value: str
) -> None:
    """Tags are stripped before the scan, so an address only in ``href`` is published."""
    project = make_project(tmp_path, {HAND_WRITTEN: f"# Liên hệ\n\n{link}\n"})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, f"{value} published in " + str(
        [p.name for p in result.site.rglob("index.html") if value in p.read_text()]
    )


def test_mobile_number_in_site_yaml_responsible_title_stops_the_build(tmp_path: Path) -> None:
    """``responsible`` is printed in every page's footer from the Chrome, which the guard does
    not scan (no page context or data file holds it)."""
    site = (ROOT / "data" / "site.yaml").read_text(encoding="utf-8")
    site = site.replace(
        'responsible:\n  name: ""\n  title: ""',
        'responsible:\n  name: ""\n  title: "Chánh Văn phòng 0987654321"',
    )
    assert "0987654321" in site
    project = make_project(tmp_path, {"data/site.yaml": site})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "published 0987654321 in every page's footer"


@pytest.mark.parametrize(
    "text",
    [
        "nguyen.van.a@gmail．com",  # full-width full stop: the module says it reads as "."
        "Liên hệ 09 12 34 56 78",  # two-digit groups, as many clerks type a mobile
        "Liên hệ 09.12.34.56.78",
        "Liên hệ (091) 234 5678",
    ],
    ids=["email-fullwidth-dot", "mobile-pairs-spaces", "mobile-pairs-dots", "mobile-bracketed"],
)
def test_obfuscated_personal_data_a_clerk_might_type_is_found(text: str) -> None:
    assert privacy.find_personal_data(text), text


# --- injected markup --------------------------------------------------------------------------


def test_front_matter_cannot_inject_json_ld_script(tmp_path: Path) -> None:
    """``congkhai_jsonld`` is meant for generated pages, but a hand-written page's front
    matter can set it and the theme prints it raw inside <script>."""
    page = "---\ncongkhai_jsonld: '</script><script>alert(1)</script>'\n---\n# Liên hệ\n\nx\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    # refused with a message naming the page and the key (lead's fix: staff front matter
    # may only set title, description, author, hide)
    assert result.returncode != 0
    assert 'docs/lien-he.md: khóa "congkhai_jsonld"' in result.output
    assert "Traceback" not in result.output


def test_front_matter_cannot_inject_dublin_core_attributes(tmp_path: Path) -> None:
    """``congkhai_dc`` names are printed unescaped into ``<meta name="...">``."""
    page = "---\ncongkhai_dc: [['x\" onfocus=\"alert(1)', 'y']]\n---\n# Liên hệ\n\nx\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0  # refused, as above
    assert 'docs/lien-he.md: khóa "congkhai_dc"' in result.output


def test_multimarkdown_meta_cannot_inject_json_ld_script(tmp_path: Path) -> None:
    """MkDocs also reads MultiMarkdown-style meta (``key: value`` lines at the top, no
    ``---``); the plan renders those lines as text, MkDocs puts them in ``page.meta``."""
    page = "congkhai_jsonld: </script><script>alert(2)</script>\n\n# Liên hệ\n\nx\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    soup = result.html("lien-he/")
    assert not [s for s in soup.find_all("script") if "alert(2)" in (s.string or "")]


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("docs/trang-tinh.html", "<html><body><script>alert(3)</script></body></html>"),
        (
            "docs/anh.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(3)"></svg>',
        ),
    ],
    ids=["static-html-page", "svg-onload"],
)
def test_static_markup_file_in_docs_is_not_published_raw(
    tmp_path: Path, path: str, content: str
) -> None:
    """An .html or .svg file dropped into docs/ is copied byte for byte: scripts included,
    never sanitised nor scanned for personal data."""
    project = make_project(tmp_path, {path: content})
    result = build(project, tmp_path / "site")
    assert "alert(3)" not in everything(result)


def test_personal_data_in_a_text_attachment_of_a_public_document_stops_the_build(
    tmp_path: Path,
) -> None:
    """A CSV list of citizens attached to a public decision is published unscanned."""
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="danh-sach-2021",
                    number="55/QĐ-VPUB",
                    issued="01/06/2021",
                    title="Quyết định kèm danh sách",
                    files="tep/danh-sach.csv",
                )
            ),
            "docs/tep/danh-sach.csv": "ho_ten,cccd,dien_thoai\nNguyễn Văn A,001099012345,0912345678\n",
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "published tep/danh-sach.csv with a CCCD and a mobile"


# --- false values -----------------------------------------------------------------------------


def test_plan_year_is_bounded_like_every_date(tmp_path: Path) -> None:
    plan = "title: Kế hoạch năm xa\nowner: vpub\nyear: 99999999999999999999\ntasks: []\n"
    project = make_project(tmp_path, {"data/plans/ke-hoach-nam-xa.yaml": plan})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "published 'Năm 99999999999999999999'"
    assert_no_traceback_and_names(result, "data/plans/ke-hoach-nam-xa.yaml")


def test_front_matter_title_given_as_a_list_is_an_error_not_its_repr(tmp_path: Path) -> None:
    page = "---\ntitle: [Công khai, Kế hoạch]\n---\n# Liên hệ\n\nx\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    if result.returncode == 0:
        title = result.html("lien-he/").title
        assert title is not None and "['" not in title.get_text(), title


def test_duplicate_key_in_front_matter_is_an_error(tmp_path: Path) -> None:
    """README: "duplicate keys are errors" in staff YAML; front matter keeps the last one."""
    page = "---\ntitle: Liên hệ\ntitle: Giới thiệu\n---\n# Liên hệ\n\nx\n"
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert_no_traceback_and_names(result, HAND_WRITTEN)


def test_hand_written_page_shadowed_by_a_generated_page_is_not_in_the_search_index(
    tmp_path: Path,
) -> None:
    """``docs/van-ban.md`` has the URL of the register: the page is silently dropped, but the
    search index still offers its title and text, linking to the register."""
    project = make_project(tmp_path, {"docs/van-ban.md": "# TRANGBICHE\n\nx\n"})
    result = build(project, tmp_path / "site")
    assert "TRANGBICHE" not in everything(result) or result.returncode != 0


NOTICE = "---\ntitle: Thông báo lạc chỗ\ndate: 01/11/2021\ncategory: van-ban\n---\nNội dung.\n"


@pytest.mark.parametrize(
    "path",
    ["data/thong-bao/2021/thong-bao-moi.md", "data/thong-bao/thong-bao-moi.markdown"],
    ids=["notice-in-subfolder", "notice-dot-markdown"],
)
def test_notice_the_build_does_not_read_is_reported_not_dropped(tmp_path: Path, path: str) -> None:
    """A notice a clerk saved one folder down or as ``.markdown`` vanishes without a word."""
    project = make_project(tmp_path, {path: NOTICE})
    result = build(project, tmp_path / "site")
    published = result.returncode == 0 and "Thông báo lạc chỗ" in everything(result)
    assert published or path in result.output, result.output[-1500:]


# --- tracebacks instead of messages ----------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "---\ndate: 2021-02-30\n---\n# Liên hệ\n",
        "---\ntitle: [chưa đóng\n---\n# Liên hệ\n",
        "---\ntemplate: khong-co.html\n---\n# Liên hệ\n",
        "# Liên hệ\n".encode("utf-16"),
        "# Liên hệ\n".encode("cp1258", errors="replace") + b"\xea\n",
    ],
    ids=[
        "front-matter-impossible-date",
        "front-matter-yaml-syntax",
        "front-matter-unknown-template",
        "utf16",
        "windows-1258",
    ],
)
def test_broken_hand_written_page_gets_a_message_not_a_traceback(
    tmp_path: Path, page: str | bytes
) -> None:
    project = make_project(tmp_path, {HAND_WRITTEN: page})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert_no_traceback_and_names(result, "lien-he.md")


def test_symlinked_directory_holding_a_page_gets_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    """MkDocs finds ``ngoai/trang.md`` through the link, the plan does not: KeyError."""
    outside = tmp_path / "ngoai-kho"
    outside.mkdir()
    (outside / "trang.md").write_text("# Trang ngoài kho\n", encoding="utf-8")
    project = make_project(tmp_path)
    os.symlink(outside, project / "docs" / "ngoai")
    result = build(project, tmp_path / "site")
    assert "Traceback" not in result.output, result.output[-1500:]
    assert not (result.site / "ngoai").exists()


def test_validate_script_reports_a_broken_front_matter_without_traceback(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, {HAND_WRITTEN: "---\ndate: 2021-02-30\n---\n# Liên hệ\n"})
    (project / "scripts").mkdir()
    (project / "scripts" / "validate.py").write_bytes(
        (ROOT / "scripts" / "validate.py").read_bytes()
    )
    result = subprocess.run(
        [sys.executable, "scripts/validate.py"],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "CONGKHAI_AS_OF": SEED_AS_OF},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output[-1500:]
    assert "lien-he.md" in output


# --- message quality --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("valid_from: 2021-04-01", "valid_from: 2021-04-31", "rules.yaml:51"),
        ("day: 15", "day: 32", "rules.yaml:44"),
    ],
    ids=["rule-impossible-valid-from", "rule-day-32"],
)
def test_broken_rule_gives_one_message_without_knock_on_errors(
    tmp_path: Path, old: str, new: str, line: str
) -> None:
    """README: a staff file problem is one message, no knock-on errors; today each session of
    2021.csv adds "buổi tiếp mới thiếu: date, start, end, host, place"."""
    rules = (ROOT / "data" / "reception" / "rules.yaml").read_text(encoding="utf-8")
    assert old in rules
    project = make_project(tmp_path, {"data/reception/rules.yaml": rules.replace(old, new)})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert line in result.output
    assert "buổi tiếp mới thiếu" not in result.output, result.output[-1500:]


def test_empty_rules_file_gives_one_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"data/reception/rules.yaml": ""})
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/reception/rules.yaml: tệp rỗng" in result.output
    assert "có 1 lỗi" in result.output, result.output[-1500:]
