"""主管放行: a supervisor lets a text with blocking findings go out as written. Who and why are required,
because the pass is logged with the text for the inspection; the caller builds the `Override` from
`values()` and writes the log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.screening import Hit
from ui.format import tr
from ui.replies.screen_check import BLOCKING_COLOR

MIN_REASON_CHARS = 5

STYLE = f"""
#overrideHits {{ border: 1px solid #f3c4c0; border-radius: 4px; background: #fff7f6; }}
#overrideHits::item {{ padding: 3px 4px; }}
#overrideWarning {{ color: {BLOCKING_COLOR}; }}
#overrideLog {{ color: #7a7f87; }}
"""


class OverrideDialog(QDialog):
    def __init__(
        self,
        hits: Iterable[Hit],
        supervisors: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("主管放行"))
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(460)
        self.hits = tuple(hit for hit in hits if hit.blocking)

        intro = QLabel(tr("以下内容未通过错敏词检查。确需按原文发送，须由审核人放行："))
        intro.setWordWrap(True)
        self.hit_list = QListWidget()
        self.hit_list.setObjectName("overrideHits")
        self.hit_list.setWordWrap(True)
        self.hit_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.hit_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for hit in self.hits:
            self.hit_list.addItem(QListWidgetItem(f"“{hit.matched}”：{hit.reason}"))
        rows = max(1, min(len(self.hits), 4))
        self.hit_list.setFixedHeight(self.fontMetrics().lineSpacing() * rows * 2 + 12)

        self.supervisor = QComboBox()
        self.supervisor.setPlaceholderText(tr("请选择审核人"))
        for login, name in supervisors:
            self.supervisor.addItem(f"{name}（{login}）" if name and name != login else login, login)
        self.supervisor.setCurrentIndex(-1)  # chosen on purpose, never by default
        self.no_supervisor = QLabel(tr("本单位还没有设置审核人，请管理员在人员设置中指定。"))
        self.no_supervisor.setObjectName("overrideWarning")
        self.no_supervisor.setWordWrap(True)
        self.supervisor.setEnabled(bool(supervisors))

        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("写明为什么可以按原文发送，例如：经核实是公开的办事电话。"))
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.reason.setTabChangesFocus(True)
        self.reason_hint = QLabel()
        self.reason_hint.setObjectName("hint")

        log_line = QLabel(tr("放行记录（审核人、理由、时间、原文）会写入日志，不能删除。"))
        log_line.setObjectName("overrideLog")
        log_line.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("确认放行"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(tr("审核人"), self.supervisor)
        form.addRow("", self.no_supervisor)
        form.addRow(tr("放行理由"), self.reason)
        form.addRow("", self.reason_hint)
        if supervisors:
            form.setRowVisible(self.no_supervisor, False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.hit_list)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(log_line)
        layout.addWidget(self.buttons)

        self.supervisor.currentIndexChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def values(self) -> tuple[str, str]:
        """(supervisor login, reason)."""
        return self.supervisor.currentData() or "", self.reason.toPlainText().strip()

    @property
    def complete(self) -> bool:
        login, reason = self.values()
        return bool(login) and len(reason) >= MIN_REASON_CHARS

    def _update(self) -> None:
        missing = MIN_REASON_CHARS - len(self.reason.toPlainText().strip())
        self.reason_hint.setText(
            tr("理由至少 {n} 个字，还差 {missing} 个字").format(n=MIN_REASON_CHARS, missing=missing)
            if missing > 0
            else ""
        )
        self.ok_button.setEnabled(self.complete)

    def accept(self) -> None:
        if self.complete:  # Enter in the combo box must not pass an incomplete form
            super().accept()
