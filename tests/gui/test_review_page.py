"""审核 in the real windows against a real hub and sandbox: an operator's reply held by the account's
policy appears on a supervisor's desk by itself; approved with edits it reaches the follower once, as
edited, and the author sees it sent; sent back with a comment it returns to the author, who revises and
resubmits; only administrators see and change the review rules."""

from __future__ import annotations

import asyncio
import uuid

import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from console.review.queue import QueueRow
from console.settings import Settings
from console.store.models import ReviewItem, ReviewPolicy, Role
from tests.conftest import SAFE_APPID
from tests.gui.test_inbox import until
from tests.gui.test_inbox_workflow import open_conversation, send
from ui.app import Console
from ui.review.page import MINE_TAB, POLICY_TAB, QUEUE_TAB, QueueModel, waiting_words

ANNA = "oGUIfollowerREVIEW0000000001"
ADMIN_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR)
REPLY = "您好，请带身份证到窗口办理。"
EDITED = "您好，请携带身份证原件到县政务服务中心一楼社保窗口办理。"


def set_policy(world, replies: str) -> None:
    answer = requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": uuid.uuid4().hex,
            "kind": "review_policy",
            "conversation_id": 0,
            "args": {"account": SAFE_APPID, "replies": replies, "labels": [], "article_levels": 1, "base_version": 0},
        },
        headers=world.auth("admin1", "管理员", ADMIN_ROLES),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def desk(world, tmp_path, qtbot, login: str, name: str, roles: tuple[Role, ...]) -> Console:
    other = Console(
        world.hub_url,
        f"sqlite:///{tmp_path / f'replica-{login}.db'}",
        Settings(seat_login=login, seat_name=name),
        password=world.staff(login, name, roles),
    )
    qtbot.addWidget(other.window)
    return other


async def held_reply(world, console) -> None:
    """The follower writes; 王芳 answers; the policy holds her reply for review."""
    await asyncio.to_thread(set_policy, world, "all")
    await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="社保卡丢了怎么补办？")
    await open_conversation(console.window.inbox, ANNA)
    send(console.window.inbox, REPLY)

    def held() -> bool:
        with world.hub.db.session() as session:
            return session.query(ReviewItem).count() == 1

    await until(held, 20)
    assert world.sent_to(SAFE_APPID, ANNA) == []


def test_held_reply_appears_for_the_supervisor_and_goes_out_once_as_edited(world, console, qloop, qtbot, tmp_path):
    supervisor = desk(world, tmp_path, qtbot, "liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))

    async def scenario():
        console.start()
        supervisor.start()
        window = supervisor.window
        page = window.review_page
        await until(lambda: page.tabs.isTabVisible(QUEUE_TAB))
        assert page.tabs.currentIndex() == QUEUE_TAB
        assert page.queue_stack.currentWidget() is page.queue_empty  # a calm line while nothing waits
        assert page.queue_empty.text() == "没有等待审核的内容。"

        await held_reply(world, console)
        # No refresh anywhere: the hub's change reaches the supervisor's desk by itself.
        await until(lambda: page.queue_model.rowCount() == 1, 20)
        await until(lambda: window.nav.item(1).text() == "审核  (1)")
        item = page.current_item()
        assert item is not None and item.content == REPLY and item.author_name == "王芳"
        assert item.follower_message == "社保卡丢了怎么补办？"
        assert page.follower_message.text() == "社保卡丢了怎么补办？"
        assert page.editor.toPlainText() == REPLY
        assert page.approve_button.text() == "通过"
        assert not page.diff_view.isVisibleTo(page)  # one version: nothing to compare
        row = page.queue_model.row_at(0)
        assert page.queue_model.data(page.queue_model.index(0, QueueModel.LEVEL)) == "一审（共 1 级）"
        assert page.queue_model.data(page.queue_model.index(0, QueueModel.WAITING)).startswith("已等待")
        assert page.queue_model.data(page.queue_model.index(0, QueueModel.REASON)) == row.reason

        page.editor.setPlainText(EDITED)
        assert page.approve_button.text() == "修改后通过"
        page.approve_button.click()
        assert page.queue_model.rowCount() == 0  # decided: the next item (none here) is shown at once
        await until(lambda: [m.content for m in world.sent_to(SAFE_APPID, ANNA, via="custom")] == [EDITED], 20)
        await until(lambda: page.queue_status.text() == "已通过，回复已发给粉丝。")
        await until(lambda: window.nav.item(1).text() == "审核")
        assert page.queue_stack.currentWidget() is page.queue_empty

        with world.hub.db.session() as session:
            stored = session.query(ReviewItem).one()
            assert stored.state == "sent" and stored.content == EDITED
            assert [v["text"] for v in stored.versions] == [REPLY, EDITED]
            assert [(a["by"], a["edited"]) for a in stored.approvals] == [("李强", True)]

        mine = console.window.review_page
        assert not mine.tabs.isTabVisible(QUEUE_TAB) and mine.tabs.currentIndex() == MINE_TAB
        await until(lambda: [r.state_text for r in mine.mine_model.rows()] == ["已发送"], 20)
        assert mine.mine_model.data(mine.mine_model.index(0, 2)) == "已发送"
        assert "（修改后通过）" in mine.mine_approvals.text()
        await asyncio.sleep(1.5)
        assert len(world.sent_to(SAFE_APPID, ANNA)) == 1  # once
        await supervisor.stop()

    qloop.run_until_complete(scenario())


def test_sent_back_with_a_comment_then_revised_and_resubmitted(world, console, qloop, qtbot, tmp_path, monkeypatch):
    supervisor = desk(world, tmp_path, qtbot, "zhangmin", "张敏", (Role.OPERATOR, Role.SUPERVISOR))
    comment = "请写明窗口的具体位置和办公时间"
    revised = "您好，请带身份证到县政务服务中心一楼 3 号窗口办理，工作日 9:00—17:00。"

    async def scenario():
        console.start()
        supervisor.start()
        page = supervisor.window.review_page
        await held_reply(world, console)
        await until(lambda: page.queue_model.rowCount() == 1, 20)

        asked = []

        def answer(parent, title, label, text=""):
            asked.append(label)
            return (comment, True) if len(asked) > 1 else ("好", True)  # too short first: asked again

        monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(answer))
        returned = page.current_item().id
        page.send_back_button.click()
        assert len(asked) == 2 and "至少 2 个字" in asked[1]
        assert page.queue_model.rowCount() == 0
        await until(lambda: page.queue_status.text() == "已退回给撰稿人。", 20)
        supervisor.review.approve(returned)  # too late: the hub refuses, and says why in red
        await until(lambda: "不在待审核状态" in page.queue_status.text(), 20)
        assert page.queue_status.property("state") == "error" and page.queue_status.isVisibleTo(page)

        mine = console.window.review_page
        await until(lambda: [r.state for r in mine.mine_model.rows()] == ["returned"], 20)
        await until(lambda: mine.tabs.tabText(MINE_TAB) == "我提交的 (1)")
        assert mine.select_mine(mine.mine_model.rows()[0].id)
        assert mine.mine_comment.text() == f"退回意见：{comment}"
        assert mine.resubmit_button.isVisibleTo(mine) and not mine.mine_editor.isReadOnly()
        mine.mine_editor.setPlainText(revised)
        mine.resubmit_button.click()
        await until(lambda: mine.mine_status.text() == "已重新提交，等待审核。", 20)
        await until(lambda: [r.state_text for r in mine.mine_model.rows()] == ["待审核"], 20)
        assert mine.withdraw_button.isVisibleTo(mine)

        await until(lambda: page.queue_model.rowCount() == 1, 20)  # pending again on the supervisor's desk
        item = page.current_item()
        assert item is not None and item.content == revised and len(item.versions) == 2
        assert page.diff_view.isVisibleTo(page)
        assert "<ins" in page.diff_view.toHtml().lower() or "3 号" in page.diff_view.toPlainText()
        assert world.sent_to(SAFE_APPID, ANNA) == []
        await supervisor.stop()

    qloop.run_until_complete(scenario())


def test_keyboard_next_previous_approve_send_back_and_bulk(world, console, qloop, qtbot, tmp_path, monkeypatch):
    supervisor = desk(world, tmp_path, qtbot, "liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))
    followers = [f"oGUIfollowerKEYS00000000000{n}" for n in range(1, 5)]

    async def scenario():
        console.start()
        supervisor.start()
        await asyncio.to_thread(set_policy, world, "all")
        inbox = console.window.inbox
        for n, openid in enumerate(followers, start=1):
            await asyncio.to_thread(world.push, SAFE_APPID, openid, content=f"第{n}个问题")
            await open_conversation(inbox, openid)
            send(inbox, f"第{n}个回答")
            await until(lambda n=n: inbox.composer.editor.toPlainText() == "", 20)

        window = supervisor.window
        page = window.review_page
        window.activateWindow()  # shortcuts go to the active window
        await until(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is page
        await until(lambda: page.queue_model.rowCount() == 4, 20)
        ids = [row.id for row in page.queue_model.rows()]
        assert [row.content for row in page.queue_model.rows()] == [f"第{n}个回答" for n in range(1, 5)]  # oldest first
        assert page.current_item().id == ids[0]

        page.queue_view.setFocus()
        qtbot.keyClick(page.queue_view, Qt.Key.Key_J)
        assert page.current_item().id == ids[1]
        qtbot.keyClick(page.queue_view, Qt.Key.Key_K)
        assert page.current_item().id == ids[0]
        qtbot.keyClick(page.queue_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 通过
        assert page.current_item().id == ids[1]  # the next one, at once

        monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("语气太生硬", True)))
        qtbot.keyClick(page.queue_view, Qt.Key.Key_R)  # 退回
        assert page.current_item().id == ids[2]

        for item_id in ids[2:]:
            page.queue_model.setData(
                page.queue_model.index(page.queue_model.row_of(item_id), 0),
                Qt.CheckState.Checked,
                Qt.ItemDataRole.CheckStateRole,
            )
        assert page.bulk_button.text() == "批量通过（2）"
        asked = []
        monkeypatch.setattr(page, "_ask_yes", lambda title, question: asked.append(question) or True)
        page.bulk_button.click()
        assert asked == ["通过 2 条回复？"]
        await until(lambda: len(world.sent_to(SAFE_APPID, via="custom")) == 3, 20)
        await until(lambda: page.queue_stack.currentWidget() is page.queue_empty, 20)
        delivered = sorted(m.content for m in world.sent_to(SAFE_APPID, via="custom"))
        assert delivered == ["第1个回答", "第3个回答", "第4个回答"]
        with world.hub.db.session() as session:
            returned = session.get(ReviewItem, ids[1])
            assert (returned.state, returned.comment) == ("returned", "语气太生硬")
        await supervisor.stop()

    qloop.run_until_complete(scenario())


def test_only_administrators_see_and_change_the_review_rules(world, console, qloop, qtbot, tmp_path):
    admin = desk(world, tmp_path, qtbot, "chengang", "陈刚", ADMIN_ROLES)

    async def scenario():
        console.start()
        admin.start()
        page = admin.window.review_page
        await until(lambda: page.tabs.isTabVisible(POLICY_TAB))
        operator_page = console.window.review_page
        await until(lambda: operator_page.mine_model is not None and console.review.login == "seat-desk0001")
        assert not operator_page.tabs.isTabVisible(POLICY_TAB)
        assert not operator_page.tabs.isTabVisible(QUEUE_TAB)

        await until(lambda: SAFE_APPID in page.policy_rows, 20)
        row = page.policy_rows[SAFE_APPID]
        assert row.values() == ("none", [], 1) and not row.save.isEnabled()
        assert row.name.text() == "某县发布"
        row.replies.setCurrentIndex(row.replies.findData("labels"))
        assert row.labels.isEnabled() and row.save.isEnabled()
        row.save.click()  # labels chosen but none named: said here, nothing sent
        assert "至少填写一个标签" in page.policy_status.text()
        row.labels.setText("投诉、信访")
        row.levels.setValue(3)
        row.save.click()

        def stored():
            with world.hub.db.session() as session:
                policy = session.query(ReviewPolicy).one_or_none()
                return None if policy is None else (policy.replies, policy.labels, policy.article_levels)

        await until(lambda: stored() == ("labels", ["投诉", "信访"], 3), 20)
        await until(lambda: page.policy_status.text() == "审核规则已保存。", 20)
        await until(lambda: not row.save.isEnabled())  # what the hub keeps is what the row shows
        await admin.stop()

    qloop.run_until_complete(scenario())


def test_queue_model_and_waiting_words(qtmodeltester):
    model = QueueModel()
    rows = [
        QueueRow(
            id=n,
            kind="reply" if n % 2 else "article",
            account_name="某县发布",
            appid=SAFE_APPID,
            conversation_id=n,
            follower_name=f"粉丝 {n}",
            follower_message="问",
            content="答",
            author_name="王芳",
            reason="本号所有回复都需审核",
            hits=[{"matched": "x", "reason": "y", "blocking": n == 2}],
            level=1,
            levels_required=2,
            waiting_seconds=n * 3600,
            versions=[],
        )
        for n in (1, 2, 3)
    ]
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.set_checked(2, True)
    model.set_checked(3, True)
    assert model.checked_ids() == [2, 3]
    model.set_rows(rows[:2])  # an item decided elsewhere drops out of the checked ones
    assert model.checked_ids() == [2]
    assert waiting_words(30) == "已等待 不到1分"
    assert waiting_words(5 * 60) == "已等待 5分"
    assert waiting_words(2 * 3600 + 5 * 60) == "已等待 2小时5分"
    assert waiting_words(26 * 3600) == "已等待 1天2小时"


def test_an_urgent_article_is_marked_red_in_the_queue(qtbot):
    """突发/辟谣 stands out where a supervisor looks first: a red edge, 【急】 before the title, the reason
    in red; an ordinary item has none of them."""
    from dataclasses import replace

    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QListView

    from ui.review.page import URGENT, QueueDelegate

    plain = QueueRow(
        id=1,
        kind="article",
        account_name="某县医保",
        appid=SAFE_APPID,
        conversation_id=None,
        follower_name=None,
        follower_message=None,
        content="医保卡余额年底不清零。",
        author_name="张敏",
        reason="文章发布前须经一审（1 级审核）",
        hits=[],
        level=1,
        levels_required=1,
        waiting_seconds=600,
        versions=[],
    )
    urgent = replace(plain, id=2, urgent=True, reason="突发/辟谣，紧急审核（一审）")
    model = QueueModel()
    model.set_rows([urgent, plain])
    view = QListView()
    qtbot.addWidget(view)
    view.setItemDelegate(QueueDelegate(view))
    view.setModel(model)
    view.resize(520, 300)
    view.show()
    image = view.viewport().grab().toImage()
    first, second = view.visualRect(model.index(0, 0)), view.visualRect(model.index(1, 0))
    assert QColor(image.pixel(1, first.center().y())) == URGENT
    assert QColor(image.pixel(1, second.center().y())) != URGENT
    assert model.data(model.index(0, QueueModel.REASON), Qt.ItemDataRole.ForegroundRole) == URGENT
    assert model.data(model.index(1, QueueModel.REASON), Qt.ItemDataRole.ForegroundRole) is None
