"""The operator's path in the real window: a follower's message appears in the inbox; typing a reply
and pressing send delivers it to WeChat (sandbox); a reply after 48 hours shows WeChat's refusal in
words; a hub that cannot be reached keeps the draft."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from tests.conftest import SAFE_APPID

OPENID = "oGUIfollower00000000000000001"
QUESTION = "请问社保卡丢了怎么补办？"
ANSWER = "您好！请携带身份证到县政务服务中心社保窗口补办，工作日 9:00—17:00。"


async def until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the window never showed what was expected"
        await asyncio.sleep(0.02)


def statuses(page) -> list:
    return [(m.direction, m.status) for m in page.messages._rows]


async def open_first_conversation(world, console):
    console.start()
    page = console.window.inbox
    await asyncio.to_thread(world.push, SAFE_APPID, OPENID, content=QUESTION)
    await until(lambda: page.conversations.rowCount() == 1)
    page.select_row(0)
    await until(lambda: [m.content for m in page.messages._rows] == [QUESTION])
    return page


def test_message_appears_and_reply_reaches_wechat(world, console, qloop, qtbot):
    async def scenario():
        page = await open_first_conversation(world, console)
        row = page.conversations.row_at(0)
        assert (row.follower_name.startswith("粉丝"), row.account_name, row.preview) == (True, "某县发布", QUESTION)
        page.composer.editor.setFocus()
        page.composer.editor.insertPlainText(ANSWER)
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: statuses(page) == [("in", None), ("out", "sent")])
        assert page.composer.editor.toPlainText() == ""  # cleared only once WeChat took it
        assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == [ANSWER]
        await until(lambda: page.conversations.rowCount() == 0)  # answered: no longer 待处理
        page.filters.status.setCurrentIndex(page.filters.status.findText("已回复"))
        await until(lambda: page.conversations.rowCount() == 1 and page.conversations.row_at(0).status == "replied")

    qloop.run_until_complete(scenario())


def test_reply_outside_48_hours_is_refused_before_sending_and_says_what_else(world, console, qloop, qtbot):
    async def scenario():
        page = await open_first_conversation(world, console)
        assert (
            "客服窗口还剩 47 小时" in page.composer.window_line.text()
            and "可再发 5 条" in page.composer.window_line.text()
        )
        page.composer.editor.setPlainText("两天后才回复")
        world.advance_clock(48 * 3600 + 60)
        await until(lambda: page.composer.refusal is not None)
        assert "48 小时" in page.composer.refusal and "内部备注" in page.composer.refusal  # why, and what else
        assert page.composer.window_line.text() == "客服窗口已关闭"
        assert not page.composer.send_button.isEnabled()
        page.composer.editor.setFocus()
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "48 小时" in page.composer.notice.text() and page.composer.notice.isVisible()
        assert page.composer.editor.toPlainText() == "两天后才回复"  # the text is not lost
        await asyncio.sleep(0.3)
        assert statuses(page) == [("in", None)] and world.sent_to(SAFE_APPID, OPENID) == []

    qloop.run_until_complete(scenario())


def test_unreachable_hub_queues_the_reply_and_says_so(world, console, qloop, qtbot):
    async def scenario():
        page = await open_first_conversation(world, console)
        await asyncio.to_thread(world.stop_hub)  # the hub went away; WeChat is still there
        page.composer.editor.setPlainText("网络断开时写的回复")
        qtbot.mouseClick(page.composer.send_button, Qt.MouseButton.LeftButton)
        await until(lambda: [m.kind for m in page.messages._rows] == ["message", "queued"])
        assert page.messages._rows[-1].content == "网络断开时写的回复"
        await until(lambda: "无法连接" in console.window.connection.text())
        assert "等待发往服务端" in console.window.statusBar().currentMessage()
        await asyncio.to_thread(world.start_hub)
        await until(lambda: statuses(page) == [("in", None), ("out", "sent")], timeout=30)
        assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["网络断开时写的回复"]

    qloop.run_until_complete(scenario())


def test_empty_reply_is_not_sent(world, console, qloop, qtbot):
    async def scenario():
        page = await open_first_conversation(world, console)
        qtbot.mouseClick(page.composer.send_button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(0.2)
        assert not page.composer.send_button.isEnabled()  # nothing typed: nothing to send
        page.composer.editor.setFocus()
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "请先输入" in page.composer.notice.text()
        assert statuses(page) == [("in", None)]

    qloop.run_until_complete(scenario())


def test_sidebar_has_every_section_and_chinese_can_be_drawn(console):
    nav = console.window.nav
    assert [nav.item(i).text().split("  ")[0] for i in range(nav.count())] == [  # without the badges
        "收件箱",
        "审核",
        "日历",
        "模板",
        "安全清单",
        "合规检查",
        "统计",
        "设置",
    ]
    # A CJK font is installed and chosen, so Chinese is drawn as text, not boxes.
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert (
        QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese).count(QApplication.font().family()) == 1
    )
