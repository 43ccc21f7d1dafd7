"""The keyboard actions, in one list: the inbox binds its keys from it and the shortcut sheet shows it, so what
the sheet says is always what the keys do.

An action may have two keys (J and Ctrl+Down): one row each, sharing the action id. Descriptions are Chinese
source text, translated when shown (the list is built at import, before the translator is installed).
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ui.format import tr


class _Deferred:
    """Qt's QT_TR_NOOP: marks a string for the translation collector (it looks for `tr("…")` calls) and
    returns it untranslated; the sheet translates it when it is shown."""

    @staticmethod
    def tr(text: str) -> str:
        return text


later = _Deferred()


class Shortcut(NamedTuple):
    key: str  # QKeySequence portable text
    description: str  # Chinese source text; show with tr()
    group: str  # Chinese source text; show with tr()
    action: str  # what the inbox binds


LIST = later.tr("会话列表")
HANDLE = later.tr("处理会话")
FIND = later.tr("查找与帮助")
PAGES = later.tr("页面与设置")

SHORTCUTS: list[Shortcut] = [
    Shortcut("J", later.tr("下一个会话"), LIST, "next"),
    Shortcut("Ctrl+Down", later.tr("下一个会话"), LIST, "next"),
    Shortcut("K", later.tr("上一个会话"), LIST, "previous"),
    Shortcut("Ctrl+Up", later.tr("上一个会话"), LIST, "previous"),
    Shortcut("R", later.tr("回复：光标移到输入框"), HANDLE, "reply"),
    Shortcut("N", later.tr("写内部备注"), HANDLE, "note"),
    Shortcut("A", later.tr("指派给同事"), HANDLE, "assign"),
    Shortcut("E", later.tr("关闭会话"), HANDLE, "close"),
    Shortcut("S", later.tr("稍后处理"), HANDLE, "snooze"),
    Shortcut("L", later.tr("添加标签"), HANDLE, "label"),
    Shortcut("Ctrl+Return", later.tr("发送"), HANDLE, "send"),
    Shortcut("Ctrl+Shift+T", later.tr("接管会话"), HANDLE, "take_over"),
    Shortcut("Ctrl+F", later.tr("搜索"), FIND, "search"),
    Shortcut("/", later.tr("搜索"), FIND, "search"),
    Shortcut("F1", later.tr("快捷键一览"), FIND, "shortcut_sheet"),
    Shortcut("?", later.tr("快捷键一览"), FIND, "shortcut_sheet"),
    Shortcut("Ctrl+1", later.tr("打开收件箱"), PAGES, "page_1"),
    Shortcut("Ctrl+2", later.tr("打开审核"), PAGES, "page_2"),
    Shortcut("Ctrl+3", later.tr("打开日历"), PAGES, "page_3"),
    Shortcut("Ctrl+4", later.tr("打开模板"), PAGES, "page_4"),
    Shortcut("Ctrl+5", later.tr("打开安全清单"), PAGES, "page_5"),
    Shortcut("Ctrl+6", later.tr("打开合规检查"), PAGES, "page_6"),
    Shortcut("Ctrl+7", later.tr("打开统计"), PAGES, "page_7"),
    Shortcut("Ctrl+8", later.tr("打开设置"), PAGES, "page_8"),
    Shortcut("Ctrl+S", later.tr("保存设置"), PAGES, "save_settings"),
]

# Single keys without a modifier: the inbox must not act on them while the operator types in a text box.
PLAIN_KEYS = frozenset(s.key for s in SHORTCUTS if "+" not in s.key and not s.key.startswith("F"))


def keys_for(action: str) -> list[QKeySequence]:
    """Every key of an action, first the main one (for QAction.setShortcuts)."""
    keys = [QKeySequence(s.key) for s in SHORTCUTS if s.action == action]
    if not keys:
        raise KeyError(f"no shortcut for action {action!r}")
    return keys


def key_for(action: str) -> QKeySequence:
    """The main key of an action (the one shown in tooltips and menus)."""
    return keys_for(action)[0]


# Written as the keycaps read: office keyboards print Enter and arrows, not Qt's "Return" and "Up".
_KEYCAPS = {"Return": "Enter", "Up": "↑", "Down": "↓"}


def native(key: str) -> str:
    """The key as this platform writes it (⌘ on macOS, Ctrl elsewhere), with the names printed on the keys."""
    text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
    return "+".join(_KEYCAPS.get(part, part) for part in text.split("+")) if text != "+" else text


def rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """The sheet's content, translated now: [(group, [(keys, description)])], one row per action, in list order."""
    result: list[tuple[str, list[tuple[str, str]]]] = []
    for group, in_group in groupby(SHORTCUTS, key=lambda s: s.group):
        entries: dict[str, tuple[list[str], str]] = {}
        for s in in_group:
            keys, _ = entries.setdefault(s.action, ([], tr(s.description)))
            keys.append(native(s.key))
        result.append((tr(group), [((" " + tr("或") + " ").join(keys), text) for keys, text in entries.values()]))
    return result


KEY_GAP = 20


class ShortcutSheet(QDialog):
    """快捷键一览: every keyboard action, grouped, in two columns so it fits a 768-pixel screen without scrolling.
    Esc closes it (QDialog's own reject)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("快捷键一览"))
        self.setObjectName("shortcutSheet")
        intro = QLabel(tr("在收件箱中，不带 Ctrl 的单个按键只在没有输入文字时生效。"))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        groups = rows()
        half = (len(groups) + 1) // 2
        self.tables = [self._table(groups[:half]), self._table(groups[half:])]
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for table in self.tables:
            columns.addWidget(table, 1, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _table(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setObjectName("shortcutTable")
        table.horizontalHeader().hide()
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setFrameShape(QFrame.Shape.NoFrame)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        heading_font = self.font()
        heading_font.setBold(True)
        for group, entries in groups:
            row = table.rowCount()
            table.insertRow(row)
            heading = QTableWidgetItem(group)
            heading.setFont(heading_font)
            heading.setForeground(QColor("#c8102e"))
            table.setItem(row, 0, heading)
            table.setSpan(row, 0, 1, 2)
            for keys, text in entries:
                row = table.rowCount()
                table.insertRow(row)
                key_item = QTableWidgetItem(keys)
                key_item.setForeground(QColor("#1f2d3d"))
                key_item.setFont(heading_font)
                table.setItem(row, 0, key_item)
                table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.setColumnWidth(0, table.columnWidth(0) + KEY_GAP)  # air between the key and what it does
        table.setColumnWidth(1, table.columnWidth(1) + KEY_GAP)
        table.setMinimumWidth(table.columnWidth(0) + table.columnWidth(1))
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def cells(self) -> list[tuple[str, str]]:
        """(keys, description) of every action row, both columns, in order (for tests and accessibility)."""
        found = []
        for table in self.tables:
            for r in range(table.rowCount()):
                keys, text = table.item(r, 0), table.item(r, 1)
                if keys is not None and text is not None:
                    found.append((keys.text(), text.text()))
        return found

    def groups(self) -> list[str]:
        headings = (t.item(r, 0) for t in self.tables for r in range(t.rowCount()) if t.columnSpan(r, 0) == 2)
        return [item.text() for item in headings if item is not None]

    def descriptions(self) -> list[str]:
        return [text for _keys, text in self.cells()]
