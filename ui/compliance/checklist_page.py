"""安全清单: each account's security tasks — what to check, how often, who, by when — with the state an
inspection would see (已逾期 in red, 即将到期 in amber, 待签核 in blue), and beside the chosen item how
to check it and every time it was done, with its evidence (a double-click opens a file). 登记完成 records
a check with files; a supervisor signs off a colleague's record; administrators install the default
list and edit it. Items the console checks itself are marked 系统自检, with what it found.

The page shows what the controller loads and hands every action to it; it never touches the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.checklist.self_checks import AUTO_TEXT, SYSTEM_DOER
from ui.compliance.controller import ComplianceController
from ui.compliance.dialogs import DoneDialog, ItemEditor, size_words
from ui.format import local, tr
from ui.forms import STYLE, fill_accounts, hint_label, show_status, status_line
from ui.rows_model import RowsModel

STATE_COLORS = {"overdue": "#d92d20", "due_soon": "#c77c02", "unsigned": "#1d5fbf", "ok": "#1e7b34"}
AUTO_MARK = "系统自检"
RecordRole = Qt.ItemDataRole.UserRole + 1
EvidenceRole = Qt.ItemDataRole.UserRole + 2

PAGE_STYLE = (
    STYLE
    + """
#checklistTable { border: 1px solid #dcdfe6; }
#checklistTable::item { padding: 2px 4px; }
#checklistRecords { border: 1px solid #dcdfe6; }
#sectionLabel { color: #4e5969; font-weight: bold; padding-top: 6px; }
#checklistHow { background: #f7f8fa; border: 1px solid #e4e7ed; border-radius: 4px; padding: 6px 8px; }
#autoBox { background: #eef3fb; border: 1px solid #c6d8f5; border-radius: 4px; padding: 6px 8px; color: #1d2129; }
#overdueSummary[overdue="true"] { color: #d92d20; font-weight: bold; }
#emptyHint { font-size: 15px; }
"""
)


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    return label


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


def auto_words(evidence: dict[str, Any]) -> str:
    """The console's own check, as evidence, in words: which check, when, what it saw."""
    check = str(evidence.get("check") or "")
    name = AUTO_TEXT.get(check, check)
    at = str(evidence.get("at") or "")[:16].replace("T", " ")
    facts = evidence.get("result") if isinstance(evidence.get("result"), dict) else {}
    shown = "，".join(f"{key}={value}" for key, value in facts.items())  # type: ignore[union-attr]
    words = tr("系统自检（{name}）").format(name=name)
    if at:
        words += tr("，{at} UTC").format(at=at)
    return words + (f"：{shown}" if shown else "")


class WrapDelegate(QStyledItemDelegate):
    """Rows of the history as tall as their wrapped text: QTreeView wraps when it paints but sizes rows
    without knowing the column's width, so a long 检查结果 would be cut to one line."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = self.tree.columnWidth(index.column()) - 8
        if index.column() == 0:
            width -= self.tree.indentation()
        if not text or width <= 20:
            return base
        icon = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width - icon, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 8))


class ItemsModel(RowsModel):
    """The checklist, overdue first (the order the controller reads), the state coloured."""

    TITLE, ACCOUNT, PERIOD, OWNER, DUE, STATE = range(6)

    def headers(self) -> tuple[str, ...]:
        return (tr("检查项"), tr("公众号"), tr("周期"), tr("负责人"), tr("到期日"), tr("状态"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return item.title + (f"  〔{tr(AUTO_MARK)}〕" if item.auto else "")
            if column == self.ACCOUNT:
                return item.account_name
            if column == self.PERIOD:
                return tr(item.period_text)
            if column == self.OWNER:
                return item.owner or "—"
            if column == self.DUE:
                return _day(item.due_on)
            if column == self.STATE:
                return tr(item.state_text)
        elif role == Qt.ItemDataRole.ForegroundRole and column in (self.STATE, self.DUE):
            if item.state != "ok" or column == self.STATE:
                return QColor(STATE_COLORS.get(item.state, "#1d2129"))
        elif role == Qt.ItemDataRole.FontRole and item.state == "overdue" and column in (self.STATE, self.DUE):
            font = QFont()
            font.setBold(True)
            return font
        elif role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title, f"{item.account_name} · {tr(item.period_text)} · {tr(item.state_text)}"]
            if item.auto:
                lines.append(tr("此项由工作台自动检查并登记"))
            if item.last_done_on:
                lines.append(tr("上次完成：{day}").format(day=item.last_done_on.isoformat()))
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.UserRole:
            return item.id
        return None


class ChecklistPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPage")
        self.setStyleSheet(PAGE_STYLE)
        self.controller: ComplianceController | None = None
        self.records: list[Any] = []
        self.done_dialog: DoneDialog | None = None
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # tests replace it

        heading = QLabel(tr("安全清单"))
        heading.setObjectName("pageTitle")
        self.account = QComboBox()
        self.account.setObjectName("checklistAccount")
        self.account.setMinimumWidth(160)
        self.account.addItem(tr("全部公众号"), None)
        self.overdue = QLabel()
        self.overdue.setObjectName("overdueSummary")
        self.install_button = QPushButton(tr("安装默认清单"))
        self.install_button.setToolTip(tr("为所选公众号添加默认的安全检查项（已有的不重复添加）"))
        self.new_button = QPushButton(tr("新增检查项…"))
        self.new_button.setToolTip(tr("新增检查项 (Ctrl+N)"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.account)
        top.addWidget(self.overdue, 1)
        top.addWidget(self.install_button)
        top.addWidget(self.new_button)

        self.model = ItemsModel(self)
        self.table = QTableView()
        self.table.setObjectName("checklistTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(ItemsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (ItemsModel.ACCOUNT, ItemsModel.PERIOD, ItemsModel.OWNER, ItemsModel.DUE, ItemsModel.STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.table.doubleClicked.connect(lambda _index: self.mark_done())
        self.empty = QLabel(tr("还没有检查项。管理员可点“安装默认清单”，为所选公众号添加常用的安全检查项。"))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty)
        self.list_stack.addWidget(self.table)

        self.detail = self._build_detail()
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])

        self.status = status_line()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.account.currentIndexChanged.connect(self._account_changed)
        self.install_button.clicked.connect(self.install_defaults)
        self.new_button.clicked.connect(lambda: self.edit_item(None))
        self.done_button.clicked.connect(self.mark_done)
        self.sign_button.clicked.connect(self.sign_off)
        self.edit_button.clicked.connect(lambda: self.edit_item(self.current_item()))
        self.archive_button.clicked.connect(self.archive_item)
        self.history.itemDoubleClicked.connect(self._history_activated)
        self.history.currentItemChanged.connect(lambda *_args: self._show_actions())
        keys = (
            ("Ctrl+D", self.mark_done),
            ("Ctrl+N", lambda: self.administrator() and self.edit_item(None)),
            ("Ctrl+E", lambda: self.administrator() and self.edit_item(self.current_item())),
            ("F5", lambda: self.controller is not None and self.controller.reload()),
        )
        for key, handler in keys:
            shortcut = QShortcut(QKeySequence(key), self, lambda run=handler: run())
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_rows([])
        self._set_roles()

    def _build_detail(self) -> QWidget:
        self.item_title = QLabel()
        self.item_title.setObjectName("editorHeading")
        self.item_title.setWordWrap(True)
        self.item_meta = QLabel()
        self.item_meta.setObjectName("hint")
        self.item_meta.setWordWrap(True)
        self.item_meta.setTextFormat(Qt.TextFormat.RichText)
        self.auto_box = QLabel()
        self.auto_box.setObjectName("autoBox")
        self.auto_box.setWordWrap(True)
        self.how_label = _section(tr("检查方法"))
        self.how = QLabel()
        self.how.setObjectName("checklistHow")
        self.how.setWordWrap(True)
        self.how.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_label = _section(tr("完成记录"))
        self.history = QTreeWidget()
        self.history.setObjectName("checklistRecords")
        self.history.setColumnCount(4)
        self.history.setHeaderLabels([tr("完成日期"), tr("登记人"), tr("检查结果"), tr("签核")])
        self.history.setRootIsDecorated(True)
        self.history.setUniformRowHeights(False)
        self.history.setWordWrap(True)
        self.history.setItemDelegate(WrapDelegate(self.history))
        hh = self.history.header()
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        hh.sectionResized.connect(lambda *_args: self.history.scheduleDelayedItemsLayout())
        self.history_hint = hint_label(tr("双击附件可在本机打开。"))
        self.done_button = QPushButton(tr("登记完成…"))
        self.done_button.setObjectName("primaryButton")
        self.done_button.setToolTip(tr("登记这一次检查的结果和佐证材料 (Ctrl+D)"))
        self.sign_button = QPushButton(tr("审核签字"))
        self.sign_button.setToolTip(tr("签核所选（或最近一条未签核的）记录；不能签核自己登记的"))
        self.edit_button = QPushButton(tr("编辑…"))
        self.edit_button.setToolTip(tr("修改检查项 (Ctrl+E)"))
        self.archive_button = QPushButton(tr("停用"))
        self.archive_button.setObjectName("dangerButton")
        self.archive_button.setToolTip(tr("不再检查这一项（已有记录保留）"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.done_button)
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.item_title)
        layout.addWidget(self.item_meta)
        layout.addWidget(self.auto_box)
        layout.addWidget(self.how_label)
        layout.addWidget(self.how)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.history_hint)
        layout.addLayout(buttons)
        return detail

    # -- the controller --------------------------------------------------------------------------------
    def set_controller(self, controller: ComplianceController) -> None:
        self.controller = controller
        controller.checklistLoaded.connect(self.set_rows)
        controller.recordsLoaded.connect(self.set_records)
        controller.overdueChanged.connect(self.set_overdue)
        controller.settled.connect(self.settle)
        controller.meChanged.connect(lambda *_args: self._set_roles())
        controller.evidenceReady.connect(lambda path: self.open_url(QUrl.fromLocalFile(path)))
        controller.evidenceFailed.connect(lambda words: show_status(self.status, words, "error"))
        controller.doneSent.connect(self._done_sent)
        controller.doneFailed.connect(self._done_failed)
        controller.uploadProgress.connect(self._upload_progress)
        controller.inbox.libraryChanged.connect(self.refresh_accounts)
        self.refresh_accounts()
        self._set_roles()
        controller.appid = self.current_appid()  # read once the loop runs (controller.start)
        if controller.items:
            self.set_rows(controller.items)

    def refresh_accounts(self) -> None:
        if self.controller is not None:
            fill_accounts(self.account, self.controller.accounts(), tr("全部公众号"))

    def current_appid(self) -> str | None:
        data = self.account.currentData()
        return str(data) if data else None

    def administrator(self) -> bool:
        return self.controller is not None and self.controller.administrator

    def _set_roles(self) -> None:
        admin = self.administrator()
        for button in (self.install_button, self.new_button, self.edit_button, self.archive_button):
            button.setVisible(admin)
        self._show_actions()

    def _account_changed(self, _index: int) -> None:
        self.install_button.setEnabled(self.current_appid() is not None)
        if self.controller is not None:
            self.controller.show_account(self.current_appid())

    # -- showing ---------------------------------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        keep = self.current_item()
        self.model.set_rows(rows)
        self.table.setColumnHidden(ItemsModel.ACCOUNT, self.current_appid() is not None)
        self.list_stack.setCurrentWidget(self.table if rows else self.empty)
        self.install_button.setEnabled(self.current_appid() is not None)
        row = self.model.row_of(keep.id) if keep is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._show_item(self.model.row_at(row))
        else:
            self._show_item(None)

    def set_overdue(self, count: int) -> None:
        self.overdue.setText(tr("{n} 项已逾期").format(n=count) if count else tr("没有逾期的检查项"))
        self.overdue.setProperty("overdue", bool(count))
        self.overdue.style().unpolish(self.overdue)
        self.overdue.style().polish(self.overdue)

    def current_item(self) -> Any | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_item(self.model.row_at(current.row()) if current.isValid() else None)

    def _show_item(self, item: Any | None) -> None:
        self.detail.setEnabled(item is not None)
        if item is None:
            self.item_title.setText(tr("选择一项查看检查方法和完成记录"))
            for label in (self.item_meta, self.how, self.auto_box):
                label.clear()
            self.auto_box.hide()
            self.history.clear()
            self.records = []
            if self.controller is not None:
                self.controller.show_item(None)
            self._show_actions()
            return
        color = STATE_COLORS.get(item.state, "#1d2129")
        weight = "font-weight:bold;" if item.state == "overdue" else ""
        self.item_title.setText(item.title)
        self.item_meta.setText(
            " · ".join(
                [
                    _esc(item.account_name),
                    tr(item.period_text),
                    tr("负责人：{who}").format(who=_esc(item.owner or "—")),
                    tr("到期日：{day}").format(day=_day(item.due_on)),
                    f"<span style='color:{color};{weight}'>{tr(item.state_text)}</span>",
                ]
            )
        )
        self.how.setText(item.how or tr("（未填写检查方法）"))
        if item.auto:
            last = item.last_record
            text = tr("〔{mark}〕工作台每隔几小时自动检查一次，通过时自动登记，由审核人员签核。").format(
                mark=tr(AUTO_MARK)
            )
            if last is not None and last.done_by == SYSTEM_DOER:
                text += "\n" + tr("最近一次：{day} {note}").format(day=last.done_on.isoformat(), note=last.note)
            self.auto_box.setText(text)
            self.auto_box.show()
        else:
            self.auto_box.hide()
        if self.controller is not None and self.controller.item_id != item.id:
            self.history.clear()
            self.records = []
            self.controller.show_item(item.id)
        self._show_actions()

    def set_records(self, item_id: int, records: list[Any]) -> None:
        item = self.current_item()
        if item is None or item.id != item_id:
            return
        chosen = self.chosen_record()
        self.records = list(records)
        self.history.clear()
        for record in records:
            if record.signed_off_by:
                signed = tr("{who} 已签").format(who=record.signed_off_by)
            else:
                signed = tr("待签核")
            top = QTreeWidgetItem([_day(record.done_on), record.done_by, record.note, signed])
            top.setData(0, RecordRole, record.id)
            top.setToolTip(2, record.note)
            if record.signed_off_at is not None:
                top.setToolTip(3, f"{local(record.signed_off_at):%Y-%m-%d %H:%M}")
            top.setForeground(3, QColor("#1e7b34" if record.signed_off_by else STATE_COLORS["unsigned"]))
            for evidence in record.evidence:
                if evidence.get("kind") == "file":
                    size = evidence.get("size")
                    name = str(evidence.get("name") or tr("佐证材料"))
                    text = name + (f"（{size_words(int(size))}）" if size else "")
                    child = QTreeWidgetItem(["", "", text, ""])
                    child.setIcon(2, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
                    child.setData(0, EvidenceRole, (str(evidence.get("ref") or ""), name))
                    child.setToolTip(2, tr("双击打开"))
                    child.setForeground(2, QColor("#1d5fbf"))
                else:
                    child = QTreeWidgetItem(["", "", auto_words(evidence), ""])
                    child.setIcon(2, self.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon))
                    child.setForeground(2, QColor("#4e5969"))
                child.setData(0, RecordRole, record.id)
                top.addChild(child)
            self.history.addTopLevelItem(top)
            top.setExpanded(True)
            if chosen is not None and record.id == chosen:
                self.history.setCurrentItem(top)
        if not records:
            empty = QTreeWidgetItem(["", "", tr("还没有完成记录。"), ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addTopLevelItem(empty)
        self._show_actions()

    def chosen_record(self) -> int | None:
        current = self.history.currentItem()
        value = current.data(0, RecordRole) if current is not None else None
        return int(value) if value is not None else None

    def record_to_sign(self) -> Any | None:
        """The record chosen in the history if it may be signed, else the newest one that may."""
        if self.controller is None:
            return None
        chosen = self.chosen_record()
        candidates = [r for r in self.records if r.id == chosen] if chosen is not None else self.records
        return next((r for r in candidates if self.controller.may_sign(r)), None)

    def _show_actions(self) -> None:
        item = self.current_item()
        self.done_button.setEnabled(item is not None)
        self.sign_button.setVisible(self.controller is not None and self.controller.supervisor)
        self.sign_button.setEnabled(item is not None and self.record_to_sign() is not None)
        self.edit_button.setEnabled(item is not None)
        self.archive_button.setEnabled(item is not None)

    def settle(self, kind: str, applied: bool, words: str) -> None:
        done = {
            "checklist_done": tr("已登记完成。"),
            "checklist_signoff": tr("已签核。"),
            "checklist_item_save": tr("检查项已保存。"),
            "checklist_item_archive": tr("检查项已停用。"),
            "checklist_install": tr("默认清单已安装。"),
        }
        if kind not in done:
            return
        if applied:
            show_status(self.status, words or done[kind], "ok")
        else:
            show_status(self.status, tr("服务端没有执行：") + words, "error")

    # -- doing -----------------------------------------------------------------------------------------
    def mark_done(self) -> DoneDialog | None:
        item = self.current_item()
        if item is None or self.controller is None:
            return None
        if self.done_dialog is not None and self.done_dialog.isVisible():
            self.done_dialog.raise_()
            return self.done_dialog
        dialog = DoneDialog(item, self.controller.today(), self)
        dialog.submitted.connect(lambda day, note, files, d=dialog: self._submit_done(d, day, note, files))
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        self.done_dialog = dialog
        dialog.open()
        return dialog

    def _submit_done(self, dialog: DoneDialog, day: date, note: str, files: list) -> None:
        if self.controller is not None:
            dialog.uploading(self.controller.complete(dialog.item_id, day, note, files))

    def _done_sent(self, job: int) -> None:
        if self.done_dialog is not None and self.done_dialog.job == job:
            self.done_dialog.sent(job)
            show_status(self.status, tr("已登记，等服务端确认…"), "busy")

    def _done_failed(self, job: int, words: str) -> None:
        if self.done_dialog is not None:
            self.done_dialog.failed(job, words)

    def _upload_progress(self, job: int, done: int, total: int) -> None:
        if self.done_dialog is not None:
            self.done_dialog.progress(job, done, total)

    def _dialog_closed(self, dialog: DoneDialog) -> None:
        if self.done_dialog is dialog:
            self.done_dialog = None
        dialog.deleteLater()

    def sign_off(self) -> None:
        record = self.record_to_sign()
        if record is None or self.controller is None:
            return
        self.controller.sign_off(record.id)
        show_status(self.status, tr("已签核 {day} 的记录，等服务端确认…").format(day=_day(record.done_on)), "busy")

    def _history_activated(self, entry: QTreeWidgetItem, _column: int) -> None:
        evidence = entry.data(0, EvidenceRole)
        if evidence and self.controller is not None:
            ref, name = evidence
            show_status(self.status, tr("正在取回“{name}”…").format(name=name), "busy")
            self.controller.open_evidence(ref, name)

    def install_defaults(self) -> None:
        appid = self.current_appid()
        if appid is None or self.controller is None:
            show_status(self.status, tr("请先选择一个公众号。"), "error")
            return
        self.controller.install_defaults(appid)
        show_status(self.status, tr("正在安装默认清单…"), "busy")

    def edit_item(self, item: Any | None) -> ItemEditor | None:
        if self.controller is None:
            return None
        dialog = ItemEditor(self.controller.accounts(), self.controller.today(), item, self.current_appid(), self)
        dialog.accepted.connect(lambda d=dialog: self._save_item(d))
        dialog.finished.connect(lambda _result, d=dialog: d.deleteLater())
        dialog.open()
        return dialog

    def _save_item(self, dialog: ItemEditor) -> None:
        if self.controller is not None:
            shown = dialog.item  # the item as the dialog opened it: its version is the edit's base
            self.controller.save_item(dialog.values(), getattr(shown, "version", None))
            show_status(self.status, tr("正在保存检查项…"), "busy")

    def archive_item(self) -> None:
        item = self.current_item()
        if item is None or self.controller is None:
            return
        answer = QMessageBox.question(
            self, tr("停用检查项"), tr("停用“{title}”吗？已有的完成记录会保留。").format(title=item.title)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.archive_item(item.id, item.version)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
