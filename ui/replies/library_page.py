"""模板: the office's wording in three tabs — 常用回复 (reply templates found by a few characters or their
pinyin initials), 自动回复 (keyword rules beside the rule tester) and 账号变量 (what {窗口电话} and the
like become for each account).

Everything is read from the `Library` the controller loads and every change goes to the controller, which
queues it for the hub; the page never touches the database. An editor keeps what was typed until the hub
answers, so a refusal (a colleague's newer version, a 错敏词) costs no words, and the answer is shown above
the editor. Ctrl+N, Ctrl+S, Ctrl+D and Ctrl+F act on the open tab only while this page has the focus."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.replies import transfer
from console.replies.codec import RuleFormatError, Template, TemplateFormatError, rule_from_dict, template_to_dict
from console.replies.library import MAX_VALUE_CHARS, MAX_VALUES
from console.replies.rules import MatchMode, Rule, RuleKind
from console.replies.templates import DATE, NICKNAME, OFFICE_HOURS, TemplateIndex, variables_in
from console.screening import Hit, Screener, ScreenResult
from console.workcal import OfficeHours
from ui.format import tr
from ui.forms import STYLE as EDITOR_STYLE
from ui.forms import fill_accounts, hint_label, show_status, status_line
from ui.replies.library_controller import Library, LibraryController
from ui.replies.override_dialog import OverrideDialog
from ui.replies.rule_editor import RuleEditor, kind_names, mode_names
from ui.replies.rule_tester import RuleTester
from ui.replies.screen_check import WARNING_COLOR
from ui.replies.template_editor import TemplateEditor

log = logging.getLogger(__name__)

IdRole = Qt.ItemDataRole.UserRole + 1
ARCHIVED_COLOR = QColor("#9aa0a6")
_VARIABLE_NAME = re.compile(r"[^\W\d]\w{0,19}")
_KIND_ORDER = {RuleKind.WELCOME.value: 0, RuleKind.FALLBACK.value: 1, RuleKind.KEYWORD.value: 2}

STYLE = (
    EDITOR_STYLE
    + f"""
#libraryTable {{ border: 1px solid #dcdfe6; }}
#libraryTable::item {{ padding: 2px 4px; }}
#valuesMissing {{ color: {WARNING_COLOR}; }}
"""
)


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName("libraryTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _account_name(appid: str | None, names: Mapping[str, str], everyone: str) -> str:
    return everyone if appid is None else names.get(appid) or appid


# ---- models -----------------------------------------------------------------------------------------


class TemplatesModel(QAbstractTableModel):
    """Templates as the list shows them: title, category, account (or 通用), how often used."""

    TITLE, CATEGORY, ACCOUNT, USAGE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Template] = []
        self._names: dict[str, str] = {}

    def set_rows(self, templates: Iterable[Template], account_names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(templates)
        self._names = dict(account_names)
        self.endResetModel()

    def rows(self) -> list[Template]:
        return list(self._rows)

    def template_at(self, row: int) -> Template | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, template_id: int) -> int:
        return next((row for row, t in enumerate(self._rows) if t.id == template_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (tr("标题"), tr("分类"), tr("公众号"), tr("使用次数"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        template = self.template_at(index.row()) if index.isValid() else None
        if template is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return template.title + (tr("（已归档）") if template.archived else "")
            if column == self.CATEGORY:
                return template.category
            if column == self.ACCOUNT:
                return _account_name(template.account, self._names, tr("通用"))
            if column == self.USAGE:
                return str(template.usage_count)
        elif role == IdRole:
            return template.id
        elif role == Qt.ItemDataRole.ToolTipRole:
            tags = "、".join(template.tags)
            body = template.body if len(template.body) <= 160 else template.body[:160] + "…"
            return f"{template.title}\n" + (tr("标签：") + tags + "\n" if tags else "") + "\n" + body
        elif role == Qt.ItemDataRole.ForegroundRole and template.archived:
            return ARCHIVED_COLOR
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.USAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RulesModel(QAbstractTableModel):
    """Rules as the table shows them: welcome and fallback first, then keyword rules in the order they win."""

    NAME, KIND, MODE, KEYWORDS, PRIORITY, ACCOUNT, WINDOWS, ENABLED = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[dict[str, Any], Rule | None]] = []
        self._names: dict[str, str] = {}

    def set_rows(self, rules: Iterable[dict[str, Any]], account_names: Mapping[str, str]) -> None:
        rows = []
        for data in rules:
            try:
                rule: Rule | None = rule_from_dict(data)
            except RuleFormatError:
                rule = None
            rows.append((data, rule))
        rows.sort(
            key=lambda r: (_KIND_ORDER.get(str(r[0].get("kind")), 3), -int(r[0].get("priority") or 0), r[0]["id"])
        )
        self.beginResetModel()
        self._rows = rows
        self._names = dict(account_names)
        self.endResetModel()

    def rule_dicts(self) -> list[dict[str, Any]]:
        return [data for data, _ in self._rows]

    def rule_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, rule_id: int) -> int:
        return next((row for row, (data, _) in enumerate(self._rows) if data.get("id") == rule_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 8:
            headers = (
                tr("名称"),
                tr("类型"),
                tr("匹配方式"),
                tr("关键词"),
                tr("优先级"),
                tr("公众号"),
                tr("生效时段"),
                tr("启用"),
            )
            return headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        data, rule = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(data, rule, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == IdRole:
            return data.get("id")
        if role == Qt.ItemDataRole.ForegroundRole and not data.get("enabled", True):
            return ARCHIVED_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PRIORITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, data: dict[str, Any], rule: Rule | None, column: int, tip: bool) -> str:
        keyword = data.get("kind") == RuleKind.KEYWORD.value
        if column == self.NAME:
            return str(data.get("name") or "")
        if column == self.KIND:
            return kind_names().get(RuleKind(data["kind"]), "") if rule is not None else str(data.get("kind"))
        if column == self.MODE:
            return mode_names().get(MatchMode(data["mode"]), "") if rule is not None and keyword else "—"
        if column == self.KEYWORDS:
            words = [str(k) for k in data.get("keywords") or []]
            return ("\n" if tip else "、").join(words) if keyword else "—"
        if column == self.PRIORITY:
            return str(data.get("priority") or 0)
        if column == self.ACCOUNT:
            return _account_name(data.get("account"), self._names, tr("全部公众号"))
        if column == self.WINDOWS:
            if rule is None:
                return ""
            return "；".join(w.describe() for w in rule.windows) if rule.windows else tr("始终生效")
        if column == self.ENABLED:
            return tr("启用") if data.get("enabled", True) else tr("停用")
        return ""


# ---- dialogs ----------------------------------------------------------------------------------------


class ImportRulesDialog(QDialog):
    """Which account the imported rules belong to, and whether they replace that account's rules."""

    def __init__(
        self,
        accounts: Sequence[tuple[str, str]],
        from_wechat: bool,
        count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("从微信后台导入") if from_wechat else tr("导入规则"))
        self.setMinimumWidth(440)
        self.from_wechat = from_wechat
        if from_wechat:
            intro = tr("读取公众号后台“自动回复”中已设置的关键词回复、被关注回复和收到消息回复，导入为本工作台的规则。")
        else:
            intro = tr("文件中有 {n} 条规则，导入后全部作为新规则添加。").format(n=count)
        self.account = QComboBox()
        fill_accounts(self.account, accounts, None if from_wechat else tr("按文件中填写的公众号"))
        self.replace = QCheckBox(tr("先删除该公众号现有的自动回复规则（替换）"))
        self.replace.setToolTip(tr("不勾选则保留现有规则，导入的规则一并添加"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导入"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("公众号"), self.account)
        form.addRow("", self.replace)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(intro))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.account.currentIndexChanged.connect(self._update)
        self._update()

    def values(self) -> tuple[str | None, bool]:
        """(appid, or None for what the file says; replace)."""
        appid = self.account.currentData()
        return appid, bool(appid) and self.replace.isChecked()

    def _update(self) -> None:
        self.replace.setEnabled(self.account.currentData() is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.account.count() > 0)


# ---- 账号变量 -----------------------------------------------------------------------------------------


class AccountValuesEditor(QWidget):
    """One account's values as a two-column table (变量名, 内容)."""

    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values_by_account: dict[str, dict[str, str]] = {}
        self.versions: dict[str, int] = {}  # appid → the values' version in the replica
        self.base_version: int | None = None  # the version what is shown started from: the next save's base
        self.used: list[str] = []  # variables the templates and rules use
        self.dirty = False
        self.generation = 0
        self.edits = 0
        self._loading = False
        self._shown: str | None = None
        self._loaded: dict[str, str] = {}

        self.account = QComboBox()
        self.account.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account.setMinimumContentsLength(10)
        self.status = status_line()
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("libraryTable")
        self.table.setHorizontalHeaderLabels([tr("变量名"), tr("内容")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 180)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self.missing = QLabel()
        self.missing.setObjectName("valuesMissing")
        self.missing.setWordWrap(True)
        self.add_button = QPushButton(tr("添加变量"))
        self.add_button.setToolTip(tr("添加一行 (Ctrl+N)"))
        self.remove_button = QPushButton(tr("删除所选"))
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(tr("保存这个公众号的变量 (Ctrl+S)"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.saveRequested)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("公众号")))
        top.addWidget(self.account)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint_label(tr("模板和自动回复中的 {变量名} 会替换成这里的内容，例如 {窗口电话}")))
        layout.addWidget(
            hint_label(
                tr(
                    "{称呼} 和 {日期} 自动填写，不用设置；{办公时间} 不填时使用设置中的办公时间。"
                    "每个公众号最多 30 个变量。"
                )
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)

        self.account.currentIndexChanged.connect(self._account_chosen)
        self.table.itemChanged.connect(self._edited)
        self.confirm_discard: Callable[[], bool] = lambda: True

    def appid(self) -> str | None:
        return self.account.currentData()

    def set_library(
        self,
        accounts: Sequence[tuple[str, str]],
        values: Mapping[str, Mapping[str, str]],
        used: Sequence[str],
        versions: Mapping[str, int] | None = None,
    ) -> None:
        fill_accounts(self.account, accounts, None)
        self.values_by_account = {appid: dict(v) for appid, v in values.items()}
        self.versions = dict(versions or {})
        self.used = list(used)
        stored = self.values_by_account.get(self.appid() or "") or {}
        if self.appid() != self._shown:
            self.load()
        elif not self.dirty and stored != self._loaded:
            self.load(keep_status=True)
        self._update()

    def load(self, keep_status: bool = False) -> None:
        """The chosen account's values as stored."""
        self._loading = True
        self._loaded = dict(self.values_by_account.get(self.appid() or "") or {})
        self.base_version = self.versions.get(self.appid() or "")
        self.table.setRowCount(0)
        for name, value in self._loaded.items():
            self.add_row(name, value)
        self._loading = False
        self._shown = self.appid()
        self.dirty = False
        self.generation += 1
        if not keep_status:
            show_status(self.status, "")
        self._update()

    def add_row(self, name: str = "", value: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        self.table.setItem(row, 0, name_item)
        self.table.setItem(row, 1, QTableWidgetItem(value))
        if not self._loading:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(name_item)
            self._edited()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._edited()

    def values(self) -> dict[str, str]:
        """{name: value} as typed; ValueError in plain words for what must be fixed first."""
        typing = QApplication.focusWidget()
        if typing is not None and typing.parent() is self.table.viewport():
            self.table.commitData(typing)  # Ctrl+S while a cell is still open: keep what is in it
        found: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            name = (name_item.text() if name_item else "").strip().strip("{}｛｝").strip()
            value = (value_item.text() if value_item else "").strip()
            if not name and not value:
                continue
            if not name:
                raise ValueError(tr("第 {n} 行没有填写变量名。").format(n=row + 1))
            if not _VARIABLE_NAME.fullmatch(name):
                raise ValueError(
                    tr("变量名“{name}”只能由汉字、字母、数字和下划线组成，不能以数字开头，最多 20 个字。").format(
                        name=name
                    )
                )
            if name in (NICKNAME, DATE):
                raise ValueError(tr("{{{name}}} 由系统自动填写，不需要设置。").format(name=name))
            if name in found:
                raise ValueError(tr("变量名“{name}”重复了，请合并成一行。").format(name=name))
            if len(value) > MAX_VALUE_CHARS:
                raise ValueError(tr("变量“{name}”的内容超过 {n} 个字。").format(name=name, n=MAX_VALUE_CHARS))
            found[name] = value
        if len(found) > MAX_VALUES:
            raise ValueError(tr("每个公众号最多 {n} 个变量。").format(n=MAX_VALUES))
        return found

    def saved(self, generation: int, edits: int, version: int | None = None) -> None:
        """The hub kept what was sent at (generation, edits) as `version`: the base of the next save."""
        if generation != self.generation:
            return  # another account is shown now
        if version is not None:
            self.base_version = version
        if edits == self.edits:
            self.dirty = False

    def stale(self, words: str) -> None:
        """A colleague saved this account's values first: show theirs (what was typed here would have
        been saved over them) and say so."""
        self.load(keep_status=True)
        self.show_status(words, "error")

    def show_status(self, text: str, state: str = "busy") -> None:
        show_status(self.status, text, state)

    def _account_chosen(self) -> None:
        if self.appid() == self._shown:
            return
        if self.dirty and not self.confirm_discard():
            self.account.blockSignals(True)
            self.account.setCurrentIndex(max(self.account.findData(self._shown), 0))
            self.account.blockSignals(False)
            return
        self.load()

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.edits += 1
        self._update()

    def _update(self) -> None:
        has_account = self.appid() is not None
        for widget in (self.table, self.add_button, self.remove_button, self.save_button):
            widget.setEnabled(has_account)
        if not has_account:
            self.missing.setText(tr("还没有公众号。服务端登记公众号后，可以在这里为它设置变量。"))
            self.missing.show()
            return
        typed = set()
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            if name_item and value_item and value_item.text().strip():
                typed.add(name_item.text().strip().strip("{}"))
        missing = [name for name in self.used if name not in typed and name not in (NICKNAME, DATE, OFFICE_HOURS)]
        self.missing.setText(tr("模板或自动回复用到、但这个公众号还没有设置：{names}").format(names="、".join(missing)))
        self.missing.setVisible(bool(missing))


# ---- the page ---------------------------------------------------------------------------------------


class LibraryPage(QWidget):
    def __init__(self, controller: LibraryController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.controller: LibraryController | None = None
        self.screener: Screener | None = None
        self.library = Library()
        self._loaded_once = False
        self._index = TemplateIndex([])
        self._pool: dict[int, Template] = {}
        self._index_key: tuple[Any, ...] | None = None
        self._pending: dict[str, tuple[int, int]] = {}  # kind → (generation, edits) of what was sent
        self._deleting: tuple[int, str] | None = None
        # The version of each template/rule this desk last saved (from the hub's answer), until the replica
        # catches up: consecutive saves start from it, so they never meet themselves as a conflict.
        self._own_versions: dict[tuple[str, int], int] = {}

        self.tabs = QTabWidget()
        self.tabs.setObjectName("libraryTabs")
        self.tabs.setDocumentMode(True)
        self.templates_tab = self._build_templates()
        self.rules_tab = self._build_rules()
        self.values_tab = self._build_values()
        self.tabs.addTab(self.templates_tab, tr("常用回复"))
        self.tabs.addTab(self.rules_tab, tr("自动回复"))
        self.tabs.addTab(self.values_tab, tr("账号变量"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        self._bind_keys()
        self.set_office_hours(OfficeHours().describe())
        self._refresh_templates()
        if controller is not None:
            self.set_controller(controller)

    # -- building --------------------------------------------------------------------------------------
    def _build_templates(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(tr("搜索标题、拼音首字母（如 sb）、标签或正文  Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.template_account = QComboBox()
        self.template_account.setToolTip(tr("选一个公众号：显示它自己的模板和通用模板"))
        self.template_category = QComboBox()
        self.show_archived = QCheckBox(tr("显示已归档"))
        self.templates = TemplatesModel(self)
        self.template_table = _table(self.templates)
        header = self.template_table.horizontalHeader()
        header.setSectionResizeMode(TemplatesModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (TemplatesModel.CATEGORY, TemplatesModel.ACCOUNT, TemplatesModel.USAGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.template_count = hint_label()
        self.new_template_button = QPushButton(tr("新建"))
        self.new_template_button.setToolTip(tr("新建模板 (Ctrl+N)"))
        self.import_templates_button = QPushButton(tr("导入…"))
        self.import_templates_button.setToolTip(tr("从 Excel（.xlsx）或 JSON 文件导入模板"))
        self.export_templates_button = QPushButton(tr("导出…"))
        self.export_templates_button.setToolTip(tr("把列表中显示的模板导出为 Excel（.xlsx）或 JSON 文件"))
        self.template_notice = status_line()
        self.template_editor = TemplateEditor()

        filters = QHBoxLayout()
        filters.addWidget(self.template_account, 3)
        filters.addWidget(self.template_category, 2)
        filters.addWidget(self.show_archived)
        tools = QHBoxLayout()
        tools.addWidget(self.template_count, 1)
        tools.addWidget(self.new_template_button)
        tools.addWidget(self.import_templates_button)
        tools.addWidget(self.export_templates_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.template_table, 1)
        left_layout.addLayout(tools)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.template_editor)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([420, 560])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.template_notice)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _text: self._refresh_templates())
        self.search.returnPressed.connect(self._open_first_template)
        self.template_account.currentIndexChanged.connect(lambda _i: self._refresh_templates())
        self.template_category.currentIndexChanged.connect(lambda _i: self._refresh_templates())
        self.show_archived.toggled.connect(lambda _on: self._refresh_templates())
        self.template_table.selectionModel().currentRowChanged.connect(self._template_chosen)
        self.new_template_button.clicked.connect(self.new_template)
        self.import_templates_button.clicked.connect(self.import_templates)
        self.export_templates_button.clicked.connect(self.export_templates)
        editor = self.template_editor
        editor.saveRequested.connect(self.save_template)
        editor.duplicateRequested.connect(self.duplicate_template)
        editor.archiveRequested.connect(self.archive_template)
        editor.overrideRequested.connect(self.save_template)  # saving a blocked text asks for the pass
        return tab

    def _build_rules(self) -> QWidget:
        self.rule_filter = QLineEdit()
        self.rule_filter.setPlaceholderText(tr("按名称或关键词筛选  Ctrl+F"))
        self.rule_filter.setClearButtonEnabled(True)
        self.rule_account = QComboBox()
        self.rule_account.setToolTip(tr("选一个公众号：显示它自己的规则和适用于全部公众号的规则"))
        self.rules = RulesModel(self)
        self.rule_table = _table(self.rules)
        header = self.rule_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = {
            RulesModel.NAME: 116,
            RulesModel.KIND: 94,
            RulesModel.MODE: 72,
            RulesModel.KEYWORDS: 130,
            RulesModel.PRIORITY: 52,
            RulesModel.ACCOUNT: 90,
            RulesModel.WINDOWS: 200,
            RulesModel.ENABLED: 44,
        }
        for column, width in widths.items():
            self.rule_table.setColumnWidth(column, width)
        self.new_rule_button = QPushButton(tr("新建"))
        self.new_rule_button.setToolTip(tr("新建规则 (Ctrl+N)"))
        self.import_rules_button = QPushButton(tr("导入…"))
        self.import_rules_button.setToolTip(tr("从 Excel（.xlsx）或 JSON 文件导入规则"))
        self.export_rules_button = QPushButton(tr("导出…"))
        self.export_rules_button.setToolTip(tr("把表中显示的规则导出为 Excel（.xlsx）或 JSON 文件"))
        self.wechat_button = QPushButton(tr("从微信后台导入…"))
        self.wechat_button.setToolTip(tr("读取公众号后台已设置的自动回复，导入为本工作台的规则"))
        self.rule_count = hint_label()
        self.rule_notice = status_line()
        self.rule_editor = RuleEditor()
        self.tester = RuleTester()

        filters = QHBoxLayout()
        filters.addWidget(self.rule_filter, 3)
        filters.addWidget(self.rule_account, 2)
        tools = QHBoxLayout()
        tools.addWidget(self.rule_count, 1)
        tools.addWidget(self.new_rule_button)
        tools.addWidget(self.import_rules_button)
        tools.addWidget(self.export_rules_button)
        tools.addWidget(self.wechat_button)
        list_part = QWidget()
        list_layout = QVBoxLayout(list_part)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.rule_table, 1)
        list_layout.addLayout(tools)
        # beside the table: the editor, and behind it the tester (tall: a form, the verdict, the other
        # hits and the lint list), each with the page's full height
        editor_part = QWidget()
        editor_layout = QVBoxLayout(editor_part)
        editor_layout.setContentsMargins(8, 8, 8, 8)
        editor_layout.addWidget(self.rule_editor)
        self.rule_side = QTabWidget()
        self.rule_side.setObjectName("ruleSide")
        self.rule_side.addTab(editor_part, tr("规则内容"))
        self.rule_side.addTab(self.tester, tr("测试与检查"))
        self.rule_side.setTabToolTip(1, tr("输入粉丝消息，看由哪条规则回复；列出永远不会触发或过于简单的规则"))
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(list_part)
        splitter.addWidget(self.rule_side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([540, 440])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.rule_notice)
        layout.addWidget(splitter, 1)

        self.rule_filter.textChanged.connect(lambda _text: self._refresh_rules())
        self.rule_account.currentIndexChanged.connect(lambda _i: self._refresh_rules())
        self.rule_table.selectionModel().currentRowChanged.connect(self._rule_chosen)
        self.new_rule_button.clicked.connect(self.new_rule)
        self.import_rules_button.clicked.connect(self.import_rules)
        self.export_rules_button.clicked.connect(self.export_rules)
        self.wechat_button.clicked.connect(self.import_from_wechat)
        self.tester.ruleActivated.connect(self.select_rule)
        editor = self.rule_editor
        editor.saveRequested.connect(self.save_rule)
        editor.deleteRequested.connect(self.delete_rule)
        editor.duplicateRequested.connect(self.duplicate_rule)
        editor.overrideRequested.connect(self.save_rule)
        return tab

    def _build_values(self) -> QWidget:
        self.values_editor = AccountValuesEditor()
        self.values_editor.saveRequested.connect(self.save_values)
        self.values_editor.confirm_discard = lambda: self._confirm_discard(tr("这个公众号的变量"))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(12, 12, 12, 8)
        self.values_editor.setMaximumWidth(820)  # two columns of short values: wider only spreads them out
        row = QHBoxLayout()
        row.addWidget(self.values_editor, 1)
        row.addStretch(0)
        layout.addLayout(row)
        return tab

    def _bind_keys(self) -> None:
        for key, handler in (
            ("Ctrl+N", self.new_item),
            ("Ctrl+S", self.save_current),
            ("Ctrl+D", self.duplicate_current),
            ("Ctrl+F", self.focus_search),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    # -- the controller --------------------------------------------------------------------------------
    def set_controller(self, controller: LibraryController) -> None:
        """Read from and send to `controller`; may be called after the page is built."""
        if self.controller is not None:
            old = self.controller
            old.loaded.disconnect(self.show_library)
            old.settled.disconnect(self.settle)
            old.imported.disconnect(self.show_imported)
            old.screenerChanged.disconnect(self.set_screener)
        self.controller = controller
        controller.loaded.connect(self.show_library)
        controller.settled.connect(self.settle)
        controller.imported.connect(self.show_imported)
        controller.screenerChanged.connect(self.set_screener)
        self.set_office_hours(controller.inbox.settings.hours().describe())
        if controller.screener is not None:
            self.set_screener(controller.screener)
        if controller.library.accounts or controller.library.templates or controller.library.rules:
            self.show_library(controller.library)

    def set_office_hours(self, text: str) -> None:
        """What {办公时间} becomes in the preview when an account does not set its own."""
        self.template_editor.set_office_hours(text)

    def set_screener(self, screener: Screener) -> None:
        self.template_editor.set_screener(screener)
        self.rule_editor.set_screener(screener)
        self.screener = screener

    def show_library(self, library: Library) -> None:
        """The library as the replica now holds it. What is being typed stays."""
        self.library = library
        categories = sorted({t.category for t in library.templates if t.category})
        self.template_editor.set_choices(library.accounts, categories, library.values)
        self.rule_editor.set_choices(library.accounts, library.values)
        fill_accounts(self.template_account, library.accounts, tr("全部公众号"))
        fill_accounts(self.rule_account, library.accounts, tr("全部公众号"))
        self._fill_categories(categories, any(not t.category for t in library.templates))
        self._index_key = None
        self._refresh_templates()
        self._refresh_rules()
        self.tester.set_rules(self._parsed_rules(), library.accounts)
        problems = self.tester.lint_list.count()
        self.rule_side.setTabText(1, tr("测试与检查（{n}）").format(n=problems) if problems else tr("测试与检查"))
        used = [name for text in self._texts() for name in variables_in(text)]
        self.values_editor.set_library(
            library.accounts, library.values, list(dict.fromkeys(used)), library.values_versions
        )
        self._follow_templates({t.id: t for t in library.templates})
        self._follow_rules({int(r["id"]): r for r in library.rules})
        if not self._loaded_once:
            self._loaded_once = True
            self._select_first(self.template_table, self.template_editor.template_id == 0)
            self._select_first(self.rule_table, self.rule_editor.rule_id == 0)

    def _fill_categories(self, categories: list[str], uncategorized: bool) -> None:
        combo = self.template_category
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("全部分类"), None)
        for category in categories:
            combo.addItem(category, category)
        if uncategorized:
            combo.addItem(tr("（未分类）"), "")
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def _parsed_rules(self) -> list[Rule]:
        rules = []
        for data in self.library.rules:
            try:
                rules.append(rule_from_dict(data))
            except RuleFormatError as exc:  # stored by a newer version: test the rest
                log.warning("rule %s left out of the tester: %s", data.get("id"), exc)
        return rules

    def _texts(self) -> list[str]:
        texts = [t.body for t in self.library.templates if not t.archived]
        texts += [str((r.get("reply") or {}).get("text") or "") for r in self.library.rules]
        return texts

    def _follow_templates(self, stored: dict[int, Template]) -> None:
        """A newer version of the template being shown replaces it unless something is typed."""
        editor = self.template_editor
        template = stored.get(editor.template_id)
        if template is not None and not editor.dirty and template != editor.shown:
            editor.load(template, keep_status=True)

    def _follow_rules(self, stored: dict[int, dict[str, Any]]) -> None:
        editor = self.rule_editor
        if not editor.rule_id or editor.dirty:
            return
        rule = stored.get(editor.rule_id)
        if rule is not None:
            if rule != editor.shown:
                editor.load(rule, keep_status=True)
        else:
            editor.load(None)
            editor.show_status(tr("这条规则已被删除。"), "notice")

    def _select_first(self, view: QTableView, blank: bool) -> None:
        if blank and view.model().rowCount() > 0:
            self._select_row(view, 0)

    @staticmethod
    def _select_row(view: QTableView, row: int, quietly: bool = False) -> None:
        selection = view.selectionModel()
        if quietly:
            selection.blockSignals(True)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        if row < 0:
            selection.clear()
        else:
            selection.setCurrentIndex(view.model().index(row, 0), flags)
            view.scrollTo(view.model().index(row, 0))
        if quietly:
            selection.blockSignals(False)
            view.viewport().update()

    # -- templates -------------------------------------------------------------------------------------
    def _refresh_templates(self) -> None:
        account = self.template_account.currentData()
        category = self.template_category.currentData()
        archived = self.show_archived.isChecked()
        key = (account, category, archived)
        if key != self._index_key:
            pool = [
                t
                for t in self.library.templates
                if (archived or not t.archived)
                and (account is None or t.account in (None, account))
                and (category is None or t.category == category)
            ]
            self._pool = {t.id: t for t in pool}
            # the index searches what one account sees; shown as shared and live, it searches this pool
            self._index = TemplateIndex([replace(t, account=None, archived=False) for t in pool])
            self._index_key = key
        query = self.search.text()
        found = self._index.search(query, None, limit=max(len(self._index), 1))
        rows = [self._pool[t.id] for t in found]
        self.templates.set_rows(rows, dict(self.library.accounts))
        if query.strip():
            self.template_count.setText(tr("找到 {n} 个模板").format(n=len(rows)))
        else:
            self.template_count.setText(tr("共 {n} 个模板").format(n=len(rows)))
        self._select_row(self.template_table, self.templates.row_of(self.template_editor.template_id), quietly=True)

    def _open_first_template(self) -> None:
        if self.templates.rowCount() > 0:
            self._select_row(self.template_table, 0)
            self.template_table.setFocus()

    def _template_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template = self.templates.template_at(current.row())
        editor = self.template_editor
        if template is None or template.id == editor.template_id:
            return
        if editor.dirty and not self._confirm_discard(editor.title.text() or tr("新模板")):
            self._select_row(self.template_table, self.templates.row_of(editor.template_id), quietly=True)
            return
        editor.load(template)

    def new_template(self) -> None:
        editor = self.template_editor
        if editor.dirty and not self._confirm_discard(editor.title.text() or tr("新模板")):
            return
        self.tabs.setCurrentWidget(self.templates_tab)
        category = self.template_category.currentData() or ""
        editor.load(None, account=self.template_account.currentData(), category=category)
        self._select_row(self.template_table, -1, quietly=True)
        editor.title.setFocus()

    def duplicate_template(self) -> None:
        self.template_editor.duplicate()
        self._select_row(self.template_table, -1, quietly=True)
        self.template_editor.title.setFocus()
        self.template_editor.title.selectAll()

    STALE = -1  # a base no stored version has: the hub keeps the edit as a conflicted copy

    def _base(self, what: str, row_id: int, unchanged: bool, stored_version: int | None) -> int | None:
        """The version an edit started from: this desk's own last save of it while the replica has not
        caught up (or has nothing newer); else the stored one if it is still what the editor loaded; if a
        colleague's newer version arrived while this one was being typed, an older one."""
        own = self._own_versions.get((what, row_id))
        if own is not None and (stored_version is None or own >= stored_version):
            return own
        if unchanged:
            return stored_version
        return own if own is not None else self.STALE

    def _template_base(self, editor: TemplateEditor) -> int | None:
        if not editor.template_id:
            return None
        stored = {t.id: t for t in self.library.templates}.get(editor.template_id)
        version = self.library.template_versions.get(editor.template_id)
        return self._base("template", editor.template_id, stored == editor.shown, version)

    def _rule_base(self, editor: RuleEditor) -> int | None:
        if not editor.rule_id:
            return None
        stored = {int(r["id"]): r for r in self.library.rules}.get(editor.rule_id)
        version = self.library.rule_versions.get(editor.rule_id)
        return self._base("rule", editor.rule_id, stored == editor.shown, version)

    def _save(self, editor: TemplateEditor | RuleEditor, kind: str) -> None:
        """Check the editor's content (format, then 错敏词 with a pass if needed) and send it; the
        editor keeps its words until the hub answers."""
        if not self._can_send(editor.show_status):
            return
        try:
            data = editor.data()
        except (TemplateFormatError, RuleFormatError) as exc:
            editor.show_status(str(exc), "error")
            return
        passed, override = self._screen_pass(editor.screening(), editor.show_status)
        if not passed or self.controller is None:
            return
        self._pending[kind] = (editor.generation, editor.edits)
        if isinstance(editor, TemplateEditor):
            self.controller.save_template(data, override, self._template_base(editor))
        else:
            self.controller.save_rule(data, override, self._rule_base(editor))
        editor.show_status(tr("正在保存…"), "busy")

    def save_template(self) -> None:
        self._save(self.template_editor, "template_save")

    def archive_template(self, archived: bool) -> None:
        editor = self.template_editor
        if not editor.template_id or not self._can_send(editor.show_status) or self.controller is None:
            return
        self._pending["template_archive"] = (editor.generation, editor.edits)
        args = {"id": editor.template_id, "archived": archived, "base_version": self._template_base(editor)}
        self.controller.command("template_archive", args)
        editor.show_status(tr("正在归档…") if archived else tr("正在取消归档…"), "busy")

    def import_templates(self) -> None:
        path = self._choose_open_path(tr("导入常用回复"))
        if path is None:
            return
        try:
            rows = transfer.import_templates(path)
        except transfer.TransferError as exc:
            self._warn(tr("无法导入"), str(exc))
            return
        except OSError as exc:
            self._warn(tr("无法导入"), tr("无法读取文件“{name}”：{error}").format(name=path.name, error=_os_words(exc)))
            return
        if not rows:
            self._warn(tr("无法导入"), tr("“{name}”中没有模板。").format(name=path.name))
            return
        show = self.template_notice
        if not self._can_send(lambda text, state: show_status(show, text, state)):
            return
        passed, override = self._screen_pass(
            self._screen_all(str(row.get("body") or "") for row in rows), lambda t, s: show_status(show, t, s)
        )
        if not passed or self.controller is None:
            return
        args: dict[str, Any] = {"account": None, "templates": rows}
        if override:
            args["override"] = override
        self.controller.command("templates_import", args)
        show_status(show, tr("正在导入 {n} 个模板…").format(n=len(rows)), "busy")

    def export_templates(self) -> None:
        rows = [template_to_dict(t) for t in self.templates.rows()]
        if not rows:
            self._warn(tr("无法导出"), tr("列表中没有模板。请调整筛选条件后再导出。"))
            return
        path = self._choose_save_path(tr("导出常用回复"), tr("常用回复") + ".xlsx")
        if path is None:
            return
        try:
            transfer.export_templates(rows, path)
        except (transfer.TransferError, TemplateFormatError) as exc:
            self._warn(tr("无法导出"), str(exc))
            return
        except OSError as exc:
            self._warn(tr("无法导出"), _write_words(path, exc))
            return
        words = tr("已导出 {n} 个模板到 {path}").format(n=len(rows), path=path)
        show_status(self.template_notice, words, "ok")

    # -- rules ---------------------------------------------------------------------------------------
    def _refresh_rules(self) -> None:
        account = self.rule_account.currentData()
        words = self.rule_filter.text().strip().lower()
        shown = []
        for data in self.library.rules:
            if account is not None and data.get("account") not in (None, account):
                continue
            if words:
                haystack = " ".join([str(data.get("name") or ""), *map(str, data.get("keywords") or [])]).lower()
                if words not in haystack:
                    continue
            shown.append(data)
        self.rules.set_rows(shown, dict(self.library.accounts))
        total = len(self.library.rules)
        if len(shown) == total:
            self.rule_count.setText(tr("共 {n} 条规则").format(n=total))
        else:
            self.rule_count.setText(tr("显示 {n} 条，共 {total} 条").format(n=len(shown), total=total))
        self._select_row(self.rule_table, self.rules.row_of(self.rule_editor.rule_id), quietly=True)

    def _rule_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rule = self.rules.rule_at(current.row())
        editor = self.rule_editor
        if rule is None or rule.get("id") == editor.rule_id:
            return
        if editor.dirty and not self._confirm_discard(editor.name.text() or tr("新规则")):
            self._select_row(self.rule_table, self.rules.row_of(editor.rule_id), quietly=True)
            return
        editor.load(rule)
        self.rule_side.setCurrentIndex(0)

    def select_rule(self, rule_id: int) -> None:
        """Show one rule in the table and the editor (the tester's links and lint warnings)."""
        self.tabs.setCurrentWidget(self.rules_tab)
        self.rule_side.setCurrentIndex(0)
        if self.rules.row_of(rule_id) < 0:  # hidden by the filters: show everything
            self.rule_filter.clear()
            self.rule_account.setCurrentIndex(0)
        row = self.rules.row_of(rule_id)
        if row >= 0:
            self._select_row(self.rule_table, row)

    def new_rule(self) -> None:
        editor = self.rule_editor
        if editor.dirty and not self._confirm_discard(editor.name.text() or tr("新规则")):
            return
        self.tabs.setCurrentWidget(self.rules_tab)
        self.rule_side.setCurrentIndex(0)
        editor.load(None, account=self.rule_account.currentData())
        self._select_row(self.rule_table, -1, quietly=True)
        editor.name.setFocus()

    def duplicate_rule(self) -> None:
        self.rule_side.setCurrentIndex(0)
        self.rule_editor.duplicate()
        self._select_row(self.rule_table, -1, quietly=True)
        self.rule_editor.name.setFocus()
        self.rule_editor.name.selectAll()

    def save_rule(self) -> None:
        self._save(self.rule_editor, "rule_save")

    def delete_rule(self) -> None:
        editor = self.rule_editor
        if not editor.rule_id or not self._can_send(editor.show_status) or self.controller is None:
            return
        name = editor.name.text().strip()
        question = tr("删除规则“{name}”？删除后这条规则不再自动回复。").format(name=name)
        if not self._ask_yes(tr("删除规则"), question):
            return
        self._deleting = (editor.rule_id, name)
        self.controller.command("rule_delete", {"id": editor.rule_id, "base_version": self._rule_base(editor)})
        editor.show_status(tr("正在删除…"), "busy")

    def import_rules(self) -> None:
        path = self._choose_open_path(tr("导入自动回复规则"))
        if path is None:
            return
        try:
            count = len(transfer.import_rules(path))
        except transfer.TransferError as exc:
            self._warn(tr("无法导入"), str(exc))
            return
        except OSError as exc:
            self._warn(tr("无法导入"), tr("无法读取文件“{name}”：{error}").format(name=path.name, error=_os_words(exc)))
            return
        if not count:
            self._warn(tr("无法导入"), tr("“{name}”中没有规则。").format(name=path.name))
            return
        choice = self._ask_import(from_wechat=False, count=count)
        if choice is None:
            return
        appid, replace_existing = choice
        rows = transfer.import_rules(path, account=appid)  # read already: only the account changes
        show = self.rule_notice
        if not self._can_send(lambda text, state: show_status(show, text, state)):
            return
        texts = (str((row.get("reply") or {}).get("text") or "") for row in rows)
        passed, override = self._screen_pass(self._screen_all(texts), lambda t, s: show_status(show, t, s))
        if not passed or self.controller is None:
            return
        args: dict[str, Any] = {"account": appid, "replace": replace_existing, "rules": rows}
        if override:
            args["override"] = override
        self.controller.command("rules_import", args)
        show_status(show, tr("正在导入 {n} 条规则…").format(n=len(rows)), "busy")

    def export_rules(self) -> None:
        rows = self.rules.rule_dicts()
        if not rows:
            self._warn(tr("无法导出"), tr("表中没有规则。请调整筛选条件后再导出。"))
            return
        path = self._choose_save_path(tr("导出自动回复规则"), tr("自动回复规则") + ".xlsx")
        if path is None:
            return
        try:
            transfer.export_rules(rows, path)
        except (transfer.TransferError, RuleFormatError) as exc:
            self._warn(tr("无法导出"), str(exc))
            return
        except OSError as exc:
            self._warn(tr("无法导出"), _write_words(path, exc))
            return
        show_status(self.rule_notice, tr("已导出 {n} 条规则到 {path}").format(n=len(rows), path=path), "ok")

    def import_from_wechat(self) -> None:
        show = self.rule_notice
        if not self.library.accounts:
            self._warn(tr("从微信后台导入"), tr("还没有公众号。请先在服务端登记公众号。"))
            return
        if not self._can_send(lambda text, state: show_status(show, text, state)) or self.controller is None:
            return
        choice = self._ask_import(from_wechat=True)
        appid, replace_existing = choice or (None, False)
        if appid is None:
            return
        self.controller.import_from_wechat(appid, replace_existing)
        name = dict(self.library.accounts).get(appid) or appid
        show_status(show, tr("正在读取“{name}”在微信后台的自动回复设置…").format(name=name), "busy")

    def show_imported(self, ok: bool, words: str) -> None:
        show_status(self.rule_notice, words, "ok" if ok else "error")

    # -- account values --------------------------------------------------------------------------------
    def save_values(self) -> None:
        editor = self.values_editor
        appid = editor.appid()
        if appid is None or not self._can_send(editor.show_status):
            return
        try:
            values = editor.values()
        except ValueError as exc:
            editor.show_status(str(exc), "error")
            return
        passed, override = self._screen_pass(self._screen_all(values.values()), editor.show_status)
        if not passed or self.controller is None:
            return
        args: dict[str, Any] = {"account": appid, "values": values, "base_version": editor.base_version}
        if override:
            args["override"] = override
        self._pending["values_save"] = (editor.generation, editor.edits)
        self.controller.command("values_save", args)
        editor.show_status(tr("正在保存…"), "busy")

    # -- the hub's answers -----------------------------------------------------------------------------
    def settle(self, kind: str, applied: bool, words: str, result: object) -> None:
        """A library command this desk sent was applied or refused (`words` say why)."""
        answer: dict[str, Any] = result if isinstance(result, dict) else {}
        notice = str(answer.get("notice") or "")
        token = self._pending.pop(kind, None)
        self._keep_own_version(kind, applied, answer)
        if kind in ("template_save", "template_archive"):
            editor = self.template_editor
            if not applied:
                verb = tr("没有保存：") if kind == "template_save" else tr("没有完成归档：")
                editor.show_status(verb + words, "error")
            elif kind == "template_save":
                if token is not None:
                    editor.saved(*token, int(answer.get("template_id") or 0))
                editor.show_status(tr("已保存。") + notice if notice else tr("已保存"), "notice" if notice else "ok")
            else:
                archived = bool(answer.get("archived"))
                if token is not None and token[0] == editor.generation:
                    editor.set_archived(archived)
                editor.show_status(tr("已归档") if archived else tr("已取消归档"), "ok")
        elif kind in ("rule_save", "rule_delete"):
            rule_editor = self.rule_editor
            if not applied:
                verb = tr("没有保存：") if kind == "rule_save" else tr("没有删除：")
                rule_editor.show_status(verb + words, "error")
            elif kind == "rule_save":
                if token is not None:
                    rule_editor.saved(*token, int(answer.get("rule_id") or 0))
                rule_editor.show_status(
                    tr("已保存。") + notice if notice else tr("已保存"), "notice" if notice else "ok"
                )
            else:
                rule_id, name = self._deleting or (0, "")
                self._deleting = None
                if rule_editor.rule_id == rule_id:
                    rule_editor.load(None)
                rule_editor.show_status(tr("已删除规则“{name}”。").format(name=name), "ok")
        elif kind in ("templates_import", "rules_import"):
            line = self.template_notice if kind == "templates_import" else self.rule_notice
            if not applied:
                show_status(line, tr("没有导入（文件中的内容都没有导入）：") + words, "error")
            elif kind == "templates_import":
                count = len(answer.get("template_ids") or [])
                show_status(line, tr("已导入 {n} 个模板。").format(n=count), "ok")
            else:
                count = len(answer.get("rule_ids") or [])
                show_status(line, tr("已导入 {n} 条规则。").format(n=count), "ok")
        elif kind == "values_save":
            values_editor = self.values_editor
            if not applied and answer.get("stale"):
                values_editor.stale(tr("没有保存：") + words)
                if self.controller is not None:
                    self.controller.reload()  # the colleague's values, as soon as the replica has them
            elif not applied:
                values_editor.show_status(tr("没有保存：") + words, "error")
            else:
                if token is not None:
                    version = answer.get("version")
                    values_editor.saved(*token, int(version) if version is not None else None)
                values_editor.show_status(tr("已保存"), "ok")
        else:
            return
        if applied and self.controller is not None:
            self.controller.reload()

    def _keep_own_version(self, kind: str, applied: bool, answer: dict[str, Any]) -> None:
        """The version the hub gave this desk's own save (or archive): the base of the next one."""
        version = answer.get("version")
        if not applied or version is None:
            return
        if kind in ("template_save", "template_archive") and answer.get("template_id"):
            self._own_versions[("template", int(answer["template_id"]))] = int(version)
        elif kind == "rule_save" and answer.get("rule_id"):
            self._own_versions[("rule", int(answer["rule_id"]))] = int(version)

    # -- keys ------------------------------------------------------------------------------------------
    def new_item(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.templates_tab:
            self.new_template()
        elif tab is self.rules_tab:
            self.new_rule()
        else:
            self.values_editor.add_row()

    def save_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.templates_tab:
            self.save_template()
        elif tab is self.rules_tab:
            self.rule_side.setCurrentIndex(0)
            self.save_rule()
        else:
            self.save_values()

    def duplicate_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.templates_tab:
            self.duplicate_template()
        elif tab is self.rules_tab:
            self.duplicate_rule()

    def focus_search(self) -> None:
        tab = self.tabs.currentWidget()
        box = self.search if tab is self.templates_tab else self.rule_filter if tab is self.rules_tab else None
        if box is not None:
            box.setFocus()
            box.selectAll()

    # -- asking the operator (methods, so tests can answer for them) ------------------------------------
    def _can_send(self, say: Callable[[str, str], None]) -> bool:
        if self.controller is None:
            say(tr("还没有连接服务端，暂时不能保存。"), "error")
            return False
        return True

    def _screen_all(self, texts: Iterable[str]) -> ScreenResult | None:
        """One result for several texts (an import): every blocking hit among them."""
        screener = self.screener
        if screener is None:
            return None
        hits: list[Hit] = []
        joined = []
        for text in texts:
            result = screener.screen(text)
            hits.extend(result.hits)
            joined.append(text)
        return ScreenResult("\n".join(joined), tuple(hits))

    def _screen_pass(
        self, result: ScreenResult | None, say: Callable[[str, str], None]
    ) -> tuple[bool, dict[str, str] | None]:
        """(go ahead, the supervisor's pass if one was needed)."""
        if result is None or not result.blocked:
            return True, None
        override = self._ask_override(list(result.blocking_hits))
        if override is None:
            say(
                tr("没有保存：有 {n} 处必须修改的错敏词（红色波浪线处）。请修改，或由审核人放行后再保存。").format(
                    n=len(result.blocking_hits)
                ),
                "error",
            )
            return False, None
        return True, override

    def _ask_override(self, hits: Sequence[Hit]) -> dict[str, str] | None:
        dialog = OverrideDialog(hits, self.library.supervisors, self)
        if not dialog.exec():
            return None
        login, reason = dialog.values()
        return {"supervisor": login, "reason": reason}

    def _ask_import(self, from_wechat: bool, count: int = 0) -> tuple[str | None, bool] | None:
        dialog = ImportRulesDialog(self.library.accounts, from_wechat, count, self)
        return dialog.values() if dialog.exec() else None

    def _confirm_discard(self, what: str) -> bool:
        answer = QMessageBox.question(
            self,
            tr("放弃修改？"),
            tr("“{what}”有未保存的修改。要放弃这些修改吗？").format(what=what),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _ask_yes(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _choose_open_path(self, title: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", tr("Excel 表格或 JSON 文件 (*.xlsx *.json)"))
        return Path(name) if name else None

    def _choose_save_path(self, title: str, suggested: str) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(
            self, title, suggested, tr("Excel 表格 (*.xlsx)") + ";;" + tr("JSON 文件 (*.json)")
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".json" if "json" in chosen.lower() else ".xlsx")
        return path


def _os_words(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _write_words(path: Path, exc: OSError) -> str:
    return tr("无法写入文件“{name}”：{error}。请确认文件没有在 Excel 或 WPS 中打开，并且有写入权限。").format(
        name=path.name, error=_os_words(exc)
    )
