"""合规检查: the inspection panel as the hub computes it for a quarter — per account, each figure the state
inspection judges with a coloured dot (正常 green, 提醒 amber, 警告 red), the figure in words, the rule it
serves (依据) and what to do (建议); the 账号台账 (each account's register, edited by administrators,
exported to Excel); and 导出自查报告, the quarter's PDF and Excel from the hub into a folder.

The panel needs the hub (the 错敏词 events and the audit log live there); offline the page shows the last
answer and says when it was fetched. The page never touches the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.compliance.panel import current_quarter, quarter_label
from console.compliance.register import COLUMNS
from ui.compliance.controller import ComplianceController, recent_quarters
from ui.compliance.dialogs import RegisterEditor
from ui.format import tr
from ui.forms import STYLE, hint_label, show_status, status_line

LEVEL_COLORS = {"ok": "#1e7b34", "warning": "#c77c02", "alarm": "#d92d20"}
LEVEL_WORDS = {"ok": "正常", "warning": "提醒", "alarm": "警告"}
PANEL_TAB, REGISTER_TAB = range(2)

PAGE_STYLE = (
    STYLE
    + """
#panelAccount { background: #ffffff; border: 1px solid #e4e7ed; border-radius: 6px; }
#panelAccount[level="alarm"] { border-left: 4px solid #d92d20; }
#panelAccount[level="warning"] { border-left: 4px solid #c77c02; }
#panelAccount[level="ok"] { border-left: 4px solid #1e7b34; }
#panelAccountName { font-size: 16px; font-weight: bold; }
#panelLineTitle { font-weight: bold; }
#panelLineWhy { color: #7a7f87; }
#panelScroll { background: #f5f6f8; border: none; }
#panelInner { background: #f5f6f8; }
#registerTable { border: 1px solid #dcdfe6; }
#registerTable::item { padding: 2px 6px; }
"""
)


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def dot(level: str, size: int = 14) -> QLabel:
    label = QLabel("●")
    label.setObjectName("levelDot")
    label.setProperty("level", level)
    label.setStyleSheet(f"color: {LEVEL_COLORS.get(level, '#7a7f87')}; font-size: {size}px;")
    label.setToolTip(tr(LEVEL_WORDS.get(level, level)))
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    return label


class AccountSection(QFrame):
    """One account of the panel: its name and worst level, then a row per figure."""

    def __init__(self, account: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelAccount")
        self.appid = str(account.get("appid") or "")
        self.level = str(account.get("level") or "ok")
        self.setProperty("level", self.level)
        self.lines: list[dict[str, Any]] = [dict(line) for line in account.get("lines") or []]

        name = QLabel(_esc(account.get("name") or self.appid))
        name.setObjectName("panelAccountName")
        kind = account.get("account_type_text")
        counts = {level: sum(1 for line in self.lines if line.get("level") == level) for level in LEVEL_COLORS}
        summary = [
            tr("{n} 项{level}").format(n=counts[level], level=tr(LEVEL_WORDS[level]))
            for level in ("alarm", "warning")
            if counts[level]
        ]
        level_word = tr(LEVEL_WORDS.get(self.level, self.level))
        meta = QLabel(
            f"<span style='color:{LEVEL_COLORS.get(self.level, '#7a7f87')};font-weight:bold'>{level_word}</span>"
            + (f" · {_esc(kind)}" if kind else "")
            + (f" · {'，'.join(summary)}" if summary else f" · {tr('各项正常')}")
        )
        meta.setObjectName("hint")
        head = QHBoxLayout()
        head.addWidget(dot(self.level, 18))
        head.addWidget(name)
        head.addWidget(meta, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(2, 1)
        for row, line in enumerate(self.lines):
            level = str(line.get("level") or "ok")
            grid.addWidget(dot(level), row, 0)
            title = QLabel(_esc(line.get("title") or line.get("key") or ""))
            title.setObjectName("panelLineTitle")
            title.setMinimumWidth(90)
            title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(title, row, 1)
            body = QLabel(self.line_html(line))
            body.setObjectName("panelLine")
            body.setProperty("key", line.get("key"))
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(body, row, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addLayout(head)
        layout.addLayout(grid)

    @staticmethod
    def line_html(line: dict[str, Any]) -> str:
        level = str(line.get("level") or "ok")
        color = LEVEL_COLORS.get(level, "#1d2129")
        word = tr(LEVEL_WORDS.get(level, level))
        parts = [
            f"<span style='color:{color};font-weight:bold'>{word}</span>　{_esc(line.get('value') or '')}",
            f"<span style='color:#7a7f87'>{tr('依据')}：{_esc(line.get('rule') or '')}</span>",
        ]
        if line.get("advice"):
            parts.append(f"{tr('建议')}：{_esc(line.get('advice'))}")
        return "<br>".join(parts)

    def level_of(self, key: str) -> str | None:
        return next((str(line.get("level")) for line in self.lines if line.get("key") == key), None)


class CompliancePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compliancePage")
        self.setStyleSheet(PAGE_STYLE)
        self.controller: ComplianceController | None = None
        self.sections: dict[str, AccountSection] = {}
        self.register_rows: list[dict[str, Any]] = []
        self.register_dialog: RegisterEditor | None = None
        self.saved_paths: list[str] = []
        self._loaded_once = False
        self.open_url = QDesktopServices.openUrl  # tests replace it

        heading = QLabel(tr("合规检查"))
        heading.setObjectName("pageTitle")
        self.quarter = QComboBox()
        self.quarter.setObjectName("complianceQuarter")
        self.refresh_button = QPushButton(tr("刷新"))
        self.refresh_button.setToolTip(tr("向服务端重新计算 (F5)"))
        self.fetched = QLabel()
        self.fetched.setObjectName("hint")
        self.report_button = QPushButton(tr("导出自查报告…"))
        self.report_button.setObjectName("primaryButton")
        self.report_button.setToolTip(tr("把本季度的自查报告（PDF 和 Excel）保存到一个文件夹"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel(tr("季度")))
        top.addWidget(self.quarter)
        top.addWidget(self.refresh_button)
        top.addWidget(self.fetched, 1)
        top.addWidget(self.report_button)

        self.status = status_line()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("hint")
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(tr("打开文件夹"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.saved_row = QWidget()
        saved = QHBoxLayout(self.saved_row)
        saved.setContentsMargins(0, 0, 0, 0)
        saved.addWidget(self.saved_label, 1)
        saved.addWidget(self.open_folder_button)
        self.saved_row.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_panel(), tr("检查面板"))
        self.tabs.addTab(self._build_register(), tr("账号台账"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.saved_row)
        layout.addWidget(self.tabs, 1)

        self.quarter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(lambda: self.export_report())
        refresh = QShortcut(QKeySequence("F5"), self, self.refresh)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._set_roles()

    def _build_panel(self) -> QWidget:
        self.panel_inner = QWidget()
        self.panel_inner.setObjectName("panelInner")
        self.panel_layout = QVBoxLayout(self.panel_inner)
        self.panel_layout.setContentsMargins(4, 4, 4, 4)
        self.panel_layout.setSpacing(12)
        self.panel_empty = QLabel(tr("点“刷新”向服务端取回本季度的合规检查。"))
        self.panel_empty.setObjectName("emptyHint")
        self.panel_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel_layout.addWidget(self.panel_empty)
        self.panel_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("panelScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel_inner)
        return scroll

    def _build_register(self) -> QWidget:
        self.register_table = QTableWidget(0, len(COLUMNS))
        self.register_table.setObjectName("registerTable")
        self.register_table.setHorizontalHeaderLabels([tr(label) for _key, label in COLUMNS])
        self.register_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.register_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.register_table.setAlternatingRowColors(True)
        self.register_table.verticalHeader().hide()
        header = self.register_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.register_table.doubleClicked.connect(lambda _index: self.administrator() and self.edit_register())
        self.register_table.itemSelectionChanged.connect(self._register_actions)
        self.register_edit_button = QPushButton(tr("编辑…"))
        self.register_edit_button.setToolTip(tr("填写所选公众号的台账（管理员）"))
        self.register_edit_button.clicked.connect(lambda: self.edit_register())
        self.register_export_button = QPushButton(tr("导出 Excel…"))
        self.register_export_button.clicked.connect(lambda: self.export_register())
        self.register_status = status_line()
        buttons = QHBoxLayout()
        buttons.addWidget(hint_label(tr("检查时须提供账号台账：责任单位、负责人、运营人员、开通日期等。")), 1)
        buttons.addWidget(self.register_edit_button)
        buttons.addWidget(self.register_export_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.register_status)
        layout.addWidget(self.register_table, 1)
        return tab

    # -- the controller --------------------------------------------------------------------------------
    def set_controller(self, controller: ComplianceController) -> None:
        self.controller = controller
        controller.panelLoaded.connect(self.show_panel)
        controller.panelFailed.connect(self.panel_failed)
        controller.registerLoaded.connect(self.show_register)
        controller.settled.connect(self.settle)
        controller.reportSaved.connect(self.report_saved)
        controller.reportFailed.connect(self.report_failed)
        controller.meChanged.connect(lambda *_args: self._set_roles())
        controller.registerExported.connect(
            lambda path: show_status(self.register_status, tr("已导出到 {path}").format(path=path), "ok")
        )
        controller.registerExportFailed.connect(lambda words: show_status(self.register_status, words, "error"))
        self.set_quarters(controller.today())
        if controller.register:
            self.show_register(controller.register)
        self._set_roles()

    def set_quarters(self, today: Any) -> None:
        self.quarter.blockSignals(True)
        self.quarter.clear()
        for quarter in recent_quarters(today):
            self.quarter.addItem(tr(quarter_label(quarter)), quarter)
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(current_quarter(today))))
        self.quarter.blockSignals(False)

    def current_quarter(self) -> str | None:
        data = self.quarter.currentData()
        return str(data) if data else None

    def administrator(self) -> bool:
        return self.controller is not None and self.controller.administrator

    def _set_roles(self) -> None:
        self.register_edit_button.setVisible(self.administrator())
        self._register_actions()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._loaded_once and self.controller is not None:
            self.refresh()

    # -- the panel -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.controller is None:
            return
        self._loaded_once = True
        show_status(self.status, tr("正在向服务端取回合规检查…"), "busy")
        self.controller.load_panel(self.current_quarter())

    def show_panel(self, panel: list[dict[str, Any]], when: str) -> None:
        for section in self.sections.values():
            self.panel_layout.removeWidget(section)
            section.deleteLater()
        self.sections = {}
        for n, account in enumerate(panel):
            section = AccountSection(account, self.panel_inner)
            self.sections[section.appid] = section
            self.panel_layout.insertWidget(n, section)
        self.panel_empty.setVisible(not panel)
        self.panel_empty.setText(tr("服务端没有可检查的公众号。") if not panel else "")
        measured = next((str(a.get("measured_at") or "") for a in panel), "").replace("T", " ")
        words = tr("{when} 取得").format(when=when)
        if measured:
            words += tr("（统计到 {at}）").format(at=measured)
        self.fetched.setText(words)
        show_status(self.status, "", "ok")

    def panel_failed(self, words: str) -> None:
        show_status(self.status, words, "notice" if self.sections else "error")

    # -- the report ------------------------------------------------------------------------------------
    def export_report(self, folder: str | None = None) -> None:
        quarter = self.current_quarter()
        if self.controller is None or quarter is None:
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, tr("选择保存自查报告的文件夹"))
            if not folder:
                return
        self.report_button.setEnabled(False)
        self.progress.show()
        self.saved_row.hide()
        show_status(
            self.status, tr("正在生成{quarter}自查报告（PDF 和 Excel）…").format(quarter=quarter_label(quarter)), "busy"
        )
        self.controller.export_report(quarter, folder)

    def report_saved(self, paths: list[str]) -> None:
        self.saved_paths = list(paths)
        self.report_button.setEnabled(True)
        self.progress.hide()
        show_status(self.status, tr("自查报告已保存。"), "ok")
        self.saved_label.setText(tr("已保存：") + "\n" + "\n".join(paths))
        self.saved_row.show()

    def report_failed(self, words: str) -> None:
        self.report_button.setEnabled(True)
        self.progress.hide()
        show_status(self.status, words, "error")

    def open_folder(self) -> None:
        if self.saved_paths:
            self.open_url(QUrl.fromLocalFile(str(Path(self.saved_paths[0]).parent)))

    # -- 账号台账 --------------------------------------------------------------------------------------
    def show_register(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.chosen_appid()
        self.register_rows = list(rows)
        self.register_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (key, _label) in enumerate(COLUMNS):
                cell = QTableWidgetItem(str(row.get(key) or ""))
                cell.setData(Qt.ItemDataRole.UserRole, row.get("appid"))
                if not row.get(key) and key not in ("name", "appid", "type"):
                    cell.setText("—")
                    cell.setForeground(Qt.GlobalColor.gray)
                self.register_table.setItem(r, c, cell)
        if not (chosen and self.select_register(chosen)) and rows:
            self.register_table.selectRow(0)
        self._register_actions()

    def chosen_appid(self) -> str | None:
        row = self.register_table.currentRow()
        if 0 <= row < len(self.register_rows):
            return str(self.register_rows[row].get("appid") or "") or None
        return None

    def select_register(self, appid: str) -> bool:
        for n, row in enumerate(self.register_rows):
            if row.get("appid") == appid:
                self.register_table.selectRow(n)
                return True
        return False

    def _register_actions(self) -> None:
        self.register_edit_button.setEnabled(self.chosen_appid() is not None)

    def edit_register(self, appid: str | None = None) -> RegisterEditor | None:
        appid = appid or self.chosen_appid()
        row = next((r for r in self.register_rows if r.get("appid") == appid), None)
        if row is None or self.controller is None:
            return None
        dialog = RegisterEditor(str(row["appid"]), str(row.get("name") or ""), row, self)
        dialog.submitted.connect(lambda cleaned, d=dialog: self._save_register(d, cleaned))
        dialog.finished.connect(lambda _result, d=dialog: self._register_closed(d))
        self.register_dialog = dialog
        dialog.open()
        return dialog

    def _save_register(self, dialog: RegisterEditor, cleaned: dict[str, Any]) -> None:
        if self.controller is None:
            return
        self.controller.save_register(dialog.appid, cleaned, dialog.version)
        if self.controller.inbox.online is False:
            dialog.saved()  # kept in the outbox: the hub's answer arrives on the page's status line
            show_status(self.register_status, tr("台账已记下，联网后发往服务端。"), "notice")

    def _register_closed(self, dialog: RegisterEditor) -> None:
        if self.register_dialog is dialog:
            self.register_dialog = None
        dialog.deleteLater()

    def export_register(self, path: str | None = None) -> None:
        if self.controller is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, tr("导出账号台账"), tr("账号台账.xlsx"), tr("Excel 文件 (*.xlsx)")
            )
            if not path:
                return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        show_status(self.register_status, tr("正在导出…"), "busy")
        self.controller.export_register(path)

    def settle(self, kind: str, applied: bool, words: str) -> None:
        if kind != "register_save":
            return
        dialog = self.register_dialog
        if applied:
            show_status(self.register_status, words or tr("台账已保存。"), "ok")
            if dialog is not None:
                dialog.saved()
        else:
            show_status(self.register_status, tr("服务端没有保存台账：") + words, "error")
            if dialog is not None:
                dialog.refused(words)
