"""The bar above the conversation list: search as you type, and which conversations to show."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from console.inbox.views import Choice, InboxFilter
from ui.format import STATUS_WORDS, tr

OPEN_STATUSES = ("new", "open", "review")
ME, UNASSIGNED = -1, -2


class FilterBar(QWidget):
    filterChanged = Signal(object)  # InboxFilter
    searchChanged = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.my_staff_id: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("搜索留言、备注、粉丝备注名（Ctrl+F）"))
        self.search.textChanged.connect(self.searchChanged)
        self.account = QComboBox()
        self.status = QComboBox()
        self.assignee = QComboBox()
        self.label = QComboBox()
        self.sort = QComboBox()
        self.status.addItem(tr("待处理"), OPEN_STATUSES)
        self.status.addItem(tr("全部状态"), ())
        for key, word in STATUS_WORDS.items():
            self.status.addItem(tr(word), (key,))
        self.sort.addItem(tr("最新消息在前"), "recent")
        self.sort.addItem(tr("等待最久在前"), "waiting")
        self.set_choices([], [], [])
        for combo, name in (
            (self.account, "公众号"),
            (self.status, "状态"),
            (self.assignee, "负责人"),
            (self.label, "标签"),
            (self.sort, "排序"),
        ):
            combo.setAccessibleName(tr(name))
            combo.setToolTip(tr(name))
            combo.currentIndexChanged.connect(self._changed)
        self.count = QLabel()
        self.count.setObjectName("hint")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0, 1, 3)
        layout.addWidget(self.account, 1, 0)
        layout.addWidget(self.status, 1, 1)
        layout.addWidget(self.assignee, 1, 2)
        layout.addWidget(self.label, 2, 0)
        layout.addWidget(self.sort, 2, 1)
        layout.addWidget(self.count, 2, 2)

    def set_choices(self, accounts: list[Choice], colleagues: list[Choice], labels: list[str]) -> None:
        """Refill the pickers, keeping what is chosen."""
        for combo, items in (
            (self.account, [(tr("全部公众号"), None)] + [(a.name, a.id) for a in accounts]),
            (
                self.assignee,
                [(tr("所有人"), None), (tr("指派给我"), ME), (tr("未指派"), UNASSIGNED)]
                + [(c.name, c.id) for c in colleagues],
            ),
            (self.label, [(tr("全部标签"), None)] + [(name, name) for name in labels]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            found = combo.findData(current)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)

    def current(self) -> InboxFilter:
        assignee = self.assignee.currentData()
        return InboxFilter(
            account_id=self.account.currentData(),
            statuses=tuple(self.status.currentData() or ()),
            assignee_id=self.my_staff_id
            if assignee == ME
            else (assignee if assignee not in (None, UNASSIGNED) else None),
            unassigned=assignee == UNASSIGNED,
            label=self.label.currentData(),
            sort=self.sort.currentData() or "recent",
        )

    def _changed(self) -> None:
        self.filterChanged.emit(self.current())

    def set_count(self, shown: int, more: bool) -> None:
        self.count.setText(tr("{n}+ 个会话").format(n=shown) if more else tr("{n} 个会话").format(n=shown))
