"""三审三校 enforced by the hub, whatever calls it: an operator's reply the policy holds reaches the
follower once, only after a supervisor approves; approve-with-edits keeps both versions; a send-back
returns the comment; an operator calling the API directly cannot send a held reply, approve their own
or skip a level (403, nothing sent); every step is in the audit log, which `wxconsole audit verify`
checks and which fails, naming the entry, when a row is edited or deleted."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import select, text

from console.audit import verify
from console.cli import main
from console.review import queue
from console.store.models import Account, AuditEntry, ReviewItem, Role, Staff
from tests.conftest import SAFE_APPID
from tests.helpers import conversation_of

OPENID = "oREVIEWfollower00000000000001"
OPERATOR = ("wangfang", "王芳", (Role.OPERATOR,))
SUPERVISOR = ("liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))
SECOND = ("zhaomin", "赵敏", (Role.OPERATOR, Role.SUPERVISOR))
ADMIN = ("admin1", "管理员", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))


def command(world, who, kind, args, conversation_id=0, command_id=None):
    return requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": command_id or uuid.uuid4().hex,
            "kind": kind,
            "conversation_id": conversation_id,
            "args": args,
        },
        headers=world.auth(*who),
        timeout=30,
    )


def sent(world):
    return [m.content for m in world.sent_to(SAFE_APPID, OPENID, via="custom")]


def item(world, item_id):
    with world.hub.db.session() as session:
        return session.get(ReviewItem, item_id)


@pytest.fixture
def conversation(world):
    for who in (OPERATOR, SUPERVISOR, SECOND, ADMIN):
        world.staff(*who)
    policy = {"account": SAFE_APPID, "replies": "all", "article_levels": 2, "base_version": 0}  # none stored yet
    answer = command(world, ADMIN, "review_policy", policy)
    assert answer.status_code == 200, answer.text
    world.push(SAFE_APPID, OPENID, content="请问低保怎么申请？")
    return conversation_of(world, OPENID)


def hold(world, conversation, words="低保申请请带户口簿和收入证明到镇民政办。"):
    answer = command(world, OPERATOR, "reply", {"content": words}, conversation.id)
    assert answer.status_code == 200, answer.text
    assert sent(world) == []  # held, not sent
    return answer.json()["result"]["held"]


def test_held_reply_goes_out_once_after_approval(world, conversation):
    item_id = hold(world, conversation)
    assert item(world, item_id).state == "pending"
    approve_id = uuid.uuid4().hex
    first = command(world, SUPERVISOR, "review_approve", {"item_id": item_id}, command_id=approve_id)
    retry = command(world, SUPERVISOR, "review_approve", {"item_id": item_id}, command_id=approve_id)
    assert first.status_code == retry.status_code == 200
    assert sent(world) == ["低保申请请带户口簿和收入证明到镇民政办。"]  # once, whatever was retried
    assert item(world, item_id).state == "sent"


def test_approve_with_edits_records_both_versions(world, conversation):
    item_id = hold(world, conversation)
    edited = "低保申请请带户口簿、身份证和家庭收入证明，到户籍所在镇民政办提出。"
    answer = command(
        world, SUPERVISOR, "review_approve", {"item_id": item_id, "edited_text": edited, "note": "补全材料"}
    )
    assert answer.status_code == 200, answer.text
    stored = item(world, item_id)
    assert [v["text"] for v in stored.versions] == ["低保申请请带户口簿和收入证明到镇民政办。", edited]
    assert stored.approvals[-1]["edited"] is True and stored.approvals[-1]["by"] == "李强"
    assert sent(world) == [edited]


def test_send_back_returns_the_comment_and_resubmit_waits_again(world, conversation):
    item_id = hold(world, conversation)
    back = command(world, SUPERVISOR, "review_send_back", {"item_id": item_id, "comment": "请写明办理地点和电话"})
    assert back.status_code == 200
    returned = item(world, item_id)
    assert (returned.state, returned.comment) == ("returned", "请写明办理地点和电话")
    with world.hub.db.session() as session:
        staff = session.scalar(select(Staff).where(Staff.login == OPERATOR[0]))
        [mine] = queue.mine(session, staff.id)
        assert (mine.state, mine.comment) == ("returned", "请写明办理地点和电话")
    again = command(
        world, OPERATOR, "review_resubmit", {"item_id": item_id, "text": "请到镇民政办（电话 12345）申请。"}
    )
    assert again.status_code == 200 and item(world, item_id).state == "pending"
    assert sent(world) == []


def test_operator_cannot_send_a_held_reply_approve_their_own_or_skip_a_level(world, conversation):
    item_id = hold(world, conversation)
    forced = command(world, OPERATOR, "reply", {"content": "直接发出", "review_item": item_id}, conversation.id)
    assert forced.status_code == 403
    own = command(world, OPERATOR, "review_approve", {"item_id": item_id})
    assert own.status_code == 403
    # A supervisor who wrote a reply cannot approve it either.
    assert sent(world) == []
    assert item(world, item_id).state == "pending"

    with world.hub.db.session() as session:  # an article needing the policy's two levels
        author = session.scalar(select(Staff).where(Staff.login == OPERATOR[0]))
        account = session.scalar(select(Account).where(Account.appid == SAFE_APPID))
        article = queue.hold_article(
            session, account.id, None, author, "<p>关于低保申请的说明</p>", 2, None, _now(world)
        )
        article_id = article.id
    skipped = command(world, SUPERVISOR, "review_approve", {"item_id": article_id, "level": 2})
    assert skipped.status_code == 403 and "跳过" in skipped.json()["error"]
    assert command(world, SUPERVISOR, "review_approve", {"item_id": article_id, "level": 1}).status_code == 200
    twice = command(world, SUPERVISOR, "review_approve", {"item_id": article_id, "level": 2})
    assert twice.status_code == 403  # the second level is another person's
    assert command(world, SECOND, "review_approve", {"item_id": article_id, "level": 2}).status_code == 200
    done = item(world, article_id)
    assert done.state == "approved"
    assert queue.signatures(done) == {"撰稿": "王芳", "审核": "李强", "审签": "赵敏"}


def test_only_an_administrator_sets_the_policy(world, conversation):
    answer = command(world, SUPERVISOR, "review_policy", {"account": SAFE_APPID, "replies": "none"})
    assert answer.status_code == 403


def test_every_step_is_in_the_audit_log_and_tampering_is_named(world, conversation, capsys):
    url = f"{world.hub_url}/api/sign-in"
    wrong = requests.post(url, json={"login": OPERATOR[0], "password": "not-the-password-1"}, timeout=30)
    assert wrong.status_code == 401 and wrong.json()["error"] == "登录名或密码不正确。"
    right = requests.post(url, json={"login": OPERATOR[0], "password": world.passwords[OPERATOR[0]]}, timeout=30)
    assert right.status_code == 200 and right.json()["token"]
    item_id = hold(world, conversation)
    command(
        world, SUPERVISOR, "review_approve", {"item_id": item_id, "edited_text": "低保请到镇民政办申请，电话 12345。"}
    )
    with world.hub.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert {"sign_in_failed", "sign_in", "policy_change", "hold", "approve_edited"} <= set(actions)
        assert verify(session).ok
        approved = session.scalar(select(AuditEntry).where(AuditEntry.action == "approve_edited"))
        approved_id = approved.id
    url = world.hub.db.url
    assert main(["audit", "verify", "--db", url]) == 0
    capsys.readouterr()
    with world.hub.db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entry SET actor = 'wangfang' WHERE id = :id"), {"id": approved_id})
    assert main(["audit", "verify", "--db", url]) == 1
    assert f"第 {approved_id} 条" in capsys.readouterr().out


def test_deleting_an_audit_row_is_named(world, conversation, capsys):
    hold(world, conversation)
    with world.hub.db.session() as session:
        first_hold = session.scalar(select(AuditEntry.id).where(AuditEntry.action == "hold"))
    with world.hub.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": first_hold})
    assert main(["audit", "verify", "--db", world.hub.db.url]) == 1
    assert "删除" in capsys.readouterr().out


def _now(world):
    return world.hub.clock()
