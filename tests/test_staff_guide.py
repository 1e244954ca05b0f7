"""The staff guide (``/huong-dan-nhap-lieu/``): generated from the models and the message
catalogue, so it cannot drift. Expected sets are computed from ``DATASETS`` and the golden
reports, never written by hand."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Build

from congkhai import vocab
from congkhai.datasets import DATASETS
from congkhai.datasets.documents import Document
from congkhai.datasets.fields import describe
from congkhai.datasets.plans import Task
from congkhai.ids import STAFF_GUIDE
from congkhai.messages import CATALOGUE, kind_of
from congkhai.pages.guide import guide_context, name_parts
from congkhai.site import build_site

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def guide(seed_build: Build) -> BeautifulSoup:
    return seed_build.html(STAFF_GUIDE)


def _source_table(guide: BeautifulSoup, file: str) -> Tag:
    caption = next(
        c
        for c in guide.select("table.ck-guide-columns caption")
        if c.get_text(" ", strip=True).endswith(file)
    )
    table = caption.parent
    assert isinstance(table, Tag)
    return table


def test_guide_lists_every_dataset_every_file_and_every_column(guide: BeautifulSoup) -> None:
    headings = {h.get_text(" ", strip=True) for h in guide.select("h3, h4")}
    for dataset in DATASETS:
        assert dataset.title in headings, dataset.name
        for source in dataset.sources:
            table = _source_table(guide, source.file)
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


def test_notices_front_matter_and_plan_tasks_are_described(guide: BeautifulSoup) -> None:
    """The two that used to be missing: notices' front matter keys, plans' keys and tasks."""
    notices = _source_table(guide, "data/thong-bao/<mã>.md")
    assert {"title", "date", "expires", "category", "pinned", "related"} <= {
        tr["data-column"] for tr in notices.select("tbody tr")
    }
    tasks = _source_table(guide, "data/plans/<mã>.yaml, mục tasks")
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


def test_guide_shows_vocabulary_labels(guide: BeautifulSoup) -> None:
    row = _source_table(guide, "data/documents.csv").select_one('tr[data-column="access"]')
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


def test_column_names_never_break_mid_word(guide: BeautifulSoup, seed_build: Build) -> None:
    # lxml does not know <wbr> is void: read the page as written
    raw = (seed_build.site / STAFF_GUIDE / "index.html").read_text(encoding="utf-8")
    assert '<code class="ck-colname">signer_<wbr>title</code>' in raw
    assert '<code class="ck-colname">force_<wbr>source_<wbr>kind</code>' in raw
    cell = _source_table(guide, "data/documents.csv").select_one(
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


def test_every_dataset_has_steps_to_publish(guide: BeautifulSoup) -> None:
    context = guide_context(STAFF_GUIDE)
    for dataset in context.datasets:
        for source in dataset.sources:
            commands = [s.command for w in source.ways for s in w.steps if s.command]
            assert any(c.startswith("congkhai moi ") for c in commands), source.file
            assert "congkhai kiem-tra" in commands
            assert any(c.startswith("git add ") for c in commands)
            if source.file.endswith(".csv"):
                assert f"congkhai excel xuat du-lieu.xlsx --bo {dataset.name}" in commands
                assert "congkhai excel nhap du-lieu.xlsx" in commands
            heading = guide.find(id=f"{source.anchor}-cach-dang")
            assert heading is not None, source.file
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
