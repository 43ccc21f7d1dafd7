"""The desk's form pieces, shared by every page and dialog: the editors' style sheet, the status line
under a form (error, ok, notice, busy), a grey hint, the 保存/取消 row, and account pickers that keep
their choice when the list is refilled."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QWidget

from ui.replies.screen_check import WARNING_COLOR

STYLE = f"""
#editorStatus {{ border-radius: 4px; padding: 6px 8px; }}
#editorStatus[state="error"] {{ background: #fdecea; color: #a32014; }}
#editorStatus[state="ok"] {{ background: #edf7ef; color: #1e7b34; }}
#editorStatus[state="notice"] {{ background: #fff4e5; color: #8a4b00; border: 1px solid #f5c77e; }}
#editorStatus[state="busy"] {{ background: #eef3fb; color: #1d2129; }}
#editorHeading {{ font-size: 15px; font-weight: bold; }}
#templatePreview {{ background: #f2f3f5; border: 1px solid #e4e7ed; border-radius: 4px; padding: 6px 8px; }}
#previewMissing {{ color: {WARNING_COLOR}; }}
#primaryButton {{ background: #c8102e; color: white; border: none; border-radius: 4px; padding: 6px 22px; }}
#primaryButton:disabled {{ background: #e0a3ad; }}
#dangerButton {{ color: #a32014; }}
"""


def restyle(widget: QWidget, prop: str, value: object) -> None:
    """A dynamic property drives the colour; the style must be re-applied for Qt to see the change."""
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def status_line() -> QLabel:
    label = QLabel()
    label.setObjectName("editorStatus")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_status(label: QLabel, text: str, state: str = "busy") -> None:
    """state: "error" (red: refused, or what to fix), "ok" (green), "notice" (orange), "busy" (in progress)."""
    restyle(label, "state", state)
    label.setText(text)
    label.setVisible(bool(text))


def save_buttons(dialog: QDialog, submit: Callable[[], None], save: str, cancel: str) -> QDialogButtonBox:
    """A dialog's 保存 and 取消 row: Save runs `submit` (which checks before it accepts), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    return buttons


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def fill_accounts(combo: QComboBox, accounts: Sequence[tuple[str, str]], everyone: str | None) -> None:
    """(appid, name) pairs as choices, the selection kept; `everyone` first (data None) when given."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if everyone is not None:
        combo.addItem(everyone, None)
    for appid, name in accounts:
        combo.addItem(name or appid, appid)
        combo.setItemData(combo.count() - 1, appid, Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def select_data(combo: QComboBox, value: object) -> None:
    """Choose the item whose data is `value`; an appid the list does not know yet is added, so an
    edit never silently moves a template to another account."""
    index = combo.findData(value)
    if index < 0 and value is not None:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
