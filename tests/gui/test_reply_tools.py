"""The composer's reply tools in the real window against a real hub: the 错敏词 check marks a wrong
title in place and stops the send until it is fixed (one click applies the correction) or a supervisor
passes it (logged on the hub); Ctrl+T finds a template by pinyin initials and inserts it filled in for
this follower's account; an automatic reply shows in the thread marked as such."""

from __future__ import annotations

import asyncio
import uuid

import requests
from PySide6.QtCore import Qt
from sqlalchemy import select

from console import command_path as commands
from console.inbox.presence import PresenceBoard
from console.staff.directory import set_roles
from console.store.models import ReplyTemplate, ReviewItem, Role, ScreenEvent, Staff
from tests.conftest import SAFE_APPID
from tests.gui.test_inbox import until
from tests.gui.test_inbox_workflow import open_conversation

ANNA = "oGUItoolsANNA000000000000001"
WRONG = "张某某县长高度重视社保工作，已作出批示。"


def seed(world) -> None:
    world.staff("seat-super001", "李强", (Role.OPERATOR, Role.SUPERVISOR))
    for kind, args in [
        ("values_save", {"account": SAFE_APPID, "values": {"窗口电话": "0910-6668888"}, "base_version": 1}),
        (
            "templates_import",
            {
                "templates": [
                    {
                        "title": "社保卡补办流程",
                        "body": "{称呼}您好！社保卡补办请带身份证，电话{窗口电话}。",
                        "category": "社保",
                    },
                    {"title": "户籍证明开具", "body": "{称呼}您好！户籍证明到派出所开具。", "category": "户籍"},
                ]
            },
        ),
    ]:
        outcome = commands.apply(
            world.hub.db, PresenceBoard(), uuid.uuid4().hex, kind, 0, args, commands.Seat("t", "管理员")
        )
        assert outcome.state == "applied", outcome.error


def custom_sent(world):
    return [m.content for m in world.sent_to(SAFE_APPID, ANNA, via="custom")]


def test_wrong_title_is_marked_blocked_then_fixed_in_one_click(world, console, qloop):
    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="县里谁管社保？")
        await open_conversation(page, ANNA)
        await until(lambda: page.composer.check is not None)
        page.composer.editor.setPlainText(WRONG)
        result = page.composer.check.check_now()
        assert [hit.matched for hit in result.blocking_hits] == ["县长"]
        assert page.composer.editor.extraSelections()  # marked in place
        assert page.composer.screen_panel.override_button.isVisible()

        page.composer.send_button.click()
        assert "必须修改" in page.composer.notice.text()
        await asyncio.sleep(0.5)
        assert custom_sent(world) == []  # nothing left the desk

        row = next(row for row in page.composer.screen_panel.rows if row.fix_button is not None)
        row.fix_button.click()
        assert page.composer.editor.toPlainText() == "张某某县委书记高度重视社保工作，已作出批示。"
        page.composer.send_button.click()
        await until(lambda: custom_sent(world) == ["张某某县委书记高度重视社保工作，已作出批示。"], 20)

    qloop.run_until_complete(scenario())


def test_operator_asks_for_review_and_the_supervisors_approval_sends_it(world, console, qloop):
    seed(world)

    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="县里谁管社保？")
        await open_conversation(page, ANNA)
        await until(lambda: page.composer.check is not None and page.me[0] == "seat-desk0001")
        assert not page.i_review  # 王芳 is an operator: her blocked text goes to review
        page.composer.editor.setPlainText(WRONG)
        page.composer.check.check_now()
        page.composer.screen_panel.override_button.click()
        assert "已提交审核" in page.composer.notice.text()

        def held():
            with world.hub.db.session() as session:
                return session.scalar(select(ReviewItem).where(ReviewItem.state == "pending"))

        await until(lambda: held() is not None, 20)
        assert custom_sent(world) == []
        item = held()
        assert item.author_name == "王芳" and "错敏词" in item.reason and item.hits
        answer = await asyncio.to_thread(
            lambda: requests.post(
                f"{world.hub_url}/api/commands",
                json={
                    "command_id": uuid.uuid4().hex,
                    "kind": "review_approve",
                    "conversation_id": 0,
                    "args": {"item_id": item.id, "note": "引用上级通报原文"},
                },
                headers=world.auth("seat-super001", "李强", (Role.OPERATOR, Role.SUPERVISOR)),
                timeout=30,
            )
        )
        assert answer.status_code == 200, answer.text
        await until(lambda: custom_sent(world) == [WRONG], 20)
        with world.hub.db.session() as session:
            event = session.scalar(select(ScreenEvent).where(ScreenEvent.outcome == "overridden"))
            assert (event.supervisor, event.operator) == ("李强", "王芳")

    qloop.run_until_complete(scenario())


def test_ctrl_t_finds_a_template_by_pinyin_initials_and_fills_it(world, console, qloop, qtbot):
    seed(world)

    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="社保卡丢了")
        await open_conversation(page, ANNA)
        await until(lambda: len(page.templates) == 2)
        page.composer.editor.setFocus()
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        assert page.picker.isVisible()
        qtbot.keyClicks(page.picker.query, "sb")
        assert page.picker.results.item(0).text().startswith("社保卡补办流程")
        qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
        assert page.composer.editor.toPlainText() == "您好！社保卡补办请带身份证，电话0910-6668888。"
        with world.hub.db.session() as session:
            template_id = session.scalar(select(ReplyTemplate.id).where(ReplyTemplate.title == "社保卡补办流程"))

        def used() -> int:
            with world.hub.db.session() as session:
                return session.get(ReplyTemplate, template_id).usage_count

        await until(lambda: used() == 1, 20)

    qloop.run_until_complete(scenario())


def test_word_lists_edited_in_settings_reach_the_hub_and_the_composer(world, console, qloop):
    with world.hub.db.session() as session:  # the word lists are every account's: an administrator's to edit
        staff = session.scalar(select(Staff).where(Staff.login == "seat-desk0001"))
        set_roles(session, staff.id, [Role.OPERATOR, Role.ADMINISTRATOR])

    async def scenario():
        console.start()
        box = console.window.settings_page.wordlist_box
        await until(lambda: box.save_button.isEnabled(), 20)  # read from the hub when it answered
        box.editors["sensitive.txt"].setPlainText("某某小道消息\t禁用\t未经核实的传言不得转发\n")
        box.save_button.click()
        await until(lambda: "已生效" in box.status.text(), 20)
        assert "某某小道消息" in (world.home / "wordlists" / "sensitive.txt").read_text("utf-8")

        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="听说要停水？")
        await open_conversation(page, ANNA)
        page.composer.editor.setPlainText("网传某某小道消息不实。")
        await until(lambda: page.composer.check.check_now().blocked)  # the desk's copy of the lists
        assert "未经核实的传言不得转发" in page.composer.check.check_now().blocking_hits[0].reason

    qloop.run_until_complete(scenario())


def test_a_reply_sent_back_reopens_in_the_composer_with_the_comment(world, console, qloop):
    admin = ("admin1", "管理员", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
    supervisor = ("seat-super001", "李强", (Role.OPERATOR, Role.SUPERVISOR))

    def hub_command(who, kind, args):
        return requests.post(
            f"{world.hub_url}/api/commands",
            json={"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": 0, "args": args},
            headers=world.auth(*who),
            timeout=30,
        )

    policy = {"account": SAFE_APPID, "replies": "all", "base_version": 0}  # no policy stored yet: version 0
    assert hub_command(admin, "review_policy", policy).status_code == 200

    async def scenario():
        console.start()
        page = console.window.inbox
        await asyncio.to_thread(world.push, SAFE_APPID, ANNA, content="低保怎么申请？")
        await open_conversation(page, ANNA)
        page.composer.editor.setPlainText("去镇上问问。")
        page.composer.send_button.click()
        await until(lambda: any(m.kind == "review" and m.status == "pending" for m in page.messages._rows), 20)
        assert custom_sent(world) == []  # held for review
        with world.hub.db.session() as session:
            item_id = session.scalar(select(ReviewItem.id))
        back = await asyncio.to_thread(
            hub_command, supervisor, "review_send_back", {"item_id": item_id, "comment": "请写明地点和所需材料"}
        )
        assert back.status_code == 200, back.text
        await until(lambda: "请写明地点和所需材料" in page.composer.notice.text(), 20)
        assert page.composer.editor.toPlainText() == "去镇上问问。"  # the words are back, to revise
        page.composer.editor.setPlainText("请带户口簿和收入证明到镇民政办申请。")
        page.composer.send_button.click()

        def state():
            with world.hub.db.session() as session:
                item = session.get(ReviewItem, item_id)
                return item.state, item.content, session.query(ReviewItem).count()

        await until(lambda: state() == ("pending", "请带户口簿和收入证明到镇民政办申请。", 1), 20)

    qloop.run_until_complete(scenario())
