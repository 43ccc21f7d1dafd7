"""The composer's 常用回复 picker (Ctrl+T): type a few characters or pinyin initials ("sb" → 社保),
see the templates of this conversation's account and the shared ones, most used first, with the text as
it will read for this follower; Enter inserts it at the cursor, to be edited before sending."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from console.replies.codec import Template
from console.replies.templates import Filled, TemplateIndex
from ui.format import tr

SHOWN = 30


class TemplatePicker(QFrame):
    chosen = Signal(object, str)  # Template, the filled text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("templatePicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.index = TemplateIndex(())
        self.account: str | None = None
        self.filler: Callable[[Template], Filled] = lambda t: Filled(t.body)
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("输入关键字或拼音首字母，如 sb 查“社保”"))
        self.query.textChanged.connect(self._search)
        self.query.installEventFilter(self)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._choose)
        self.results.currentItemChanged.connect(self._preview)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        self.empty = QLabel(tr("没有找到模板。可以在“模板”页新建。"))
        self.empty.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.preview)
        self.resize(460, 320)

    def open_for(
        self, index: TemplateIndex, account: str | None, filler: Callable[[Template], Filled], at: QPoint
    ) -> None:
        self.index, self.account, self.filler = index, account, filler
        self.query.clear()
        self._search("")
        self.move(at)
        self.show()
        self.query.setFocus()

    def _search(self, text: str) -> None:
        self.results.clear()
        for template in self.index.search(text, self.account, limit=SHOWN):
            label = template.title + (f"  · {template.category}" if template.category else "")
            item = QListWidgetItem(label, self.results)
            item.setData(Qt.ItemDataRole.UserRole, template)
            item.setToolTip(template.body)
        self.empty.setVisible(self.results.count() == 0)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.preview.clear()

    def _preview(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.preview.clear()
            return
        filled = self.filler(item.data(Qt.ItemDataRole.UserRole))
        missing = tr("（未设置：{0}，请发送前补上）").format("、".join(filled.missing)) if filled.missing else ""
        self.preview.setText(filled.text + missing)

    def _choose(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.results.currentItem()
        if item is None:
            return
        template: Template = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        self.chosen.emit(template, self.filler(template).text)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
        return super().eventFilter(watched, event)
