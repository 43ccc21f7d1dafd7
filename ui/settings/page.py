"""设置: the sidebar's settings page. What it edits lives in console.settings (this desk) and the holiday table
in console.workcal; the page reads and writes through those two and announces changes with signals, so the
inbox's timers and the notifier follow without knowing about this page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from console.settings import Settings, load_settings, save_settings
from console.timeutil import utcnow
from console.workcal import (
    HolidayDataError,
    HolidayTable,
    NoticeError,
    OfficeHours,
    OfficeHoursError,
    YearTable,
    china_today,
    import_notice,
)
from console.workcal.commands import describe_year
from ui.format import tr
from ui.settings.wordlists import WordListBox
from ui.shortcuts import key_for

# Page-local look; the shared sheet (resources/styles/console.qss) holds the rest.
STYLE = """
QGroupBox { font-weight: bold; border: 1px solid #dcdfe6; border-radius: 6px; margin-top: 14px;
            padding: 14px 12px 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #1f2d3d; }
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QLineEdit, QGroupBox QPushButton { font-weight: normal; }
#holidayWarning { background: #fff4e5; color: #8a4b00; border: 1px solid #f5c77e; border-radius: 4px;
                  padding: 8px 10px; }
#importResult { background: #eef3fb; border-radius: 4px; padding: 8px 10px; }
#importResult[error="true"] { background: #fdecea; color: #a32014; }
#settingsMessage[error="true"] { color: #a32014; }
#settingsMessage[error="false"] { color: #1e7b34; }
#saveButton { background: #c8102e; color: white; border: none; border-radius: 4px; padding: 6px 26px; }
"""

TIME_FORMAT = "HH:mm"


def _time_edit(tooltip: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setToolTip(tooltip)
    return edit


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _set_error(label: QLabel, error: bool) -> None:
    """A dynamic property drives the colour; the style must be re-applied for Qt to see the change."""
    label.setProperty("error", error)
    label.style().unpolish(label)
    label.style().polish(label)


def _spoken(message: str) -> str:
    """workcal numbers the spans (第1段, 第2段); on this page they are called 上午 and 下午."""
    return message.replace("第1段", "上午").replace("第2段", "下午").replace("前一段", "上午")


class OfficeHoursBox(QGroupBox):
    """办公时间: the morning and afternoon spans and the overdue limit, both counted on workdays only."""

    def __init__(self, parent=None) -> None:
        super().__init__(tr("办公时间"), parent)
        self.morning_start = _time_edit(tr("上午上班时间"))
        self.morning_end = _time_edit(tr("上午下班时间"))
        self.afternoon_on = QCheckBox(tr("下午"))
        self.afternoon_on.setToolTip(tr("取消勾选表示只有上午一段办公时间"))
        self.afternoon_start = _time_edit(tr("下午上班时间"))
        self.afternoon_end = _time_edit(tr("下午下班时间"))
        self.afternoon_on.toggled.connect(self.afternoon_start.setEnabled)
        self.afternoon_on.toggled.connect(self.afternoon_end.setEnabled)
        self.overdue = QDoubleSpinBox()
        self.overdue.setRange(0.5, 100)
        self.overdue.setSingleStep(0.5)
        self.overdue.setDecimals(1)
        self.overdue.setSuffix(tr(" 个工作小时"))
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(tr("上午"), self._span(self.morning_start, self.morning_end))
        form.addRow(self.afternoon_on, self._span(self.afternoon_start, self.afternoon_end))
        form.addRow(tr("超时提醒"), self._row(self.overdue))
        form.addRow(
            "",
            _hint(
                tr(
                    "粉丝留言等待回复超过这个时长，会话在收件箱中标红并发出提醒。"
                    "只计算办公时间，周末和法定节假日不计，调休上班日照常计算。"
                )
            ),
        )

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return holder

    def _span(self, start: QTimeEdit, end: QTimeEdit) -> QWidget:
        return self._row(start, QLabel(tr("至")), end)

    def show_hours(self, hours: dict, overdue_hours: float) -> None:
        spans = hours.get("spans") or []
        first = spans[0] if spans else ("08:30", "12:00")
        self.morning_start.setTime(QTime.fromString(first[0], TIME_FORMAT))
        self.morning_end.setTime(QTime.fromString(first[1], TIME_FORMAT))
        second = spans[1] if len(spans) > 1 else ("14:30", "17:30")
        self.afternoon_on.setChecked(len(spans) > 1)
        self.afternoon_start.setEnabled(len(spans) > 1)
        self.afternoon_end.setEnabled(len(spans) > 1)
        self.afternoon_start.setTime(QTime.fromString(second[0], TIME_FORMAT))
        self.afternoon_end.setTime(QTime.fromString(second[1], TIME_FORMAT))
        self.overdue.setValue(overdue_hours)

    def hours(self) -> OfficeHours:
        """The spans as entered; raises OfficeHoursError (Chinese message) when they cannot be office hours."""
        pairs = [(self.morning_start.time().toString(TIME_FORMAT), self.morning_end.time().toString(TIME_FORMAT))]
        if self.afternoon_on.isChecked():
            pairs.append(
                (self.afternoon_start.time().toString(TIME_FORMAT), self.afternoon_end.time().toString(TIME_FORMAT))
            )
        return OfficeHours.from_strings(pairs)


class HolidayBox(QGroupBox):
    """节假日安排: which years the table covers, a warning for this year or next when missing, and the import
    of the State Council's notice (published each November for the next year)."""

    imported = Signal(int)  # the year whose table was just imported

    def __init__(self, today: date | None = None, parent=None) -> None:
        super().__init__(tr("节假日安排"), parent)
        self.today = today
        self.table = HolidayTable()
        self.years = QLabel()
        self.years.setObjectName("holidayYears")
        self.years.setWordWrap(True)
        self.years.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel()
        self.warning.setObjectName("holidayWarning")
        self.warning.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.import_button = QPushButton(tr("导入通知…"))
        self.import_button.setToolTip(tr("选择保存了国务院办公厅放假通知全文的文本文件"))
        self.import_button.clicked.connect(self._choose_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.years)
        layout.addWidget(self.warning)
        layout.addWidget(
            _hint(
                tr(
                    "每年11月前后，国务院办公厅发布下一年的部分节假日安排通知。"
                    "把通知全文（含标题）复制到文本文件中保存，再点“导入通知…”选择该文件。"
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.refresh()

    def _this_year(self) -> int:
        return (self.today or china_today(utcnow())).year

    def refresh(self) -> None:
        """Read the table again (shipped years plus the office's imports) and say what is missing."""
        self.table = HolidayTable.load()
        lines = []
        for year in self.table.years():
            table = self.table.tables[year]
            origin = tr("本单位导入") if self.table.origins.get(year) == "office" else tr("随软件提供")
            lines.append(
                tr("{year}年：{origin}，放假{off}天，调休上班{work}天").format(
                    year=year, origin=origin, off=len(table.holidays), work=len(table.workdays)
                )
            )
        self.years.setText("\n".join(lines) if lines else tr("还没有任何年份的节假日安排。"))
        this_year = self._this_year()
        missing = [y for y in (this_year, this_year + 1) if not self.table.covers(y)]
        problems = [tr("有文件无法使用，已跳过：") + p for p in self.table.problems]
        text = []
        if missing:
            text.append(
                tr(
                    "没有{years}的节假日安排：响应时限将只按周末计算。请把国务院办公厅的放假通知全文复制到文本文件后导入。"
                ).format(years="、".join(tr("{year}年").format(year=y) for y in missing))
            )
        self.warning.setText("\n".join(text + problems))
        self.warning.setVisible(bool(text or problems))

    def covered_years(self) -> list[int]:
        return self.table.years()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("选择放假通知文本文件"), str(Path.home()), tr("文本文件 (*.txt);;所有文件 (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Import one notice file; the outcome is shown in words under the button. True when imported."""
        earlier = {y for y, origin in self.table.origins.items() if origin == "office"}
        try:
            table = import_notice(path)
        except (NoticeError, HolidayDataError) as exc:
            self._show_result(tr("没有导入：") + str(exc), error=True)
            return False
        except OSError as exc:
            self._show_result(
                tr(
                    "没有导入：无法读取或保存文件（{reason}）。请确认文件存在、没有被其他程序占用，且磁盘有空间。"
                ).format(reason=exc.strerror or exc),
                error=True,
            )
            return False
        self.refresh()
        self._show_result(self._imported_words(table, replaced=table.year in earlier), error=False)
        self.imported.emit(table.year)
        return True

    @staticmethod
    def _imported_words(table: YearTable, replaced: bool) -> str:
        head = tr("已导入{year}年节假日安排：放假{off}天，调休上班{work}天。").format(
            year=table.year, off=len(table.holidays), work=len(table.workdays)
        )
        if replaced:
            head += tr("（替换了之前导入的安排）")
        source = tr("来源：") + table.source if table.source else ""
        return "\n".join([head, *describe_year(table), *([source] if source else []), tr("请与通知原文核对一遍。")])

    def _show_result(self, text: str, error: bool) -> None:
        self.result.setText(text)
        _set_error(self.result, error)
        self.result.show()


class NotifyBox(QGroupBox):
    """通知: which events raise a tray message, and whether a sound goes with it (off: offices are shared rooms)."""

    def __init__(self, parent=None) -> None:
        super().__init__(tr("通知"), parent)
        self.notify_new = QCheckBox(tr("收到新消息时提醒"))
        self.notify_overdue = QCheckBox(tr("有会话超时未回复时提醒"))
        self.sound = QCheckBox(tr("提醒时发出提示音"))
        layout = QVBoxLayout(self)
        for box in (self.notify_new, self.notify_overdue, self.sound):
            layout.addWidget(box)
        layout.addWidget(_hint(tr("提醒显示在任务栏的通知区域（系统托盘）；收件箱旁的数字始终显示待处理的会话数。")))


class SettingsPage(QWidget):
    """The 设置 entry of the sidebar. 保存 (Ctrl+S) checks the form, writes the settings file and emits
    `settingsChanged`; an import of the holiday notice takes effect at once and emits `holidaysChanged`."""

    settingsChanged = Signal(Settings)
    holidaysChanged = Signal(int)  # the year just imported: reload the holiday table wherever timers run

    def __init__(self, settings: Settings | None = None, today: date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.setStyleSheet(STYLE)
        self._settings = settings or load_settings()
        heading = QLabel(tr("设置"))
        heading.setObjectName("pageTitle")

        self.seat_name = QLineEdit()
        self.seat_name.setMaxLength(30)
        self.seat_name.setMaximumWidth(360)
        self.seat_name.setPlaceholderText(tr("例如：王芳（县融媒体中心）"))
        self.seat_box = QGroupBox(tr("本机"))
        seat_form = QFormLayout(self.seat_box)
        seat_form.addRow(tr("显示名称"), self.seat_name)
        self.seat_id = _hint("")
        seat_form.addRow("", self.seat_id)
        self.hours_box = OfficeHoursBox()
        self.holiday_box = HolidayBox(today)
        self.holiday_box.imported.connect(self.holidaysChanged.emit)
        self.notify_box = NotifyBox()
        self.wordlist_box = WordListBox()

        content = QWidget()
        sections = QVBoxLayout(content)
        sections.setContentsMargins(0, 0, 12, 0)
        for box in (self.seat_box, self.hours_box, self.holiday_box, self.notify_box, self.wordlist_box):
            sections.addWidget(box)
        sections.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setObjectName("saveButton")
        key = key_for("save_settings")
        self.save_button.setToolTip(tr("保存设置") + f" ({key.toString(key.SequenceFormat.NativeText)})")
        self.save_button.clicked.connect(self.save)
        # A window shortcut on the page: Qt only matches it while the page is visible (the current page).
        QShortcut(key, self, self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.show_settings(self._settings)

    def settings(self) -> Settings:
        """The settings as last saved (or loaded), not what is being typed."""
        return self._settings

    def show_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.seat_name.setText(settings.seat_name)
        self.seat_id.setText(
            tr("本机编号：{seat}（同事在会话中看到的是上面的显示名称）").format(seat=settings.seat_login)
        )
        self.hours_box.show_hours(settings.office_hours, settings.overdue_hours)
        self.notify_box.notify_new.setChecked(settings.notify_new)
        self.notify_box.notify_overdue.setChecked(settings.notify_overdue)
        self.notify_box.sound.setChecked(settings.sound)
        self.message.clear()

    def save(self) -> bool:
        """Check, write, announce. Nothing is written when anything is wrong; the reason is shown instead."""
        name = self.seat_name.text().strip()
        if not name:
            return self._refuse(tr("没有保存：请填写本机的显示名称，同事会看到这个名字。"), self.seat_name)
        try:
            hours = self.hours_box.hours()
        except OfficeHoursError as exc:
            return self._refuse(tr("没有保存：办公时间有误——") + _spoken(str(exc)) + tr("。"), self.hours_box)
        candidate = replace(
            self._settings,
            seat_name=name,
            office_hours=hours.to_dict(),
            overdue_hours=self.hours_box.overdue.value(),
            notify_new=self.notify_box.notify_new.isChecked(),
            notify_overdue=self.notify_box.notify_overdue.isChecked(),
            sound=self.notify_box.sound.isChecked(),
        )
        try:
            save_settings(candidate)
        except OSError as exc:
            return self._refuse(
                tr("没有保存：无法写入设置文件（{reason}）。请检查磁盘空间和文件夹权限后再试。").format(
                    reason=exc.strerror or exc
                ),
                None,
            )
        self._settings = candidate
        self.message.setText(tr("设置已保存。"))
        _set_error(self.message, False)
        self.settingsChanged.emit(candidate)
        return True

    def _refuse(self, text: str, focus: QWidget | None) -> bool:
        self.message.setText(text)
        _set_error(self.message, True)
        if focus is not None:
            focus.setFocus()
        return False
