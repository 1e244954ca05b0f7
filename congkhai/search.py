"""Tìm kiếm tiếng Việt: a static, sharded index built from the models, searched in the browser.

Why not lunr or Pagefind (measured in issue 5): lunr does not fold diacritics and downloads
the whole index; Pagefind folds tone marks but not đ ("doi thoai" matched "theo dõi"), and
on syllables every government text repeats its query time grew to seconds at 10,000 pages.
Vietnamese words are syllables, so this index is made for them:

- text is folded character by character (tone marks dropped, đ -> d, lower case), which keeps
  its length, so the browser maps a match in folded text back onto the real Vietnamese text
  for highlighted excerpts;
- terms are syllables and syllable pairs (bigrams); a pair is far more selective than
  "công" or "dân" alone, and ranks "tiếp công dân" as a phrase above scattered syllables;
- fields are weighted: number (số ký hiệu) far above title (trích yếu), then labels, then body;
  "QĐi" is read as "QĐ" so 12-QĐi/TU finds 12-QĐ/TU;
- postings are split into buckets by a hash of the term: a query downloads only the buckets
  of its own terms, plus small per-record shards for the results it shows;
- a syllable being typed is matched by prefix: every strict prefix of two or more letters of
  an indexed syllable is a term of its own, ``ti*`` (score: its best completion's), so "tiep co"
  downloads one more bucket, not a word list;
- dates are text too: each record's date is indexed as "ngày 15 tháng 12 năm 2021" and
  "15/12/2021" (padded and unpadded), so "tháng 12", "15/12" and "12/2021" are terms and pairs;
  and as exact date terms (``@12``, ``@15/12``, ``@12/2021``, ``@15/12/2021``): when a query
  names a date, the records of that date come first;
- the display shard keeps the first ``TEXT_LIMIT`` characters; the rest of a longer text (up
  to ``FULL_LIMIT``) is in a separate file per shard, fetched only when the phrase it must
  show lies further on (a name at the foot of a report).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from .datasets import DATASETS
from .dates import VnDate
from .ids import (
    OPEN_DATA,
    document_url,
    meeting_url,
    notice_url,
    plan_url,
    session_url,
)
from .memo import Memo, digest
from .pages.documents import RegisterIndex

VERSION = 2
SHARD = 50  # records per document-store shard
TEXT_LIMIT = 500  # characters of text kept per record for excerpts
FULL_LIMIT = 20000  # characters kept of a longer text, for excerpts of matches further on
PREFIX_MIN = 2  # shortest prefix indexed; one letter would match nearly every record
PREFIX = "*"  # marks a prefix term: "ti*"
DATE = "@"  # marks a date term: "@15/12/2021"

WEIGHT_NUMBER = 30
WEIGHT_TITLE = 6
WEIGHT_LABEL = 3
WEIGHT_BODY = 1
WEIGHT_SECTION = 12
# A record's own date is what "tháng 12" asks for; the same words in a body are incidental.
WEIGHT_DATE = 12
# The date as text only lets "tháng 12" match (every syllable must): it adds nothing to the
# score, or "03" would rank a document of 03/2021 above the newer 03/KH-VPUB of 2026. The
# date terms (``@12``) do the ranking.
WEIGHT_DATE_TEXT = 0
TF_CAP = 5

#: kinds of record in the index and their labels (the search page's filter)
KIND_LABELS = {
    **{d.search_kind[0]: d.search_kind[1] for d in DATASETS if d.search_kind},
    "trang": "Trang thông tin",
}

_TOKEN = re.compile(r"[a-z0-9]+")

#: The sections' front pages: (url, title, what a reader finds there).
SECTIONS = (
    *((d.section.url, d.section.title, d.section.intro) for d in DATASETS if d.section),
    (
        OPEN_DATA,
        "Dữ liệu mở",
        "Tải dữ liệu văn bản, lịch tiếp công dân, hội nghị, kế hoạch dạng CSV và JSON.",
    ),
)


def fold_char(char: str) -> str:
    """One character folded to one character: ``ế`` -> ``e``, ``Đ`` -> ``d``."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else " "


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character: the fold runs over
    every indexed character (millions at 10,000 documents), the per-character Python call
    only once per distinct character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Length-preserving fold of NFC text (the browser does the same, char by char)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Syllables of ``text``, folded; the party's ``QĐi`` is read as ``QĐ``."""
    folded = fold(text)
    words: list[str] = _TOKEN.findall(folded)
    if "qdi" not in folded:  # the usual case: no syllable to read again
        return words
    return ["qd" if t == "qdi" else t for t in words]


def terms(words: list[str]) -> list[str]:
    """Syllables and adjacent syllable pairs."""
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def prefix_terms(words: Iterable[str]) -> set[str]:
    """Strict prefixes (``PREFIX_MIN`` characters or more) of the syllables that have a
    letter, marked ``ti*``; numbers are not prefix-matched (a half-typed "202" is not 2021)."""
    return {
        word[:k] + PREFIX
        for word in words
        if not word.isdigit()
        for k in range(PREFIX_MIN, len(word))
    }


def date_fields(
    value: VnDate | dt.date | None = None, year: int | None = None
) -> tuple[tuple[str, int], ...]:
    """A record's date as indexed text: "ngày 15 tháng 12 năm 2021", "15/12/2021" and the
    padded or unpadded forms a reader may type ("5/3/2021", "05/03/2021"); a month-only date
    gives "tháng 11 năm 2021" and "11/2021"; a year alone "năm 2021". Each form is its own
    field, so no pair spans two forms."""
    if value is None:
        return ((f"năm {year}", WEIGHT_DATE_TEXT),) if year else ()
    date = value if isinstance(value, VnDate) else VnDate.of(value)
    months = dict.fromkeys((str(date.month), f"{date.month:02d}"))
    if date.day is None:
        forms = [f"tháng {m} năm {date.year}" for m in months]
        forms += [f"{m}/{date.year}" for m in months]
    else:
        days = dict.fromkeys((str(date.day), f"{date.day:02d}"))
        forms = [f"ngày {d} tháng {m} năm {date.year}" for d in days for m in months]
        forms += [f"{d}/{m}/{date.year}" for d in days for m in months]
    return tuple((form, WEIGHT_DATE_TEXT) for form in forms)


def date_terms(iso: str) -> set[str]:
    """The record's own date as exact terms the browser looks up when a query names a date
    ("tháng 12" -> ``@12``, "15/12" -> ``@15/12``, "12/2021" -> ``@12/2021``, "15/12/2021"
    -> ``@15/12/2021``); numbers unpadded. A match puts the record above those that merely
    mention the date."""
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    if len(parts) < 2:
        return set()
    year, month = parts[0], parts[1]
    out = {f"{DATE}{month}", f"{DATE}{month}/{year}"}
    if len(parts) == 3:
        out |= {f"{DATE}{parts[2]}/{month}", f"{DATE}{parts[2]}/{month}/{year}"}
    return out


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the term's UTF-8 bytes (the browser computes the same)."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass(frozen=True)
class SearchRecord:
    """One searchable record; ``fields`` are (text, weight)."""

    url: str
    kind: str
    title: str
    number: str = ""
    date: str = ""  # ISO, for ordering (newest first) and display
    doc_type: str = ""
    issuer: str = ""
    year: str = ""
    fields: tuple[tuple[str, int], ...] = ()
    text: str = ""  # real text for excerpts
    example: bool = False  # example data: results say "minh họa"


@dataclass
class IndexFiles:
    """The index as files (relative path -> bytes) plus the figures the benchmark reports."""

    files: dict[str, bytes] = field(default_factory=dict)
    records: int = 0
    terms: int = 0


def records_from(
    index: RegisterIndex,
    pages: Iterable[tuple[str, str, str]] = (),
    read_body: Callable[[str], str] | None = None,
) -> list[SearchRecord]:
    """Every published record of the site, from the same models as its pages. ``pages``:
    (url, title, text) of the hand-written Markdown pages; ``read_body`` reads a full text
    by its path in docs/ (the build passes the reader its document pages already used)."""
    if read_body is None:
        docs = index.registry.root / "docs"

        def read_body(path: str) -> str:
            return (docs / path).read_text(encoding="utf-8-sig")

    registry = index.registry
    out: list[SearchRecord] = []
    for doc in index.documents:
        org = registry.organizations[doc.issuer]
        body = read_body(doc.body) if doc.body else ""
        number = doc.number_text
        label = doc.label
        signer = registry.people.get(doc.signer) if doc.signer else None
        # The signer's name is on the document's page ("Người ký"): a reader searches by it.
        signed = f" Người ký: {signer.name}." if signer and signer.name else ""
        out.append(
            SearchRecord(
                document_url(doc.id),
                "van-ban",
                doc.title,
                number,
                doc.issued.iso,
                doc.doc_type.label,
                org.name,
                str(doc.issued.year),
                (
                    (number, WEIGHT_NUMBER),
                    (doc.title, WEIGHT_TITLE),
                    (f"{label} {org.name} {' '.join(doc.topics)}", WEIGHT_LABEL),
                    (signed, WEIGHT_LABEL),
                    *date_fields(doc.issued),
                    (body, WEIGHT_BODY),
                ),
                f"{label} {doc.issued.long} của {org.name}. {doc.title}.{signed} {body}",
                doc.example,
            )
        )
    for notice in registry.published_notices():
        out.append(
            SearchRecord(
                notice_url(notice.id),
                "thong-bao",
                notice.title,
                "",
                notice.date.isoformat(),
                "",
                "",
                str(notice.date.year),
                (
                    (notice.title, WEIGHT_TITLE),
                    *date_fields(notice.date),
                    (notice.body, WEIGHT_BODY),
                ),
                f"{notice.title}. {notice.body}",
                notice.example,
            )
        )
    for s in registry.schedule.sessions:
        title = registry.session_title(s)
        details = f"{s.place}. {'; '.join(s.attendees)}. {s.topic}. {s.note}"
        out.append(
            SearchRecord(
                session_url(s.id),
                "buoi-tiep",
                title,
                "",
                s.date.isoformat(),
                "",
                "",
                str(s.date.year),
                (
                    (f"Tiếp công dân {registry.person_label(s.host)}", WEIGHT_TITLE),
                    *date_fields(s.date),
                    (details, WEIGHT_BODY),
                ),
                f"{title}. {details}",
                s.example,
            )
        )
    for m in registry.dialogues.meetings.values():
        text = f"{m.title}. {m.place}. {'; '.join(m.participants)}. {m.summary}"
        items = " ".join(
            f"{i.issue} {i.answer} {i.commitment}" for i in registry.dialogues.items_of(m.id)
        )
        out.append(
            SearchRecord(
                meeting_url(m.id),
                "hoi-nghi",
                m.title,
                "",
                m.date.isoformat(),
                "",
                "",
                str(m.date.year),
                ((m.title, WEIGHT_TITLE), *date_fields(m.date), (f"{text} {items}", WEIGHT_BODY)),
                f"{text} {items}",
                m.example,
            )
        )
    for record in registry.plans.values():
        tasks = " ".join(f"{t.title}. {t.note}" for t in record.tasks)
        out.append(
            SearchRecord(
                plan_url(record.id),
                "ke-hoach",
                record.plan.title,
                "",
                str(record.plan.year or ""),
                "",
                "",
                str(record.plan.year or ""),
                (
                    (record.plan.title, WEIGHT_TITLE),
                    *date_fields(year=record.plan.year),
                    (f"{record.plan.note} {tasks}", WEIGHT_BODY),
                ),
                f"{record.plan.title}. {record.plan.note} {tasks}",
                record.plan.example,
            )
        )
    for url, title, text in SECTIONS:
        # Section front pages outrank single records that merely share their words.
        out.append(
            SearchRecord(
                url,
                "trang",
                title,
                "",
                "",
                "",
                "",
                "",
                ((title, WEIGHT_SECTION), (text, WEIGHT_LABEL)),
                text,
            )
        )
    for url, title, text in pages:
        out.append(
            SearchRecord(
                url,
                "trang",
                title,
                "",
                "",
                "",
                "",
                "",
                ((title, WEIGHT_TITLE), (text, WEIGHT_BODY)),
                f"{title}. {text}",
            )
        )
    # Newest first, so that equal scores favour recent records.
    return sorted(out, key=lambda r: (r.date, r.url), reverse=True)


def _clean_text(text: str) -> str:
    text = re.sub(r"[#*_>`|]+", " ", text)
    return " ".join(unicodedata.normalize("NFC", text).split())


#: each record's terms and scores (:func:`_scored`, a pure function of its fields and date),
#: kept for the next build: ``mkdocs serve`` indexes the whole site again after each edit
SCORED: Memo[list[tuple[str, int]]] = Memo()
#: texts up to this length have their counted terms shared by the build's records; a longer
#: text (a full text, a long note) is nearly always one record's own, and keeping its terms
#: to the end of the build cost 225 MB at 10,000 documents
_SHARED_TEXT = 300


def _scored(
    record: SearchRecord, counted: dict[str, list[tuple[str, int]]]
) -> list[tuple[str, int]]:
    """The record's terms with their scores: syllables and pairs by field weight and capped
    count, each prefix with its best completion's score, and its date terms. ``counted``:
    a text's terms with their capped counts, shared by the build (labels and dates recur)."""
    scores: dict[str, int] = {}
    # the longest field (the body) first, by one comprehension; the order of a record's
    # terms is of no consequence (each term's postings are in record order)
    for n, (text, weight) in enumerate(sorted(record.fields, key=lambda f: -len(f[0]))):
        counts = counted.get(text)
        if counts is None:
            counts = [
                (term, count if count < TF_CAP else TF_CAP)
                for term, count in Counter(terms(tokens(text))).items()
            ]
            if len(text) <= _SHARED_TEXT:  # labels, dates, titles recur; bodies do not
                counted[text] = counts
        if n == 0:
            scores = {term: weight * count for term, count in counts}
            continue
        for term, count in counts:
            scores[term] = scores.get(term, 0) + weight * count
    prefixes: dict[str, int] = {}
    for term, score in scores.items():
        if " " not in term:
            for prefix in _prefixes_of(term):
                if prefixes.get(prefix, 0) < score:
                    prefixes[prefix] = score
    return [
        *scores.items(),
        *prefixes.items(),
        *((term, WEIGHT_DATE) for term in date_terms(record.date)),
    ]


@lru_cache(maxsize=65536)
def _prefixes_of(word: str) -> tuple[str, ...]:
    return tuple(prefix_terms((word,)))


def build_index(records: list[SearchRecord], url_prefix: str = "") -> IndexFiles:
    """Postings per term (document-ordered, delta-encoded), hashed into buckets; per-record
    display shards (``d/``) and, for texts longer than ``TEXT_LIMIT``, the rest of the text
    up to ``FULL_LIMIT`` (``x/``, same shard number, keyed by the record's place in its
    shard); one small file of
    filter codes (``meta.json``, which names the prefix marker and shortest prefix)."""
    # term -> record, score, record, score… in record order: a record gives each term one
    # score (its syllables and pairs, prefixes ``ti*`` and dates ``@12`` never share a
    # spelling)
    postings: dict[str, list[int]] = defaultdict(list)
    counted: dict[str, list[tuple[str, int]]] = {}
    for i, record in enumerate(records):
        key = digest(record.date, *(part for f in record.fields for part in (str(f[1]), f[0])))
        for term, score in SCORED.get(key, partial(_scored, record, counted)):
            postings[term] += (i, score)
    buckets = 1
    while buckets * 24 < len(postings):
        buckets *= 2
    by_bucket: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        flat = postings[term]
        docs = flat[0::2]
        flat[0::2] = map(operator.sub, docs, [0, *docs])  # delta-encoded
        by_bucket[fnv1a(term) % buckets][term] = flat
    out = IndexFiles(records=len(records), terms=len(postings))

    def dump(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    for bucket, content in sorted(by_bucket.items()):
        out.files[f"t/{bucket}.json"] = dump(content)
    for start in range(0, len(records), SHARD):
        shard = []
        longer: dict[int, str] = {}
        for offset, r in enumerate(records[start : start + SHARD]):
            text = _clean_text(r.text)
            if len(text) > TEXT_LIMIT:
                longer[offset] = text[TEXT_LIMIT:FULL_LIMIT]  # the shard has the start
            # [url, kind, title, number, date, text, example (0/1), longer text in x/ (0/1)]
            shard.append(
                [
                    url_prefix + r.url,
                    r.kind,
                    r.title,
                    r.number,
                    r.date,
                    text[:TEXT_LIMIT],
                    int(r.example),
                    int(offset in longer),
                ]
            )
        out.files[f"d/{start // SHARD}.json"] = dump(shard)
        if longer:
            out.files[f"x/{start // SHARD}.json"] = dump(longer)
    facets: dict[str, list[str]] = {"kind": [], "type": [], "issuer": [], "year": []}
    codes: list[int] = []
    for r in records:
        for name, value in (
            ("kind", r.kind),
            ("type", r.doc_type),
            ("issuer", r.issuer),
            ("year", r.year),
        ):
            values = facets[name]
            if value not in values:
                values.append(value)
            codes.append(values.index(value))
    labels = {"kind": [KIND_LABELS.get(k, k) for k in facets["kind"]]}
    out.files["meta.json"] = dump(
        {
            "v": VERSION,
            "buckets": buckets,
            "shard": SHARD,
            "prefix": [PREFIX, PREFIX_MIN],
            "date": DATE,
            "count": len(records),
            "facets": facets,
            "labels": labels,
            "codes": codes,
        }
    )
    return out


def write_index(index: IndexFiles, target: Path) -> None:
    for rel, data in index.files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
