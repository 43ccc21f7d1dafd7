"""收件箱: conversations on the left, the thread and the composer on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.format import tr
from ui.inbox.delegates import BubbleDelegate, ConversationDelegate
from ui.inbox.models import ConversationsModel, IdRole, MessagesModel, RowRole


class Composer(QWidget):
    """The reply box. Keeps its text until the hub confirms the reply went out."""

    sendRequested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.notice = QLabel()
        self.notice.setObjectName("composerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("replyEditor")
        self.editor.setPlaceholderText(tr("输入回复内容，Ctrl+Enter 发送"))
        self.editor.setFixedHeight(110)
        self.send_button = QPushButton(tr("发送"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.setToolTip(tr("发送回复 (Ctrl+Enter)"))
        self.send_button.clicked.connect(self._send)
        self.editor.installEventFilter(self)  # Ctrl+Enter sends, whether or not the window is active
        buttons = QHBoxLayout()
        hint = QLabel(tr("Ctrl+Enter 发送"))
        hint.setObjectName("hint")
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if self.send_button.isEnabled():
                self._send()
            return True
        return super().eventFilter(watched, event)

    def _send(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.show_notice(tr("请先输入回复内容。"), error=False)
            return
        self.sendRequested.emit(text)

    def set_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.editor.setReadOnly(busy)
        self.send_button.setText(tr("发送中…") if busy else tr("发送"))

    def show_notice(self, text: str, error: bool = True) -> None:
        self.notice.setProperty("error", error)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def clear(self) -> None:
        self.editor.clear()
        self.show_notice("")


class InboxPage(QWidget):
    conversationSelected = Signal(int)
    replyRequested = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.conversations = ConversationsModel(self)
        self.messages = MessagesModel(self)
        self.current: int | None = None

        self.list = QListView()
        self.list.setObjectName("conversationList")
        self.list.setModel(self.conversations)
        self.list.setItemDelegate(ConversationDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel(tr("暂无留言。粉丝发来的消息会出现在这里。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")

        self.header = QLabel(tr("请选择左侧的会话"))
        self.header.setObjectName("conversationHeader")
        self.history = QListView()
        self.history.setObjectName("messageThread")
        self.history.setModel(self.messages)
        self.history.setItemDelegate(BubbleDelegate(self.history))
        self.history.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setWordWrap(True)
        self.history.setResizeMode(QListView.ResizeMode.Adjust)
        self.composer = Composer()
        self.composer.setEnabled(False)
        self.composer.sendRequested.connect(self._send)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("全部会话"))
        title.setObjectName("paneTitle")
        left_layout.addWidget(title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.history, 1)
        right_layout.addWidget(self.composer)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._update_empty()

    def _update_empty(self) -> None:
        has_rows = self.conversations.rowCount() > 0
        self.list.setVisible(has_rows)
        self.empty.setVisible(not has_rows)

    def set_conversations(self, rows: list) -> None:
        self.conversations.set_rows(rows)
        self._update_empty()
        if self.current is not None:
            row = self.conversations.row_of(self.current)
            if row >= 0:
                self.list.selectionModel().setCurrentIndex(
                    self.conversations.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self._show_header(self.conversations.row_at(row))

    def select_row(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.conversations.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _show_header(self, row) -> None:
        self.header.setText(f"{row.follower_name}　·　{row.account_name}")

    def _current_changed(self, index, _previous) -> None:
        if not index.isValid():
            return
        conversation_id = index.data(IdRole)
        if conversation_id == self.current:
            return
        self.current = conversation_id
        self._show_header(index.data(RowRole))
        self.composer.setEnabled(True)
        self.composer.clear()
        self.messages.set_rows([])
        self.conversationSelected.emit(conversation_id)

    def set_messages(self, conversation_id: int, rows: list) -> None:
        if conversation_id != self.current:
            return
        self.messages.set_rows(rows)
        self.history.scrollToBottom()

    def _send(self, text: str) -> None:
        if self.current is not None:
            self.replyRequested.emit(self.current, text)

    def reply_started(self, conversation_id: int) -> None:
        if conversation_id == self.current:
            self.composer.set_busy(True)
            self.composer.show_notice("")

    def reply_done(self, conversation_id: int, status: str, reason: str) -> None:
        if conversation_id != self.current:
            return
        self.composer.set_busy(False)
        if status == "sent":
            self.composer.clear()
        else:
            self.composer.show_notice(tr("微信未接收这条回复：") + reason)

    def reply_not_sent(self, conversation_id: int, reason: str) -> None:
        if conversation_id == self.current:
            self.composer.set_busy(False)
            self.composer.show_notice(reason)
