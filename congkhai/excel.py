"""Excel: xuất dữ liệu ra .xlsx và nhập lại (the Excel round trip of every CSV dataset).

``export_workbook`` writes one sheet per CSV file (``congkhai excel xuat``): row 1 the
Vietnamese labels of ``column(...)``, row 2 (hidden) the column ids the import reads, data
from row 3; drop-downs for closed vocabularies and references (from a hidden sheet
``_danh-muc``), full dates as date cells shown ``dd/mm/yyyy``, every other cell as text so
that ``08/KH-UBND`` and ``007`` keep their form; header frozen, widths fitted.

``import_workbook`` (``congkhai excel nhap``) reads it back: Vietnamese or English headers,
date cells and Excel date serials, numbers Excel made of text, NFC. A row it cannot take is
reported with the sheet, row and column Excel shows, and then nothing is written. Otherwise
only what changed is written: a row whose cells all mean what the file says keeps its exact
bytes, a changed cell that means the same (``16/7/2019`` for ``16/07/2019``) keeps the
file's spelling, so the git diff shows the clerk's edit and nothing else.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from . import staff
from .csvfile import CsvFile, CsvRecord
from .dates import DateFormatError, parse_date

LISTS_SHEET = "_danh-muc"
HEADER_ROWS = 2  # labels, then the hidden ids
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
#: rows of the sheet below the data that still get drop-downs and text format
SPARE_ROWS = 500


@dataclass(frozen=True)
class CellProblem:
    """A cell (or row) of the workbook the import cannot take."""

    sheet: str
    row: int  # as Excel shows it
    column: str | None  # Excel letter
    label: str  # the column's Vietnamese label
    message: str

    def __str__(self) -> str:
        where = f"trang tính {self.sheet}, dòng {self.row}"
        if self.column:
            where += f", cột {self.column} ({self.label})"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    changed: tuple[str, ...]  # project files rewritten
    problems: tuple[CellProblem, ...]
    rows_changed: int = 0
    rows_added: int = 0
    rows_removed: int = 0


# --- export ---------------------------------------------------------------------------------


def export_workbook(root: Path, out: Path, only: str | None = None) -> list[str]:
    """Write the CSV datasets of ``root`` (``only``: one dataset) to ``out``; returns the
    sheet names. Raises ``ValueError`` (a bilingual message) when ``only`` names no dataset."""
    files = staff.csv_files(root, only)
    if not files:
        raise ValueError(
            f'không có bộ dữ liệu CSV "{only}" (no such CSV dataset); chọn một trong: '
            + ", ".join(sorted({s.dataset.name for s in staff.csv_files(root)}))
        )
    ids = staff.reference_ids(root)
    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet(LISTS_SHEET)
    list_ranges: dict[str, str] = {}

    def list_range(key: str, values: list[str]) -> str:
        if key not in list_ranges:
            col = get_column_letter(len(list_ranges) + 1)
            lists[f"{col}1"] = key
            for i, value in enumerate(values, start=2):
                lists[f"{col}{i}"] = value
            end = max(2, len(values) + 1)
            list_ranges[key] = f"'{LISTS_SHEET}'!${col}$2:${col}${end}"
        return list_ranges[key]

    for source in files:
        sheet = book.create_sheet(source.sheet)
        table = CsvFile.read(root / source.file)
        model = source.model
        columns = list(table.columns) + [
            c for c in staff.staff_columns(model) if c not in table.columns
        ]
        _write_sheet(sheet, model, columns, table.rows)
        last = HEADER_ROWS + len(table.rows) + SPARE_ROWS
        for index, name in enumerate(columns, start=1):
            letter = get_column_letter(index)
            values = staff.vocabulary(model, name)
            ref = staff.reference(model, name)
            if staff.kind(model, name) == "list":
                continue  # a list cell holds several values: no single-choice drop-down
            if values:
                formula, strict = list_range(f"{source.sheet}.{name}", values), True
            elif ref and any(ids.get(d) for d in ref.datasets):
                refs = sorted({i for d in ref.datasets for i in ids.get(d, [])})
                formula, strict = list_range("+".join(ref.datasets), refs), False
            else:
                continue
            check = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                # a reference may name a record added on another sheet today: warn only
                errorStyle="stop" if strict else "warning",
                errorTitle="Giá trị không có trong danh mục",
                error="Chọn một giá trị trong danh sách (choose a value from the list).",
            )
            check.add(f"{letter}{HEADER_ROWS + 1}:{letter}{last}")
            sheet.add_data_validation(check)
    lists.sheet_state = "hidden"
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    book.active = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return [s.sheet for s in files]


def _write_sheet(
    sheet: Worksheet, model: type[BaseModel], columns: list[str], rows: list[CsvRecord]
) -> None:
    widths = []
    for index, name in enumerate(columns, start=1):
        head = sheet.cell(1, index, staff.label(model, name))
        head.font = head.font.copy(bold=True)
        sheet.cell(2, index, name)
        widths.append(len(head.value or ""))
        kind = staff.kind(model, name)
        for offset, record in enumerate(rows):
            text = record.cells.get(name, "")
            cell = sheet.cell(HEADER_ROWS + 1 + offset, index)
            _put(cell, kind, text)
            widths[-1] = max(widths[-1], min(len(text), 60))
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(8, widths[-1] + 2)
        if kind != "date":
            # typed into a new row, "007" and "08/01" stay text, not 7 and a date
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.row_dimensions[2].hidden = True
    sheet.freeze_panes = f"A{HEADER_ROWS + 1}"


def _put(cell: Cell, kind: str, text: str) -> None:
    if kind == "date" and text:
        try:
            value = parse_date(text)
        except DateFormatError:
            value = None  # a month-only or a bad date stays as written
        if value is not None and value.day is not None:
            cell.value = value.to_date()
            cell.number_format = DATE_FORMAT
            return
    cell.value = text or None
    cell.number_format = TEXT_FORMAT


# --- import ---------------------------------------------------------------------------------


def _text(value: Any, kind: str) -> str:
    """What Excel saved, as the CSV text the validator reads."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if kind == "time":
            return value.strftime("%H:%M")
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "có" if value else ""
    if isinstance(value, int | float):
        if kind == "date" and 1 <= value < 2958466:
            serial = from_excel(value)  # a date Excel saved as its serial number
            return _text(serial, kind)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _header_map(
    sheet: Worksheet, model: type[BaseModel]
) -> tuple[dict[int, str], int, list[CellProblem]]:
    """Column index -> column id, the first data row, and unknown headers. Row 2 holds the
    ids when the workbook came from ``excel xuat``; otherwise row 1 is read as ids or
    Vietnamese labels."""
    names = staff.staff_columns(model)
    by_label = {_fold(staff.label(model, n)): n for n in names} | {_fold(n): n for n in names}
    second = [c.value for c in sheet[2]] if sheet.max_row >= 2 else []
    ids_row = (
        bool(second)
        and all(v is None or str(v).strip().lower() in names for v in second)
        and any(v for v in second)
    )
    header = second if ids_row else [c.value for c in sheet[1]]
    mapping: dict[int, str] = {}
    problems = []
    for index, value in enumerate(header, start=1):
        if value is None or not str(value).strip():
            continue
        name = by_label.get(_fold(str(value)))
        if name is None:
            problems.append(
                CellProblem(
                    sheet.title,
                    2 if ids_row else 1,
                    get_column_letter(index),
                    str(value),
                    "tiêu đề cột không có trong danh mục; các cột hợp lệ: "
                    + ", ".join(f"{staff.label(model, n)} ({n})" for n in names)
                    + " (unknown column header)",
                )
            )
        else:
            mapping[index] = name
    return mapping, (HEADER_ROWS + 1 if ids_row else 2), problems


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def import_workbook(root: Path, book_path: Path, *, write: bool = True) -> ImportResult:
    """Read ``book_path`` back into the CSV files of ``root``. Sheets named after no CSV
    file of the project are reported; all-or-nothing: with any problem, nothing is written."""
    book = load_workbook(book_path)
    files = {s.sheet: s for s in staff.csv_files(root)}
    problems: list[CellProblem] = []
    plans: list[tuple[Path, str, str]] = []
    counts = [0, 0, 0]
    for sheet in book.worksheets:
        if sheet.title == LISTS_SHEET:
            continue
        source = files.get(sheet.title)
        if source is None:
            problems.append(
                CellProblem(
                    sheet.title,
                    1,
                    None,
                    "",
                    "trang tính không ứng với tệp dữ liệu nào; tên hợp lệ: "
                    + ", ".join(files)
                    + " (sheet matches no data file)",
                )
            )
            continue
        path = root / source.file
        table = CsvFile.read(path)
        new_text, sheet_problems, sheet_counts = _merge(sheet, source.model, table)
        problems += sheet_problems
        counts = [a + b for a, b in zip(counts, sheet_counts, strict=True)]
        if new_text is not None and new_text != table.render():
            plans.append((path, source.file, new_text))
    if problems:
        return ImportResult((), tuple(problems))
    if write:
        for path, _, text in plans:
            path.write_bytes(text.encode("utf-8"))
    return ImportResult(tuple(f for _, f, _ in plans), (), *counts)


def _merge(
    sheet: Worksheet, model: type[BaseModel], table: CsvFile
) -> tuple[str | None, list[CellProblem], list[int]]:
    mapping, first, problems = _header_map(sheet, model)
    if problems:
        return None, problems, [0, 0, 0]
    columns = list(table.columns)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        row = {
            name: _text(cells[i - 1] if i - 1 < len(cells) else None, staff.kind(model, name))
            for i, name in mapping.items()
        }
        if not any(row.values()):
            continue
        rows.append((number, row))
        problems += _check_row(sheet.title, number, model, row, mapping)
    # a column the file lacks joins its header only when some row fills it
    extra = [n for n in mapping.values() if n not in columns and any(r[n] for _, r in rows)]
    if problems:
        return None, problems, [0, 0, 0]
    table.add_columns(extra)
    columns = list(table.columns)
    old = table.rows
    out: list[str] = []
    used: set[int] = set()
    changed = added = 0
    canonical = {i: _key(model, r.cells, columns) for i, r in enumerate(old)}
    for position, (_, row) in enumerate(rows):
        full = {c: row.get(c, "") for c in columns}
        # the row as it was, wherever it is now: its bytes are kept
        match = next(
            (
                i
                for i, key in canonical.items()
                if i not in used and key == _key(model, full, columns)
            ),
            None,
        )
        if match is not None:
            used.add(match)
            out.append(old[match].raw)
            continue
        base = old[position].cells if position < len(old) and position not in used else {}
        if base:
            used.add(position)
            changed += 1
        else:
            added += 1
        merged = {
            c: base[c] if c in base and staff.same_value(model, c, base[c], full[c]) else full[c]
            for c in columns
        }
        out.append(table.format_row(merged, len(base) if base else None))
    removed = len(old) - len(used)
    if out and not out[-1].endswith(("\n", "\r")):
        out[-1] += table.newline
    return table.bom + table.header_raw + "".join(out), [], [changed, added, removed]


def _key(model: type[BaseModel], cells: dict[str, str], columns: Iterable[str]) -> tuple[str, ...]:
    """A row's cells as the validator reads them, for "has this row changed?"."""
    out = []
    for name in columns:
        value = cells.get(name, "")
        out.append(_canonical(model, name, value))
    return tuple(out)


def _canonical(model: type[BaseModel], name: str, value: str) -> str:
    if not value or name not in model.model_fields:
        return value
    try:
        return repr(staff.adapter(model, name).validate_python(value))
    except (ValidationError, TypeError, ValueError):
        return value


def _check_row(
    sheet: str, number: int, model: type[BaseModel], row: dict[str, str], mapping: dict[int, str]
) -> list[CellProblem]:
    """Tier-1 validation of one row, with the cell as Excel names it."""
    letters = {name: get_column_letter(i) for i, name in mapping.items()}
    try:
        model.model_validate(row)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else None
            out.append(
                CellProblem(
                    sheet,
                    number,
                    letters.get(name or ""),
                    staff.label(model, name) if name else "",
                    err["msg"],
                )
            )
        return out
    return []
