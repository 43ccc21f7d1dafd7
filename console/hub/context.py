"""What every hub handler needs, reached through `request.app[CONTEXT]` (no globals)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from console.hub.feed import ChangeFeed
from console.secrets import Vault
from console.store.database import Database
from console.wechat.gateway import Gateway


@dataclass
class HubContext:
    db: Database
    vault: Vault
    gateway: Gateway
    feed: ChangeFeed = field(default_factory=ChangeFeed)
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Keep a reference to background work so it is neither collected nor forgotten."""
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


CONTEXT = web.AppKey("hub", HubContext)


def context(request: web.Request) -> HubContext:
    return request.app[CONTEXT]
