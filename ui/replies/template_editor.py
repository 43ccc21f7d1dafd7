"""常用回复的编辑区: title, account, category, tags and body; the 错敏词 check under the body as it is typed,
and the text as a follower of the chosen account would read it, with what that account has not set up
shown in orange.

The editor only holds what is typed and says whether it changed (`dirty`); the page decides when to save
and keeps the text here until the hub answers, so a refusal never loses a word. The status line, the
variable menu and the account choices are shared with the rule editor."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.replies.codec import BODY_MAX, TITLE_MAX, Template, template_from_dict, template_to_dict
from console.replies.rules import CHINA
from console.replies.templates import BUILTIN_VARIABLES, VariableValues, fill
from console.screening import Screener, ScreenResult
from ui.format import tr
from ui.forms import STYLE, fill_accounts, hint_label, select_data, show_status, status_line
from ui.replies.screen_check import WARNING_COLOR, ScreenCheck
from ui.replies.screen_panel import ScreenPanel, attach

COPY_SUFFIX = "（副本）"
TAG_SEPARATORS = re.compile(r"[,，、;；]+")


def variable_button(target: QPlainTextEdit, names: Callable[[], Sequence[str]]) -> QPushButton:
    """插入变量: a menu of {称呼}, {日期}, {办公时间}, {窗口电话} and the account's own values."""
    button = QPushButton(tr("插入变量"))
    button.setToolTip(tr("在光标处插入变量，发送时替换为对应内容"))
    menu = QMenu(button)

    def rebuild() -> None:
        menu.clear()
        for name in dict.fromkeys([*BUILTIN_VARIABLES, *names()]):
            action = QAction("{" + name + "}", menu)
            action.triggered.connect(lambda _checked=False, n=name: _insert(target, "{" + n + "}"))
            menu.addAction(action)

    menu.aboutToShow.connect(rebuild)
    button.setMenu(menu)
    return button


def _insert(target: QPlainTextEdit, text: str) -> None:
    target.insertPlainText(text)
    target.setFocus()


def china_today() -> date:
    return datetime.now(CHINA).date()


def preview_html(text: str, missing: Sequence[str]) -> str:
    """The filled text as rich text, each variable left unfilled in orange."""
    html = escape(text)
    for name in missing:
        mark = escape("{" + name + "}")
        html = html.replace(mark, f"<span style='color:{WARNING_COLOR}; font-weight:bold'>{mark}</span>")
    return html.replace("\n", "<br>")


# ---- the editor -------------------------------------------------------------------------------------


class TemplateEditor(QWidget):
    saveRequested = Signal()
    duplicateRequested = Signal()
    archiveRequested = Signal(bool)  # archived wanted
    overrideRequested = Signal()  # 申请放行… under the body

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.template_id = 0  # 0: not stored yet
        self.shown: Template | None = None  # the stored version last loaded
        self.archived = False
        self.usage_count = 0
        self.dirty = False  # typed into since the last load
        self.generation = 0  # which template is shown: bumped by every load
        self.edits = 0  # bumped by every keystroke: a save's answer knows whether typing went on
        self.values: dict[str, dict[str, str]] = {}
        self.office_hours = ""
        self.check: ScreenCheck | None = None
        self.panel: ScreenPanel | None = None
        self._loading = False

        self.heading = QLabel(tr("新模板"))
        self.heading.setObjectName("editorHeading")
        self.info = hint_label()
        self.status = status_line()

        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(tr("简短的标题，如：社保卡补办流程"))
        self.account = QComboBox()
        self.account.setToolTip(tr("通用模板所有公众号都能用；指定公众号的模板只在该号的会话中出现"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        category_line = self.category.lineEdit()
        if category_line is not None:
            category_line.setPlaceholderText(tr("选择或输入，如：社保"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(tr("用逗号或顿号分开，如：社保卡、补办"))

        self.body = QPlainTextEdit()
        self.body.setObjectName("replyEditor")
        self.body.setPlaceholderText(tr("回复给群众的内容。可以使用 {称呼}、{日期}、{办公时间}、{窗口电话} 等变量。"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(110)
        self.counter = hint_label()
        self.insert_variable = variable_button(self.body, self._value_names)
        self.panel_holder = QVBoxLayout()
        self.panel_holder.setContentsMargins(0, 0, 0, 0)

        self.preview_account = QComboBox()
        self.preview_account.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preview_account.setToolTip(tr("按这个公众号的账号变量预览"))
        self.preview = QLabel()
        self.preview.setObjectName("templatePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.missing = QLabel()
        self.missing.setObjectName("previewMissing")
        self.missing.setWordWrap(True)
        self.missing.setToolTip(tr("在“账号变量”页为这个公众号填写后，预览和发送时会自动替换"))

        self.archive_button = QPushButton(tr("归档"))
        self.archive_button.setToolTip(tr("归档后不再出现在回复时的模板列表中，可随时取消归档"))
        self.duplicate_button = QPushButton(tr("复制一份"))
        self.duplicate_button.setToolTip(tr("以当前内容新建一个模板 (Ctrl+D)"))
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(tr("保存到服务端，同事随即可用 (Ctrl+S)"))
        self.archive_button.clicked.connect(lambda: self.archiveRequested.emit(not self.archived))
        self.duplicate_button.clicked.connect(self.duplicateRequested)
        self.save_button.clicked.connect(self.saveRequested)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("标题"), self.title)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 3)
        account_row.addWidget(QLabel(tr("分类")))
        account_row.addWidget(self.category, 2)
        form.addRow(tr("公众号"), account_row)
        form.addRow(tr("标签"), self.tags)
        body_row = QHBoxLayout()
        body_row.addWidget(QLabel(tr("正文")))
        body_row.addStretch(1)
        body_row.addWidget(self.counter)
        body_row.addWidget(self.insert_variable)
        preview_row = QHBoxLayout()
        preview_row.addWidget(QLabel(tr("预览")))
        preview_row.addStretch(1)
        preview_row.addWidget(QLabel(tr("按公众号")))
        preview_row.addWidget(self.preview_account)
        buttons = QHBoxLayout()
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.duplicate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.info)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addLayout(body_row)
        layout.addWidget(self.body, 3)
        layout.addLayout(self.panel_holder)
        layout.addLayout(preview_row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)

        for signal in (self.title.textChanged, self.tags.textChanged, self.body.textChanged):
            signal.connect(self._edited)
        self.category.editTextChanged.connect(self._edited)
        self.account.currentIndexChanged.connect(self._account_changed)
        self.preview_account.currentIndexChanged.connect(self.refresh_preview)
        self.set_choices([], [], {})
        self.load(None)

    # -- choices from the library ------------------------------------------------------------------
    def set_choices(
        self,
        accounts: Sequence[tuple[str, str]],
        categories: Sequence[str],
        values: Mapping[str, Mapping[str, str]],
    ) -> None:
        """The accounts (appid, name), the categories in use and each account's values. What is typed
        stays as it is."""
        self._loading = True
        fill_accounts(self.account, accounts, tr("通用（所有公众号）"))
        fill_accounts(self.preview_account, accounts, None)
        typed = self.category.currentText()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItems(list(categories))
        self.category.setCurrentText(typed)
        self.category.blockSignals(False)
        self._loading = False
        self.values = {appid: dict(v) for appid, v in values.items()}
        self._follow_account()

    def set_office_hours(self, text: str) -> None:
        """What {办公时间} becomes when an account does not set its own ("工作日 8:30–12:00、14:30–17:30")."""
        self.office_hours = text
        self.refresh_preview()

    def set_screener(self, screener: Screener) -> None:
        """The 错敏词 lists arrived (or changed): check the body as it is typed."""
        if self.check is None:
            self.check, self.panel = attach(self.body, screener)
            self.panel.overrideRequested.connect(self.overrideRequested)
            self.panel_holder.addWidget(self.panel)
        else:
            self.check.set_screener(screener)

    def screening(self) -> ScreenResult | None:
        """The check of the body as it is now (None until the word lists are loaded)."""
        return self.check.check_now() if self.check is not None else None

    # -- what is shown -------------------------------------------------------------------------------
    def load(
        self, template: Template | None, account: str | None = None, category: str = "", keep_status: bool = False
    ) -> None:
        """Show a stored template, or a blank one (for `account` and `category`) when None. `keep_status`:
        a newer version of the same template, so what the hub last said stays on screen."""
        self._loading = True
        self.shown = template
        self.template_id = template.id if template else 0
        self.archived = template.archived if template else False
        self.usage_count = template.usage_count if template else 0
        select_data(self.account, template.account if template else account)
        self.title.setText(template.title if template else "")
        self.category.setCurrentText(template.category if template else category)
        self.tags.setText("、".join(template.tags) if template else "")
        self.body.setPlainText(template.body if template else "")
        self._loading = False
        self.dirty = False
        self.generation += 1
        if not keep_status:
            show_status(self.status, "")
        if self.check is not None:
            self.check.check_now()
        self._follow_account()
        self._update()

    def duplicate(self) -> None:
        """The same content as a new, unsaved template titled “…（副本）”."""
        title = self.title.text().strip()
        self._loading = True
        self.title.setText(title[: TITLE_MAX - len(COPY_SUFFIX)] + COPY_SUFFIX)
        self._loading = False
        self.template_id, self.archived, self.usage_count = 0, False, 0
        self.dirty = True
        self.generation += 1
        show_status(self.status, tr("这是一份副本，尚未保存。修改后按“保存”(Ctrl+S) 存为新模板。"), "notice")
        self._update()

    def data(self) -> dict[str, Any]:
        """The template as typed, in the codec's shape (id 0: new). TemplateFormatError says what to fix."""
        tags = [tag.strip() for tag in TAG_SEPARATORS.split(self.tags.text()) if tag.strip()]
        raw = {
            "id": self.template_id,
            "account": self.account.currentData(),
            "title": self.title.text(),
            "body": self.body.toPlainText(),
            "category": self.category.currentText(),
            "tags": tags,
            "archived": self.archived,
            "usage_count": self.usage_count,
        }
        return template_to_dict(template_from_dict(raw))

    def show_status(self, text: str, state: str = "busy") -> None:
        show_status(self.status, text, state)

    def set_archived(self, archived: bool) -> None:
        """The hub archived (or brought back) the template shown."""
        self.archived = archived
        self._update()

    def saved(self, generation: int, edits: int, template_id: int) -> None:
        """The hub stored what was sent at (generation, edits) as `template_id`."""
        if generation != self.generation:
            return  # another template is shown now
        if template_id:
            self.template_id = template_id
        if edits == self.edits:
            self.dirty = False
        self._update()

    # -- internals -------------------------------------------------------------------------------------
    def _value_names(self) -> list[str]:
        return list(self.values.get(self.preview_account.currentData() or "", {}))

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.edits += 1
        self._update()
        self.refresh_preview()

    def _account_changed(self) -> None:
        self._follow_account()
        self._edited()

    def _follow_account(self) -> None:
        appid = self.account.currentData()
        if appid is not None:
            index = self.preview_account.findData(appid)
            if index >= 0:
                self.preview_account.setCurrentIndex(index)
        # a template of one account previews as that account; a shared one as any the operator picks
        self.preview_account.setEnabled(appid is None)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        body = self.body.toPlainText()
        appid = self.preview_account.currentData()
        values = VariableValues(
            nickname=None,
            today=china_today(),
            office_hours=self.office_hours,
            account_values=self.values.get(appid or "", {}),
        )
        filled = fill(body, values)
        if not body.strip():
            empty = escape(tr("正文填写后在这里显示群众看到的内容。"))
            self.preview.setText(f"<span style='color:#7a7f87'>{empty}</span>")
        else:
            self.preview.setText(preview_html(filled.text, filled.missing))
        if filled.missing and appid is None:
            self.missing.setText(tr("还没有公众号，无法预览：{names}").format(names="、".join(filled.missing)))
        elif filled.missing:
            self.missing.setText(tr("账号没有设置：{names}").format(names="、".join(filled.missing)))
        self.missing.setVisible(bool(filled.missing))

    def _update(self) -> None:
        stored = self.template_id > 0
        if not stored:
            self.heading.setText(tr("新模板"))
            self.info.setText(tr("尚未保存"))
        else:
            self.heading.setText(tr("编辑模板"))
            words = tr("编号 #{id} · 已使用 {n} 次").format(id=self.template_id, n=self.usage_count)
            self.info.setText(words + (tr(" · 已归档") if self.archived else ""))
        if self.dirty and stored:
            self.info.setText(self.info.text() + tr(" · 有未保存的修改"))
        self.archive_button.setText(tr("取消归档") if self.archived else tr("归档"))
        self.archive_button.setEnabled(stored)
        size = len(self.body.toPlainText())
        self.counter.setText(tr("{n} / {max} 字").format(n=size, max=BODY_MAX))
