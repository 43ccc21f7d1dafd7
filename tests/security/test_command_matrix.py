"""Every declared command kind × every role × an own and a foreign account, generated from the registry:
allowed or refused (403) exactly as the kind declares, through the real hub over HTTP.

Each kind needs a sample here (the rows it acts on, made for the account and the colleague under test);
a kind registered without one fails `test_every_kind_has_a_sample`, so a new command is covered by
adding one builder, not by writing tests. A global row (no account) is tried too where a kind takes one.
Allowed cases must not come back 400 (that would be a broken sample) nor 5xx; the feature may still say
no for its own reasons (422, 409), which is not the permission rule's business."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import select

from console.command_path import REGISTRY
from console.commands.registry import CommandSpec
from console.replies.sending import new_reply
from console.review import queue
from console.store.database import next_seq
from console.store.models import (
    Account,
    ChecklistItem,
    ChecklistRecord,
    Conversation,
    Message,
    Post,
    ReplyRule,
    ReplyTemplate,
    Role,
    SendStatus,
    Staff,
)
from tests.conftest import PLAIN_APPID, SAFE_APPID

OWN, FOREIGN = SAFE_APPID, PLAIN_APPID  # every colleague under test works on 甲 (SAFE_APPID) only
ROLES = {
    "operator": (Role.OPERATOR,),
    "supervisor": (Role.SUPERVISOR,),
    "administrator": (Role.ADMINISTRATOR,),
}
WRITER = ("m-writer", "刘洋", (Role.OPERATOR, Role.SUPERVISOR))  # authors what reviewers decide on
ARTICLE = {"title": "秋季征兵公告", "author": "县人武部", "digest": "", "body": "<p>正文</p>", "comments": True}


class Samples:
    """Rows of one account for one acting colleague, and the command that acts on them."""

    def __init__(self, world: Any, appid: str | None, actor: Staff, writer: Staff) -> None:
        self.world, self.appid, self.actor, self.writer = world, appid, actor, writer
        self.db = world.hub.db
        self._n = 0

    def account_id(self, session: Any) -> int:
        return int(session.scalar(select(Account.id).where(Account.appid == (self.appid or OWN))))

    def conversation(self) -> int:
        self._n += 1
        openid = f"oMATRIX{uuid.uuid4().hex[:21]}"
        self.world.push(self.appid or OWN, openid, content="请问医保怎么报销？")
        with self.db.session() as session:
            for message in session.scalars(select(Message).where(Message.dedupe_key.is_not(None))):
                if message.follower.openid == openid:
                    return int(message.conversation_id)
        raise LookupError(openid)

    def held_item(self, author: Staff, returned: bool = False) -> int:
        conversation_id = self.conversation()
        with self.db.session() as session:
            conversation = session.get(Conversation, conversation_id)
            now = self.world.hub.clock()
            item = queue.hold_reply(
                session, conversation, session.get(Staff, author.id), "您好，请带身份证办理。", "测试", [], None, now
            )
            if returned:
                admin = session.scalar(select(Staff).where(Staff.login == "m-admin-all"))
                queue.send_back(session, item.id, admin, "请补充办理地点", now + timedelta(minutes=1))
            return int(item.id)

    def unknown_reply(self) -> int:
        """A reply whose send may or may not have reached WeChat (不确定是否已送达)."""
        conversation_id = self.conversation()
        with self.db.session() as session:
            message = new_reply(session, session.get(Conversation, conversation_id), "您好，已收到。", None, "同事")
            message.status = SendStatus.UNKNOWN
            return int(message.id)

    def template(self) -> int:
        with self.db.session() as session:
            row = ReplyTemplate(
                account_id=self.account_id(session) if self.appid else None,
                title="社保卡补办",
                body="请带身份证到政务大厅。",
                category="通用",
                tags=[],
                usage_count=0,
                archived=False,
                seq=next_seq(session),
            )
            session.add(row)
            session.flush()
            return int(row.id)

    def rule(self) -> int:
        with self.db.session() as session:
            row = ReplyRule(
                account_id=self.account_id(session) if self.appid else None,
                name="医保",
                kind="keyword",
                mode="contains",
                keywords=["医保"],
                priority=0,
                windows=[],
                enabled=True,
                deleted=False,
                reply={"kind": "text", "text": "医保报销请咨询 12345。"},
                seq=next_seq(session),
            )
            session.add(row)
            session.flush()
            return int(row.id)

    def post(self) -> int:
        with self.db.session() as session:
            row = Post(
                account_id=self.account_id(session),
                title=ARTICLE["title"],
                articles=[ARTICLE],
                article_urls=[],
                state="draft",
                author_name=self.actor.name,
                created_by=self.actor.id,
                seq=next_seq(session),
            )
            session.add(row)
            session.flush()
            return int(row.id)

    def checklist_item(self) -> int:
        with self.db.session() as session:
            row = ChecklistItem(
                account_id=self.account_id(session),
                title="管理员微信号绑定核查",
                period="quarterly",
                seq=next_seq(session),
            )
            session.add(row)
            session.flush()
            return int(row.id)

    def checklist_record(self) -> int:
        item_id = self.checklist_item()
        with self.db.session() as session:
            row = ChecklistRecord(
                item_id=item_id,
                account_id=self.account_id(session),
                done_on=self.world.hub.clock().date(),
                done_by=self.writer.name,
                note="已核查",
                evidence=[],
                seq=next_seq(session),
            )
            session.add(row)
            session.flush()
            return int(row.id)


Builder = Callable[[Samples], tuple[int, dict[str, Any]]]
RULE = {"name": "医保", "kind": "keyword", "mode": "contains", "keywords": ["医保"], "priority": 0, "windows": []}


def _rule(appid: str | None, rule_id: int | None = None) -> dict[str, Any]:
    return {**RULE, "id": rule_id, "account": appid, "enabled": True, "reply": {"kind": "text", "text": "请拨 12345"}}


SAMPLES: dict[str, Builder] = {
    "reply": lambda s: (s.conversation(), {"content": "您好，已收到。"}),
    "status": lambda s: (s.conversation(), {"status": "closed"}),
    "assign": lambda s: (s.conversation(), {"staff_id": None}),
    "labels": lambda s: (s.conversation(), {"add": ["咨询"]}),
    "note": lambda s: (s.conversation(), {"body": "已电话联系"}),
    "snooze": lambda s: (s.conversation(), {"until_reply": True}),
    "review_approve": lambda s: (0, {"item_id": s.held_item(s.writer)}),
    "review_send_back": lambda s: (0, {"item_id": s.held_item(s.writer), "comment": "请补充办理地点"}),
    "review_resubmit": lambda s: (0, {"item_id": s.held_item(s.actor, returned=True), "text": "改后的回复"}),
    "review_withdraw": lambda s: (0, {"item_id": s.held_item(s.actor)}),
    "review_policy": lambda s: (0, {"account": s.appid, "replies": "none", "article_levels": 2}),
    "post_save": lambda s: (0, {"account": s.appid, "articles": [ARTICLE]}),
    "post_submit": lambda s: (0, {"post_id": s.post()}),
    "post_schedule": lambda s: (0, {"post_id": s.post(), "scheduled_at": None}),
    "post_publish_now": lambda s: (0, {"post_id": s.post()}),
    "post_decide": lambda s: (0, {"post_id": s.post(), "decision": "unplan"}),
    "post_delete": lambda s: (0, {"post_id": s.post()}),
    "publishing_plan": lambda s: (0, {"account": s.appid, "plan": {}}),
    "reply_resend": lambda s: (0, {"message_id": s.unknown_reply(), "confirm": True}),
    "template_save": lambda s: (0, {"account": s.appid, "title": "补办", "body": "请带身份证。", "category": "通用"}),
    "template_archive": lambda s: (0, {"id": s.template(), "archived": True}),
    "template_used": lambda s: (0, {"id": s.template()}),
    "templates_import": lambda s: (0, {"account": s.appid, "templates": [{"title": "补办", "body": "请带身份证。"}]}),
    "rule_save": lambda s: (0, {"rule": _rule(s.appid)}),
    "rule_delete": lambda s: (0, {"id": s.rule()}),
    "rules_import": lambda s: (0, {"account": s.appid, "rules": [_rule(s.appid)]}),
    "values_save": lambda s: (0, {"account": s.appid, "values": {"窗口电话": "0910-6661234"}}),
    "checklist_done": lambda s: (0, {"item_id": s.checklist_item(), "note": "已核查"}),
    "checklist_signoff": lambda s: (0, {"record_id": s.checklist_record()}),
    "checklist_item_save": lambda s: (0, {"account": s.appid, "title": "培训记录", "period": "yearly"}),
    "checklist_item_archive": lambda s: (0, {"item_id": s.checklist_item(), "archived": True}),
    "checklist_install": lambda s: (0, {"account": s.appid}),
    "register_save": lambda s: (0, {"appid": s.appid, "register": {"unit": "县委宣传部"}}),
}
# Kinds whose rows may belong to every account (no account): tried with a global row as well.
GLOBAL = {"template_save", "template_archive", "template_used", "templates_import", "rule_save", "rule_delete"}
GLOBAL |= {"rules_import"}


def _with_base(world: Any, spec: CommandSpec, conversation_id: int, args: dict[str, Any]) -> dict[str, Any]:
    """An edit names the version it started from, as a desk does: the located row's current one."""
    if spec.versioning is None:
        return args
    with world.hub.db.session() as session:
        row = spec.locate(session, args, conversation_id).row
        return args if row is None else {**args, "base_version": spec.versioning.version(row)}


def _expected_forbidden(spec: CommandSpec, roles: tuple[Role, ...], appid: str | None) -> bool:
    if not any(role in spec.roles for role in roles):
        return True
    if appid is None:
        return not any(role in spec.global_roles for role in roles)
    return appid != OWN and Role.ADMINISTRATOR not in roles


def test_every_kind_has_a_sample():
    assert sorted(set(REGISTRY) - set(SAMPLES)) == [], "declare a sample for each new command kind"


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_role_on_an_own_and_a_foreign_account(world, kind):
    spec = REGISTRY[kind]
    world.staff("m-admin-all", "陈刚", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
    world.staff(*WRITER, accounts=[OWN, FOREIGN])
    cases = [(name, appid) for name in ROLES for appid in (OWN, FOREIGN)]
    if kind in GLOBAL:
        cases += [(name, None) for name in ROLES]
    failures = []
    for role_name, appid in cases:
        login = f"m-{role_name[:5]}-{kind[:12]}".replace("_", "-")
        world.staff(login, f"{role_name}同事", ROLES[role_name], accounts=[OWN])
        with world.hub.db.session() as session:
            actor = session.scalar(select(Staff).where(Staff.login == login))
            writer = session.scalar(select(Staff).where(Staff.login == WRITER[0]))
            session.expunge_all()
        conversation_id, args = SAMPLES[kind](Samples(world, appid, actor, writer))
        args = _with_base(world, spec, conversation_id, args)
        answer = requests.post(
            f"{world.hub_url}/api/commands",
            json={"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": conversation_id, "args": args},
            headers=world.auth(login, f"{role_name}同事", ROLES[role_name]),
            timeout=30,
        )
        forbidden = _expected_forbidden(spec, ROLES[role_name], appid)
        where = "all accounts" if appid is None else ("own" if appid == OWN else "foreign")
        if forbidden and answer.status_code != 403:
            failures.append(f"{role_name} on {where}: expected 403, got {answer.status_code} {answer.text[:200]}")
        if not forbidden and (answer.status_code in (400, 403) or answer.status_code >= 500):
            failures.append(f"{role_name} on {where}: expected allowed, got {answer.status_code} {answer.text[:200]}")
        if answer.status_code == 403:
            assert "error" in answer.json() and answer.json()["error"], answer.text  # words, not a bare status
    assert failures == [], "\n".join(failures)
