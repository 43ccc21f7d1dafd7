"""Notifications: a burst of messages makes one notification, the settings switch kinds off, sound is off
unless asked for, and the sidebar count follows set_badge. Offscreen there is no tray: what would have been
shown is still recorded and signalled for the status bar."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QSystemTrayIcon

from console.settings import Settings
from ui.notify import Notifier

GATHER, GAP = 50, 400  # ms: short, so the tests run fast; the product waits 1.5 s and 15 s


def make(qtbot, settings: Settings | None = None) -> tuple[Notifier, list[tuple[str, str]]]:
    n = Notifier(settings or Settings(seat_login="seat-00000000", seat_name="测试"), gather_ms=GATHER, min_gap_ms=GAP)
    shown: list[tuple[str, str]] = []
    n.notified.connect(lambda title, text: shown.append((title, text)))
    return n, shown


def test_offscreen_has_no_tray_but_still_tells_the_window(qtbot):
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    n, shown = make(qtbot)
    assert n.tray is None
    with qtbot.waitSignal(n.notified, timeout=2000):
        n.new_messages(1, "某县人社 · 张三：社保卡丢了怎么补办？")
    assert n.last_notification == ("新消息", "收到1条新消息：某县人社 · 张三：社保卡丢了怎么补办？")
    assert shown == [n.last_notification]


def test_a_burst_is_one_notification(qtbot):
    n, shown = make(qtbot)
    for i in range(50):
        n.new_messages(1, f"粉丝{i}：请问户口迁移要带什么材料？")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    qtbot.wait(GATHER * 3)
    assert shown == [("新消息", "收到50条新消息：粉丝49：请问户口迁移要带什么材料？")]


def test_a_stream_is_spaced_out(qtbot):
    n, shown = make(qtbot)
    n.new_messages(2, "第一批")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    n.new_messages(3, "第二批")  # inside the gap: waits for it to end, then comes as one
    n.new_messages(1, "第三批")
    qtbot.wait(GAP // 2)
    assert len(shown) == 1
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=2000)
    assert shown[1] == ("新消息", "收到4条新消息：第三批")
    qtbot.wait(GAP + GATHER * 2)  # the gap ends quietly
    assert len(shown) == 2
    n.new_messages(1, "又来一条")
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=2000)


def test_overdue_counts_are_not_added_up(qtbot):
    n, shown = make(qtbot)
    n.overdue(2)
    n.overdue(3, "某县发布 · 李四：等待5小时")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert shown == [("回复超时", "有3个会话超过4个工作小时未回复：某县发布 · 李四：等待5小时")]


def test_new_and_overdue_are_throttled_separately(qtbot):
    n, shown = make(qtbot)
    n.new_messages(1, "甲")
    n.overdue(1)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=2000)
    assert {title for title, _ in shown} == {"新消息", "回复超时"}


def test_flags_respected(qtbot):
    n, shown = make(qtbot, Settings(notify_new=False, notify_overdue=True))
    with qtbot.assertNotEmitted(n.notified, wait=GATHER * 3):
        n.new_messages(5, "不该提醒")
    assert n.last_notification is None
    n.overdue(1)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert shown[0][0] == "回复超时"

    n.apply_settings(replace(n.settings, notify_new=True, notify_overdue=False))
    n.overdue(4)
    n.new_messages(1, "现在要提醒")
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=2000)
    qtbot.wait(GAP + GATHER * 2)
    assert [title for title, _ in shown] == ["回复超时", "新消息"]


def test_switching_off_drops_what_was_gathered(qtbot):
    n, shown = make(qtbot)
    n.new_messages(3, "正在等待合并")
    n.apply_settings(replace(n.settings, notify_new=False))
    qtbot.wait(GATHER * 3)
    assert shown == []


def test_sound_off_by_default(qtbot):
    assert Settings().sound is False
    n, shown = make(qtbot)
    n.new_messages(1, "安静")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert n.beeps == 0

    loud, loud_shown = make(qtbot, Settings(sound=True))
    loud.new_messages(1, "响一声")
    qtbot.waitUntil(lambda: len(loud_shown) == 1, timeout=2000)
    assert loud.beeps == 1


def test_badge(qtbot):
    n, _shown = make(qtbot)
    seen: list[int] = []
    n.badgeChanged.connect(seen.append)
    n.set_badge(3)
    n.set_badge(3)  # unchanged: no signal
    n.set_badge(0)
    n.set_badge(-2)  # never negative
    assert seen == [3, 0]
    assert n.badge == 0


def test_nothing_for_zero(qtbot):
    n, _shown = make(qtbot)
    with qtbot.assertNotEmitted(n.notified, wait=GATHER * 3):
        n.new_messages(0, "")
        n.overdue(0, "")
