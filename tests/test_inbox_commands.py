"""The operator's commands on the hub: statuses, assignment, labels, notes, snooze (to a time or until
the follower writes again), each applied once by its client-made id; notes never reach WeChat; the
reply lock between two seats; a reply that a colleague's answer made stale comes back in words."""

from __future__ import annotations

import uuid
from datetime import timedelta

import requests
from sqlalchemy import select

from console.inbox.commands import wake_snoozed
from console.store.models import Command, Conversation, Note
from tests.conftest import SAFE_APPID
from tests.helpers import conversation_of, stored

OPENID = "oCMDfollower00000000000000001"


def command(world, kind, conversation_id, args, seat="seat-aaaa0001", name="王芳", command_id=None):
    return requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": command_id or uuid.uuid4().hex,
            "kind": kind,
            "conversation_id": conversation_id,
            "args": args,
        },
        headers=world.auth(seat, name),
        timeout=30,
    )


def presence(world, seat, name, conversation_id, typing=False, take_over=False):
    return requests.post(
        f"{world.hub_url}/api/presence",
        json={"conversation_id": conversation_id, "typing": typing, "take_over": take_over},
        headers=world.auth(seat, name),
        timeout=10,
    ).json()


def fresh(world, conversation_id) -> Conversation:
    with world.hub.db.session() as session:
        return session.get(Conversation, conversation_id)


def test_statuses_assignment_labels_and_a_retried_command_applied_once(world):
    world.push(SAFE_APPID, OPENID, content="请问户口迁移怎么办理？")
    conversation = conversation_of(world, OPENID)
    assert conversation.status == "new" and conversation.waiting_since is not None

    presence(world, "seat-bbbb0002", "李强", None)  # a colleague's desk registers its seat
    with world.hub.db.session() as session:
        from console.store.models import Staff

        li = session.scalar(select(Staff).where(Staff.login == "seat-bbbb0002"))
    assert command(world, "assign", conversation.id, {"staff_id": li.id}).status_code == 200
    assert fresh(world, conversation.id).assignee_id == li.id
    assert fresh(world, conversation.id).status == "open"  # assigned: 处理中

    same = uuid.uuid4().hex
    for _ in range(2):  # a retry after a dropped connection
        answer = command(world, "labels", conversation.id, {"add": ["户口"]}, command_id=same)
        assert answer.status_code == 200 and answer.json()["result"]["labels"] == ["户口"]
    command(world, "labels", conversation.id, {"add": ["咨询"]})
    assert fresh(world, conversation.id).labels == "|户口|咨询|"
    command(world, "labels", conversation.id, {"remove": ["户口"]})
    assert fresh(world, conversation.id).labels == "|咨询|"

    assert command(world, "status", conversation.id, {"status": "closed"}).json()["result"] == {"status": "closed"}
    closed = fresh(world, conversation.id)
    assert closed.status == "closed" and closed.waiting_since is None
    bad = command(world, "status", conversation.id, {"status": "deleted"})
    assert bad.status_code == 422 and "无法设置" in bad.json()["error"]
    assert bad.json()["conversation"]["status"] == "closed"  # the hub's row, for the desktop to undo with

    world.push(SAFE_APPID, OPENID, content="还有一个问题")  # a closed conversation reopens on a new message
    assert fresh(world, conversation.id).status == "new"
    with world.hub.db.session() as session:
        assert session.scalar(select(Command).where(Command.command_id == same)).state == "applied"


def test_notes_are_stored_for_colleagues_and_never_sent_to_wechat(world):
    world.push(SAFE_APPID, OPENID, content="路灯坏了好几天了")
    conversation = conversation_of(world, OPENID)
    answer = command(world, "note", conversation.id, {"body": "已转城管局，电话 0910-1234567"})
    assert answer.status_code == 200
    with world.hub.db.session() as session:
        notes = session.scalars(select(Note)).all()
        assert [(n.body, n.author_name) for n in notes] == [("已转城管局，电话 0910-1234567", "王芳")]
    assert world.sent_to(SAFE_APPID, OPENID) == []
    assert stored(world, direction="out") == []
    assert command(world, "note", conversation.id, {"body": "  "}).status_code == 422


def test_snooze_until_reply_wakes_when_the_follower_writes(world):
    world.push(SAFE_APPID, OPENID, content="我先去问问单位，回头再说")
    conversation = conversation_of(world, OPENID)
    assert command(world, "snooze", conversation.id, {"until_reply": True}).status_code == 200
    assert fresh(world, conversation.id).status == "snoozed"
    assert wake_snoozed(world.hub.db, world.hub.clock() + timedelta(days=30)) == 0  # no time set: stays
    world.push(SAFE_APPID, OPENID, content="单位说需要盖章的证明")
    woken = fresh(world, conversation.id)
    assert woken.status == "new" and not woken.snooze_until_reply


def test_snooze_until_a_time_wakes_then(world):
    world.push(SAFE_APPID, OPENID, content="下周一我再来办")
    conversation = conversation_of(world, OPENID)
    until = world.hub.clock() + timedelta(hours=2)
    answer = command(world, "snooze", conversation.id, {"until": until.isoformat() + "+00:00"})
    assert answer.status_code == 200
    assert wake_snoozed(world.hub.db, until - timedelta(minutes=1)) == 0
    assert wake_snoozed(world.hub.db, until + timedelta(minutes=1)) == 1
    assert fresh(world, conversation.id).status == "new"
    past = command(world, "snooze", conversation.id, {"until": "2020-01-01T00:00:00+00:00"})
    assert past.status_code == 422 and "已经过去" in past.json()["error"]


def test_reply_lock_between_two_seats(world):
    world.push(SAFE_APPID, OPENID, content="社保卡丢了怎么办？")
    conversation = conversation_of(world, OPENID)
    snapshot = presence(world, "seat-aaaa0001", "王芳", conversation.id, typing=True)
    holder = snapshot["conversations"][str(conversation.id)]["holder"]
    assert holder == {"login": "seat-aaaa0001", "name": "王芳", "typing": True}
    presence(world, "seat-bbbb0002", "李强", conversation.id)  # the second seat opens it too: sees 王芳

    blocked = command(world, "reply", conversation.id, {"content": "我来回复"}, seat="seat-bbbb0002", name="李强")
    assert blocked.status_code == 422 and "王芳正在输入回复" in blocked.json()["error"]
    assert world.sent_to(SAFE_APPID, OPENID) == []

    taken = command(
        world,
        "reply",
        conversation.id,
        {"content": "您好，请到社保窗口补办。", "take_over": True},
        "seat-bbbb0002",
        "李强",
    )
    assert taken.status_code == 200 and taken.json()["message"]["status"] == "sent"
    now_holder = presence(world, "seat-aaaa0001", "王芳", conversation.id)["conversations"][str(conversation.id)]
    assert now_holder["holder"]["login"] == "seat-bbbb0002"  # the lock moved with the take-over

    # 王芳's reply, written before she saw 李强's answer, comes back instead of answering twice.
    stale = command(world, "reply", conversation.id, {"content": "请带身份证", "after_message_id": 1}, "seat-aaaa0001")
    assert stale.status_code == 422
    assert "李强已经回复了" in stale.json()["error"] or "李强正在" in stale.json()["error"]
    assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["您好，请到社保窗口补办。"]


def test_stale_reply_refused_when_a_colleague_answered_meanwhile(world):
    world.push(SAFE_APPID, OPENID, content="医保报销要多久？")
    conversation = conversation_of(world, OPENID)
    latest = stored(world)[-1].id
    first = command(world, "reply", conversation.id, {"content": "一般 20 个工作日。", "after_message_id": latest})
    assert first.status_code == 200
    second = command(
        world,
        "reply",
        conversation.id,
        {"content": "大约一个月。", "after_message_id": latest},
        "seat-cccc0003",
        "张敏",
    )
    assert second.status_code == 422 and "王芳已经回复了这位粉丝" in second.json()["error"]
    assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["一般 20 个工作日。"]


def test_window_counts_follow_the_follower(world):
    world.push(SAFE_APPID, OPENID, event="subscribe")
    conversation = conversation_of(world, OPENID)
    assert fresh(world, conversation.id).last_inbound_kind == "event"
    for n in range(3):
        assert command(world, "reply", conversation.id, {"content": f"欢迎关注{n}"}).status_code == 200
    fourth = command(world, "reply", conversation.id, {"content": "第四条"})
    assert fourth.status_code == 422 and "最多可回复 3 条" in fourth.json()["error"]
    world.advance_clock(61)
    world.push(SAFE_APPID, OPENID, content="你好")
    assert fresh(world, conversation.id).window_used == 0
    assert command(world, "reply", conversation.id, {"content": "您好"}).status_code == 200
