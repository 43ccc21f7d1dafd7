"""操作日志 for supervisors: who did what and when, read from the hub (the log lives there, hash-chained),
with the chain's verdict on top and an export to Excel that is itself put on record."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.audit.export import ExportError, export_rows
from console.sync.client import HubClient, HubRefused, HubUnreachable
from ui.format import tr


class AuditLogView(QWidget):
    def __init__(self, client: HubClient | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.rows: list[dict[str, Any]] = []
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("编号"), tr("时间（北京时间）"), tr("操作人"), tr("操作"), tr("对象"), tr("详情")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.refresh_button = QPushButton(tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(tr("导出…"))
        self.export_button.clicked.connect(self._export)
        top = QHBoxLayout()
        top.addWidget(self.verdict, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        asyncio.ensure_future(self.load())

    async def load(self, export: bool = False) -> bool:
        if self.client is None:
            return False
        try:
            answer = await self.client.audit(limit=1000, export=export)
        except (HubUnreachable, HubRefused) as exc:
            self._show_verdict(tr("无法读取操作日志：") + str(exc), False)
            return False
        self.show_log(answer)
        return True

    def show_log(self, answer: dict[str, Any]) -> None:
        self.rows = list(answer.get("entries") or [])
        if answer.get("ok"):
            self._show_verdict(tr("日志完整：哈希链校验通过（共 {n} 条）。").format(n=answer.get("checked", 0)), True)
        else:
            self._show_verdict(tr("日志被改动过：") + str(answer.get("reason") or ""), False)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            detail = json.dumps(row.get("detail") or {}, ensure_ascii=False)
            for c, value in enumerate((row["id"], row["at"], row["actor"], row["action"], row["target"], detail)):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()

    def _show_verdict(self, text: str, ok: bool) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828; font-weight: bold;")

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出操作日志"), "操作日志.xlsx", tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)")
        )
        if path:
            asyncio.ensure_future(self.export_to(Path(path)))

    async def export_to(self, path: Path) -> int:
        """Fetch the log again with the export on record, then write the file."""
        if not await self.load(export=True):
            return 0
        try:
            written = await asyncio.to_thread(export_rows, self.rows, path)
        except (ExportError, OSError) as exc:
            self._show_verdict(tr("导出失败：") + str(exc), False)
            return 0
        self._show_verdict(tr("已导出 {n} 条到 {path}").format(n=written, path=path), True)
        return written
