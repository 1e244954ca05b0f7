"""Bảo vệ dữ liệu cá nhân (privacy guard): find citizens' personal data in a public text.

Luật Tiếp công dân 42/2013/QH13 and Nghị định 64/2014 keep the reception register private:
citizens' names, ID numbers, phone numbers and addresses are never published. The
publication gate runs every public text of the site plan (pages, feeds, calendars, exports,
search records) through this module and stops the build on a finding. Names and postal
addresses cannot be told apart from officials' names and the office's address by pattern, so
only numbers and e-mail addresses are detected here.

Entry points (pure functions, no state; build an :class:`AllowList` once per build):

- :func:`find_personal_data` for plain text (Markdown, CSV, data values);
- :func:`find_in_markup` for HTML and XML (Atom, sitemap): entities are decoded and text,
  attribute values (``href="mailto:…"``, ``tel:``), comments and ``<script>`` content
  (JSON-LD is public too) are all scanned;
- :func:`find_in_json` for JSON (string escapes ``\\n``, ``\\u00a0`` decoded);
- :func:`find_in_calendar` for iCalendar (lines unfolded, text escapes decoded, ``UID``
  values skipped: RFC 5545 recommends the ``id@domain`` form, which is not an address);
- :func:`find_in_output` picks one of the above by file suffix.

Offsets (``start``, ``end``) always index the text exactly as given (the markup, the folded
calendar), so :func:`line_and_column` can name the place. ``value`` is the matched text after
decoding, with look-alike characters replaced (see below).

Detection rules (the contract; every rule has a row in ``tests/test_privacy.py``)
------------------------------------------------------------------------------------

Normalisation. Matching does not depend on Unicode normalisation (NFC and NFD input give the
same findings; context words are compared without accents, case or đ/d). Look-alikes count
as what they look like: full-width and every other decimal digit of the Basic Multilingual
Plane as ``0-9`` (astral ones such as mathematical bold ``𝟎`` are not: nobody types them by
mistake, and they would slow every search), no-break, thin and other Unicode spaces and
zero-width characters as a space, Unicode hyphens and dashes as ``-``, full-width
``＋ ＠ ． （ ）`` as ASCII.

A *separator* is one space, tab, ``.``, ``-`` or line break between two groups of at least
two digits each (``0912 345 678``, ``0912 34 56 78``; not the ``3.5 0 6.64`` of decimals
and SVG coordinates). A number is *standalone* when
it is not glued to a longer token: the character before it is not a letter, digit, ``_``,
``.``, ``,``, ``/``, ``+`` or ``-`` (a JSON/Markdown escape ``\\n``, ``\\t``, ``\\r`` or
``\\uXXXX`` right before it does not count as letters), and after it there is no letter,
digit or ``_``, no ``.``/``,``/``-`` followed by a digit (decimals, amounts, longer ids) and
no ``/`` followed by a letter (a document number such as ``144/QĐ-VPUB``). Hex fingerprints
(``congkhai.3f9a1c2b.min.css``), UUIDs, URL path ids (``/tin/0912345678``), decimals
(``0.9123456789``), amounts (``1.234.567.890.123 đồng``, ``12,345,678,901``), dates,
ISO timestamps and iCalendar ``DTSTAMP:20211130T000000Z`` are therefore never numbers here.

- ``cccd`` (số CCCD, 12-digit citizen ID): a standalone run of 12 digits whose first three
  digits are a province code ``001``-``096`` written together, separators allowed after
  them (``001099012345``, ``001 099 012 345``,
  ``001.099.012.345``). Any other standalone 12-digit run is a ``cccd`` only in ID context
  (below). JSON numbers never start with ``0``, so ``"size": 123456789012`` is not a hit.

  *Budget codes and accounts*: a 12-digit run is **not** a ``cccd`` when an account/budget
  word ends within 20 characters before it (``mã``, ``TK``, ``STK``, ``tài khoản``,
  ``ngân sách``, ``QHNS``, ``kho bạc``, ``KBNN``) and no ID word does. ``mã số thuế``/``MST``
  is deliberately not such a word: since 2025 a person's tax code is their CCCD number.
- ``cmnd`` (số CMND, 9-digit old ID card): a standalone run of 9 digits (separators as
  above) only in ID context; a bare 9-digit number is not a hit.
- ID context: one of ``CMND``, ``CMT``, ``CMTND``, ``CCCD``, ``căn cước``, ``chứng minh``,
  ``định danh``, ``hộ chiếu`` ends within 20 characters before the number (case-, accent-
  and đ-insensitive, whole words).
- ``mobile`` (số điện thoại di động): ``0`` followed by an allocated mobile prefix
  (``32-39``, ``52 56 58 59``, ``70 76-79``, ``81-89``, ``90-99``) and 7 more digits, 10
  digits in all; or the international form ``+84``, ``0084``, ``84``, ``(+84)``, ``(84)``,
  ``(084)``, ``(0084)`` or ``+(84)``, an optional separator and optional ``(0)``, then the
  prefix without its ``0`` and 7 digits. The national form is written in one of these ways:

  * the first three digits together, separators allowed after them (``0912 345 678``,
    ``0912.345.678``, ``091-234-5678``, ``0912 34 56 78``; also ``+84 912.345.678``,
    ``(+84) 912345678``, ``(084)912345678``);
  * the prefix in brackets, ``(091) 234 5678`` or ``(0912) 345 678``, the bracket not glued
    to a word or number (``f(091)2345678`` is code);
  * slashes only as ``0912/345/678`` or ``091/234/5678``: other groupings with ``/`` are
    dates and document numbers (``09/12/2021``, ``035/2021/120``), and a further
    ``/digit`` makes it a path or document number;
  * five two-digit pairs with one and the same separator (space, ``.`` or ``-``):
    ``09 12 34 56 78``, ``09.12.34.56.78``. Such a run *is* a mobile even in a table of
    statistics: ten digits in pairs whose first four are ``0`` and a mobile prefix look
    like nothing else an office publishes, and a missed number is worse than a question.
    It is not one when it is part of a longer run of numbers (``08 09 12 34 56 78``,
    ``09 12 34 56 78 90``), when the separators differ (``09 12.34 56.78``), or when they
    are tabs (cells of a TSV table). Dates, times and versions have fewer pairs
    (``09.12.2021``, ``09 12``, ``09.12.34``).

  It is standalone, except that it may directly follow a label word, in any case: ``ĐT``,
  ``DT``, ``DĐ``, ``Tel``, ``Zalo``, ``Viber``, ``Phone``, ``Mobile`` (``ĐT0912345678``,
  ``Zalo0912345678``, ``Tel+84912345678``). Landlines (``02x`` area codes, e.g.
  ``+84 212 3852 123``, ``(0212) 3852.123``) are not flagged: offices publish them.
- ``email`` (địa chỉ thư điện tử): ``local@domain.tld`` with an ASCII local part of at most
  64 characters, a dotted domain and an alphabetic top-level label of 2+ letters that is
  not a file extension (``logo@2x.png`` is an image name); full-width ``＠`` and ``．``
  count as ``@`` and ``.`` (``nguyen.van.a@gmail．com``). Obfuscated forms
  (``x [at] y.vn``, percent-encoded ``%40``) are not detected.

Allow-list. ``allowed`` holds the office's own values (``data/site.yaml``: phones, fax,
e-mails) and any value on an allow-list. Values compare normalised: phones and IDs by their
digits with ``+84``/``0084``/``84``/``(084)`` and a trunk ``(0)`` the same as a leading ``0``;
e-mail addresses case-insensitively. An allowed string holding several values
(``"0212 3852 123 - 0912 345 678"``) allows each of them.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .datasets.site import Site

#: Kinds of finding, with the label shown to staff (Vietnamese first, English gloss).
LABELS = {
    "cccd": "số CCCD (citizen ID number)",
    "cmnd": "số CMND (old ID card number)",
    "mobile": "số điện thoại di động (mobile phone number)",
    "email": "địa chỉ thư điện tử (e-mail address)",
}


@dataclass(frozen=True)
class Finding:
    """Dữ liệu cá nhân found at ``text[start:end]`` of the text given to a ``find_*`` call."""

    kind: str  # a key of LABELS
    value: str  # the matched text, decoded, look-alikes replaced
    start: int
    end: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def masked(self) -> str:
        """The value with its middle hidden (``0912•••678``): build logs are often public, and
        a message must not publish what the guard withholds from the site."""
        if self.kind == "email":
            local, _, domain = self.value.partition("@")
            return f"{local[:2]}•••@{domain}"
        positions = [i for i, ch in enumerate(self.value) if ch.isdigit()]
        hidden = set(positions[3:-3])
        return "".join("•" if i in hidden else ch for i, ch in enumerate(self.value))

    def message(self) -> str:
        """Vietnamese-first message, e.g. for ``file:line: <message>``."""
        return (
            f'có {self.label} "{self.masked}": không được công bố dữ liệu cá nhân của công dân'
            " (citizens' personal data must not be published; Luật Tiếp công dân); nếu là số"
            " của cơ quan, ghi vào data/site.yaml (if it is the office's own, list it in"
            " data/site.yaml)"
        )


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (a line ends at ``\\n``)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- normalisation ------------------------------------------------------------------------


def _lookalikes() -> dict[int, str]:
    table: dict[int, str] = {}
    # Every decimal digit of the Basic Multilingual Plane (full-width, Arabic-Indic...) reads as
    # one. Astral ones (mathematical bold 𝟎) are left out: a character class holding them makes
    # every search several times slower, and nobody types them by mistake.
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if ch.isdecimal():
            table[cp] = str(unicodedata.decimal(ch))
    spaces = [0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]
    invisible = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    for cp in spaces + invisible:
        table[cp] = " "
    for cp in (*range(0x2010, 0x2016), 0x2212, 0xFE63, 0xFF0D):
        table[cp] = "-"
    table.update({0xFF0B: "+", 0xFF20: "@", 0xFF0E: ".", 0xFF08: "(", 0xFF09: ")"})
    return table


_LOOKALIKE = _lookalikes()


def _class(codepoints: Iterable[int]) -> str:
    """Codepoints as ranges for a regex character class: a long list of single characters
    makes the regex engine test them one by one."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


_LOOKALIKE_DIGITS = _class(cp for cp, to in _LOOKALIKE.items() if to.isdigit())
_LOOKALIKE_OTHERS = _class(cp for cp, to in _LOOKALIKE.items() if not to.isdigit())


def _plain(text: str) -> str:
    """Look-alikes replaced, same length as ``text`` (so offsets stay valid)."""
    return text.translate(_LOOKALIKE)


def _unaccented() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isascii():
            table[cp] = base.lower()
    return table


_UNACCENTED = _unaccented()
_COMBINING = re.compile("[\u0300-\u036f]")


def _fold(text: str) -> str:
    """Lower case without accents, đ as d: the form context words are compared in. Combining
    marks are dropped, so decomposed (NFD) text reads like NFC text."""
    return _COMBINING.sub("", text.translate(_UNACCENTED).lower())


# --- the patterns -------------------------------------------------------------------------

# A separator stands between groups of at least two digits: "0912 345 678", never the
# "3.5 0 6.64" of decimals and SVG coordinates.
_SEP = r"(?:(?<=[0-9]{2})(?:[ \t.\-]|\r?\n)(?=[0-9]{2}))"
_AFTER_CODE = r"[ \t.\-]?"  # after the country code, "(0)" or a bracketed prefix
# Standalone start: not glued to a word, number, decimal, amount, path or document number;
# an escaped line break or \uXXXX before it (JSON, Markdown source) is not a word.
_START = r"(?:(?<![0-9A-Za-z_.,/+\-])|(?<=\\[nrt])|(?<=\\u[0-9a-fA-F]{4}))"
_END = r"(?![0-9A-Za-z_]|[.,\-][0-9]|/[A-Za-zĐđ])"
_PROVINCE = r"0(?:0[1-9]|[1-8][0-9]|9[0-6])"
# Allocated mobile prefixes after the trunk "0": first digit, then the second digits allowed.
_MOBILE_PREFIXES = {"3": "[2-9]", "5": "[2689]", "7": "[06-9]", "8": "[1-9]", "9": "[0-9]"}
_MOBILE_PREFIX = "(?:" + "|".join(a + b for a, b in _MOBILE_PREFIXES.items()) + ")"
# The same with any one character (the separator) between its two digits: "09 12 ...".
_MOBILE_PREFIX_SPLIT = "(?:" + "|".join(f"{a}.{b}" for a, b in _MOBILE_PREFIXES.items()) + ")"
# Words a clerk glues to the number they label ("ĐT0912345678", "Zalo0912345678",
# "Tel+84912345678"), in any case; the lookbehinds must be fixed-width, hence one per word.
_LABEL_WORDS = ("đt", "dt", "dđ", "tel", "zalo", "viber", "phone", "mobile")
_GLUED = "|".join(
    "(?<=" + "".join(f"[{c}{c.upper()}]" for c in word) + ")" for word in _LABEL_WORDS
)
_LABELLED = f"(?:{_START}|{_GLUED})"


def _digits(n: int) -> str:
    return rf"(?:{_SEP}?[0-9]){{{n}}}"


_NUMBERS = re.compile(
    rf"""
    (?=[0-9+(])  # rejects most positions before the alternatives are tried
    (?:
    (?P<intl>
        (?: (?=(?:\+|00)?84) {_LABELLED} (?:\+|00)? 84 | \((?:\+|00?)?84\) | \+\(84\) )
        {_AFTER_CODE} (?:\(0\){_AFTER_CODE})? {_MOBILE_PREFIX} {_digits(7)} {_END}
    )
    | (?P<cccd> {_START} {_PROVINCE} {_digits(9)} {_END} )
    | (?P<mobile> (?=0{_MOBILE_PREFIX}) {_LABELLED} 0 {_MOBILE_PREFIX} {_digits(7)} {_END} )
    # "(091) 234 5678", "(0912) 345 678": the bracket keeps the prefix apart.
    | (?P<bracketed>
        (?<![0-9A-Za-z_]) \( 0 {_MOBILE_PREFIX}
        (?: \) {_AFTER_CODE} {_digits(7)} | [0-9] \) {_AFTER_CODE} {_digits(6)} ) {_END}
    )
    # "0912/345/678", "091/234/5678" only: other groupings with "/" are dates and document
    # numbers ("035/2021/120", "09/12/2021").
    | (?P<slashed>
        (?=0[0-9]{{2,3}}/) {_LABELLED} 0 {_MOBILE_PREFIX}
        (?: [0-9]/[0-9]{{3}}/[0-9]{{3}} | /[0-9]{{3}}/[0-9]{{4}} ) (?!/[0-9]) {_END}
    )
    # Five pairs with one and the same separator, "09 12 34 56 78", "09.12.34.56.78"; not
    # part of a longer run of pairs (a row of small numbers), not split by tabs (TSV cells).
    | (?P<pairs>
        (?=0{_MOBILE_PREFIX_SPLIT}) {_LABELLED} (?<![0-9][ .\-])
        0[0-9] (?P<pair_sep>[ .\-]) [0-9]{{2}} (?:(?P=pair_sep)[0-9]{{2}}){{3}}
        (?!(?P=pair_sep)[0-9]) {_END}
    )
    | (?P<twelve> {_START} [0-9] {_digits(11)} {_END} )
    | (?P<nine> {_START} [0-9] {_digits(8)} {_END} )
    )
    """,
    re.VERBOSE,
)

_ID_WORDS = re.compile(r"\b(?:cmnd|cmtnd|cmt|cccd|can cuoc|chung minh|dinh danh|ho chieu)\b")
_ACCOUNT_WORDS = re.compile(r"\b(?:ma|tk|stk|tai khoan|ngan sach|qhns|kho bac|kbnn)\b")
#: How far (in characters) a context word may end before the number.
CONTEXT = 20

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")
_EMAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,})\b")
_FILE_EXTENSIONS = frozenset(
    ("png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "css", "js", "mjs"),
)


def _near(words: re.Pattern[str], text: str, start: int) -> bool:
    """A context word ends within CONTEXT characters before ``text[start]``."""
    window = _fold(text[max(0, start - CONTEXT - 20) : start])
    return any(m.end() >= len(window) - CONTEXT for m in words.finditer(window))


# The precise pattern above is slow to try at every position of a page, so a cheap one (it
# starts with a character class, which the regex engine scans for in C) first finds the runs
# of digit-like characters that hold at least 9 digits, look-alikes included (dates, SVG
# coordinates and most numbers have fewer); only those runs, with room for the context
# words, are normalised and matched precisely.
_DIGIT = f"[0-9{_LOOKALIKE_DIGITS}]"
_GAP = f"[+() \\t\\r\\n./\\-{_LOOKALIKE_OTHERS}]"
# Tried only where a number begins (the lookbehind): inside one a retry cannot succeed. A
# run may begin with "+" or "(", full-width ones too, so "（091）" keeps its bracket.
_RUN = re.compile(
    f"[0-9+(＋（{_LOOKALIKE_DIGITS}](?<!{_DIGIT}.)(?:{_GAP}*{_DIGIT}){{8}}(?:{_GAP}|{_DIGIT})*"
)


def _numbers(text: str) -> Iterable[Finding]:
    size = len(text)
    for run in _RUN.finditer(text):
        # Room for the context words before, and for what the end of a match may look at.
        offset = max(0, run.start() - CONTEXT - 20)
        window = text[offset : min(size, run.end() + 2)]
        if not window.isascii():
            window = _plain(window)
        for m in _NUMBERS.finditer(window, run.start() - offset):
            kind = m.lastgroup
            if kind in ("twelve", "nine"):
                if not _near(_ID_WORDS, window, m.start()):
                    continue
                kind = "cccd" if kind == "twelve" else "cmnd"
            elif kind == "cccd":
                if _near(_ACCOUNT_WORDS, window, m.start()) and not _near(
                    _ID_WORDS, window, m.start()
                ):
                    continue
            else:
                kind = "mobile"
            yield Finding(kind, m.group(), offset + m.start(), offset + m.end())


def _emails(text: str) -> Iterable[Finding]:
    at = text.find("@")
    while at != -1:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local and domain and domain.group(1).lower() not in _FILE_EXTENSIONS:
            start = local.start()
            while start < at and text[start] == ".":  # sentence punctuation, not the address
                start += 1
            if start < at:
                yield Finding("email", text[start : domain.end()], start, domain.end())
        at = text.find("@", at + 1)


# --- allow-list ---------------------------------------------------------------------------


def _key(kind: str, value: str) -> str:
    if kind == "email":
        return value.strip().lower()
    digits = "".join(ch for ch in value if ch.isdigit())
    if kind != "mobile":
        return digits
    # "+84", "0084", "(084)" and a trunk "(0)" all lead to the national "0…" form; a national
    # number starting "084" is 10 digits, too short to lose its prefix here.
    digits = digits.lstrip("0")
    if digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    return "0" + digits.lstrip("0")


@dataclass(frozen=True)
class AllowList:
    """Values that are not personal data: the office's own and those listed with a reason."""

    keys: frozenset[str]

    @classmethod
    def of(cls, values: Iterable[str]) -> AllowList:
        keys: set[str] = set()
        for raw in values:
            value = _plain(raw)
            for finding in _emails(value):
                keys.add(_key("email", finding.value))
            for finding in _numbers(value):
                keys.add(_key(finding.kind, finding.value))
            if value.strip():
                keys.update((_key("mobile", value), _key("cccd", value), _key("email", value)))
        return cls(frozenset(keys))

    def allows(self, finding: Finding) -> bool:
        return _key(finding.kind, finding.value) in self.keys


def office_values(site: Site) -> list[str]:
    """The office's own contact values in ``data/site.yaml`` (phones, fax, e-mails of the
    agency, the information focal point and the one-stop desk)."""
    return [
        value
        for section in (site.agency, site.focal_point)
        for value in (section.phone, section.fax, section.email)
        if value
    ] + [value for value in (site.one_stop.phone, site.one_stop.email) if value]


Allowed = Collection[str] | AllowList


def _allow_list(allowed: Allowed) -> AllowList:
    return allowed if isinstance(allowed, AllowList) else AllowList.of(allowed)


# --- entry points -------------------------------------------------------------------------


def find_personal_data(text: str, allowed: Allowed = ()) -> list[Finding]:
    """Every citizen ID number, mobile number and e-mail address in plain ``text`` that
    ``allowed`` does not cover, in order of position (rules: module docstring)."""
    # Only a full-width at sign or full stop can hide an address from the ASCII patterns;
    # translating every page would cost more than these two searches.
    emails = _emails(_plain(text) if "＠" in text or "．" in text else text)
    found = [*_numbers(text), *emails]
    if not found:
        return found
    allow = _allow_list(allowed)
    found = [f for f in found if not allow.allows(f)]
    return sorted(found, key=lambda f: f.start)


class _Decoded:
    """``text`` with some spans replaced (entities, escapes, folds), mapping offsets back."""

    def __init__(
        self, text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
    ) -> None:
        pieces: list[str] = []
        self.spans: list[tuple[int, int, int, int]] = []  # new start, new end, old start, old end
        last = size = 0
        for m in pattern.finditer(text):
            pieces.append(text[last : m.start()])
            size += m.start() - last
            new = replace(m)
            pieces.append(new)
            self.spans.append((size, size + len(new), m.start(), m.end()))
            size += len(new)
            last = m.end()
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self._starts = [span[0] for span in self.spans]

    def _old(self, pos: int, *, end: bool) -> int:
        i = bisect.bisect_left(self._starts, pos) if end else bisect.bisect_right(self._starts, pos)
        if i == 0:
            return pos
        _, new_end, old_start, old_end = self.spans[i - 1]
        if pos < new_end or (end and pos == new_end):
            return old_end if end else old_start
        return old_end + pos - new_end

    def find(self, allowed: Allowed) -> list[Finding]:
        """Findings in the decoded text, at offsets of the original."""
        return [
            Finding(f.kind, f.value, self._old(f.start, end=False), self._old(f.end, end=True))
            for f in find_personal_data(self.text, allowed)
        ]


_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def find_in_markup(markup: str, allowed: Allowed = ()) -> list[Finding]:
    """Like :func:`find_personal_data` for HTML or XML: character references are decoded
    first, and everything is read, text, attribute values, comments, scripts and CDATA alike
    (they are all published). Tags keep numbers in separate cells apart. Offsets index
    ``markup``."""
    if "&" not in markup:
        return find_personal_data(markup, allowed)
    return _Decoded(markup, _CHARREF, lambda m: html.unescape(m.group())).find(allowed)


_JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[nrtbf\"/\\])")
_JSON_CHARS = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _json_char(m: re.Match[str]) -> str:
    code = m.group()[1:]
    if code.startswith("u"):
        return chr(int(code[1:], 16))
    return _JSON_CHARS.get(code, code)


def find_in_json(text: str, allowed: Allowed = ()) -> list[Finding]:
    """Like :func:`find_personal_data` for JSON text: string escapes are decoded first.
    Offsets index ``text``."""
    if "\\" not in text:
        return find_personal_data(text, allowed)
    return _Decoded(text, _JSON_ESCAPE, _json_char).find(allowed)


_FOLD = re.compile(r"\r?\n[ \t]")


def unfold_ical(text: str) -> str:
    """Undo RFC 5545 line folding (a line break followed by one space or tab)."""
    return _FOLD.sub("", text)


_ICAL_DECODE = re.compile(r"\r?\n[ \t]|\\[nN,;\\]")
# A UID content line with its folds, found in the text as given: an escaped "\nUID:" inside a
# DESCRIPTION is text, not a property, and must not hide an address.
_UID = re.compile(r"^UID[;:](?:[^\r\n]|\r?\n[ \t])*", re.MULTILINE)


def _ical_char(m: re.Match[str]) -> str:
    code = m.group()
    if not code.startswith("\\"):
        return ""  # a fold
    return "\n" if code[1] in "nN" else code[1]


def find_in_calendar(text: str, allowed: Allowed = ()) -> list[Finding]:
    """Like :func:`find_personal_data` for iCalendar text: folded lines are joined and text
    escapes (``\\n``, ``\\,``) decoded first; ``UID`` values are identifiers, not addresses,
    and are skipped. Offsets index ``text`` as folded."""
    uids = [m.span() for m in _UID.finditer(text)]
    return [
        f
        for f in _Decoded(text, _ICAL_DECODE, _ical_char).find(allowed)
        if not any(start <= f.start < end for start, end in uids)
    ]


def find_in_output(name: str, text: str, allowed: Allowed = ()) -> list[Finding]:
    """Scan one output file of the site by its suffix: ``.html``/``.htm``/``.xml``/``.svg`` as
    markup, ``.json`` as JSON, ``.ics`` as iCalendar, anything else as plain text."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("html", "htm", "xml", "svg"):
        return find_in_markup(text, allowed)
    if suffix == "json":
        return find_in_json(text, allowed)
    if suffix == "ics":
        return find_in_calendar(text, allowed)
    return find_personal_data(text, allowed)
