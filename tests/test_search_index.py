"""Tìm kiếm: the index's terms (prefixes, dates), its display shards (example flag, longer
texts) and the no-JavaScript search page, without a browser.

The browser side (typing, highlights, ranking) is in test_search.py."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import pytest
from conftest import ROOT, SEED_AS_OF, Build

from congkhai.dates import VnDate
from congkhai.pages.documents import RegisterIndex
from congkhai.registry import load_registry
from congkhai.search import (
    TEXT_LIMIT,
    IndexFiles,
    SearchRecord,
    build_index,
    date_fields,
    date_terms,
    fnv1a,
    prefix_terms,
    records_from,
    terms,
    tokens,
)


@cache
def seed() -> tuple[list[SearchRecord], IndexFiles]:
    """The shipped data's records and index, as the build makes them."""
    registry = load_registry(ROOT, dt.date.fromisoformat(SEED_AS_OF))
    records = records_from(RegisterIndex(registry))
    return records, build_index(records)


def postings(index: IndexFiles, term: str) -> set[int]:
    """Record numbers under ``term``, read back from the bucket files as the browser does."""
    meta = json.loads(index.files["meta.json"])
    bucket = json.loads(index.files[f"t/{fnv1a(term) % meta['buckets']}.json"])
    flat, out, doc = bucket.get(term, []), set(), 0
    for delta in flat[::2]:
        doc += delta
        out.add(doc)
    return out


def shard_row(index: IndexFiles, number: int) -> list[object]:
    return json.loads(index.files[f"d/{number // 50}.json"])[number % 50]


def record_of(records: list[SearchRecord], url: str) -> int:
    return next(i for i, r in enumerate(records) if r.url == url)


SESSION = "lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-12-15/"
REPORT = "van-ban/bao-cao-doi-thoai-2021/"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["tiep"], {"ti*", "tie*"}),
        (["nghieng"], {"ng*", "ngh*", "nghi*", "nghie*", "nghien*"}),
        (["qd", "ba"], set()),  # two letters: nothing shorter to type
        (["2021", "15"], set()),  # a half-typed number is not a prefix of a year
    ],
)
def test_prefix_terms(words: list[str], expected: set[str]) -> None:
    assert prefix_terms(words) == expected


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2021-12-15", {"@12", "@12/2021", "@15/12", "@15/12/2021"}),
        ("2021-03-05", {"@3", "@3/2021", "@5/3", "@5/3/2021"}),
        ("2021-11", {"@11", "@11/2021"}),  # month-only: no day is invented
        ("2022", set()),
        ("", set()),
    ],
)
def test_date_terms_are_unpadded(iso: str, expected: set[str]) -> None:
    assert date_terms(iso) == expected


@pytest.mark.parametrize(
    ("value", "pairs"),
    [
        (dt.date(2021, 12, 15), {"thang 12", "15 12", "12 2021", "ngay 15"}),
        (VnDate(2021, 3, 5), {"thang 3", "thang 03", "5 3", "05 03", "3 2021", "05 3"}),
        (VnDate(2021, 11), {"thang 11", "11 2021"}),
    ],
)
def test_date_fields_give_the_pairs_a_reader_types(
    value: dt.date | VnDate, pairs: set[str]
) -> None:
    indexed = {t for text, _ in date_fields(value) for t in terms(tokens(text))}
    assert pairs <= indexed
    assert "2021 15" not in indexed and "2021 5" not in indexed  # no pair across two forms


def test_month_only_date_has_no_day() -> None:
    assert [text for text, _ in date_fields(VnDate(2021, 11))] == [
        "tháng 11 năm 2021",
        "11/2021",
    ]
    assert [text for text, _ in date_fields(year=2022)] == ["năm 2022"]


def test_seed_session_is_found_by_its_date_and_a_half_typed_syllable() -> None:
    records, index = seed()
    session = record_of(records, SESSION)
    for term in ("@15/12/2021", "@15/12", "@12/2021", "@12", "thang 12", "15 12", "tie*"):
        assert session in postings(index, term), term
    assert session not in postings(index, "@11")
    # Exact syllables stay exact: "tie" itself is not a term, only its prefix marker is.
    assert postings(index, "tie") == set()


def test_prefix_postings_score_the_best_completion() -> None:
    records = [
        SearchRecord("a/", "trang", "tiếp", fields=(("Tiếp", 6), ("tiền tiền", 1))),
        SearchRecord("b/", "trang", "tiền", fields=(("tiền tiền tiền", 1),)),
        SearchRecord("c/", "trang", "ba", fields=(("ba", 6),)),
    ]
    index = build_index(records)
    meta = json.loads(index.files["meta.json"])
    assert meta["v"] == 2 and meta["prefix"] == ["*", 2] and meta["date"] == "@"
    bucket = json.loads(index.files[f"t/{fnv1a('tie*') % meta['buckets']}.json"])
    # [delta, score] pairs: a's best "tie…" is tiếp (6), b's is tiền three times (3).
    assert bucket["tie*"] == [0, 6, 1, 3]
    assert postings(index, "ti*") == {0, 1} and postings(index, "ba*") == set()


def test_example_records_are_flagged_in_their_shard() -> None:
    records, index = seed()
    session = record_of(records, SESSION)
    report = record_of(records, REPORT)
    assert records[session].example and shard_row(index, session)[6] == 1
    assert not records[report].example and shard_row(index, report)[6] == 0


def test_a_long_text_is_kept_for_matches_beyond_the_excerpt() -> None:
    records, index = seed()
    report = record_of(records, REPORT)
    row = shard_row(index, report)
    assert row[7] == 1 and "Sở Nội vụ" not in str(row[5]) and len(str(row[5])) == TEXT_LIMIT
    rest = json.loads(index.files[f"x/{report // 50}.json"])[str(report % 50)]
    assert "Sở Nội vụ" in rest and "Sòi Đức Nghĩa" in rest
    assert "Người ký: Sòi Đức Nghĩa." not in rest  # the start is in the shard, not repeated
    assert report in postings(index, "soi duc") and report in postings(index, "noi vu")


def test_the_signer_is_searchable_on_the_document() -> None:
    records, _ = seed()
    report = records[record_of(records, REPORT)]
    assert "Người ký: Sòi Đức Nghĩa." in report.text[:TEXT_LIMIT]


def test_search_page_offers_type_and_year_pages_without_javascript(seed_build: Build) -> None:
    page = seed_build.html("tim-kiem/")
    nojs = page.select_one(".ck-nojs")
    assert "?q=" in nojs.get_text()  # says where the typed query is kept
    facets = {li["data-terms"]: li.a["href"] for li in page.select("#ck-facets li")}
    assert facets["ke hoach"] == "../van-ban/loai/ke-hoach/"
    assert facets["2021"] == "../van-ban/nam/2021/"
    for href in facets.values():
        assert (seed_build.site / "tim-kiem" / href / "index.html").resolve().is_file(), href
