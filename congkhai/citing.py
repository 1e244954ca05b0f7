"""Trích dẫn văn bản (citations): every document number written in a published text is
resolved to the register once, linked on every page it shows on, and listed on the cited
document's page ("Được trích dẫn tại"); numbers the register does not hold, or holds with a
different date or type, stay text and are listed in the data-quality report with the file
and line where they are written.

One mechanism for every text: :class:`Resolver` decides what a number points to;
:class:`Citations` reads the published texts of a build (the ``prose`` columns of each
dataset, full texts, notice bodies, hand-written pages) when they are planned, and
:func:`link_html` links the numbers of a rendered page, whatever template or Markdown made
it, skipping what is already a link or code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape

from pydantic import BaseModel

from . import vocab
from .datasets.documents import Document
from .dates import DateFormatError, VnDate, parse_date
from .ids import document_url, relative
from .numbers import Citation, find_citations, number_key
from .problems import Problem, Severity

# --- resolution ------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """What a citation points to: a published document, or why it points to none.

    ``document`` is None when the register has no such number (``disagreement`` None) or
    when it has one that the citation's date, year or named type contradicts
    (``disagreement`` says how): a doubtful link is never made."""

    document: Document | None
    disagreement: str | None = None


_UNKNOWN = Resolution(None)


def _codes(slug: str) -> frozenset[str]:
    t = vocab.DOCUMENT_TYPE_BY_SLUG[slug]
    return frozenset(c.casefold() for c in (*t.state_codes, *t.party_codes))


def _on(issued: VnDate, day: VnDate) -> bool:
    """A register date agrees with a cited day (a month-only date with any day of it)."""
    return (issued.year, issued.month) == (day.year, day.month) and issued.day in (None, day.day)


class Resolver:
    """Numbers of the published register, matched by :func:`number_key` (padding,
    separators, look-alike characters and ``QĐi``/``QĐ`` ignored).

    A date beside the citation (or the year inside the number) picks between documents of
    the same number in different years and must agree with the one picked; a type named
    by the citation ("Nghị định số …") must agree with the document's type unless the
    number's own type code belongs to it (the party writes Quy định as ``QĐ``)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._by_key: dict[str, list[Document]] = defaultdict(list)
        for doc in documents:
            if doc.number and not doc.number.is_draft:
                self._by_key[doc.number.key].append(doc)
        self._memo: dict[tuple[str, str | None, str | None], Resolution] = {}
        #: number_key of each number as written: a listed number is read on many pages
        self._keys: dict[str, str] = {}

    def resolve(self, cite: Citation) -> Resolution:
        key = self._keys.get(cite.number)
        if key is None:
            key = self._keys[cite.number] = number_key(cite.number)
        if key not in self._by_key:
            return _UNKNOWN
        memo = (key, cite.date, cite.type)
        if memo not in self._memo:
            self._memo[memo] = self._resolve(self._by_key[key], cite)
        return self._memo[memo]

    def _resolve(self, candidates: list[Document], cite: Citation) -> Resolution:
        written = f'"{cite.number}"' + (f" ngày {cite.date}" if cite.date else "")
        if cite.date:
            try:
                day = parse_date(cite.date)
            except DateFormatError:
                return Resolution(
                    None,
                    f"trích dẫn {written} ghi ngày không có thật; không tạo liên kết "
                    "(the date cited does not exist: not linked)",
                )
            picked = [d for d in candidates if _on(d.issued, day)]
            if len(picked) != 1:
                issued = ", ".join(d.issued.short for d in candidates)
                return Resolution(
                    None,
                    f"trích dẫn {written} không khớp ngày ban hành trong sổ văn bản ({issued}); "
                    "không tạo liên kết (the cited date disagrees with the register: not linked)",
                )
            doc = picked[0]
        elif len(candidates) == 1:
            doc = candidates[0]
        else:
            years = ", ".join(str(d.issued.year) for d in candidates)
            return Resolution(
                None,
                f"trích dẫn {written} không ghi ngày mà sổ văn bản có {len(candidates)} văn bản "
                f"cùng số (năm {years}); không tạo liên kết "
                "(several documents share this number and the citation gives no date: not linked)",
            )
        if cite.type and cite.type != doc.type and not self._code_fits(cite.type, doc):
            named = vocab.DOCUMENT_TYPE_LABELS.get(cite.type, cite.type)
            return Resolution(
                None,
                f"trích dẫn {written} gọi là {named} nhưng trong sổ văn bản là "
                f"{doc.doc_type.label}; không tạo liên kết "
                "(the cited type disagrees with the register: not linked)",
            )
        return Resolution(doc)

    @staticmethod
    def _code_fits(named: str, doc: Document) -> bool:
        """The number's type code is also a code of the type the citation names: the party
        writes both Quyết định and Quy định as ``QĐ``, so "Quyết định số 12-QĐ/TU" may
        be the register's Quy định; "Nghị định số 08/KH-UBND" cannot be a Kế hoạch."""
        assert doc.number is not None  # only numbered documents are indexed
        return doc.number.first.casefold() in _codes(named)


# --- where texts cite documents --------------------------------------------------------


@dataclass(frozen=True)
class CitedBy:
    """A published page whose own text cites a document."""

    url: str
    label: str


@dataclass(frozen=True)
class _Occurrence:
    number: str
    file: str
    line: int | None
    column: str | None


class Citations:
    """The citations of one build's published texts (thrown away with the build).

    Planners call :meth:`add` for each page they plan with the texts that page shows;
    then :meth:`cited_by` answers for a document page and :meth:`problems` lists what
    could not be linked, each with file and line."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._cited: dict[str, dict[str, CitedBy]] = defaultdict(dict)
        self._unknown: dict[tuple[str, str], list[_Occurrence]] = defaultdict(list)
        self._disagreeing: dict[tuple[str, str], _Occurrence] = {}

    def add(
        self,
        url: str,
        label: str,
        file: str,
        texts: Iterable[tuple[str | None, int | None, str]],
    ) -> None:
        """The page at ``url`` (named ``label``) shows ``texts``: (column, first line in
        ``file``, text). A multi-line text counts its lines from the line given."""
        for column, first_line, text in texts:
            if not text or ("/" not in text and "\u2044" not in text and "\u2215" not in text):
                continue
            line, counted = first_line, 0
            for cite in find_citations(text):
                if line is not None:
                    line += text.count("\n", counted, cite.start)
                    counted = cite.start
                self._note(url, label, cite, _Occurrence(cite.number, file, line, column))

    def _note(self, url: str, label: str, cite: Citation, where: _Occurrence) -> None:
        found = self.resolver.resolve(cite)
        doc = found.document
        if doc is not None:
            if document_url(doc.id) != url:
                self._cited[doc.id].setdefault(url, CitedBy(url, label))
        elif found.disagreement is not None:
            self._disagreeing.setdefault((where.file, found.disagreement), where)
        else:
            self._unknown[(where.file, number_key(cite.number))].append(where)

    def cited_by(self, doc: Document) -> tuple[CitedBy, ...]:
        """The pages citing ``doc``, by label."""
        found = self._cited.get(doc.id, {})
        return tuple(sorted(found.values(), key=lambda c: (c.label.casefold(), c.url)))

    def problems(self) -> list[Problem]:
        """One warning per number per file (the lines listed), never an error: the text is
        published, the number is simply not linked."""
        out = []
        for (file, _key), places in self._unknown.items():
            first = places[0]
            lines = sorted({p.line for p in places if p.line is not None})
            more = f" (dòng {', '.join(map(str, lines))})" if len(lines) > 1 else ""
            out.append(
                Problem(
                    file,
                    first.line,
                    first.column,
                    f'trích dẫn "{first.number}" chưa có trong sổ văn bản, để nguyên chữ{more} '
                    "(citation of a document not in the register: left as text)",
                    Severity.WARNING,
                )
            )
        for (file, message), where in self._disagreeing.items():
            out.append(Problem(file, where.line, where.column, message, Severity.WARNING))
        return sorted(out)


# --- the texts each record shows ---------------------------------------------------------


@cache
def prose_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The columns of ``model`` declared ``column(..., prose=True)``: free text shown to
    the public, where staff write document numbers."""
    out = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("prose"):
            out.append(name)
    return tuple(out)


def prose_of(
    record: BaseModel,
    line: int | None = None,
    *,
    locate: Callable[[tuple[str | int, ...]], int | None] | None = None,
    lines: Mapping[str, int] | None = None,
    path: tuple[str | int, ...] = (),
) -> Iterator[tuple[str, int | None, str]]:
    """(column, line, text) of each free-text column of ``record`` and of the records
    nested in it (a YAML file's sections). ``line``: the record's line (default: its own
    ``line``, a CSV row); ``locate``: the line of a YAML path, for nested records;
    ``lines``: where a column's text starts when it is known (a notice's body)."""
    at = line if line is not None else getattr(record, "line", None) or None
    for name, value in record:
        here = (*path, name)
        if lines and name in lines:
            yield name, lines[name], value
        elif name in prose_fields(type(record)):
            texts = (value,) if isinstance(value, str) else tuple(value or ())
            for i, text in enumerate(texts):
                where = locate(here if isinstance(value, str) else (*here, i)) if locate else at
                yield name, where or at, text
        elif isinstance(value, BaseModel):
            yield from prose_of(value, at, locate=locate, path=here)
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from prose_of(item, at, locate=locate, path=(*here, i))


# --- linking a rendered page ---------------------------------------------------------------

#: A tag (quoted attribute values may hold ">") or a comment.
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
#: Inside these nothing is linked: a link already, code, and what is not prose.
_SKIP = frozenset(
    [
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "select",
        "option",
        "button",
        "svg",
        "math",
        "title",
    ]
)


#: :data:`_SKIP` and comments, in the order :class:`_Markup` tries them: links first
_SKIP_ORDER = ("a", *sorted(_SKIP - {"a"}), "<!--")


def _occurrences(html_text: str, sub: str) -> list[int]:
    """Every offset where ``sub`` occurs in ``html_text``, in order (overlaps too)."""
    found = []
    at = html_text.find(sub)
    while at >= 0:
        found.append(at)
        at = html_text.find(sub, at + 1)
    return found


class _Last:
    """The last occurrence of a string that ends at or before a position, looked up by
    bisection: ``str.rfind(sub, 0, pos)``, which scans back through the page each time,
    answered for each citation of a page from one forward scan."""

    def __init__(self, html_text: str, sub: str, keep: Callable[[int], bool] | None = None) -> None:
        self.starts = [at for at in _occurrences(html_text, sub) if keep is None or keep(at)]
        self.ends = [at + len(sub) for at in self.starts]

    def before(self, pos: int) -> int:
        """Where the last occurrence lying wholly before ``pos`` starts, or -1."""
        i = bisect_right(self.ends, pos)
        return self.starts[i - 1] if i else -1


class _Markup:
    """Where a rendered page is not prose: its comments and the elements of :data:`_SKIP`
    it closes somewhere, each as the offsets of its start and end tags, found once per
    page and only when a number needs them (most numbers in markup are links already)."""

    def __init__(self, html_text: str) -> None:
        self.html_text = html_text
        #: (last opening, last closing) of each element or comment; None: not on the page
        self._pairs: dict[str, tuple[_Last, _Last] | None] = {}

    def _pair(self, name: str) -> tuple[_Last, _Last] | None:
        if name not in self._pairs:
            html_text, pair = self.html_text, None
            if name == "<!--":
                if "<!--" in html_text:
                    pair = (_Last(html_text, "<!--"), _Last(html_text, "-->"))
            elif f"</{name}>" in html_text:  # an element never closed is not one to skip
                pair = (_start_tags(html_text, name), _Last(html_text, f"</{name}>"))
            self._pairs[name] = pair
        return self._pairs[name]

    def holds(self, start: int, end: int) -> bool:
        """True when ``html_text[start:end]`` is not plain text: it holds or sits inside
        a tag (an attribute value too, even one holding ">"), a comment, or an element in
        :data:`_SKIP` (a link already, code, a form control): one opened before ``start``
        later than it was last closed before ``start``."""
        html_text = self.html_text
        if "<" in html_text[start:end] or ">" in html_text[start:end]:
            return True
        lt = html_text.rfind("<", 0, start)
        while lt >= 0:
            tag = _TAG.match(html_text, lt)
            if tag is not None:
                if tag.end() > start:
                    return True
                break
            lt = html_text.rfind("<", 0, lt)  # a "<" inside an attribute value: look further back
        for name in _SKIP_ORDER:
            pair = self._pair(name)
            if pair is not None and pair[0].before(start) > pair[1].before(start):
                return True
        return False


#: what may follow an element's name in its start tag (``<a`` but not ``<abbr``)
_AFTER_NAME = frozenset(" >/\t\n")


def _start_tags(html_text: str, name: str) -> _Last:
    """The start tags ``<name`` of ``html_text`` (``<a href=…>``, ``<a>``; not ``<abbr``)."""
    after = len(name) + 1
    return _Last(
        html_text,
        "<" + name,
        lambda at: html_text[at + after : at + after + 1] in _AFTER_NAME,
    )


def link_html(html_text: str, here: str, resolver: Resolver) -> str:
    """``html_text`` (a rendered page at ``here``) with each document number that
    resolves to another published document made a link to its page. Numbers inside tags,
    links, code and form controls, and numbers of the page's own document, stay text.

    The numbers are read in the HTML as it is (a tag between a number and its date hides
    the date: the number is then resolved without one, never to a wrong document); only
    a number that resolves is checked for the markup around it, so a page costs little
    more than one pass of :func:`find_citations`."""
    if "/" not in html_text:
        return html_text
    markup: _Markup | None = None
    out, last = [], 0
    for cite in find_citations(html_text):
        doc = resolver.resolve(cite).document
        if doc is None or (target := document_url(doc.id)) == here:
            continue
        if markup is None:
            markup = _Markup(html_text)
        if markup.holds(cite.start, cite.end):
            continue
        out.append(html_text[last : cite.start])
        title = escape(f"{doc.full_title} ({doc.issued.short})", quote=True)
        out.append(
            f'<a class="ck-cite" href="{relative(here, target)}" title="{title}">'
            f"{html_text[cite.start : cite.end]}</a>"
        )
        last = cite.end
    if not out:
        return html_text
    out.append(html_text[last:])
    return "".join(out)
