"""Excel sheets the way every export of this product writes them: a bold header row that stays in view
(frozen), widths that fit Chinese text, and text kept as text.

Why "text as text": a follower's message or a note that begins with "=" would otherwise be a formula
to Excel, and an id like "0012" would lose its zeros. Characters openpyxl refuses (control characters
from pasted text) are dropped rather than failing the whole export. The file is written atomically,
so a full disk never leaves half a workbook where the previous one was.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from console.files import write_atomically

Column = tuple[str, int]  # header, width in Excel's character units


@dataclass(frozen=True)
class Sheet:
    """One worksheet to write: its title, (header, width) columns, and rows of plain values."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    wrapped: Collection[str] = field(default_factory=frozenset)  # headers whose cells wrap long text


def clean_text(value: str) -> str:
    """The string as a cell can hold it."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_sheet(
    ws: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[Any]], wrapped: Collection[str] = ()
) -> int:
    """Fill `ws` with a bold, frozen header and `rows`; returns how many rows were written.

    Strings are stored as text, never as formulas; numbers, dates and None are stored as they are.
    A row shorter than the header leaves the rest blank; a longer one is an error in the caller.
    """
    bold = Font(bold=True)
    headers = [header for header, _ in columns]
    for index, (header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    count = 0
    for row_index, values in enumerate(rows, start=2):
        if len(values) > len(headers):
            raise ValueError(f"row {row_index} has {len(values)} cells for {len(headers)} columns")
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row_index, column=column)
            if isinstance(value, str):
                cell.value = clean_text(value)
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
            else:
                cell.value = value
            cell.alignment = wrap if headers[column - 1] in wrapped else top
        count += 1
    return count


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file holding `sheets` in order, as bytes (for a caller that checks before writing)."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)
    for n, sheet in enumerate(sheets):
        ws = first if n == 0 else book.create_sheet()
        ws.title = sheet.title
        write_sheet(ws, sheet.columns, sheet.rows, sheet.wrapped)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write `sheets` to `path` atomically; OSError if the file cannot be written."""
    write_atomically(path, workbook_bytes(sheets))
