"""Số ký hiệu văn bản: parsing numbers and finding citations in free text.

Formats (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW), stored verbatim, never normalized:

- state legal documents ``30/2020/NĐ-CP`` (serial / year / type-issuer);
- state administrative documents ``08/KH-UBND`` (serial / type-issuer);
- state official letters ``123/UBND-VP`` (serial / issuer-drafting unit, no type code);
- party documents ``12-QĐ/TU``, ``1037-CV/BDVTU`` (serial-type / issuer);
- a draft has no serial yet: ``/BC-VPUB``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .vocab import DOCUMENT_TYPES, KNOWN_TYPE_CODES, System

_PARTY = re.compile(r"(?P<serial>\d+)?-(?P<code>[^\s/-]+)/(?P<issuer>[^\s/]+)")
# A law: ``104/2016/QH13`` (serial / year / Quốc hội and its term), no type code.
_LAW = re.compile(r"(?P<serial>\d+)/(?P<year>\d{4})/(?P<first>[^\s/-]+)")
_STATE = re.compile(r"(?P<serial>\d+)?/(?:(?P<year>\d{4})/)?(?P<first>[^\s/-]+)-(?P<rest>[^\s/]+)")


class NumberFormatError(ValueError):
    """The text is not a document number in any format we know."""


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed số ký hiệu. ``raw`` is the verbatim text; ``str()`` rebuilds it."""

    raw: str
    system: System
    serial: str | None
    year: int | None
    first: str  # state: type code, or the issuer for an official letter; party: type code
    rest: str  # state: issuer (or drafting unit of a letter); party: issuer

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        raw = unicodedata.normalize("NFC", text.strip())
        m = _PARTY.fullmatch(raw)
        if m:
            return cls(raw, System.DANG, m["serial"], None, m["code"], m["issuer"])
        m = _LAW.fullmatch(raw)
        if m:
            return cls(raw, System.NHA_NUOC, m["serial"], int(m["year"]), m["first"], "")
        m = _STATE.fullmatch(raw)
        if m:
            year = int(m["year"]) if m["year"] else None
            return cls(raw, System.NHA_NUOC, m["serial"], year, m["first"], m["rest"])
        raise NumberFormatError(
            f'"{raw}" không phải số ký hiệu văn bản hợp lệ; ví dụ 22/KH-VPUB, '
            "30/2020/NĐ-CP, 12-QĐ/TU (not a valid document number)"
        )

    def __str__(self) -> str:
        serial = self.serial or ""
        if self.system is System.DANG:
            return f"{serial}-{self.first}/{self.rest}"
        year = f"{self.year}/" if self.year else ""
        rest = f"-{self.rest}" if self.rest else ""
        return f"{serial}/{year}{self.first}{rest}"

    @property
    def is_draft(self) -> bool:
        """True when the serial is still blank (``/BC-VPUB``)."""
        return self.serial is None

    @property
    def type_code(self) -> str | None:
        """The type code, if the number carries one we know or could carry one.

        A state number whose first segment is not a known type code is read as an official
        letter (công văn), whose first segment is the issuer.
        """
        if self.system is System.DANG:
            return self.first
        return self.first if self.first in KNOWN_TYPE_CODES else None

    @property
    def issuer_code(self) -> str:
        """The issuer's symbol as written in the number (``VPUB``, ``TU``, ``ĐUVP``), when
        the document's type is not known: a state number without a known type code is read
        as an official letter. Validation knows the type and calls :meth:`issuer_code_as`."""
        return self.issuer_code_as(letter=self.type_code is None)

    def issuer_code_as(self, *, letter: bool) -> str:
        """The issuer's symbol for a document known to be an official letter or not.

        The number alone cannot tell: ``9/TTr-VP`` is a letter of Thanh tra (symbol TTr,
        also Tờ trình's code), ``46/XY-VPUB`` a plan of VPUB with an unknown type code.
        """
        if self.system is System.NHA_NUOC and (letter or not self.rest):
            return self.first  # ``123/UBND-VP``; a law ``104/2016/QH13``
        # ``NĐ-CP``, ``KH-UBND``, ``QĐ/TU``: the issuer is what follows the type code.
        return self.rest

    @property
    def key(self) -> str:
        """Comparison key: the same document cited as ``12-QĐi/TU`` or ``12-QĐ/TU``."""
        return number_key(self.raw)


#: Characters scraped and typed texts use in place of the ones a number is made of, each
#: one character wide so that offsets survive: Ð (U+00D0, Icelandic Eth) for Đ, dashes
#: and a non-breaking hyphen for "-", a fraction, division or full-width slash for "/".
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u00f0": "đ",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2044\u2215\uff0f", "/"),
    }
)
_LOOKALIKE_PAIRS = tuple((chr(odd), str(real)) for odd, real in _LOOKALIKES.items())
_KEY_SEPARATORS = re.compile(r"[\s/\-]+")
_KEY_SERIAL = re.compile(r"^0+(?=\d)")


def number_key(text: str) -> str:
    """Normalize a number for matching: NFC, look-alike characters read as the real ones,
    case-folded, ``QĐi`` read as ``QĐ``, separators ignored (``22 kh vpub`` matches
    ``22/KH-VPUB``, ``77/2008/NĐ- CP`` matches ``77/2008/NĐ-CP``) and the serial's
    zero-padding ignored (``4/2020/TT-BNV`` matches ``04/2020/TT-BNV``)."""
    value = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).casefold()
    value = _KEY_SEPARATORS.sub(" ", value.replace("qđi", "qđ")).strip()
    return _KEY_SERIAL.sub("", value)


# --- citations in free text ------------------------------------------------------------
#
# Built for speed on long texts (Python's regular expressions scan Vietnamese text at
# 15-40 MB/s, too slow to run over all of it): every number contains a slash, so the
# slashes are found with str.find, a cheap look around each one picks where a number could
# start, and only there the regular expressions run, anchored. The context checks (the word
# before, a word glued after, the date) read a few dozen characters around each candidate.

_L = "A-Za-zĐđ"
_SEG = rf"[{_L}][{_L}0-9]*"
_CANDIDATE = re.compile(
    r"(?<![0-9/\-.,])(?P<serial>\d{1,5})(?:"
    # state and National Assembly: 30/2020/NĐ-CP, 08/KH-UBND, 104/2016/QH13, 89/CP;
    # a stray space after a hyphen (77/2008/NĐ- CP) or around the year's slashes
    # ("15 /2014/QĐ-UBND", "55/ 2005/ TTLT- BNV- VPCP") is tolerated.
    rf"(?: ?/ ?(?P<year>\d{{4}})/ ?|/)(?P<state>{_SEG}(?:- ?{_SEG}){{0,4}})"
    # party: 12-QĐi/TU, 1037-CV/BDVTU, 215-KL/TW, "100 - KL/TW"
    rf"| ?- ?(?P<code>{_SEG})/(?P<issuer>{_SEG}(?:-{_SEG}){{0,2}})"
    r")"
)
_ASSEMBLY = re.compile(r"(?:UBTVQH|QH)\d{1,2}", re.IGNORECASE)
#: Segments that mark a form or template, never an issuer: the budget-publication forms
#: "Biểu số 66/CK-NSNN" (công khai ngân sách nhà nước), "Mẫu số 01/QĐ-CKNS".
_TEMPLATE_SEGMENTS = frozenset({"NSNN", "CKNS"})


def _words(*words: str, reverse: bool = False) -> str:
    """An alternation of words, longest first, any whitespace between their parts;
    spelt backwards with ``reverse`` (to read the text before a number backwards)."""
    out = []
    for word in sorted(words, key=len, reverse=True):
        parts = [re.escape(p) for p in word.split()]
        if reverse:
            parts = [re.escape(p[::-1]) for p in reversed(word.split())]
        out.append(r"\s+".join(parts))
    return "|".join(out)


#: The type a citation names by the word before its number (slugs of vocab.DOCUMENT_TYPES;
#: None: a document type the register has no slug for). A joint circular is a circular.
_TYPE_WORDS: dict[str, str | None] = {
    "luật": "luat",
    "bộ luật": "luat",
    "luật sửa đổi": "luat",
    "nghị định": "nghi-dinh",
    "thông tư": "thong-tu",
    "thông tư liên tịch": "thong-tu",
    "nghị quyết": "nghi-quyet",
    "nghị quyết liên tịch": "nghi-quyet",
    "quyết định": "quyet-dinh",
    "chỉ thị": "chi-thi",
    "quy chế": "quy-che",
    "quy định": "quy-dinh",
    "thông báo": "thong-bao",
    "thông báo kết luận": "thong-bao",
    "hướng dẫn": "huong-dan",
    "chương trình": "chuong-trinh",
    "kế hoạch": "ke-hoach",
    "báo cáo": "bao-cao",
    "tờ trình": "to-trinh",
    "biên bản": "bien-ban",
    "giấy mời": "giay-moi",
    "công văn": "cong-van",
    "công điện": None,
    "kết luận": None,
    "pháp lệnh": None,
    "văn bản": None,
    "văn bản hợp nhất": None,
}
#: Words before a form or template code: "Biểu số 01/CK-NSNN", "Mẫu số 01/QĐ-CKNS".
_FORM_WORDS = ("biểu", "biểu mẫu", "mẫu", "phụ lục", "phiếu", "tờ khai", "mẫu biểu")
#: The text before a number, read backwards: "... Nghị định số: " or "Biểu số ".
_BEFORE = re.compile(
    r"[\s:]*(?:(?:uệih\s+)?[ốôo]?s[\s:]*)?"
    rf"(?:(?P<word>{_words(*_TYPE_WORDS, reverse=True)})"
    rf"|(?P<form>{_words(*_FORM_WORDS, reverse=True)}))(?![^\W\d_])"
)
_SO_BEFORE = re.compile(r"[\s:]*(?:uệih\s+)?ốs(?![^\W\d_])")
#: How far back the word before a number is looked for.
_BEFORE_REACH = 48
#: "Luật Tiếp cận thông tin số 104/2016/QH13": the type word before a title, then "số".
_TITLED = re.compile(rf"(?<![^\W\d_])(?P<word>{_words(*_TYPE_WORDS)})\s", re.IGNORECASE)
_NOUNS = frozenset(
    ("luật", "bộ luật", "nghị quyết", "pháp lệnh", "nghị định", "thông tư", "chỉ thị")
)
_TITLE_STOP = re.compile(r"[;.()\[\]\"“”|:]|\n\s*\n")
#: Words scraped text glues to a number: "70/2020/NĐ-CPngày".
_GLUE = re.compile(
    r"(?:"
    + _words(
        "ngày",
        "ngay",
        "của",
        "về",
        "và",
        "năm",
        "quy",
        "qui",
        "ban",
        "do",
        "tại",
        "được",
        "thay",
        "theo",
        "sửa",
        "hướng",
        "trong",
        "này",
        "kèm",
        "ký",
        "v/v",
    )
    + ")",
    re.IGNORECASE,
)
_DATE = (
    r"(?:(?P<d>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})"
    # "tháng" also mistyped ("thánh"), "năm" without its marks
    r"|(?P<wd>\d{1,2})\s+th\w{2,4}\s+(?P<wm>\d{1,2})\s*,?\s+n[ăa]m\s+(?P<wy>\d{4}))(?!\d)"
)
#: The date written right after the number: "30/2020/NĐ-CP ngày 05/3/2020", ", ngày ...".
_DATE_NEXT = re.compile(rf"\s*(?P<comma>[,(])?\s*(?:ban\s+hành\s+)?ngày\s*:?\s*{_DATE}", re.I)
#: A date later in the sentence, after the title: "... của Chính phủ ngày 23/01/2018".
_DATE_LATER = re.compile(rf"ngày\s*:?\s*{_DATE}", re.IGNORECASE)
#: Dates that say when something else happens, not when the document was issued.
_NOT_ISSUED = re.compile(
    r"(?:từ|đến|trước|sau|hạn|hết|lực|tới|dự\s+kiến|lực\s+vào)\s*\Z", re.IGNORECASE
)
_SENTENCE_ENDS = (";", ". ", ".\n", "!", "?", "\n\n", "<")  # "<": a tag, in HTML
#: How far after a number its date is looked for, and the longest gap allowed before the
#: date of a number that carries no year to check the date against.
_DATE_REACH = 240
_YEARLESS_GAP = 48
#: How close a bare "số N" must follow the citation before it to continue its list.
_LIST_GAP = 64

_STATE_TYPES = {c.casefold(): t.slug for t in DOCUMENT_TYPES for c in t.state_codes}
_STATE_TYPES["ttlt"] = "thong-tu"
_PARTY_TYPES: dict[str, str] = {}
for _t in DOCUMENT_TYPES:
    for _c in _t.party_codes:
        _PARTY_TYPES.setdefault(_c.casefold(), _t.slug)


class Citation(NamedTuple):
    """Một trích dẫn: where a document number occurs in a text, as written there.

    ``start``/``end`` are offsets of the number (not its date) in the text as given,
    also for NFD text; ``number`` is that slice, verbatim (look-alikes and a stray space
    kept); ``date`` is the issuing date written beside it as ``d/m/yyyy`` with the digits
    as written (``06/4/2016`` from "ngày 06 tháng 4 năm 2016"), or None; ``type`` is the
    slug of :data:`congkhai.vocab.DOCUMENT_TYPES` the citation names, by the word before
    the number or else by the type code inside it, or None.
    """

    start: int
    end: int
    number: str
    date: str | None
    type: str | None = None

    @property
    def key(self) -> str:
        """:func:`number_key` of the number: what the register is matched on."""
        return number_key(self.number)


def _nfc_offsets(text: str) -> tuple[str, list[int]]:
    """NFC of ``text`` and, for each of its characters (and its end), the offset in
    ``text`` where it comes from: a base letter and its combining marks compose alone."""
    parts: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        parts.append(composed)
        offsets.extend([i] * len(composed))
        i = j
    offsets.append(n)
    return "".join(parts), offsets


def _canonical(t: str) -> str:
    """``t`` with look-alike characters replaced, one for one (offsets do not move)."""
    for odd, real in _LOOKALIKE_PAIRS:
        if odd in t:
            t = t.replace(odd, real)
    return t


#: A slash right after a letter or digit, or after one space after one: only there can
#: :func:`_start_before` find a number (a digit or a space after a digit before a state
#: number's slash, a letter before a party number's). The regex engine stops at slashes
#: only; a rendered page has hundreds, most after ``<`` (closing tags) or ``.`` (``../``).
_NUMBER_SLASH = re.compile(r"/(?<=[^\W_]/)|/(?<=[^\W_] /)")


def _slashes(t: str) -> list[int]:
    """Offsets of the slashes of ``t`` that may end a number's serial or type code, in
    order: every slash :func:`_start_before` does not refuse by the characters before it."""
    return [m.start() for m in _NUMBER_SLASH.finditer(t)]


def _start_before(t: str, p: int) -> int | None:
    """Where a number whose first slash is at ``p`` could start, or None: after the
    serial's digits for a state number ("30/", "15 /2014/"), before "12-QĐi" for a party
    number. Dates (06/01/2020) and fractions (1/2) are let go here, cheaply."""
    c = t[p - 1] if p else ""
    after = t[p + 1 : p + 7].lstrip(" ")
    if c.isdigit() or (c == " " and p > 1 and t[p - 2].isdigit()):
        # a state number: a letter after the slash, or a year and a second slash
        if not (after[:1].isalpha() or (after[:4].isdigit() and after[4:5] in "/ ")):
            return None
        j = p - 1 if c.isdigit() else p - 2
    elif c.isalpha():
        # a party number: back over the type code to its hyphen, then to the serial
        j = p - 1
        while j > 0 and p - j < 8 and t[j - 1].isalnum():
            j -= 1
        h = j - 1
        if h > 0 and t[h] == " ":
            h -= 1
        if h < 0 or t[h] != "-":
            return None
        h -= 1
        if h > 0 and t[h] == " ":
            h -= 1
        if h < 0 or not t[h].isdigit():
            return None
        j = h
    else:
        return None
    while j > 0 and t[j - 1].isdigit():
        j -= 1
    return j


def _trim_glued(t: str, seg_start: int, end: int) -> int | None:
    """The end of a number whose last segment runs from ``seg_start`` to ``end``, with
    a word glued to it cut off ("NĐ-CPngày" gives "NĐ-CP"); None if the last segment is
    nothing but the start of a word."""
    after_letter = end < len(t) and t[end].isalpha()
    if not after_letter and not t[end - 2 : end].islower():
        return end  # the usual case: "NĐ-CP " and also "QĐ-TTg," "12-QĐi/TU."
    for cut in range(end - 1, seg_start - 1, -1):
        if _GLUE.match(t, cut):
            return cut if cut > seg_start else None
    if not after_letter:
        return end  # "46/2014/nđ-cp": all lower case, judged by the caller
    # No known word: cut where upper case turns lower ("UBNDhuyện" gives "UBND").
    cut = end
    while cut > seg_start and t[cut - 1].islower():
        cut -= 1
    return cut if seg_start < cut < end and t[cut - 1].isupper() else None


def _date_text(m: re.Match[str]) -> str | None:
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["wd"], m["wm"], m["wy"])
    if not (1 <= int(d) <= 31 and 1 <= int(mo) <= 12):
        return None
    return f"{d}/{mo}/{y}"


@lru_cache(maxsize=1024)
def _type_word(word: str) -> str | None:
    """The slug of a type word as written (any case, any spaces)."""
    return _TYPE_WORDS[" ".join(word.casefold().split())]


@lru_cache(maxsize=4096)
def _type_from_code(letters: str, party: bool) -> str | None:
    """The slug a number's type code names (``NĐ`` in ``NĐ-CP``, ``KH`` in ``25-KH/ĐUVP``)."""
    if party:
        return _PARTY_TYPES.get(letters.casefold())
    return _STATE_TYPES.get(letters.split("-", 1)[0].casefold())


def find_citations(text: str) -> list[Citation]:
    """Find document numbers in ``text`` as real texts write them.

    Read: state numbers (``30/2020/NĐ-CP``, ``08/KH-UBND``, ``02/2009/TTLT-BNG-BNV``,
    letters ``123/UBND-VP``), laws and resolutions of the National Assembly and its
    Standing Committee (``104/2016/QH13``, ``751/2019/UBTVQH14``), party numbers
    (``12-QĐi/TU``, ``215-KL/TW``) and old numbers (``89/CP``) right after a type word;
    in any case, with look-alike characters, a word glued after the number or a space
    after a hyphen. The date is the one written right after the number, or later in the
    same sentence after the title (when its year is the number's, and not "từ ngày").
    Refused: form codes ("Biểu số 01/CK-NSNN"), numbers glued to a word before them
    (unless it is a type word), all-lower-case numbers without a type word before them,
    dates, fractions, amounts and phone numbers (no letter code).
    """
    if unicodedata.is_normalized("NFC", text):
        t, offsets = text, None
    else:
        t, offsets = _nfc_offsets(text)
    t = _canonical(t)
    found: list[tuple[int, int, str | None, str | None]] = []
    done = -1
    for p in _slashes(t):
        if p < done:
            continue  # the second slash of a number already read
        j = _start_before(t, p)
        m = None if j is None else _CANDIDATE.match(t, j)
        if m is None or m.end() <= p:
            continue
        cite = _read(t, m, found)
        if cite is not None:
            found.append(cite)
            done = cite[1]
    citations = []
    for i, (start, end, kind, year) in enumerate(found):
        limit = found[i + 1][0] if i + 1 < len(found) else len(t)
        date = _find_date(t, end, min(limit, end + _DATE_REACH), year)
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        citations.append(Citation(start, end, text[start:end], date, kind))
    return citations


def _read(
    t: str, m: re.Match[str], found: list[tuple[int, int, str | None, str | None]]
) -> tuple[int, int, str | None, str | None] | None:
    """One candidate judged in its context: (start, end, type, year) or None."""
    start = m.start()
    party = m["code"] is not None
    body_start = m.start("issuer") if party else m.start("state")
    body = t[body_start : m.end()]
    last = body.rfind("-") + 1  # the last segment, to cut a glued word off it
    seg_start = body_start + last + (last > 0 and body[last : last + 1] == " ")
    end = _trim_glued(t, seg_start, m.end())
    if end is None:
        if not last:
            return None
        end = body_start + last - 1  # "08/KH-UBND- về": the segment is a word
    letters = t[body_start:end]
    if not letters:
        return None
    upper = letters.upper()
    if ("NSNN" in upper or "CKNS" in upper) and _TEMPLATE_SEGMENTS.intersection(
        upper.replace(" ", "").split("-")
    ):
        return None
    behind = t[max(0, start - _BEFORE_REACH) : start][::-1].lower()
    before = _BEFORE.match(behind)
    if before is not None and before["form"]:
        return None
    if before is None and start > 0 and t[start - 1].isalpha():
        return None  # "m3/ngày-đêm", "QCVN01/..."; but "ĐỊNH13/2018/NĐ-CP" is read
    if not party and "-" not in letters:
        if m["year"] and not _ASSEMBLY.fullmatch(letters):
            return None
        if not m["year"] and before is None:
            return None  # "89/CP" only right after "Nghị định"
    if before is None and t[start:end].islower():
        return None  # "15-ngay/lan": lower case only after a type word
    kind = _type_word(before["word"][::-1]) if before is not None else None
    if kind is None:
        kind = _type_from_code(m["code"] if party else letters, party)
    if kind is None and before is None and _SO_BEFORE.match(behind):
        kind = _titled_type(t, start)
        if kind is None and found and start - found[-1][1] < _LIST_GAP:
            kind = found[-1][2]  # "Luật ... số 01/2002/QH11 ...; số 83/2015/QH13"
    return start, end, kind, m["year"]


def _titled_type(t: str, start: int) -> str | None:
    """The type word before a title that ends in "số": "Luật Tiếp cận thông tin số"."""
    window = t[max(0, start - 100) : start]
    stops = list(_TITLE_STOP.finditer(window))
    if stops:
        window = window[stops[-1].end() :]
    # A type word that names a document is capitalised or never a verb: "quy định" and
    # "quyết định" in a title are verbs, "luật" is not.
    words = [
        w
        for w in _TITLED.finditer(window)
        if w["word"][0].isupper() or " ".join(w["word"].casefold().split()) in _NOUNS
    ]
    return _type_word(words[-1]["word"]) if words else None


def _find_date(t: str, end: int, limit: int, year: str | None) -> str | None:
    """The issuing date written after a number ending at ``end``, before ``limit``."""
    m = _DATE_NEXT.match(t, end, limit)
    if m is not None:
        if m["comma"] and year and (m["y"] or m["wy"]) != year:
            return None  # "Nghị định 30/2020/NĐ-CP, ngày 16/7/2019 ..." is another date
        return _date_text(m)
    following = t[end:limit].lower()
    for stop in _SENTENCE_ENDS:
        cut = following.find(stop)
        if cut >= 0:
            following = following[:cut]
    at = following.find("ngày")
    while at >= 0:
        if not (at and following[at - 1].isalpha()):
            m = _DATE_LATER.match(t, end + at, limit)
            if m is not None:
                break
        at = following.find("ngày", at + 4)
    if m is None or _NOT_ISSUED.search(t, max(end, m.start() - 24), m.start()):
        return None
    if year is None:
        return _date_text(m) if m.start() - end <= _YEARLESS_GAP else None
    return _date_text(m) if (m["y"] or m["wy"]) == year else None
