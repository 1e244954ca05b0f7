"""The citation finder on real phrasings (tests/data/citations/real-phrasings.yaml): every
row as written, in NFD, in capitals and with its words in lower case; precision and recall
over the whole table; then the named behaviours one by one."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from congkhai.numbers import Citation, find_citations, number_key

TABLE = Path(__file__).parent / "data" / "citations" / "real-phrasings.yaml"

Want = tuple[str, str | None, str | None]  # number as written, date, type


@dataclass(frozen=True)
class Row:
    source: str
    text: str
    want: tuple[Want, ...]


def _load() -> tuple[list[Row], list[Row]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    positives = [
        Row(group["src"], text, tuple((n, d, t) for n, d, t in want))
        for group in data["positives"]
        for text, want in group["rows"]
    ]
    negatives = [
        Row(group["src"], text, ()) for group in data["negatives"] for text in group["rows"]
    ]
    return positives, negatives


POSITIVES, NEGATIVES = _load()


def _lower_words(row: Row) -> Row:
    """The row with every word but the numbers in lower case ("NGÀY", "Nghị định" alike)."""
    numbers = "|".join(re.escape(n) for n, _, _ in row.want)
    parts = re.split(f"({numbers})", row.text) if numbers else [row.text]
    return Row(
        row.source, "".join(p if i % 2 else p.lower() for i, p in enumerate(parts)), row.want
    )


VARIANTS = {
    "as-written": lambda row: row,
    "nfd": lambda row: Row(
        row.source,
        unicodedata.normalize("NFD", row.text),
        tuple((unicodedata.normalize("NFD", n), d, t) for n, d, t in row.want),
    ),
    "capitals": lambda row: Row(
        row.source, row.text.upper(), tuple((n.upper(), d, t) for n, d, t in row.want)
    ),
    "lower-words": _lower_words,
}


def _cases(rows: list[Row]) -> list[object]:
    return [
        pytest.param(variant(row), id=f"{name}-{i}")
        for i, row in enumerate(rows)
        for name, variant in VARIANTS.items()
    ]


def _read(text: str) -> list[Citation]:
    found = find_citations(text)
    for cite in found:  # offsets always point into the text as given
        assert text[cite.start : cite.end] == cite.number
    return found


def test_table_is_large_enough_and_sourced() -> None:
    assert len(POSITIVES) >= 150 and len(NEGATIVES) >= 60
    assert all(row.source for row in POSITIVES + NEGATIVES)
    assert sum(len(row.want) for row in POSITIVES) >= 200


@pytest.mark.parametrize("row", _cases(POSITIVES))
def test_real_phrasing_reads_its_numbers_dates_and_types(row: Row) -> None:
    found = [(c.number, c.date, c.type) for c in _read(row.text)]
    assert found == list(row.want), row.source


@pytest.mark.parametrize("row", _cases(NEGATIVES))
def test_real_text_without_a_number_yields_nothing(row: Row) -> None:
    assert _read(row.text) == [], row.source


def test_precision_and_recall_over_the_table() -> None:
    """Counted per number (its key) in every variant: the issue's targets are precision
    0.99 and recall 0.97, dates and types read right for 0.97 of the numbers found."""
    hits = false_hits = misses = right_dates = right_types = 0
    for row in [v(r) for r in POSITIVES + NEGATIVES for v in VARIANTS.values()]:
        found = _read(row.text)
        got = Counter(c.key for c in found)
        want = Counter(number_key(n) for n, _, _ in row.want)
        hits += sum((got & want).values())
        false_hits += sum((got - want).values())
        misses += sum((want - got).values())
        if [c.key for c in found] == [number_key(n) for n, _, _ in row.want]:
            right_dates += sum(c.date == d for c, (_, d, _) in zip(found, row.want, strict=True))
            right_types += sum(c.type == t for c, (_, _, t) in zip(found, row.want, strict=True))
    precision, recall = hits / (hits + false_hits), hits / (hits + misses)
    assert precision >= 0.99, precision
    assert recall >= 0.97, recall
    assert right_dates / hits >= 0.97 and right_types / hits >= 0.97


# --- named behaviours ------------------------------------------------------------------


def test_offsets_of_nfd_text_point_into_the_text_given() -> None:
    text = unicodedata.normalize(
        "NFD", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020"
    )
    (cite,) = find_citations(text)
    assert text[cite.start : cite.end] == "30/2020/NĐ-CP"
    assert (cite.date, cite.type) == ("05/3/2020", "nghi-dinh")


def test_look_alike_characters_are_read_but_kept_as_written() -> None:
    text = "Nghị định 77/2008/N\u00d0\u2011CP và Thông tư 4\u20442020\uff0fTT\u2013BNV"
    found = find_citations(text)
    assert [c.number for c in found] == ["77/2008/N\u00d0\u2011CP", "4\u20442020\uff0fTT\u2013BNV"]
    assert found[0].key == number_key("77/2008/NĐ-CP")
    assert found[1].key == number_key("04/2020/TT-BNV")


def test_number_key_ignores_padding_look_alikes_and_a_stray_space() -> None:
    assert number_key("4/2020/TT-BNV") == number_key("04/2020/TT-BNV")
    assert number_key("77/2008/NĐ- CP") == number_key("77/2008/N\u00d0-CP")
    assert number_key("12-QĐI/TU") == number_key("12-QĐ/TU")
    assert number_key("104/2016/QH13") != number_key("104/2016/QH14")
    assert number_key("10/KH-UBND") != number_key("1/KH-UBND")


def test_glued_word_and_spaced_hyphen() -> None:
    found = find_citations("Nghị định số 70/2020/NĐ-CPngày 23/01/2020 và 77/2008/NĐ- CP.")
    assert [(c.number, c.date) for c in found] == [
        ("70/2020/NĐ-CP", "23/01/2020"),
        ("77/2008/NĐ- CP", None),
    ]
    assert [c.number for c in find_citations("Kế hoạch số 08/KH-UBND- về việc")] == ["08/KH-UBND"]


def test_date_after_the_title_stops_at_the_next_citation_and_the_sentence_end() -> None:
    text = (
        "Nghị định số 13/2018/NĐ-CP Quy định chi tiết và biện pháp thi hành Luật Tiếp cận "
        "thông tin ngày 23/01/2018 của Chính phủ; Quyết định số 12/QĐ-UBND về việc giao "
        "nhiệm vụ. Kế hoạch ngày 05/3/2020."
    )
    assert [(c.number, c.date) for c in find_citations(text)] == [
        ("13/2018/NĐ-CP", "23/01/2018"),
        ("12/QĐ-UBND", None),
    ]
    # the title's date belongs to the second number, not to the first
    text = "Thông tư 01/2011/TT-BNV thay Thông tư 55/2005/TTLT-BNV-VPCP ngày 06/5/2005."
    assert [c.date for c in find_citations(text)] == [None, "06/5/2005"]


def test_dates_of_something_else_are_not_issuing_dates() -> None:
    found = find_citations("Quyết định số 20/2016/QĐ-TTg có hiệu lực từ ngày 01/7/2016.")
    assert found[0].date is None
    found = find_citations("Nghị định 30/2020/NĐ-CP, ngày 16/7/2019 không phải số.")
    assert found[0].date is None  # another year: another date


def test_laws_resolutions_party_forms_and_old_forms() -> None:
    text = (
        "Luật Tiếp cận thông tin số 104/2016/QH13; Nghị quyết số 751/2019/UBTVQH14; "
        "Kết luận số 215-KL/TW; Quy định số 11-QĐi/TW; Thông tư liên tịch số "
        "02/2009/TTLT-BNG-BNV; Nghị định số 89/CP; ghi chú 89/CP."
    )
    assert [(c.number, c.type) for c in find_citations(text)] == [
        ("104/2016/QH13", "luat"),
        ("751/2019/UBTVQH14", "nghi-quyet"),
        ("215-KL/TW", None),
        ("11-QĐi/TW", "quy-dinh"),
        ("02/2009/TTLT-BNG-BNV", "thong-tu"),
        ("89/CP", "nghi-dinh"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Biểu số 01/CK-NSNN",
        "Mẫu số 01/QĐ-CKNS",
        "Phụ lục 02/KH-UBND kèm theo",
        "Điều 32.2.LQ.1. Phạm vi điều chỉnh",
        "ngày 06/01/2020, tỷ lệ 1/2, 1.000.000 đồng/người/tháng",
        "ĐT: 0212.3852.111; 0212-3852-111",
        "m3/ngày-đêm, 15-ngay/lan, QCVN 01:2021/BXD",
        "https://example.gov.vn/van-ban/123/QD-UBND",
    ],
)
def test_must_not_match(text: str) -> None:
    assert find_citations(text) == []
