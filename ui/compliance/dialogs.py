"""The dialogs of 安全清单 and 账号台账: 登记完成 (the date, what was found, the files to upload as
evidence), an administrator's checklist item, and an account's register entry (checked with the same
rules the hub applies, the error shown beside the form, nothing lost).

Dialogs only collect and check what is typed; the page hands it to the controller. The 登记完成 dialog
stays open while its files upload, so a failed upload (offline) leaves everything as it was typed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.checklist.evidence_files import MAX_EVIDENCE, SUFFIXES
from console.checklist.periods import PERIOD_TEXT, PERIODS
from console.compliance.register import FIELDS, RegisterError, clean_register
from console.paths import data_dir
from ui.compliance.controller import Attachment
from ui.format import tr
from ui.forms import STYLE, hint_label, restyle, save_buttons, show_status, status_line

NOTE_MAX = 2000
FIELD_STYLE = 'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 1px solid #d92d20; }'


def size_words(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


# ---- 登记完成 -----------------------------------------------------------------------------------------


class DoneDialog(QDialog):
    """登记完成: one time an item was done, with evidence. `submitted` carries (done_on, note, files); the
    page answers with `uploading`, then `sent` (closes) or `failed` (the words, everything kept)."""

    submitted = Signal(object, str, list)  # date, note, list[Attachment]

    def __init__(self, item: Any, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("登记完成"))
        self.setStyleSheet(STYLE + FIELD_STYLE)
        self.setMinimumWidth(520)
        self.item_id = int(item.id)
        self.today = today
        self.attachments: list[Attachment] = []
        self.job: int | None = None
        self.clips_dir = data_dir() / "evidence-clips"  # pasted screenshots wait here until uploaded
        self.pasted: list[Path] = []

        heading = QLabel(item.title)
        heading.setObjectName("editorHeading")
        heading.setWordWrap(True)
        meta = hint_label(
            tr("{account} · {period} · 到期日 {due}").format(
                account=item.account_name,
                period=item.period_text,
                due=item.due_on.isoformat() if item.due_on else tr("无"),
            )
        )
        self.done_on = _date_edit(today)
        self.done_on.setMaximumDate(qdate(today))
        self.done_on.setToolTip(tr("实际完成检查的日期，不能晚于今天"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("doneNote")
        self.note.setPlaceholderText(tr("检查了什么、结果如何、发现的问题和处理情况"))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(90)
        self.files = QListWidget()
        self.files.setObjectName("doneFiles")
        self.files.setMaximumHeight(110)
        self.add_button = QPushButton(tr("添加附件…"))
        self.add_button.setToolTip(tr("截图、扫描件、PDF、Word、Excel 或文本文件，每个不超过 20 MB"))
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton(tr("粘贴截图"))
        self.paste_button.setToolTip(tr("用截图工具截取后点这里（或按 Ctrl+Shift+V），截图作为 PNG 附上"))
        self.paste_button.clicked.connect(self.paste_screenshot)
        QShortcut(QKeySequence("Ctrl+Shift+V"), self, self.paste_screenshot)
        self.remove_button = QPushButton(tr("移除"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.summary = hint_label()
        self.summary.setObjectName("uploadSummary")
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.paste_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(tr("完成日期"), self.done_on)
        form.addRow(tr("检查结果"), self.note)
        form.addRow(tr("佐证材料"), self.files)
        form.addRow("", file_buttons)
        self.status = status_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.ok_button = self.buttons.addButton(tr("登记"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(meta)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._show_files()

    # -- files ------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUFFIXES))
        names, _filter = QFileDialog.getOpenFileNames(
            self, tr("选择佐证材料"), "", tr("佐证材料 ({patterns})").format(patterns=patterns)
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: Sequence[Path]) -> None:
        """Files of a kind the hub keeps and under its size limit are added; the others are named."""
        refused: list[str] = []
        known = {a.path for a in self.attachments}
        for path in paths:
            if path in known:
                continue
            if path.suffix.lower() not in SUFFIXES:
                refused.append(tr("“{name}”的类型不能作为佐证材料").format(name=path.name))
                continue
            try:
                size = path.stat().st_size
            except OSError as exc:
                refused.append(tr("读不到“{name}”：{error}").format(name=path.name, error=exc.strerror or exc))
                continue
            if size > MAX_EVIDENCE:
                refused.append(tr("“{name}”超过 20 MB，请压缩或截取关键页").format(name=path.name))
                continue
            self.attachments.append(Attachment(path, path.name, size))
            known.add(path)
        self._show_files()
        if refused:
            show_status(self.status, "；".join(refused) + tr("。"), "error")
        elif paths:
            show_status(self.status, "", "ok")

    def paste_screenshot(self) -> Path | None:
        """The picture on the clipboard (a screenshot of the 公众平台 page, say), saved as a PNG on this
        computer and added like a chosen file; the words say what to do when there is none."""
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            show_status(
                self.status, tr("剪贴板里没有图片：请先用截图工具（如 Win+Shift+S）截取，再点“粘贴截图”。"), "error"
            )
            return None
        folder = self.clips_dir
        path = folder / f"{tr('截图')}-{datetime.now():%Y%m%d-%H%M%S}-{len(self.attachments) + 1}.png"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = image.save(str(path))  # PNG, by the name
        except OSError:
            saved = False
        if not saved:
            show_status(
                self.status, tr("截图没能保存到本机（{folder}），请检查磁盘空间。").format(folder=folder), "error"
            )
            return None
        self.pasted.append(path)
        self.add_files([path])
        return path

    def remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.attachments):
            del self.attachments[row]
            self._show_files()

    def _show_files(self) -> None:
        self.files.clear()
        for attachment in self.attachments:
            item = QListWidgetItem(f"{attachment.name}（{size_words(attachment.size)}）")
            item.setToolTip(str(attachment.path))
            self.files.addItem(item)
        self.remove_button.setEnabled(bool(self.attachments))
        if self.attachments:
            total = sum(a.size for a in self.attachments)
            self.summary.setText(
                tr("点“登记”后将上传 {n} 个文件（共 {size}）到服务端，作为本次检查的佐证。").format(
                    n=len(self.attachments), size=size_words(total)
                )
            )
        else:
            self.summary.setText(tr("没有附件：只登记检查结果。检查时的截图或记录可作为佐证一并上传。"))

    # -- sending ----------------------------------------------------------------------------------------
    def values(self) -> tuple[date, str, list[Attachment]]:
        return pydate(self.done_on.date()), self.note.toPlainText().strip(), list(self.attachments)

    def submit(self) -> None:
        done_on, note, files = self.values()
        if not note:
            restyle(self.note, "invalid", True)
            self.note.setFocus()
            show_status(self.status, tr("请写明检查结果。"), "error")
            return
        if len(note) > NOTE_MAX:
            restyle(self.note, "invalid", True)
            show_status(self.status, tr("检查结果不能超过 {n} 字。").format(n=NOTE_MAX), "error")
            return
        if done_on > self.today:
            show_status(self.status, tr("完成日期不能晚于今天。"), "error")
            return
        restyle(self.note, "invalid", False)
        self.submitted.emit(done_on, note, files)

    def uploading(self, job: int) -> None:
        self.job = job
        self._set_busy(True)
        if self.attachments:
            show_status(self.status, tr("正在上传附件…"), "busy")

    def progress(self, job: int, done: int, total: int) -> None:
        if job == self.job and total:
            show_status(self.status, tr("正在上传附件（{done}/{total}）…").format(done=done, total=total), "busy")

    def sent(self, job: int) -> None:
        if job == self.job:
            for path in self.pasted:  # on the hub now, and fetched back from there when opened
                path.unlink(missing_ok=True)
            self.accept()

    def failed(self, job: int, words: str) -> None:
        if job == self.job:
            self.job = None
            self._set_busy(False)
            show_status(self.status, words, "error")

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.done_on, self.note, self.files, self.add_button, self.paste_button, self.ok_button):
            widget.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and bool(self.attachments))


# ---- 检查项 --------------------------------------------------------------------------------------------


class ItemEditor(QDialog):
    """An administrator's checklist item: new (an account chosen) or an existing one edited."""

    def __init__(
        self,
        accounts: Sequence[tuple[str, str]],
        today: date,
        item: Any | None = None,
        appid: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("编辑检查项") if item is not None else tr("新增检查项"))
        self.setStyleSheet(STYLE + FIELD_STYLE)
        self.setMinimumWidth(520)
        self.item = item
        self.account = QComboBox()
        for key, name in accounts:
            self.account.addItem(name, key)
        chosen = item.appid if item is not None else appid
        if chosen:
            self.account.setCurrentIndex(max(0, self.account.findData(chosen)))
        self.account.setEnabled(item is None)
        self.title = QLineEdit(item.title if item is not None else "")
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(tr("例如：核对管理员和运营者名单"))
        self.period = QComboBox()
        for period in PERIODS:
            self.period.addItem(tr(PERIOD_TEXT[period]), period)
        self.period.setCurrentIndex(self.period.findData(item.period if item is not None else "quarterly"))
        self.owner = QLineEdit(item.owner if item is not None else "")
        self.owner.setMaxLength(100)
        self.owner.setPlaceholderText(tr("负责的科室或人员"))
        self.how = QPlainTextEdit(item.how if item is not None else "")
        self.how.setTabChangesFocus(True)
        self.how.setPlaceholderText(tr("怎样检查、要留下什么佐证"))
        self.set_due = QCheckBox(tr("指定到期日"))
        self.due_on = _date_edit(item.due_on if item is not None and item.due_on else today)
        self.set_due.setChecked(item is not None and item.due_on is not None)
        self.set_due.setToolTip(tr("不指定时，按周期算到本期期末"))
        self.due_on.setEnabled(self.set_due.isChecked())
        self.set_due.toggled.connect(self.due_on.setEnabled)
        due = QHBoxLayout()
        due.addWidget(self.set_due)
        due.addWidget(self.due_on, 1)
        form = QFormLayout()
        form.addRow(tr("公众号"), self.account)
        form.addRow(tr("检查项"), self.title)
        form.addRow(tr("周期"), self.period)
        form.addRow(tr("负责人"), self.owner)
        form.addRow(tr("检查方法"), self.how)
        form.addRow(tr("到期日"), due)
        if item is not None and item.auto:
            form.addRow("", hint_label(tr("系统自检项：由工作台自动检查并登记，也可手工登记。")))
        self.status = status_line()
        buttons = save_buttons(self, self.submit, tr("保存"), tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        args: dict[str, Any] = {
            "account": self.account.currentData(),
            "title": self.title.text().strip(),
            "period": self.period.currentData(),
            "owner": self.owner.text().strip(),
            "how": self.how.toPlainText().strip(),
        }
        if self.item is not None:
            args["item_id"] = int(self.item.id)
        if self.set_due.isChecked():
            args["due_on"] = pydate(self.due_on.date()).isoformat()
        return args

    def submit(self) -> None:
        if not self.account.currentData():
            show_status(self.status, tr("请选择公众号。"), "error")
            return
        if not self.title.text().strip():
            restyle(self.title, "invalid", True)
            self.title.setFocus()
            show_status(self.status, tr("请填写检查项。"), "error")
            return
        self.accept()


# ---- 账号台账 ------------------------------------------------------------------------------------------


class RegisterEditor(QDialog):
    """One account's 账号台账 entry, a field per line of FIELDS; checked with clean_register before it is
    sent (the hub checks again), the error shown in place and the field it names marked."""

    submitted = Signal(dict)  # the cleaned register

    def __init__(self, appid: str, name: str, register: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("账号台账 — {name}").format(name=name))
        self.setStyleSheet(STYLE + FIELD_STYLE)
        self.setMinimumWidth(520)
        self.appid = appid
        version = register.get("version")  # the register's version shown: the base of this edit
        self.version: int | None = int(version) if version else None
        self.cleaned: dict[str, Any] | None = None
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(tr("公众号"), QLabel(f"{name}（{appid}）"))
        for key, label in FIELDS:
            edit = QLineEdit(_text(register.get(key)))
            edit.setObjectName(f"register_{key}")
            edit.textEdited.connect(lambda _text, e=edit: restyle(e, "invalid", False))
            self.fields[key] = edit
            form.addRow(tr(label), edit)
        self.status = status_line()
        self.status.setObjectName("editorStatus")
        buttons = save_buttons(self, self.submit, tr("保存"), tr("取消"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint_label(tr("多个运营者用顿号分隔；日期写作 2024-05-01。")))
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def raw(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.fields.items()}

    def submit(self) -> None:
        """Checked here first; `submitted` carries the cleaned entry, and the dialog waits for the hub
        (`saved` closes it, `refused` shows the hub's words with everything kept)."""
        for edit in self.fields.values():
            restyle(edit, "invalid", False)
        try:
            self.cleaned = clean_register(self.raw())
        except RegisterError as exc:
            self.cleaned = None
            wrong = next((self.fields[key] for key, label in FIELDS if f"“{label}”" in str(exc)), None)
            if wrong is not None:
                restyle(wrong, "invalid", True)
                wrong.setFocus()
                wrong.selectAll()
            show_status(self.status, str(exc), "error")
            return
        self.save_button.setEnabled(False)
        show_status(self.status, tr("正在保存…"), "busy")
        self.submitted.emit(self.cleaned)

    def saved(self) -> None:
        self.accept()

    def refused(self, words: str) -> None:
        self.save_button.setEnabled(True)
        show_status(self.status, tr("服务端没有保存：") + words, "error")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)
