"""Painting: a conversation as two lines, a message as a chat bubble with its send status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.workcal import Waiting
from ui.format import short_time, status_word, tr
from ui.inbox.models import HolderRole, RowRole

PAD = 10
BUBBLE_MAX = 0.7  # of the view's width
IN_BG, OUT_BG, EVENT_BG = QColor("#ffffff"), QColor("#d9f2d0"), QColor("#f0f2f5")
NOTE_BG, QUEUED_BG, OVERDUE_BG = QColor("#fff4c2"), QColor("#eef1f5"), QColor("#fdecea")
AUTO_BG = QColor("#e3eefc")  # an automatic reply: answered by a rule, a human still follows up
FAIL, MUTED, ACCENT, LOCK = QColor("#c0392b"), QColor("#7a7f87"), QColor("#1f6feb"), QColor("#b35c00")
UNSURE = LOCK  # 不确定是否已送达: neither sent nor failed — check before sending again


class ConversationDelegate(QStyledItemDelegate):
    """Three lines: who and when; what they wrote and the status; how long they have waited (red when
    overdue), who handles it, its labels, and a colleague who has it open."""

    def __init__(self, parent=None, measure: Callable[[Any], Waiting | None] | None = None) -> None:
        super().__init__(parent)
        self.measure = measure or (lambda _row: None)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return QSize(option.rect.width(), QFontMetrics(option.font).height() * 3 + PAD * 2 + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        row = index.data(RowRole)
        if row is None:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        waiting = self.measure(row) if row.waiting_since is not None else None
        overdue = waiting is not None and waiting.overdue
        background = option.palette.highlight() if selected else (OVERDUE_BG if overdue else option.palette.base())
        painter.fillRect(option.rect, background)
        if overdue:
            painter.fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()), FAIL)
        text_color = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        bold = QFont(option.font)
        bold.setBold(row.status == "new")
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        time_text = short_time(row.last_message_at)
        time_width = metrics.horizontalAdvance(time_text) + PAD
        painter.setFont(bold)
        painter.setPen(text_color)
        name = f"{row.follower_name} · {row.account_name}"
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width() - time_width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - time_width),
        )
        painter.setFont(option.font)
        painter.setPen(text_color if selected else MUTED)
        painter.drawText(
            QRect(rect.right() - time_width, rect.top(), time_width, line), Qt.AlignmentFlag.AlignRight, time_text
        )
        status = status_word(row.status)
        status_width = metrics.horizontalAdvance(status) + PAD
        second = rect.top() + line + 4
        painter.drawText(
            QRect(rect.left(), second, rect.width() - status_width, line),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(row.preview, Qt.TextElideMode.ElideRight, rect.width() - status_width),
        )
        painter.setPen(text_color if selected else (ACCENT if row.status == "new" else MUTED))
        painter.drawText(
            QRect(rect.right() - status_width, second, status_width, line), Qt.AlignmentFlag.AlignRight, status
        )
        third = second + line + 4
        parts: list[tuple[str, QColor]] = []
        if waiting is not None:
            words = (tr("超时 · ") if overdue else "") + tr("已等待 {t}").format(t=waiting.text)
            parts.append((words, FAIL if overdue else MUTED))
        if row.assignee_name:
            parts.append((tr("负责：") + row.assignee_name, MUTED))
        if row.labels:
            parts.append(("、".join(row.labels), ACCENT))
        holder = index.data(HolderRole)
        if holder:
            parts.append(((holder[0] + (tr(" 正在输入") if holder[1] else tr(" 正在查看"))), LOCK))
        x = rect.left()
        for text, color in parts:
            width = min(metrics.horizontalAdvance(text), rect.right() - x)
            if width <= 0:
                break
            painter.setPen(text_color if selected else color)
            painter.drawText(
                QRect(x, third, width, line),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
            x += width + PAD * 2
        painter.restore()


def _status_line(row) -> tuple[str, QColor] | None:
    if row.kind == "review":
        if row.status == "returned":
            return tr("审核退回：") + (row.error_text or ""), FAIL
        if row.status == "approved":
            return tr("审核已通过，正在发出"), MUTED
        return tr("待审核：") + (row.error_text or tr("等待审核人通过后发出")), MUTED
    if row.kind == "queued":
        return tr("等待发出：联网后自动按顺序发出"), MUTED
    if row.kind == "refused":
        return tr("未执行：") + (row.error_text or ""), FAIL
    if row.kind == "note":
        return None
    if row.direction != "out":
        return None
    if row.status == "sent":
        return tr("已发送"), MUTED
    if row.status == "failed":
        return tr("发送失败：") + (row.error_text or tr("原因未知")), FAIL
    if row.status == "unknown":
        words = row.error_text or tr("不确定是否已送达。请在公众号后台或向粉丝核实是否已收到，确认没有收到再重新发送。")
        if not words.startswith(tr("不确定是否已送达")):
            words = tr("不确定是否已送达：") + words
        return words + tr("（确认没有收到后，双击这条回复可再次发送）"), UNSURE
    return tr("发送中…"), MUTED


class BubbleDelegate(QStyledItemDelegate):
    """Bubbles wrap to a share of the view's width, so the delegate keeps its view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def _layout(self, option: QStyleOptionViewItem, row) -> tuple[QRect, QRect | None, str | None]:
        metrics = QFontMetrics(option.font)
        max_width = int(option.rect.width() * BUBBLE_MAX)
        text_rect = metrics.boundingRect(
            QRect(0, 0, max_width - 2 * PAD, 100000), Qt.TextFlag.TextWordWrap, row.content
        )
        bubble = QRect(0, 0, max(text_rect.width(), 40) + 2 * PAD, text_rect.height() + 2 * PAD)
        status = _status_line(row)
        status_rect = None
        if status:
            status_rect = metrics.boundingRect(QRect(0, 0, max_width, 100000), Qt.TextFlag.TextWordWrap, status[0])
        return bubble, status_rect, status[0] if status else None

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        row = index.data(RowRole)
        if row is None:
            return QSize(0, 0)
        option = QStyleOptionViewItem(option)
        option.rect.setWidth(max(option.rect.width(), self._view.viewport().width()))
        bubble, status_rect, _ = self._layout(option, row)
        metrics = QFontMetrics(option.font)
        height = metrics.height() + bubble.height() + PAD * 2
        if status_rect is not None:
            height += status_rect.height() + 4
        return QSize(option.rect.width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        row = index.data(RowRole)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outbound = row.direction in ("out", "note")
        metrics = QFontMetrics(option.font)
        bubble, status_rect, status_text = self._layout(option, row)
        area = option.rect.adjusted(PAD * 2, PAD, -PAD * 2, -PAD)
        painter.setPen(MUTED)
        head = short_time(row.created_at)
        if row.kind == "note":
            head = tr("内部备注（粉丝看不到）") + f" · {row.author or ''} · {head}"
        elif row.auto_rule:
            head = tr("自动回复（规则：{0}）").format(row.auto_rule) + f" · {head}"
        elif row.author:
            head = f"{row.author} · {head}"
        if row.has_media:
            head += tr(" · 双击查看")
        painter.drawText(
            QRect(area.left(), area.top(), area.width(), metrics.height()),
            Qt.AlignmentFlag.AlignRight if outbound else Qt.AlignmentFlag.AlignLeft,
            head,
        )
        top = area.top() + metrics.height()
        left = area.right() - bubble.width() if outbound else area.left()
        bubble.moveTo(left, top)
        failed = (outbound and row.status == "failed") or row.kind == "refused" or row.status == "returned"
        unsure = outbound and row.status == "unknown"
        painter.setPen(FAIL if failed else (UNSURE if unsure else QColor("#d0d4da")))
        if row.kind in ("queued", "review"):
            painter.setPen(QPen(FAIL if failed else MUTED, 1, Qt.PenStyle.DashLine))
        fills = {"note": NOTE_BG, "queued": QUEUED_BG, "review": QUEUED_BG}
        fill = fills.get(row.kind, OUT_BG if outbound else (EVENT_BG if row.event else IN_BG))
        painter.setBrush(AUTO_BG if row.auto_rule else fill)
        painter.drawRoundedRect(bubble, 8, 8)
        painter.setPen(QColor("#1d2129"))
        painter.drawText(bubble.adjusted(PAD, PAD, -PAD, -PAD), Qt.TextFlag.TextWordWrap, row.content)
        if status_rect is not None and status_text:
            status_rect.moveTo(area.right() - status_rect.width() if outbound else area.left(), bubble.bottom() + 4)
            painter.setPen(FAIL if failed else (UNSURE if unsure else MUTED))
            painter.drawText(status_rect, Qt.TextFlag.TextWordWrap, status_text)
        painter.restore()
