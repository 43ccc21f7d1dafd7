"""Review cannot be side-stepped by the author (issue 13, point 4).

- 突发/辟谣: an author's urgent mark saves at most one review level (the administrator's urgent levels, never
  below the account's levels minus one), and who set the mark, and when, is kept on the post and in the
  audit log — taken from the signed-in colleague, never from the desk.
- A label a label policy names is removed by a reviewer only, and a reply is judged by the labels its
  conversation had when it was written as well as by those it has when it arrives.

Through the real hub over HTTP where a colleague would act; the policy's rules on their own below."""

from __future__ import annotations

import hashlib
import struct
import uuid
import zlib
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sqlalchemy import select

from console.review.policy import (  # Forbidden: the refusal family's 403, as the rule raises it
    LABEL_KEPT,
    Forbidden,
    PolicyError,
    check_label_removal,
    labels_for_review,
    levels_for_article,
    policy_for,
    set_policy,
    urgent_floor,
    urgent_levels_of,
)
from console.store.database import Database, open_database
from console.store.models import (
    Account,
    AuditEntry,
    Conversation,
    Direction,
    Follower,
    Message,
    Outbox,
    Post,
    PostState,
    ReviewItem,
    ReviewPolicy,
    Role,
)
from console.sync.outbox import CommandQueue
from tests.conftest import SAFE_APPID

AUTHOR = ("sidestep-author", "王芳", (Role.OPERATOR,))
SUPERVISOR = ("sidestep-sup1", "李强", (Role.OPERATOR, Role.SUPERVISOR))
SECOND = ("sidestep-sup2", "赵敏", (Role.OPERATOR, Role.SUPERVISOR))
ADMIN = ("sidestep-admin", "陈刚", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
LABEL = "投诉"


# ---- over HTTP ---------------------------------------------------------------------------------------


@pytest.fixture
def act(world: Any) -> Callable[..., requests.Response]:
    """A colleague's command through POST /api/commands, as a desk sends it."""

    def send(who: tuple[str, str, tuple[Role, ...]], kind: str, args: dict[str, Any], conversation_id: int = 0):
        return requests.post(
            f"{world.hub_url}/api/commands",
            json={"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": conversation_id, "args": args},
            headers=world.auth(*who),
            timeout=30,
        )

    return send


def _png(seed: int) -> bytes:
    raw = b"".join(b"\x00" + bytes([seed % 256, 40, 90] * 2) for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def article(world: Any) -> Callable[[str], dict[str, Any]]:
    """An article with a real cover picture on the hub."""

    def make(title: str) -> dict[str, Any]:
        data = _png(len(title))
        sha = hashlib.sha256(data).hexdigest()
        put = requests.put(f"{world.hub_url}/api/assets/{sha}", data=data, headers=world.auth(*AUTHOR), timeout=30)
        assert put.status_code == 200, put.text
        return {
            "title": title,
            "author": "县融媒体中心",
            "digest": "",
            "cover": f"asset:{sha}",
            "body": f"<p>{title}的正文。</p>",
            "original": False,
            "source_url": "",
            "comments": True,
        }

    return make


@pytest.fixture
def three_levels(world: Any, act: Callable[..., requests.Response]) -> None:
    """A 三审 account: articles pass three levels; the urgent lane is left at its default."""
    for who in (AUTHOR, SUPERVISOR, SECOND, ADMIN):
        world.staff(*who)
    policy = {"account": SAFE_APPID, "replies": "none", "article_levels": 3, "base_version": _policy_version(world)}
    answer = act(ADMIN, "review_policy", policy)
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["after"]["urgent_levels"] == 2


def _version(answer: requests.Response) -> int:
    """The version of the post an answer names, to save again from."""
    result = answer.json()["result"]
    return int(result.get("version", result["seq"]))


def _policy_version(world: Any) -> int:
    with world.hub.db.session() as session:
        account_id = session.scalar(select(Account.id).where(Account.appid == SAFE_APPID))
        return int(policy_for(session, account_id).version or 0)


def test_an_authors_urgent_mark_on_a_three_level_account_needs_two_levels(world, act, article, three_levels):
    saved = act(AUTHOR, "post_save", {"account": SAFE_APPID, "articles": [article("辟谣：网传停水消息不实")]})
    assert saved.status_code == 200, saved.text
    post_id = saved.json()["result"]["post_id"]
    submitted = act(AUTHOR, "post_submit", {"post_id": post_id, "urgent": True})
    assert submitted.status_code == 200, submitted.text
    result = submitted.json()["result"]
    assert result["urgent"] is True and result["levels"] == 2
    item_id = result["review_item"]

    first = act(SUPERVISOR, "review_approve", {"item_id": item_id, "level": 1})
    assert first.status_code == 200, first.text
    with world.hub.db.session() as session:
        item, post = session.get(ReviewItem, item_id), session.get(Post, post_id)
        assert (item.state, item.levels_done, item.levels_required) == ("pending", 1, 2)
        assert post.state == PostState.REVIEW  # one approval does not let an urgent post out
    refused = act(AUTHOR, "post_publish_now", {"post_id": post_id})
    assert refused.status_code in (403, 422) and "审核通过" in refused.json().get("error", refused.text)

    second = act(SECOND, "review_approve", {"item_id": item_id, "level": 2})
    assert second.status_code == 200, second.text
    with world.hub.db.session() as session:
        assert session.get(Post, post_id).state == PostState.APPROVED


def test_the_urgent_mark_records_who_set_it_and_when(world, act, article, three_levels):
    urgent = {"account": SAFE_APPID, "articles": [article("突发：城区临时停水")], "urgent": True}
    saved = act(AUTHOR, "post_save", urgent)
    assert saved.status_code == 200, saved.text
    post_id = saved.json()["result"]["post_id"]
    with world.hub.db.session() as session:
        post = session.get(Post, post_id)
        assert post.urgent and post.urgent_by == "王芳" and post.urgent_at is not None
        marked_at = post.urgent_at

    # The desk cannot name someone else as the one who marked it.
    forged = act(AUTHOR, "post_submit", {"post_id": post_id, "urgent": True, "urgent_by": "李强"})
    assert forged.status_code == 400, forged.text

    # A supervisor submitting it keeps the author's mark: the mark is who chose the lane.
    submitted = act(SUPERVISOR, "post_submit", {"post_id": post_id, "urgent": True})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["result"]["urgent_by"] == "王芳"
    with world.hub.db.session() as session:
        post = session.get(Post, post_id)
        assert (post.urgent_by, post.urgent_at) == ("王芳", marked_at)
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.target == f"post:{post_id}", AuditEntry.action == "urgent_submit")
        ).one()
        assert entry.actor == SUPERVISOR[0]
        assert entry.detail["after"]["urgent_by"] == "王芳" and entry.detail["after"]["urgent_at"]


def test_clearing_the_urgent_mark_clears_who_set_it(world, act, article, three_levels):
    urgent = {"account": SAFE_APPID, "articles": [article("突发：道路临时封闭")], "urgent": True}
    saved = act(AUTHOR, "post_save", urgent)
    post_id, seq = saved.json()["result"]["post_id"], _version(saved)
    again = act(AUTHOR, "post_save", {"post_id": post_id, "base_seq": seq, "articles": [article("突发：道路临时封闭")]})
    assert again.status_code == 200, again.text
    with world.hub.db.session() as session:
        assert session.get(Post, post_id).urgent_by == "王芳"  # a save that does not mention it keeps it
    assert not again.json()["result"].get("conflict")
    seq = _version(again)
    plain = act(
        AUTHOR,
        "post_save",
        {"post_id": post_id, "base_seq": seq, "articles": [article("突发：道路临时封闭")], "urgent": False},
    )
    assert plain.status_code == 200 and not plain.json()["result"].get("conflict"), plain.text
    with world.hub.db.session() as session:
        post = session.get(Post, post_id)
        assert (post.urgent, post.urgent_by, post.urgent_at) == (False, None, None)
    submitted = act(AUTHOR, "post_submit", {"post_id": post_id})
    assert submitted.json()["result"]["levels"] == 3


def test_the_administrator_sets_urgent_levels_within_bounds(world, act, three_levels):
    def policy(who, **args):
        body = {"account": SAFE_APPID, "replies": "none", "base_version": _policy_version(world), **args}
        return act(who, "review_policy", body)

    full = policy(ADMIN, article_levels=3, urgent_levels=3)
    assert full.status_code == 200, full.text
    assert full.json()["result"]["before"]["urgent_levels"] == 2
    assert full.json()["result"]["after"]["urgent_levels"] == 3

    below = policy(ADMIN, article_levels=3, urgent_levels=1)
    assert below.status_code == 422, below.text
    assert "2 到 3 级" in below.json()["error"]
    above = policy(ADMIN, article_levels=2, urgent_levels=3)
    assert above.status_code == 422 and "1 到 2 级" in above.json()["error"]
    not_a_number = policy(ADMIN, article_levels=3, urgent_levels="两级")
    assert not_a_number.status_code == 400, not_a_number.text

    by_supervisor = policy(SUPERVISOR, article_levels=3, urgent_levels=2)
    assert by_supervisor.status_code == 403, by_supervisor.text

    with world.hub.db.session() as session:
        stored = session.scalars(select(ReviewPolicy)).one()
        assert (stored.article_levels, stored.urgent_levels) == (3, 3)  # the refused ones changed nothing

    # Fewer article levels take the lane down with them; it never stays above them.
    two = policy(ADMIN, article_levels=2)
    assert two.status_code == 200 and two.json()["result"]["after"]["urgent_levels"] == 2
    one = policy(ADMIN, article_levels=2, urgent_levels=1)
    assert one.status_code == 200 and one.json()["result"]["after"]["urgent_levels"] == 1
    with world.hub.db.session() as session:
        changes = session.scalars(select(AuditEntry).where(AuditEntry.action == "policy_change")).all()
        lanes = [(e.detail["before"]["urgent_levels"], e.detail["after"]["urgent_levels"]) for e in changes]
    assert lanes == [(1, 2), (2, 3), (3, 2), (2, 1)]  # on the record, the refused ones not


# ---- labels a label policy names ---------------------------------------------------------------------


@pytest.fixture
def labelled(world: Any, act: Callable[..., requests.Response], follower_conversation) -> Conversation:
    """A conversation of an account whose replies need review while it carries 投诉, and carries it."""
    for who in (AUTHOR, SUPERVISOR, ADMIN):
        world.staff(*who)
    policy = {"account": SAFE_APPID, "replies": "labels", "labels": [LABEL], "base_version": _policy_version(world)}
    answer = act(ADMIN, "review_policy", policy)
    assert answer.status_code == 200, answer.text
    conversation = follower_conversation(SAFE_APPID)
    added = act(AUTHOR, "labels", {"add": [LABEL, "咨询"]}, conversation.id)
    assert added.status_code == 200, added.text
    return conversation


def _labels(world: Any, conversation_id: int) -> str:
    with world.hub.db.session() as session:
        return session.get(Conversation, conversation_id).labels


def test_an_operator_cannot_remove_a_label_the_policy_names(world, act, labelled):
    refused = act(AUTHOR, "labels", {"remove": [LABEL]}, labelled.id)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"] == LABEL_KEPT
    assert LABEL in _labels(world, labelled.id)
    other = act(AUTHOR, "labels", {"remove": ["咨询"]}, labelled.id)  # a label the policy does not name
    assert other.status_code == 200, other.text
    by_reviewer = act(SUPERVISOR, "labels", {"remove": [LABEL]}, labelled.id)
    assert by_reviewer.status_code == 200, by_reviewer.text
    assert LABEL not in _labels(world, labelled.id)


def test_a_reply_is_judged_by_the_labels_seen_when_it_was_written(world, act, labelled):
    # Written while the conversation carried 投诉; a reviewer removes the label before it arrives.
    removed = act(SUPERVISOR, "labels", {"remove": [LABEL]}, labelled.id)
    assert removed.status_code == 200, removed.text
    reply = act(AUTHOR, "reply", {"content": "您的投诉已转交相关部门。", "labels_seen": [LABEL, "咨询"]}, labelled.id)
    assert reply.status_code == 200, reply.text
    assert "held" in reply.json()["result"]
    with world.hub.db.session() as session:
        outbound = session.scalars(
            select(Message).where(Message.conversation_id == labelled.id, Message.direction == Direction.OUTBOUND)
        ).all()
        assert outbound == []  # held: nothing on its way to the follower
    # Labels the desk did not see do not let it go either: the conversation's own still count.
    act(AUTHOR, "labels", {"add": [LABEL]}, labelled.id)
    again = act(AUTHOR, "reply", {"content": "已登记。", "labels_seen": []}, labelled.id)
    assert again.status_code == 200 and "held" in again.json()["result"]


# ---- the rules on their own --------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path) -> Database:
    database = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with database.session() as session:
        session.add(Account(appid=SAFE_APPID, name="某县发布", seq=0))
    return database


def _account(session) -> int:
    return session.scalar(select(Account.id).where(Account.appid == SAFE_APPID))


def test_the_urgent_floor_is_the_levels_minus_one_never_below_one():
    assert [urgent_floor(levels) for levels in (1, 2, 3)] == [1, 1, 2]


def test_a_new_policy_takes_the_floor_and_bounds_are_kept(db):
    with db.session() as session:
        account = _account(session)
        default = policy_for(session, account)
        assert (urgent_levels_of(default), levels_for_article(default, True)) == (1, 1)
        for levels, floor in ((1, 1), (2, 1), (3, 2)):
            policy = set_policy(session, account, "none", [], levels, "陈刚")
            assert policy.urgent_levels == floor and levels_for_article(policy, True) == floor
            assert levels_for_article(policy, False) == levels
        with pytest.raises(PolicyError, match="2 到 3 级"):
            set_policy(session, account, "none", [], 3, "陈刚", urgent_levels=1)
        with pytest.raises(PolicyError, match="1 到 2 级"):
            set_policy(session, account, "none", [], 2, "陈刚", urgent_levels=3)
        with pytest.raises(PolicyError, match="也须经 1 级"):
            set_policy(session, account, "none", [], 1, "陈刚", urgent_levels=2)
        with pytest.raises(PolicyError):
            set_policy(session, account, "none", [], 3, "陈刚", urgent_levels=True)  # type: ignore[arg-type]
        kept = set_policy(session, account, "none", [], 3, "陈刚", urgent_levels=3)
        assert set_policy(session, account, "all", [], 3, "张敏").urgent_levels == 3  # left alone, kept
        assert set_policy(session, account, "all", [], 2, "张敏").urgent_levels == 2  # held within the levels
        assert kept.id == policy_for(session, account).id


def test_a_row_stored_before_the_floor_is_read_at_the_floor(db):
    with db.session() as session:
        account = _account(session)
        session.add(ReviewPolicy(account_id=account, replies="none", labels=[], article_levels=3, urgent_levels=1))
        session.flush()
        assert levels_for_article(policy_for(session, account), True) == 2


def test_label_removal_rule(db):
    with db.session() as session:
        account = _account(session)
        follower = Follower(account_id=account, openid="oSIDESTEP0000000000000000001", seq=0)
        session.add(follower)
        session.flush()
        conversation = Conversation(account_id=account, follower_id=follower.id, labels="|投诉|咨询|", seq=0)
        session.add(conversation)
        session.flush()
        check_label_removal(session, conversation, [LABEL], reviewer=False)  # no label policy: anyone
        set_policy(session, account, "labels", [LABEL, "信访"], 1, "陈刚")
        with pytest.raises(Forbidden) as refused:
            check_label_removal(session, conversation, ["咨询", LABEL], reviewer=False)
        assert str(refused.value) == LABEL_KEPT and refused.value.status == 403
        check_label_removal(session, conversation, [LABEL], reviewer=True)
        check_label_removal(session, conversation, ["咨询"], reviewer=False)
        check_label_removal(session, conversation, ["信访"], reviewer=False)  # not on this conversation
        check_label_removal(session, conversation, [], reviewer=False)


def test_labels_for_review_is_the_union():
    assert labels_for_review(["咨询"], [LABEL]) == ["咨询", LABEL]
    assert labels_for_review([LABEL, "咨询"], None) == [LABEL, "咨询"]
    assert labels_for_review([LABEL], []) == [LABEL]  # a desk may add to the set, never take from it
    assert labels_for_review([], [" ", LABEL, LABEL]) == [LABEL]


def test_the_desk_sends_the_labels_it_saw_with_a_reply(db):
    with db.session() as session:
        account = _account(session)
        follower = Follower(account_id=account, openid="oSIDESTEP0000000000000000002", seq=0)
        session.add(follower)
        session.flush()
        conversation = Conversation(account_id=account, follower_id=follower.id, labels="|投诉|", seq=0)
        session.add(conversation)
        session.flush()
        conversation_id = conversation.id
    queue = CommandQueue(db)
    reply_id = queue.queue("reply", conversation_id, {"content": "您好"})
    labels_id = queue.queue("labels", conversation_id, {"remove": [LABEL]})
    with db.session() as session:
        rows = {row.command_id: row.args for row in session.scalars(select(Outbox))}
    assert rows[reply_id] == {"content": "您好", "labels_seen": [LABEL]}
    assert "labels_seen" not in rows[labels_id]


def test_the_migration_raises_stored_urgent_lanes_to_their_floor(tmp_path):
    """A hub whose policies were stored when the lane could be 1 level on a 三审 account upgrades to the
    floor; lanes already within bounds keep their setting."""
    from alembic import command

    from console.store.database import alembic_config

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(db.engine), "0008")
    with db.engine.begin() as conn:
        for account_id, levels, urgent in ((1, 3, 1), (2, 3, 3), (3, 2, 1), (4, 1, 1)):
            conn.exec_driver_sql(
                "INSERT INTO account (id, appid, name, account_type, safe_mode, created_at, seq) "
                f"VALUES ({account_id}, 'wx{account_id}', '号{account_id}', 'subscription', 1, '2026-11-01', 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO review_policy (account_id, replies, labels, article_levels, urgent_levels, seq) "
                f"VALUES ({account_id}, 'none', '[]', {levels}, {urgent}, 1)"
            )
    command.upgrade(alembic_config(db.engine), "0009")
    with db.engine.connect() as conn:
        lanes = conn.exec_driver_sql("SELECT article_levels, urgent_levels FROM review_policy ORDER BY id").all()
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(post)")}
    assert [tuple(lane) for lane in lanes] == [(3, 2), (3, 3), (2, 1), (1, 1)]
    assert {"urgent_by", "urgent_at"} <= columns
    db.dispose()
