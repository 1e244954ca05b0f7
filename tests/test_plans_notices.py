"""Kế hoạch, thông báo, trang chủ and the Atom feeds, on both sides of every date boundary."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import feedparser
import pytest
from conftest import Build, build, make_project

from congkhai.datasets.plans import Task
from congkhai.plans import TaskStatus, task_status
from congkhai.problems import DataError, Severity
from congkhai.registry import load_registry

FIXTURE = Path(__file__).parent / "golden" / "plans-notices"


@pytest.mark.parametrize(
    ("task", "as_of", "expected"),
    [
        ({"deadline": "2026-03-01"}, "2026-03-01", TaskStatus.CHUA_RO),
        ({"deadline": "2026-03-01"}, "2026-03-02", TaskStatus.QUA_HAN),
        (
            {"start": "2026-01-01", "deadline": "2026-03-01"},
            "2026-02-01",
            TaskStatus.DANG_THUC_HIEN,
        ),
        ({"start": "2026-06-01"}, "2026-02-01", TaskStatus.CHUA_BAT_DAU),
        ({"percent": 10}, "2026-02-01", TaskStatus.DANG_THUC_HIEN),
        (
            {"status": "hoan-thanh", "done_on": "2026-02-10", "deadline": "2026-02-01"},
            "2026-03-01",
            TaskStatus.HOAN_THANH_TRE,
        ),
        (
            {"status": "hoan-thanh", "done_on": "2026-02-01", "deadline": "2026-02-01"},
            "2026-03-01",
            TaskStatus.HOAN_THANH,
        ),
        ({}, "2026-03-01", TaskStatus.CHUA_RO),
    ],
)
def test_task_status_derivation(task: dict[str, object], as_of: str, expected: TaskStatus) -> None:
    model = Task.model_validate({"id": "t", "title": "T", **task})
    assert task_status(model, dt.date.fromisoformat(as_of)) is expected


def _project(tmp: Path, extra: dict[str, str] | None = None) -> Path:
    root = make_project(tmp)
    shutil.rmtree(root / "data")
    shutil.copytree(FIXTURE / "data", root / "data")
    for rel, text in (extra or {}).items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_plan_validation_rules(tmp_path: Path) -> None:
    bad = (
        "title: Sai\nowner: khong-co\ntasks:\n"
        "  - id: a\n    title: Đơn vị sai\n    owner: don-vi-khong-co\n"
        "  - id: b\n    title: Minh chứng sai\n    evidence: [khong-co-van-ban]\n"
        "  - id: c\n    title: Phần trăm sai\n    percent: 120\n"
        "  - id: d\n    title: Xong không ngày\n    status: hoan-thanh\n"
        "  - id: e\n    title: Hạn trước bắt đầu\n    start: 2026-05-01\n    deadline: 2026-04-01\n"
    )
    root = _project(tmp_path, {"data/plans/sai.yaml": bad})
    with pytest.raises(DataError) as info:
        load_registry(root, dt.date(2026, 3, 10))
    messages = [str(p) for p in info.value.problems.errors]
    expected = [
        'data/plans/sai.yaml:2: khóa "owner": không có cơ quan mã "khong-co" (unknown organization id)',
        'data/plans/sai.yaml:6: khóa "tasks.0.owner": không có cơ quan mã "don-vi-khong-co" (unknown organization id)',
        'data/plans/sai.yaml:9: khóa "tasks.1.evidence": không có văn bản hoặc hội nghị mã "khong-co-van-ban" (unknown document or meeting id)',
        'data/plans/sai.yaml:12: khóa "tasks.2.percent": "120" phải nhỏ hơn hoặc bằng 100 (must be at most 100)',
        'data/plans/sai.yaml:15: khóa "tasks.3.done_on": đã hoàn thành nhưng thiếu ngày hoàn thành (done without a completion date)',
        'data/plans/sai.yaml:19: khóa "tasks.4.deadline": hạn hoàn thành trước ngày bắt đầu (deadline before start)',
    ]
    assert [m for m in messages if "sai.yaml" in m] == expected


def test_notice_front_matter_errors(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "data/thong-bao/sai.md": "---\ntitle: Sai\ndate: 31/02/2026\nmau: do\n---\nx\n",
            "data/thong-bao/Ten Sai.md": "---\ntitle: x\ndate: 01/01/2026\n---\n",
        },
    )
    with pytest.raises(DataError) as info:
        load_registry(root, dt.date(2026, 3, 10))
    messages = [str(p) for p in info.value.problems.errors]
    assert (
        'data/thong-bao/sai.md:3: khóa "date": "31/02/2026" không phải ngày hợp lệ (not a valid date)'
        in messages
    )
    assert (
        'data/thong-bao/sai.md:4: khóa "mau": khóa không có trong danh mục (unknown key)'
        in messages
    )
    assert any(
        m.startswith("data/thong-bao/Ten Sai.md: tên tệp chỉ dùng chữ thường") for m in messages
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("pn"))


@pytest.fixture(scope="module")
def before(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(project, tmp_path_factory.mktemp("b") / "site", as_of="2026-03-09")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def after(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(
        project,
        tmp_path_factory.mktemp("a") / "site",
        as_of="2026-03-11",
        CONGKHAI_SITE_URL="https://congkhai.example.vn/",
    )
    assert result.returncode == 0, result.output
    return result


def _titles(result: Build, url: str) -> list[str]:
    return [a.get_text() for a in result.html(url).select("ul.ck-notices li > a strong")]


def test_notice_list_pinned_first_newest_first_and_expiry(before: Build, after: Build) -> None:
    assert _titles(before, "thong-bao/") == ["Thông báo GHIM", "Thông báo MOI", "Thông báo HETHAN"]
    assert _titles(after, "thong-bao/") == ["Thông báo GHIM", "Thông báo HENNGAY", "Thông báo MOI"]
    assert _titles(after, "thong-bao/luu-tru/") == ["Thông báo HETHAN"]
    assert _titles(before, "thong-bao/luu-tru/") == []
    expired = after.html("thong-bao/het-han/").select_one(".admonition-title").get_text()
    assert expired == "Thông báo đã hết hạn"


def test_scheduled_notice_is_absent_everywhere_until_its_day(before: Build, after: Build) -> None:
    for name, text in before.text_files().items():
        assert "HENNGAY" not in text and "hen-ngay" not in text, name
    assert not (before.site / "thong-bao" / "hen-ngay").exists()
    assert (after.site / "thong-bao" / "hen-ngay" / "index.html").exists()
    assert "HENNGAY" in (after.site / "du-lieu-mo" / "thong-bao.csv").read_text(
        encoding="utf-8-sig"
    )


def test_notice_page_renders_markdown_and_published_related_documents_only(after: Build) -> None:
    page = after.html("thong-bao/moi/")
    assert page.select_one(".ck-notice-body strong").get_text() == "mới"
    related = [a.get_text() for a in page.select("#van-ban-lien-quan + ul a")]
    assert related == ["Kế hoạch 10/KH-VPUB ngày 05/01/2026: Kế hoạch công tác năm 2026"]
    for name, text in after.text_files().items():
        assert "BAOCAOMAT" not in text, name


def test_plan_page_overdue_first_with_progress_bars(before: Build) -> None:
    page = before.html("ke-hoach/ke-hoach-2026/")
    rows = page.select("table.ck-tasks tbody tr")
    assert [r["data-task-status"] for r in rows] == [
        "qua-han",
        "dang-thuc-hien",
        "chua-bat-dau",
        "hoan-thanh-tre",
        "hoan-thanh",
    ]
    bar = rows[0].select_one("progress")
    assert (bar["value"], bar["max"], bar["aria-label"]) == ("60", "100", "Nhiệm vụ QUAHAN: 60%")
    evidence = [a.get_text() for a in rows[4].select("td[data-label='Kết quả, minh chứng'] a")]
    assert evidence == ["Báo cáo 11/BC-VPUB"]  # the noi-bo report is not named
    summary = {
        tr.th.get_text(): tr.td.get_text(" ", strip=True)
        for tr in page.select("table.ck-properties tr")
    }
    assert summary["Văn bản kế hoạch"] == "Kế hoạch 10/KH-VPUB"
    # a plan has no legal force: its page shows progress, not a status
    assert summary["Ngày ban hành"] == "05/01/2026" and "Tình trạng hiệu lực" not in summary
    assert summary["Nhiệm vụ"] == "5 nhiệm vụ: 2 hoàn thành, 1 quá hạn"


def test_deadline_boundary_changes_the_plan_page(project: Path, tmp_path: Path) -> None:
    on_deadline = build(project, tmp_path / "d", as_of="2026-03-01")
    rows = on_deadline.html("ke-hoach/ke-hoach-2026/").select("table.ck-tasks tbody tr")
    assert "qua-han" not in [r["data-task-status"] for r in rows]


def test_owner_view_and_plan_list(before: Build) -> None:
    owner = before.html("ke-hoach/don-vi/trung-tam-thong-tin/")
    assert [
        td.get_text(" ", strip=True).split(" minh")[0]
        for td in owner.select("td[data-label='Nhiệm vụ']")
    ] == ["Nhiệm vụ XONGDUNGHAN"]
    listing = before.html("ke-hoach/")
    cells = [td.get_text(strip=True) for td in listing.select("tbody tr td")]
    assert cells[2:5] == ["5", "2", "1"]


def test_home_page_is_built_from_data(before: Build) -> None:
    home = before.html("")
    assert home.find("h1").get_text() == "Văn phòng Ủy ban nhân dân tỉnh Sơn La"
    assert _titles(before, "")[:2] == ["Thông báo GHIM", "Thông báo MOI"]
    assert "Kế hoạch công tác năm 2026" in home.select_one("#ke-hoach-qua-han + ul").get_text()
    recent = [a.get_text() for a in home.select("#van-ban-moi + ul a")]
    assert recent == ["Báo cáo 11/BC-VPUB", "Kế hoạch 10/KH-VPUB"]
    assert home.find("meta", attrs={"name": "congkhai:as-of"})["content"] == "2026-03-09"


def test_atom_feeds_parse_and_are_discoverable(after: Build) -> None:
    feed = feedparser.parse((after.site / "thong-bao" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [
        "Thông báo HENNGAY",
        "Thông báo MOI",
        "Thông báo HETHAN",
        "Thông báo GHIM",
    ]
    first = feed.entries[0]
    assert first.id.startswith("urn:uuid:") and first.updated == "2026-03-11T00:00:00+07:00"
    assert first.link == "https://congkhai.example.vn/thong-bao/hen-ngay/"
    everything = feedparser.parse((after.site / "atom.xml").read_bytes())
    assert not everything.bozo and len(everything.entries) == 6
    assert {e.id for e in everything.entries} >= {e.id for e in feed.entries}
    docs = feedparser.parse((after.site / "van-ban" / "atom.xml").read_bytes())
    assert [e.title for e in docs.entries] == [
        "Báo cáo 11/BC-VPUB: Báo cáo kết quả quý I (minh chứng)",
        "Kế hoạch 10/KH-VPUB: Kế hoạch công tác năm 2026",
    ]
    assert docs.entries[0].updated == "2026-02-21T00:00:00+07:00"
    for url in ("", "van-ban/", "thong-bao/moi/", "lich-tiep-cong-dan/"):
        links = {
            link["href"]
            for link in after.html(url).select(
                'link[rel~="alternate"][type="application/atom+xml"]'
            )
        }
        # the three site-wide feeds everywhere; the calendar's page adds its own Atom feed
        assert len(links) == (4 if url == "lich-tiep-cong-dan/" else 3), url


def test_feed_entry_ids_are_stable_across_site_moves(before: Build, after: Build) -> None:
    a = feedparser.parse((before.site / "thong-bao" / "atom.xml").read_bytes())
    b = feedparser.parse((after.site / "thong-bao" / "atom.xml").read_bytes())
    ids_a = {e.title: e.id for e in a.entries}
    ids_b = {e.title: e.id for e in b.entries}
    assert ids_a["Thông báo MOI"] == ids_b["Thông báo MOI"]


def test_html_sitemap_lists_every_section(after: Build) -> None:
    page = after.html("so-do-cong/")
    sections = [h2.get_text() for h2 in page.select("article h2")]
    assert sections == [
        "Sổ văn bản",
        "Lịch tiếp công dân",
        "Hội nghị đối thoại",
        "Kế hoạch",
        "Thông báo",
        "Dữ liệu mở",
        "Dành cho cán bộ",
    ]
    assert page.find("a", string="Kế hoạch công tác năm 2026") is not None
    assert (after.site / "sitemap.xml").exists()


def test_as_of_script_is_small_and_loaded(after: Build) -> None:
    script = after.site / "assets" / "congkhai-asof.js"
    assert script.stat().st_size < 1500
    assert after.html("").find("script", src="assets/congkhai-asof.js") is not None


def test_the_valid_fixture_raises_no_problem(project: Path) -> None:
    registry = load_registry(project, dt.date(2026, 3, 10))
    # (facts no fixture supplies, such as files of documents, are listed as missing)
    assert [
        p
        for p in registry.problems.items
        if "site.yaml" not in p.file and p.severity is not Severity.MISSING
    ] == []


def test_publication_later_than_five_working_days_is_a_legal_finding(tmp_path: Path) -> None:
    # Issued Friday 20/02/2026 (after Tết): five working days end Friday 27/02/2026.
    docs = (
        "id,number,type,issuer,issued,title,access,published\n"
        "dung-han,20/KH-VPUB,ke-hoach,vpub,20/02/2026,Đúng hạn,cong-khai,27/02/2026\n"
        "tre-han,21/KH-VPUB,ke-hoach,vpub,20/02/2026,Trễ hạn,cong-khai,02/3/2026\n"
        "noi-bo,22/KH-VPUB,ke-hoach,vpub,20/02/2026,Nội bộ,noi-bo,02/3/2026\n"
    )
    root = _project(tmp_path, {"data/documents.csv": docs})
    shutil.rmtree(root / "data" / "plans")
    shutil.rmtree(root / "data" / "thong-bao")
    registry = load_registry(root, dt.date(2026, 3, 10))
    legal = [str(p) for p in registry.problems.items if p.severity.value == "phap-ly"]
    assert legal == [
        'data/documents.csv:3: cột "published": văn bản "21/KH-VPUB" ban hành 20/02/2026, '
        "đăng tải 02/3/2026: quá 5 ngày làm việc (hạn 27/02/2026, Luật Tiếp cận thông tin Điều 18) "
        "(published later than 5 working days after issue)"
    ]


def test_example_notices_are_labelled_in_the_feed(seed_build: Build) -> None:
    feed = feedparser.parse((seed_build.site / "thong-bao" / "atom.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "[Minh họa] Lịch tiếp công dân năm 2021 của Bí thư Đảng ủy Văn phòng UBND tỉnh",
        "[Minh họa] Công khai Kế hoạch số 22/KH-VPUB về đối thoại của Chánh Văn phòng UBND tỉnh",
    ]
