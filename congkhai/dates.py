"""Ngày tháng: the as-of date and Vietnamese date formats (Nghị định 30/2020/NĐ-CP).

Everything that depends on "today" (upcoming, overdue, in force) takes one as-of date:
``CONGKHAI_AS_OF`` when set, otherwise today in Asia/Ho_Chi_Minh, whatever the machine's
own time zone is.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF_ENV = "CONGKHAI_AS_OF"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class DateFormatError(ValueError):
    """Raised with a bilingual message when a cell is not a date we accept."""


def as_of(environ: dict[str, str] | None = None, now: dt.datetime | None = None) -> dt.date:
    """Return the as-of date: ``CONGKHAI_AS_OF`` (ISO or dd/mm/yyyy) or today in Vietnam.

    Raises :class:`DateFormatError` (a bilingual message naming the variable) when the
    variable is not a full date between :data:`MIN_YEAR` and :data:`MAX_YEAR`.
    """
    env = os.environ if environ is None else environ
    raw = env.get(AS_OF_ENV, "").strip()
    if raw:
        try:
            value = parse_date(raw)
        except DateFormatError as exc:
            raise DateFormatError(f"{AS_OF_ENV}: {exc}") from None
        if value.day is None:
            raise DateFormatError(
                f'{AS_OF_ENV}="{raw}" phải là một ngày cụ thể (must be a full date)'
            )
        return value.to_date()
    current = now or dt.datetime.now(tz=VN_TZ)
    return current.astimezone(VN_TZ).date()


@functools.total_ordering
@dataclass(frozen=True)
class VnDate:
    """Một ngày, có thể chỉ biết tháng (a date, possibly known to the month only).

    A draft whose day is left blank ("ngày   tháng 11 năm 2021") has ``day=None``. It sorts
    at the start of its month, before the 1st of that month, and never pretends to a day it
    does not have: ``11/2021 < 01/11/2021 < 05/11/2021 < 12/2021``, and a month-only date
    equals only itself (so the order is total and agrees with ``==`` and ``hash``).
    """

    year: int
    month: int
    day: int | None = None

    @classmethod
    def of(cls, value: dt.date) -> VnDate:
        return cls(value.year, value.month, value.day)

    def _key(self) -> tuple[int, int, int]:
        # Day 0 does not exist: it places a month-only date before the month's 1st.
        return (self.year, self.month, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, VnDate):
            return NotImplemented
        return self._key() < other._key()

    def to_date(self) -> dt.date:
        """The first day this value can mean (the 1st of the month when the day is unknown)."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def iso(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def long(self) -> str:
        """``ngày 05 tháng 3 năm 2021`` (or ``tháng 11 năm 2021`` without a day)."""
        month_year = f"tháng {_month(self.month)} năm {self.year}"
        if self.day is None:
            return month_year
        return f"ngày {self.day:02d} {month_year}"

    @property
    def short(self) -> str:
        """``05/3/2021``, ``27/02/2019`` (or ``11/2021`` without a day)."""
        month_year = f"{_month(self.month)}/{self.year}"
        if self.day is None:
            return month_year
        return f"{self.day:02d}/{month_year}"


def _month(month: int) -> str:
    # Decree 30: months below 3 are zero-padded (tháng 01, tháng 02), the others are not.
    return f"{month:02d}" if month < 3 else str(month)


def format_long(value: dt.date | VnDate) -> str:
    return (value if isinstance(value, VnDate) else VnDate.of(value)).long


def format_short(value: dt.date | VnDate) -> str:
    return (value if isinstance(value, VnDate) else VnDate.of(value)).short


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MY = re.compile(r"(\d{1,2})/(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")

ACCEPTED_FORMATS = "dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd"
ACCEPTED_MONTH_FORMATS = "mm/yyyy, yyyy-mm"
#: Years a date may have unless the field says otherwise: a typo (2201, 9999) is caught
#: here instead of overflowing date arithmetic later.
MIN_YEAR, MAX_YEAR = 1930, 2100


def parse_date(
    text: str, *, allow_month: bool = False, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR
) -> VnDate:
    """Parse a cell as staff write it: ``05/3/2021``, ``05/03/2021`` or ``2021-03-05``.

    With ``allow_month``, ``11/2021`` and ``2021-11`` give a month-precision value. The year
    must lie in ``min_year..max_year``. Raises :class:`DateFormatError` with a bilingual
    message.
    """
    value = _parse_date(text, allow_month)
    if not min_year <= value.year <= max_year:
        raise DateFormatError(
            f'"{text.strip()}": năm {value.year} nằm ngoài khoảng {min_year}-{max_year} '
            f"(year outside {min_year}-{max_year})"
        )
    return value


def _parse_date(text: str, allow_month: bool) -> VnDate:
    value = text.strip()
    for pattern, order in ((_DMY, "dmy"), (_ISO, "ymd")):
        m = pattern.fullmatch(value)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            try:
                dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise DateFormatError(
                    f'"{value}" không phải ngày hợp lệ (not a valid date)'
                ) from None
            return VnDate(parts["y"], parts["m"], parts["d"])
    for pattern, order in ((_MY, "my"), (_ISO_MONTH, "ym")):
        m = pattern.fullmatch(value)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if not allow_month:
                raise DateFormatError(
                    f'"{value}" thiếu ngày; cần dạng {ACCEPTED_FORMATS} (a day is required here)'
                )
            if not 1 <= parts["m"] <= 12:
                raise DateFormatError(f'"{value}" không phải tháng hợp lệ (not a valid month)')
            return VnDate(parts["y"], parts["m"], None)
    formats = ACCEPTED_FORMATS + (", " + ACCEPTED_MONTH_FORMATS if allow_month else "")
    raise DateFormatError(
        f'"{value}" không đúng định dạng ngày; dùng {formats} (unknown date format)'
    )


def weekday_name(value: dt.date) -> str:
    return WEEKDAYS[value.weekday()]


# --- ngày làm việc (working days) -------------------------------------------------------


@dataclass(frozen=True)
class DayAdjustment:
    """A day the government announced as off (nghỉ bù) or as a make-up working day (làm bù)."""

    day: dt.date
    working: bool
    name: str


class WorkingCalendar:
    """Vietnamese working days: Monday to Friday, minus public holidays (the ``holidays``
    package knows the fixed and lunar ones, Tết Nguyên đán and Giỗ Tổ Hùng Vương included,
    and the swaps it has been told about), adjusted by the days staff record in
    ``data/ngay-nghi.csv`` as each year's announcements come out."""

    def __init__(self, adjustments: tuple[DayAdjustment, ...] = ()) -> None:
        import holidays

        self._holidays = holidays.country_holidays("VN", language="vi")
        self._adjusted = {a.day: a for a in adjustments}

    def is_working_day(self, day: dt.date) -> bool:
        adjusted = self._adjusted.get(day)
        if adjusted is not None:
            return adjusted.working
        return bool(self._holidays.is_working_day(day))

    def day_off_reason(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day (holiday name, "Thứ Bảy"), or None."""
        if self.is_working_day(day):
            return None
        adjusted = self._adjusted.get(day)
        if adjusted is not None:
            return adjusted.name
        name = self._holidays.get(day)
        return str(name) if name else weekday_name(day)

    def shift(self, day: dt.date, step: int) -> dt.date:
        """The nearest working day from ``day`` in direction ``step`` (+1 or -1)."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=step)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """Move ``count`` working days from ``day`` (negative: backwards)."""
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        while remaining:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day
