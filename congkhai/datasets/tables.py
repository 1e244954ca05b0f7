"""Đọc bảng CSV do cán bộ soạn (reading the CSV files staff edit, often from Excel).

We read with the standard ``csv`` module rather than pandas: a record's *physical* line
number is needed for every error message, and a cell may span lines (full titles with line
breaks pasted from Word); pandas does not report where a record started.

Accepted and normalized without complaint: a UTF-8 BOM, CRLF line endings, NFD-decomposed
Vietnamese (macOS, some keyboards), spaces around cells, a ``;`` delimiter (Excel in some
locales). A file that is not UTF-8 is an error that says how to re-save it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, Problems, column_letter

RESAVE_HINT = (
    'Mở tệp bằng Excel, chọn Tệp > Lưu thành (File > Save As), chọn kiểu "CSV UTF-8 '
    '(Comma delimited) (*.csv)" rồi lưu lại. Nếu tệp được gõ bằng phông TCVN3 (.VnTime), '
    "hãy chuyển mã sang Unicode (ví dụ bằng Unikey) trước khi lưu "
    "(the file is not UTF-8, probably Windows-1258 or TCVN3 from an old Excel: re-save it as "
    '"CSV UTF-8")'
)


@dataclass(frozen=True)
class Row:
    """One record: its cells by column name and the line where it starts."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    file: str  # as shown in messages: ``data/documents.csv``
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def column_index(self, name: str) -> int | None:
        return self.columns.index(name) if name in self.columns else None


def clean(value: str) -> str:
    """NFC-normalize and strip one cell."""
    return unicodedata.normalize("NFC", value).strip()


def decode(data: bytes, file: str, problems: Problems) -> str | None:
    """Decode a data file as UTF-8 (BOM optional); report where it is not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(
            Problem(
                file,
                line,
                None,
                f"tệp không ở mã UTF-8: byte 0x{data[exc.start]:02X} không đọc được. "
                + RESAVE_HINT,
            )
        )
        return None


def read_table(
    path: Path,
    file: str,
    columns: tuple[str, ...],
    required_columns: tuple[str, ...],
    problems: Problems,
) -> Table:
    """Read ``path`` into a :class:`Table`, checking its header against ``columns``.

    Unknown columns are errors (a typo must not make a column vanish silently); missing
    required columns are errors. Problems go to ``problems``; the table holds what could
    be read.
    """
    empty = Table(file, (), ())
    text = decode(path.read_bytes(), file, problems)
    if text is None:
        return empty
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [clean(h).lower() for h in next(reader)]
    except StopIteration:
        problems.add(Problem(file, 1, None, "tệp rỗng, thiếu dòng tiêu đề (empty file, no header)"))
        return empty
    ok = True
    for index, name in enumerate(header):
        if name not in columns:
            ok = False
            problems.add(
                Problem(
                    file,
                    1,
                    name,
                    f"cột không có trong danh mục; các cột hợp lệ: {', '.join(columns)} "
                    "(unknown column)",
                    column_index=index,
                )
            )
        elif header.index(name) != index:
            ok = False
            problems.add(
                Problem(file, 1, name, "cột bị lặp (duplicate column)", column_index=index)
            )
    for name in required_columns:
        if name not in header:
            ok = False
            problems.add(Problem(file, 1, name, "thiếu cột bắt buộc (missing required column)"))
    if not ok:
        return Table(file, tuple(header), ())
    rows = []
    start = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(header):
                    problems.add(
                        Problem(
                            file,
                            start,
                            None,
                            f"dòng có {len(record)} ô, nhiều hơn {len(header)} cột của tiêu đề "
                            f"(ô thừa ở cột {column_letter(len(header))}) "
                            "(more cells than header columns)",
                        )
                    )
                else:
                    cells = {
                        name: clean(value) for name, value in zip(header, record, strict=False)
                    }
                    cells.update({name: "" for name in header[len(record) :]})
                    rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.add(Problem(file, start, None, f"lỗi cú pháp CSV: {exc} (CSV syntax error)"))
    return Table(file, tuple(header), tuple(rows))
