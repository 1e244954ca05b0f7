"""Kỳ báo cáo (a reporting period) as staff write it in the statistics files: a year
``2021``, a quarter ``2021-Q1`` (``2021-q1``, ``Quý 1/2021`` too) or a month ``2021-03``
(``3/2021`` too). Statistics per period must not overlap: the same request counted in
``2021`` and in ``2021-Q1`` would be counted twice in a yearly total."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainValidator
from pydantic_core import PydanticCustomError

from ..problems import Problem, Problems

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])|[Qq]u[ýy]\s*([1-4])\s*/\s*(\d{4})", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{2})|(\d{1,2})/(\d{4})")


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of days; ``key`` is its canonical text (``2021``, ``2021-Q1``,
    ``2021-03``), ``label`` how pages name it (``Năm 2021``, ``Quý I/2021``, ``Tháng 3/2021``)."""

    start: dt.date
    end: dt.date
    key: str
    label: str

    @property
    def year(self) -> int:
        return self.start.year

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


_ROMAN = ("I", "II", "III", "IV")


def parse_period(text: str) -> Period:
    """``"2021"``, ``"2021-Q1"``, ``"Quý 1/2021"``, ``"2021-03"``, ``"3/2021"``; raises
    ``ValueError`` with a bilingual message otherwise."""
    text = text.strip()
    if m := _YEAR.fullmatch(text):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), f"Năm {year}")
    if m := _QUARTER.fullmatch(text):
        year, quarter = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return Period(
            dt.date(year, first, 1),
            dt.date(year, last, calendar.monthrange(year, last)[1]),
            f"{year}-Q{quarter}",
            f"Quý {_ROMAN[quarter - 1]}/{year}",
        )
    if m := _MONTH.fullmatch(text):
        year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 1 <= month <= 12:
            return Period(
                dt.date(year, month, 1),
                dt.date(year, month, calendar.monthrange(year, month)[1]),
                f"{year}-{month:02d}",
                f"Tháng {month}/{year}",
            )
    raise ValueError(
        f'"{text}" không phải kỳ báo cáo; ghi năm (2021), quý (2021-Q1) hoặc tháng (2021-03) '
        "(not a period: write a year, a quarter or a month)"
    )


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    text = str(value).strip()
    if not text:
        raise PydanticCustomError("required", "thiếu giá trị bắt buộc (missing required value)")
    try:
        return parse_period(text)
    except ValueError as exc:
        raise PydanticCustomError("period", str(exc).replace("{", "(").replace("}", ")")) from None


#: A cell holding a reporting period (validated, canonical key kept)
PeriodCell = Annotated[Period, PlainValidator(_period)]


def check_no_overlap(
    items: list[tuple[Period, int]],
    file: str,
    problems: Problems,
    columns: tuple[str, ...] = (),
    column: str = "period",
) -> None:
    """Two different periods (``items``: period and line) that share a day are an error on
    the later line: their counts would be added twice in a yearly total."""
    seen: list[tuple[Period, int]] = []
    for period, line in sorted(items, key=lambda i: i[1]):
        for other, other_line in seen:
            if other.key != period.key and other.overlaps(period):
                problems.add(
                    Problem(
                        file,
                        line,
                        column,
                        f'kỳ "{period.key}" trùng thời gian với kỳ "{other.key}" ở dòng '
                        f"{other_line}; mỗi khoảng thời gian chỉ ghi một lần "
                        "(periods overlap: counts would be added twice)",
                        column_index=columns.index(column) if column in columns else None,
                    )
                )
                break
        seen.append((period, line))
