"""发布时段: an account's usual publishing times, its gap target and what the hub does with a send it
missed, in a form an office can fill in without knowing the stored JSON.

The setting is checked with the same PublishingPlan the hub uses; what it would read like ("工作日 08:00，
周六 10:00") or what is wrong shows under the form as it is edited. Only administrators may save it (the
hub refuses others); everyone else sees it read-only."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from console.publishing.slots import MAX_LATE_MINUTES, PlanError, PublishingPlan
from ui.format import tr
from ui.forms import STYLE, hint_label, save_buttons, show_status, status_line

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
MAX_SLOTS = 12
DAY_STYLE = """
QPushButton[day="true"] { min-width: 26px; padding: 2px 4px; }
QPushButton[day="true"]:checked { background: #c8102e; color: white; border-color: #a10d25; }
"""


class SlotRow(QWidget):
    """One publishing time: the weekdays it applies to and the hour."""

    changed = Signal()
    removeRequested = Signal(object)  # this row

    def __init__(self, days: tuple[int, ...], hour: int, minute: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.days: list[QPushButton] = []
        for n, name in enumerate(WEEKDAYS):
            button = QPushButton(tr(name))
            button.setCheckable(True)
            button.setChecked(n in days)
            button.setProperty("day", True)
            button.setToolTip(tr("周{day}").format(day=tr(name)))
            button.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(button)
            self.days.append(button)
        layout.addSpacing(8)
        self.time = QTimeEdit(QTime(hour, minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.timeChanged.connect(lambda _t: self.changed.emit())
        layout.addWidget(self.time)
        self.remove = QPushButton(tr("删除"))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        layout.addWidget(self.remove)
        layout.addStretch(1)

    def value(self) -> dict[str, object]:
        chosen = [n for n, button in enumerate(self.days) if button.isChecked()]
        return {"days": chosen, "time": self.time.time().toString("HH:mm")}


class PlanDialog(QDialog):
    """Edit one account's publishing times; `submitted` carries (appid, plan) once it checks out."""

    submitted = Signal(str, object)  # appid, PublishingPlan
    accountChanged = Signal(str)  # appid: the page answers with set_plan

    def __init__(
        self,
        accounts: list[tuple[str, str]],
        appid: str,
        plan: PublishingPlan,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("发布时段"))
        self.setStyleSheet(STYLE + DAY_STYLE)
        self.setMinimumWidth(660)
        self.editable = editable
        self.rows: list[SlotRow] = []
        self.checked: PublishingPlan | None = None

        self.account = QComboBox()
        self.account.setObjectName("planAccount")
        for key, name in accounts:
            self.account.addItem(name, key)
        self.account.setCurrentIndex(max(self.account.findData(appid), 0))

        self.slot_box = QVBoxLayout()
        self.slot_box.setSpacing(4)
        self.add_button = QPushButton(tr("添加时段"))
        self.add_button.clicked.connect(lambda: self.add_slot((0, 1, 2, 3, 4), 8, 0))

        self.gap = QSpinBox()
        self.gap.setObjectName("planGap")
        self.gap.setRange(1, 13)
        self.gap.setSuffix(tr(" 天"))
        self.gap.valueChanged.connect(lambda _v: self.check())

        self.ask = QRadioButton(tr("晚了"))
        self.always = QRadioButton(tr("总是补发"))
        late = QButtonGroup(self)
        late.addButton(self.ask)
        late.addButton(self.always)
        self.late_minutes = QSpinBox()
        self.late_minutes.setObjectName("planLateMinutes")
        self.late_minutes.setRange(0, MAX_LATE_MINUTES)
        self.late_minutes.setSingleStep(30)
        self.late_minutes.setSuffix(tr(" 分钟"))
        for widget in (self.ask, self.always):
            widget.toggled.connect(lambda _on: self.check())
        self.late_minutes.valueChanged.connect(lambda _v: self.check())
        ask_line = QHBoxLayout()
        ask_line.addWidget(self.ask)
        ask_line.addWidget(self.late_minutes)
        after = QLabel(tr("以上不再自动发出，标为“待决定”由人决定"))
        after.setWordWrap(True)
        ask_line.addWidget(after, 1)

        form = QFormLayout()
        form.addRow(tr("公众号"), self.account)
        slots = QVBoxLayout()
        slots.addLayout(self.slot_box)
        slots.addWidget(self.add_button)
        slots.addWidget(hint_label(tr("拖到某一天的图文放在当天第一个时段；节假日照常按星期安排。")))
        form.addRow(tr("发布时间"), slots)
        form.addRow(tr("更新间隔目标"), self.gap)
        form.addRow("", hint_label(tr("计划中两篇之间超过这个天数时，日历提醒。检查以两周无更新为否决线。")))
        late_box = QVBoxLayout()
        late_box.addLayout(ask_line)
        late_box.addWidget(self.always)
        form.addRow(tr("错过发布时间"), late_box)
        form.addRow("", hint_label(tr("服务端停机或断网后恢复时，按这里处理到点未发的图文。")))

        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.status = status_line()
        buttons = save_buttons(self, self.submit, tr("保存 (Ctrl+S)"), tr("关闭"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.account.currentIndexChanged.connect(lambda _i: self.accountChanged.emit(self.appid()))
        self.set_plan(plan)
        if not editable:
            show_status(self.status, tr("只有管理员可以修改发布时段，这里只能查看。"), "notice")

    def appid(self) -> str:
        return str(self.account.currentData() or "")

    # -- showing ----------------------------------------------------------------------------------------
    def set_plan(self, plan: PublishingPlan) -> None:
        """Show an account's setting (when opened, and when another account is chosen)."""
        for row in list(self.rows):
            self._drop(row)
        for slot in plan.slots:
            self.add_slot(slot.days, slot.time.hour, slot.time.minute)
        inputs: list[QWidget] = [self.gap, self.late_minutes, self.ask, self.always]
        for widget in inputs:
            widget.blockSignals(True)
        self.gap.setValue(plan.gap_target)
        self.late_minutes.setValue(plan.late_minutes)
        (self.always if plan.late == "publish" else self.ask).setChecked(True)
        for widget in inputs:
            widget.blockSignals(False)
        for widget in [*inputs, self.add_button]:
            widget.setEnabled(self.editable)
        if self.editable:
            show_status(self.status, "")
        self.check()

    def add_slot(self, days: tuple[int, ...], hour: int, minute: int) -> SlotRow | None:
        if len(self.rows) >= MAX_SLOTS:
            return None
        row = SlotRow(days, hour, minute)
        row.setEnabled(self.editable)
        row.changed.connect(self.check)
        row.removeRequested.connect(self._remove)
        self.slot_box.addWidget(row)
        self.rows.append(row)
        self.add_button.setEnabled(self.editable and len(self.rows) < MAX_SLOTS)
        self.check()
        return row

    def _remove(self, row: SlotRow) -> None:
        self._drop(row)
        self.add_button.setEnabled(self.editable)
        self.check()

    def _drop(self, row: SlotRow) -> None:
        self.rows.remove(row)
        self.slot_box.removeWidget(row)
        row.deleteLater()

    # -- checking and saving ----------------------------------------------------------------------------
    def raw(self) -> dict[str, object]:
        return {
            "slots": [row.value() for row in self.rows],
            "gap_target": self.gap.value(),
            "late": "publish" if self.always.isChecked() else "ask",
            "late_minutes": self.late_minutes.value(),
        }

    def check(self) -> PublishingPlan | None:
        """Read the form as the hub will; the summary says what it means or what to fix."""
        self.late_minutes.setEnabled(self.editable and self.ask.isChecked())
        dayless = next((n for n, row in enumerate(self.rows, 1) if not row.value()["days"]), None)
        problem = ""
        plan = None
        if not self.rows:
            problem = tr("至少要有一个发布时段。")
        elif dayless is not None:
            problem = tr("第 {n} 个时段还没有选星期几。").format(n=dayless)
        else:
            try:
                plan = PublishingPlan.from_json(self.raw())
            except PlanError as exc:
                problem = str(exc)
        if plan is None:
            self.summary.setText(tr("还不能保存：") + problem)
            self.summary.setStyleSheet("color: #a32014;")
        else:
            late = (
                tr("错过后总是补发")
                if plan.late == "publish"
                else tr("晚 {n} 分钟以上交由人决定").format(n=plan.late_minutes)
            )
            self.summary.setText(
                tr("发布时间：{slots}；计划间隔不超过 {gap} 天；{late}。").format(
                    slots=plan.describe(), gap=plan.gap_target, late=late
                )
            )
            self.summary.setStyleSheet("color: #1e7b34;")
        self.checked = plan
        self.save_button.setEnabled(self.editable and plan is not None)
        return plan

    def submit(self) -> None:
        plan = self.check()
        if plan is None or not self.editable:
            return
        self.save_button.setEnabled(False)
        show_status(self.status, tr("正在保存…"), "busy")
        self.submitted.emit(self.appid(), plan)

    def saved(self) -> None:
        self.accept()

    def refused(self, words: str) -> None:
        self.save_button.setEnabled(True)
        show_status(self.status, tr("服务端没有保存：") + words, "error")
