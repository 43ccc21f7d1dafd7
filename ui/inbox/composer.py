"""The reply box: WeChat's window and quota above it, who else is on the conversation, the draft
saved as it is typed, and a note mode whose text goes to colleagues only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.format import tr

SAVE_AFTER_MS = 400  # a draft reaches the disk this long after the last keystroke
TYPING_IDLE_MS = 5000


def _restyle(label: QWidget, prop: str, value: object) -> None:
    label.setProperty(prop, value)
    label.style().unpolish(label)
    label.style().polish(label)


class Composer(QWidget):
    sendRequested = Signal(str)  # reply text
    noteRequested = Signal(str)
    draftEdited = Signal(str)
    typingChanged = Signal(bool)
    takeOverRequested = Signal()
    noticeDismissed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.refusal: str | None = None  # WeChat would refuse a reply now, and why
        self.holder: tuple[str, bool] | None = None
        self.took_over = False
        self._loading = False
        self.dirty = False  # typed into since the last load: a late-arriving draft must not wipe it

        self.lock = QLabel()
        self.lock.setObjectName("lockBanner")
        self.lock.setWordWrap(True)
        self.take_button = QPushButton(tr("接管"))
        self.take_button.setToolTip(tr("由我来回复这个会话 (Ctrl+Shift+T)"))
        self.take_button.clicked.connect(self.takeOverRequested)
        self.lock_row = QWidget()
        lock_layout = QHBoxLayout(self.lock_row)
        lock_layout.setContentsMargins(0, 0, 0, 0)
        lock_layout.addWidget(self.lock, 1)
        lock_layout.addWidget(self.take_button)
        self.lock_row.hide()

        self.window_line = QLabel()
        self.window_line.setObjectName("windowLine")
        self.window_line.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("composerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.reply_mode = QPushButton(tr("回复粉丝"))
        self.note_mode = QPushButton(tr("内部备注"))
        self.note_mode.setToolTip(tr("只有同事能看到，不会发给粉丝 (N)"))
        modes = QButtonGroup(self)
        for button in (self.reply_mode, self.note_mode):
            button.setCheckable(True)
            button.setObjectName("modeButton")
            modes.addButton(button)
        self.reply_mode.setChecked(True)
        modes.buttonToggled.connect(lambda *_: self._mode_changed())

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("replyEditor")
        self.editor.setFixedHeight(110)
        self.editor.installEventFilter(self)  # Ctrl+Enter sends, whether or not the window is active
        self.editor.textChanged.connect(self._edited)
        self.send_button = QPushButton(tr("发送"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self._send)
        self.counter = QLabel()
        self.counter.setObjectName("hint")

        self._save = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save.timeout.connect(lambda: self.draftEdited.emit(self.editor.toPlainText()))
        self._idle = QTimer(self, singleShot=True, interval=TYPING_IDLE_MS)
        self._idle.timeout.connect(lambda: self.typingChanged.emit(False))

        top = QHBoxLayout()
        top.addWidget(self.reply_mode)
        top.addWidget(self.note_mode)
        top.addWidget(self.window_line, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counter)
        bottom.addStretch(1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lock_row)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        layout.addLayout(bottom)
        self._mode_changed()

    # -- state from outside ----------------------------------------------------------------------
    def load(self, text: str, notice: str | None) -> None:
        """Show a conversation's draft (no save, no typing signal: nothing was typed)."""
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self.dirty = False
        self.show_notice(notice or "")
        self._update()

    def merge(self, text: str, notice: str | None) -> None:
        """A stored draft (or a refused reply) arrives after the operator started typing: keep both."""
        current = self.editor.toPlainText()
        if text.strip() and text not in current:
            self.editor.setPlainText(f"{text}\n\n{current}" if current.strip() else text)
        if notice:
            self.show_notice(notice)

    def set_window(self, line: str, refusal: str | None) -> None:
        self.refusal = refusal
        self.window_line.setText(line)
        _restyle(self.window_line, "closed", refusal is not None)
        self._update()

    def set_holder(self, holder: tuple[str, bool] | None) -> None:
        self.holder = None if self.took_over else holder
        if self.holder is None:
            self.lock_row.hide()
        else:
            name, typing = self.holder
            doing = tr("正在输入回复…") if typing else tr("正在处理这个会话")
            self.lock.setText(f"{name} {doing} " + tr("为避免重复回复，您的发送已暂停；确需由您回复请点“接管”。"))
            self.lock_row.show()
        self._update()

    def show_notice(self, text: str, error: bool = True) -> None:
        _restyle(self.notice, "error", error)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- modes and sending -------------------------------------------------------------------------
    @property
    def note(self) -> bool:
        return self.note_mode.isChecked()

    def set_note_mode(self, note: bool) -> None:
        (self.note_mode if note else self.reply_mode).setChecked(True)
        self.editor.setFocus()

    def _mode_changed(self) -> None:
        _restyle(self.editor, "note", self.note)
        self.editor.setPlaceholderText(
            tr("写给同事的内部备注，粉丝看不到。Ctrl+Enter 保存") if self.note else tr("输入回复内容，Ctrl+Enter 发送")
        )
        self.send_button.setText(tr("保存备注") if self.note else tr("发送"))
        self._update()

    def _update(self) -> None:
        text = self.editor.toPlainText()
        size = len(text.strip().encode("utf-8"))
        self.counter.setText(tr("{n} / 2048 字节").format(n=size) if not self.note else "")
        blocked = not self.note and (self.refusal is not None or self.holder is not None)
        self.send_button.setEnabled(bool(text.strip()) and not blocked and (self.note or size <= 2048))
        if not self.note and self.refusal is not None:
            self.send_button.setToolTip(self.refusal)
        elif not self.note and self.holder is not None:
            self.send_button.setToolTip(tr("同事正在处理，接管后才能发送"))
        else:
            self.send_button.setToolTip(tr("Ctrl+Enter"))

    def _edited(self) -> None:
        self._update()
        if self._loading:
            return
        self.dirty = True
        self._save.start()
        if not self._idle.isActive():
            self.typingChanged.emit(True)
        self._idle.start()

    def flush_draft(self) -> None:
        """Save now (switching conversations, closing the window)."""
        if self._save.isActive():
            self._save.stop()
            self.draftEdited.emit(self.editor.toPlainText())

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._send()
            return True
        return super().eventFilter(watched, event)

    def _send(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.show_notice(tr("请先输入内容。"), error=False)
            return
        if self.note:
            self.noteRequested.emit(text)
            self.editor.clear()
            self.set_note_mode(False)
            return
        if self.refusal is not None:
            self.show_notice(self.refusal)
            return
        if self.holder is not None:
            self.show_notice(tr("同事正在处理这个会话。确需由您回复，请先点“接管”（Ctrl+Shift+T）。"))
            return
        self._save.stop()
        self.sendRequested.emit(text)
