"""What every hub handler needs, reached through `request.app[CONTEXT]` (no globals)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aiohttp import web

from console.hub.feed import ChangeFeed
from console.inbox.presence import PresenceBoard
from console.publishing.worker import Publisher
from console.replies.rulebook import RuleBook
from console.screening import Screener
from console.secrets import Vault
from console.staff.setup_code import SetupCode
from console.store.database import Database
from console.timeutil import utcnow
from console.wechat.gateway import Gateway

WECHAT_WORKERS = 6  # WeChat calls at once; each has its own timeout, so a hang frees its thread in time


@dataclass
class HubContext:
    db: Database
    vault: Vault
    gateway: Gateway
    feed: ChangeFeed = field(default_factory=ChangeFeed)
    presence: PresenceBoard = field(default_factory=PresenceBoard)
    # The hub's "now" for WeChat's window rules; the demo and tests follow the sandbox's clock.
    clock: Callable[[], datetime] = utcnow
    media_root: Path | None = None  # where follower media is cached (default: the data dir)
    background: set[asyncio.Task] = field(default_factory=set)  # fire-and-forget work, kept referenced
    # Desktops on other machines may use the sync API (no staff sign-in yet: trusted networks only).
    remote_desktops: bool = False
    # Names desks may call this hub by besides its addresses (`wxconsole hub --public-name`; hub.guard).
    public_names: tuple[str, ...] = ()
    # The one-time code creating the first administrator needs (console.staff.setup_code).
    setup_code: SetupCode | None = None
    rulebook: RuleBook = field(default_factory=RuleBook)
    # The 错敏词 check every reply, template and rule passes before it is kept; None until loaded.
    screener: Screener | None = None
    wordlists_dir: Path | None = None  # the office's own lists (default: the data dir's wordlists/)
    # Stores WeChat's pushes one at a time (see callback.push).
    writer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="hub-writer"))
    # Publishes and mass-sends posts at their time (console.publishing.worker); set when the app is made.
    publisher: Publisher | None = None
    publish_wake: asyncio.Event = field(default_factory=asyncio.Event)  # a post command: look now
    # Calls to WeChat (replies, token fetches, media, publishing) run here, apart from pushes and desks,
    # so a hanging WeChat never holds up a follower's push (see console.hub.delivery).
    wechat: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(WECHAT_WORKERS, thread_name_prefix="hub-wechat")
    )


CONTEXT = web.AppKey("hub", HubContext)


def context(request: web.Request) -> HubContext:
    return request.app[CONTEXT]
