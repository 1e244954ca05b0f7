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

from .vocab import KNOWN_TYPE_CODES, System

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


def number_key(text: str) -> str:
    """Normalize a number for matching: NFC, case-folded, ``QĐi`` read as ``QĐ``,
    and separators ignored (``22 kh vpub`` matches ``22/KH-VPUB``)."""
    value = unicodedata.normalize("NFC", text).casefold().replace("qđi", "qđ")
    return re.sub(r"[\s/\-]+", " ", value).strip()


# --- citations in free text ------------------------------------------------------------

_CITATION = re.compile(
    r"(?P<number>\d+(?:/\d{4})?[/-][A-ZĐa-zđ][A-ZĐa-zđ0-9]*(?:[-/][A-ZĐa-zđ][A-ZĐa-zđ0-9]*)+)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
)


@dataclass(frozen=True)
class Citation:
    """Một trích dẫn: where a number occurs in a text, and the date written beside it."""

    start: int
    end: int  # end of the number itself (the date is not part of the link)
    number: str
    date: str | None


def find_citations(text: str) -> list[Citation]:
    """Find document numbers in ``text`` as real reports write them: with or without
    "số", ``QĐi`` for ``QĐ``, a date without zero-padding."""
    found = []
    for m in _CITATION.finditer(unicodedata.normalize("NFC", text)):
        number = m["number"]
        try:
            DocumentNumber.parse(number)
        except NumberFormatError:
            continue
        found.append(Citation(m.start("number"), m.end("number"), number, m["date"]))
    return found
