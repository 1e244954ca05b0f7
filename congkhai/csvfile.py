"""Sửa tệp CSV mà không xáo trộn (editing a staff CSV without disturbing it).

The tools that write data (``congkhai moi``, ``congkhai tep them``, ``congkhai excel nhap``)
must leave a git diff that shows the clerk's edit and nothing else: every record they do not
change keeps its exact bytes (quoting, date style, line ending), the file keeps its BOM (or
its absence) and its newline style. :class:`CsvFile` keeps each record's raw text next to its
cells; :meth:`CsvFile.render` puts the file back together from them.

The reading rules are those of :mod:`congkhai.datasets.tables` (delimiter from the header,
NFC-cleaned cells); this module only adds the raw text, so that it can write.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from .datasets.tables import clean

BOM = "\ufeff"


@dataclass(frozen=True)
class CsvRecord:
    """One record: where it starts (line as an editor counts), its cells, its raw text."""

    line: int
    cells: dict[str, str]
    raw: str  # with its line ending; several lines when a cell holds a line break


@dataclass
class CsvFile:
    """A staff CSV file split into header and records, each with its raw text."""

    bom: str
    newline: str  # "\n" or "\r\n": what the file uses, for rows the tools add
    delimiter: str
    header_raw: str
    columns: tuple[str, ...]
    records: list[CsvRecord] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> CsvFile:
        """Read ``path`` (UTF-8, BOM optional). Raises ``UnicodeDecodeError`` or ``csv.Error``
        on a file the validator would refuse: callers run ``congkhai kiem-tra`` first."""
        text = path.read_bytes().decode("utf-8")
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> CsvFile:
        bom = BOM if text.startswith(BOM) else ""
        text = text[len(bom) :]
        # The same line splitting as the csv module with newline="": raw text rejoins exactly.
        lines = io.StringIO(text, newline="").readlines()
        first = lines[0] if lines else ""
        newline = "\r\n" if first.endswith("\r\n") else "\n"
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(reader, [])
        columns = tuple(clean(h).lower() for h in header)
        done = reader.line_num
        header_raw = "".join(lines[:done])
        records = []
        for cells in reader:
            raw = "".join(lines[done : reader.line_num])
            if any(c.strip() for c in cells):
                records.append(
                    CsvRecord(
                        done + 1,
                        {n: clean(v) for n, v in zip(columns, cells, strict=False)},
                        raw,
                    )
                )
            else:  # a blank line stays where it is
                records.append(CsvRecord(done + 1, {}, raw))
            done = reader.line_num
        tail = "".join(lines[done:])
        if tail and records:
            last = records[-1]
            records[-1] = replace(last, raw=last.raw + tail)
        return cls(bom, newline, delimiter, header_raw, columns, records)

    @property
    def rows(self) -> list[CsvRecord]:
        """The records that hold data (blank lines left out)."""
        return [r for r in self.records if r.cells]

    def format_row(self, cells: dict[str, str], width: int | None = None) -> str:
        """One record in the file's style: its delimiter, minimal quoting, its newline.
        ``width``: the cells the record had, when it was shorter than the header; empty
        cells past it are not added (the edited line differs only where it was edited)."""
        values = [cells.get(c, "") for c in self.columns]
        while width is not None and len(values) > width and not values[-1]:
            values.pop()
        out = io.StringIO()
        csv.writer(
            out, delimiter=self.delimiter, lineterminator=self.newline, quoting=csv.QUOTE_MINIMAL
        ).writerow(values)
        return out.getvalue()

    def add_columns(self, names: list[str]) -> None:
        """Add ``names`` at the end of the header only: the reader takes a row with fewer
        cells than the header as empty at its end, so no other line changes."""
        new = [n for n in names if n not in self.columns]
        if new:
            self.columns = (*self.columns, *new)
            self.header_raw = self.format_row({c: c for c in self.columns})

    def render(self) -> str:
        parts = [self.bom, self.header_raw]
        for record in self.records:
            parts.append(record.raw)
        return "".join(parts)


def ends_with_newline(path: Path) -> bool:
    data = path.read_bytes()
    return not data or data.endswith(b"\n")


def append_row(path: Path, cells: dict[str, str]) -> str:
    """Append one record to ``path`` without touching a byte before it; returns the text
    written. A last line without its line ending gets one first (otherwise the new record
    would be glued to it)."""
    table = CsvFile.read(path)
    text = table.format_row(cells)
    if not ends_with_newline(path):
        text = table.newline + text
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write(text)
    return text
