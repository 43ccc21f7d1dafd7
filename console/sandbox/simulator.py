"""A crowd of followers sending questions to the hub, for demos and end-to-end tests.

Randomness comes from a seeded random.Random so a demo or a failing test can be replayed. `step()`
does one message so tests can drive the crowd deterministically; `run()` paces it for a live demo.
"""

import asyncio
import logging
import random
import string
from dataclasses import dataclass

import aiohttp

from console.sandbox.followers import push
from console.sandbox.questions import NICKNAMES, QUESTIONS
from console.sandbox.state import SandboxState

log = logging.getLogger(__name__)

_OPENID_ALPHABET = string.ascii_letters + string.digits + "-_"


@dataclass
class SimulatedMessage:
    """What one step did: who asked what, whether it was a first contact, and the hub's answers."""

    appid: str
    openid: str
    content: str
    subscribed_first: bool
    deliveries: list[tuple[int, str]]


class FollowerSimulator:
    """N followers per account; each step a random follower of a random account asks a question."""

    def __init__(
        self,
        state: SandboxState,
        session: aiohttp.ClientSession,
        appids: list[str],
        *,
        followers_per_account: int = 8,
        seed: int | None = None,
    ) -> None:
        if not appids:
            raise ValueError("at least one appid is needed")
        for appid in appids:
            state.account(appid)
        self._state = state
        self._session = session
        self._rng = random.Random(seed)
        self.followers: dict[str, list[str]] = {
            appid: [self._new_openid() for _ in range(followers_per_account)] for appid in appids
        }
        for openids in self.followers.values():
            for openid in openids:
                state.nicknames[openid] = self._rng.choice(NICKNAMES)

    def _new_openid(self) -> str:
        """28 characters starting with "o", shaped like a real WeChat openid."""
        return "o" + "".join(self._rng.choice(_OPENID_ALPHABET) for _ in range(27))

    async def step(self) -> SimulatedMessage:
        """One follower asks one question; a first contact follows the account before asking."""
        appid = self._rng.choice(list(self.followers))
        openid = self._rng.choice(self.followers[appid])
        question = self._rng.choice(QUESTIONS)
        deliveries: list[tuple[int, str]] = []
        first = not self._state.is_subscribed(appid, openid)
        if first:
            deliveries += await push(self._session, self._state, appid, openid, event="subscribe")
        deliveries += await push(self._session, self._state, appid, openid, content=question)
        return SimulatedMessage(appid, openid, question, first, deliveries)

    async def run(self, interval: float, stop: asyncio.Event) -> None:
        """Step every `interval` seconds (±50 % jitter) until stop is set; hub failures are logged."""
        while not stop.is_set():
            delay = interval * self._rng.uniform(0.5, 1.5)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
                return
            except TimeoutError:
                pass
            try:
                await self.step()
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.warning("follower simulator could not reach the hub: %r", exc)
