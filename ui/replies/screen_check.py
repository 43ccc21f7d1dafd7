"""The 错敏词 check as you type: every hit is underlined in place (red for what must change, orange for a
reminder), hovering shows why and what to write instead, and a fix is an ordinary edit of the document, so
Ctrl+Z brings the original back.

The underlines are extra selections whose cursors the document moves along with later typing, so they stay
on their words between a keystroke and the next check; the same cursors locate a hit when it is fixed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from console.screening import Hit, Screener, ScreenResult
from ui.format import tr

CHECK_AFTER_MS = 250  # re-check this long after the last keystroke
BLOCKING_COLOR = "#d93026"
BLOCKING_BACKGROUND = "#fde8e7"
WARNING_COLOR = "#e8710a"

Editor = QPlainTextEdit | QTextEdit


def qt_position(text: str, index: int) -> int:
    """A Python string index as a document position: Qt counts UTF-16 units, so every character outside
    the BMP (the emoji followers and staff type) takes two."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def _format(hit: Hit) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(BLOCKING_COLOR if hit.blocking else WARNING_COLOR))
    if hit.blocking:
        fmt.setBackground(QColor(BLOCKING_BACKGROUND))
    return fmt


def hit_tooltip(hits: list[Hit]) -> str:
    """Rich text for the hits under the mouse: what is wrong and what to write instead."""
    parts = []
    for hit in hits:
        level = tr("必须修改") if hit.blocking else tr("提醒")
        color = BLOCKING_COLOR if hit.blocking else WARNING_COLOR
        lines = [f"<b style='color:{color}'>{escape(level)}</b>　“{escape(hit.matched)}”", escape(hit.reason)]
        if hit.suggestion is not None:
            lines.append(escape(tr("建议改为“{text}”").format(text=hit.suggestion)))
        parts.append("<br>".join(lines))
    return "<p style='white-space:pre-wrap'>" + "<hr>".join(parts) + "</p>"


class ScreenCheck(QObject):
    """Checks the text of `editor` with `screener`; owns the editor's extra selections."""

    checked = Signal(object)  # ScreenResult

    def __init__(self, editor: Editor, screener: Screener, delay_ms: int = CHECK_AFTER_MS) -> None:
        super().__init__(editor)
        self.editor = editor
        self.screener = screener
        self.result: ScreenResult | None = None
        self._marks: list[tuple[QTextCursor, Hit]] = []
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.check_now)
        editor.textChanged.connect(self._timer.start)
        self._viewport = editor.viewport()
        self._viewport.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """Typed into since the last check (the underlines may be out of date)."""
        return self._timer.isActive()

    def set_screener(self, screener: Screener) -> None:
        """New word lists (an admin saved them): check again at once."""
        self.screener = screener
        self.check_now()

    def check_now(self) -> ScreenResult:
        self._timer.stop()
        text = self.editor.toPlainText()
        result = self.screener.screen(text)
        self.result = result
        document = self.editor.document()
        self._marks = []
        selections = []
        for hit in result.hits:
            cursor = QTextCursor(document)
            cursor.setPosition(qt_position(text, hit.start))
            cursor.setPosition(qt_position(text, hit.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = _format(hit)
            selections.append(selection)
            self._marks.append((cursor, hit))
        self.editor.setExtraSelections(selections)
        self.checked.emit(result)
        return result

    # -- fixes ---------------------------------------------------------------------------------------
    def apply_fix(self, hit: Hit) -> bool:
        """Replace one hit by its suggestion (one undo step) and check again. False when the hit has no
        suggestion or its text is no longer there."""
        if hit.suggestion is None:
            return False
        cursor = self._cursor_for(hit)
        if cursor is None:
            self.check_now()  # typed since: find the same finding in the new text
            same = [
                h for h in self._hits() if (h.kind, h.matched, h.suggestion) == (hit.kind, hit.matched, hit.suggestion)
            ]
            if not same:
                return False
            cursor = self._cursor_for(min(same, key=lambda h: abs(h.start - hit.start)))
            if cursor is None:
                return False
        cursor.insertText(hit.suggestion)
        self.check_now()
        return True

    def apply_all(self) -> int:
        """Replace every hit that has a suggestion, as one undo step; overlapping hits: the first (then the
        longest) wins and the check that follows shows what is left. Returns how many were replaced."""
        if self.pending or self.result is None:
            self.check_now()
        chosen: list[tuple[QTextCursor, Hit]] = []
        end = -1
        for cursor, hit in sorted(self._marks, key=lambda mark: (mark[1].start, -mark[1].end)):
            if hit.suggestion is not None and hit.start >= end and self._still_there(cursor, hit):
                chosen.append((cursor, hit))
                end = hit.end
        if not chosen:
            return 0
        block = QTextCursor(self.editor.document())
        block.beginEditBlock()
        for cursor, hit in reversed(chosen):
            cursor.insertText(hit.suggestion or "")
        block.endEditBlock()
        self.check_now()
        return len(chosen)

    def _hits(self) -> list[Hit]:
        return [hit for _, hit in self._marks]

    def _cursor_for(self, hit: Hit) -> QTextCursor | None:
        for cursor, marked in self._marks:
            if marked == hit and self._still_there(cursor, hit):
                return QTextCursor(cursor)
        return None

    @staticmethod
    def _still_there(cursor: QTextCursor, hit: Hit) -> bool:
        return cursor.selectedText().replace("\u2029", "\n") == hit.matched

    # -- hover ---------------------------------------------------------------------------------------
    def hits_at(self, point: QPoint) -> list[Hit]:
        """The hits under a point of the editor's viewport."""
        cursor = self.editor.cursorForPosition(point)
        rect = self.editor.cursorRect(cursor)
        if not rect.top() - 1 <= point.y() <= rect.bottom() + 1:
            return []  # below the last line, or beside a short one
        position = cursor.position() - (1 if point.x() < rect.x() else 0)  # the character under the point
        return [hit for mark, hit in self._marks if mark.selectionStart() <= position < mark.selectionEnd()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the type first: while the editor is being destroyed its viewport still sends events here
        if event.type() == QEvent.Type.ToolTip and watched is self._viewport and isinstance(event, QHelpEvent):
            hits = self.hits_at(event.pos())
            if hits:
                QToolTip.showText(event.globalPos(), hit_tooltip(hits), self._viewport)
                return True
            QToolTip.hideText()
        return super().eventFilter(watched, event)
