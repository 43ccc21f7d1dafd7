"""自动回复规则的编辑区: name, type, account, how it matches, keywords (one per line), priority, when it is
active (always, office hours, outside them, or typed as "周一至周五 08:30–17:30"), and the reply — text
checked for 错敏词 as it is typed, an image already uploaded, or a link to an article.

`data()` checks everything through the codec before anything is sent, so a mistake is said in plain
words here rather than refused by the hub later."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.replies.codec import (
    RULE_NAME_MAX,
    RuleFormatError,
    parse_windows_text,
    rule_from_dict,
    rule_to_dict,
    windows_from_list,
    windows_to_list,
)
from console.replies.rules import (
    MatchMode,
    ReplyKind,
    RuleKind,
    TimeWindow,
    compile_pattern,
    office_hours,
    outside_office_hours,
)
from console.screening import Screener, ScreenResult
from ui.format import tr
from ui.forms import STYLE, fill_accounts, hint_label, select_data, show_status, status_line
from ui.replies.screen_check import ScreenCheck
from ui.replies.screen_panel import ScreenPanel, attach
from ui.replies.template_editor import COPY_SUFFIX, variable_button

ALWAYS, OFFICE, OUTSIDE, CUSTOM = "always", "office", "outside", "custom"
PRIORITY_LIMIT = 9999


def kind_names() -> dict[RuleKind, str]:
    return {RuleKind.KEYWORD: tr("关键词"), RuleKind.WELCOME: tr("关注欢迎语"), RuleKind.FALLBACK: tr("兜底回复")}


def mode_names() -> dict[MatchMode, str]:
    return {MatchMode.CONTAINS: tr("包含匹配"), MatchMode.EXACT: tr("完全匹配"), MatchMode.REGEX: tr("正则匹配")}


def reply_kind_names() -> dict[ReplyKind, str]:
    return {ReplyKind.TEXT: tr("文字"), ReplyKind.IMAGE: tr("图片（素材ID）"), ReplyKind.NEWS: tr("图文链接")}


def preset_windows() -> dict[str, tuple[TimeWindow, ...]]:
    return {ALWAYS: (), OFFICE: office_hours(), OUTSIDE: outside_office_hours()}


def describe_windows(windows: Sequence[TimeWindow]) -> str:
    return "；".join(window.describe() for window in windows) if windows else tr("始终生效")


def _same_windows(a: Sequence[TimeWindow], b: Sequence[TimeWindow]) -> bool:
    def key(windows: Sequence[TimeWindow]) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True) for item in windows_to_list(windows))

    return key(a) == key(b)


class RuleEditor(QWidget):
    saveRequested = Signal()
    deleteRequested = Signal()
    duplicateRequested = Signal()
    overrideRequested = Signal()  # 申请放行… under the reply text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.rule_id = 0  # 0: not stored yet
        self.shown: dict[str, Any] | None = None  # the stored version last loaded
        self.dirty = False
        self.generation = 0
        self.edits = 0
        self.values: dict[str, dict[str, str]] = {}
        self.check: ScreenCheck | None = None
        self.panel: ScreenPanel | None = None
        self.screener: Screener | None = None
        self._loading = False

        self.heading = QLabel(tr("新规则"))
        self.heading.setObjectName("editorHeading")
        self.info = hint_label()
        self.status = status_line()

        self.name = QLineEdit()
        self.name.setMaxLength(RULE_NAME_MAX)
        self.name.setPlaceholderText(tr("便于辨认的名称，如：社保卡补办"))
        self.kind = QComboBox()
        for kind, word in kind_names().items():
            self.kind.addItem(word, kind.value)
        self.kind.setToolTip(
            tr("关键词：粉丝消息含有关键词时回复；关注欢迎语：新粉丝关注时发送；兜底回复：没有规则匹配时发送")
        )
        self.account = QComboBox()
        self.account.setToolTip(tr("“全部公众号”的规则对每个公众号都生效"))
        self.mode = QComboBox()
        tips = {
            MatchMode.CONTAINS: tr("消息中含有任一关键词就回复"),
            MatchMode.EXACT: tr("消息与关键词完全相同才回复（忽略首尾空格和标点）"),
            MatchMode.REGEX: tr("高级：每行一个正则表达式"),
        }
        for mode, word in mode_names().items():
            self.mode.addItem(word, mode.value)
            self.mode.setItemData(self.mode.count() - 1, tips[mode], Qt.ItemDataRole.ToolTipRole)
        self.keywords = QPlainTextEdit()
        self.keywords.setPlaceholderText(tr("每行一个关键词，例如：\n社保卡\n补办社保"))
        self.keywords.setTabChangesFocus(True)
        self.keywords.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.priority = QSpinBox()
        self.priority.setRange(-PRIORITY_LIMIT, PRIORITY_LIMIT)
        self.priority.setToolTip(tr("几条规则同时命中时，数字大的优先回复"))
        self.enabled = QCheckBox(tr("启用"))
        self.enabled.setToolTip(tr("停用的规则保留设置，但不会自动回复"))

        self.window_preset = QComboBox()
        presets = (
            (ALWAYS, tr("始终生效")),
            (OFFICE, tr("仅工作时间")),
            (OUTSIDE, tr("仅非工作时间")),
            (CUSTOM, tr("自定义")),
        )
        for key, word in presets:
            self.window_preset.addItem(word, key)
        self.window_text = QLineEdit()
        self.window_text.setPlaceholderText(tr("如：周一至周五 08:30-17:30；周六 全天"))
        self.window_hint = hint_label()

        self.reply_kind = QComboBox()
        for reply_kind, word in reply_kind_names().items():
            self.reply_kind.addItem(word, reply_kind.value)
        self.reply_text = QPlainTextEdit()
        self.reply_text.setObjectName("replyEditor")
        self.reply_text.setPlaceholderText(
            tr("自动回复的内容。写明办理地点、时间、材料或电话，群众才能得到实际答复。可使用 {窗口电话} 等变量。")
        )
        self.reply_text.setTabChangesFocus(True)
        self.reply_text.setMinimumHeight(90)
        self.insert_variable = variable_button(self.reply_text, self._value_names)
        self.panel_holder = QVBoxLayout()
        self.panel_holder.setContentsMargins(0, 0, 0, 0)
        self.media_id = QLineEdit()
        self.media_id.setPlaceholderText(tr("公众号后台“素材管理”中图片的 media_id"))
        self.news_title = QLineEdit()
        self.news_description = QLineEdit()
        self.news_url = QLineEdit()
        self.news_url.setPlaceholderText("https://mp.weixin.qq.com/s/…")
        self.news_picurl = QLineEdit()
        self.news_picurl.setPlaceholderText(tr("可不填"))

        self.text_part = QWidget()
        text_layout = QVBoxLayout(self.text_part)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.reply_text, 1)
        text_layout.addLayout(self.panel_holder)
        self.media_hint = hint_label(tr("图片须先上传到公众号素材库，这里填写它的 media_id。"))

        self.delete_button = QPushButton(tr("删除"))
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.setToolTip(tr("删除这条规则（会先确认）"))
        self.duplicate_button = QPushButton(tr("复制一份"))
        self.duplicate_button.setToolTip(tr("以当前内容新建一条规则 (Ctrl+D)"))
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(tr("保存到服务端，立即用于自动回复 (Ctrl+S)"))
        self.delete_button.clicked.connect(self.deleteRequested)
        self.duplicate_button.clicked.connect(self.duplicateRequested)
        self.save_button.clicked.connect(self.saveRequested)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(tr("名称"), self.name)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(QLabel(tr("公众号")))
        kind_row.addWidget(self.account, 2)
        self.form.addRow(tr("类型"), kind_row)
        self.form.addRow(tr("匹配方式"), self.mode)
        self.form.addRow(tr("关键词"), self.keywords)
        order_row = QHBoxLayout()
        order_row.addWidget(self.priority)
        order_row.addWidget(hint_label(tr("数字大的优先")))
        order_row.addStretch(1)
        order_row.addWidget(self.enabled)
        self.form.addRow(tr("优先级"), order_row)
        window_row = QHBoxLayout()
        window_row.addWidget(self.window_preset)
        window_row.addWidget(self.window_text, 1)
        self.form.addRow(tr("生效时段"), window_row)
        self.form.addRow("", self.window_hint)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_kind, 1)
        reply_row.addWidget(self.insert_variable)
        self.form.addRow(tr("回复类型"), reply_row)
        self.form.addRow(tr("素材ID"), self.media_id)
        self.form.addRow("", self.media_hint)
        self.form.addRow(tr("图文标题"), self.news_title)
        self.form.addRow(tr("摘要"), self.news_description)
        self.form.addRow(tr("文章链接"), self.news_url)
        self.form.addRow(tr("封面图片"), self.news_picurl)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
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
        layout.addLayout(self.form)
        layout.addWidget(self.text_part, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)

        for line in (
            self.name,
            self.window_text,
            self.media_id,
            self.news_title,
            self.news_description,
            self.news_url,
            self.news_picurl,
        ):
            line.textChanged.connect(self._edited)
        for text in (self.keywords, self.reply_text):
            text.textChanged.connect(self._edited)
        for combo in (self.kind, self.account, self.mode, self.window_preset, self.reply_kind):
            combo.currentIndexChanged.connect(self._edited)
        self.priority.valueChanged.connect(self._edited)
        self.enabled.toggled.connect(self._edited)
        self.set_choices([], {})
        self.load(None)

    # -- choices -------------------------------------------------------------------------------------
    def set_choices(self, accounts: Sequence[tuple[str, str]], values: dict[str, dict[str, str]]) -> None:
        self._loading = True
        fill_accounts(self.account, accounts, tr("全部公众号"))
        self._loading = False
        self.values = values

    def set_screener(self, screener: Screener) -> None:
        self.screener = screener
        if self.check is None:
            self.check, self.panel = attach(self.reply_text, screener)
            self.panel.overrideRequested.connect(self.overrideRequested)
            self.panel_holder.addWidget(self.panel)
        else:
            self.check.set_screener(screener)

    def screening(self) -> ScreenResult | None:
        """The 错敏词 check of what followers would read (a text reply, or a link's title and summary), as
        the hub will check it; None for an image or before the word lists are loaded."""
        kind = ReplyKind(self.reply_kind.currentData())
        if kind is ReplyKind.TEXT and self.check is not None:
            return self.check.check_now()
        if kind is ReplyKind.NEWS and self.screener is not None:
            return self.screener.screen(self.news_title.text() + "\n" + self.news_description.text())
        return None

    # -- what is shown -------------------------------------------------------------------------------
    def load(self, rule: dict[str, Any] | None, account: str | None = None, keep_status: bool = False) -> None:
        """Show a stored rule (the codec's dict), or a blank keyword rule for `account` when None."""
        data = rule or {}
        reply = data.get("reply") or {}
        self._loading = True
        self.shown = rule
        self.rule_id = int(data.get("id") or 0)
        self.name.setText(str(data.get("name") or ""))
        self.kind.setCurrentIndex(max(self.kind.findData(data.get("kind") or RuleKind.KEYWORD.value), 0))
        select_data(self.account, data.get("account") if rule else account)
        self.mode.setCurrentIndex(max(self.mode.findData(data.get("mode") or MatchMode.CONTAINS.value), 0))
        self.keywords.setPlainText("\n".join(str(k) for k in data.get("keywords") or []))
        self.priority.setValue(int(data.get("priority") or 0))
        self.enabled.setChecked(bool(data.get("enabled", True)))
        self._show_windows(data.get("windows") or [])
        self.reply_kind.setCurrentIndex(max(self.reply_kind.findData(reply.get("kind") or ReplyKind.TEXT.value), 0))
        self.reply_text.setPlainText(str(reply.get("text") or ""))
        self.media_id.setText(str(reply.get("media_id") or ""))
        self.news_title.setText(str(reply.get("title") or ""))
        self.news_description.setText(str(reply.get("description") or ""))
        self.news_url.setText(str(reply.get("url") or ""))
        self.news_picurl.setText(str(reply.get("picurl") or ""))
        self._loading = False
        self.dirty = False
        self.generation += 1
        if not keep_status:
            show_status(self.status, "")
        if self.check is not None:
            self.check.check_now()
        self._update()

    def duplicate(self) -> None:
        name = self.name.text().strip()
        self._loading = True
        self.name.setText(name[: RULE_NAME_MAX - len(COPY_SUFFIX)] + COPY_SUFFIX)
        self._loading = False
        self.rule_id = 0
        self.dirty = True
        self.generation += 1
        show_status(self.status, tr("这是一份副本，尚未保存。修改后按“保存”(Ctrl+S) 存为新规则。"), "notice")
        self._update()

    def windows(self) -> tuple[TimeWindow, ...]:
        """The chosen time windows; RuleFormatError when the typed ones cannot be read."""
        key = self.window_preset.currentData()
        if key == CUSTOM:
            return parse_windows_text(self.window_text.text())
        return preset_windows()[key]

    def data(self) -> dict[str, Any]:
        """The rule as typed, in the codec's shape (id 0: new). RuleFormatError says what to fix."""
        kind = RuleKind(self.kind.currentData())
        reply_kind = ReplyKind(self.reply_kind.currentData())
        reply: dict[str, Any]
        if reply_kind is ReplyKind.TEXT:
            reply = {"kind": "text", "text": self.reply_text.toPlainText()}
        elif reply_kind is ReplyKind.IMAGE:
            reply = {"kind": "image", "media_id": self.media_id.text()}
        else:
            reply = {
                "kind": "news",
                "title": self.news_title.text(),
                "description": self.news_description.text(),
                "url": self.news_url.text(),
                "picurl": self.news_picurl.text(),
            }
        keywords = [line.strip() for line in self.keywords.toPlainText().splitlines() if line.strip()]
        name = self.name.text().strip() or None
        try:
            windows = windows_to_list(self.windows())
        except RuleFormatError as exc:
            raise RuleFormatError(exc.problem, name=name) from None
        raw = {
            "id": self.rule_id,
            "account": self.account.currentData(),
            "name": self.name.text(),
            "kind": kind.value,
            "mode": self.mode.currentData(),
            "keywords": keywords if kind is RuleKind.KEYWORD else [],
            "priority": self.priority.value(),
            "windows": windows,
            "enabled": self.enabled.isChecked(),
            "reply": reply,
        }
        rule = rule_from_dict(raw)
        if kind is RuleKind.KEYWORD and not keywords:
            raise RuleFormatError(tr("请至少填写一个关键词，每行一个。"), name=name)
        if rule.mode is MatchMode.REGEX and kind is RuleKind.KEYWORD:
            for pattern in keywords:
                try:
                    compile_pattern(pattern)
                except re.error as exc:
                    problem = tr("正则表达式“{p}”无效（{e}），请改正或改用包含匹配。").format(p=pattern, e=exc)
                    raise RuleFormatError(problem, name=name) from None
        if reply_kind is ReplyKind.TEXT and not rule.reply.text.strip():
            raise RuleFormatError(tr("回复内容为空，请填写自动回复的文字。"), name=name)
        if reply_kind is ReplyKind.IMAGE and not rule.reply.media_id:
            raise RuleFormatError(tr("图片回复需要填写素材ID（media_id）。"), name=name)
        return rule_to_dict(rule, rule.account)

    def show_status(self, text: str, state: str = "busy") -> None:
        show_status(self.status, text, state)

    def saved(self, generation: int, edits: int, rule_id: int) -> None:
        if generation != self.generation:
            return
        if rule_id:
            self.rule_id = rule_id
        if edits == self.edits:
            self.dirty = False
        self._update()

    # -- internals -------------------------------------------------------------------------------------
    def _value_names(self) -> list[str]:
        appid = self.account.currentData()
        if appid is not None:
            return list(self.values.get(appid, {}))
        return list(dict.fromkeys(name for values in self.values.values() for name in values))

    def _show_windows(self, stored: list[dict[str, Any]]) -> None:
        try:
            windows = windows_from_list(stored)
        except RuleFormatError:
            windows = ()
        for key, preset in preset_windows().items():
            if _same_windows(windows, preset):
                self.window_preset.setCurrentIndex(self.window_preset.findData(key))
                self.window_text.setText("")
                return
        self.window_preset.setCurrentIndex(self.window_preset.findData(CUSTOM))
        self.window_text.setText(describe_windows(windows))

    def _edited(self) -> None:
        if self._loading:
            self._update()
            return
        self.dirty = True
        self.edits += 1
        self._update()

    def _update(self) -> None:
        keyword = self.kind.currentData() == RuleKind.KEYWORD.value
        self.form.setRowVisible(self.mode, keyword)
        self.form.setRowVisible(self.keywords, keyword)
        reply_kind = self.reply_kind.currentData()
        self.text_part.setVisible(reply_kind == ReplyKind.TEXT.value)
        self.insert_variable.setVisible(reply_kind == ReplyKind.TEXT.value)
        for widget in (self.media_id, self.media_hint):
            self.form.setRowVisible(widget, reply_kind == ReplyKind.IMAGE.value)
        for widget in (self.news_title, self.news_description, self.news_url, self.news_picurl):
            self.form.setRowVisible(widget, reply_kind == ReplyKind.NEWS.value)
        custom = self.window_preset.currentData() == CUSTOM
        self.window_text.setVisible(custom)
        self.form.setRowVisible(self.window_hint, self.window_preset.currentData() != ALWAYS)
        try:
            self.window_hint.setText(describe_windows(self.windows()) + self._window_note())
            self.window_hint.setStyleSheet("")
        except RuleFormatError as exc:
            self.window_hint.setText(exc.problem)
            self.window_hint.setStyleSheet("color: #a32014;")
        stored = self.rule_id > 0
        self.heading.setText(tr("编辑规则") if stored else tr("新规则"))
        info = tr("编号 #{id}").format(id=self.rule_id) if stored else tr("尚未保存")
        if self.dirty and stored:
            info += tr(" · 有未保存的修改")
        self.info.setText(info)
        self.delete_button.setEnabled(stored)

    def _window_note(self) -> str:
        if self.window_preset.currentData() in (OFFICE, OUTSIDE):
            return tr("（北京时间；按星期计算，不区分法定节假日）")
        if self.window_preset.currentData() == CUSTOM:
            return tr("（北京时间）")
        return ""
