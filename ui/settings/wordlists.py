"""设置 → 错敏词词表: the office's own lists (sensitive words, wrong or outdated terms, leaders and their
titles), edited here and kept on the hub, over the lists shipped with the console. Saving rebuilds the
check everywhere at once; lines that cannot be read are listed with their line numbers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from console.screening.lists import LEADERS_FILE, SENSITIVE_FILE, TERMS_FILE
from ui.format import tr


def _lists() -> tuple[tuple[str, str, str], ...]:
    """(file, tab title, how a line is written), translated when the box is built."""
    return (
        (
            SENSITIVE_FILE,
            tr("敏感词"),
            tr("每行一个：词语<Tab>级别<Tab>说明。级别写“禁用”（拦截发送）或“慎用”（只提醒）。"),
        ),
        (TERMS_FILE, tr("规范用语"), tr("每行一个：错误或过时的写法<Tab>正确写法<Tab>原因<Tab>级别。")),
        (LEADERS_FILE, tr("领导职务"), tr("每行一位：姓名<Tab>现任全部职务（兼任用顿号分隔，如“县委副书记、县长”）。")),
    )


class WordListBox(QGroupBox):
    saveRequested = Signal(dict)  # file name → text
    reloadRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(tr("错敏词词表（本单位）"), parent)
        self.editors: dict[str, QPlainTextEdit] = {}
        self.tabs = QTabWidget()
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        for name, title, hint in _lists():
            editor = QPlainTextEdit()
            editor.setPlaceholderText(hint)
            editor.setTabChangesFocus(False)
            editor.setMinimumHeight(140)
            self.editors[name] = editor
            self.tabs.addTab(editor, title)
        intro = QLabel(
            tr(
                "随软件提供的示例词表之外，本单位补充或改写的条目写在这里，保存在服务端，所有工作台同时生效。"
                "要去掉示例表中的某一条，写“!词语”。"
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.status = QLabel(tr("正在从服务端读取词表…"))
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(tr("保存词表"))
        self.save_button.clicked.connect(self._save)
        self.save_button.setEnabled(False)
        reload = QPushButton(tr("重新读取"))
        reload.clicked.connect(self.reloadRequested)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(reload)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs)
        layout.addLayout(row)

    def show_lists(self, files: dict[str, str], problems: list[str]) -> None:
        for name, editor in self.editors.items():
            editor.setPlainText(files.get(name, ""))
        self.save_button.setEnabled(True)
        if problems:
            self.show_status(tr("有 {n} 行无法识别，已跳过：").format(n=len(problems)) + "；".join(problems[:5]), True)
        else:
            self.show_status(tr("词表已生效。"), False)

    def show_status(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def files(self) -> dict[str, str]:
        return {name: editor.toPlainText() for name, editor in self.editors.items()}

    def _save(self) -> None:
        self.show_status(tr("正在保存…"), False)
        self.saveRequested.emit(self.files())
