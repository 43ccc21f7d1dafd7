"""审核: three tabs — 待我审核 (a supervisor's queue, oldest first: read the follower's message, edit the
reply if needed, pass it or send it back), 我提交的 (a colleague's own submissions: revise a returned one
and resubmit, or withdraw a pending one) and 审核规则 (an administrator's per-account policy).

The page reads what the controller loads and hands every decision to it; it never touches the database.
Keys on the queue: J/K next and previous, Ctrl+Enter pass, R send back (plain letters reach a text box as
text, so they act only outside the editor)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.review.diff import diff_html
from console.review.policy import REPLY_RULES, urgent_floor
from console.review.queue import MAX_COMMENT, MIN_COMMENT, WITHDRAWN, MyItem, QueueRow
from console.screening import Screener
from console.staff.roles import is_administrator, may_review
from ui.format import short_time, tr
from ui.forms import STYLE as EDITOR_STYLE
from ui.forms import hint_label, show_status, status_line
from ui.replies.screen_check import BLOCKING_COLOR, WARNING_COLOR, ScreenCheck
from ui.review.controller import ReviewController
from ui.rows_model import RowsModel

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
PAD = 10
MUTED = QColor("#7a7f87")
URGENT = QColor("#d92d20")  # 突发/辟谣: a red edge and tag, as on the calendar
URGENT_EDGE = 4
QUEUE_TAB, MINE_TAB, POLICY_TAB = range(3)
OK_STATUS_MS = 8000
TICK_MS = 30_000
LABEL_SEPARATORS = re.compile(r"[,，、;；\s]+")
STATE_COLORS = {"pending": "#8a4b00", "approved": "#1e7b34", "returned": "#a32014", "sent": "#1e7b34"}

STYLE = (
    EDITOR_STYLE
    + f"""
#reviewTable {{ border: 1px solid #dcdfe6; }}
#reviewTable::item {{ padding: 2px 4px; }}
#followerMessage {{ background: #f2f3f5; border: 1px solid #e4e7ed; border-radius: 4px; padding: 8px 10px; }}
#reviewComment {{ background: #fdecea; color: #a32014; border-radius: 4px; padding: 8px 10px; }}
#reviewHits {{ background: #fffaf3; border: 1px solid #f5dfc0; border-radius: 4px; padding: 6px 10px; }}
#reviewDiff {{ background: #ffffff; border: 1px solid #e4e7ed; border-radius: 4px; }}
#reviewEditor {{ border: 1px solid #c0c4cc; border-radius: 4px; padding: 4px; }}
#reviewEditor[edited="true"] {{ border: 1px solid {WARNING_COLOR}; }}
#sectionLabel {{ color: #4e5969; font-weight: bold; padding-top: 4px; }}
#emptyHint {{ font-size: 15px; }}
"""
)


# ---- words ------------------------------------------------------------------------------------------


def waiting_words(seconds: int) -> str:
    """已等待 2小时5分: how long an item has waited since it was (re)submitted."""
    minutes = max(0, int(seconds)) // 60
    if minutes < 1:
        return tr("已等待 不到1分")
    if minutes < 60:
        return tr("已等待 {m}分").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return tr("已等待 {h}小时{m}分").format(h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return tr("已等待 {d}天{h}小时").format(d=days, h=hours)


def level_name(level: int) -> str:
    names = {1: tr("一审"), 2: tr("二审"), 3: tr("三审")}
    return names.get(level, str(level))


def level_words(level: int, required: int) -> str:
    """一审（共 1 级）: the level this reviewer gives, of how many."""
    return tr("{level}（共 {n} 级）").format(level=level_name(level), n=required)


def state_words(state: str, comment: str | None = None) -> str:
    if state == "returned" and comment == WITHDRAWN:
        return tr("已撤回")
    words = {"pending": tr("待审核"), "approved": tr("已通过"), "returned": tr("已退回"), "sent": tr("已发送")}
    return words.get(state, state)


def rule_words() -> dict[str, str]:
    """The policy choices in the order the hub knows them, in this desk's language."""
    words = {
        "all": tr("所有回复都需审核"),
        "none": tr("回复无需审核"),
        "screened": tr("错敏词检查有提醒或拦截的回复需审核"),
        "first": tr("对新粉丝的第一条回复需审核"),
        "labels": tr("带指定标签的会话的回复需审核"),
    }
    return {key: words.get(key, text) for key, text in REPLY_RULES.items()}


def who(account_name: str, follower_name: str | None, kind: str) -> str:
    """某县发布 · 张大爷 (a reply) or 某县发布 · 图文 (an article)."""
    return f"{account_name} · {follower_name or ''}" if kind == "reply" else f"{account_name} · {tr('图文')}"


def hits_html(hits: Sequence[dict[str, Any]]) -> str:
    """The 错敏词 findings stored with the item: what matched and why, red for what must change."""
    lines = []
    for hit in hits:
        blocking = bool(hit.get("blocking"))
        color = BLOCKING_COLOR if blocking else WARNING_COLOR
        level = tr("必须修改") if blocking else tr("提醒")
        line = (
            f"<span style='color:{color}; font-weight:bold'>{html.escape(level)}</span>　"
            f"<span style='color:{color}'>“{html.escape(str(hit.get('matched') or ''))}”</span>："
            f"{html.escape(str(hit.get('reason') or '').rstrip('。'))}。"
        )
        if hit.get("suggestion"):
            line += html.escape(tr("建议改为“{text}”").format(text=hit["suggestion"])) + "。"
        lines.append(line)
    return "<br>".join(lines)


def _reason_color(item: QueueRow) -> QColor:
    """Why an item waits, in red when it is urgent (突发/辟谣) or the 错敏词 check blocked it."""
    return URGENT if item.urgent else QColor(BLOCKING_COLOR) if _blocking(item.hits) else MUTED


def _list_and_detail(
    listing: QWidget, detail: QWidget, empty_text: str
) -> tuple[QWidget, QStackedWidget, QLabel, QLabel]:
    """A tab: a list beside its detail, a calm line in their place while the list is empty, a status
    line above. Returns (tab, stack: page 0 the line, page 1 the list, the empty line, the status line)."""
    splitter = QSplitter()
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(listing)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 5)
    splitter.setStretchFactor(1, 4)
    splitter.setSizes([520, 440])
    empty = QLabel(empty_text)
    empty.setObjectName("emptyHint")
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget()
    stack.addWidget(empty)
    stack.addWidget(splitter)
    status = status_line()
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(4, 8, 4, 4)
    layout.addWidget(status)
    layout.addWidget(stack, 1)
    return tab, stack, empty, status


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName("reviewTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    return label


def _restyle(widget: QWidget, prop: str, value: object) -> None:
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# ---- models -----------------------------------------------------------------------------------------


class QueueModel(RowsModel):
    """The reviewer's queue, oldest first, with a check box per item for 批量通过. The waiting time runs
    on from when the rows were read (`tick` redraws it)."""

    WHO, WAITING, AUTHOR, REASON, LEVEL = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checked: set[int] = set()
        self._read_at = time.monotonic()

    def headers(self) -> tuple[str, ...]:
        return (tr("公众号 · 粉丝"), tr("等待"), tr("撰稿"), tr("原因"), tr("审级"))

    def set_rows(self, rows: Iterable[QueueRow]) -> None:
        rows = list(rows)
        self._checked &= {row.id for row in rows}
        self._read_at = time.monotonic()
        super().set_rows(rows)

    def waited(self, row: QueueRow) -> int:
        return row.waiting_seconds + int(time.monotonic() - self._read_at)

    def tick(self) -> None:
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(
                self.index(0, self.WAITING), self.index(last, self.WAITING), [Qt.ItemDataRole.DisplayRole]
            )

    def checked_ids(self) -> list[int]:
        return [row.id for row in self._rows if row.id in self._checked]

    def set_checked(self, item_id: int, checked: bool) -> None:
        row = self.row_of(item_id)
        if row < 0:
            return
        if checked:
            self._checked.add(item_id)
        else:
            self._checked.discard(item_id)
        index = self.index(row, self.WHO)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def set_all_checked(self, checked: bool) -> None:
        self._checked = {row.id for row in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.WHO), self.index(len(self._rows) - 1, self.WHO), [Qt.ItemDataRole.CheckStateRole]
            )

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.WHO:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHO:
                return who(item.account_name, item.follower_name, item.kind)
            if column == self.WAITING:
                return waiting_words(self.waited(item))
            if column == self.AUTHOR:
                return item.author_name
            if column == self.REASON:
                return item.reason
            if column == self.LEVEL:
                return level_words(item.level, item.levels_required)
        elif role == Qt.ItemDataRole.CheckStateRole and column == self.WHO:
            return Qt.CheckState.Checked if item.id in self._checked else Qt.CheckState.Unchecked
        elif role == Qt.ItemDataRole.ToolTipRole:
            text = item.content if len(item.content) <= 200 else item.content[:200] + "…"
            return f"{item.reason}\n\n{text}"
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.REASON and _reason_color(item) != MUTED:
            return _reason_color(item)
        elif role == IdRole:
            return item.id
        elif role == RowRole:
            return item
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.WHO:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        self.set_checked(item.id, checked)
        return True


class QueueDelegate(QStyledItemDelegate):
    """An item in three lines: a check box and who it answers, with how long it has waited; the text to
    approve; who wrote it, why it waits (red when the 错敏词 check blocked it) and the level. An urgent
    item (突发/辟谣) has a red edge and 【急】 before its title."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), QFontMetrics(option.font).height() * 3 + PAD * 2 + 8)

    def check_rect(self, option: QStyleOptionViewItem) -> QRect:
        size = QFontMetrics(option.font).height()
        return QRect(option.rect.left() + PAD, option.rect.top() + PAD, size, size)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item = index.data(RowRole)
        if not isinstance(item, QueueRow):
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        rect: QRect = option.rect
        painter.fillRect(rect, palette.highlight() if selected else palette.base())
        painter.fillRect(QRect(rect.left(), rect.bottom(), rect.width(), 1), QColor("#ebeef5"))
        if item.urgent:
            painter.fillRect(QRect(rect.left(), rect.top(), URGENT_EDGE, rect.height()), URGENT)
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = text_color if selected else MUTED
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)

        box = QStyleOptionViewItem()
        box.rect = self.check_rect(option)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        box.state = QStyle.StateFlag.State_Enabled | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        )
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, widget)

        left = inner.left() + line + PAD
        model = index.model()
        waiting = waiting_words(model.waited(item) if isinstance(model, QueueModel) else item.waiting_seconds)
        waiting_width = metrics.horizontalAdvance(waiting) + PAD
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        title = (tr("【急】") if item.urgent else "") + who(item.account_name, item.follower_name, item.kind)
        width = inner.right() - left - waiting_width
        painter.drawText(
            QRect(left, inner.top(), width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(inner.right() - waiting_width, inner.top(), waiting_width, line), Qt.AlignmentFlag.AlignRight, waiting
        )
        second = inner.top() + line + 4
        painter.setPen(text_color)
        preview = " ".join(item.content.split())
        painter.drawText(
            QRect(left, second, inner.right() - left, line),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(preview, Qt.TextElideMode.ElideRight, inner.right() - left),
        )
        third = second + line + 4
        parts = [
            (tr("撰稿 {name}").format(name=item.author_name), muted),
            (item.reason, text_color if selected else _reason_color(item)),
        ]
        level = level_words(item.level, item.levels_required)
        level_width = metrics.horizontalAdvance(level) + PAD
        x = left
        for text, color in parts:
            width = min(metrics.horizontalAdvance(text) + 2, inner.right() - level_width - x)
            if width <= 0:
                break
            painter.setPen(color)
            painter.drawText(
                QRect(x, third, width, line),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
            x += width + PAD * 2
        painter.setPen(muted)
        painter.drawText(
            QRect(inner.right() - level_width, third, level_width, line), Qt.AlignmentFlag.AlignRight, level
        )
        painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: Any,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """A click on the box (or Space) ticks the item for 批量通过 without opening it."""
        toggle = False
        if isinstance(event, QMouseEvent) and self.check_rect(option).adjusted(-4, -4, 4, 4).contains(
            event.position().toPoint()
        ):
            if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
                toggle = True
            elif event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                return True  # the box only: the selection stays where it is
        elif event.type() == QEvent.Type.KeyPress and getattr(event, "key", lambda: None)() == Qt.Key.Key_Space:
            toggle = True
        if not toggle:
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        model.setData(
            index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
        return True


class MineModel(RowsModel):
    """A colleague's own submissions, most recently changed first, with what became of each."""

    WHO, CONTENT, STATE, UPDATED = range(4)

    def headers(self) -> tuple[str, ...]:
        return (tr("公众号 · 粉丝"), tr("内容"), tr("状态"), tr("更新"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHO:
                return who(item.account_name, item.follower_name, item.kind)
            if column == self.CONTENT:
                return " ".join(item.content.split())
            if column == self.STATE:
                return state_words(item.state, item.comment)
            if column == self.UPDATED:
                return short_time(item.updated_at)
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QColor(STATE_COLORS.get(item.state, "#1d2129"))
        elif role == Qt.ItemDataRole.ToolTipRole:
            return item.comment or item.content[:200]
        elif role == IdRole:
            return item.id
        return None


def _blocking(hits: Sequence[dict[str, Any]]) -> bool:
    return any(hit.get("blocking") for hit in hits)


@dataclass
class PolicyEditor:
    """One account's row on 审核规则, and the policy as last loaded (to tell an edit from a reload)."""

    appid: str
    name: QLabel
    replies: QComboBox
    labels: QLineEdit
    levels: QSpinBox
    save: QPushButton
    loaded: tuple[str, list[str], int]
    # 突发/辟谣: the levels an urgent article passes, between the article levels minus one and them.
    urgent: QSpinBox
    loaded_urgent: int = 1
    version: int = 0  # the policy's version as loaded: the base a save is sent with
    latest: tuple[str, list[str], int, int, int] = ("none", [], 1, 1, 0)  # the replica's, even while edited

    def values(self) -> tuple[str, list[str], int]:
        labels = [name for name in LABEL_SEPARATORS.split(self.labels.text()) if name]
        return str(self.replies.currentData()), labels, self.levels.value()

    def edited(self) -> bool:
        return self.values() != self.loaded or self.urgent.value() != self.loaded_urgent

    def show(self, replies: str, labels: list[str], levels: int, urgent: int) -> None:
        for widget in (self.replies, self.labels, self.levels, self.urgent):
            widget.blockSignals(True)
        index = self.replies.findData(replies)
        self.replies.setCurrentIndex(index if index >= 0 else 0)
        self.labels.setText("、".join(labels))
        self.levels.setValue(levels)
        self.bound_urgent()
        self.urgent.setValue(urgent)
        for widget in (self.replies, self.labels, self.levels, self.urgent):
            widget.blockSignals(False)
        self.loaded = (replies, list(labels), levels)
        self.loaded_urgent = urgent
        self.refresh()

    def bound_urgent(self) -> None:
        """The urgent lane may save at most one level: its range follows the article levels (1→1, 2→1–2,
        3→2–3), as the hub checks."""
        levels = self.levels.value()
        self.urgent.setRange(urgent_floor(levels), levels)

    def refresh(self) -> None:
        self.labels.setEnabled(self.replies.currentData() == "labels")
        self.urgent.setEnabled(self.urgent.minimum() < self.urgent.maximum())
        self.save.setEnabled(self.edited())


# ---- the page ---------------------------------------------------------------------------------------


class ReviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.controller: ReviewController | None = None
        self.screener: Screener | None = None
        self._checks: list[ScreenCheck] = []
        self.reviewer = False
        self.administrator = False
        self._shown: QueueRow | None = None  # the queue item in the detail pane
        self._shown_row = -1
        self._mine_shown: MyItem | None = None
        self._mine_row = -1
        self.policy_rows: dict[str, PolicyEditor] = {}
        self._fades: dict[int, QTimer] = {}
        self._quiet = False

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_queue(), tr("待我审核"))
        self.tabs.addTab(self._build_mine(), tr("我提交的"))
        self.tabs.addTab(self._build_policies(), tr("审核规则"))
        self.tabs.setTabVisible(QUEUE_TAB, False)  # until a reviewer signs in
        self.tabs.setTabVisible(POLICY_TAB, False)
        self.tabs.setCurrentIndex(MINE_TAB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.tabs, 1)

        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._bind_keys()

    # -- building -------------------------------------------------------------------------------------
    def _build_queue(self) -> QWidget:
        self.queue_model = QueueModel(self)
        self.queue_view = QListView()
        self.queue_view.setObjectName("reviewQueue")
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setItemDelegate(QueueDelegate(self.queue_view))
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_view.setUniformItemSizes(True)
        self.queue_view.selectionModel().currentRowChanged.connect(self._queue_chosen)
        self.queue_model.dataChanged.connect(self._checks_changed)
        self.queue_model.modelReset.connect(self._checks_changed)
        self.check_all = QCheckBox(tr("全选"))
        self.check_all.toggled.connect(self.queue_model.set_all_checked)
        self.queue_count = hint_label()
        self.bulk_button = QPushButton(tr("批量通过"))
        self.bulk_button.setToolTip(tr("通过列表中勾选的各条内容（不含右侧的修改）"))
        self.bulk_button.setEnabled(False)
        self.bulk_button.clicked.connect(self.approve_checked)
        tools = QHBoxLayout()
        tools.addWidget(self.check_all)
        tools.addWidget(self.queue_count, 1)
        tools.addWidget(self.bulk_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.queue_view, 1)
        left_layout.addLayout(tools)

        self.item_title = QLabel()
        self.item_title.setObjectName("editorHeading")
        self.item_meta = hint_label()
        self.follower_label = _section(tr("粉丝留言"))
        self.follower_message = QLabel()
        self.follower_message.setObjectName("followerMessage")
        self.follower_message.setWordWrap(True)
        self.follower_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor_label = _section(tr("待审核的回复"))
        self.edit_hint = hint_label(tr("可直接修改，修改后通过时会记为“修改后通过”。"))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("reviewEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._edited)
        self.revert_button = QPushButton(tr("还原"))
        self.revert_button.setToolTip(tr("放弃修改，恢复提交的原文"))
        self.revert_button.clicked.connect(self._revert)
        editor_head = QHBoxLayout()
        editor_head.addWidget(self.editor_label)
        editor_head.addWidget(self.edit_hint, 1)
        editor_head.addWidget(self.revert_button)
        self.hits_label = _section(tr("错敏词检查"))
        self.hits_view = QLabel()
        self.hits_view.setObjectName("reviewHits")
        self.hits_view.setWordWrap(True)
        self.hits_view.setTextFormat(Qt.TextFormat.RichText)
        self.diff_label = _section(tr("与上一版本相比"))
        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("reviewDiff")
        self.diff_view.setMaximumHeight(110)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("审核意见（可选，随通过一起记录）"))
        self.note.setMaxLength(500)
        self.send_back_button = QPushButton(tr("退回…"))
        self.send_back_button.setObjectName("dangerButton")
        self.send_back_button.setToolTip(tr("退回给撰稿人修改，须写明原因 (R)"))
        self.send_back_button.clicked.connect(lambda: self.send_back_current())
        self.approve_button = QPushButton(tr("通过"))
        self.approve_button.setObjectName("primaryButton")
        self.approve_button.setToolTip(tr("通过 (Ctrl+Enter)"))
        self.approve_button.clicked.connect(self.approve_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.send_back_button)
        buttons.addWidget(self.approve_button)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addWidget(self.item_title)
        detail_layout.addWidget(self.item_meta)
        detail_layout.addWidget(self.follower_label)
        detail_layout.addWidget(self.follower_message)
        detail_layout.addLayout(editor_head)
        detail_layout.addWidget(self.editor, 1)
        detail_layout.addWidget(self.hits_label)
        detail_layout.addWidget(self.hits_view)
        detail_layout.addWidget(self.diff_label)
        detail_layout.addWidget(self.diff_view)
        detail_layout.addLayout(buttons)

        self.queue_tab, self.queue_stack, self.queue_empty, self.queue_status = _list_and_detail(
            left, self.detail, tr("没有等待审核的内容。")
        )
        self._show_item(None)
        return self.queue_tab

    def _build_mine(self) -> QWidget:
        self.mine_model = MineModel(self)
        self.mine_view = _table(self.mine_model)
        header = self.mine_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MineModel.WHO, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MineModel.CONTENT, QHeaderView.ResizeMode.Stretch)
        for column in (MineModel.STATE, MineModel.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.mine_view.setColumnWidth(MineModel.WHO, 170)
        self.mine_view.selectionModel().currentRowChanged.connect(self._mine_chosen)

        self.mine_title = QLabel()
        self.mine_title.setObjectName("editorHeading")
        self.mine_meta = hint_label()
        self.mine_comment = QLabel()
        self.mine_comment.setObjectName("reviewComment")
        self.mine_comment.setWordWrap(True)
        self.mine_comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mine_editor_label = _section(tr("内容"))
        self.mine_editor = QPlainTextEdit()
        self.mine_editor.setObjectName("reviewEditor")
        self.mine_editor.setTabChangesFocus(True)
        self.mine_approvals = hint_label()
        self.withdraw_button = QPushButton(tr("撤回"))
        self.withdraw_button.setObjectName("dangerButton")
        self.withdraw_button.setToolTip(tr("从审核队列中撤回，之后可修改再提交"))
        self.withdraw_button.clicked.connect(self.withdraw_current)
        self.resubmit_button = QPushButton(tr("重新提交"))
        self.resubmit_button.setObjectName("primaryButton")
        self.resubmit_button.setToolTip(tr("按退回意见修改后重新提交审核 (Ctrl+Enter)"))
        self.resubmit_button.clicked.connect(self.resubmit_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.resubmit_button)
        self.mine_detail = QWidget()
        detail_layout = QVBoxLayout(self.mine_detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addWidget(self.mine_title)
        detail_layout.addWidget(self.mine_meta)
        detail_layout.addWidget(self.mine_comment)
        detail_layout.addWidget(self.mine_editor_label)
        detail_layout.addWidget(self.mine_editor, 1)
        detail_layout.addWidget(self.mine_approvals)
        detail_layout.addLayout(buttons)

        self.mine_tab, self.mine_stack, self.mine_empty, self.mine_status = _list_and_detail(
            self.mine_view, self.mine_detail, tr("您还没有提交过需要审核的内容。")
        )
        self._show_mine(None)
        return self.mine_tab

    def _build_policies(self) -> QWidget:
        intro = hint_label(
            tr("为每个公众号选择哪些回复须先经审核人员通过才发出，以及图文发布前的审核级数（三审即 3 级）。")
            + tr("突发/辟谣走紧急通道，最多可少审一级。")
        )
        self.policy_grid = QGridLayout()
        self.policy_grid.setHorizontalSpacing(12)
        self.policy_grid.setVerticalSpacing(8)
        headings = (
            tr("公众号"),
            tr("回复审核"),
            tr("标签（用顿号或逗号分隔）"),
            tr("图文审核级数"),
            tr("突发/辟谣审核级数"),
        )
        for column, text in enumerate(headings):
            self.policy_grid.addWidget(_section(text), 0, column)
        self.policy_grid.setColumnStretch(1, 2)
        self.policy_grid.setColumnStretch(2, 2)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(self.policy_grid)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.policy_status = status_line()
        self.policy_tab = QWidget()
        layout = QVBoxLayout(self.policy_tab)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(intro)
        layout.addWidget(self.policy_status)
        layout.addWidget(scroll, 1)
        return self.policy_tab

    def _bind_keys(self) -> None:
        bindings = (
            (self.queue_tab, ("J",), lambda: self.step(1)),
            (self.queue_tab, ("K",), lambda: self.step(-1)),
            (self.queue_tab, ("R",), lambda: self.send_back_current()),
            (self.queue_tab, ("Ctrl+Return", "Ctrl+Enter"), self.approve_current),
            (self.mine_tab, ("J",), lambda: self.step_mine(1)),
            (self.mine_tab, ("K",), lambda: self.step_mine(-1)),
            (self.mine_tab, ("Ctrl+Return", "Ctrl+Enter"), self.resubmit_current),
        )
        for widget, keys, handler in bindings:
            action = QAction(widget)
            action.setShortcuts([QKeySequence(key) for key in keys])
            # Plain letters reach a text box as text (it claims them first); elsewhere in the tab they act.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, run=handler: run())
            widget.addAction(action)

    # -- the controller --------------------------------------------------------------------------------
    def set_controller(self, controller: ReviewController) -> None:
        """Read from and send to `controller`; may be called after the page is built."""
        if self.controller is not None:
            old = self.controller
            old.queueLoaded.disconnect(self.show_queue)
            old.mineLoaded.disconnect(self.show_mine)
            old.policiesLoaded.disconnect(self.show_policies)
            old.settled.disconnect(self.settle)
            old.meChanged.disconnect(self.set_me)
        self.controller = controller
        controller.queueLoaded.connect(self.show_queue)
        controller.mineLoaded.connect(self.show_mine)
        controller.policiesLoaded.connect(self.show_policies)
        controller.settled.connect(self.settle)
        controller.meChanged.connect(self.set_me)
        self.set_me(controller.login, controller.roles)

    def set_me(self, _login: str, roles: str) -> None:
        """Reviewers see their queue first; only administrators see 审核规则."""
        reviewer, administrator = may_review(roles), is_administrator(roles)
        changed = (reviewer, administrator) != (self.reviewer, self.administrator)
        self.reviewer, self.administrator = reviewer, administrator
        self.tabs.setTabVisible(QUEUE_TAB, reviewer)
        self.tabs.setTabVisible(POLICY_TAB, administrator)
        if changed or not self.tabs.isTabVisible(self.tabs.currentIndex()):  # signing in again keeps the tab
            self.tabs.setCurrentIndex(QUEUE_TAB if reviewer else MINE_TAB)

    def set_screener(self, screener: Screener) -> None:
        """Underline 错敏词 in what the reviewer edits and what the author revises, as the composer does."""
        self.screener = screener
        if self._checks:
            for check in self._checks:
                check.set_screener(screener)
            return
        self._checks = [ScreenCheck(self.editor, screener), ScreenCheck(self.mine_editor, screener)]

    def settle(self, kind: str, applied: bool, words: str) -> None:
        """The hub's answer to a decision: a refusal in red, what happened in green."""
        if kind == "review_policy":
            label = self.policy_status
        elif kind in ("review_resubmit", "review_withdraw"):
            label = self.mine_status
        else:
            label = self.queue_status
        words = words or (tr("完成。") if applied else tr("服务端没有执行。"))
        self._status(label, words, "ok" if applied else "error")
        if kind == "review_policy" and not applied:
            self._policies_as_stored()

    def _policies_as_stored(self) -> None:
        """After a refused change (a colleague's came first), each edited row shows the policy as the hub
        keeps it, so the administrator decides again from there rather than from a stale base."""
        for editor in self.policy_rows.values():
            if editor.edited():
                replies, labels, levels, urgent, version = editor.latest
                editor.version = version
                editor.show(replies, labels, levels, urgent)

    def _status(self, label: QLabel, text: str, state: str) -> None:
        """A word of success fades after a while; a refusal stays until the next action."""
        show_status(label, text, state)
        timer = self._fades.get(id(label))
        if timer is None:
            timer = QTimer(self, singleShot=True, interval=OK_STATUS_MS)
            timer.timeout.connect(lambda: self._fade(label))
            self._fades[id(label)] = timer
        if state == "ok":
            timer.start()
        else:
            timer.stop()

    @staticmethod
    def _fade(label: QLabel) -> None:
        if label.property("state") == "ok":
            show_status(label, "", "ok")

    def _tick(self) -> None:
        self.queue_model.tick()
        if self._shown is not None:
            self.item_meta.setText(self._meta(self._shown))

    # -- 待我审核 -----------------------------------------------------------------------------------------
    def show_queue(self, rows: list[QueueRow]) -> None:
        """The queue as the replica now holds it. The item being read stays selected (and its edits
        stay); when it is gone (decided here or by a colleague) the one now in its place is shown."""
        current = self._shown.id if self._shown is not None else None
        position = self._shown_row
        self.queue_model.set_rows(rows)
        self.queue_stack.setCurrentIndex(1 if rows else 0)
        count = len(rows)
        self.queue_count.setText(tr("共 {n} 条待审核").format(n=count) if count else "")
        if not rows:
            self._show_item(None)
            return
        row = self.queue_model.row_of(current) if current is not None else -1
        if row < 0:
            row = min(max(position, 0), count - 1)
        self._select(self.queue_view, row, quiet=True)
        self._show_item(self.queue_model.row_at(row))

    def _select(self, view: QAbstractItemView, row: int, quiet: bool = False) -> None:
        """Make `row` the current one; `quiet`: the caller shows it itself (the chosen-handlers skip it)."""
        index = view.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self._quiet = quiet
        try:
            view.selectionModel().setCurrentIndex(index, flags)
        finally:
            self._quiet = False
        view.scrollTo(index)

    def _queue_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        self._show_item(self.queue_model.row_at(current.row()) if current.isValid() else None)

    def step(self, delta: int) -> None:
        """J/K: the next or previous item in the queue."""
        count = self.queue_model.rowCount()
        if not count:
            return
        row = self.queue_view.currentIndex().row()
        row = 0 if row < 0 else min(max(row + delta, 0), count - 1)
        self._select(self.queue_view, row)

    def current_item(self) -> QueueRow | None:
        return self._shown

    def _show_item(self, item: QueueRow | None) -> None:
        same = item is not None and self._shown is not None and item.id == self._shown.id
        keep_edits = same and self._shown is not None and item is not None and item.content == self._shown.content
        self._shown = item
        self._shown_row = self.queue_model.row_of(item.id) if item is not None else -1
        self.detail.setEnabled(item is not None)
        if item is None:
            self.item_title.setText(tr("请选择左侧的一条内容"))
            self.item_meta.setText("")
            for widget in (self.follower_label, self.follower_message, self.hits_label, self.hits_view):
                widget.hide()
            self.diff_label.hide()
            self.diff_view.hide()
            self.editor.blockSignals(True)
            self.editor.clear()
            self.editor.blockSignals(False)
            self.note.clear()
            self._edited()
            return
        self.item_title.setText(who(item.account_name, item.follower_name, item.kind))
        self.item_meta.setText(self._meta(item))
        is_reply = item.kind == "reply"
        self.follower_message.setText(item.follower_message or tr("（没有文字留言）"))
        self.follower_label.setVisible(is_reply)
        self.follower_message.setVisible(is_reply)
        self.editor_label.setText(tr("待审核的回复") if is_reply else tr("待审核的图文"))
        # An article's HTML is what goes out, not this text: it is revised by its author after a send-back.
        self.editor.setReadOnly(not is_reply)
        self.edit_hint.setText(
            tr("可直接修改，修改后通过时会记为“修改后通过”。")
            if is_reply
            else tr("图文不能在这里修改：版式请在“日历”中打开查看；需要修改请退回并写明意见。")
        )
        if not keep_edits:
            self.editor.setPlainText(item.content)
            if not same:
                self.note.clear()
        self.hits_view.setText(hits_html(item.hits))
        self.hits_label.setVisible(bool(item.hits))
        self.hits_view.setVisible(bool(item.hits))
        versions = [v for v in item.versions if isinstance(v, dict)]
        if len(versions) >= 2:
            previous, latest = versions[-2], versions[-1]
            self.diff_label.setText(
                tr("与上一版本相比：{by}{note}").format(by=latest.get("by") or "", note=latest.get("note") or "")
            )
            self.diff_view.setHtml(diff_html(str(previous.get("text") or ""), str(latest.get("text") or "")))
        self.diff_label.setVisible(len(versions) >= 2)
        self.diff_view.setVisible(len(versions) >= 2)
        self._edited()

    def _meta(self, item: QueueRow) -> str:
        parts = [
            tr("撰稿：{name}").format(name=item.author_name),
            level_words(item.level, item.levels_required),
            waiting_words(self.queue_model.waited(item)),
        ]
        return " · ".join(parts) + "\n" + tr("原因：{reason}").format(reason=item.reason)

    def edited(self) -> bool:
        """Whether the reviewer changed the text (passing it is then 修改后通过)."""
        return self._shown is not None and self.editor.toPlainText().strip() != self._shown.content.strip()

    def _edited(self) -> None:
        edited = self.edited()
        self.approve_button.setText(tr("修改后通过") if edited else tr("通过"))
        self.revert_button.setVisible(edited)
        self.edit_hint.setVisible(not edited)
        if self.editor.property("edited") != edited:
            _restyle(self.editor, "edited", edited)

    def _revert(self) -> None:
        if self._shown is not None:
            self.editor.setPlainText(self._shown.content)

    def approve_current(self) -> None:
        """通过 (Ctrl+Enter): with the reviewer's edits when there are any; the next item is shown."""
        item = self._shown
        if item is None or self.controller is None:
            return
        text = self.editor.toPlainText()
        if not text.strip():
            self._status(self.queue_status, tr("内容不能为空。要撤下这条回复，请退回给撰稿人。"), "error")
            return
        edited = self.edited()
        show_status(self.queue_status, tr("正在提交审核意见…"), "busy")
        self.controller.approve(item.id, text if edited else None, self.note.text())

    def send_back_current(self, comment: str | None = None) -> None:
        """退回… (R): back to the author with a comment, which is required."""
        item = self._shown
        if item is None or self.controller is None:
            return
        if comment is None:
            comment = self._ask_comment(item)
            if comment is None:
                return
        words = comment.strip()
        if len(words) < MIN_COMMENT:
            self._status(self.queue_status, tr("退回时请写明原因（至少 2 个字），让撰稿人知道要怎么改。"), "error")
            return
        show_status(self.queue_status, tr("正在退回…"), "busy")
        self.controller.send_back(item.id, words[:MAX_COMMENT])

    def _ask_comment(self, item: QueueRow) -> str | None:
        """The reason for sending back, asked until it says something (or the reviewer cancels)."""
        prompt = tr("退回给 {name}。请写明要怎么改（必填）：").format(name=item.author_name)
        text = ""
        while True:
            text, accepted = QInputDialog.getMultiLineText(self, tr("退回"), prompt, text)
            if not accepted:
                return None
            if len(text.strip()) >= MIN_COMMENT:
                return text
            prompt = tr("退回意见至少 2 个字。请写明要怎么改：")

    def approve_checked(self) -> None:
        """批量通过: every checked item as submitted, after one confirmation."""
        if self.controller is None:
            return
        ids = self.queue_model.checked_ids()
        if not ids:
            return
        rows = [row for row in self.queue_model.rows() if row.id in ids]
        if all(row.kind == "reply" for row in rows):
            question = tr("通过 {n} 条回复？").format(n=len(ids))
        else:
            question = tr("通过 {n} 条内容？").format(n=len(ids))
        blocked = sum(1 for row in rows if _blocking(row.hits))
        if blocked:
            question += "\n\n" + tr("其中 {n} 条有必须修改的错敏词，通过即视为审核放行。").format(n=blocked)
        if self._shown is not None and self._shown.id in ids and self.edited():
            question += "\n\n" + tr("右侧的修改不会用于批量通过：那一条将按原文通过。")
        if not self._ask_yes(tr("批量通过"), question):
            return
        self.queue_model.set_all_checked(False)
        show_status(self.queue_status, tr("正在提交审核意见…"), "busy")
        self.controller.approve_many(ids)

    def _checks_changed(self, *_args: object) -> None:
        count = len(self.queue_model.checked_ids())
        self.check_all.blockSignals(True)
        self.check_all.setChecked(count > 0 and count == self.queue_model.rowCount())
        self.check_all.blockSignals(False)
        self.bulk_button.setEnabled(count > 0)
        self.bulk_button.setText(tr("批量通过（{n}）").format(n=count) if count else tr("批量通过"))

    def _ask_yes(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- 我提交的 ----------------------------------------------------------------------------------------
    def show_mine(self, rows: list[MyItem]) -> None:
        current = self._mine_shown.id if self._mine_shown is not None else None
        position = self._mine_row
        self.mine_model.set_rows(rows)
        self.mine_stack.setCurrentIndex(1 if rows else 0)
        returned = sum(1 for row in rows if row.state == "returned" and row.comment != WITHDRAWN)
        self.tabs.setTabText(MINE_TAB, tr("我提交的") + (f" ({returned})" if returned else ""))
        if not rows:
            self._show_mine(None)
            return
        row = self.mine_model.row_of(current) if current is not None else -1
        if row < 0:
            row = min(max(position, 0), len(rows) - 1)
        self._select(self.mine_view, row, quiet=True)
        self._show_mine(self.mine_model.row_at(row))

    def _mine_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        self._show_mine(self.mine_model.row_at(current.row()) if current.isValid() else None)

    def step_mine(self, delta: int) -> None:
        count = self.mine_model.rowCount()
        if not count:
            return
        row = self.mine_view.currentIndex().row()
        row = 0 if row < 0 else min(max(row + delta, 0), count - 1)
        self._select(self.mine_view, row)

    def select_mine(self, item_id: int) -> bool:
        row = self.mine_model.row_of(item_id)
        if row >= 0:
            self._select(self.mine_view, row)
        return row >= 0

    def _show_mine(self, item: MyItem | None) -> None:
        same = item is not None and self._mine_shown is not None and item.id == self._mine_shown.id
        keep = (
            same
            and item is not None
            and self._mine_shown is not None
            and (item.content, item.state) == (self._mine_shown.content, self._mine_shown.state)
        )
        self._mine_shown = item
        self._mine_row = self.mine_model.row_of(item.id) if item is not None else -1
        self.mine_detail.setEnabled(item is not None)
        if item is None:
            self.mine_title.setText(tr("请选择左侧的一条内容"))
            self.mine_meta.setText("")
            self.mine_comment.hide()
            self.mine_approvals.hide()
            self.mine_editor.clear()
            self.mine_editor.setReadOnly(True)
            self.resubmit_button.hide()
            self.withdraw_button.hide()
            return
        returned = item.state == "returned"
        self.mine_title.setText(who(item.account_name, item.follower_name, item.kind))
        meta = [
            state_words(item.state, item.comment),
            tr("提交于 {time}").format(time=short_time(item.created_at)),
            tr("审核 {done}/{n} 级").format(done=item.levels_done, n=item.levels_required),
        ]
        self.mine_meta.setText(" · ".join(meta) + "\n" + tr("原因：{reason}").format(reason=item.reason))
        if returned and item.comment == WITHDRAWN:
            self.mine_comment.setText(tr("您已撤回这条内容。可以修改后重新提交。"))
        elif returned:
            self.mine_comment.setText(tr("退回意见：{comment}").format(comment=item.comment or ""))
        self.mine_comment.setVisible(returned)
        lines = [
            tr("第 {level} 级：{by}").format(level=a.get("level"), by=a.get("by") or "")
            + (tr("（修改后通过）") if a.get("edited") else "")
            + (f"　{a.get('note')}" if a.get("note") else "")
            for a in item.approvals
            if isinstance(a, dict)
        ]
        self.mine_approvals.setText("\n".join(lines))
        self.mine_approvals.setVisible(bool(lines))
        self.mine_editor_label.setText(tr("修改后重新提交") if returned else tr("内容"))
        if not keep:
            self.mine_editor.setPlainText(item.content)
        self.mine_editor.setReadOnly(not returned)
        self.resubmit_button.setVisible(returned)
        self.withdraw_button.setVisible(item.state == "pending")

    def resubmit_current(self) -> None:
        """重新提交 (Ctrl+Enter): the revised text goes back into the queue from level 1."""
        item = self._mine_shown
        if item is None or self.controller is None or item.state != "returned":
            return
        text = self.mine_editor.toPlainText()
        if not text.strip():
            self._status(self.mine_status, tr("内容不能为空。"), "error")
            return
        show_status(self.mine_status, tr("正在重新提交…"), "busy")
        self.controller.resubmit(item.id, text)

    def withdraw_current(self) -> None:
        item = self._mine_shown
        if item is None or self.controller is None or item.state != "pending":
            return
        if not self._ask_yes(tr("撤回"), tr("撤回这条内容？撤回后不会发出，可以修改后重新提交。")):
            return
        show_status(self.mine_status, tr("正在撤回…"), "busy")
        self.controller.withdraw(item.id)

    # -- 审核规则 ----------------------------------------------------------------------------------------
    def show_policies(self, rows: list[tuple[str, str, str, list[str], int, int, int]]) -> None:
        """Every account's policy; a row being edited keeps what was chosen (and is saved against the
        version it started from, so a colleague's change meanwhile is refused, not overwritten)."""
        for appid, name, replies, labels, levels, urgent, version in rows:
            editor = self.policy_rows.get(appid)
            if editor is not None:
                editor.latest = (replies, list(labels), levels, urgent, version)
            if editor is None or not editor.edited():
                editor = editor or self._add_policy_row(appid)
                editor.latest = (replies, list(labels), levels, urgent, version)
                editor.version = version
                editor.show(replies, labels, levels, urgent)
            else:
                editor.loaded = (replies, list(labels), levels)
                editor.loaded_urgent = urgent
                if not editor.edited():  # this page's own save came back: the next one starts from it
                    editor.version = version
                editor.refresh()
            editor.name.setText(name or appid)

    def _add_policy_row(self, appid: str) -> PolicyEditor:
        row = len(self.policy_rows) + 1
        name = QLabel(appid)
        name.setToolTip(appid)
        replies = QComboBox()
        for key, text in rule_words().items():
            replies.addItem(text, key)
        labels = QLineEdit()
        labels.setPlaceholderText(tr("例如：投诉、信访"))
        levels = QSpinBox()
        levels.setRange(1, 3)
        levels.setSuffix(tr(" 级"))
        levels.setToolTip(tr("图文发布前须经几级审核：1 级即一审，3 级即三审"))
        urgent = QSpinBox()
        urgent.setRange(1, 1)
        urgent.setSuffix(tr(" 级"))
        urgent.setToolTip(tr("突发/辟谣图文紧急提交时须经几级审核：最多比图文审核级数少一级"))
        save = QPushButton(tr("保存"))
        save.setObjectName("primaryButton")
        editor = PolicyEditor(appid, name, replies, labels, levels, save, ("none", [], 1), urgent)
        replies.currentIndexChanged.connect(lambda _i: editor.refresh())
        labels.textChanged.connect(lambda _t: editor.refresh())

        def levels_changed(_value: int) -> None:
            editor.bound_urgent()
            editor.refresh()

        levels.valueChanged.connect(levels_changed)
        urgent.valueChanged.connect(lambda _v: editor.refresh())
        save.clicked.connect(lambda: self.save_policy(appid))
        for column, widget in enumerate((name, replies, labels, levels, urgent, save)):
            self.policy_grid.addWidget(widget, row, column)
        self.policy_rows[appid] = editor
        return editor

    def save_policy(self, appid: str) -> None:
        editor = self.policy_rows.get(appid)
        if editor is None or self.controller is None:
            return
        replies, labels, levels = editor.values()
        if replies == "labels" and not labels:
            self._status(self.policy_status, tr("请至少填写一个标签：带这些标签的会话，回复需审核。"), "error")
            return
        show_status(self.policy_status, tr("正在保存审核规则…"), "busy")
        labels = labels if replies == "labels" else []
        self.controller.save_policy(appid, replies, labels, levels, editor.urgent.value(), editor.version)
