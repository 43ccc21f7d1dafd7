"""The reply box: WeChat's window and quota above it, who else is on the conversation, the draft
saved as it is typed, a note mode whose text goes to colleagues only, the 错敏词 check marking
problems in place as the operator types (a blocked reply waits until fixed or passed by a
supervisor), and the 常用回复 picker (Ctrl+T)."""

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

from console.screening import Screener, ScreenResult
from ui.format import tr
from ui.replies.screen_check import ScreenCheck
from ui.replies.screen_panel import ScreenPanel, attach

SAVE_AFTER_MS = 400  # a draft reaches the disk this long after the last keystroke
TYPING_IDLE_MS = 5000


def _restyle(label: QWidget, prop: str, value: object) -> None:
    label.setProperty(prop, value)
    label.style().unpolish(label)
    label.style().polish(label)


class Composer(QWidget):
    sendRequested = Signal(str)  # reply text
    overrideWanted = Signal(object)  # ScreenResult: the page asks a supervisor to pass it
    templateWanted = Signal()  # Ctrl+T: open the 常用回复 picker
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
        self.check: ScreenCheck | None = None  # the 错敏词 check, once the word lists are loaded
        self.screen_panel: ScreenPanel | None = None
        self._screen_notice = False  # the notice says the check stopped the send

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
        self.template_button = QPushButton(tr("常用回复"))
        self.template_button.setToolTip(tr("插入常用回复模板 (Ctrl+T)"))
        self.template_button.clicked.connect(self.templateWanted)
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
        bottom.addWidget(self.template_button)
        bottom.addWidget(self.counter)
        bottom.addStretch(1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lock_row)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        self._panel_at = layout.count()  # the 错敏词 panel goes here, under the editor
        layout.addLayout(bottom)
        self._layout = layout
        self._mode_changed()

    def set_screener(self, screener: Screener) -> None:
        """Start (or refresh) the 错敏词 check with the office's current lists."""
        if self.check is not None:
            self.check.set_screener(screener)
            return
        self.check, self.screen_panel = attach(self.editor, screener)
        self.screen_panel.overrideRequested.connect(self._ask_override)
        self.check.checked.connect(self._screened)
        self._layout.insertWidget(self._panel_at, self.screen_panel)
        self._mode_changed()

    def _screened(self, result: ScreenResult) -> None:
        if self._screen_notice and not result.blocked:  # fixed: the warning has done its work
            self.show_notice("")
        self._update()

    def screen_text(self) -> ScreenResult | None:
        """The check of the text as it is now (None: no lists loaded yet, or note mode)."""
        if self.check is None or self.note:
            return None
        return self.check.check_now()

    def _ask_override(self) -> None:
        result = self.screen_text()
        if result is not None and result.blocked:
            self.overrideWanted.emit(result)

    def insert_text(self, text: str) -> None:
        """A template, at the cursor (replacing a selection), ready to edit."""
        self.editor.insertPlainText(text)
        self.editor.setFocus()

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
        self._screen_notice = False
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
        if self.screen_panel is not None:  # notes stay inside the office: no check, no panel
            self.screen_panel.setVisible(not self.note and bool(self.editor.toPlainText().strip()))
            if not self.note and self.check is not None:
                self.check.check_now()
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
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_T
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            self.templateWanted.emit()
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
        result = self.screen_text()
        if result is not None and result.blocked:
            self.show_notice(
                tr(
                    "回复中有 {n} 处必须修改（已标红），请按下方提示修改；确需原样发送，请点“申请放行”由审核人放行。"
                ).format(n=len(result.blocking_hits))
            )
            self._screen_notice = True
            return
        self._save.stop()
        self.sendRequested.emit(text)

    def sent_with_override(self) -> None:
        """The page sent the text with a supervisor's pass: the draft timer has nothing more to save."""
        self._save.stop()
