"""The hub's aiohttp application. Handlers stay thin: blocking work (database, WeChat API) runs in
worker threads so one slow call never holds up WeChat's 5-second callback budget."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Coroutine
from typing import Any

from aiohttp import web
from sqlalchemy import select

from console import __version__
from console.hub import (
    audit_api,
    auth_api,
    callback,
    commands_api,
    compliance_api,
    evidence_api,
    guard,
    library_api,
    media_api,
    publishing_api,
    route_roles,
    sync_api,
)
from console.hub.context import CONTEXT, HubContext
from console.hub.delivery import deliver_reply
from console.inbox.commands import wake_snoozed
from console.replies.sending import pending_replies, recover_interrupted
from console.secrets import MissingSecrets, SecretsUnavailable
from console.store.database import Database
from console.store.models import Account
from console.wechat.callback import MAX_BODY

log = logging.getLogger(__name__)
WAKE_INTERVAL = 15.0


async def _healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True, "version": __version__})


async def _on_startup(app: web.Application) -> None:
    """Only what must be true before the first request (fast); the rest goes on once the hub listens."""
    ctx = app[CONTEXT]
    await asyncio.to_thread(library_api.load_screener, ctx)
    if await asyncio.to_thread(recover_interrupted, ctx.db):
        ctx.feed.notify()
    # WeChat waits 5 s for an answer to a push and may be slow to take a reply: the hub answers /healthz
    # and pushes at once, unlocks the secrets and sends what was waiting while it already serves.
    _keep(ctx, _unlock_secrets(ctx))
    _keep(ctx, _send_pending(ctx))


def _keep(ctx: HubContext, work: Coroutine[Any, Any, None]) -> None:
    """Run work in the background, referenced until it ends and cancelled when the hub stops."""
    task = asyncio.create_task(work)
    ctx.background.add(task)
    task.add_done_callback(ctx.background.discard)


async def _unlock_secrets(ctx: HubContext) -> None:
    """Read every account's secrets once now, so the first pushes after a start find them unlocked
    (the vault lets a push for the same account wait for this read rather than start another)."""
    for appid in await asyncio.to_thread(_appids, ctx.db):
        try:
            await asyncio.to_thread(ctx.vault.get, appid)
        except (MissingSecrets, SecretsUnavailable) as exc:
            log.warning("secrets of %s not readable at start: %s", appid, type(exc).__name__)


def _appids(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Account.appid).order_by(Account.id)))


async def _send_pending(ctx: HubContext) -> None:
    """Replies recorded but never handed to WeChat (the hub stopped in between), one at a time, so a
    slow WeChat holds one worker thread, not all of them."""
    try:
        pending = await asyncio.to_thread(pending_replies, ctx.db)
        if pending:
            log.info("sending %d replies that were waiting when the hub stopped", len(pending))
        for message_id in pending:
            await deliver_reply(ctx, message_id)  # on the WeChat pool; tells the desks itself
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("sending the waiting replies stopped; they are sent at the next start")


async def _wake_snoozed(app: web.Application) -> None:
    """稍后处理 ends on time even when no desktop is open."""
    ctx = app[CONTEXT]
    while True:
        try:
            if await asyncio.to_thread(wake_snoozed, ctx.db, ctx.clock()):
                ctx.feed.notify()
        except Exception:
            log.exception("waking snoozed conversations failed; trying again shortly")
        await asyncio.sleep(WAKE_INTERVAL)


async def _background(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(_wake_snoozed(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _on_shutdown(app: web.Application) -> None:
    ctx = app[CONTEXT]
    ctx.feed.close()
    for task in list(ctx.background):  # media prefetches: the next start fetches on demand
        task.cancel()
    await asyncio.gather(*ctx.background, return_exceptions=True)
    ctx.writer.shutdown(wait=True)
    ctx.wechat.shutdown(wait=False, cancel_futures=True)  # a call in flight ends at its own timeout


def create_hub_app(ctx: HubContext) -> web.Application:
    # A little above MAX_BODY so an oversized push reaches our handler and gets a 400, not a 413.
    app = web.Application(
        client_max_size=MAX_BODY * 4,
        middlewares=[
            sync_api.desktops_only_from_loopback,
            guard.browsers_refused,
            auth_api.signed_in_only,
            route_roles.roles_declared,
            guard.bounded_bodies,
        ],
    )
    app[CONTEXT] = ctx
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/wechat/{appid}", callback.server_check)
    app.router.add_post("/wechat/{appid}", callback.push)
    sync_api.add_routes(app)
    auth_api.add_routes(app)
    audit_api.add_routes(app)
    commands_api.add_routes(app)
    library_api.add_routes(app)
    media_api.add_routes(app, ctx.media_root)
    publishing_api.add_routes(app)
    evidence_api.add_routes(app)
    compliance_api.add_routes(app)
    app.on_startup.append(_on_startup)
    app.on_shutdown.append(_on_shutdown)
    app.cleanup_ctx.append(_background)
    return app
