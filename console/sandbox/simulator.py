"""A crowd of followers sending questions to the hub, for demos and end-to-end tests.

Randomness comes from a seeded random.Random so a demo or a failing test can be replayed. `step()`
does one message so tests can drive the crowd deterministically; `run()` paces it for a live demo.

Every step ends with one typed question, because that is what residents mostly send and what the
inbox is for. Now and then a returning follower first sends something else — a photo of a broken
street lamp, a voice note, their location, a forwarded article, a menu tap — and then types about it,
so the demo inbox shows every kind of message without drowning the text.
"""

import asyncio
import logging
import random
import string
from dataclasses import dataclass
from typing import Any

import aiohttp

from console.sandbox.follower_messages import Image, Link, Location, Voice
from console.sandbox.followers import push
from console.sandbox.questions import (
    AFTER_VOICE,
    LINK_QUESTIONS,
    LOCATION_QUESTIONS,
    MENU_KEYS,
    NICKNAMES,
    PHOTO_REPORTS,
    PLACES,
    QUESTIONS,
    SHARED_LINKS,
)
from console.sandbox.state import SandboxState

log = logging.getLogger(__name__)

_OPENID_ALPHABET = string.ascii_letters + string.digits + "-_"

# How often a returning follower sends something before the question, and which kinds, by weight.
EXTRA_SHARE = 0.25
_EXTRA_WEIGHTS = {"image": 3, "CLICK": 3, "location": 2, "voice": 2, "link": 2}


@dataclass
class SimulatedMessage:
    """What one step did: who asked what, whether it was a first contact, and the hub's answers."""

    appid: str
    openid: str
    content: str
    subscribed_first: bool
    deliveries: list[tuple[int, str]]
    extra: str | None = None  # MsgType or Event sent just before the question (image, CLICK…), if any


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

    def _extra(self, question: str) -> tuple[str, dict[str, Any], str]:
        """A non-text message to send first: (its kind, push keyword arguments, the question after it)."""
        kinds = list(_EXTRA_WEIGHTS)
        kind = self._rng.choices(kinds, weights=[_EXTRA_WEIGHTS[k] for k in kinds])[0]
        if kind == "image":
            return kind, {"message": Image()}, self._rng.choice(PHOTO_REPORTS)
        if kind == "voice":
            return kind, {"message": Voice(recognition=question)}, self._rng.choice(AFTER_VOICE)
        if kind == "location":
            latitude, longitude, label = self._rng.choice(PLACES)
            place = Location(latitude, longitude, label)
            return kind, {"message": place}, self._rng.choice(LOCATION_QUESTIONS)
        if kind == "link":
            title, description, url = self._rng.choice(SHARED_LINKS)
            return kind, {"message": Link(title, url, description)}, self._rng.choice(LINK_QUESTIONS)
        return kind, {"event": "CLICK", "event_key": self._rng.choice(MENU_KEYS)}, question

    async def step(self) -> SimulatedMessage:
        """One follower asks one question; a first contact follows the account before asking, and a
        returning follower sometimes sends a photo, voice note, location, link or menu tap first."""
        appid = self._rng.choice(list(self.followers))
        openid = self._rng.choice(self.followers[appid])
        question = self._rng.choice(QUESTIONS)
        deliveries: list[tuple[int, str]] = []
        extra: str | None = None
        first = not self._state.is_subscribed(appid, openid)
        if first:
            deliveries += await push(self._session, self._state, appid, openid, event="subscribe")
        elif self._rng.random() < EXTRA_SHARE:
            extra, kwargs, question = self._extra(question)
            deliveries += await push(self._session, self._state, appid, openid, **kwargs)
        deliveries += await push(self._session, self._state, appid, openid, content=question)
        return SimulatedMessage(appid, openid, question, first, deliveries, extra)

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
