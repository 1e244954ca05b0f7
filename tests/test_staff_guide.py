"""The staff guide (``/huong-dan-nhap-lieu/`` and one page per dataset below it): generated
from the models and the message catalogue, so it cannot drift. Expected sets are computed from
``DATASETS`` and the golden reports, never written by hand."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Build, build

from congkhai import vocab
from congkhai.datasets import DATASETS
from congkhai.datasets.documents import Document
from congkhai.datasets.fields import describe
from congkhai.datasets.plans import Task
from congkhai.ids import STAFF_GUIDE, guide_dataset_url
from congkhai.messages import CATALOGUE, kind_of
from congkhai.pages.guide import (
    GUIDED_DATASETS,
    guide_dataset_context,
    name_parts,
)
from congkhai.site import build_site

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import HOME_BUDGET_KIB, page_weight  # noqa: E402


@pytest.fixture(scope="module")
def guide(seed_build: Build) -> BeautifulSoup:
    return seed_build.html(STAFF_GUIDE)


@pytest.fixture(scope="module")
def dataset_pages(seed_build: Build) -> dict[str, BeautifulSoup]:
    """Each dataset's page of the guide, by dataset name."""
    return {d.name: seed_build.html(guide_dataset_url(d.name)) for d in GUIDED_DATASETS}


def _source_table(pages: dict[str, BeautifulSoup], file: str) -> Tag:
    """The columns table of ``file``: on exactly one dataset page."""
    captions = [
        c
        for page in pages.values()
        for c in page.select("table.ck-guide-columns caption")
        if c.get_text(" ", strip=True).endswith(file)
    ]
    assert len(captions) == 1, (file, len(captions))
    table = captions[0].parent
    assert isinstance(table, Tag)
    return table


def _dataset_item(guide: BeautifulSoup, title: str) -> Tag:
    items = [
        li
        for li in guide.select("ul.ck-guide-datasets > li")
        if li.get_text().strip().startswith(f"{title}:")
    ]
    assert len(items) == 1, title
    return items[0]


def test_overview_links_one_page_per_dataset_with_its_files(
    guide: BeautifulSoup, seed_build: Build
) -> None:
    assert [d.name for d in GUIDED_DATASETS] == [d.name for d in DATASETS if d.sources]
    assert len(guide.select("ul.ck-guide-datasets > li")) == len(DATASETS)
    for dataset in DATASETS:
        item = _dataset_item(guide, dataset.title)
        page = seed_build.site / guide_dataset_url(dataset.name) / "index.html"
        if not dataset.sources:
            # made from the other datasets: named, with no page and no link
            assert item.a is None and not page.exists(), dataset.name
            assert "không có tệp nhập liệu" in item.get_text(), dataset.name
            continue
        link = item.a
        assert link is not None and link.get_text(strip=True) == dataset.title
        target = posixpath.normpath(posixpath.join("/" + STAFF_GUIDE, link["href"])) + "/"
        assert target == "/" + guide_dataset_url(dataset.name) and page.exists()
        files = [code.get_text() for code in item.find_all("code")]
        assert files == [source.file for source in dataset.sources], dataset.name


def test_guide_lists_every_dataset_every_file_and_every_column(
    dataset_pages: dict[str, BeautifulSoup],
) -> None:
    for dataset in GUIDED_DATASETS:
        page = dataset_pages[dataset.name]
        assert page.h1.get_text(" ", strip=True) == f"Hướng dẫn nhập liệu: {dataset.title}"
        # each page holds its own files, and only those
        assert len(page.select("table.ck-guide-columns")) == len(dataset.sources)
        for source in dataset.sources:
            table = _source_table({dataset.name: page}, source.file)
            rows = {tr["data-column"]: tr for tr in table.select("tbody tr")}
            expected = [c.name for c in describe(source.model)]
            assert list(rows) == expected, source.file
            for column in describe(source.model):
                row = rows[column.name].get_text(" ", strip=True)
                assert column.label in row, (source.file, column.name)
                assert ("Có" if column.required else "Không") in row
                if column.example:
                    assert column.example in row
                for value, _ in column.choices:
                    assert value in row, (source.file, column.name, value)


def test_every_page_of_the_guide_is_within_the_page_budget(seed_build: Build) -> None:
    """The guide was one page over the budget; split, each page with its CSS and JS stays
    under it (the same measure as ``scripts/benchmark.py --weights``)."""
    pages = sorted((seed_build.site / STAFF_GUIDE).rglob("index.html"))
    assert len(pages) == 1 + len(GUIDED_DATASETS)
    for page in pages:
        kib = page_weight(seed_build.site, page)["total_gz"] / 1024
        assert kib <= HOME_BUDGET_KIB, (page.relative_to(seed_build.site), round(kib, 1))


def test_every_page_of_the_guide_is_in_the_sitemap(tmp_path: Path) -> None:
    site_url = "https://cong.example/"
    result = build(ROOT, tmp_path / "site", CONGKHAI_SITE_URL=site_url)
    assert result.returncode == 0, result.output
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert site_url + STAFF_GUIDE in locations
    for dataset in GUIDED_DATASETS:
        assert site_url + guide_dataset_url(dataset.name) in locations, dataset.name


def test_notices_front_matter_and_plan_tasks_are_described(
    dataset_pages: dict[str, BeautifulSoup],
) -> None:
    """The two that used to be missing: notices' front matter keys, plans' keys and tasks."""
    notices = _source_table(dataset_pages, "data/thong-bao/<mã>.md")
    assert {"title", "date", "expires", "category", "pinned", "related"} <= {
        tr["data-column"] for tr in notices.select("tbody tr")
    }
    tasks = _source_table(dataset_pages, "data/plans/<mã>.yaml, mục tasks")
    status = tasks.select_one('tr[data-column="status"]')
    assert status is not None
    assert [li.code.get_text() for li in status.select("ul.ck-choices li")] == [
        "chua-bat-dau",
        "dang-thuc-hien",
        "hoan-thanh",
    ]


def test_closed_vocabularies_and_references_come_from_the_validators() -> None:
    columns = {c.name: c for c in describe(Document)}
    assert dict(columns["type"].choices) == vocab.DOCUMENT_TYPE_LABELS
    assert columns["issuer"].refers_to == "mã cơ quan trong data/organizations.csv"
    assert columns["issued"].form.startswith("ngày dd/mm/yyyy")
    assert columns["topics"].form == 'nhiều giá trị cách nhau bằng dấu ";"'
    evidence = {c.name: c for c in describe(Task)}["evidence"]
    assert "data/documents.csv" in evidence.refers_to and "data/meetings.csv" in evidence.refers_to


def test_guide_shows_vocabulary_labels(dataset_pages: dict[str, BeautifulSoup]) -> None:
    row = _source_table(dataset_pages, "data/documents.csv").select_one('tr[data-column="access"]')
    assert row is not None
    items = [li.get_text(" ", strip=True) for li in row.select("ul.ck-choices li")]
    assert items == ["cong-khai : Công khai", "noi-bo : Nội bộ"]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("id", ("id",)),
        ("signer_title", ("signer_", "title")),
        ("force_source_kind", ("force_", "source_", "kind")),
        ("data-ngay-nghi", ("data-", "ngay-", "nghi")),
    ],
)
def test_column_names_break_only_after_separators(name: str, parts: tuple[str, ...]) -> None:
    assert name_parts(name) == parts


def test_column_names_never_break_mid_word(
    dataset_pages: dict[str, BeautifulSoup], seed_build: Build
) -> None:
    # lxml does not know <wbr> is void: read the page as written
    raw = (seed_build.site / guide_dataset_url("documents") / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<code class="ck-colname">signer_<wbr>title</code>' in raw
    assert '<code class="ck-colname">force_<wbr>source_<wbr>kind</code>' in raw
    cell = _source_table(dataset_pages, "data/documents.csv").select_one(
        'tr[data-column="signer_title"] code.ck-colname'
    )
    assert cell is not None
    css = (ROOT / "docs" / "assets" / "congkhai.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset \.ck-colname \{([^}]*)\}", css)
    assert rule and "word-break: keep-all" in rule[1] and "overflow-wrap: normal" in rule[1]
    # phones: the columns table becomes cards, each value labelled
    assert re.search(
        r"@media screen and \(max-width: [^)]*\) \{\s*\.md-typeset \.ck-guide-columns", css
    )
    assert all(td.get("data-label") for td in cell.find_parent("tr").select("td"))


def test_every_dataset_has_steps_to_publish(
    guide: BeautifulSoup, dataset_pages: dict[str, BeautifulSoup]
) -> None:
    for guided in GUIDED_DATASETS:
        url = guide_dataset_url(guided.name)
        dataset = guide_dataset_context(url, guided).dataset
        page = dataset_pages[dataset.name]
        for source in dataset.sources:
            commands = [s.command for w in source.ways for s in w.steps if s.command]
            assert any(c.startswith("congkhai moi ") for c in commands), source.file
            assert "congkhai kiem-tra" in commands
            assert any(c.startswith("git add ") for c in commands)
            if source.file.endswith(".csv"):
                assert f"congkhai excel xuat du-lieu.xlsx --bo {dataset.name}" in commands
                assert "congkhai excel nhap du-lieu.xlsx" in commands
            heading = page.find(id=f"{source.anchor}-cach-dang")
            assert heading is not None, source.file
        # the steps send staff to the error catalogue, which is on the overview
        messages = page.find("a", string="Thông báo lỗi")
        assert messages is not None and messages["href"] == "../#thong-bao-loi"
        assert guide.find(id="thong-bao-loi") is not None
    text = guide.get_text(" ", strip=True)
    assert ".venv/bin/pre-commit install" in text
    assert "an toàn hơn" in guide.find(id="excel-hay-csv").find_next("p").get_text()


def _golden_messages() -> list[tuple[str, str]]:
    found = []
    for expected in sorted(GOLDEN.glob("*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(("Dữ liệu có ", "--- ")):
                found.append((expected.parent.name, line.strip()))
    return found


def test_golden_reports_have_messages() -> None:
    assert len(_golden_messages()) > 40


def test_every_message_of_the_golden_broken_fixtures_is_explained(guide: BeautifulSoup) -> None:
    unexplained = [(case, m) for case, m in _golden_messages() if kind_of(m) is None]
    assert not unexplained
    for _, message in _golden_messages():
        kind = kind_of(message)
        assert kind is not None
        section = guide.find(id=f"loi-{kind.key}")
        assert section is not None, kind.key
        # document numbers in the text become links: compare the text as read
        body = " ".join(section.find_parent("section").get_text().split())
        assert kind.meaning in body and kind.fix in body


def test_every_problem_of_the_shipped_data_is_explained() -> None:
    """The warnings and missing facts of the quality report are in the catalogue too."""
    plan = build_site(ROOT, dt.date(2021, 11, 30))
    assert plan.registry.problems.items
    assert [p.message for p in plan.registry.problems.items if kind_of(p.message) is None] == []


@pytest.mark.parametrize(
    ("message", "key"),
    [
        ('"31/02/2021" không phải ngày hợp lệ (not a valid date)', "ngay-sai"),
        ("thiếu cột bắt buộc (missing required column)", "thieu-cot"),
        ("thiếu giá trị bắt buộc (missing required value)", "thieu-gia-tri"),
        ('khóa "title" bị lặp, đã có ở dòng 1 (duplicate key)', "cot-lap"),
        ('không có người mã "x" (unknown person id)', "tham-chieu"),
        ('"mat" không thuộc danh mục; chọn một trong: ... (unknown value)', "ngoai-danh-muc"),
    ],
)
def test_catalogue_tells_similar_messages_apart(message: str, key: str) -> None:
    kind = kind_of(message)
    assert kind is not None and kind.key == key


def test_catalogue_keys_are_unique_anchors() -> None:
    keys = [k.key for k in CATALOGUE]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)


def test_portal_sitemap_page_links_every_dataset_page_of_the_guide(seed_build: Build) -> None:
    page = seed_build.html("so-do-cong/")
    hrefs = {a["href"] for a in page.select("main a[href]")}
    for dataset in GUIDED_DATASETS:
        assert f"../huong-dan-nhap-lieu/{dataset.name}/" in hrefs, dataset.name
