"""Lỗi và cảnh báo dữ liệu (data problems), collected and reported all at once.

Every message names the file, the line (as a text editor or Excel counts it) and the
column, in Vietnamese with an English gloss, e.g.::

    data/documents.csv:14: cột "issued" (E): "31/02/2021" không phải ngày hợp lệ (not a valid date)
"""

from __future__ import annotations

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


@dataclass(frozen=True, order=True)
class Problem:
    """Một vấn đề về dữ liệu at a place in a data file."""

    file: str
    line: int | None
    column: str | None
    message: str  # Vietnamese first, then the English gloss in parentheses
    severity: Severity = Severity.ERROR
    column_index: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is None:
            return f"{where}: {self.message}"
        letter = f" ({column_letter(self.column_index)})" if self.column_index is not None else ""
        word = "khóa" if self.file.endswith((".yaml", ".yml", ".md")) else "cột"
        return f'{where}: {word} "{self.column}"{letter}: {self.message}'


@dataclass
class Problems:
    """Collects problems from every stage, so that all are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def of(self, severity: Severity) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is severity)

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    def error_report(self) -> str:
        errors = self.errors
        lines = [
            f"Dữ liệu có {len(errors)} lỗi; chưa xuất bản gì "
            f"(the data has {len(errors)} error(s); nothing was published):",
            *(f"  {p}" for p in errors),
        ]
        return "\n".join(lines)


class DataError(Exception):
    """Raised when the data has errors; its message lists every one of them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(problems.error_report())
