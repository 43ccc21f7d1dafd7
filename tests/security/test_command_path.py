"""The one command path as an attacker meets it: command ids bound to what they asked (point 9), typed
arguments (a wrong type is a 400 in words, never a 500), a kind cannot be registered without its rules
(point 1), and colleagues stored before "no accounts" meant none keep what they had (point 2)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import requests
from alembic import command as alembic
from sqlalchemy import select, text

from console.commands.registry import REGISTRY, CommandSpec, RegistryError, by_conversation, register
from console.commands.schema import schema
from console.store.database import Database, alembic_config
from console.store.models import Role, Staff
from tests.conftest import PLAIN_APPID, SAFE_APPID

OPERATOR = ("cp-operator", "王芳", (Role.OPERATOR,))
OTHER = ("cp-other", "李强", (Role.OPERATOR,))


def _post(world: Any, body: Any, who: tuple = OPERATOR, raw: bytes | None = None) -> requests.Response:
    headers = {**world.auth(*who), "Content-Type": "application/json"}
    data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
    return requests.post(f"{world.hub_url}/api/commands", data=data, headers=headers, timeout=30)


@pytest.fixture
def conversation_id(world: Any, follower_conversation: Any) -> int:
    return int(follower_conversation(SAFE_APPID).id)


def _note(conversation_id: int, body: str, command_id: str) -> dict[str, Any]:
    return {"command_id": command_id, "kind": "note", "conversation_id": conversation_id, "args": {"body": body}}


def test_same_id_same_content_answers_the_first_outcome(world, conversation_id):
    command_id = uuid.uuid4().hex
    first = _post(world, _note(conversation_id, "已电话联系", command_id))
    again = _post(world, _note(conversation_id, "已电话联系", command_id))
    assert first.status_code == again.status_code == 200
    assert first.json()["result"] == again.json()["result"]


def test_same_id_with_other_content_or_from_another_colleague_is_409(world, conversation_id):
    command_id = uuid.uuid4().hex
    assert _post(world, _note(conversation_id, "已电话联系", command_id)).status_code == 200
    other_content = _post(world, _note(conversation_id, "改成别的话", command_id))
    assert other_content.status_code == 409 and "另一项操作" in other_content.json()["error"]
    other_colleague = _post(world, _note(conversation_id, "已电话联系", command_id), who=OTHER)
    assert other_colleague.status_code == 409
    with world.hub.db.session() as session:
        from console.store.models import Note

        assert [n.body for n in session.scalars(select(Note))] == ["已电话联系"]  # applied once, as first asked


def test_a_refused_command_keeps_its_refusal_for_a_retry(world, conversation_id):
    command_id = uuid.uuid4().hex
    body = {"command_id": command_id, "kind": "status", "conversation_id": conversation_id, "args": {"status": "x"}}
    first, again = _post(world, body), _post(world, body)
    assert first.status_code == again.status_code == 422
    assert first.json()["error"] == again.json()["error"]


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("labels", {"add": 5}),
        ("labels", {"add": [{"x": 1}]}),
        ("assign", {"staff_id": {}}),
        ("assign", {"staff_id": "12; DROP TABLE staff"}),
        ("assign", {"staff_id": 10**30}),
        ("note", {"body": ["a"]}),
        ("note", {}),
        ("status", {"status": None}),
        ("snooze", {"until": 12}),
        ("reply", {"content": "您好", "take_over": "yes"}),
        ("reply", {"content": "您好", "unknown_field": 1}),
        ("review_approve", {"item_id": "一"}),
        ("post_save", {"account": SAFE_APPID, "articles": "正文"}),
        ("rule_save", {"rule": []}),
        ("rule_save", {"rule": {"id": 10**30}}),
        ("rule_save", {"rule": {"id": "x"}}),
    ],
)
def test_wrong_types_are_a_400_in_words(world, conversation_id, kind, args):
    world.staff("cp-admin", "陈刚", (Role.ADMINISTRATOR,))
    who = ("cp-admin", "陈刚", (Role.ADMINISTRATOR,))
    answer = _post(
        world, {"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": conversation_id, "args": args}, who
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]


@pytest.mark.parametrize(
    "body",
    [
        {"command_id": "short", "kind": "note", "conversation_id": 1, "args": {"body": "x"}},
        {"command_id": "x" * 65, "kind": "note", "conversation_id": 1, "args": {"body": "x"}},
        {"command_id": 12345678, "kind": "note", "conversation_id": 1, "args": {}},
        {"command_id": uuid.uuid4().hex, "kind": "drop_everything", "conversation_id": 1, "args": {}},
        {"command_id": uuid.uuid4().hex, "kind": "note", "conversation_id": "1", "args": {}},
        {"command_id": uuid.uuid4().hex, "kind": "note", "conversation_id": 10**20, "args": {}},
        {"command_id": uuid.uuid4().hex, "kind": "note", "conversation_id": 1, "args": []},
        [],
    ],
)
def test_malformed_commands_are_a_400(world, conversation_id, body):
    answer = _post(world, body)
    assert answer.status_code == 400, answer.text


def test_a_refused_command_carries_no_row_of_another_account(world, follower_conversation):
    foreign = follower_conversation(PLAIN_APPID, "oCPforeign0000000000000000001")
    world.staff(*OPERATOR, accounts=[SAFE_APPID])
    answer = _post(world, _note(foreign.id, "看看乙的留言", uuid.uuid4().hex))
    assert answer.status_code == 403
    assert "conversation" not in answer.json() and "请问社保卡" not in answer.text


def test_a_kind_without_its_rules_cannot_register():
    def handler(call: Any) -> dict[str, Any]:
        return {}

    with pytest.raises(RegistryError):
        register(CommandSpec("no_roles", frozenset(), by_conversation, schema(), handler, None))
    with pytest.raises(RegistryError):
        register(CommandSpec("no_schema", frozenset(Role), by_conversation, {}, handler, None))  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # no audit declared: not even constructible
        CommandSpec("no_audit", frozenset(Role), by_conversation, schema(), handler)  # type: ignore[call-arg]
    with pytest.raises(RegistryError):
        register(CommandSpec("note", frozenset(Role), by_conversation, schema(), handler, None))  # twice
    assert "no_roles" not in REGISTRY and "no_schema" not in REGISTRY


def test_colleagues_stored_with_no_accounts_keep_every_account_at_the_upgrade(tmp_path):
    """Before migration 0010 a colleague with no accounts (NULL) worked on all; the upgrade writes them out."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    alembic.upgrade(alembic_config(db.engine), "0009")
    with db.engine.begin() as connection:
        for appid, name in ((SAFE_APPID, "某县发布"), (PLAIN_APPID, "某县人社")):
            connection.execute(
                text(
                    "INSERT INTO account (appid, name, account_type, safe_mode, created_at, seq) "
                    "VALUES (:a, :n, 'subscription', 1, '2026-01-01', 0)"
                ),
                {"a": appid, "n": name},
            )
        for login, roles, accounts in (
            ("old-operator", "|operator|", None),
            ("old-admin", "|administrator|", None),
            ("old-limited", "|operator|", json.dumps([PLAIN_APPID])),
        ):
            connection.execute(
                text(
                    "INSERT INTO staff (login, name, active, roles, accounts, created_at, seq) "
                    "VALUES (:l, :l, 1, :r, :a, '2026-01-01', 0)"
                ),
                {"l": login, "r": roles, "a": accounts},
            )
    db.migrate()
    with db.session() as session:
        stored = {s.login: s.accounts for s in session.scalars(select(Staff))}
    assert stored == {
        "old-operator": [SAFE_APPID, PLAIN_APPID],
        "old-admin": None,  # administrators work on every account anyway
        "old-limited": [PLAIN_APPID],
    }
    db.dispose()


def test_a_command_the_hub_cannot_keep_is_a_503_in_words_and_applies_once_later(
    world, conversation_id, disk_limit
):
    """Disk full: nothing applied, the answer says so in words (the desk keeps the command and shows them);
    the same command sent again when there is room is applied once."""
    import asyncio

    from console.store.models import Note
    from console.sync.client import HubBusy, HubClient

    body = "磁盘满时写的备注" + "详" * 3_990  # 12 KB: needs new pages, which a full disk cannot give
    command = _note(conversation_id, body, uuid.uuid4().hex)
    disk_limit.full = True
    answer = _post(world, command)
    assert answer.status_code == 503 and "磁盘已满" in answer.json()["error"], answer.text

    async def through_the_desk_client() -> str:
        client = HubClient(world.hub_url)
        client.token = world.token(*OPERATOR)
        try:
            await client.command(command["command_id"], "note", conversation_id, command["args"])
        except HubBusy as exc:
            return str(exc)
        finally:
            await client.close()
        return "applied"

    assert "稍后再试" in asyncio.run(through_the_desk_client())
    disk_limit.full = False
    assert _post(world, command).status_code == 200
    assert _post(world, command).status_code == 200  # a retry: the first outcome
    with world.hub.db.session() as session:
        assert [n.body for n in session.scalars(select(Note))] == [body]


def test_importing_another_accounts_wechat_setup_is_refused_before_wechat_is_asked(world):
    """The route must call WeChat before it can build the command; who may is settled first. With WeChat
    unreachable, a foreign import still gets the 403 (a 502 would mean WeChat was asked on its behalf)."""
    world.staff(*OPERATOR, accounts=[SAFE_APPID])
    supervisor = ("cp-super", "李强", (Role.SUPERVISOR,))
    world.staff(*supervisor, accounts=[SAFE_APPID])
    gateway = world.hub.gateway
    gateway.api_base = "http://127.0.0.1:9"  # nothing listens there: WeChat is unreachable from now on
    gateway._clients.clear()

    def import_setup(who: tuple, appid: str) -> requests.Response:
        headers = {**world.auth(*who), "Content-Type": "application/json"}
        body = json.dumps({"account": appid, "replace": True})
        return requests.post(f"{world.hub_url}/api/rules/import-wechat", data=body, headers=headers, timeout=60)

    assert import_setup(OPERATOR, SAFE_APPID).status_code == 403  # rules are reviewers' to keep
    assert import_setup(supervisor, PLAIN_APPID).status_code == 403  # another account's setup
    reachable = import_setup(supervisor, SAFE_APPID)  # allowed: only now is WeChat asked, and it is away
    assert reachable.status_code == 502 and "读取微信后台" in reachable.json()["error"]


def test_a_conversation_is_assigned_only_to_a_colleague_who_works_on_its_account(world, conversation_id):
    """They would never see it on their desk: refused in words, the conversation stays as it was."""
    world.staff("cp-elsewhere", "赵丽", (Role.OPERATOR,), accounts=[PLAIN_APPID])
    world.staff("cp-here", "刘洋", (Role.OPERATOR,), accounts=[SAFE_APPID])
    with world.hub.db.session() as session:
        ids = {s.login: s.id for s in session.scalars(select(Staff))}

    def assign(login: str) -> requests.Response:
        body = {"command_id": uuid.uuid4().hex, "kind": "assign", "conversation_id": conversation_id}
        return _post(world, {**body, "args": {"staff_id": ids[login]}})

    refused = assign("cp-elsewhere")
    assert refused.status_code == 422 and "赵丽不负责" in refused.json()["error"]
    assert assign("cp-here").status_code == 200
