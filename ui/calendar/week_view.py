"""The week: seven day columns against the hours (06:00–24:00 by default), each post at its time.

Posts that would overlap share the column side by side; when a slot holds more than fit, the last lane
shows "+k" and a click lists them. A drop asks for the day and time under the chip's top edge, snapped
to 15 minutes, so a post held by its middle lands where its chip is drawn, not where the pointer is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ui.calendar.entries import CalendarEntry, snap
from ui.calendar.legend import mix, paint_chip
from ui.calendar.month_view import CalendarView, weekday_words
from ui.format import tr

STEP_MINUTES = 15
MIN_HOUR_HEIGHT = 28
MIN_CHIP_WIDTH = 96
LANE_GAP = 2


class WeekView(CalendarView):
    """rescheduleRequested carries a datetime (15-minute steps); dayActivated a datetime at the clicked
    slot, so a new post starts at the time the user pointed at (a datetime is also a date)."""

    weekChanged = Signal(object)  # the Monday of the week the user paged to (keys); load its entries

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarWeek")
        self.setAccessibleName(tr("发布日历（周视图）"))
        self._monday = self._today - timedelta(days=self._today.weekday())
        self._first_hour, self._last_hour = 6, 23  # rows 06:00 … 23:00, the last one ends at midnight
        self._columns: dict[date, QRect] = {}  # the hours area of each day
        self._heads: dict[date, QRect] = {}  # the heading of each day
        self._chips: list[tuple[int, QRect]] = []
        self._overflow: list[tuple[date, QRect, list[int]]] = []
        self._floating: tuple[int, QRect] | None = None  # the selected post when its lane is hidden
        self._body = QRect()
        self._hour_height = float(MIN_HOUR_HEIGHT)

    # ---- public --------------------------------------------------------------------------------------

    def set_week(self, monday: date) -> None:
        self._monday = monday - timedelta(days=monday.weekday())
        if not self._in_view(self._selected_day):
            self._selected_day = self._today if self._in_view(self._today) else self._monday
            self._selected_post = None
        self._changed()

    def set_hours(self, first: int, last: int) -> None:
        """Show rows first:00 … last:00 (the last row runs to last+1:00)."""
        self._first_hour, self._last_hour = max(0, first), min(23, max(first, last))
        self._changed()

    def monday(self) -> date:
        return self._monday

    def days(self) -> list[date]:
        return [self._monday + timedelta(days=i) for i in range(7)]

    def cell_rect(self, day: date) -> QRect:
        """The hours area of the day's column."""
        self._ensure_layout()
        return QRect(self._columns.get(day, QRect()))

    def header_rect(self, day: date) -> QRect:
        self._ensure_layout()
        return QRect(self._heads.get(day, QRect()))

    def point_at(self, when: datetime) -> QPoint:
        """Where that day and time is drawn: the column's centre, at the time's height."""
        self._ensure_layout()
        column = self._columns.get(when.date(), QRect())
        return QPoint(column.center().x(), self._y(when))

    def entry_rect(self, post_id: int) -> QRect | None:
        self._ensure_layout()
        if self._floating is not None and self._floating[0] == post_id:
            return QRect(self._floating[1])
        for post, rect in self._chips:
            if post == post_id:
                return QRect(rect)
        return None

    def visible_posts(self, day: date) -> list[int]:
        self._ensure_layout()
        return [post for post, _rect in self._chips if self._entries[post].when.date() == day]

    def overflow_text(self, day: date) -> str:
        """ "+k 条" with the posts of the day hidden behind "+k" markers, else ""."""
        self._ensure_layout()
        hidden = sum(len(posts) for d, _rect, posts in self._overflow if d == day)
        return tr("+{k} 条").format(k=hidden) if hidden else ""

    def time_at(self, pos: QPoint) -> datetime | None:
        """The day and time under pos, snapped to 15 minutes and kept inside the shown hours."""
        self._ensure_layout()
        day = self._day_at(pos)
        if day is None:
            return None
        minutes = self._first_hour * 60 + (pos.y() - self._body.top()) / self._hour_height * 60
        when = snap(datetime.combine(day, time()) + timedelta(minutes=minutes), STEP_MINUTES)
        earliest = datetime.combine(day, time(self._first_hour))
        latest = datetime.combine(day, time(self._last_hour, 60 - STEP_MINUTES))
        return min(max(when, earliest), latest)

    def sizeHint(self) -> QSize:
        return QSize(980, 760)

    def minimumSizeHint(self) -> QSize:
        rows = self._last_hour - self._first_hour + 1
        return QSize(7 * 80 + self._gutter(), self._header_height() + rows * MIN_HOUR_HEIGHT)

    # ---- CalendarView --------------------------------------------------------------------------------

    def _in_view(self, day: date) -> bool:
        return self._monday <= day < self._monday + timedelta(days=7)

    def _show_day(self, day: date) -> None:
        self._monday = day - timedelta(days=day.weekday())
        self._selected_day = day
        self._dirty = True
        self.weekChanged.emit(self._monday)

    def _current_value(self, entry: CalendarEntry) -> object:
        return snap(entry.when, STEP_MINUTES)  # dropped back on its own slot: no move

    def _drop_value(self, pos: QPoint, hotspot: QPoint, post: int) -> object | None:
        day = self._day_at(pos)
        if day is None:
            return None
        if self._heads[day].contains(pos):  # onto the day's heading: another day, the same time
            entry = self._entries.get(post)
            kept = snap(entry.when, STEP_MINUTES).time() if entry is not None else time(self._first_hour)
            return datetime.combine(day, kept)
        return self.time_at(QPoint(pos.x(), pos.y() - hotspot.y()))

    def _day_value(self, pos: QPoint) -> object | None:
        return self.time_at(pos) if self._body.contains(pos) else self._day_at(pos)

    def _shifted(self, entry: CalendarEntry, key: Qt.Key) -> object | None:
        steps = {
            Qt.Key.Key_Left: timedelta(days=-1),
            Qt.Key.Key_Right: timedelta(days=1),
            Qt.Key.Key_Up: timedelta(minutes=-STEP_MINUTES),
            Qt.Key.Key_Down: timedelta(minutes=STEP_MINUTES),
        }
        return snap(entry.when, STEP_MINUTES) + steps[key] if key in steps else None

    def _navigate(self, key: Qt.Key) -> bool:
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.select_day(self._selected_day + timedelta(days=-1 if key == Qt.Key.Key_Left else 1))
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            posts = [e.post_id for e in self._days.get(self._selected_day, [])]
            if posts:
                if self._selected_post in posts:
                    index = posts.index(self._selected_post) + (1 if key == Qt.Key.Key_Down else -1)
                else:
                    index = 0 if key == Qt.Key.Key_Down else len(posts) - 1
                self.select_entry(posts[max(0, min(index, len(posts) - 1))])
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.select_day(self._selected_day + timedelta(days=-7 if key == Qt.Key.Key_PageUp else 7))
            return True
        if key == Qt.Key.Key_Home:
            self.select_day(self._today)
            return True
        return False

    def _post_at(self, pos: QPoint) -> int | None:
        self._ensure_layout()
        if self._floating is not None and self._floating[1].contains(pos):
            return self._floating[0]
        for post, rect in reversed(self._chips):
            if rect.contains(pos):
                return post
        return None

    def _day_at(self, pos: QPoint) -> date | None:
        self._ensure_layout()
        for day in self._columns:
            if self._columns[day].contains(pos) or self._heads[day].contains(pos):
                return day
        return None

    def _overflow_at(self, pos: QPoint) -> tuple[date, list[int]] | None:
        self._ensure_layout()
        if self._floating is not None and self._floating[1].contains(pos):
            return None
        for day, rect, posts in self._overflow:
            if rect.contains(pos):
                return day, posts
        return None

    # ---- layout --------------------------------------------------------------------------------------

    def _gutter(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 14

    def _header_height(self) -> int:
        return self.fontMetrics().height() * 2 + 12

    def _y(self, when: datetime) -> int:
        minutes = (when.hour - self._first_hour) * 60 + when.minute
        y = self._body.top() + round(minutes / 60 * self._hour_height)
        return max(self._body.top(), min(y, self._body.bottom()))

    def _layout(self) -> None:
        chip_font, _small = self._fonts()
        chip_height = QFontMetrics(chip_font).height() + 4
        gutter, header = self._gutter(), self._header_height()
        rows = self._last_hour - self._first_hour + 1
        self._hour_height = max(float(MIN_HOUR_HEIGHT), (self.height() - header - 1) / rows)
        self._body = QRect(gutter, header, self.width() - gutter, round(self._hour_height * rows))
        xs = [gutter + round(i * (self.width() - gutter - 1) / 7) for i in range(8)]
        self._columns, self._heads, self._chips, self._overflow = {}, {}, [], []
        self._floating = None
        for index, day in enumerate(self.days()):
            left, right = xs[index] + 1, xs[index + 1] - 1
            self._heads[day] = QRect(QPoint(left, 0), QPoint(right, header - 1))
            column = QRect(QPoint(left, header), QPoint(right, self._body.bottom()))
            self._columns[day] = column
            self._layout_day(day, column.adjusted(2, 0, -3, 0), chip_height)

    def _layout_day(self, day: date, area: QRect, chip_height: int) -> None:
        """Group posts whose chips would overlap; within a group give each a lane, as many lanes as fit."""
        bottom_limit = self._body.bottom() - chip_height + 1
        groups: list[list[tuple[int, int]]] = []
        group_bottom = -1
        for entry in self._days.get(day, []):
            y = min(self._y(entry.when), bottom_limit)
            if groups and y < group_bottom:
                groups[-1].append((entry.post_id, y))
                group_bottom = max(group_bottom, y + chip_height)
            else:
                groups.append([(entry.post_id, y)])
                group_bottom = y + chip_height
        max_lanes = max(1, (area.width() + LANE_GAP) // (MIN_CHIP_WIDTH + LANE_GAP))
        overflow_width = QFontMetrics(self._fonts()[1]).horizontalAdvance("+99") + 10
        for group in groups:
            lanes: list[int] = []  # the bottom of the last chip in each lane
            placed: list[tuple[int, int, int]] = []
            for post, y in group:
                lane = next((i for i, end in enumerate(lanes) if end <= y), len(lanes))
                if lane == len(lanes):
                    lanes.append(0)
                lanes[lane] = y + chip_height
                placed.append((post, y, lane))
            count = len(lanes)
            if count <= max_lanes:
                shown_lanes, room = count, area.width()
            else:  # a narrow "+k" box on the right, the lanes that still fit beside it
                room = area.width() - overflow_width - LANE_GAP
                shown_lanes = max(1, min(count - 1, (room + LANE_GAP) // (MIN_CHIP_WIDTH + LANE_GAP)))
            width = (room - LANE_GAP * (shown_lanes - 1)) / shown_lanes
            hidden: list[int] = []
            for post, y, lane in placed:
                if lane >= shown_lanes:
                    hidden.append(post)
                    continue
                x = area.left() + round(lane * (width + LANE_GAP))
                self._chips.append((post, QRect(x, y, round(width), chip_height)))
            if hidden:
                x = area.right() - overflow_width + 1
                rect = QRect(x, group[0][1], overflow_width, chip_height)
                self._overflow.append((day, rect, hidden))
                if self._selected_post in hidden:
                    y = next(y for post, y in group if post == self._selected_post)
                    self._floating = (self._selected_post, QRect(area.left(), y, area.width(), chip_height))

    # ---- painting ------------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        self._ensure_layout()
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = mix(text, self._base(), 0.5)
        grid = palette.color(QPalette.ColorRole.Mid)
        light_grid = mix(grid, self._base(), 0.6)
        chip_font, small = self._fonts()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        for day in self.days():
            painter.fillRect(self._columns[day], self._day_background(day, True))
            painter.fillRect(self._heads[day], self._day_background(day, True))
        # hour lines and labels
        painter.setFont(small)
        for row in range(self._last_hour - self._first_hour + 2):
            y = self._body.top() + round(row * self._hour_height)
            painter.setPen(grid)
            painter.drawLine(self._body.left(), y, self._body.right(), y)
            half = y + round(self._hour_height / 2)
            if row <= self._last_hour - self._first_hour:
                painter.setPen(QPen(light_grid, 1, Qt.PenStyle.DotLine))
                painter.drawLine(self._body.left(), half, self._body.right(), half)
                painter.setPen(muted)
                label = QRect(0, y - 8, self._gutter() - 6, 16)
                painter.drawText(
                    label,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    f"{self._first_hour + row:02d}:00",
                )
        painter.setPen(grid)
        for day in self.days():
            column = self._columns[day]
            painter.drawLine(column.left() - 1, 0, column.left() - 1, self._body.bottom())
        last = self._columns[self.days()[-1]]
        painter.drawLine(last.right() + 1, 0, last.right() + 1, self._body.bottom())
        painter.drawLine(self._body.left(), self._body.top() - 1, self._body.right(), self._body.top() - 1)
        for day in self.days():
            self._paint_head(painter, day, text, muted, small)
        self._paint_now(painter)
        for post, rect in self._chips:
            paint_chip(painter, rect, self._entries[post], palette, chip_font, selected=post == self._selected_post)
        painter.setFont(small)
        for _day, rect, posts in self._overflow:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(self._base(), text, 0.12))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tr("+{k}").format(k=len(posts)))
        if self._floating is not None:
            post, rect = self._floating
            paint_chip(painter, rect, self._entries[post], palette, chip_font, selected=True)
        self._paint_hover(painter, chip_font)
        if self.hasFocus():
            painter.setPen(self._focus_pen())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._heads[self._selected_day].adjusted(2, 2, -3, -3))
        painter.end()

    def _paint_head(self, painter: QPainter, day: date, text, muted, small: QFont) -> None:
        head = self._heads[day]
        palette = self.palette()
        line_height = self.fontMetrics().height() + 4
        first = QRect(head.left() + 6, head.top() + 4, head.width() - 10, line_height)
        alarm = self._alarm_color(day)
        if alarm is not None:
            painter.fillRect(QRect(head.left(), head.top(), head.width(), 3), alarm)
        font = QFont(self.font())
        font.setBold(day == self._today)
        painter.setFont(font)
        words = f"{weekday_words()[day.weekday()]} {day.month}/{day.day}"
        painter.setPen(palette.color(QPalette.ColorRole.Highlight) if day == self._today else text)
        width = QFontMetrics(font).horizontalAdvance(words)
        painter.drawText(
            QRect(first.left(), first.top(), width + 2, first.height()), Qt.AlignmentFlag.AlignVCenter, words
        )
        self._paint_label(painter, first.left() + width + 6, first, day, small, False)
        mark = self._marks.get(day)
        if mark is not None and mark.quota_text:
            second = QRect(first.left(), first.bottom() + 1, first.width(), line_height)
            painter.setFont(small)
            painter.setPen(alarm if alarm is not None else muted)
            quota = QFontMetrics(small).elidedText(mark.quota_text, Qt.TextElideMode.ElideRight, second.width())
            painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, quota)
        if day == self._today:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(head.adjusted(0, 0, -1, -1))

    def _paint_now(self, painter: QPainter) -> None:
        """Today's column gets a thin highlight edge, so the eye finds the day among seven."""
        if not self._in_view(self._today):
            return
        column = self._columns[self._today]
        painter.fillRect(
            QRect(column.left(), column.top(), 2, column.height()), self.palette().color(QPalette.ColorRole.Highlight)
        )

    def _paint_hover(self, painter: QPainter, chip_font: QFont) -> None:
        """While dragging: a ghost line with the snapped time where the chip's top would land."""
        if not isinstance(self._hover, datetime):
            return
        column = self._columns.get(self._hover.date())
        if column is None:
            return
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        y = self._y(self._hover)
        height = QFontMetrics(chip_font).height() + 4
        painter.fillRect(QRect(column.left(), y, column.width(), height), mix(self._base(), highlight, 0.3))
        painter.setPen(QPen(highlight, 2))
        painter.drawLine(column.left(), y, column.right(), y)
        painter.setFont(chip_font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            QRect(column.left() + 6, y, column.width() - 8, height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{self._hover:%H:%M}",
        )
