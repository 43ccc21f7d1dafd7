"""The day's work in the real window against a real hub and sandbox: offline replies and status
changes applied once when the hub is back (one refused, its words back in the draft); the reply lock
between two desks; notes; keyboard only; search with highlights; a draft that survives a crash."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.settings import Settings
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.gui.test_inbox import until
from ui.app import Console

ANNA = "oGUIfollowerANNA0000000000001"
BO = "oGUIfollowerBO000000000000002"


def row_for(page, openid_tail: str) -> int:
    model = page.conversations
    for row in range(model.rowCount()):
        item = model.row_at(row)
        if item is not None and item.follower_name.endswith(openid_tail[-6:]):
            return row
    return -1


async def open_conversation(page, openid: str) -> int:
    await until(lambda: row_for(page, openid) >= 0)
    page.select_row(row_for(page, openid))
    await until(lambda: len(page.messages._rows) > 0)
    return page.current


def send(page, text: str) -> None:
    page.composer.set_note_mode(False)
    page.composer.editor.setPlainText(text)
    page.composer.send_button.click()


def test_offline_replies_and_status_change_are_applied_once_when_the_hub_is_back(world, console, qloop):
    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="社保卡怎么补办？")
        await asyncio.to_thread(world.push, PLAIN_APPID, BO, content="医保报销要带什么？")
        anna = await open_conversation(page, ANNA)
        for n in range(4):  # four of WeChat's five replies already used
            send(page, f"第{n + 1}条说明")
            await until(lambda n=n: sum(1 for m in page.messages._rows if m.status == "sent") == n + 1)

        await asyncio.to_thread(world.stop_hub)
        await until(lambda: "无法连接" in console.window.connection.text())
        send(page, "第5条：请带身份证原件。")
        await until(lambda: page.composer.editor.toPlainText() == "")
        send(page, "第6条：窗口在一楼。")  # WeChat allows 5; the hub will refuse this one
        bo = await open_conversation(page, BO)
        send(page, "请带医保卡和发票。")
        page.run("close")  # 关闭 (E), offline
        await until(lambda: page.conversations.row_of(bo) == -1)  # closed: gone from 待处理 at once, offline
        await until(lambda: console.inbox.queue.count() == 4)
        assert world.sent_to(SAFE_APPID, ANNA)[-1].content == "第4条说明"

        await asyncio.to_thread(world.start_hub)
        await until(lambda: console.inbox.queue.count() == 0 and console.window.connection.text() == "已连接服务端", 30)
        assert [m.content for m in world.sent_to(SAFE_APPID, ANNA)][-1] == "第5条：请带身份证原件。"
        assert len(world.sent_to(SAFE_APPID, ANNA)) == 5
        assert [m.content for m in world.sent_to(PLAIN_APPID, BO)] == ["请带医保卡和发票。"]
        with world.hub.db.session() as session:
            from console.store.models import Command, Conversation

            assert session.get(Conversation, bo).status == "closed"
            assert session.query(Command).count() == 4 + 4  # each command once (4 online before, 4 offline)

        page.filters.status.setCurrentIndex(page.filters.status.findText("全部状态"))
        await until(lambda: row_for(page, ANNA) >= 0)
        page.select_row(row_for(page, BO))
        page.select_row(row_for(page, ANNA))
        await until(lambda: page.current == anna and "第6条：窗口在一楼。" in page.composer.editor.toPlainText())
        assert "最多可回复 5 条" in page.composer.notice.text()  # the reason, beside the kept words
        await asyncio.sleep(3.5)  # the outbox would have retried by now: nothing goes twice
        assert len(world.sent_to(SAFE_APPID, ANNA)) == 5

    qloop.run_until_complete(scenario())


def test_reply_lock_between_two_desks_on_one_hub(world, console, qloop, qtbot, tmp_path):
    other = Console(
        world.hub_url,
        f"sqlite:///{tmp_path / 'replica-2.db'}",
        Settings(seat_login="seat-0000beef", seat_name="李强"),
        password=world.staff("seat-0000beef", "李强"),
    )
    qtbot.addWidget(other.window)

    async def scenario():
        console.start()
        other.start()
        mine, theirs = console.window.inbox, other.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="户口迁移需要什么材料？")
        await open_conversation(theirs, ANNA)
        theirs.composer.editor.setFocus()
        theirs.composer.editor.insertPlainText("您好，")  # 李强 is typing
        await open_conversation(mine, ANNA)
        await until(lambda: mine.composer.lock_row.isVisible() and "李强 正在输入" in mine.composer.lock.text(), 20)
        mine.composer.editor.setPlainText("我也来回复")
        assert not mine.composer.send_button.isEnabled()

        mine.run("take_over")  # Ctrl+Shift+T: deliberately
        assert not mine.composer.lock_row.isVisible()
        mine.composer.send_button.click()
        await until(lambda: any(m.status == "sent" for m in mine.messages._rows), 20)
        await until(lambda: theirs.composer.lock_row.isVisible(), 20)  # now 李强 sees the lock
        assert [m.content for m in world.sent_to(SAFE_APPID, ANNA)] == ["我也来回复"]
        await other.stop()

    qloop.run_until_complete(scenario())


def test_keyboard_only_note_label_assign_snooze_and_search(world, console, qloop, qtbot, monkeypatch):
    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="请问社保缴费基数怎么查？")
        await asyncio.to_thread(world.push, PLAIN_APPID, BO, content="医院挂号怎么预约？")
        await until(lambda: page.conversations.rowCount() == 2)
        console.window.activateWindow()  # shortcuts go to the active window
        await until(lambda: QApplication.activeWindow() is console.window)
        page.list.setFocus()
        page.select_row(0)
        top, second = page.conversations.row_at(0).id, page.conversations.row_at(1).id
        qtbot.keyClick(page.list, Qt.Key.Key_J)  # next conversation
        await until(lambda: page.current == second and len(page.messages._rows) == 1)
        qtbot.keyClick(page.list, Qt.Key.Key_K)  # previous
        await until(lambda: page.current == top)
        qtbot.keyClick(page.list, Qt.Key.Key_J)
        await until(lambda: page.current == second)
        first = second  # 社保 (the older conversation) is open

        qtbot.keyClick(page.list, Qt.Key.Key_N)  # a note: to colleagues only
        assert page.composer.note and page.composer.editor.hasFocus()
        page.composer.editor.insertPlainText("已电话联系，明天再回访")
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(
            lambda: any(m.kind == "note" and m.content == "已电话联系，明天再回访" for m in page.messages._rows)
        )
        assert world.sent_to(SAFE_APPID) == [] and world.sent_to(PLAIN_APPID) == []

        from PySide6.QtWidgets import QInputDialog

        monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("社保", True)))
        page.list.setFocus()
        qtbot.keyClick(page.list, Qt.Key.Key_L)
        await until(lambda: page.conversations.row_at(page.conversations.row_of(first)).labels == ("社保",))
        await until(lambda: "社保" in [page.filters.label.itemText(i) for i in range(page.filters.label.count())])

        page.list.setFocus()
        qtbot.keyClick(page.list, Qt.Key.Key_E)  # close
        await until(lambda: page.conversations.row_of(first) == -1)  # 待处理 no longer lists it
        page.filters.status.setCurrentIndex(page.filters.status.findText("已关闭"))
        await until(lambda: page.conversations.rowCount() == 1 and page.conversations.row_at(0).id == first)

        qtbot.keyClick(page.list, Qt.Key.Key_Slash)  # search
        assert page.filters.search.hasFocus()
        page.filters.search.setText("社保")
        await until(lambda: page.results.rowCount() >= 1)
        hit = page.results.hits[0]
        assert hit.text[hit.spans[0][0] : hit.spans[0][1]] == "社保"
        assert all("社保" in h.text for h in page.results.hits)
        page.filters.search.setText("医")
        await until(lambda: page.results.query == "医" and page.results.rowCount() == 1)
        assert page.results.hits[0].text == "医院挂号怎么预约？"

    qloop.run_until_complete(scenario())


def test_draft_survives_a_crash(world, console, qloop, qtbot, tmp_path):
    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="低保申请需要什么？")
        await open_conversation(page, ANNA)
        page.composer.editor.setFocus()
        page.composer.editor.insertPlainText("您好，低保申请需要户口本、身份证和收入证明")
        saved = console.inbox.drafts
        # Within two seconds of the last keystroke the words are on disk; then the power goes.
        await until(lambda: saved.load(page.current).body == "您好，低保申请需要户口本、身份证和收入证明", 2.0)

    qloop.run_until_complete(scenario())
    # No orderly shutdown (no draft flush, no close): the first desk just stops, as in a power cut,
    # and a second window opens the same replica file, as after a restart.
    for task in list(console.inbox._tasks):
        task.cancel()
    again = Console(
        world.hub_url, console.replica_db.url, console.settings, password=world.staff("seat-desk0001", "王芳")
    )
    qtbot.addWidget(again.window)

    async def after():
        again.start()
        page = again.window.inbox
        await open_conversation(page, ANNA)
        await until(lambda: page.composer.editor.toPlainText() == "您好，低保申请需要户口本、身份证和收入证明")
        await asyncio.wait({asyncio.ensure_future(again.stop())}, timeout=10)

    qloop.run_until_complete(after())
    QApplication.processEvents()
