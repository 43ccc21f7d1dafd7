"""Signing in to the hub: the desks' API answers signed-in colleagues only; five wrong passwords hold
the login a while (the right one is refused too until the hold ends) and the hold is on record; the password
is stored nowhere but as its argon2 hash; a desk acts only in its own colleague's name."""

from __future__ import annotations

import uuid

import requests
from sqlalchemy import select, text

from console.store.models import AuditEntry, Note, Role, Staff
from tests.conftest import SAFE_APPID
from tests.helpers import conversation_of

OPENID = "oSIGNINfollower00000000000001"


def test_the_desks_api_needs_a_session(world):
    for path in ("/api/changes", "/api/wordlists"):
        answer = requests.get(f"{world.hub_url}{path}", timeout=10)
        assert answer.status_code == 401 and "请先登录" in answer.json()["error"]
    forged = requests.get(f"{world.hub_url}/api/changes", headers={"Authorization": "Bearer forged"}, timeout=10)
    assert forged.status_code == 401
    ok = requests.get(f"{world.hub_url}/api/changes", headers=world.auth("wangfang", "王芳"), timeout=10)
    assert ok.status_code == 200
    assert requests.post(f"{world.hub_url}/wechat/{SAFE_APPID}", timeout=10).status_code != 401  # WeChat's door


def test_five_wrong_passwords_hold_the_login_a_while(world):
    password = world.staff("wangfang", "王芳")
    url = f"{world.hub_url}/api/sign-in"
    answers = [
        requests.post(url, json={"login": "wangfang", "password": f"wrong-{n}-pass"}, timeout=30) for n in range(5)
    ]
    assert [a.status_code for a in answers] == [401] * 5
    assert [a.json()["error"] for a in answers[:4]] == ["登录名或密码不正确。"] * 4  # never "tries left"
    assert "请 1 分钟后再试" in answers[4].json()["error"]
    locked = requests.post(url, json={"login": "wangfang", "password": password}, timeout=30)
    assert locked.status_code == 401 and "分钟后再试" in locked.json()["error"]
    with world.hub.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("sign_in_failed") == 4 and "locked" in actions


def test_the_password_is_stored_only_as_its_hash(world):
    password = world.staff("wangfang", "王芳")
    requests.post(f"{world.hub_url}/api/sign-in", json={"login": "wangfang", "password": password}, timeout=30)
    with world.hub.db.engine.begin() as connection:
        stored = connection.execute(text("SELECT password_hash FROM staff_credential")).scalar_one()
    raw_connection = world.hub.db.engine.raw_connection()  # a checkpoint runs outside any transaction
    try:
        raw_connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw_connection.close()
    assert stored.startswith("$argon2id$") and password not in stored
    raw = b"".join(path.read_bytes() for path in world.home.glob("hub.db*"))
    assert password.encode() not in raw


def test_a_desk_acts_in_its_own_colleagues_name_whatever_it_claims(world):
    world.push(SAFE_APPID, OPENID, content="你好")
    conversation = conversation_of(world, OPENID)
    answer = requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": uuid.uuid4().hex,
            "kind": "note",
            "conversation_id": conversation.id,
            "args": {"body": "已电话联系"},
            "seat": "liqiang",  # what the desk claims is ignored
            "seat_name": "李强",
        },
        headers=world.auth("wangfang", "王芳", (Role.OPERATOR,)),
        timeout=30,
    )
    assert answer.status_code == 200
    with world.hub.db.session() as session:
        assert session.scalar(select(Note.author_name)) == "王芳"


def test_a_colleague_given_some_accounts_works_on_those_only(world):
    from console.staff.directory import set_accounts

    world.push(SAFE_APPID, OPENID, content="你好")
    conversation = conversation_of(world, OPENID)
    headers = world.auth("zhangmin", "张敏")
    with world.hub.db.session() as session:
        staff = session.scalar(select(Staff).where(Staff.login == "zhangmin"))
        set_accounts(session, staff.id, ["wx3333cccc4444dddd"])
    answer = requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": uuid.uuid4().hex,
            "kind": "note",
            "conversation_id": conversation.id,
            "args": {"body": "看看"},
        },
        headers=headers,
        timeout=30,
    )
    assert answer.status_code == 403 and "没有处理“某县发布”的权限" in answer.json()["error"]
