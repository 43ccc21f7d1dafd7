"""Desktop → hub → WeChat (sandbox): a reply goes out once, WeChat's refusals come back in words,
and a hub that stopped mid-send neither loses nor doubles a reply."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from console.hub.serve import build_hub
from console.replies.sending import INTERRUPTED_REASON, deliver, record_reply
from console.store.models import Message, SendStatus
from console.wechat.errors import NETWORK_ERROR, describe
from console.wechat.gateway import Gateway
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.helpers import SCRIPT, conversation_of, reply, stored

OPENID = "oTESTfollower0000000000000002"


@pytest.fixture
def conversation(world):
    world.push(SAFE_APPID, OPENID, content="请问医保报销需要哪些材料？")
    return conversation_of(world, OPENID)


def test_reply_reaches_the_follower_once_even_when_the_command_is_retried(world, conversation):
    command = uuid.uuid4().hex
    first = reply(world, conversation.id, "您好，请携带身份证和发票原件到医保窗口办理。", command)
    assert first.status_code == 200
    assert first.json()["message"]["status"] == "sent"
    again = reply(world, conversation.id, "您好，请携带身份证和发票原件到医保窗口办理。", command)
    assert again.json()["message"]["id"] == first.json()["message"]["id"]
    delivered = world.sent_to(SAFE_APPID, OPENID)
    assert [m.content for m in delivered] == ["您好，请携带身份证和发票原件到医保窗口办理。"]
    out = stored(world, direction="out")
    assert len(out) == 1 and out[0].status == "sent" and out[0].sent_at is not None


def test_reply_at_47h59_goes_and_at_48h01_is_refused_before_sending(world, conversation):
    world.advance_clock(47 * 3600 + 59 * 60)
    assert reply(world, conversation.id, "还在窗口内的回复", uuid.uuid4().hex).json()["message"]["status"] == "sent"
    world.advance_clock(2 * 60)
    late = reply(world, conversation.id, "迟到的回复", uuid.uuid4().hex)
    assert late.status_code == 422
    assert "48 小时" in late.json()["error"] and "内部备注" in late.json()["error"]  # why, and what else
    assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["还在窗口内的回复"]
    assert [m.content for m in stored(world, direction="out")] == ["还在窗口内的回复"]


def test_sixth_message_in_a_window_is_refused_before_sending(world, conversation):
    for n in range(5):
        assert reply(world, conversation.id, f"第{n + 1}条", uuid.uuid4().hex).json()["message"]["status"] == "sent"
    sixth = reply(world, conversation.id, "第6条", uuid.uuid4().hex)
    assert sixth.status_code == 422 and "最多可回复 5 条" in sixth.json()["error"]
    assert len(world.sent_to(SAFE_APPID, OPENID)) == 5
    world.push(SAFE_APPID, OPENID, content="还有一个问题")  # the follower writes again: a fresh window
    assert reply(world, conversation.id, "请讲", uuid.uuid4().hex).json()["message"]["status"] == "sent"


def test_wechat_refusal_is_still_worded_when_the_hub_thought_the_window_open(world, conversation):
    frozen = world.hub.clock()
    world.hub.clock = lambda: frozen  # the hub's clock lags; WeChat's moved on past 48 hours
    world.state.clock.advance(48 * 3600 + 60)
    message = reply(world, conversation.id, "迟到的回复", uuid.uuid4().hex).json()["message"]
    assert message["status"] == "failed"
    assert message["error_code"] == 45015
    assert "48 小时" in message["error_text"]
    assert world.sent_to(SAFE_APPID, OPENID) == []


def test_expired_access_token_is_refreshed_without_bothering_the_operator(world, conversation):
    assert reply(world, conversation.id, "第一条", uuid.uuid4().hex).json()["message"]["status"] == "sent"
    world.advance_clock(7201)  # the token is now expired at the sandbox (42001); the window is still open
    second = reply(world, conversation.id, "第二条", uuid.uuid4().hex).json()["message"]
    assert second["status"] == "sent"
    assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["第一条", "第二条"]


def test_empty_or_unknown_reply_is_refused_before_wechat(world, conversation):
    empty = reply(world, conversation.id, "   ", uuid.uuid4().hex)
    assert empty.status_code == 422 and "不能为空" in empty.json()["error"]
    missing = reply(world, 99999, "你好", uuid.uuid4().hex)
    assert missing.status_code == 422
    headers = {**world.auth(*SCRIPT), "Content-Type": "application/json"}
    bad = requests.post(f"{world.hub_url}/api/replies", data=b"not json", headers=headers, timeout=5)
    assert bad.status_code == 400
    assert world.sent_to(SAFE_APPID) == []


def test_unreachable_wechat_fails_with_a_reason_and_keeps_the_text(world, conversation):
    gateway = Gateway(world.vault, api_base="http://127.0.0.1:9")  # nothing listens on the discard port
    message_id, _ = record_reply(world.hub.db, uuid.uuid4().hex, conversation.id, "网络断开时的回复")
    deliver(world.hub.db, gateway, message_id)
    with world.hub.db.session() as session:
        message = session.get(Message, message_id)
        assert message.status == SendStatus.FAILED
        assert message.error_code == NETWORK_ERROR
        assert message.error_text == describe(NETWORK_ERROR)
        assert message.content == "网络断开时的回复"


def test_restart_after_a_crash_mid_send_reports_it_and_sends_waiting_replies_once(world, conversation):
    db = world.hub.db
    waiting, _ = record_reply(db, uuid.uuid4().hex, conversation.id, "停机前已保存、尚未发出的回复")
    caught, _ = record_reply(db, uuid.uuid4().hex, conversation.id, "发送到一半时停机的回复")
    with db.session() as session:
        session.get(Message, caught).status = SendStatus.SENDING  # the state a crash mid-call leaves behind
    # A second hub process on the same database: its start-up recovers, then it sends in the background.
    _ctx, app = build_hub(db.url, world.vault, world.sandbox_url)
    world.servers.serve(app)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with db.session() as session:
            if session.get(Message, waiting).status != SendStatus.PENDING:
                break
        time.sleep(0.05)
    with db.session() as session:
        assert session.get(Message, waiting).status == SendStatus.SENT
        recovered = session.get(Message, caught)
        assert recovered.status == SendStatus.UNKNOWN and recovered.error_text == INTERRUPTED_REASON
    assert [m.content for m in world.sent_to(SAFE_APPID, OPENID)] == ["停机前已保存、尚未发出的回复"]


def test_plaintext_account_replies_too(world):
    world.push(PLAIN_APPID, OPENID, content="办事时间是几点到几点？")
    conversation = conversation_of(world, OPENID)
    assert reply(world, conversation.id, "工作日 9:00—17:00。", uuid.uuid4().hex).json()["message"]["status"] == "sent"
    assert [m.content for m in world.sent_to(PLAIN_APPID, OPENID)] == ["工作日 9:00—17:00。"]
