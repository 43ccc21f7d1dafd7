"""Fixtures of the adversarial suite (issue 13). Each engineer's fixtures carry their own section."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from console.store.models import Conversation, Message, Role

# --- WeChat failing: unknown outcomes, a hanging token endpoint, endless 40001 (points 5 and 11) ---

WECHAT_TIMEOUT = 2.0  # the hub's wait for each WeChat call in these tests (10 s in service)
FOLLOWER = "oSECURITYfollower000000000001"
DESK = ("desk-unknown", "赵敏", (Role.ADMINISTRATOR,))  # sees every account, whatever the access rule


class Failures:
    """Arms the sandbox's failure modes through its control API (so on the servers' own loop)."""

    def __init__(self, world: Any) -> None:
        self.url = f"{world.sandbox_url}/sandbox/failures"

    def arm(self, **modes: Any) -> dict[str, Any]:
        answer = requests.post(self.url, json=modes, timeout=5)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def clear(self) -> None:
        requests.post(self.url, json={"clear": True}, timeout=5)

    def counters(self) -> dict[str, Any]:
        return requests.get(self.url, timeout=5).json()


@pytest.fixture
def wechat_failures(world: Any) -> Iterator[Failures]:
    """The sandbox's failure modes; the hub waits WECHAT_TIMEOUT for WeChat. Cleared at the end, so no
    hang outlives the test."""
    world.hub.gateway.use_timeout(WECHAT_TIMEOUT)
    failures = Failures(world)
    yield failures
    failures.clear()


@pytest.fixture
def eventually() -> Callable[..., Any]:
    """Wait for a condition (never a fixed sleep); returns its first truthy value."""

    def wait(condition: Callable[[], Any], what: str, seconds: float = 20.0) -> Any:
        deadline = time.monotonic() + seconds
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.05)

    return wait


@pytest.fixture
def follower_conversation(world: Any) -> Callable[[str, str], Conversation]:
    """A follower writes to an account; answers the conversation the hub stored for it."""

    def make(appid: str, openid: str = FOLLOWER) -> Conversation:
        world.push(appid, openid, content="请问社保卡在哪里补办？")
        with world.hub.db.session() as session:
            for message in session.query(Message).filter(Message.dedupe_key.is_not(None)).all():
                if message.follower.openid == openid and message.account.appid == appid:
                    return session.get(Conversation, message.conversation_id)
        raise LookupError(openid)

    return make


@pytest.fixture
def desk_reply(world: Any) -> Callable[[int, str], requests.Response]:
    """A colleague's reply through the hub's API, as a desk or script sends it."""

    def send(conversation_id: int, content: str) -> requests.Response:
        return requests.post(
            f"{world.hub_url}/api/replies",
            json={"command_id": uuid.uuid4().hex, "conversation_id": conversation_id, "content": content},
            headers=world.auth(*DESK),
            timeout=60,
        )

    return send


# --- Pushes WeChat never sent: stale or replayed timestamps, bad fields, a full disk (points 6, 7, 11) ---


class Pushes:
    """Signed (and, for a safe-mode account, encrypted) pushes of any XML, as the sandbox builds them,
    posted to the hub's callback URL; `resign` gives a push another signed timestamp."""

    def __init__(self, world: Any) -> None:
        self.world = world

    def of(self, appid: str, xml: str, openid: str = FOLLOWER) -> tuple[dict[str, str], bytes]:
        from console.sandbox.job_events import envelope

        return envelope(self.world.state, appid, openid, xml)

    def resign(self, appid: str, query: dict[str, str], body: bytes, timestamp: int) -> dict[str, str]:
        """The same push signed with the account's token at `timestamp`, as one who holds the token (or
        replays a captured query with a forged body) could do."""
        import xmltodict

        from console.wechat.callback import sign

        token = self.world.state.account(appid).token
        signed = {**query, "timestamp": str(timestamp)}
        signed["signature"] = sign(token, signed["timestamp"], signed["nonce"])
        if "msg_signature" in query:
            encrypt = xmltodict.parse(body)["xml"]["Encrypt"]
            signed["msg_signature"] = sign(token, signed["timestamp"], signed["nonce"], encrypt)
        return signed

    def post(self, appid: str, query: dict[str, str], body: bytes, timeout: float = 10) -> requests.Response:
        from urllib.parse import urlencode

        return requests.post(f"{self.world.hub_url}/wechat/{appid}?{urlencode(query)}", data=body, timeout=timeout)

    def now(self) -> int:
        """WeChat's (the sandbox's) clock, which the hub's follows in tests."""
        return int(self.world.state.clock.now())


@pytest.fixture
def pushes(world: Any) -> Pushes:
    return Pushes(world)


class DiskLimit:
    """The hub's SQLite file cannot grow past its size while `full` (PRAGMA max_page_count, set on
    every connection the hub takes from its pool); `lock` holds SQLite's write lock from outside."""

    def __init__(self, world: Any) -> None:
        from sqlalchemy import event

        self.db = world.hub.db
        self.full = False
        self._holder: Any = None
        event.listen(self.db.engine, "checkout", self._limit)

    def _limit(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        # Below the file's size SQLite keeps the size: nothing can be added. Unset: SQLite's own limit.
        cursor.execute(f"PRAGMA max_page_count = {1 if self.full else 2**32 - 2}")
        cursor.execute("PRAGMA busy_timeout = 300")  # a locked file answers soon, not in 10 s
        cursor.close()

    def lock(self) -> None:
        import sqlite3

        self._holder = sqlite3.connect(self.db.path, isolation_level=None)
        self._holder.execute("BEGIN IMMEDIATE")

    def unlock(self) -> None:
        if self._holder is not None:
            self._holder.execute("ROLLBACK")
            self._holder.close()
            self._holder = None

    def close(self) -> None:
        from sqlalchemy import event

        self.unlock()
        self.full = False
        event.remove(self.db.engine, "checkout", self._limit)


@pytest.fixture
def disk_limit(world: Any) -> Iterator[DiskLimit]:
    limit = DiskLimit(world)
    yield limit
    limit.close()
