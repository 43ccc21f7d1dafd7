"""The office's wording kept by command on the hub: a template or rule edited from an older version
than the hub holds is kept beside the colleague's as a conflicted copy, never written over it (a rule's
copy disabled, so two versions never answer at once); each command applies once; an unknown account
is refused in words."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from console import command_path as commands
from console.inbox.presence import PresenceBoard
from console.store.database import open_database
from console.store.models import Account, ReplyRule, ReplyTemplate

APPID = "wx1111aaaa2222bbbb"


@pytest.fixture
def db(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with db.session() as session:
        session.add(Account(appid=APPID, name="某县人社"))
    return db


def run(db, kind, args, name="王芳", command_id=None):
    return commands.apply(
        db, PresenceBoard(), command_id or uuid.uuid4().hex, kind, 0, args, commands.Seat(f"seat-{name}", name)
    )


def template(**changes):
    data = {"title": "社保卡补办流程", "body": "{称呼}您好！社保卡补办请带身份证。", "category": "社保", "tags": []}
    return {**data, "account": APPID, **changes}


def version_of(db, model, row_id):
    with db.session() as session:
        return session.get(model, row_id).version


def test_a_stale_template_edit_becomes_a_conflicted_copy(db):
    first = run(db, "template_save", template())
    template_id = first.result["template_id"]
    base = version_of(db, ReplyTemplate, template_id)
    mine = run(
        db, "template_save", template(id=template_id, base_version=base, body="李强改的版本：请带身份证原件。"), "李强"
    )
    assert mine.state == "applied" and not mine.result.get("conflict")
    stale = run(db, "template_save", template(id=template_id, base_version=base, body="王芳改的版本：请带户口簿。"))
    assert stale.state == "applied" and stale.result["conflict"]
    assert "李强在您编辑期间修改了模板" in stale.result["notice"]
    with db.session() as session:
        rows = session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.id)).all()
        assert [(t.title, t.body) for t in rows] == [
            ("社保卡补办流程", "李强改的版本：请带身份证原件。"),
            ("社保卡补办流程（冲突副本）", "王芳改的版本：请带户口簿。"),
        ]


def test_a_stale_rule_edit_is_kept_disabled(db):
    rule = {
        "id": None,
        "account": APPID,
        "name": "社保卡",
        "kind": "keyword",
        "mode": "contains",
        "keywords": ["社保卡"],
        "priority": 0,
        "windows": [],
        "enabled": True,
        "reply": {"kind": "text", "text": "社保卡补办请带身份证到一楼窗口。"},
    }
    rule_id = run(db, "rule_save", {"rule": rule}).result["rule_id"]
    base = version_of(db, ReplyRule, rule_id)
    run(db, "rule_save", {"rule": {**rule, "id": rule_id, "priority": 5}, "base_version": base}, "李强")
    stale = run(db, "rule_save", {"rule": {**rule, "id": rule_id, "keywords": ["补卡"]}, "base_version": base})
    assert stale.result["conflict"]
    with db.session() as session:
        rows = session.scalars(select(ReplyRule).order_by(ReplyRule.id)).all()
        assert [(r.name, r.priority, r.keywords, r.enabled) for r in rows] == [
            ("社保卡", 5, ["社保卡"], True),
            ("社保卡（冲突副本）", 0, ["补卡"], False),
        ]


def test_usage_archive_values_and_refusals(db):
    template_id = run(db, "template_save", template()).result["template_id"]
    command_id = uuid.uuid4().hex
    assert run(db, "template_used", {"id": template_id}, command_id=command_id).result["usage_count"] == 1
    assert run(db, "template_used", {"id": template_id}, command_id=command_id).fresh is False  # a retry
    assert run(db, "template_used", {"id": template_id}).result["usage_count"] == 2
    with db.session() as session:
        version = session.get(ReplyTemplate, template_id).version
    assert version == 1  # counting uses leaves the wording's version alone
    archived = run(db, "template_archive", {"id": template_id, "archived": True, "base_version": version})
    assert archived.result["archived"] is True
    values = {"{窗口电话}": " 0910-6661234 ", "": "x"}
    saved = run(db, "values_save", {"account": APPID, "values": values, "base_version": 1})
    assert saved.result["values"] == {"窗口电话": "0910-6661234"}
    unknown = run(db, "template_save", template(account="wx9999ffff0000eeee"))
    assert unknown.state == "refused" and "没有公众号 wx9999ffff0000eeee" in unknown.error
    empty = run(db, "template_save", template(body=" "))
    assert empty.state == "refused"
    gone = run(db, "rule_delete", {"id": 999})
    assert gone.state == "refused" and "找不到这条规则" in gone.error
