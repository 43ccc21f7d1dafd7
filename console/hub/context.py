"""What every hub handler needs, reached through `request.app[CONTEXT]` (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # Desktops on other machines may use the sync API (no staff sign-in yet: trusted networks only).
    remote_desktops: bool = False


CONTEXT = web.AppKey("hub", HubContext)


def context(request: web.Request) -> HubContext:
    return request.app[CONTEXT]
