"""The result of the 错敏词 check under a text box: one summary line, then each finding with its reason and a
one-click correction. Kept to a few lines of height so the composer above does not shrink; a clean text
shows only the green pass line, an empty one shows nothing."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.screening import Hit, Screener, ScreenResult
from ui.format import tr
from ui.replies.screen_check import BLOCKING_COLOR, WARNING_COLOR, Editor, ScreenCheck

VISIBLE_LINES = 5  # the list scrolls beyond about this many lines
PASS_COLOR = "#1e7b34"

STYLE = f"""
#screenSummary {{ font-weight: bold; }}
#screenSummary[state="blocked"] {{ color: {BLOCKING_COLOR}; }}
#screenSummary[state="warning"] {{ color: {WARNING_COLOR}; }}
#screenSummary[state="clean"] {{ color: {PASS_COLOR}; }}
#screenHits {{ border: 1px solid #e4e7ed; border-radius: 4px; background: #fafbfc; }}
#screenHitList {{ background: transparent; }}
#hitReason {{ color: #4e5969; }}
#fixButton {{ padding: 1px 8px; }}
#overrideButton {{ color: {BLOCKING_COLOR}; }}
"""


def _restyle(widget: QWidget, prop: str, value: object) -> None:
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def summary_text(result: ScreenResult) -> str:
    blocking = len(result.blocking_hits)
    warnings = len(result.hits) - blocking
    if blocking and warnings:
        return tr("发现 {blocking} 处必须修改、{warnings} 处提醒").format(blocking=blocking, warnings=warnings)
    if blocking:
        return tr("发现 {blocking} 处必须修改").format(blocking=blocking)
    if warnings:
        return tr("发现 {warnings} 处提醒").format(warnings=warnings)
    return tr("错敏词检查通过")


class HitRow(QWidget):
    """One finding: the words as written and why, then the correction if there is one."""

    def __init__(self, hit: Hit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hit = hit
        color = BLOCKING_COLOR if hit.blocking else WARNING_COLOR
        self.label = QLabel(f"<b style='color:{color}'>“{escape(hit.matched)}”</b>&nbsp; {escape(hit.reason)}")
        self.label.setObjectName("hitReason")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        self.fix_button: QPushButton | None = None
        if hit.suggestion is not None:
            self.fix_button = QPushButton(tr("改为“{text}”").format(text=hit.suggestion))
            self.fix_button.setObjectName("fixButton")
            self.fix_button.setToolTip(tr("把“{old}”改为“{new}”（可撤销）").format(old=hit.matched, new=hit.suggestion))
            self.fix_button.setCursor(Qt.CursorShape.PointingHandCursor)
            layout.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)


class ScreenPanel(QWidget):
    """Shows a ScreenResult; hides itself while the text is empty."""

    fixRequested = Signal(object)  # Hit
    fixAllRequested = Signal()
    overrideRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.result: ScreenResult | None = None
        self.rows: list[HitRow] = []
        self._wanted_visible = False

        self.summary = QLabel()
        self.summary.setObjectName("screenSummary")
        self.fix_all_button = QPushButton(tr("全部更正"))
        self.fix_all_button.setToolTip(tr("把所有有建议写法的地方一次改好（可撤销）"))
        self.fix_all_button.clicked.connect(self.fixAllRequested)
        self.override_button = QPushButton(tr("申请放行…"))
        self.override_button.setObjectName("overrideButton")
        self.override_button.setToolTip(tr("确需按原文发送时，请审核人放行；放行记录会写入日志"))
        self.override_button.clicked.connect(self.overrideRequested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_all_button)
        top.addWidget(self.override_button)

        self.list_widget = QWidget()
        self.list_widget.setObjectName("screenHitList")
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(6, 4, 6, 4)
        self.list_layout.setSpacing(4)
        self.hits_area = QScrollArea()
        self.hits_area.setObjectName("screenHits")
        self.hits_area.setWidgetResizable(True)
        self.hits_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits_area.setFrameShape(QFrame.Shape.NoFrame)
        self.hits_area.setWidget(self.list_widget)
        self._list_viewport = self.hits_area.viewport()
        self._list_viewport.installEventFilter(self)  # fit the height when the width changes

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.hits_area)
        self.show_result(None)

    # -- state ---------------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        """One of: empty, clean, warning, blocked."""
        result = self.result
        if result is None or not result.text.strip():
            return "empty"
        if result.blocked:
            return "blocked"
        return "warning" if result.hits else "clean"

    def show_result(self, result: ScreenResult | None) -> None:
        self.result = result
        state = self.state
        self._set_visible(state != "empty")
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        if state == "empty" or result is None:
            return
        self.summary.setText(summary_text(result))
        _restyle(self.summary, "state", state)
        for hit in result.hits:
            row = HitRow(hit, self.list_widget)
            if row.fix_button is not None:
                row.fix_button.clicked.connect(lambda _=False, h=hit: self.fixRequested.emit(h))
            self.list_layout.addWidget(row)
            row.show()  # a hidden row would not count in the height below
            self.rows.append(row)
        self.hits_area.setVisible(bool(result.hits))
        self.fix_all_button.setVisible(any(hit.suggestion is not None for hit in result.hits))
        self.override_button.setVisible(result.blocked)
        self._fit_height()
        QTimer.singleShot(0, self, self._fit_height)  # once more after the rows are laid out at their width

    # -- height --------------------------------------------------------------------------------------
    def _fit_height(self) -> None:
        """As tall as the rows need at the current width, but at most about VISIBLE_LINES lines."""
        cap = self.fontMetrics().lineSpacing() * VISIBLE_LINES + 16
        self.list_layout.activate()  # rows just added: let the layout count them first
        width = self.hits_area.viewport().width()
        needed = self.list_widget.heightForWidth(width) if width > 0 else -1
        needed = max(needed, self.list_widget.minimumSizeHint().height())
        frame = 2 * self.hits_area.frameWidth()
        self.hits_area.setFixedHeight(max(0, min(needed, cap)) + frame)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._list_viewport:
            self._fit_height()
        return super().eventFilter(watched, event)

    # -- visibility ----------------------------------------------------------------------------------
    def _set_visible(self, visible: bool) -> None:
        """Show or hide with the text, but never pop up as a window of its own before it is placed."""
        self._wanted_visible = visible
        if self.parentWidget() is not None or not visible:
            self.setVisible(visible)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.setVisible(getattr(self, "_wanted_visible", True))
        return super().event(event)


def attach(editor: Editor, screener: Screener) -> tuple[ScreenCheck, ScreenPanel]:
    """Check `editor` as it is typed into and show the findings in a panel the caller puts under it.
    `overrideRequested` is left to the caller: it knows the supervisors and keeps the log."""
    check = ScreenCheck(editor, screener)
    panel = ScreenPanel()
    check.checked.connect(panel.show_result)
    panel.fixRequested.connect(check.apply_fix)
    panel.fixAllRequested.connect(check.apply_all)
    check.check_now()
    return check, panel
