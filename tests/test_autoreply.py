"""The hub answers followers from the keyword rules inside WeChat's 5 seconds, through the sandbox as a
passive reply: keyword, welcome, fallback; a retried push is answered once; the automatic reply lands
in the inbox marked as such, and the follower still waits for a human."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import requests
from sqlalchemy import select

from console import command_path as commands
from console.inbox import views
from console.inbox.presence import PresenceBoard
from console.replies.autoreply import AUTHOR
from console.store.models import CommandState, Conversation, Message, ReplyRule, Role
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.helpers import conversation_of, stored

OPENID = "oAUTOfollower000000000000001"


def rule(name, keywords, text, mode="contains", priority=0, kind="keyword", account=None, windows=()):
    return {
        "id": None,
        "account": account,
        "name": name,
        "kind": kind,
        "mode": mode,
        "keywords": list(keywords),
        "priority": priority,
        "windows": list(windows),
        "enabled": True,
        "reply": {"kind": "text", "text": text},
    }


def install(world, rules, account=None):
    outcome = commands.apply(
        world.hub.db,
        PresenceBoard(),
        uuid.uuid4().hex,
        "rules_import",
        0,
        {"account": account, "rules": rules},
        commands.Seat("seat-admin001", "管理员"),
    )
    assert outcome.state == CommandState.APPLIED, outcome.error
    return outcome.result["rule_ids"]


def passive(world, appid, openid=OPENID):
    return [m for m in world.sent_to(appid, openid) if m.via == "passive"]


SOCIAL = "社保卡补办请带身份证到县政务服务中心一楼社保窗口，当场制卡。电话 {窗口电话}。"


def test_keyword_rule_answers_through_wechat_inside_five_seconds(world):
    install(world, [rule("社保卡", ["社保卡"], SOCIAL)])
    commands.apply(
        world.hub.db,
        PresenceBoard(),
        uuid.uuid4().hex,
        "values_save",
        0,
        {"account": SAFE_APPID, "values": {"窗口电话": "0910-6661234"}, "base_version": 1},
        commands.Seat("seat-admin001", "管理员"),
    )
    started = time.monotonic()
    deliveries = world.push(SAFE_APPID, OPENID, content="我的社保卡丢了，怎么补办？")
    elapsed = time.monotonic() - started
    assert elapsed < 5.0
    assert deliveries[0][0] == 200 and "<Encrypt>" in deliveries[0][1]  # safe mode: the answer is encrypted
    answered = passive(world, SAFE_APPID)
    assert [m.content for m in answered] == [SOCIAL.replace("{窗口电话}", "0910-6661234")]
    assert all(m.via != "custom" for m in world.sent_to(SAFE_APPID, OPENID))  # no 客服 quota spent


def test_plaintext_account_gets_a_plain_passive_reply(world):
    install(world, [rule("医保", ["医保"], "医保报销需带身份证、医保卡和发票原件，到县医保局一楼窗口办理。")])
    deliveries = world.push(PLAIN_APPID, OPENID, content="医保怎么报销")
    assert "<Content><![CDATA[医保报销需带" in deliveries[0][1]
    assert len(passive(world, PLAIN_APPID)) == 1


def test_a_retried_push_is_answered_once(world):
    install(world, [rule("社保卡", ["社保卡"], SOCIAL)])
    deliveries = world.push(SAFE_APPID, OPENID, content="社保卡怎么办", retries=2)
    assert len(deliveries) == 3 and all(status == 200 for status, _ in deliveries)
    assert len(passive(world, SAFE_APPID)) == 1
    automatic = stored(world, author_name=AUTHOR)
    assert len(automatic) == 1  # one decision, one stored reply, whatever WeChat resends


def test_priority_and_exact_beat_contains_through_the_hub(world):
    install(
        world,
        [
            rule("包含“指南”", ["指南"], "这是包含匹配的回复，内容足够长以免被当作过短。"),
            rule("完全匹配“办事指南”", ["办事指南"], "这是完全匹配的回复：办事指南见县政务网首页。", mode="exact"),
            rule("投诉优先", ["投诉"], "投诉已记录，1个工作日内联系您核实情况。", priority=20),
        ],
    )
    world.push(SAFE_APPID, OPENID, content="办事指南")
    world.push(SAFE_APPID, "oAUTOfollower000000000000002", content="我要投诉办事指南写错了")
    assert passive(world, SAFE_APPID)[0].content.startswith("这是完全匹配的回复")
    assert passive(world, SAFE_APPID, "oAUTOfollower000000000000002")[0].content.startswith("投诉已记录")


def test_welcome_on_subscribe_and_fallback_once_per_half_hour(world):
    install(
        world,
        [
            rule("欢迎", [], "{称呼}您好，欢迎关注某县发布！回复“办事指南”查看常见问题。", kind="welcome"),
            rule("兜底", [], "您好，留言已收到，工作人员会在工作时间答复您。", kind="fallback"),
        ],
    )
    world.push(SAFE_APPID, OPENID, event="subscribe")
    world.push(SAFE_APPID, OPENID, content="你好，想问个事")
    world.push(SAFE_APPID, OPENID, content="在吗")  # a second line a moment later: no second fallback
    texts = [m.content for m in passive(world, SAFE_APPID)]
    assert texts == [
        "您好，欢迎关注某县发布！回复“办事指南”查看常见问题。",
        "您好，留言已收到，工作人员会在工作时间答复您。",
    ]
    world.advance_clock(timedelta(minutes=31).total_seconds())
    world.push(SAFE_APPID, OPENID, content="还在吗")
    assert len(passive(world, SAFE_APPID)) == 3


def test_no_rule_and_no_fallback_answers_success(world):
    deliveries = world.push(SAFE_APPID, OPENID, content="随便问问")
    assert deliveries[0][1] == "success"
    assert passive(world, SAFE_APPID) == []


def test_automatic_reply_lands_in_the_inbox_marked_and_the_follower_still_waits(world):
    install(world, [rule("社保卡", ["社保卡"], SOCIAL)])
    world.push(SAFE_APPID, OPENID, content="社保卡丢了")
    conversation = conversation_of(world, OPENID)
    with world.hub.db.session() as session:
        rows = views.messages(session, conversation.id)
        fresh = session.get(Conversation, conversation.id)
        assert fresh.waiting_since is not None  # a human still follows up
        assert fresh.window_used == 0  # a passive reply is not a 客服 message
    automatic = [row for row in rows if row.author == AUTHOR]
    assert len(automatic) == 1
    assert automatic[0].auto_rule == "社保卡"
    assert automatic[0].direction == "out"


def test_rule_edit_is_picked_up_by_the_next_callback(world):
    [rule_id] = install(world, [rule("社保卡", ["社保卡"], SOCIAL)])
    world.push(SAFE_APPID, OPENID, content="社保卡")
    with world.hub.db.session() as session:
        version = session.get(ReplyRule, rule_id).version
    outcome = commands.apply(
        world.hub.db,
        PresenceBoard(),
        uuid.uuid4().hex,
        "rule_delete",
        0,
        {"id": rule_id, "base_version": version},
        commands.Seat("seat-admin001", "管理员"),
    )
    assert outcome.state == CommandState.APPLIED
    world.push(SAFE_APPID, "oAUTOfollower000000000000003", content="社保卡")
    assert passive(world, SAFE_APPID, "oAUTOfollower000000000000003") == []


def test_rule_scoped_to_another_account_does_not_answer(world):
    install(world, [rule("人社", ["社保卡"], SOCIAL)], account=PLAIN_APPID)
    world.push(SAFE_APPID, OPENID, content="社保卡")
    assert passive(world, SAFE_APPID) == []
    with world.hub.db.session() as session:
        assert session.scalar(select(Message).where(Message.author_name == AUTHOR)) is None


def test_an_account_moves_over_by_reading_its_setup_from_wechat(world):
    answer = requests.post(
        f"{world.hub_url}/api/rules/import-wechat",
        json={"account": SAFE_APPID, "replace": True},
        headers=world.auth("seat-admin001", "管理员", (Role.ADMINISTRATOR,)),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["state"] == "applied" and body["notes"]  # what could not carry over is said
    with world.hub.db.session() as session:
        names = {r.name for r in session.scalars(select(ReplyRule))}
    assert {"被关注回复", "收到消息回复"} <= names and any(name.startswith("医保报销") for name in names)
    world.push(SAFE_APPID, OPENID, content="医保报销要带什么材料")
    [reply] = passive(world, SAFE_APPID)
    assert reply.via == "passive" and reply.content
