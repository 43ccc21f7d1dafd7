"""Search results: each hit (a message, a note, a follower's remark) with the words found marked."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.inbox.search import SearchHit
from ui.format import short_time, tr
from ui.inbox.models import IdRole, Index, RowRole

KIND_WORDS = {"message": "留言", "note": "内部备注", "follower": "粉丝备注"}
MARK = "background-color:#ffe58f;"
CONTEXT = 40  # characters shown before the first hit in a long text


def marked_html(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """The text as HTML with each span highlighted, cut to show the first hit."""
    start = max(0, (spans[0][0] if spans else 0) - CONTEXT)
    out, pos = ["…" if start else ""], start
    for a, b in spans:
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(html.escape(text[pos:a]))
        out.append(f'<span style="{MARK}">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


class SearchModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.query = ""

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.query, self.hits = query, [h for h in hits if h.conversation_id is not None]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == RowRole:
            return hit
        if role == IdRole:
            return hit.conversation_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit.text
        return None


class SearchDelegate(QStyledItemDelegate):
    PAD = 8

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        kind = tr(KIND_WORDS.get(hit.kind, hit.kind))
        head = f'<span style="color:#7a7f87;">{kind} · {short_time(hit.created_at)}</span><br>'
        doc.setHtml(head + marked_html(hit.text[:400], hit.spans))
        doc.setTextWidth(width)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hit = index.data(RowRole)
        if hit is None:
            return QSize(0, 0)
        width = max(120, option.rect.width() or 300) - 2 * self.PAD
        doc = self._document(option, hit, width)
        return QSize(width, min(int(doc.size().height()), 90) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        hit = index.data(RowRole)
        if hit is None:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(option.rect, option.palette.highlight() if selected else option.palette.base())
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        doc = self._document(option, hit, rect.width())
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()
