"""How a post looks on the calendar — a chip with its status colour, 急 when urgent, a tooltip naming the
account — and the legend strip that explains those colours. Both views paint chips through here, so the
month and the week never disagree about what a colour means."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.calendar.entries import STATUSES, CalendarEntry, status_color
from ui.format import tr

HOLIDAY_RED = QColor("#d92d20")
ALARM_RED = QColor("#d92d20")
WARNING_AMBER = QColor("#c77c02")
URGENT_RED = QColor("#d92d20")
CHIP_TINT = 0.16  # how much of the status colour shows through a chip's background


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0..1): tints that follow the palette instead of fixed greys."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def scaled_font(font: QFont, factor: float) -> QFont:
    smaller = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        smaller.setPointSizeF(max(6.0, size * factor))
    else:
        smaller.setPixelSize(max(8, round(font.pixelSize() * factor)))
    return smaller


def mode_word(mode: str) -> str:
    return tr("群发") if mode == "mass" else tr("发布")


def status_words() -> dict[str, str]:
    return {
        "draft": tr("草稿"),
        "review": tr("审核中"),
        "returned": tr("已退回"),
        "approved": tr("已通过"),
        "queued": tr("待发出"),
        "publishing": tr("发布中"),
        "published": tr("已发布"),
        "failed": tr("发送失败"),
        "unsure": tr("结果未知"),
    }


def chip_tooltip(entry: CalendarEntry) -> str:
    lines = [
        entry.account,
        entry.title,
        tr("{status} · {mode} · {time}").format(
            status=entry.status_text, mode=mode_word(entry.mode), time=entry.when.strftime("%m-%d %H:%M")
        ),
    ]
    if entry.urgent:
        lines.append(tr("急稿"))
    if not entry.movable:
        lines.append(tr("已发出或正在发出，不能改期"))
    return "\n".join(lines)


def chip_text(entry: CalendarEntry) -> str:
    return f"{entry.when:%H:%M} {entry.title}"


def paint_chip(
    painter: QPainter,
    rect: QRect,
    entry: CalendarEntry,
    palette: QPalette,
    font: QFont,
    *,
    selected: bool = False,
    dimmed: bool = False,
) -> None:
    """A rounded chip: status bar on the left, 急 badge, then time and title, elided to fit."""
    color = QColor(status_color(entry.status))
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    background = mix(base, color, CHIP_TINT)
    if dimmed:
        background = mix(background, base, 0.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(QRectF(rect), 3, 3)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 3, rect.height()), 1.5, 1.5)
    if selected:
        painter.setPen(QPen(highlight, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    x = rect.left() + 6
    if entry.urgent:
        word = tr("急")
        badge = QRect(x, rect.top() + 2, metrics.horizontalAdvance(word) + 4, rect.height() - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(URGENT_RED)
        painter.drawRoundedRect(QRectF(badge), 2, 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)
        x = badge.right() + 4
    room = rect.right() - 3 - x
    if room > 4:
        time_text = f"{entry.when:%H:%M} "
        time_width = metrics.horizontalAdvance(time_text)
        painter.setPen(color.darker(115) if not dimmed else mix(color, base, 0.4))
        line = QRect(x, rect.top(), room, rect.height())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if time_width >= room:
            painter.drawText(line, align, metrics.elidedText(time_text, Qt.TextElideMode.ElideRight, room))
        else:
            painter.drawText(line, align, time_text)
            painter.setPen(mix(text, base, 0.45) if dimmed else text)
            title = metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight, room - time_width)
            painter.drawText(line.adjusted(time_width, 0, 0, 0), align, title)
    painter.restore()


class Legend(QWidget):
    """One row: a swatch and a word per status, then 急, 班 and the holiday tint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarLegend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _items(self) -> list[tuple[QColor, str]]:
        words = status_words()
        items = [(QColor(status_color(s)), words[s]) for s in STATUSES]
        items.append((URGENT_RED, tr("急：急稿")))
        items.append((mix(self.palette().color(QPalette.ColorRole.Base), HOLIDAY_RED, 0.12), tr("节假日")))
        items.append((self.palette().color(QPalette.ColorRole.Mid), tr("班：调休上班")))
        return items

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(word) + 26 for _color, word in self._items())
        return QSize(width, metrics.height() + 8)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        x = 4
        height = self.height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for color, word in self._items():
            painter.setPen(color.darker(125))
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x + 0.5, height / 2 - 5, 10, 10), 2, 2)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            width = metrics.horizontalAdvance(word)
            painter.drawText(QRect(x + 14, 0, width + 2, height), Qt.AlignmentFlag.AlignVCenter, word)
            x += width + 26
        painter.end()
