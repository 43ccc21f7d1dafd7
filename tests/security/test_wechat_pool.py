"""A slow or broken WeChat never holds up a follower's push: WeChat calls run on their own pool with
a timeout (the token fetch included), an expired token is fetched once however many replies wait for
it, and a WeChat answering 40001 for ever ends in words after one refresh, not in a loop."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import select

from console.hub.delivery import deliver_reply
from console.replies.sending import record_reply
from console.store.models import Message, SendStatus
from console.wechat.errors import describe
from tests.conftest import PLAIN_APPID, SAFE_APPID


def _replies(world, conversation_id: int, count: int, prefix: str) -> list[int]:
    return [
        record_reply(world.hub.db, f"{prefix}-{n:04d}-pool", conversation_id, f"第{n + 1}条回复")[0]
        for n in range(count)
    ]


def _deliver_all(world, message_ids: list[int]):
    """Hand replies to WeChat at once, as many desks would; a future of their Delivery list."""

    async def run():
        return await asyncio.gather(*(deliver_reply(world.hub, m) for m in message_ids))

    return world.servers.submit(run())


def test_a_hanging_token_endpoint_never_delays_a_followers_push(
    world, wechat_failures, follower_conversation, eventually
):
    first = follower_conversation(SAFE_APPID, "oSECURITYpoolfollower00000001")
    second = follower_conversation(SAFE_APPID, "oSECURITYpoolfollower00000002")
    ids = _replies(world, first.id, 3, "hang-a") + _replies(world, second.id, 3, "hang-b")
    wechat_failures.arm(token_hang=40)  # WeChat's token endpoint answers nothing for 40 s
    sending = _deliver_all(world, ids)
    eventually(lambda: wechat_failures.counters()["token_requests"] >= 1, "the hub to ask for a token")

    started = time.monotonic()
    deliveries = world.push(PLAIN_APPID, "oSECURITYpoolfollower00000003", content="窗口几点下班？")
    assert time.monotonic() - started < 5
    assert [status for status, _body in deliveries] == [200]  # answered at the first attempt
    with world.hub.db.session() as session:
        stored = session.scalars(select(Message).where(Message.content == "窗口几点下班？")).all()
        assert len(stored) == 1

    results = sending.result(timeout=30)  # each reply ends after the hub's own timeout, not WeChat's 40 s
    assert [r.status for r in results] == [SendStatus.FAILED] * 6  # no token: certainly not sent
    assert all("重试" in (r.words or "") for r in results)
    assert wechat_failures.counters()["token_requests"] == 1  # the others waited for that one fetch
    assert world.sent_to(SAFE_APPID, via="custom") == []


def test_ten_replies_at_an_expiry_fetch_one_token(world, wechat_failures, follower_conversation):
    openids = [f"oSECURITYexpiry{n:014d}" for n in range(2)]
    conversations = [follower_conversation(SAFE_APPID, openid) for openid in openids]
    warm = _replies(world, conversations[0].id, 1, "warm")
    assert world.servers.call(deliver_reply(world.hub, warm[0])).status == SendStatus.SENT
    before = wechat_failures.counters()["token_issues"][SAFE_APPID]
    world.advance_clock(7201)  # WeChat expired the token; the hub's own clock says it is still good
    for openid in openids:
        world.push(SAFE_APPID, openid, content="还有一个问题")  # fresh windows
    ids = _replies(world, conversations[0].id, 5, "exp-a") + _replies(world, conversations[1].id, 5, "exp-b")
    results = _deliver_all(world, ids).result(timeout=60)
    assert [r.status for r in results] == [SendStatus.SENT] * 10
    assert wechat_failures.counters()["token_issues"][SAFE_APPID] == before + 1


def test_endless_40001_ends_in_words_after_one_refresh(world, wechat_failures, follower_conversation):
    conversation = follower_conversation(SAFE_APPID)
    [message_id] = _replies(world, conversation.id, 1, "forever")
    wechat_failures.arm(errcode=40001)
    before = wechat_failures.counters()
    delivery = world.servers.call(deliver_reply(world.hub, message_id))
    after = wechat_failures.counters()
    assert delivery.status == SendStatus.FAILED
    assert delivery.words == describe(40001)
    assert after["send_calls"] - before["send_calls"] == 2  # the send, and one more after one refresh
    assert after["token_requests"] - before["token_requests"] <= 2  # the first token, one refresh
    with world.hub.db.session() as session:
        message = session.get(Message, message_id)
        assert message.status == SendStatus.FAILED and message.error_code == 40001
    assert world.sent_to(SAFE_APPID) == []
