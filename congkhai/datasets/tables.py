"""Đọc bảng CSV do cán bộ soạn (reading the CSV files staff edit, often from Excel).

We read with the standard ``csv`` module rather than pandas: a record's *physical* line
number is needed for every error message, and a cell may span lines (full titles with line
breaks pasted from Word); pandas does not report where a record started.

Accepted and normalized without complaint: a UTF-8 BOM, CRLF line endings, NFD-decomposed
Vietnamese (macOS, some keyboards), spaces around cells, a ``;`` delimiter (Excel in some
locales). A file that is not UTF-8 is an error that says how to re-save it.

A file that cannot be read at all (not UTF-8, UTF-16, empty, header only where rows are
required, an unclosed quote) gets one problem, its cause, and is marked unreadable
(:meth:`Problems.add_unreadable`) so that checks needing its rows stay quiet.
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
    '(Comma delimited) (*.csv)" rồi lưu lại dạng CSV UTF-8. Nếu tệp được gõ bằng phông TCVN3 '
    "(.VnTime), hãy chuyển mã sang Unicode (ví dụ bằng Unikey) trước khi lưu "
    "(the file is not UTF-8, probably Windows-1258 or TCVN3 from an old Excel: re-save it as "
    '"CSV UTF-8")'
)
#: Markdown and YAML are edited in a text editor, not Excel: the hint says so.
TEXT_RESAVE_HINT = (
    'Mở tệp bằng trình soạn thảo (Notepad, VS Code), chọn Lưu thành (Save As), mã "UTF-8", '
    "rồi lưu lại dạng UTF-8. Nếu tệp được gõ bằng phông TCVN3 (.VnTime), hãy chuyển mã sang "
    "Unicode (ví dụ bằng Unikey) trước khi lưu "
    '(the file is not UTF-8, probably Windows-1258 or TCVN3: re-save it as "UTF-8")'
)
UTF16_HINT = (
    'Tệp đang ở mã UTF-16 (kiểu "Unicode Text" của Excel). Mở tệp bằng Excel, chọn Tệp > '
    'Lưu thành (File > Save As), chọn kiểu "CSV UTF-8 (Comma delimited) (*.csv)" rồi lưu lại '
    'dạng CSV UTF-8 (the file is UTF-16, Excel\'s "Unicode Text": re-save it as "CSV UTF-8")'
)
TEXT_UTF16_HINT = (
    "Tệp đang ở mã UTF-16. Mở tệp bằng trình soạn thảo (Notepad, VS Code), chọn Lưu thành "
    '(Save As), mã "UTF-8", rồi lưu lại dạng UTF-8 (the file is UTF-16: re-save it as "UTF-8")'
)


def is_csv(file: str) -> bool:
    return file.lower().endswith(".csv")


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or the NUL bytes UTF-16 puts beside every ASCII letter."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:400]
    return len(head) >= 4 and head.count(b"\x00") * 4 >= len(head)


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
    """Decode a data file as UTF-8 (BOM optional). When it is not, report the one cause
    (UTF-16, or another encoding such as Windows-1258, with the line of the first bad byte),
    mark ``file`` unreadable and return None."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _looks_utf16(data):
        hint = UTF16_HINT if is_csv(file) else TEXT_UTF16_HINT
        problems.add_unreadable(Problem(file, None, None, "tệp không ở mã UTF-8. " + hint))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add_unreadable(
            Problem(
                file,
                line,
                None,
                f"tệp không ở mã UTF-8: byte 0x{data[exc.start]:02X} không đọc được. "
                + (RESAVE_HINT if is_csv(file) else TEXT_RESAVE_HINT),
            )
        )
        return None
    if "\x00" in text:
        problems.add_unreadable(
            Problem(
                file,
                text.count("\n", 0, text.index("\x00")) + 1,
                None,
                "tệp có ký tự NUL, không phải tệp văn bản (the file contains NUL bytes: not text)",
            )
        )
        return None
    return text


def read_staff_text(path: Path, file: str, problems: Problems) -> str | None:
    """A staff text file (Markdown, YAML) as NFC text with ``\n`` line ends, or None after
    reporting why it cannot be read (missing, a folder, unreadable, not UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add_unreadable(
            Problem(file, None, None, f"không đọc được tệp: {exc.strerror} (cannot read the file)")
        )
        return None
    text = decode(data, file, problems)
    return None if text is None else unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def _unclosed_quote(text: str, delimiter: str) -> int | None:
    """The line where a quoted cell opens and never closes, if any.

    The ``csv`` module, when not strict, reads an unclosed quote to the end of the file as
    one cell: every later row vanishes silently. A strict pass finds it; other strict-only
    complaints (``"a"b``) are left to the lenient reader, as before.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return start
    return None


def read_table(
    path: Path,
    file: str,
    columns: tuple[str, ...],
    required_columns: tuple[str, ...],
    problems: Problems,
    *,
    rows_required: bool = False,
) -> Table:
    """Read ``path`` into a :class:`Table`, checking its header against ``columns``.

    Unknown columns are errors (a typo must not make a column vanish silently); missing
    required columns are errors. A file that cannot be read at all (encoding, empty,
    header only when ``rows_required``, an unclosed quote) has one problem and is marked
    unreadable. Problems go to ``problems``; the table holds what could be read.
    """
    empty = Table(file, (), ())
    text = decode(path.read_bytes(), file, problems)
    if text is None:
        return empty
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if not text.strip():
        problems.add_unreadable(
            Problem(file, None, None, "tệp rỗng, thiếu dòng tiêu đề (empty file, no header)")
        )
        return empty
    quote_line = _unclosed_quote(text, delimiter)
    if quote_line is not None:
        problems.add_unreadable(
            Problem(
                file,
                quote_line,
                None,
                'dấu ngoặc kép (") mở ở dòng này không được đóng: mọi dòng sau bị đọc thành một '
                "ô (unclosed quote: the rest of the file would be read as one cell)",
            )
        )
        return empty
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [clean(h).lower() for h in next(reader)]
    except StopIteration:
        problems.add_unreadable(
            Problem(file, None, None, "tệp rỗng, thiếu dòng tiêu đề (empty file, no header)")
        )
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
        # No row can be trusted under a wrong header: checks needing its rows stay quiet.
        problems.unreadable.add(file)
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
        problems.add_unreadable(
            Problem(file, start, None, f"lỗi cú pháp CSV: {exc} (CSV syntax error)")
        )
        return Table(file, tuple(header), ())
    if rows_required and not rows and file not in problems.unreadable:
        problems.add_unreadable(
            Problem(
                file,
                None,
                None,
                "tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào (header only: no rows)",
            )
        )
    return Table(file, tuple(header), tuple(rows))
