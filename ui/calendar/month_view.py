"""The month: six weeks of seven days, Monday first, each day with its posts as coloured chips.

Custom-painted with hit-testing (no widget per post), so a month of 500 posts paints as fast as an
empty one. CalendarView, the part shared with the week, holds the data, the selection, the keys and the
drag plumbing; a view only lays out its own geometry and says what a point means.

A drag carries the post id as POST_MIME; a drop on another day asks for a move through
rescheduleRequested. The views never change an entry themselves: the page decides and hands new entries
back. Keys: arrows move the day, Tab walks the day's posts, Enter opens, Ctrl+Shift+arrows move the post."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from ui.calendar.entries import (
    POST_MIME,
    CalendarEntry,
    DayMark,
    by_day,
    day_label,
    month_grid_start,
)
from ui.calendar.legend import (
    ALARM_RED,
    HOLIDAY_RED,
    WARNING_AMBER,
    chip_tooltip,
    mix,
    mode_word,
    paint_chip,
    scaled_font,
)
from ui.format import tr

ROWS, COLUMNS = 6, 7
CHIP_GAP = 2
CELL_PAD = 3


def post_mime(post_id: int) -> QMimeData:
    """What a dragged chip carries: its post id, under POST_MIME."""
    mime = QMimeData()
    mime.setData(POST_MIME, str(post_id).encode("ascii"))
    return mime


def post_id_of(mime: QMimeData | None) -> int | None:
    if mime is None or not mime.hasFormat(POST_MIME):
        return None
    try:
        return int(bytes(mime.data(POST_MIME).data()).decode("ascii"))
    except ValueError:
        return None


def weekday_words() -> list[str]:
    return [tr("一"), tr("二"), tr("三"), tr("四"), tr("五"), tr("六"), tr("日")]


def day_tooltip(day: date, mark: DayMark | None) -> str:
    lines = [tr("{m}月{d}日 星期{w}").format(m=day.month, d=day.day, w=weekday_words()[day.weekday()])]
    if mark is not None:
        if mark.kind == "holiday":
            lines.append(tr("{name}放假").format(name=mark.name) if mark.name else tr("休息日"))
        elif mark.kind == "makeup_workday":
            lines.append(tr("调休上班") + (f"（{mark.name}）" if mark.name else ""))
        if mark.quota_text:
            lines.append(mark.quota_text)
        if mark.note:
            lines.append(mark.note)
    return "\n".join(lines)


class CalendarView(QWidget):
    """What the month and the week share. A subclass lays out and paints, and answers: which post and
    which day lie under a point, what a drop there means, and where the arrow keys go."""

    rescheduleRequested = Signal(int, object)  # post id, new date (month) or datetime (week)
    entryActivated = Signal(int)  # double-click or Enter on a post: open it
    entrySelected = Signal(int)  # a post became the selected one
    dayActivated = Signal(object)  # double-click or Enter on a day's empty space: a new post there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[int, CalendarEntry] = {}
        self._days: dict[date, list[CalendarEntry]] = {}
        self._marks: dict[date, DayMark] = {}
        self._today = date.today()
        self._selected_day = self._today
        self._selected_post: int | None = None
        self._press: tuple[QPoint, int] | None = None  # a press on a chip that may become a drag
        self._drag_hotspot = QPoint()  # where in the chip the pointer held it, while our drag runs
        self._hover: object | None = None  # the drop target under a drag, to paint it
        self._menu: QMenu | None = None
        self._dirty = True
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)

    # ---- data -----------------------------------------------------------------------------------------

    def set_entries(self, entries: Iterable[CalendarEntry]) -> None:
        listed = list(entries)
        self._entries = {e.post_id: e for e in listed}
        self._days = by_day(listed)
        if self._selected_post is not None:
            entry = self._entries.get(self._selected_post)
            if entry is None:
                self._selected_post = None
            elif self._in_view(entry.when.date()):
                self._selected_day = entry.when.date()
        self._changed()

    def set_marks(self, marks: dict[date, DayMark]) -> None:
        self._marks = dict(marks)
        self._changed()

    def set_today(self, day: date) -> None:
        self._today = day
        self._changed()

    def entries(self) -> list[CalendarEntry]:
        return list(self._entries.values())

    def entries_on(self, day: date) -> list[CalendarEntry]:
        return list(self._days.get(day, []))

    def mark(self, day: date) -> DayMark | None:
        return self._marks.get(day)

    def day_label(self, day: date) -> str:
        """The word drawn beside the day number: 国庆 on a holiday, 班 on a 调休 workday, else ""."""
        return day_label(self._marks.get(day))

    def selected_day(self) -> date:
        return self._selected_day

    def selected_post(self) -> int | None:
        return self._selected_post

    def select_day(self, day: date) -> None:
        if not self._in_view(day):
            self._show_day(day)
        self._selected_day = day
        self._selected_post = None
        self._changed()

    def select_entry(self, post_id: int) -> None:
        entry = self._entries.get(post_id)
        if entry is None:
            return
        if not self._in_view(entry.when.date()):
            self._show_day(entry.when.date())
        changed = post_id != self._selected_post
        self._selected_post = post_id
        self._selected_day = entry.when.date()
        self._changed()
        if changed:
            self.entrySelected.emit(post_id)

    def move_selected(self, key: Qt.Key) -> bool:
        """Ctrl+Shift+arrow: ask to move the selected post; the same request a drop makes."""
        entry = self._entries.get(self._selected_post) if self._selected_post is not None else None
        if entry is None or not entry.movable:
            return False
        target = self._shifted(entry, key)
        if target is None:
            return False
        self.rescheduleRequested.emit(entry.post_id, target)
        return True

    # ---- for subclasses ------------------------------------------------------------------------------

    def _in_view(self, day: date) -> bool:
        raise NotImplementedError

    def _show_day(self, day: date) -> None:
        """Page the view so that day is shown (and tell the page)."""
        raise NotImplementedError

    def _layout(self) -> None:
        raise NotImplementedError

    def _post_at(self, pos: QPoint) -> int | None:
        raise NotImplementedError

    def _day_at(self, pos: QPoint) -> date | None:
        raise NotImplementedError

    def _overflow_at(self, pos: QPoint) -> tuple[date, list[int]] | None:
        """The posts behind a "+k" marker under pos, to list them in a menu."""
        return None

    def _day_value(self, pos: QPoint) -> object | None:
        """What a double-click on empty space at pos offers the page: a date, or a datetime."""
        return self._day_at(pos)

    def _drop_value(self, pos: QPoint, hotspot: QPoint, post: int) -> object | None:
        raise NotImplementedError

    def _current_value(self, entry: CalendarEntry) -> object:
        raise NotImplementedError

    def _shifted(self, entry: CalendarEntry, key: Qt.Key) -> object | None:
        raise NotImplementedError

    def _navigate(self, key: Qt.Key) -> bool:
        raise NotImplementedError

    def _changed(self) -> None:
        self._dirty = True
        self.update()

    def _ensure_layout(self) -> None:
        if self._dirty:
            self._dirty = False
            self._layout()

    def _fonts(self) -> tuple[QFont, QFont]:
        """The chip font and the small font (quota, overflow)."""
        return scaled_font(self.font(), 0.92), scaled_font(self.font(), 0.85)

    # ---- mouse -------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        overflow = self._overflow_at(pos)
        post = self._post_at(pos)
        if overflow is not None:
            self.select_day(overflow[0])
            self._list_posts(overflow[1], event.globalPosition().toPoint())
        elif post is not None:
            self.select_entry(post)
            self._press = (pos, post)
        else:
            day = self._day_at(pos)
            if day is not None:
                self.select_day(day)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        start, post = self._press
        if (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        entry = self._entries.get(post)
        if entry is not None and entry.movable:
            self.start_drag(post, start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        if self._overflow_at(pos) is not None:
            return
        post = self._post_at(pos)
        if post is not None:
            self.select_entry(post)
            self.entryActivated.emit(post)
            return
        day = self._day_at(pos)
        value = self._day_value(pos)
        if day is not None and value is not None:
            self.select_day(day)
            self.dayActivated.emit(value)

    def _list_posts(self, posts: list[int], where: QPoint) -> QMenu:
        """The posts a "+k" hides, as a menu: picking one selects it (a selected post is always drawn)."""
        menu = QMenu(self)
        menu.setObjectName("calendarOverflowMenu")
        for post in posts:
            entry = self._entries[post]
            text = f"{entry.when:%H:%M}  {entry.account} · {entry.title}（{entry.status_text}）"
            action = QAction(("【" + tr("急") + "】" if entry.urgent else "") + text, menu)
            action.setToolTip(chip_tooltip(entry))
            action.triggered.connect(lambda _checked=False, p=post: self.select_entry(p))
            menu.addAction(action)
        menu.aboutToHide.connect(menu.deleteLater)
        self._menu = menu
        menu.popup(where)
        return menu

    # ---- drag and drop -------------------------------------------------------------------------------

    def drag_mime(self, post_id: int) -> QMimeData:
        return post_mime(post_id)

    def start_drag(self, post_id: int, grabbed_at: QPoint) -> Qt.DropAction:
        """Drag a post's chip; blocks in Qt's drag loop until dropped. The drop, here or in the other view,
        ends as a rescheduleRequested from whichever view received it."""
        drag = QDrag(self)
        drag.setMimeData(self.drag_mime(post_id))
        rect = self.entry_rect(post_id)
        if rect is not None and rect.isValid():
            drag.setPixmap(self.grab(rect))
            self._drag_hotspot = grabbed_at - rect.topLeft()
            drag.setHotSpot(self._drag_hotspot)
        try:
            return drag.exec(Qt.DropAction.MoveAction)
        finally:
            self._drag_hotspot = QPoint()
            self._hover = None
            self.update()

    def _dragged_post(self, event: QDropEvent) -> int | None:
        """The post a drag carries, if this view may move it: any post id, unless it is one of ours
        that cannot move (an unknown id may come from a list of drafts; the page decides)."""
        post = post_id_of(event.mimeData())
        if post is None:
            return None
        entry = self._entries.get(post)
        if entry is not None and not entry.movable:
            return None
        return post

    def _hotspot(self, event: QDropEvent) -> QPoint:
        return self._drag_hotspot if event.source() is self else QPoint()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dragged_post(event) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        post = self._dragged_post(event)
        value = None if post is None else self._drop_value(event.position().toPoint(), self._hotspot(event), post)
        if value != self._hover:
            self._hover = value
            self.update()
        if value is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover = None
        self.update()
        post = self._dragged_post(event)
        value = None if post is None else self._drop_value(event.position().toPoint(), self._hotspot(event), post)
        if post is None or value is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        entry = self._entries.get(post)
        if entry is None or value != self._current_value(entry):
            self.rescheduleRequested.emit(post, value)

    # ---- keys and tooltips ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        move = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if key in arrows and (mods & move) == move:
            self.move_selected(key)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected_post is not None:
                self.entryActivated.emit(self._selected_post)
            else:
                self.dayActivated.emit(self._selected_day)
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self._selected_post is not None:
            self._selected_post = None
            self._changed()
            event.accept()
            return
        if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and self._navigate(key):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the selected day's posts, then leaves the calendar as usual."""
        posts = [e.post_id for e in self._days.get(self._selected_day, [])]
        if posts and self.hasFocus():
            if self._selected_post in posts:
                index = posts.index(self._selected_post) + (1 if next else -1)
            else:
                index = 0 if next else len(posts) - 1
            if 0 <= index < len(posts):
                self.select_entry(posts[index])
                return True
            self._selected_post = None
            self._changed()
        return super().focusNextPrevChild(next)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._ensure_layout()
            post = self._post_at(event.pos())
            day = self._day_at(event.pos())
            if post is not None:
                QToolTip.showText(event.globalPos(), chip_tooltip(self._entries[post]), self)
            elif day is not None:
                QToolTip.showText(event.globalPos(), day_tooltip(day, self._marks.get(day)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:
        self._dirty = True
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._dirty = True
        super().changeEvent(event)

    # ---- painting helpers ----------------------------------------------------------------------------

    def _day_background(self, day: date, in_range: bool) -> QColor:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        mark = self._marks.get(day)
        kind = mark.kind if mark is not None else ("weekend" if day.weekday() >= 5 else "workday")
        if kind == "holiday":
            color = mix(base, HOLIDAY_RED, 0.07)
        elif kind == "weekend":
            color = mix(base, palette.color(QPalette.ColorRole.Window), 0.55)
        else:
            color = base
        if not in_range:
            color = mix(color, palette.color(QPalette.ColorRole.Window), 0.7)
        if day == self._selected_day:
            color = mix(color, palette.color(QPalette.ColorRole.Highlight), 0.08)
        return color

    def _alarm_color(self, day: date) -> QColor | None:
        mark = self._marks.get(day)
        if mark is None or not mark.alarm:
            return None
        return ALARM_RED if mark.alarm == "alarm" else WARNING_AMBER

    def _paint_label(self, painter: QPainter, x: int, rect: QRect, day: date, font: QFont, dimmed: bool) -> int:
        """Draw 国庆 (red) or 班 (a small grey badge) from x; returns where the next thing may start."""
        label = self.day_label(day)
        if not label:
            return x
        metrics = QFontMetrics(font)
        painter.setFont(font)
        width = metrics.horizontalAdvance(label)
        mark = self._marks.get(day)
        if mark is not None and mark.kind == "makeup_workday":
            badge = QRect(x, rect.center().y() - metrics.height() // 2, width + 6, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                mix(self.palette().color(QPalette.ColorRole.Text), self._base(), 0.35 if not dimmed else 0.6)
            )
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(self._base())
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            return badge.right() + 4
        painter.setPen(mix(HOLIDAY_RED, self._base(), 0.45) if dimmed else HOLIDAY_RED)
        painter.drawText(QRect(x, rect.top(), width + 2, rect.height()), Qt.AlignmentFlag.AlignVCenter, label)
        return x + width + 6

    def _base(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def _focus_pen(self) -> QPen:
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine)
        return pen

    def entry_rect(self, post_id: int) -> QRect | None:
        raise NotImplementedError


class MonthView(CalendarView):
    """A month as a 6×7 grid. rescheduleRequested carries a date: the page keeps or picks the time."""

    monthChanged = Signal(int, int)  # the user paged to another month (keys); load its entries

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMonth")
        self.setAccessibleName(tr("发布日历（月视图）"))
        self._year, self._month = self._today.year, self._today.month
        self._cells: dict[date, QRect] = {}
        self._chips: dict[date, list[tuple[int, QRect]]] = {}
        self._overflow: dict[date, tuple[QRect, list[int]]] = {}
        self._header = QRect()
        self._lines: tuple[list[int], list[int]] = ([], [])

    # ---- public --------------------------------------------------------------------------------------

    def set_month(self, year: int, month: int) -> None:
        self._year, self._month = year, month
        if not self._in_view(self._selected_day) or self._selected_day.month != month:
            in_month = self._today.year == year and self._today.month == month
            self._selected_day = self._today if in_month else date(year, month, 1)
            self._selected_post = None
        self._changed()

    def month(self) -> tuple[int, int]:
        return self._year, self._month

    def days(self) -> list[date]:
        start = month_grid_start(self._year, self._month)
        return [start + timedelta(days=i) for i in range(ROWS * COLUMNS)]

    def cell_rect(self, day: date) -> QRect:
        self._ensure_layout()
        return QRect(self._cells.get(day, QRect()))

    def entry_rect(self, post_id: int) -> QRect | None:
        self._ensure_layout()
        entry = self._entries.get(post_id)
        if entry is None:
            return None
        for post, rect in self._chips.get(entry.when.date(), []):
            if post == post_id:
                return QRect(rect)
        return None

    def visible_posts(self, day: date) -> list[int]:
        self._ensure_layout()
        return [post for post, _rect in self._chips.get(day, [])]

    def overflow_text(self, day: date) -> str:
        """ "+k 条" when k posts of the day do not fit, else ""."""
        self._ensure_layout()
        hidden = self._overflow.get(day)
        return tr("+{k} 条").format(k=len(hidden[1])) if hidden else ""

    def sizeHint(self) -> QSize:
        return QSize(980, 720)

    def minimumSizeHint(self) -> QSize:
        chip_font, _small = self._fonts()
        chip = QFontMetrics(chip_font).height() + 4
        line = self.fontMetrics().height()
        return QSize(7 * 90, line + 8 + ROWS * (line + 6 + 2 * (chip + CHIP_GAP) + CELL_PAD))

    # ---- CalendarView --------------------------------------------------------------------------------

    def _in_view(self, day: date) -> bool:
        return day.year == self._year and day.month == self._month

    def _show_day(self, day: date) -> None:
        self._year, self._month = day.year, day.month
        self._selected_day = day
        self._dirty = True
        self.monthChanged.emit(day.year, day.month)

    def _current_value(self, entry: CalendarEntry) -> object:
        return entry.when.date()

    def _drop_value(self, pos: QPoint, hotspot: QPoint, post: int) -> object | None:
        return self._day_at(pos)

    def _shifted(self, entry: CalendarEntry, key: Qt.Key) -> object | None:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        return entry.when.date() + timedelta(days=steps[key])

    def _navigate(self, key: Qt.Key) -> bool:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps:
            self.select_day(self._selected_day + timedelta(days=steps[key]))
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            year, month = self._year, self._month + (1 if key == Qt.Key.Key_PageDown else -1)
            if month == 0:
                year, month = year - 1, 12
            elif month == 13:
                year, month = year + 1, 1
            day = self._selected_day.day
            while True:
                try:
                    target = date(year, month, day)
                    break
                except ValueError:
                    day -= 1
            self.select_day(target)
            return True
        if key == Qt.Key.Key_Home:
            self.select_day(self._today)
            return True
        return False

    def _post_at(self, pos: QPoint) -> int | None:
        self._ensure_layout()
        day = self._day_at(pos)
        for post, rect in self._chips.get(day, []) if day is not None else []:
            if rect.contains(pos):
                return post
        return None

    def _day_at(self, pos: QPoint) -> date | None:
        self._ensure_layout()
        for day, rect in self._cells.items():
            if rect.contains(pos):
                return day
        return None

    def _overflow_at(self, pos: QPoint) -> tuple[date, list[int]] | None:
        self._ensure_layout()
        for day, (rect, posts) in self._overflow.items():
            if rect.contains(pos):
                return day, posts
        return None

    # ---- layout and painting -------------------------------------------------------------------------

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 6

    def _layout(self) -> None:
        chip_font, _small = self._fonts()
        chip_height = QFontMetrics(chip_font).height() + 4
        header = self.fontMetrics().height() + 8
        width, height = self.width(), self.height()
        self._header = QRect(0, 0, width, header)
        self._cells, self._chips, self._overflow = {}, {}, {}
        xs = [round(i * (width - 1) / COLUMNS) for i in range(COLUMNS + 1)]
        ys = [header + round(i * (height - header - 1) / ROWS) for i in range(ROWS + 1)]
        self._lines = (xs, ys)
        for index, day in enumerate(self.days()):
            row, column = divmod(index, COLUMNS)
            cell = QRect(QPoint(xs[column] + 1, ys[row] + 1), QPoint(xs[column + 1] - 1, ys[row + 1] - 1))
            self._cells[day] = cell
            entries = self._days.get(day, [])
            if not entries:
                continue
            top = cell.top() + self._line_height()
            fit = max(0, (cell.bottom() - CELL_PAD - top + CHIP_GAP) // (chip_height + CHIP_GAP))
            posts = [e.post_id for e in entries]
            if len(posts) <= fit:
                shown, hidden = posts, []
            else:
                room = max(0, fit - 1)
                start = 0
                if self._selected_post in posts and room:
                    start = max(0, posts.index(self._selected_post) - room + 1)
                shown = posts[start : start + room]
                hidden = [p for p in posts if p not in shown]
            chips = []
            for i, post in enumerate(shown):
                y = top + i * (chip_height + CHIP_GAP)
                chips.append((post, QRect(cell.left() + CELL_PAD, y, cell.width() - 2 * CELL_PAD, chip_height)))
            self._chips[day] = chips
            if hidden:
                y = top + len(shown) * (chip_height + CHIP_GAP)
                y = min(y, cell.bottom() - chip_height)
                rect = QRect(cell.left() + CELL_PAD, y, cell.width() - 2 * CELL_PAD, chip_height)
                self._overflow[day] = (rect, hidden)

    def paintEvent(self, _event) -> None:
        self._ensure_layout()
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = mix(text, self._base(), 0.5)
        chip_font, small = self._fonts()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setFont(self.font())
        xs, ys = self._lines
        for column, word in enumerate(weekday_words()):
            rect = QRect(xs[column], 0, xs[column + 1] - xs[column], self._header.height())
            painter.setPen(muted if column >= 5 else palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, word)
        for day, cell in self._cells.items():
            painter.fillRect(cell, self._day_background(day, self._in_view(day)))
            if self._hover == day:
                painter.fillRect(cell, mix(self._base(), palette.color(QPalette.ColorRole.Highlight), 0.25))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        for x in xs:
            painter.drawLine(x, ys[0], x, ys[-1])
        for y in ys:
            painter.drawLine(xs[0], y, xs[-1], y)
        for day, cell in self._cells.items():
            self._paint_day(painter, day, cell, chip_font, small, text, muted)
        painter.end()

    def _paint_day(self, painter: QPainter, day: date, cell: QRect, chip_font, small, text, muted) -> None:
        palette = self.palette()
        in_month = self._in_view(day)
        alarm = self._alarm_color(day)
        if alarm is not None:
            painter.fillRect(QRect(cell.left(), cell.top(), cell.width(), 3), alarm)
        line = QRect(cell.left() + 6, cell.top() + 2, cell.width() - 10, self._line_height() - 2)
        number = str(day.day) if day.day != 1 else tr("{m}月{d}日").format(m=day.month, d=day.day)
        font = QFont(self.font())
        font.setBold(day == self._today)
        painter.setFont(font)
        painter.setPen(text if in_month else muted)
        if day == self._today:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
        width = QFontMetrics(font).horizontalAdvance(number)
        painter.drawText(
            QRect(line.left(), line.top(), width + 2, line.height()), Qt.AlignmentFlag.AlignVCenter, number
        )
        x = self._paint_label(painter, line.left() + width + 6, line, day, small, not in_month)
        mark = self._marks.get(day)
        if mark is not None and mark.quota_text:
            painter.setFont(small)
            painter.setPen(alarm if alarm is not None else muted)
            room = line.right() - x
            quota = QFontMetrics(small).elidedText(mark.quota_text, Qt.TextElideMode.ElideRight, max(0, room))
            painter.drawText(
                QRect(x, line.top(), max(0, room), line.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                quota,
            )
        for post, rect in self._chips.get(day, []):
            entry = self._entries[post]
            paint_chip(
                painter, rect, entry, palette, chip_font, selected=post == self._selected_post, dimmed=not in_month
            )
        hidden = self._overflow.get(day)
        if hidden is not None:
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(
                hidden[0].adjusted(6, 0, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                tr("+{k} 条").format(k=len(hidden[1])),
            )
        if day == self._today:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell.adjusted(0, 0, -1, -1))
        if day == self._selected_day and self.hasFocus():
            painter.setPen(self._focus_pen())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell.adjusted(2, 2, -3, -3))


__all__ = ["CalendarView", "MonthView", "mode_word", "post_id_of", "post_mime"]
