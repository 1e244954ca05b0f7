"""Lỗi và cảnh báo dữ liệu (data problems), collected and reported all at once.

Every message names the file, the line (as a text editor or Excel counts it) and the
column, in Vietnamese with an English gloss, e.g.::

    data/documents.csv:14: cột "issued" (E): "31/02/2021" không phải ngày hợp lệ (not a valid date)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "loi"  # stops the build: nothing is published from broken data
    WARNING = "canh-bao"  # doubtful data: published, listed in the report
    MISSING = "thieu"  # a required fact nobody has supplied yet: listed in the report
    LEGAL = "phap-ly"  # the data says the office missed a legal requirement: listed


SEVERITY_LABELS = {
    Severity.ERROR: "Lỗi",
    Severity.WARNING: "Cảnh báo",
    Severity.MISSING: "Thiếu thông tin",
    Severity.LEGAL: "Chưa đúng quy định pháp luật",
}


def column_letter(index: int) -> str:
    """Excel's name for the 0-based column ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """Một vấn đề về dữ liệu at a place in a data file.

    Problems sort by file, then line (a problem of the whole file, ``line=None``, first),
    column and message: a total order, whatever is missing.
    """

    file: str
    line: int | None
    column: str | None
    message: str  # Vietnamese first, then the English gloss in parentheses
    severity: Severity = Severity.ERROR
    column_index: int | None = field(default=None, compare=False)
    #: which legal rule a ``LEGAL`` problem applies (``dang-tai-cham``…): the compliance
    #: report groups by it (``congkhai/compliance.py`` names them)
    rule: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is None:
            return f"{where}: {self.message}"
        letter = f" ({column_letter(self.column_index)})" if self.column_index is not None else ""
        word = "khóa" if self.file.lower().endswith((".yaml", ".yml", ".md")) else "cột"
        return f'{where}: {word} "{self.column}"{letter}: {self.message}'

    def _key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.column or "", self.message, self.severity.value)

    def __lt__(self, other: Problem) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()


#: The order a clerk fixes things in: the agency, then who issues, then what they issue, then
#: what cites it; an unlisted file comes after these, alphabetically.
FIX_ORDER = (
    "data/site.yaml",
    "data/organizations.csv",
    "data/people.csv",
    "data/documents.csv",
    "data/relations.csv",
    "data/ngay-nghi.csv",
    "data/reception/rules.yaml",
    "data/reception/",
    "data/meetings.csv",
    "data/dialogue_items.csv",
    "data/dialogue_totals.csv",
    "data/plans/",
    "data/thong-bao/",
)


def fix_rank(file: str) -> int:
    """Where ``file`` comes in :data:`FIX_ORDER` (a folder entry covers the files in it)."""
    for rank, entry in enumerate(FIX_ORDER):
        if file == entry or (entry.endswith("/") and file.startswith(entry)):
            return rank
    return len(FIX_ORDER)


def report_key(problem: Problem) -> tuple[int, str, int, str, str]:
    """Sort key of the error report: by file in :data:`FIX_ORDER`, lines ascending."""
    return (fix_rank(problem.file), problem.file, *problem._key()[1:4])


@dataclass
class Problems:
    """Collects problems from every stage, so that all are reported at once."""

    items: list[Problem] = field(default_factory=list)
    #: Files that could not be read at all (encoding, empty, header only, syntax): each has
    #: one problem, its cause, and checks that need its rows are skipped.
    unreadable: set[str] = field(default_factory=set)

    def add(self, problem: Problem, *, depends_on: str | Iterable[str] = ()) -> None:
        """Add ``problem``, unless it is a knock-on of a file that could not be read.

        ``depends_on`` names the data file(s) whose rows the check needed (the file an
        unknown id should have been in): when one of them is unreadable, the problem says
        nothing the clerk can act on and is dropped.
        """
        files = {depends_on} if isinstance(depends_on, str) else set(depends_on)
        if files & self.unreadable:
            return
        self.items.append(problem)

    def add_unreadable(self, problem: Problem) -> None:
        """Record that ``problem.file`` cannot be read at all; ``problem`` says why."""
        self.unreadable.add(problem.file)
        self.items.append(problem)

    def readable(self, file: str) -> bool:
        """False when ``file`` could not be read: skip the checks that need its rows."""
        return file not in self.unreadable

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def of(self, severity: Severity) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is severity)

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    def error_report(self) -> str:
        """Every error, grouped by file: unreadable files first (their one cause each), then
        the others, files in the order a clerk fixes them (:data:`FIX_ORDER`), lines
        ascending within a file."""
        errors = sorted(self.errors, key=lambda p: (p.file not in self.unreadable, *report_key(p)))
        lines = [
            f"Dữ liệu có {len(errors)} lỗi; chưa xuất bản gì "
            f"(the data has {len(errors)} error(s); nothing was published):",
            *(f"  {p}" for p in errors),
        ]
        return "\n".join(lines)


def unexpected(file: str, line: int | None, exc: BaseException) -> Problem:
    """A failure nobody foresaw while reading ``file``, as a message naming the file (and
    line): a staff file never causes a traceback."""
    return Problem(
        file,
        line,
        None,
        f"không đọc được tệp: {type(exc).__name__}: {exc} (could not read this file; "
        "please report it with the file)",
    )


class DataError(Exception):
    """Raised when the data has errors; its message lists every one of them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(problems.error_report())
