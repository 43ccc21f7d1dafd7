"""Hub → desktop: change batches since a cursor fill the replica in order; a long poll wakes as soon
as a message arrives; the replica reads back what the window lists."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from console.store.database import open_database
from console.sync.client import HubClient, HubUnreachable
from console.sync.replica import Replica
from tests.conftest import SAFE_APPID
from tests.helpers import conversation_of, reply

OPENID = "oTESTfollower0000000000000003"


@pytest.fixture
def replica(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'replica.db'}")
    yield Replica(db)
    db.dispose()


async def pull_all(client: HubClient, replica: Replica) -> int:
    batches = 0
    while True:
        batch = await client.changes(replica.cursor())
        replica.apply(batch)
        batches += 1
        if not batch["more"]:
            return batches


@pytest.mark.asyncio
async def test_replica_follows_the_hub_in_small_batches(world, replica):
    for n in range(7):
        await asyncio.to_thread(world.push, SAFE_APPID, f"{OPENID[:-1]}{n}", content=f"第{n}个问题：社保怎么交？")
    client = HubClient(world.hub_url, world.token("script", "脚本"))
    try:
        first = await client._request("GET", "/api/changes", timeout=10, params={"cursor": "0", "limit": "5"})
        assert first["more"] is True and len(first["messages"]) <= 5
        replica.apply(first)
        # Every message in a batch arrives with its conversation, follower and account.
        for message in first["messages"]:
            assert any(c["id"] == message["conversation_id"] for c in first["conversations"])
        await pull_all(client, replica)
    finally:
        await client.close()
    rows = replica.conversations()
    assert len(rows) == 7 and {r.account_name for r in rows} == {"某县发布"}
    thread = replica.messages(rows[0].id)
    assert thread and thread[-1].content.endswith("社保怎么交？")


@pytest.mark.asyncio
async def test_reply_status_changes_reach_the_replica(world, replica):
    await asyncio.to_thread(world.push, SAFE_APPID, OPENID, content="医保卡怎么激活？")
    client = HubClient(world.hub_url, world.token("script", "脚本"))
    try:
        await pull_all(client, replica)
        conversation = conversation_of(world, OPENID)
        await asyncio.to_thread(reply, world, conversation.id, "请携带身份证到任一银行网点激活。", uuid.uuid4().hex)
        await pull_all(client, replica)
    finally:
        await client.close()
    thread = replica.messages(conversation.id)
    assert [(m.direction, m.status) for m in thread] == [("in", None), ("out", "sent")]
    assert replica.conversations()[0].status == "replied"


@pytest.mark.asyncio
async def test_long_poll_wakes_when_a_message_arrives(world):
    client = HubClient(world.hub_url, world.token("script", "脚本"))
    try:
        cursor = (await client.changes(0))["cursor"]
        waiting = asyncio.ensure_future(client.changes(cursor, wait=25))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # nothing new: the hub holds the request
        await asyncio.to_thread(world.push, SAFE_APPID, OPENID, content="户口迁移需要什么？")
        batch = await asyncio.wait_for(waiting, 20)  # the poll itself waits up to 25 s: it woke on the push
    finally:
        await client.close()
    assert [m["content"] for m in batch["messages"]] == ["户口迁移需要什么？"]


@pytest.mark.asyncio
async def test_unreachable_hub_is_one_clear_error():
    client = HubClient("http://127.0.0.1:9")
    try:
        with pytest.raises(HubUnreachable):
            await client.changes(0)
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_a_change_between_reading_and_waiting_is_not_missed():
    """The hub takes its mark before reading the database; a change landing in between wakes the poll."""
    from console.hub.feed import ChangeFeed

    feed = ChangeFeed()
    mark = feed.mark()  # the poll is about to read the database…
    feed.notify()  # …a message lands before it starts waiting
    await asyncio.wait_for(feed.wait(30, mark), 5)  # returns at once instead of sleeping 30 s


def test_rows_sharing_a_seq_all_arrive_when_a_batch_is_cut_among_them(world):
    """Several rows can carry one seq (waking snoozed conversations gives them one): a batch cut in the
    middle of them must still carry them all, since the next batch starts after that seq."""
    from sqlalchemy import select

    from console.checklist.defaults import install
    from console.store.database import next_seq
    from console.store.models import Account, ChecklistItem
    from console.sync.wire import changes_since
    from console.workcal.hours import china_today

    with world.hub.db.session() as session:
        for account in session.scalars(select(Account)):
            install(session, account, china_today(world.hub.clock()), "admin")
    with world.hub.db.session() as session:
        seq = next_seq(session)
        for item in session.scalars(select(ChecklistItem)):
            item.seq = seq
    seen: set[int] = set()
    cursor, batches = 0, 0
    with world.hub.db.session() as session:
        while True:
            batch = changes_since(session, cursor, limit=3)
            seen.update(row["id"] for row in batch["checklist_items"])
            cursor, batches = batch["cursor"], batches + 1
            if not batch["more"]:
                break
        assert len(seen) > 3 and batches > 1
        assert seen == set(session.scalars(select(ChecklistItem.id)))
