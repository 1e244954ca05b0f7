"""The shipped data stays faithful to the seed report (issue 10): the 2022 plan quotes
Mục III word for word, the full text keeps the seed's words without its page-break splits,
the recipients ("Nơi nhận") are structured data, and legal-force facts name their source."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT, Build, make_project

from congkhai.problems import DataError, Severity
from congkhai.registry import load_registry

#: A byte-for-byte copy of the seed (``/work/shared/seed/``), kept with the tests so that CI
#: compares against the original and never against our own edited full text.
SEED = Path(__file__).parent / "golden" / "seed-report" / "bao-cao-doi-thoai-2021.md"
SHARED_SEED = Path("/work/shared/seed/bao-cao-doi-thoai-2021.md")
SEED_TEXT = SEED.read_text(encoding="utf-8")
FULL_TEXT = (ROOT / "docs/toan-van/bao-cao-doi-thoai-2021.md").read_text(encoding="utf-8")
AS_OF = dt.date(2021, 11, 30)


def normal(text: str) -> str:
    """NFC, whitespace collapsed: a line break in YAML or Markdown is not a difference."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def paragraphs(markdown: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def words(markdown: str) -> list[str]:
    """The words of a Markdown text, markup stripped: emphasis, heading and list markers."""
    text = unicodedata.normalize("NFC", markdown)
    text = re.sub(r"^\s*(#+|-)\s+", "", text, flags=re.MULTILINE)
    return text.replace("**", "").replace("*", "").split()


_ITEM = re.compile(r"^(?:\*\*)?(\d+)\.(?:\*\*)?\s+")


def section_iii_items(markdown: str) -> dict[str, str]:
    """The numbered items of Mục III, by number; a paragraph that does not start a new item
    continues the previous one (the seed's page break splits item 1)."""
    paras = paragraphs(markdown)
    start = next(i for i, p in enumerate(paras) if "III. PHƯƠNG HƯỚNG" in p)
    end = next(i for i, p in enumerate(paras) if "IV. ĐỀ XUẤT" in p)
    items: dict[str, list[str]] = {}
    number = None
    for para in paras[start + 1 : end]:
        m = _ITEM.match(para)
        if m:
            number = m[1]
            items[number] = [para[m.end() :]]
        else:
            assert number is not None, para
            items[number].append(para)
    return {n: normal(" ".join(parts)) for n, parts in items.items()}


def noi_nhan(markdown: str) -> tuple[str, ...]:
    """The "Nơi nhận" block as written, one entry per list item, the ";" separators removed."""
    block = markdown[markdown.index("Nơi nhận:") :]
    lines = block.splitlines()[1:]
    items = []
    for line in lines:
        if line.startswith("- "):
            items.append(normal(line[2:]).removesuffix(";"))
        elif items and line.strip():
            break
    return tuple(items)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed folder is not mounted")
def test_the_kept_copy_is_the_seed() -> None:
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


# --- the plan "Phương hướng 2022" ---------------------------------------------------------


@pytest.fixture(scope="module")
def plan_tasks() -> list[tuple[str, str]]:
    registry = load_registry(ROOT, AS_OF)
    return [(t.id, t.title) for t in registry.plans["phuong-huong-2022"].tasks]


def test_every_task_quotes_section_iii_verbatim(plan_tasks: list[tuple[str, str]]) -> None:
    section = normal(" ".join(section_iii_items(SEED_TEXT).values()))
    for task_id, title in plan_tasks:
        assert normal(title) in section, f"nhiệm vụ {task_id} không nguyên văn: {title[:80]}"


def test_every_numbered_item_of_section_iii_is_a_task_in_full(
    plan_tasks: list[tuple[str, str]],
) -> None:
    items = section_iii_items(SEED_TEXT)
    assert list(items) == ["1", "2", "3", "4", "5"]
    assert {task_id: normal(title) for task_id, title in plan_tasks} == items


def test_task_one_cites_the_five_documents_as_written(plan_tasks: list[tuple[str, str]]) -> None:
    title = dict(plan_tasks)["1"]
    for cited in ("12-QĐi/TU", "08/KH-UBND", "1037-CV/BDVTU", "22/KH-VPUB", "06-QĐ/ĐUVP"):
        assert cited in title


# --- the full text: the seed's words, without page-break splits --------------------------


def test_full_text_has_the_seeds_words_in_order() -> None:
    assert words(FULL_TEXT) == words(SEED_TEXT)


@pytest.mark.parametrize(
    ("end", "start"),
    [
        ("của Ban Thường vụ", "Tỉnh ủy về việc quy định"),
        ("trong cơ quan, đơn vị", "trực thuộc Văn phòng"),
        ("Ban Dân vận Tỉnh ủy về", "việc tăng cường chỉ đạo"),
    ],
    ids=["ban-thuong-vu-tinh-uy", "don-vi-truc-thuoc", "ve-viec"],
)
def test_page_break_split_is_joined(end: str, start: str) -> None:
    paras = paragraphs(FULL_TEXT)
    assert not any(a.endswith(end) and b.startswith(start) for a, b in pairwise(paras))
    assert any(f"{end} {start}" in p for p in paras)


def test_no_paragraph_of_the_full_text_starts_mid_sentence() -> None:
    assert [p[:40] for p in paragraphs(FULL_TEXT) if p[0].islower()] == []


# --- recipients ("Nơi nhận") -------------------------------------------------------------


def test_recipients_are_the_seeds_noi_nhan_block_as_written() -> None:
    expected = noi_nhan(SEED_TEXT)
    assert expected[0] == "Ban Dân vận Tỉnh ủy (Báo cáo)" and expected[-1] == "Lưu: VT, TCHCQT."
    report = load_registry(ROOT, AS_OF).documents["bao-cao-doi-thoai-2021"]
    assert report.recipients == expected


def test_recipients_on_the_document_page_and_in_the_export(seed_build: Build) -> None:
    page = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    heading = page.find("h2", string="Nơi nhận")
    assert heading is not None
    shown = tuple(li.get_text(strip=True) for li in heading.find_next("ul").find_all("li"))
    assert shown == noi_nhan(SEED_TEXT)
    raw = (seed_build.site / "du-lieu-mo" / "van-ban.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(raw)) if r["id"] == "bao-cao-doi-thoai-2021")
    assert row["recipients"] == "; ".join(noi_nhan(SEED_TEXT))


# --- the source of legal-force facts -----------------------------------------------------

DOCS_HEADER = (
    "id,number,type,issuer,issued,title,access,expires,status,force_source,force_source_kind\n"
)
SOURCE_ROWS = (
    # line 2..7, each named after what it exercises
    "het-han-khong-nguon,41/KH-VPUB,ke-hoach,vpub,01/02/2021,Hết hạn không nguồn,cong-khai,"
    "01/01/2030,,,\n"
    "tinh-trang-khong-nguon,42/KH-VPUB,ke-hoach,vpub,01/02/2021,Tình trạng không nguồn,cong-khai,"
    ",het-hieu-luc,,\n"
    "nguon-khong-loai,43/KH-VPUB,ke-hoach,vpub,01/02/2021,Nguồn không loại,cong-khai,"
    "01/01/2030,,Quyết định 1/QĐ-VPUB Điều 5,\n"
    "loai-khong-nguon,44/KH-VPUB,ke-hoach,vpub,01/02/2021,Loại không nguồn,cong-khai,"
    ",,,chinh-thuc\n"
    "nguon-chinh-thuc,45/KH-VPUB,ke-hoach,vpub,01/02/2021,Nguồn chính thức,cong-khai,"
    "01/01/2030,,Kế hoạch 45/KH-VPUB mục IV,chinh-thuc\n"
    "nguon-thu-cap,46/KH-VPUB,ke-hoach,vpub,01/02/2021,Nguồn thứ cấp,cong-khai,"
    "01/01/2030,,Báo Sơn La 02/02/2021,thu-cap\n"
)


def test_legal_force_fact_without_its_source_is_a_warning_at_its_place(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"data/documents.csv": DOCS_HEADER + SOURCE_ROWS})
    registry = load_registry(project, AS_OF)
    warnings = [
        str(p)
        for p in registry.problems.items
        if p.file == "data/documents.csv" and p.severity is Severity.WARNING
    ]
    assert warnings == [
        'data/documents.csv:2: cột "force_source": có ngày hết hiệu lực nhưng chưa ghi nguồn '
        "(văn bản, điều, bài báo) của thông tin này (legal-force fact without a named source)",
        'data/documents.csv:3: cột "force_source": có tình trạng hiệu lực nhưng chưa ghi nguồn '
        "(văn bản, điều, bài báo) của thông tin này (legal-force fact without a named source)",
        'data/documents.csv:4: cột "force_source_kind": đã ghi nguồn thông tin hiệu lực nhưng '
        "chưa ghi loại nguồn (chinh-thuc hoặc thu-cap) (source named without its kind)",
        'data/documents.csv:5: cột "force_source": đã ghi loại nguồn nhưng chưa ghi nguồn '
        "thông tin hiệu lực (source kind without the source)",
    ]
    # The build keeps the fact: the expired status stays.
    assert registry.force(registry.documents["tinh-trang-khong-nguon"]).status.value == (
        "het-hieu-luc"
    )
    unverified = {d.id for d in registry.documents.values() if d.force_unverified}
    assert unverified == {"nguon-thu-cap"}


def test_unknown_source_kind_is_an_error_naming_the_choices(tmp_path: Path) -> None:
    row = "bao-chi,47/KH-VPUB,ke-hoach,vpub,01/02/2021,Loại lạ,cong-khai,01/01/2030,,Báo,bao-chi\n"
    project = make_project(tmp_path, {"data/documents.csv": DOCS_HEADER + row})
    with pytest.raises(DataError) as error:
        load_registry(project, AS_OF)
    (message,) = [str(p) for p in error.value.problems.errors]
    assert message.startswith('data/documents.csv:2: cột "force_source_kind" (K): "bao-chi" ')
    assert "chinh-thuc" in message and "thu-cap" in message


def test_the_shipped_law_names_its_secondary_source() -> None:
    registry = load_registry(ROOT, AS_OF)
    law = registry.documents["104-2016-qh13"]
    assert law.expires == dt.date(2026, 9, 1)
    assert "news.laodong.vn" in law.force_source and law.force_unverified
    # no warning on the register (files the seed does not give are listed as missing facts)
    assert not [
        p
        for p in registry.problems.items
        if p.file == "data/documents.csv" and p.severity is not Severity.MISSING
    ]


def test_document_page_shows_the_source_beside_the_status(seed_build: Build) -> None:
    page = seed_build.html("van-ban/104-2016-qh13/")
    labels = [th.get_text(strip=True) for th in page.select("table.ck-properties th")]
    status = labels.index("Tình trạng hiệu lực")
    assert labels[status + 1] == "Nguồn thông tin hiệu lực"
    source = page.select("table.ck-properties td")[status + 1].get_text(" ", strip=True)
    assert "news.laodong.vn" in source and source.endswith("chưa đối chiếu văn bản gốc)")
    guide = seed_build.html("huong-dan-nhap-lieu/documents/").get_text()
    assert "force_source_kind" in guide and "Nơi nhận" in guide
