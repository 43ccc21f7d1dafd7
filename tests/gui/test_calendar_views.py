"""The publishing calendar's month and week views: drag a post to another day (or time) and the view asks
the page to move it; posts already sent stay put; the keyboard asks the same; holidays, 班 and "+k 条"
are drawn; a month of 500 posts paints quickly.

The offscreen platform's QDrag.exec() returns at once without a drag loop, so a drag is tested in two
halves, both real: the mouse path (press on the chip, move past the drag distance) must start a QDrag
carrying the post, and that QDrag's own QMimeData, sent to the target as QDragEnter/Move/Drop events,
must end in rescheduleRequested."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from ui.app import apply_look
from ui.calendar.entries import POST_MIME, STATUS_COLORS, STATUSES, CalendarEntry, DayMark, snap
from ui.calendar.legend import Legend, chip_tooltip
from ui.calendar.month_view import MonthView, post_id_of, post_mime
from ui.calendar.week_view import WeekView

TODAY = date(2025, 9, 26)
MONDAY = date(2025, 9, 29)
WORDS = dict(
    zip(
        STATUSES,
        ["草稿", "审核中", "已退回", "已通过", "待发出", "发布中", "已发布", "发送失败", "结果未知"],
        strict=True,
    )
)


def entry(post_id, when, status="approved", *, urgent=False, account="某县发布", title=None, mode="mass"):
    return CalendarEntry(
        post_id=post_id,
        account=account,
        appid="wx1111aaaa2222bbbb",
        title=title or f"第 {post_id} 篇：秋季征兵报名开始",
        when=when,
        status=status,
        status_text=WORDS[status],
        mode=mode,
        urgent=urgent,
        movable=status not in ("published", "publishing"),
    )


def marks() -> dict[date, DayMark]:
    found = {}
    for day in range(1, 9):
        d = date(2025, 10, day)
        found[d] = DayMark(d, "holiday", "中秋节" if day == 6 else "国庆节", note="国庆中秋假期")
    found[date(2025, 9, 28)] = DayMark(date(2025, 9, 28), "makeup_workday", "国庆节", "群发剩 1 次")
    found[date(2025, 10, 11)] = DayMark(date(2025, 10, 11), "makeup_workday", "国庆节")
    found[date(2025, 9, 29)] = DayMark(
        date(2025, 9, 29), "workday", None, "群发剩 0 次", "alarm", "某县人社已 9 天未更新"
    )
    found[date(2025, 9, 30)] = DayMark(date(2025, 9, 30), "workday", None, "群发剩 1 次", "warning")
    return found


def sample() -> list[CalendarEntry]:
    """About twenty posts over the National Day fortnight, every status, a crowded Monday."""
    accounts = ["某县发布", "某县人社", "某县卫健", "某县教育"]
    titles = ["国庆假期出行提示", "秋季征兵报名开始啦", "医保缴费最后一周", "关于开展消防安全检查的通知", "今日天气"]
    posts = []
    for i in range(14):
        day = date(2025, 9, 22) + timedelta(days=(i * 3) % 17)
        when = datetime.combine(day, datetime.min.time()) + timedelta(hours=8 + (i % 5) * 2, minutes=(i * 15) % 60)
        status = STATUSES[i % len(STATUSES)]
        posts.append(
            entry(
                100 + i,
                when,
                status,
                urgent=i % 6 == 0,
                account=accounts[i % 4],
                title=titles[i % 5],
                mode="mass" if i % 2 else "publish",
            )
        )
    for j in range(7):  # the Monday before the holiday: everyone wants 09:00
        when = datetime(2025, 9, 29, 9) + timedelta(minutes=10 * j)
        posts.append(entry(200 + j, when, "review", account=accounts[j % 4], title=titles[j % 5]))
    return posts


@pytest.fixture
def month(qtbot):
    view = MonthView()
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_today(TODAY)
    view.set_month(2025, 9)
    view.set_marks(marks())
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def week(qtbot):
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_today(MONDAY + timedelta(days=1))
    view.set_week(MONDAY)
    view.set_marks(marks())
    view.show()
    qtbot.waitExposed(view)
    return view


def recorder(signal) -> list:
    got: list = []
    signal.connect(lambda *args: got.append(args if len(args) > 1 else args[0]))
    return got


def drag_from(qtbot, view, post_id) -> QDrag | None:
    """The real mouse path: press on the chip, move past the drag distance. Returns the QDrag it started."""
    before = set(view.findChildren(QDrag))
    start = view.entry_rect(post_id).center()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(QApplication.startDragDistance() + 6, 3))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(QApplication.startDragDistance() + 6, 3))
    started = [d for d in view.findChildren(QDrag) if d not in before]
    return started[-1] if started else None


def drop(view, mime: QMimeData, pos: QPoint) -> tuple[bool, bool]:
    """Enter, move and drop at pos as the platform would; returns (move accepted, drop accepted)."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view, enter)
    if not enter.isAccepted():
        return False, False
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view, move)
    dropped = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(view, dropped)
    return move.isAccepted(), dropped.isAccepted()


# ---- month ---------------------------------------------------------------------------------------------


def test_month_drag_a_chip_to_another_day(qtbot, month):
    month.set_entries([entry(1, datetime(2025, 9, 10, 9, 30)), entry(2, datetime(2025, 9, 10, 11))])
    asked = recorder(month.rescheduleRequested)
    selected = recorder(month.entrySelected)
    drag = drag_from(qtbot, month, 1)
    assert drag is not None, "pressing and moving on a movable chip starts a drag"
    assert drag.mimeData().hasFormat(POST_MIME) and post_id_of(drag.mimeData()) == 1
    assert drag.pixmap().width() > 0  # the chip itself follows the pointer
    assert selected == [1]
    assert drop(month, drag.mimeData(), month.cell_rect(date(2025, 9, 12)).center()) == (True, True)
    assert asked == [(1, date(2025, 9, 12))]
    # dropped onto another month's day shown greyed at the grid's edge: still a plain date
    drop(month, post_mime(2), month.cell_rect(date(2025, 10, 2)).center())
    assert asked[-1] == (2, date(2025, 10, 2))
    # back onto its own day: nothing to do
    drop(month, post_mime(1), month.cell_rect(date(2025, 9, 10)).center())
    assert len(asked) == 2
    # a post from outside the calendar (a drafts list) may be dropped too: the page decides
    drop(month, post_mime(999), month.cell_rect(date(2025, 9, 3)).center())
    assert asked[-1] == (999, date(2025, 9, 3))


def test_month_sent_posts_stay_put(qtbot, month):
    month.set_entries([entry(1, datetime(2025, 9, 10, 9, 30), "published"), entry(2, datetime(2025, 9, 11, 8))])
    asked = recorder(month.rescheduleRequested)
    assert drag_from(qtbot, month, 1) is None, "a published chip does not start a drag"
    assert month.selected_post() == 1  # but it can still be selected and opened
    assert drop(month, post_mime(1), month.cell_rect(date(2025, 9, 12)).center()) == (False, False)
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == []
    # not our format, or onto the weekday header: refused
    plain = QMimeData()
    plain.setText("1")
    assert drop(month, plain, month.cell_rect(date(2025, 9, 12)).center()) == (False, False)
    assert drop(month, post_mime(2), QPoint(month.width() // 2, 5))[1] is False
    assert asked == []


def test_month_keyboard_moves_days_posts_and_months(qtbot, month):
    month.set_entries(
        [entry(1, datetime(2025, 9, 10, 9, 30)), entry(2, datetime(2025, 9, 10, 15)), entry(3, datetime(2025, 9, 1, 8))]
    )
    asked = recorder(month.rescheduleRequested)
    opened = recorder(month.entryActivated)
    new_on = recorder(month.dayActivated)
    paged = recorder(month.monthChanged)
    month.activateWindow()
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    assert month.selected_day() == TODAY
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Down):
        qtbot.keyClick(month, key)
    assert month.selected_day() == date(2025, 9, 18)
    qtbot.keyClick(month, Qt.Key.Key_Up)
    assert month.selected_day() == date(2025, 9, 11)
    qtbot.keyClick(month, Qt.Key.Key_Left)
    qtbot.keyClick(month, Qt.Key.Key_Return)
    assert new_on == [date(2025, 9, 10)] and opened == []
    # Tab walks the day's posts in time order, Enter opens the selected one
    qtbot.keyClick(month, Qt.Key.Key_Tab)
    assert month.selected_post() == 1
    qtbot.keyClick(month, Qt.Key.Key_Tab)
    assert month.selected_post() == 2
    qtbot.keyClick(month, Qt.Key.Key_Return)
    assert opened == [2]
    move = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(month, Qt.Key.Key_Right, move)
    qtbot.keyClick(month, Qt.Key.Key_Left, move)
    qtbot.keyClick(month, Qt.Key.Key_Down, move)
    assert asked == [(2, date(2025, 9, 11)), (2, date(2025, 9, 9)), (2, date(2025, 9, 17))]
    # the page accepts a move and hands the entries back: the selection follows the post
    month.set_entries([entry(1, datetime(2025, 9, 10, 9, 30)), entry(2, datetime(2025, 9, 11, 15))])
    assert month.selected_post() == 2 and month.selected_day() == date(2025, 9, 11)
    # PageDown and arrows past the month's end page to the next month and tell the page
    qtbot.keyClick(month, Qt.Key.Key_PageDown)
    assert month.month() == (2025, 10) and month.selected_day() == date(2025, 10, 11)
    assert paged == [(2025, 10)]
    qtbot.keyClick(month, Qt.Key.Key_PageUp)
    for _ in range(3):
        qtbot.keyClick(month, Qt.Key.Key_Down)
    assert month.month() == (2025, 10) and month.selected_day() == date(2025, 10, 2)
    assert paged == [(2025, 10), (2025, 9), (2025, 10)]


def test_month_mouse_opens_posts_and_new_days(qtbot, month):
    month.set_entries([entry(1, datetime(2025, 9, 10, 9, 30))])
    opened = recorder(month.entryActivated)
    new_on = recorder(month.dayActivated)
    qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=month.entry_rect(1).center())
    cell = month.cell_rect(date(2025, 9, 17))
    qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=cell.center())
    assert opened == [1] and new_on == [date(2025, 9, 17)]
    assert month.selected_day() == date(2025, 9, 17)


def test_month_labels_overflow_and_tooltips(qtbot, month):
    posts = sample()
    month.set_entries(posts)
    assert month.day_label(date(2025, 10, 1)) == "国庆"
    assert month.day_label(date(2025, 10, 6)) == "中秋"
    assert month.day_label(date(2025, 9, 28)) == "班"
    assert month.day_label(date(2025, 9, 26)) == ""
    crowded = date(2025, 9, 29)
    on_day = [p.post_id for p in posts if p.when.date() == crowded]
    shown = month.visible_posts(crowded)
    assert 0 < len(shown) < len(on_day)
    assert month.overflow_text(crowded) == f"+{len(on_day) - len(shown)} 条"
    assert month.overflow_text(date(2025, 9, 22)) == ""
    for post in shown:
        assert month.cell_rect(crowded).contains(month.entry_rect(post))
    # the holiday's tint and its red name are really painted
    image = month.grab().toImage()
    holiday, workday = month.cell_rect(date(2025, 10, 9)), month.cell_rect(date(2025, 9, 10))
    tint = QColor(image.pixel(holiday.bottomRight() - QPoint(4, 4)))
    plain = QColor(image.pixel(workday.bottomRight() - QPoint(4, 4)))
    assert tint != plain
    month.set_month(2025, 10)
    image = month.grab().toImage()
    label_row = month.cell_rect(date(2025, 10, 2)).adjusted(0, 2, 0, 0)
    label_row.setHeight(month.fontMetrics().height() + 4)
    reds = [
        (x, y)
        for x in range(label_row.left(), label_row.right())
        for y in range(label_row.top(), label_row.bottom())
        if (c := QColor(image.pixel(x, y))).red() > 150 and c.green() < 110 and c.blue() < 110
    ]
    assert len(reds) > 10, "国庆 is drawn in red beside the day number"
    # a selected post hidden behind "+k 条" is brought into view
    hidden = next(p for p in on_day if p not in shown)
    month.select_entry(hidden)
    assert hidden in month.visible_posts(crowded)
    # tooltips: account, title, status, 群发/发布
    tip = chip_tooltip(posts[0])
    assert posts[0].account in tip and posts[0].title in tip and posts[0].status_text in tip and "发布" in tip
    pos = month.entry_rect(hidden).center()
    QApplication.sendEvent(month, QHelpEvent(QEvent.Type.ToolTip, pos, month.mapToGlobal(pos)))
    shown_post = next(p for p in posts if p.post_id == hidden)
    assert shown_post.account in QToolTip.text() and shown_post.title in QToolTip.text()
    assert ("群发" if shown_post.mode == "mass" else "发布") in QToolTip.text()
    QToolTip.hideText()


def test_month_overflow_lists_the_hidden_posts(qtbot, month):
    posts = sample()
    month.set_entries(posts)
    crowded = date(2025, 9, 29)
    shown = month.visible_posts(crowded)
    cell = month.cell_rect(crowded)
    marker = QPoint(cell.left() + 12, month.entry_rect(shown[-1]).bottom() + 10)
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=marker)
    menu = month.findChild(QMenu, "calendarOverflowMenu")
    assert menu is not None and len(menu.actions()) == len([p for p in posts if p.when.date() == crowded]) - len(shown)
    picked = menu.actions()[-1]
    picked.trigger()
    assert month.selected_post() in month.visible_posts(crowded)
    menu.close()


def test_month_paints_500_posts_quickly(qtbot, month):
    start = datetime(2025, 9, 1, 7)
    posts = [
        entry(i, start + timedelta(minutes=83 * i), STATUSES[i % len(STATUSES)], urgent=i % 17 == 0) for i in range(500)
    ]
    began = time.perf_counter()
    month.set_entries(posts)
    for _ in range(5):
        month.grab()
    per_paint = (time.perf_counter() - began) / 5
    assert per_paint < 0.25, f"{per_paint * 1000:.0f} ms per paint"
    assert all(month.overflow_text(day) for day in month.days() if len(month.entries_on(day)) > 6)


# ---- week ----------------------------------------------------------------------------------------------


def test_week_drag_snaps_to_15_minutes(qtbot, week):
    week.set_entries([entry(1, datetime(2025, 9, 30, 9, 0)), entry(2, datetime(2025, 10, 2, 16, 0), "publishing")])
    asked = recorder(week.rescheduleRequested)
    drag = drag_from(qtbot, week, 1)
    assert drag is not None and post_id_of(drag.mimeData()) == 1
    assert drop(week, drag.mimeData(), week.point_at(datetime(2025, 10, 3, 14, 7))) == (True, True)
    assert drop(week, post_mime(1), week.point_at(datetime(2025, 10, 1, 10, 50)))[1]
    assert asked == [(1, datetime(2025, 10, 3, 14, 0)), (1, datetime(2025, 10, 1, 10, 45))]
    # before the first hour shown: kept inside the day's hours
    column = week.cell_rect(date(2025, 10, 4))
    drop(week, post_mime(1), QPoint(column.center().x(), column.top()))
    assert asked[-1] == (1, datetime(2025, 10, 4, 6, 0))
    # a post being published cannot be dragged or dropped
    assert drag_from(qtbot, week, 2) is None
    assert drop(week, post_mime(2), week.point_at(datetime(2025, 10, 3, 9))) == (False, False)
    assert len(asked) == 3
    # the same day and time: nothing to ask
    drop(week, post_mime(1), week.point_at(datetime(2025, 9, 30, 9, 4)))
    assert len(asked) == 3


def test_week_keyboard_and_double_click(qtbot, week):
    week.set_entries([entry(1, datetime(2025, 9, 30, 9, 10)), entry(2, datetime(2025, 9, 30, 15))])
    asked = recorder(week.rescheduleRequested)
    new_at = recorder(week.dayActivated)
    paged = recorder(week.weekChanged)
    week.activateWindow()
    week.setFocus()
    qtbot.waitUntil(week.hasFocus)
    assert week.selected_day() == date(2025, 9, 30)
    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert week.selected_post() == 1
    move = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(week, Qt.Key.Key_Down, move)
    qtbot.keyClick(week, Qt.Key.Key_Right, move)
    qtbot.keyClick(week, Qt.Key.Key_Up, move)
    assert asked == [
        (1, datetime(2025, 9, 30, 9, 30)),
        (1, datetime(2025, 10, 1, 9, 15)),
        (1, datetime(2025, 9, 30, 9)),
    ]
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert paged == [date(2025, 10, 6)] and week.monday() == date(2025, 10, 6)
    week.set_week(MONDAY)
    slot = week.point_at(datetime(2025, 10, 2, 19, 22))
    qtbot.mouseDClick(week, Qt.MouseButton.LeftButton, pos=slot)
    assert new_at == [datetime(2025, 10, 2, 19, 15)]
    assert snap(datetime(2025, 10, 2, 19, 22, 40)) == datetime(2025, 10, 2, 19, 30)


def test_week_crowded_slot_and_labels(qtbot, week):
    posts = sample()
    week.set_entries(posts)
    assert week.day_label(date(2025, 10, 1)) == "国庆"
    crowded = date(2025, 9, 29)
    on_day = [p.post_id for p in posts if p.when.date() == crowded]
    shown = week.visible_posts(crowded)
    assert 0 < len(shown) < len(on_day)
    assert week.overflow_text(crowded) == f"+{len(on_day) - len(shown)} 条"
    column = week.cell_rect(crowded)
    for post in shown:
        rect = week.entry_rect(post)
        assert column.contains(rect)
        assert rect.width() >= 60, "chips side by side stay wide enough to read"
    hidden = next(p for p in on_day if p not in shown)
    week.select_entry(hidden)
    assert week.entry_rect(hidden) is not None


# ---- the picture ---------------------------------------------------------------------------------------


def test_screenshots(qtbot, qapp):
    """/tmp/calendar_month.png and /tmp/calendar_week.png: a look at the real thing, CJK font and all."""
    apply_look(qapp)
    posts = sample()
    month = MonthView()
    week = WeekView()
    legend = Legend()
    for view in (month, week):
        qtbot.addWidget(view)
        view.resize(1100, 760)
        view.set_marks(marks())
        view.set_entries(posts)
    qtbot.addWidget(legend)
    month.set_today(TODAY)
    month.set_month(2025, 9)
    month.select_entry(posts[2].post_id)  # 9月28日, the 调休 Sunday
    week.set_today(MONDAY + timedelta(days=1))
    week.set_week(MONDAY)
    legend.resize(legend.sizeHint())
    assert month.grab().save("/tmp/calendar_month.png")
    assert week.grab().save("/tmp/calendar_week.png")
    assert legend.grab().save("/tmp/calendar_legend.png")
    assert set(STATUS_COLORS) == set(STATUSES)


def test_week_drop_on_a_heading_keeps_the_time(qtbot, week):
    week.set_entries([entry(1, datetime(2025, 9, 30, 9, 10))])
    asked = recorder(week.rescheduleRequested)
    assert drop(week, post_mime(1), week.header_rect(date(2025, 10, 2)).center()) == (True, True)
    assert asked == [(1, datetime(2025, 10, 2, 9, 15))]
