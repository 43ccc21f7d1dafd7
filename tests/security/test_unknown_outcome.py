"""A reply whose request may have reached WeChat without an answer we can trust is "不确定是否已送达",
says to check before sending again, is on the follower's phone once, and is sent again only on a
colleague's confirmed, recorded decision — never by a retry, a restart or the pending-send recovery."""

from __future__ import annotations

import logging
import sqlite3

import pytest
import requests
from sqlalchemy import event

from console.audit.chain import entries
from console.hub.delivery import deliver_reply
from console.replies.sending import record_reply, resend_unknown
from console.store.models import Message, SendStatus
from console.wechat.errors import NETWORK_ERROR
from tests.conftest import SAFE_APPID

RETRY_WORDS = ("请重试", "后重试", "请检查网络")


def _message(world, message_id: int) -> Message:
    with world.hub.db.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        session.expunge(message)
        return message


def _assert_unknown(text: str | None) -> None:
    assert text is not None
    assert "不确定是否已送达" in text
    assert "核实" in text and "确认没有收到再重新发送" in text
    assert not any(words in text for words in RETRY_WORDS), text


def _healthy(world) -> bool:
    try:
        return requests.get(f"{world.hub_url}/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.parametrize("mode", ["drop", "late"])
def test_an_answer_lost_or_too_late_is_unknown_and_never_sent_again_by_itself(
    world, wechat_failures, follower_conversation, desk_reply, eventually, mode
):
    conversation = follower_conversation(SAFE_APPID)
    if mode == "drop":  # WeChat delivers, then the connection is cut before its answer
        wechat_failures.arm(send="drop", times=1)
    else:  # WeChat delivers and answers after the hub stopped waiting
        wechat_failures.arm(send="late", late_seconds=8, times=1)
    answer = desk_reply(conversation.id, "请带身份证到社保大厅 3 号窗口补办。")
    assert answer.status_code == 200, answer.text
    shown = answer.json()["message"]
    assert shown["status"] == SendStatus.UNKNOWN
    _assert_unknown(shown["error_text"])
    delivered = world.sent_to(SAFE_APPID)
    assert [m.content for m in delivered] == ["请带身份证到社保大厅 3 号窗口补办。"]  # once

    # The hub restarts: its recovery of pending sends leaves the unknown reply alone.
    world.stop_hub()
    world.start_hub()
    eventually(lambda: _healthy(world), "the hub back up")
    wechat_failures.clear()
    stored = _message(world, shown["id"])
    assert stored.status == SendStatus.UNKNOWN
    _assert_unknown(stored.error_text)
    assert len(world.sent_to(SAFE_APPID)) == 1


def test_a_crash_mid_send_and_a_lost_answer_read_the_same(world, follower_conversation, eventually):
    conversation = follower_conversation(SAFE_APPID)
    message_id, _ = record_reply(world.hub.db, "crash-mid-send-01", conversation.id, "停机时正在发送的回复")
    with world.hub.db.session() as session:
        session.get(Message, message_id).status = SendStatus.SENDING  # what a SIGKILL mid-call leaves
    world.stop_hub()
    world.start_hub()
    eventually(lambda: _healthy(world), "the hub back up")
    recovered = _message(world, message_id)
    assert recovered.status == SendStatus.UNKNOWN
    _assert_unknown(recovered.error_text)
    assert world.sent_to(SAFE_APPID) == []  # never re-sent by itself


def test_a_send_that_certainly_never_left_may_say_retry(world, wechat_failures, follower_conversation, desk_reply):
    conversation = follower_conversation(SAFE_APPID)
    wechat_failures.arm(token_hang=30)  # no token, so the send itself never goes out
    answer = desk_reply(conversation.id, "没有凭证时的回复")
    shown = answer.json()["message"]
    assert shown["status"] == SendStatus.FAILED and shown["error_code"] == NETWORK_ERROR
    assert "重试" in shown["error_text"] and "不确定" not in shown["error_text"]
    assert world.sent_to(SAFE_APPID) == []


def test_resending_needs_a_confirmation_and_is_recorded(world, wechat_failures, follower_conversation, desk_reply):
    conversation = follower_conversation(SAFE_APPID)
    wechat_failures.arm(send="drop", times=1)
    first = desk_reply(conversation.id, "补办需要本人到场。").json()["message"]
    assert first["status"] == SendStatus.UNKNOWN

    db = world.hub.db
    with db.session() as session, pytest.raises(ValueError) as unconfirmed:
        resend_unknown(session, first["id"], confirm=False, author_name="赵敏")
    assert "收到两条" in str(unconfirmed.value)
    with db.session() as session:
        original, again = resend_unknown(session, first["id"], confirm=True, author_name="赵敏")
        again_id = again.id
    delivery = world.servers.call(deliver_reply(world.hub, again_id))
    assert delivery.status == SendStatus.SENT and delivery.words is None
    assert [m.content for m in world.sent_to(SAFE_APPID)] == ["补办需要本人到场。", "补办需要本人到场。"]
    assert _message(world, first["id"]).payload == {"resent_as": again_id}
    assert _message(world, again_id).payload == {"resend_of": first["id"]}
    with db.session() as session, pytest.raises(ValueError) as twice:
        resend_unknown(session, first["id"], confirm=True)
    assert "已经再次发送过" in str(twice.value)
    with db.session() as session, pytest.raises(ValueError):
        resend_unknown(session, again_id, confirm=True)  # a reply known to be sent is not "unknown"


def test_the_resend_command_confirms_and_records(world, wechat_failures, follower_conversation, desk_reply):
    command_path = pytest.importorskip("console.command_path", reason="the command registry is not in the hub yet")
    assert "reply_resend" in command_path.KINDS  # every kind the hub knows is loaded there
    conversation = follower_conversation(SAFE_APPID)
    wechat_failures.arm(send="drop", times=1)
    first = desk_reply(conversation.id, "窗口工作时间 9:00—17:00。").json()["message"]

    def command(args: dict, command_id: str) -> requests.Response:
        body = {"command_id": command_id, "kind": "reply_resend", "conversation_id": conversation.id, "args": args}
        return requests.post(f"{world.hub_url}/api/commands", json=body, headers=world.auth("desk-unknown", "赵敏"))

    refused = command({"message_id": first["id"], "confirm": False}, "resend-unconfirmed-1")
    assert refused.status_code == 422 and "收到两条" in refused.json()["error"]
    missing = command({"message_id": first["id"]}, "resend-unconfirmed-2")
    assert missing.status_code == 400
    assert len(world.sent_to(SAFE_APPID)) == 1
    done = command({"message_id": first["id"], "confirm": True}, "resend-confirmed-1")
    assert done.status_code == 200, done.text
    assert len(world.sent_to(SAFE_APPID)) == 2
    with world.hub.db.session() as session:
        logged = [e for e in entries(session) if (e.detail or {}).get("after", {}).get("resend_of") == first["id"]]
        assert len(logged) == 1 and logged[0].actor == "desk-unknown"


def test_wechat_delivered_but_the_hub_could_not_store_it_is_words_not_a_500(
    world, wechat_failures, follower_conversation, eventually, caplog
):
    conversation = follower_conversation(SAFE_APPID)
    message_id, _ = record_reply(world.hub.db, "unstored-outcome-1", conversation.id, "磁盘满时送达的回复")
    engine = world.hub.db.engine

    @event.listens_for(engine, "connect")
    def _impatient(dbapi_connection, _record):  # a locked database answers at once, not after 10 s
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    engine.dispose()
    wechat_failures.arm(send="late", late_seconds=1.0, times=1)  # delivered now, answered within the timeout
    blocker = sqlite3.connect(world.hub.db.path, timeout=5, isolation_level=None)
    future = world.servers.submit(deliver_reply(world.hub, message_id))
    try:
        eventually(lambda: world.sent_to(SAFE_APPID), "WeChat to deliver")
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database: the outcome cannot be kept
        with caplog.at_level(logging.ERROR, logger="console.replies.sending"):
            delivery = future.result(timeout=30)
    finally:
        blocker.close()
    assert delivery.stored is False and delivery.status == SendStatus.SENT
    assert "微信已确认送达" in delivery.words and "请勿重复发送" in delivery.words
    assert any("could not store" in r.getMessage() and str(message_id) in r.getMessage() for r in caplog.records)
    assert len(world.sent_to(SAFE_APPID)) == 1
    # At the next start the reply is not re-sent: it is said as unknown, to be checked.
    event.remove(engine, "connect", _impatient)
    world.stop_hub()
    world.start_hub()
    eventually(lambda: _healthy(world), "the hub back up")
    assert _message(world, message_id).status == SendStatus.UNKNOWN
    assert len(world.sent_to(SAFE_APPID)) == 1
