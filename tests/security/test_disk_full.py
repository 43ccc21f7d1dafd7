"""A push the hub cannot store (issue 13, point 11): while the database file cannot grow (SQLite's
max_page_count, as on a full disk) or is locked by another writer, WeChat's pushes get 503, so WeChat
tries again; the log says so in one plain line each; once space returns the retried push is stored
exactly once, and the database and the audit chain are intact."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from console.audit.chain import verify
from console.sandbox import build_push
from console.store.models import Message
from tests.conftest import PLAIN_APPID, SAFE_APPID

OPENID = "oSECURITYdiskfull000000000001"
BIG = "县里的路灯坏了，" * 2000  # ~48 KB of UTF-8: new pages for the row and its search index


def messages(world, content: str) -> int:
    with world.hub.db.session() as session:
        return session.query(Message).filter(Message.content == content).count()


def integrity(world) -> str:
    with sqlite3.connect(world.hub.db.path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def audit_ok(world) -> bool:
    with world.hub.db.session() as session:
        return verify(session).ok


def hub_log_problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Tracebacks anywhere, and aiohttp's "Error handling request" (an unhandled exception: a 500)."""
    return [r for r in caplog.records if r.exc_info or r.name.startswith("aiohttp")]


@pytest.mark.parametrize("appid", [PLAIN_APPID, SAFE_APPID], ids=["plaintext", "aes"])
def test_pushes_get_503_while_the_disk_is_full_and_are_stored_once_when_space_returns(
    world, pushes, disk_limit, caplog, appid
):
    world.push(appid, OPENID, content="满盘之前的留言")  # an account, a follower, a conversation already there
    content = f"{appid} {BIG}"
    query, body = build_push(world.state, appid, OPENID, content=content, msg_id=7_700_000_000_000_001)
    disk_limit.full = True
    with caplog.at_level(logging.INFO):
        answers = [pushes.post(appid, query, body).status_code for _ in range(3)]  # WeChat's three tries
    assert answers == [503, 503, 503]
    assert messages(world, content) == 0
    full_lines = [r for r in caplog.records if "not stored" in r.getMessage()]
    assert len(full_lines) == 3
    assert all("database or disk is full" in r.getMessage() and "\n" not in r.getMessage() for r in full_lines)
    assert hub_log_problems(caplog) == []

    disk_limit.full = False  # space returns; WeChat tries again (and again, as it may)
    assert pushes.post(appid, query, body).status_code == 200
    assert pushes.post(appid, query, body).status_code == 200
    assert messages(world, content) == 1
    assert integrity(world) == "ok"
    assert audit_ok(world)
    assert hub_log_problems(caplog) == []


def test_a_push_arriving_while_the_database_is_locked_gets_503_then_is_stored_once(world, pushes, disk_limit, caplog):
    world.push(PLAIN_APPID, OPENID, content="加锁之前的留言")
    query, body = build_push(world.state, PLAIN_APPID, OPENID, content="加锁时到达的留言", msg_id=7_700_000_000_000_002)
    disk_limit.lock()
    with caplog.at_level(logging.INFO):
        answer = pushes.post(PLAIN_APPID, query, body)
    disk_limit.unlock()
    assert answer.status_code == 503
    assert any("database is locked" in r.getMessage() for r in caplog.records)
    assert hub_log_problems(caplog) == []
    assert pushes.post(PLAIN_APPID, query, body).status_code == 200
    assert pushes.post(PLAIN_APPID, query, body).status_code == 200
    assert messages(world, "加锁时到达的留言") == 1
    assert integrity(world) == "ok"
    assert audit_ok(world)


def test_many_pushes_while_full_then_all_stored_once(world, pushes, disk_limit):
    world.push(SAFE_APPID, OPENID, content="开始")
    batch = [
        build_push(
            world.state, SAFE_APPID, f"oSECURITYdisk{n:016d}", content=f"{n} {BIG}", msg_id=7_700_000_000_100_000 + n
        )
        for n in range(8)
    ]
    disk_limit.full = True
    assert {pushes.post(SAFE_APPID, q, b).status_code for q, b in batch} == {503}
    disk_limit.full = False
    assert {pushes.post(SAFE_APPID, q, b).status_code for q, b in batch + batch} == {200}
    for n in range(8):
        assert messages(world, f"{n} {BIG}") == 1
    assert integrity(world) == "ok"
    assert audit_ok(world)
