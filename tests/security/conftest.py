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
