"""规则测试: type a follower's message, pick the account and the time, and see which keyword rule answers it,
why every other matching rule lost, and which rules can never fire or answer too briefly to help.

The rules are compiled once per `set_rules`; each keystroke only runs the match, as the hub does inside
WeChat's 5-second limit. Times are picked in China time (the rules' windows are China time) and passed on
as aware UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QDateTime, QEvent, QObject, QRect, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from console.replies.rules import CHINA, Candidate, LintCode, LintWarning, MatchMode, Reply, ReplyKind, Rule, RuleSet
from ui.format import tr

CHINA_ZONE = QTimeZone(int(CHINA.utcoffset(None).total_seconds()))  # fixed UTC+8: China has no daylight saving
RULE_ID_ROLE = Qt.ItemDataRole.UserRole
CANDIDATE_LINES = 9
SERIOUS = {LintCode.SHADOWED, LintCode.INVALID_REGEX, LintCode.NO_KEYWORDS, LintCode.NEVER_ACTIVE}

STYLE = """
#sectionTitle { font-weight: bold; color: #1f2d3d; border-bottom: 1px solid #dcdfe6; padding: 10px 0 3px; }
#testVerdict[state="hint"] { color: #7a7f87; }
#testVerdict[state="won"] { color: #1e7b34; }
#testVerdict[state="fallback"] { color: #8a4b00; }
#testVerdict[state="none"] { color: #a32014; }
#replyPreview { background: #f2f3f5; border: 1px solid #e4e7ed; border-radius: 4px; padding: 6px 8px; }
#candidateList, #lintList { border: 1px solid #e4e7ed; border-radius: 4px; }
#candidateList::item, #lintList::item { padding: 4px 2px; }
"""


def _restyle(widget: QWidget, prop: str, value: object) -> None:
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def mode_name(mode: MatchMode | None) -> str:
    names = {MatchMode.EXACT: tr("完全匹配"), MatchMode.CONTAINS: tr("包含匹配"), MatchMode.REGEX: tr("正则匹配")}
    return names.get(mode, "") if mode is not None else ""


def weekday_name(day: int) -> str:
    return (tr("周一"), tr("周二"), tr("周三"), tr("周四"), tr("周五"), tr("周六"), tr("周日"))[day]


def reply_preview(reply: Reply) -> str:
    """What the follower would receive, as plain text."""
    if reply.kind is ReplyKind.IMAGE:
        return (
            tr("［图片］素材 {media_id}").format(media_id=reply.media_id)
            if reply.media_id.strip()
            else tr("［图片］未选择图片素材")
        )
    if reply.kind is ReplyKind.NEWS:
        if reply.news is None:
            return tr("［图文］未填写")
        return tr("［图文］{title}\n{url}").format(title=reply.news.title, url=reply.news.url)
    return reply.text.strip() or tr("（回复内容为空）")


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    return label


def _rule_link(rule: Rule) -> str:
    """`“name”（#id）` with the id as a link that opens the rule."""
    return f"“{escape(rule.name)}”（<a href='rule:{rule.id}'>#{rule.id}</a>）"


class RuleTester(QWidget):
    ruleActivated = Signal(int)  # rule id: the caller opens that rule for editing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.rules: RuleSet = RuleSet([])

        self.account = QComboBox()
        self.account.setMinimumContentsLength(16)
        self.message = QLineEdit()
        self.message.setPlaceholderText(tr("输入粉丝可能发来的消息，例如：社保卡丢了怎么补办"))
        self.message.setClearButtonEnabled(True)
        self.subscribe = QCheckBox(tr("模拟新关注"))
        self.subscribe.setToolTip(tr("测试新粉丝关注时收到的欢迎语，而不是关键词回复"))
        self.when = QDateTimeEdit()
        self.when.setTimeZone(CHINA_ZONE)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(tr("北京时间；规则的生效时段按北京时间计算"))
        self.weekday = QLabel()
        self.weekday.setObjectName("hint")
        self.now_button = QPushButton(tr("现在"))
        self.now_button.setToolTip(tr("改回当前时间"))
        self.now_button.clicked.connect(lambda: self.set_time(datetime.now(UTC)))

        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.subscribe)
        time_row = QHBoxLayout()
        time_row.addWidget(self.when)
        time_row.addWidget(self.weekday)
        time_row.addWidget(QLabel(tr("（北京时间）")))
        time_row.addStretch(1)
        time_row.addWidget(self.now_button)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(tr("公众号"), self.account)
        form.addRow(tr("测试消息"), message_row)
        form.addRow(tr("测试时间"), time_row)

        # -- the result ----------------------------------------------------------------------------
        self.verdict = QLabel()
        self.verdict.setObjectName("testVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.linkActivated.connect(self._link)
        self.preview = QLabel()
        self.preview.setObjectName("replyPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.others_title = QLabel()
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidateList")
        self.candidates.setWordWrap(True)

        # -- lint ----------------------------------------------------------------------------------
        self.lint_summary = QLabel()
        self.lint_summary.setObjectName("hint")
        self.lint_summary.setWordWrap(True)
        self.lint_list = QListWidget()
        self.lint_list.setObjectName("lintList")
        self.lint_list.setWordWrap(True)
        self.lint_list.setCursor(Qt.CursorShape.PointingHandCursor)

        for view in (self.candidates, self.lint_list):
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setResizeMode(QListWidget.ResizeMode.Adjust)
            view.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
            view.itemClicked.connect(self._item_clicked)
            view.installEventFilter(self)  # Enter opens the selected rule too; the height follows the width

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_section(tr("测试结果")))
        layout.addWidget(self.verdict)
        layout.addWidget(self.preview)
        layout.addWidget(self.others_title)
        layout.addWidget(self.candidates)
        layout.addWidget(_section(tr("规则检查")))
        layout.addWidget(self.lint_summary)
        layout.addWidget(self.lint_list, 1)

        self.account.currentIndexChanged.connect(self.refresh)
        self.message.textChanged.connect(self.refresh)
        self.subscribe.toggled.connect(self._subscribe_toggled)
        self.when.dateTimeChanged.connect(self.refresh)
        self.set_time(datetime.now(UTC))
        self.set_rules([], [])

    # -- input ---------------------------------------------------------------------------------------
    def set_rules(self, rules: Sequence[Rule], accounts: Sequence[tuple[str, str]]) -> None:
        """The rules to test and the accounts to choose from, as (appid, name). Compiles the rules."""
        self.rules = RuleSet(rules)
        current = self.appid()
        self.account.blockSignals(True)
        self.account.clear()
        for appid, name in accounts:
            self.account.addItem(name or appid, appid)
            self.account.setItemData(self.account.count() - 1, appid, Qt.ItemDataRole.ToolTipRole)
        if not accounts:
            self.account.addItem(tr("（只测试适用于所有公众号的规则）"), "")
        index = self.account.findData(current)
        self.account.setCurrentIndex(index if index >= 0 else 0)
        self.account.blockSignals(False)
        self._show_lint(self.rules.lint())
        self.refresh()

    def appid(self) -> str:
        return self.account.currentData() or ""

    def set_time(self, at: datetime) -> None:
        """Test at `at` (aware, or naive UTC as stored); shown in China time, to the minute."""
        aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        seconds = int(aware.timestamp()) // 60 * 60
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(seconds, CHINA_ZONE))

    def test_time(self) -> datetime:
        """The chosen time as aware UTC."""
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)

    # -- output --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        at = self.test_time()
        self.weekday.setText(weekday_name(at.astimezone(CHINA).weekday()))
        self.message.setEnabled(not self.subscribe.isChecked())
        appid = self.appid()
        if self.subscribe.isChecked():
            welcome = self.rules.welcome(appid, at)
            if welcome is None:
                self._verdict("none", tr("没有设置关注欢迎语，新关注的粉丝不会收到自动回复。"), None)
            else:
                self._verdict("won", tr("新关注时发送关注欢迎语：规则{rule}").format(rule=_rule_link(welcome)), welcome)
            self._show_candidates([])
            return
        text = self.message.text()
        if not text.strip():
            self._verdict("hint", escape(tr("输入一条粉丝消息，查看会由哪条规则回复。")), None)
            self._show_candidates([])
            return
        match = self.rules.match(appid, text, at)
        candidates = self.rules.explain(appid, text, at)
        if match is not None:
            rule = match.rule
            line = tr("由规则{rule}回复").format(rule=_rule_link(rule))
            detail = tr("命中{mode}“{keyword}”，优先级 {priority}").format(
                mode=mode_name(match.mode), keyword=match.keyword or "", priority=rule.priority
            )
            self._verdict("won", f"{line}<br><span style='color:#4e5969'>{escape(detail)}</span>", rule)
            self._show_candidates([c for c in candidates if c.rule.id != rule.id])
            return
        fallback = self.rules.fallback(appid, at)
        if fallback is None:
            self._verdict("none", escape(tr("没有关键词规则匹配，也没有设置兜底回复，粉丝不会收到自动回复。")), None)
        else:
            line = tr("没有关键词规则匹配，将发送兜底回复：{rule}").format(rule=_rule_link(fallback))
            self._verdict("fallback", line, fallback)
        self._show_candidates(candidates)

    def _verdict(self, state: str, html: str, rule: Rule | None) -> None:
        self.verdict.setText(html)
        _restyle(self.verdict, "state", state)
        self.preview.setVisible(rule is not None)
        if rule is not None:
            self.preview.setText(reply_preview(rule.reply))

    def _show_candidates(self, candidates: list[Candidate]) -> None:
        self.candidates.clear()
        for candidate in candidates:
            rule = candidate.rule
            item = QListWidgetItem(f"“{rule.name}”（#{rule.id}）：{candidate.reason}")
            item.setData(RULE_ID_ROLE, rule.id)
            item.setToolTip(tr("点击打开这条规则"))
            self.candidates.addItem(item)
        self.others_title.setText(tr("其他命中的规则（{n}）").format(n=len(candidates)))
        self.others_title.setVisible(bool(candidates))
        self.candidates.setVisible(bool(candidates))
        self._fit_candidates()

    def _fit_candidates(self) -> None:
        """As tall as the candidates need, up to about CANDIDATE_LINES lines; the list scrolls beyond."""
        view = self.candidates
        width = max(80, view.viewport().width() - 8)
        metrics = view.fontMetrics()
        bounds = QRect(0, 0, width, 100_000)
        wrap = Qt.TextFlag.TextWordWrap
        rows = sum(metrics.boundingRect(bounds, wrap, view.item(i).text()).height() + 10 for i in range(view.count()))
        cap = self.fontMetrics().lineSpacing() * CANDIDATE_LINES
        view.setFixedHeight(min(rows, cap) + 2 * view.frameWidth() + 2)

    def _show_lint(self, warnings: list[LintWarning]) -> None:
        self.lint_list.clear()
        serious = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        minor = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for warning in warnings:
            item = QListWidgetItem(
                serious if warning.code in SERIOUS else minor, f"#{warning.rule_id}　{warning.message}"
            )
            item.setData(RULE_ID_ROLE, warning.rule_id)
            item.setToolTip(tr("点击打开这条规则"))
            self.lint_list.addItem(item)
        if warnings:
            self.lint_summary.setText(tr("发现 {n} 个问题。点击一项打开对应的规则。").format(n=len(warnings)))
        else:
            self.lint_summary.setText(tr("没有发现问题。"))
        self.lint_list.setVisible(bool(warnings))

    # -- opening a rule ------------------------------------------------------------------------------
    def _subscribe_toggled(self, checked: bool) -> None:
        self.refresh()
        if not checked:
            self.message.setFocus()

    def _item_clicked(self, item: QListWidgetItem) -> None:
        rule_id = item.data(RULE_ID_ROLE)
        if rule_id is not None:
            self.ruleActivated.emit(int(rule_id))

    def _link(self, href: str) -> None:
        if href.startswith("rule:"):
            self.ruleActivated.emit(int(href.removeprefix("rule:")))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # the type first: during teardown the views still send events here
        if kind == QEvent.Type.Resize and watched is self.candidates and isinstance(event, QResizeEvent):
            if event.oldSize().width() != event.size().width():
                self._fit_candidates()  # the rows wrap differently
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (watched is self.candidates or watched is self.lint_list)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched.currentItem() is not None
        ):
            self._item_clicked(watched.currentItem())
            return True
        return super().eventFilter(watched, event)
