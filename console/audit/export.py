"""The operation log as a file an inspector opens in Excel or WPS: .xlsx (sheet "操作日志") or .csv
(UTF-8 with a BOM, so Excel reads the Chinese), chosen by the suffix and written atomically.

Details are written as compact JSON after masking secrets once more, so an export never carries a
secret even if one reached the table some other way.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from io import StringIO
from pathlib import Path
from typing import Any

from console.audit.chain import action_name, beijing_time, scrub
from console.files import write_atomically
from console.sheets import Sheet, write_workbook
from console.store.models import AuditEntry

SHEET = "操作日志"
COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8),
    ("时间（北京时间）", 20),
    ("操作人", 14),
    ("操作", 16),
    ("对象", 22),
    ("详情", 70),
    ("哈希", 66),
)
_WRAPPED = {"详情"}
# A CSV cell starting with one of these is a formula to Excel; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """The file cannot be written in the asked format; the message says why, in Chinese."""


def export_log(entries: Iterable[AuditEntry], path: Path) -> int:
    """Write `entries` (in the order given) to `path`, .xlsx or .csv; returns how many were written.
    ExportError for another suffix; OSError if the file cannot be written."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"只能导出为 .xlsx 或 .csv 文件，“{path.name}”不是。")
    rows = [_cells(entry) for entry in entries]
    if suffix == ".xlsx":
        _write_xlsx(path, rows)
    else:
        _write_csv(path, rows)
    return len(rows)


def export_rows(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """The same file from the hub's `/api/audit` answer (rows already in words), for a desk's export."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"只能导出为 .xlsx 或 .csv 文件，“{path.name}”不是。")
    cells = [
        [
            row["id"],
            row["at"],
            row["actor"],
            row["action"],
            row["target"],
            json.dumps(scrub(row.get("detail") or {}), ensure_ascii=False, separators=(",", ":")),
            row["hash"],
        ]
        for row in rows
    ]
    if suffix == ".xlsx":
        _write_xlsx(path, cells)
    else:
        _write_csv(path, cells)
    return len(cells)


def _cells(entry: AuditEntry) -> list[Any]:
    detail = json.dumps(scrub(entry.detail or {}), ensure_ascii=False, separators=(",", ":"))
    action = action_name(entry.action)
    if action != entry.action:
        action = f"{action}（{entry.action}）"
    return [entry.id, beijing_time(entry.at, seconds=True), entry.actor, action, entry.target, detail, entry.hash]


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    write_workbook(path, [Sheet(SHEET, COLUMNS, rows, wrapped=_WRAPPED)])


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in COLUMNS])
    for values in rows:
        writer.writerow([_csv_text(value) for value in values])
    write_atomically(path, "\ufeff" + buffer.getvalue())


def _csv_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
