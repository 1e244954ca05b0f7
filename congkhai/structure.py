"""Cấu trúc văn bản (structure of a legal or administrative text pasted as plain Markdown).

:func:`structure_text` reads a full text as staff paste it into ``docs/toan-van/*.md`` and
returns Markdown for the project's renderer (toc, attr_list, sanitiser) in which the parts,
chapters, sections, articles and annexes are headings with stable anchors, clauses and points
are paragraphs with anchors, every anchor has a visible "copy link" (``a.ck-copy``), and
references inside the text ("khoản 2 Điều 3", "Điều 5 Quy chế này") link to their anchor.
It is pure (text in, text out), never raises, never drops or reorders a word: it only adds
markup, removes heading ``#``/``**`` markers it replaces, and splits a heading glued to the
sentence after it (reported as a :class:`StructureNote`).

Anchor scheme (stable: it depends only on the numbers written in the text)
--------------------------------------------------------------------------
- Phần: ``phan-N``, N in Arabic whatever the text wrote ("Phần thứ nhất", "Phần I" and
  "Phần 1" are all ``phan-1``).
- Chương: the number as written, lower-case (``Chương II`` -> ``chuong-ii``, ``Chương 2`` ->
  ``chuong-2``, leading zeros dropped). A reference "Chương II" finds either spelling. A text
  mixing Roman and Arabic chapter numbers gets a note.
- Mục (legal section): ``muc-N``; numbered again in each chapter, so inside a chapter it is
  qualified: ``chuong-ii-muc-1``.
- Điều: ``dieu-N`` everywhere (articles are numbered through the whole text), ``dieu-10a``
  for an inserted article. Codified numbering of the Bộ pháp điển ("Điều 32.2.LQ.1.") is
  not Điều 32 of the text: such a heading gets its own anchor ``dieu-32-2-lq-1``.
- Khoản and điểm: ``dieu-5-khoan-2``, ``dieu-5-khoan-2-diem-a``, ``dieu-5-diem-a`` for a point
  directly in an article; point đ) is ``diem-dd`` (d) and đ) are different points).
- Phụ lục: ``phu-luc`` or ``phu-luc-i`` / ``phu-luc-1`` (as written, lower-case).
- Report sections ("**I. CÔNG TÁC …**", "## **2. Kết quả …**", "**2.3.** text"):
  ``muc-ii``, ``muc-ii-2``, ``muc-ii-2-1``; the Arabic path is read from the number written
  ("2.3." under II is ``muc-ii-2-3``), a single number under a deeper section extends it.
  Inside a Phụ lục these are prefixed with the annex anchor.
- An anchor already taken gets ``-2``, ``-3``… and a note; never a silent collision.

Headings start at h2 (the page has its own h1) and never skip a level: a heading is one
level below the nearest enclosing structural heading, whatever the staff's ``#`` count was.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from .ids import slugify


@dataclass(frozen=True)
class TocEntry:
    anchor: str  # "chuong-i", "dieu-5"
    label: str  # "Chương I. Những quy định chung" (plain text)
    depth: int  # 0 Phần, 1 Chương, 2 Mục, 3 Điều / Phụ lục; report sections use 1 and 2


@dataclass(frozen=True)
class StructureNote:
    line: int  # 1-based line in the text given
    message: str  # Vietnamese first, English gloss in parentheses


@dataclass(frozen=True)
class StructuredText:
    markdown: str
    toc: tuple[TocEntry, ...]
    notes: tuple[StructureNote, ...]


# --- recognisers ----------------------------------------------------------------------------

_ROMAN = r"(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_SEP = r"(?=$|[\s.:\-–—])"
_CHUONG = re.compile(r"(Chương|CHƯƠNG)\s+(" + _ROMAN + r"|\d{1,3})" + _SEP + r"(.*)$")
_MUC = re.compile(r"(Mục|MỤC)\s+(\d{1,3}|" + _ROMAN + r")" + _SEP + r"(.*)$")
_DIEU_CODIFIED = re.compile(r"(Điều|ĐIỀU)\s+(\d+\.\d+\.[A-ZĐ]{2,4}(?:\.\d+)+)\.?(.*)$")
_DIEU = re.compile(r"(Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?)(?![\w])(.*)$")
_PHU_LUC = re.compile(
    r"(Phụ lục|PHỤ LỤC)(?:\s+(?:số\s+|SỐ\s+)?(" + _ROMAN + r"|\d{1,3}[a-z]?))?" + _SEP + r"(.*)$"
)
_CLAUSE = re.compile(r"(\d{1,3})\.(?![\d])\s*(\S.*)$")
_POINT = re.compile(r"([a-zđ])\)\s+(\S.*)$")
_REPORT_ROMAN = re.compile(r"(" + _ROMAN + r")\.\s*(.*)$")
_REPORT_ARABIC = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,4})\.?(?:\s+|$)(.*)$")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")

_ORDINALS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL = r"(?:" + "|".join(_ORDINALS) + r")"
#: "Phần thứ nhất", "PHẦN THỨ HAI", "Phần thứ mười một", "Phần I", "Phần 1"
_PHAN = re.compile(
    r"(Phần|PHẦN)\s+((?i:thứ\s+"
    + _ORDINAL
    + r"(?:\s+"
    + _ORDINAL
    + r")?)(?![\w])|"
    + _ROMAN
    + r"|\d{1,3})"
    + _SEP
    + r"(.*)$"
)

#: Words that name a document after an article number: "Điều 5 Luật …" cites another text.
_DOC_TYPES = (
    "Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh|"
    "Hiến pháp|Chỉ thị|Quy chế|Quy định|Nội quy|Kế hoạch|Công văn|Thông báo|Hướng dẫn|"
    "Văn bản|Điều lệ|Lệnh|Chương trình|Đề án|Bản|Hợp đồng"
)
#: After "Mục 1", "Điều 5" …: the start of a reference, not of a title ("Mục 1 Chương II quy
#: định…", "Điều 5 Luật Tiếp cận thông tin quy định…").
_NOT_A_TITLE = re.compile(
    r"(?:" + _DOC_TYPES + r"|Chương|Mục|Điều|Khoản|Điểm|Phần|Phụ lục)(?![\w])", re.IGNORECASE
)


def _roman_value(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[roman[i + 1]] if i + 1 < len(roman) else 0
        total += -value if value < following else value
    return total


def _number_value(written: str) -> int | None:
    """ "II" -> 2, "02" -> 2, "thứ nhất" -> 1, "thứ mười hai" -> 12; None when unreadable."""
    if written.isdigit():
        return int(written)
    if re.fullmatch(_ROMAN, written):
        return _roman_value(written)
    words = written.lower().split()[1:]  # drop "thứ"
    values = [_ORDINALS.get(w) for w in words]
    if not values or None in values:
        return None
    if len(values) == 1:
        return values[0]
    if values[0] == 10 and values[1] is not None:  # "mười hai" = 12
        return 10 + values[1]
    return None  # ("hai mươi" is written "mươi", not in the table): unreadable


def _written_key(written: str) -> str:
    """Anchor piece for a number as written: lower-case, leading zeros dropped."""
    return str(int(written)) if written.isdigit() else slugify(written)


def _point_key(letter: str) -> str:
    return "dd" if letter == "đ" else letter


_BOLD = re.compile(r"\*\*(?=\S)(?:[^*]*?\S)?\*\*")


def _strip_bold(text: str) -> str:
    """The text without its bold markers, when they are all real emphasis ("**Điều 5.**");
    otherwise unchanged ("** x **" is literal asterisks in Markdown)."""
    if "**" not in text:
        return text
    rest = _BOLD.sub(lambda m: m.group(0)[2:-2], text)
    return text if "**" in rest else rest


def _starts_title(rest: str) -> bool:
    """After "Chương II", "Điều 5" …: is ``rest`` a separator or a title (not a sentence)?"""
    if not rest:
        return True
    if rest[0] in ".:-–—":
        return True
    body = rest.strip()
    if not body:
        return True
    if body[0] in ".:-–—":
        return True
    return body[0].isupper() and not _NOT_A_TITLE.match(body) and len(body) <= 250


def _clean_title(rest: str) -> str:
    return rest.strip().lstrip(".:-–—").strip()


def _glue_point(title: str) -> int:
    """Index where a sentence was glued to a heading ("công dânCông dân"), or -1."""
    for i in range(1, len(title) - 1):
        if title[i].isupper() and title[i - 1].islower() and title[i + 1].islower():
            return i
    return -1


# --- the pass over the lines ----------------------------------------------------------------


@dataclass
class _Ctx:
    """Where we are: anchors of the open parts, chapters, articles… (None when closed)."""

    phu_luc: str | None = None
    phan: str | None = None
    chuong: str | None = None
    chuong_label: str | None = None  # "Chương II"
    muc: str | None = None
    dieu: str | None = None
    dieu_label: str | None = None  # "Điều 5"
    khoan: str | None = None
    khoan_label: str | None = None  # "khoản 2 Điều 5"
    roman: str | None = None
    roman_label: str | None = None
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, "2.1")
    item: str | None = None


@dataclass
class _Out:
    """One output unit: generated lines, or a source line to link references in."""

    text: str
    link_refs: bool
    article: str | None = None
    clause: str | None = None
    line: int = 0
    soft: bool = False  # a blank line we add: dropped when the line before is blank already


_PROTECTED = re.compile(r"`[^`\n]*`|<[^>\n]*>|\[[^\]\n]*\]\([^)\n]*\)|\{:[^}\n]*\}")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
#: A list marker that a line after our heading or paragraph would start, where the
#: staff's text had it as the continuation of the line before (Markdown needs a blank line
#: before a list): escaped so the marker stays text, as it was.
_LAZY_MARKER = re.compile(r"(\s{0,3})(\d{1,9}\.|[-+*])(?=\s|$)")
_BLOCK_START = re.compile(r"\s{0,3}(?:#|[-*+]\s|\||>|<|\d{1,3}[.)]\s|```|~~~)|\s{4}")


class _Structurer:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.out: list[_Out] = []
        self.toc: list[TocEntry] = []
        self.notes: list[StructureNote] = []
        self.anchors: set[str] = set()
        self.next_suffix: dict[str, int] = {}  # keeps suffixing linear in the duplicates
        self.ctx = _Ctx()
        self.stack: list[tuple[int, int]] = []  # (rank, heading level) of open headings
        self.chapter_anchor_by_value: dict[int, str] = {}
        self.chapter_styles: set[str] = set()
        self.plain_articles = 0
        #: the last unit emitted was our heading/paragraph made from a plain source line
        self.after_plain_structure = False

    # anchors, headings, paragraphs

    def _anchor(self, wanted: str, line: int, label: str) -> str:
        if wanted not in self.anchors:
            self.anchors.add(wanted)
            return wanted
        n = self.next_suffix.get(wanted, 2)
        while f"{wanted}-{n}" in self.anchors:
            n += 1
        self.next_suffix[wanted] = n + 1
        anchor = f"{wanted}-{n}"
        self.anchors.add(anchor)
        self.notes.append(
            StructureNote(
                line,
                f"{label} xuất hiện lần nữa; neo đổi thành #{anchor} "
                f"({label} appears again; anchored as #{anchor})",
            )
        )
        return anchor

    def _level(self, rank: int) -> int:
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        level = min(6, self.stack[-1][1] + 1) if self.stack else 2
        self.stack.append((rank, level))
        return level

    def _copy(self, anchor: str, label: str) -> str:
        return (
            f'<a class="ck-copy" href="#{anchor}" '
            f'aria-label="Liên kết đến {html.escape(label)}">#</a>'
        )

    def _heading(self, rank: int, text: str, anchor: str, label: str, line: int) -> None:
        level = self._level(rank)
        self._emit(f"{'#' * level} {text} {self._copy(anchor, label)} {{: #{anchor} }}", line)

    def _emit(self, text: str, line: int) -> None:
        self.out.append(_Out("", False, line=line, soft=True))
        self.out.append(_Out(text, False, line=line))
        self.out.append(_Out("", False, line=line, soft=True))

    def _paragraph(self, i: int, first: str, anchor: str, label: str) -> int:
        """A clause, point or numbered item with its continuation lines; returns next index."""
        self.out.append(_Out("", False, line=i + 1, soft=True))
        body = [first]
        j = i + 1
        while j < len(self.lines):
            nxt = self.lines[j]
            if not nxt.strip() or _BLOCK_START.match(nxt) or self._structural(nxt):
                break
            body.append(nxt)
            j += 1
        for k, text in enumerate(body):
            self.out.append(_Out(text, True, self.ctx.dieu, self.ctx.khoan, i + 1 + k))
        self.out.append(_Out(" " + self._copy(anchor, label), False, line=j))
        self.out.append(_Out("{: #" + anchor + " }", False, line=j))
        self.out.append(_Out("", False, line=j, soft=True))
        return j

    def _structural(self, line: str) -> bool:
        plain = _strip_bold(line.strip())
        return bool(
            _DIEU.match(plain)
            or _CHUONG.match(plain)
            or _POINT.match(plain)
            or (_CLAUSE.match(plain) and self.ctx.dieu)
        )

    def _next_title(self, i: int) -> tuple[str, int] | None:
        """A chapter/part title on the next non-blank line: (title, index after it)."""
        j = i + 1
        skipped = 0
        while j < len(self.lines) and not self.lines[j].strip() and skipped < 2:
            j += 1
            skipped += 1
        if j >= len(self.lines):
            return None
        raw = self.lines[j].strip()
        if not raw or _BLOCK_START.match(self.lines[j]) or len(raw) > 200:
            return None
        plain = _strip_bold(raw)
        if (
            _DIEU.match(plain)
            or _DIEU_CODIFIED.match(plain)
            or _CHUONG.match(plain)
            or _MUC.match(plain)
            or _PHAN.match(plain)
            or _PHU_LUC.match(plain)
            or _CLAUSE.match(plain)
            or _POINT.match(plain)
            or "{:" in plain
        ):
            return None
        letters = [c for c in plain if c.isalpha()]
        if not letters:
            return None
        if not (plain.isupper() or not plain.rstrip().endswith((".", ";", ":", ","))):
            return None
        return plain, j + 1

    # the main loop

    def run(self) -> None:
        i = 0
        in_fence = False
        while i < len(self.lines):
            raw = self.lines[i]
            if _FENCE.match(raw):
                in_fence = not in_fence
                self.out.append(_Out(raw, False, line=i + 1))
                i += 1
                continue
            if in_fence or raw.startswith(("    ", "\t")) or not raw.strip():
                self.out.append(_Out(raw, False, line=i + 1))
                self.after_plain_structure = False
                i += 1
                continue
            lazy = self.after_plain_structure
            self.after_plain_structure = False
            i = self._line(i, raw, lazy)

    def _line(self, i: int, raw: str, lazy: bool) -> int:
        stripped = raw.strip()
        if stripped.startswith("<") or ("{:" in stripped and stripped.endswith("}")):
            self.out.append(_Out(raw, False, line=i + 1))  # staff HTML or attributes: theirs
            return i + 1
        hashes = 0
        atx = _ATX.match(stripped) if stripped.startswith("#") else None
        text = stripped
        if atx:
            hashes = len(atx.group(1))
            text = (atx.group(2) or "").strip()
        plain = _strip_bold(text)
        line = i + 1

        self.after_plain_structure = not hashes
        handled = self._legal(i, plain)
        if handled is not None:
            return handled
        if self.ctx.dieu:
            m = _CLAUSE.match(plain)
            if m and not hashes:
                return self._clause(i, text, m)
            m = _POINT.match(plain)
            if m and not hashes:
                return self._point(i, text, m)
        handled = self._report(i, text, bool(hashes))
        if handled is not None:
            return handled
        self.after_plain_structure = False
        if hashes:
            top = self.stack[-1][1] if self.stack else 1
            level = min(max(hashes, 2), top + 1)
            self.out.append(_Out("#" * level + " " + text, False, line=line))
            return i + 1
        marker = _LAZY_MARKER.match(raw) if lazy else None
        if marker:
            raw = raw[: marker.start(2)] + _escape_marker(marker.group(2)) + raw[marker.end(2) :]
        self.out.append(_Out(raw, True, self.ctx.dieu, self.ctx.khoan, line))
        return i + 1

    def _legal(self, i: int, plain: str) -> int | None:
        line = i + 1
        first = plain[:1]
        if first not in "ĐCMP":  # most lines: no regex at all
            return None
        m = _DIEU_CODIFIED.match(plain) if first == "Đ" else None
        if m:
            number = m.group(2)
            return self._article(i, plain, m.group(1), number, m.group(3), slugify(number))
        m = _DIEU.match(plain) if first == "Đ" else None
        if m and _starts_title(m.group(3)):
            self.plain_articles += 1
            return self._article(i, plain, m.group(1), m.group(2), m.group(3), None)
        m = _CHUONG.match(plain) if first == "C" else None
        if m and _starts_title(m.group(3)):
            written = m.group(2)
            self.chapter_styles.add("arabic" if written.isdigit() else "roman")
            if len(self.chapter_styles) == 2 and "mixed" not in self.chapter_styles:
                self.chapter_styles.add("mixed")
                self.notes.append(
                    StructureNote(
                        line,
                        "Văn bản đánh số chương lẫn số La Mã và số Ả Rập; neo giữ số như đã "
                        "viết (chapters numbered in both Roman and Arabic numerals; anchors "
                        "keep the numbers as written)",
                    )
                )
            head = f"{m.group(1)} {written}"
            anchor = self._anchor(f"chuong-{_written_key(written)}", line, head)
            value = _number_value(written)
            if value is not None:
                self.chapter_anchor_by_value.setdefault(value, anchor)
            self.ctx = _Ctx(
                phu_luc=self.ctx.phu_luc, phan=self.ctx.phan, chuong=anchor, chuong_label=head
            )
            return self._division(i, 1, 1, plain, head, m.group(3), anchor)
        m = _MUC.match(plain) if first == "M" else None
        if m and _starts_title(m.group(3)):
            written = m.group(2)
            head = f"{m.group(1)} {written}"
            wanted = f"muc-{_written_key(written)}"
            if self.ctx.chuong:
                wanted = f"{self.ctx.chuong}-{wanted}"
            chapter = f" {self.ctx.chuong_label}" if self.ctx.chuong_label else ""
            anchor = self._anchor(wanted, line, head + chapter)
            self.ctx = _Ctx(
                phu_luc=self.ctx.phu_luc,
                phan=self.ctx.phan,
                chuong=self.ctx.chuong,
                chuong_label=self.ctx.chuong_label,
                muc=anchor,
            )
            return self._division(i, 2, 2, plain, head, m.group(3), anchor, head + chapter)
        if first != "P":
            return None
        m = _PHAN.match(plain)
        if m and _starts_title(m.group(3)):
            written = m.group(2)
            value = _number_value(written)
            head = f"{m.group(1)} {written}"
            key = str(value) if value is not None else slugify(written)
            anchor = self._anchor(f"phan-{key}", line, head)
            self.ctx = _Ctx(phan=anchor)
            return self._division(i, 0, 0, plain, head, m.group(3), anchor)
        m = _PHU_LUC.match(plain)
        if m and _starts_title(m.group(3)) and (m.group(2) or not m.group(3).strip()):
            written = m.group(2)
            head = m.group(1) + (f" {written}" if written else "")
            wanted = f"phu-luc-{_written_key(written)}" if written else "phu-luc"
            anchor = self._anchor(wanted, line, head)
            self.ctx = _Ctx(phu_luc=anchor)
            return self._division(i, 0, 3, plain, head, m.group(3), anchor)
        return None

    def _division(
        self,
        i: int,
        rank: int,
        depth: int,
        plain: str,
        head: str,
        rest: str,
        anchor: str,
        aria: str | None = None,
    ) -> int:
        """Phần, Chương, Mục, Phụ lục: a heading, its title on the same or the next line."""
        title = _clean_title(rest)
        nxt = i + 1
        text = plain
        if not title:
            found = self._next_title(i)
            if found:
                title, nxt = found
                text = f"{plain}<br>{title}"
        label = _plain_label(f"{head}. {title}" if title else head)
        self.toc.append(TocEntry(anchor, label, depth))
        self._heading(rank, text, anchor, aria or head, i + 1)
        return nxt

    def _article(
        self, i: int, plain: str, word: str, number: str, rest: str, codified: str | None
    ) -> int:
        line = i + 1
        head = f"{word} {number}"
        anchor = self._anchor(f"dieu-{codified or _written_key(number)}", line, head)
        self.ctx = _Ctx(
            phu_luc=self.ctx.phu_luc,
            phan=self.ctx.phan,
            chuong=self.ctx.chuong,
            chuong_label=self.ctx.chuong_label,
            muc=self.ctx.muc,
            dieu=anchor,
            dieu_label=head,
        )
        title = _clean_title(rest)
        text, after = plain, ""
        cut = _glue_point(title)
        if cut > 0:
            title, after = title[:cut], title[cut:]
            text = plain[: len(plain) - len(after)]
            self.notes.append(
                StructureNote(
                    line,
                    f"Tiêu đề {head} dính liền câu sau (“…{title[-12:]}{after[:12]}…”); "
                    f"đã tách thành tiêu đề và đoạn văn (the heading of {head} is glued to the "
                    "sentence after it; split into a heading and a paragraph)",
                )
            )
        self.toc.append(TocEntry(anchor, _plain_label(f"{head}. {title}" if title else head), 3))
        self._heading(3, text, anchor, head, line)
        if after:
            self.out.append(_Out(after, True, anchor, None, line))
        return i + 1

    def _clause(self, i: int, text: str, m: re.Match[str]) -> int:
        number = m.group(1)
        assert self.ctx.dieu is not None and self.ctx.dieu_label is not None
        label = f"khoản {number} {self.ctx.dieu_label}"
        anchor = self._anchor(f"{self.ctx.dieu}-khoan-{int(number)}", i + 1, label)
        self.ctx.khoan, self.ctx.khoan_label = anchor, label
        first = text if text.startswith("**") else re.sub(r"^(\d+)\.", r"\1\\.", text)
        return self._paragraph(i, first, anchor, label)

    def _point(self, i: int, text: str, m: re.Match[str]) -> int:
        letter = m.group(1)
        parent, parent_label = self.ctx.khoan, self.ctx.khoan_label
        if parent is None:
            parent, parent_label = self.ctx.dieu, self.ctx.dieu_label
        assert parent is not None and parent_label is not None
        label = f"điểm {letter} {parent_label}"
        anchor = self._anchor(f"{parent}-diem-{_point_key(letter)}", i + 1, label)
        return self._paragraph(i, text, anchor, label)

    # reports: "**I. CÔNG TÁC …**", "## **2. Kết quả …**", "**2.3.** text", "2. text"

    def _report(self, i: int, text: str, hashed: bool) -> int | None:
        line = i + 1
        bold = text.startswith("**")
        inner, rest = text, ""
        if bold:
            close = text.find("**", 2)
            if close < 3 or text[2].isspace() or text[close - 1].isspace():
                return None
            inner, rest = text[2:close].strip(), text[close + 2 :].strip()
        m = _REPORT_ROMAN.match(inner)
        if m and m.group(2).strip() and (bold or hashed or len(inner) <= 200) and not rest[:1]:
            return self._report_heading(i, 1, m.group(1), inner, "", hashed)
        if m and m.group(2).strip() and (bold or hashed):
            return self._report_heading(i, 1, m.group(1), inner, rest, hashed)
        m = _REPORT_ARABIC.match(inner)
        if not m or not (bold or hashed or self.ctx.roman or self.ctx.sections):
            return None
        number, title = m.group(1), m.group(2).strip()
        parts = number.split(".")
        if title and (bold or hashed):
            return self._report_heading(i, len(parts) + 1, number, inner, rest, hashed)
        if (title and not bold) or (not title and bold and rest):
            if not (self.ctx.roman or self.ctx.sections):
                return None
            if len(parts) > 1 or not self.ctx.sections:
                base = self.ctx.roman or "muc"
            else:
                base = self.ctx.sections[-1][0]
            label = f"mục {number}" + (f" của {self.ctx.roman_label}" if self.ctx.roman else "")
            anchor = self._anchor(f"{base}-{'-'.join(parts)}", line, label)
            self.ctx.item = anchor
            first = text if bold else re.sub(r"^(\d+(?:\.\d+)*)\.", r"\1\\.", text)
            return self._paragraph(i, first, anchor, label)
        return None

    def _report_heading(
        self, i: int, rank: int, number: str, inner: str, rest: str, hashed: bool
    ) -> int:
        line = i + 1
        parts = number.split(".")
        if rank == 1:
            base = f"muc-{slugify(number)}"
            wanted = f"{self.ctx.phu_luc}-{base}" if self.ctx.phu_luc else base
            label = f"mục {number}"
            anchor = self._anchor(wanted, line, label)
            self.ctx = _Ctx(phu_luc=self.ctx.phu_luc, roman=anchor, roman_label=label)
            self.toc.append(TocEntry(anchor, _plain_label(inner), 1))
        else:
            base = self.ctx.roman or (f"{self.ctx.phu_luc}-muc" if self.ctx.phu_luc else "muc")
            label = f"mục {number}" + (f" của {self.ctx.roman_label}" if self.ctx.roman else "")
            anchor = self._anchor(f"{base}-{'-'.join(parts)}", line, label)
            self.ctx.sections = [s for s in self.ctx.sections if s[1].count(".") < len(parts) - 1]
            self.ctx.sections.append((anchor, number))
            self.ctx.dieu = self.ctx.khoan = self.ctx.item = None
            if rank == 2:
                self.toc.append(TocEntry(anchor, _plain_label(inner), 2))
        self._heading(rank, inner, anchor, label, line)
        if rest:
            self.out.append(_Out(rest, True, line=line))
        return i + 1


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\." if marker.endswith(".") else "\\" + marker


_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")


def _plain_label(text: str) -> str:
    """A TOC label as plain text: no emphasis, code or link markup (a citation the register
    linked before structuring keeps its number)."""
    text = _MD_LINK.sub(r"\1", text)
    return " ".join(text.replace("*", "").replace("`", "").split())


# --- references inside the text -------------------------------------------------------------

_N_ART = r"\d+\.\d+\.[A-ZĐ]{2,4}(?:\.\d+)+|\d{1,4}[a-z]?"
_LIST = r"\s*(?:,|và|hoặc|đến)\s*"
_POINTS = r"[Đđ]iểm\s+[a-zđ](?![\w])(?:" + _LIST + r"(?:[Đđ]iểm\s+)?[a-zđ](?![\w]))*"
_CLAUSES = r"[Kk]hoản\s+\d{1,3}(?![\w])(?:" + _LIST + r"(?:[Kk]hoản\s+)?\d{1,3}(?![\w]))*"
_ARTS = (
    r"(?:[Cc]ác\s+)?[Đđ]iều\s+(?:" + _N_ART + r")(?![\w]|\.\w)"
    r"(?:" + _LIST + r"(?:[Đđ]iều\s+)?(?:" + _N_ART + r")(?![\w]|\.\w))*"
)
_LINK_SEP = r",?\s+(?:của\s+)?"
_REF = re.compile(
    r"(?<![\w])(?:(?P<pts>" + _POINTS + r")" + _LINK_SEP + r")?"
    r"(?:(?P<cls>" + _CLAUSES + r")" + _LINK_SEP + r")?"
    r"(?:(?P<this>Điều\s+này)|(?P<arts>" + _ARTS + r")|(?P<thiscl>khoản\s+này))(?![\w])"
)
_CHAPTER_REF = re.compile(
    r"(?<![\w])(?:(?P<muc>Mục\s+\d{1,3})\s+(?:của\s+)?)?Chương\s+(?P<ch>"
    + _ROMAN
    + r"|\d{1,3})(?![\w])"
)
_TAIL_INTERNAL = re.compile(r",?\s+(?:của\s+)?(?:" + _DOC_TYPES + r")\s+này(?![\w])")
_TAIL_EXTERNAL = re.compile(r",?\s+(?:của\s|số\s|\[|\d+/|[A-ZĐ])")
_ITEM = re.compile(r"(?:(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm)\s+)?(" + _N_ART + r"|[a-zđ])(?![\w])")


def _is_internal(text: str, end: int) -> tuple[bool, bool]:
    """(internal, explicit): what follows a reference says whose article it is."""
    tail = text[end : end + 120]
    if _TAIL_INTERNAL.match(tail):
        return True, True
    if _TAIL_EXTERNAL.match(tail):
        # "Điều 5 Luật…", "Điều 32 của Luật", "khoản 2 Điều 3 Nghị định số …": another text
        return False, False
    return True, False


class _Linker:
    def __init__(self, s: _Structurer) -> None:
        self.anchors = s.anchors
        self.chapters = s.chapter_anchor_by_value
        self.notes = s.notes
        self.report_missing = s.plain_articles > 0

    def link(self, text: str, article: str | None, clause: str | None, line: int) -> str:
        if "iều" not in text and "hoản" not in text and "hương" not in text:
            return text
        protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
        pieces: list[tuple[int, int, str]] = []  # (start, end, markdown)
        for m in _REF.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in protected):
                continue
            pieces.extend(self._ref(text, m, article, clause, line))
        for m in _CHAPTER_REF.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in protected):
                continue
            if any(a < m.end() and m.start() < b for a, b, _ in pieces):
                continue
            internal, _ = _is_internal(text, m.end())
            value = _number_value(m.group("ch"))
            target = self.chapters.get(value) if internal and value is not None else None
            if target and m.group("muc"):
                number = m.group("muc").split()[1]
                target = f"{target}-muc-{int(number)}"
            if target and target in self.anchors:
                pieces.append((m.start(), m.end(), f"[{m.group(0)}](#{target})"))
        if not pieces:
            return text
        pieces.sort()
        out, last = [], 0
        for start, end, md in pieces:
            out.append(text[last:start])
            out.append(md)
            last = end
        out.append(text[last:])
        return "".join(out)

    def _ref(
        self, text: str, m: re.Match[str], article: str | None, clause: str | None, line: int
    ) -> list[tuple[int, int, str]]:
        internal, explicit = _is_internal(text, m.end())
        if m.group("this") or m.group("thiscl"):
            internal, explicit = True, True
        if not internal:
            return []
        if m.group("thiscl"):
            if clause is None or m.group("cls"):
                return []
            return self._one_level(text, m, "pts", clause, f"{clause}-diem-", line, explicit)
        if m.group("this"):
            if article is None:
                return []
            arts = [article]
        else:
            arts = [
                "dieu-" + (slugify(n) if "." in n else _written_key(n))
                for n in _ITEM.findall(m.group("arts"))
            ]
        clauses = _ITEM.findall(m.group("cls") or "")
        points = _ITEM.findall(m.group("pts") or "")
        if len(arts) > 1:
            if clauses or points:
                return []
            return self._items(text, m, "arts", arts, line, explicit)
        art = arts[0]
        if len(clauses) > 1:
            if points:
                return []
            targets = [f"{art}-khoan-{int(k)}" for k in clauses]
            return self._items(text, m, "cls", targets, line, explicit) + self._span(
                m.start("this") if m.group("this") else m.start("arts"), m.end(), art, text
            )
        parent = f"{art}-khoan-{int(clauses[0])}" if clauses else art
        if len(points) > 1:
            targets = [f"{parent}-diem-{_point_key(p)}" for p in points]
            rest_start = m.start("cls") if clauses else m.start("arts")
            if m.group("this") and not clauses:
                rest_start = m.start("this")
            return self._items(text, m, "pts", targets, line, explicit) + self._span(
                rest_start, m.end(), parent, text
            )
        target = f"{parent}-diem-{_point_key(points[0])}" if points else parent
        if target not in self.anchors:
            self._missing(m.group(0), line, explicit)
            return []
        return [(m.start(), m.end(), f"[{m.group(0)}](#{target})")]

    def _one_level(
        self,
        text: str,
        m: re.Match[str],
        group: str,
        parent: str,
        prefix: str,
        line: int,
        explicit: bool,
    ) -> list[tuple[int, int, str]]:
        points = _ITEM.findall(m.group(group) or "")
        if not points:
            return self._span(m.start(), m.end(), parent, text)
        if len(points) == 1:
            target = prefix + _point_key(points[0])
            if target in self.anchors:
                return [(m.start(), m.end(), f"[{m.group(0)}](#{target})")]
            self._missing(m.group(0), line, explicit)
            return []
        targets = [prefix + _point_key(p) for p in points]
        return self._items(text, m, group, targets, line, explicit) + self._span(
            m.start("thiscl"), m.end(), parent, text
        )

    def _span(self, start: int, end: int, target: str, text: str) -> list[tuple[int, int, str]]:
        if target not in self.anchors:
            return []
        return [(start, end, f"[{text[start:end]}](#{target})")]

    def _items(
        self, text: str, m: re.Match[str], group: str, targets: list[str], line: int, explicit: bool
    ) -> list[tuple[int, int, str]]:
        base = m.start(group)
        found = list(_ITEM.finditer(m.group(group)))
        out = []
        for item, target in zip(found, targets, strict=False):
            start, end = base + item.start(), base + item.end()
            if target in self.anchors:
                out.append((start, end, f"[{text[start:end]}](#{target})"))
            else:
                self._missing(item.group(0), line, explicit)
        return out

    def _missing(self, ref: str, line: int, explicit: bool) -> None:
        if explicit and self.report_missing:
            self.notes.append(
                StructureNote(
                    line,
                    f"Tham chiếu “{ref}” không tìm thấy trong văn bản này nên không tạo liên "
                    f"kết (reference “{ref}” has no target in this text; left unlinked)",
                )
            )


def structure_text(markdown: str) -> StructuredText:
    """Anchors, copy links, intra-text links and a table of contents for one full text.

    Contract: pure and total (any string in, never an exception); the visible words of the
    rendered result are the words of ``markdown`` in order (NFC), apart from a heading glued
    to the next sentence, which is split at the glue (and noted). Text that is not
    recognised is passed through unchanged.
    """
    text = unicodedata.normalize("NFC", markdown).replace("\r\n", "\n").replace("\r", "\n")
    s = _Structurer(text)
    s.run()
    linker = _Linker(s)
    out: list[str] = []
    for unit in s.out:
        if unit.soft:
            if out and out[-1].strip():
                out.append("")
        elif unit.link_refs:
            out.append(linker.link(unit.text, unit.article, unit.clause, unit.line))
        elif unit.text.startswith(' <a class="ck-copy"') and out:
            out[-1] += unit.text  # the copy link closes the paragraph's last line
        else:
            out.append(unit.text)
    result = "\n".join(out).strip("\n") + "\n"
    notes = tuple(sorted(s.notes, key=lambda n: n.line))
    return StructuredText(result, tuple(s.toc), notes)
